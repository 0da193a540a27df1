/* The popup's share-logging parts: shares waiting in the outbox, shares the server refused
   (each with Retry and Discard: never kept or dropped silently), and "Log a share made
   elsewhere". Failure kinds: lib/failures.js. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;

  // What shares wait for when retrying alone cannot help, by the kind of failure.
  const WAITING_FOR = { unauthorized: 'you reconnect Firsthand', not_connected: 'you connect Firsthand' };
  const QUEUED = {
    unauthorized: 'Saved: it will be logged once you reconnect Firsthand.',
    not_connected: 'Saved: it will be logged once you connect Firsthand.'
  };
  const QUEUED_DEFAULT = 'Saved: it will be logged when the server is back.';

  /** The outbox's parts in one box that redraws itself after each action. */
  function outboxSection(outbox) {
    const box = el('div', { class: 'outbox' });
    box.redraw = async (message = '') => draw(box, (await popup.send({ type: 'outboxState' })).outbox, message);
    draw(box, outbox, '');
    return box;
  }

  function draw(box, { waiting, failed }, message) {
    box.replaceChildren(...[
      waitingNotice(waiting, box),
      failedList(failed, box),
      message ? el('p', { class: 'form-result', role: 'status', 'data-outcome': '' }, message) : null
    ].filter(Boolean));
    box.hidden = box.childElementCount === 0;
  }

  function waitingNotice(waiting, box) {
    if (!waiting.length) return null;
    const n = waiting.length;
    const what = `${n} ${n === 1 ? 'share is' : 'shares are'} waiting to be logged`;
    const blockedOn = waiting.map((i) => WAITING_FOR[i.lastKind]).find(Boolean);
    if (blockedOn) return el('p', { class: 'notice', role: 'status', 'data-outbox': n }, `${what} until ${blockedOn}.`);
    return el('p', { class: 'notice', role: 'status', 'data-outbox': n }, `${what}; Firsthand keeps retrying.`,
      el('button', { class: 'secondary', type: 'button', onclick: async () => {
        const reply = await popup.send({ type: 'flush' });
        draw(box, reply.outbox, '');
      } }, 'Retry now'));
  }

  function failedList(failed, box) {
    if (!failed.length) return null;
    const one = failed.length === 1;
    return el('section', { class: 'failed', 'aria-labelledby': 'failed-h' },
      el('h2', { id: 'failed-h' }, 'Not logged'),
      el('p', { class: 'muted' }, `The server refused ${one ? 'this share' : 'these shares'}. ` +
        'Retry once the problem is fixed, or discard.'),
      el('ul', { class: 'failed-list' }, ...failed.map((item) => failedItem(item, box))));
  }

  function failedItem(item, box) {
    const body = item.body || {};
    const label = popup.shortUrl(body.url || '');
    const when = item.failedAt || item.queuedAt;
    const status = el('span', { class: 'form-result', role: 'status' });
    const act = (type, busy) => async () => {
      for (const b of row.querySelectorAll('button')) b.disabled = true;
      status.textContent = busy;
      const reply = await popup.send({ type, key: item.key });
      box.redraw(type === 'discardShare' ? `Discarded ${label}.` : retried(reply, label));
    };
    const row = el('li', { 'data-failed': item.key },
      popup.networkMark(body.network),
      ns.isHttpUrl(body.url)
        ? el('a', { class: 'what', href: body.url, target: '_blank', rel: 'noopener' }, label)
        : el('span', { class: 'what' }, label),
      when ? el('span', { class: 'when' }, ns.timeAgo(new Date(when).toISOString())) : null,
      el('p', { class: 'why' }, item.error || 'The server refused it.'),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'small', 'data-action': 'retry', 'aria-label': `Retry logging ${label}`,
          onclick: act('retryShare', 'Retrying…') }, 'Retry'),
        el('button', { type: 'button', class: 'secondary small', 'data-action': 'discard', 'aria-label': `Discard ${label}`,
          onclick: act('discardShare', 'Discarding…') }, 'Discard')),
      status);
    return row;
  }

  /** What a log or a retry came to, in a sentence. */
  function said(reply) {
    if (reply.queued) return QUEUED[reply.kind] || QUEUED_DEFAULT;
    if (!reply.ok) return reply.error || 'Something went wrong.';
    return reply.data.duplicate ? 'Already logged.' : `Logged: +${reply.data.points_awarded} points.`;
  }

  function retried(reply, label) {
    return `${label}: ${!reply.ok && !reply.queued ? 'refused again. ' : ''}${said(reply)}`;
  }

  /** "Log a share made elsewhere": a pasted link goes through the outbox like any share. */
  function logForm(outboxBox, onLogged) {
    const input = el('input', { type: 'url', name: 'url', required: true, placeholder: 'Paste the link to your post',
      'aria-label': 'Link to your post' });
    const result = el('p', { class: 'form-result', role: 'status' });
    const form = el('form', { 'aria-label': 'Log a share' }, input, el('button', { type: 'submit' }, 'Log'), result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const url = input.value.trim();
      if (!ns.isHttpUrl(url)) {
        result.textContent = 'That does not look like a link. Copy it from the post’s “…” menu.';
        return;
      }
      result.textContent = 'Logging…';
      const reply = await popup.send({ type: 'logShare', share: { url, network: ns.networkOf(url), source: 'popup' } });
      result.textContent = said(reply);
      if (reply.ok) setTimeout(onLogged, 900);
      else outboxBox.redraw(); // it now waits, or sits in the refused list
    });
    return el('section', {}, el('h2', {}, 'Log a share made elsewhere'), form);
  }

  Object.assign(popup, { outboxSection, logForm });
})(globalThis);
