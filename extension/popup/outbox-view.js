/* The popup's share-logging parts: shares waiting in the outbox, shares the server refused
   (each with Retry and Discard: never kept or dropped silently), and "Log a share made
   elsewhere". Failure kinds: lib/failures.js. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t, tp } = ns;

  // What n waiting shares wait for, by the kind of failure: retrying alone cannot help some.
  const WAITING = {
    unauthorized: (n) => tp('outboxWaitReconnect', n),
    not_connected: (n) => tp('outboxWaitConnect', n)
  };
  const QUEUED = {
    timeout: () => t('savedTimeout'),
    unreadable: () => t('savedUnreadable'),
    unauthorized: () => t('savedUntilReconnect'),
    not_connected: () => t('savedUntilConnect')
  };
  const QUEUED_DEFAULT = () => t('savedUntilServer');

  /** The outbox's parts in one box that redraws itself after each action, and whenever the
      outbox changes (a share the service worker delivered meanwhile left the count as it was).
      A share a Retry logged changes the points and the recent shares above and below it:
      `onLogged(message)` draws the whole view again, the message kept in the new box. */
  function outboxSection(outbox, { message = '', onLogged = null } = {}) {
    const box = el('div', { class: 'outbox' });
    box.redraw = async (said = '') => draw(box, (await popup.send({ type: 'outboxState' })).outbox, said);
    box.logged = onLogged;
    draw(box, outbox, message);
    return box;
  }

  // The outbox changed (a retry in the background, another popup): every box shown is drawn
  // again, its last outcome kept; not while one of its own actions runs (that draws it after).
  ns.storage.onChange(['outbox', 'outboxFailed'], () => {
    for (const box of document.querySelectorAll('.outbox')) if (box.redraw && !box.busy) box.redraw(box.message);
  });

  function draw(box, { waiting, failed }, message) {
    const drawn = JSON.stringify([waiting.map((i) => [i.key, i.lastKind]), failed.map((i) => i.key), message, popup.connected]);
    if (drawn === box.drawn && !box.keepFocus) return; // nothing new: a live region drawn again is read again
    const had = box.contains(document.activeElement) ? document.activeElement : null;
    const mark = box.keepFocus || (had && { key: had.closest('[data-failed]')?.dataset.failed, action: had.dataset.action });
    box.keepFocus = null;
    box.drawn = drawn;
    box.message = message;
    box.replaceChildren(...[
      waitingNotice(waiting, box),
      failedList(failed, box),
      message ? el('p', { class: 'form-result', role: 'status', tabindex: '-1', 'data-outcome': '' }, message) : null
    ].filter(Boolean));
    box.hidden = box.childElementCount === 0;
    if (mark) refocus(box, mark);
  }

  /** The keyboard's place after a redraw took its control away: the same control if it is
      still there, else what the action came to, else the box's first control (never <body>). */
  function refocus(box, { key, action }) {
    const row = key ? box.querySelector(`[data-failed="${CSS.escape(key)}"]`) : box;
    const same = row && action ? row.querySelector(`[data-action="${CSS.escape(action)}"]:not(:disabled)`) : null;
    const target = same || box.querySelector('[data-outcome]') || box.querySelector('button:not(:disabled), a[href]');
    if (target) target.focus();
  }

  /** An action of the box: its buttons are off while it runs, and the focus is kept for after. */
  async function busyWith(box, mark, run) {
    box.busy = true;
    box.keepFocus = mark;
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    try {
      return await run();
    } finally {
      box.busy = false;
    }
  }

  function waitingNotice(waiting, box) {
    if (!waiting.length) return null;
    const n = waiting.length;
    // Connected now, what waited for a connection waits no more: it is being sent.
    const blockedOn = popup.connected ? null : waiting.map((i) => WAITING[i.lastKind]).find(Boolean);
    if (blockedOn) return el('p', { class: 'notice', role: 'status', 'data-outbox': n }, blockedOn(n));
    return el('p', { class: 'notice', role: 'status', 'data-outbox': n }, tp('outboxWaitRetrying', n),
      el('button', { class: 'secondary', type: 'button', 'data-action': 'retry-now', onclick: async () => {
        const reply = await busyWith(box, { action: 'retry-now' }, () => popup.send({ type: 'flush' }));
        const said = sentNow(waiting, reply.outbox);
        if (box.logged && reply.outbox.waiting.length < n) box.logged(said); // some landed: the points changed
        else draw(box, reply.outbox, said);
      } }, t('retryNow')));
  }

  /** What a Retry now came to: how many of the shares that waited are logged, else why they
      still wait (said, and given the focus: the notice may have gone with its button). */
  function sentNow(before, { waiting, failed }) {
    const still = new Set([...waiting, ...failed].map((i) => i.key));
    const logged = before.filter((i) => !still.has(i.key)).length;
    if (logged) return tp('outboxLogged', logged);
    return (waiting[0] && waiting[0].lastError) || '';
  }

  function failedList(failed, box) {
    if (!failed.length) return null;
    return el('section', { class: 'failed', 'aria-labelledby': 'failed-h' },
      el('h2', { id: 'failed-h' }, t('notLoggedHeading')),
      el('p', { class: 'muted' }, tp('serverRefused', failed.length)),
      el('ul', { class: 'failed-list' }, ...failed.map((item) => failedItem(item, box))));
  }

  function failedItem(item, box) {
    const body = item.body || {};
    // Named as Recent shares names a share: by its post's opening words when it holds them
    // (logged from the card), else by its link (it was by its id even then).
    const opening = ns.openingWords(body.text);
    const label = opening ? `“${opening}”` : popup.shortUrl(body.url || '');
    const when = item.failedAt || item.queuedAt;
    const status = el('span', { class: 'form-result', role: 'status' });
    const act = (type, busy, extra = {}) => async (event) => {
      status.textContent = busy;
      const action = event.currentTarget.dataset.action;
      const reply = await busyWith(box, { key: item.key, action }, () => popup.send({ type, key: item.key, ...extra }));
      const outcome = type === 'discardShare' ? t('discarded', label) : retried(reply, label);
      if (reply.ok && box.logged) box.logged(outcome);
      else box.redraw(outcome);
    };
    // Refused for its story (ended, not for this person, another server's): said in words, and
    // logged without it rather than retried as it was, which can only be refused again.
    const retry = item.storyRefused
      ? el('button', { type: 'button', class: 'small', 'data-action': 'retry-without-story',
        'aria-label': t('logWithoutStoryLabel', label), onclick: act('retryShare', t('retrying'), { withoutStory: true }) },
      t('logWithoutStory'))
      : el('button', { type: 'button', class: 'small', 'data-action': 'retry', 'aria-label': t('retryLabel', label),
        onclick: act('retryShare', t('retrying')) }, t('retry'));
    const row = el('li', { 'data-failed': item.key },
      popup.networkMark(body.network),
      // The label wraps rather than being cut: its end (the post's id) tells two shares apart;
      // its tooltip is the link.
      ns.isHttpUrl(body.url)
        ? el('a', { class: 'what', href: body.url, target: '_blank', rel: 'noopener', title: body.url }, label)
        : el('span', { class: 'what', title: label }, label),
      when ? el('span', { class: 'when' }, popup.timeAgo(new Date(when).toISOString())) : null,
      el('p', { class: 'why' }, item.storyRefused ? t('storyRefused') : item.error || t('serverRefusedIt')),
      el('div', { class: 'actions' },
        retry,
        el('button', { type: 'button', class: 'secondary small', 'data-action': 'discard', 'aria-label': t('discardLabel', label),
          onclick: act('discardShare', t('discarding')) }, t('discard'))),
      status);
    return row;
  }

  /** What a log or a retry came to, in a sentence. */
  function said(reply) {
    if (reply.queued) return (QUEUED[reply.kind] || QUEUED_DEFAULT)();
    if (!reply.ok || !reply.data) return reply.error || t('cardSomethingWrong');
    if (reply.data.duplicate) return t('alreadyLoggedSentence');
    const why = ns.zeroReasonKey(reply.data.points_breakdown, reply.data.share);
    return why ? t(why) : tp('loggedPoints', reply.data.points_awarded);
  }

  function retried(reply, label) {
    return !reply.ok && !reply.queued ? t('retriedRefused', label, said(reply)) : t('retriedResult', label, said(reply));
  }

  /** A link field's own error line (not the browser's bubble: the form is novalidate),
      tied to the field for screen readers. `check()` gives the fixed-up link, or null after
      saying why in the line. */
  function linkField(input, errorId, message) {
    const error = el('p', { class: 'field-error', id: errorId, hidden: true });
    const clear = () => {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      error.hidden = true;
      error.textContent = '';
    };
    input.addEventListener('input', clear);
    const check = (optional = false) => {
      const raw = input.value.trim();
      if (optional && !raw) return clear() || '';
      const link = ns.typedLink(raw);
      if (link) {
        input.value = link;
        clear();
        return link;
      }
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', errorId);
      input.focus();
      return null;
    };
    return { error, check };
  }

  /** "Log a share made elsewhere": a pasted link goes through the outbox like any share. */
  function logForm(outboxBox, onLogged) {
    // Ids: the view drawn again after a log gives the focus back to the same control.
    const input = el('input', { type: 'text', id: 'log-url', inputmode: 'url', autocomplete: 'url', spellcheck: 'false',
      name: 'url', required: true, placeholder: t('logPlaceholder'), 'aria-label': t('logLinkLabel') });
    const field = linkField(input, 'log-error', t('notALink'));
    // What the last log came to, kept through the redraw that shows its points (it was gone
    // 0.9 s after it was said): written before the view is drawn again, read as it is.
    const result = el('p', { class: 'form-result', role: 'status', 'data-log-result': '' }, popup.lastLogged || '');
    popup.lastLogged = '';
    const form = el('form', { 'aria-label': t('logFormLabel'), novalidate: true },
      input, el('button', { type: 'submit', id: 'log-submit' }, t('logButton')), field.error, result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      result.textContent = '';
      const url = field.check();
      if (!url) return;
      result.textContent = t('cardLogging');
      const reply = await popup.send({ type: 'logShare', typed: true, share: { url, network: ns.networkOf(url), source: 'popup' } });
      result.textContent = said(reply);
      // Queued, the link is kept in the outbox: left in the field, Log again looked needed.
      if (reply.queued) input.value = '';
      if (reply.ok) {
        popup.lastLogged = result.textContent;
        setTimeout(onLogged, 900);
      }
      else outboxBox.redraw(); // it now waits (a refused link is only answered here)
    });
    return el('section', {}, el('h2', {}, t('logElsewhere')), form);
  }

  Object.assign(popup, { outboxSection, logForm, linkField });
})(globalThis);
