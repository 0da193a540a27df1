/* The thank-you form of the popup: under a colleague's row on the Leaderboard (Thank) and under
   a kudos received on the Kudos tab (Thank back). Both send the same POST /kudos, and the server
   decides who may be thanked: its refusal is shown where the form was. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  // Refusals that sending again cannot change (api/kudos.py): the colleague is gone, or is you.
  const FINAL = new Set(['deactivated_user', 'unknown_user', 'self_kudos']);
  let opened = 0; // each form's hint gets an id of its own: a colleague may be on the list twice

  /** The thank-you form for `person` ({id, name}) at the end of `host`, opened by `opener`.
      Send is off while it sends; once sent, or refused for good, the form goes and the opener
      is off, so nothing is left to send twice; focus moves to what the server answered. Escape
      closes it and gives focus back to the opener. */
  popup.thankForm = function thankForm(host, person, opener, placeholder) {
    const open = host.querySelector('form.kudos-form');
    if (open) {
      open.querySelector('textarea').focus();
      return;
    }
    host.querySelector('.form-result')?.remove(); // an earlier refusal: this is a new try
    // A sentence or two: Enter starts a new line, Ctrl+Enter (⌘+Enter on a Mac) sends.
    const keysId = `kudos-keys-${++opened}`;
    const input = el('textarea', { rows: 2, maxlength: 280, required: true, 'aria-label': t('messageTo', person.name),
      'aria-describedby': keysId, placeholder });
    const keys = el('p', { class: 'keys muted', id: keysId }, t('thankSendKeys', IS_MAC ? '⌘' : 'Ctrl'));
    const status = el('span', { class: 'form-result', role: 'status', tabindex: '-1' });
    const submit = el('button', { type: 'submit' }, t('sendButton'));
    const form = el('form', { class: 'kudos-form' }, input, submit, keys);
    input.addEventListener('input', () => fitToWords(input));
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        form.remove();
        status.remove();
        opener.focus();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit(submit); // checks `required` as a click on Send does
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const reply = await popup.send({ type: 'giveKudos', toUserId: person.id, message: input.value });
      const code = !reply.ok && reply.data && reply.data.error ? reply.data.error.code : null;
      status.textContent = reply.ok ? t('thanksSent') : reply.error || t('failureBadRequest');
      status.classList.toggle('refused', !reply.ok);
      if (reply.ok || FINAL.has(code)) {
        opener.disabled = true;
        form.remove();
        status.focus();
        return;
      }
      submit.disabled = false;
      input.focus(); // the words are still there, to change or send again
    });
    host.append(form, status);
    input.focus();
  };

  /** The text area as tall as its words, up to its CSS max-height (then it scrolls). */
  function fitToWords(area) {
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
  }
})(globalThis);
