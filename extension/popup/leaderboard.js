/* The popup's Leaderboard tab: my team or the company, this week or month, opting out, and
   thanking a colleague from their row. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  const { app, view, send } = popup;
  const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

  function segmented(label, options, current, onPick) {
    return el('div', { class: 'segmented', role: 'group', 'aria-label': label },
      ...options.map(([value, text]) => el('button', {
        type: 'button', 'aria-pressed': String(current === value), class: current === value ? 'on' : '',
        onclick: () => onPick(value)
      }, text)));
  }

  async function showLeaderboard() {
    const controls = el('div', { class: 'controls' },
      segmented(t('scopeLabel'), [['team', t('scopeTeam')], ['company', t('scopeCompany')]], view.scope,
        (v) => { view.scope = v; showLeaderboard(); }),
      segmented(t('periodLabel'), [['week', t('periodWeek')], ['month', t('periodMonth')]], view.period,
        (v) => { view.period = v; showLeaderboard(); }));
    app.replaceChildren(popup.tabBar(), controls, el('p', { class: 'muted' }, t('loadingShort')));
    const reply = await send({ type: 'leaderboard', period: view.period, scope: view.scope });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), controls, el('p', { class: 'notice' }, reply.error || t('boardUnavailable')));
      return;
    }
    const board = reply.data;
    const rows = board.entries.map((e) => leaderRow(e));
    if (!board.entries.some((e) => e.is_you)) {
      rows.push(el('li', { class: 'gap', 'aria-hidden': 'true' }, '⋯'),
        leaderRow({ ...board.you, name: view.me ? view.me.user.name : t('youName'), team: view.me && view.me.user.team, is_you: true }));
    }
    const list = board.entries.length
      ? el('ol', { class: 'board', 'aria-label': t('tabLeaderboard') }, ...rows)
      : el('p', { class: 'muted empty-line' }, t('boardEmpty'));
    const optIn = el('input', { type: 'checkbox', id: 'optin', checked: !board.you.opted_out });
    optIn.addEventListener('change', async () => {
      await send({ type: 'setLeaderboardOptOut', optOut: !optIn.checked });
      showLeaderboard();
    });
    const parts = [popup.tabBar(), controls, list,
      el('label', { class: 'switch', for: 'optin' }, optIn, t('boardOptIn'))];
    if (board.you.opted_out) {
      parts.push(el('p', { class: 'muted' }, t('boardHidden')));
    }
    app.replaceChildren(...parts);
  }

  function leaderRow(entry) {
    const ratio = Math.round((entry.personal_share_ratio || 0) * 100);
    const row = el('li', { class: entry.is_you ? 'me' : '', 'data-rank': entry.rank },
      el('span', { class: 'rank' }, String(entry.rank)),
      el('span', { class: 'who-col' },
        el('span', { class: 'name' }, entry.name, entry.is_you ? el('span', { class: 'pill' }, t('youPill')) : null),
        el('span', { class: 'sub' }, [entry.team, ratio ? t('ownVoiceRatio', ratio) : null].filter(Boolean).join(' · '))),
      el('span', { class: 'pts' }, String(entry.points)));
    if (!entry.is_you && entry.user_id) {
      const thank = el('button', { type: 'button', class: 'secondary small', 'aria-label': t('thankLabel', entry.name),
        onclick: () => kudosForm(row, entry, thank) }, t('thankButton'));
      row.append(thank);
    }
    return row;
  }

  /** The thank-you form under a row. Send is off while it sends; once sent, the form goes and
      the row's Thank button with it (thanked), so nothing is left to send twice. */
  function kudosForm(row, entry, thank) {
    if (row.querySelector('form')) return;
    // A sentence or two: Enter starts a new line, Ctrl+Enter (⌘+Enter on a Mac) sends.
    const keysId = `kudos-keys-${entry.user_id}`;
    const input = el('textarea', { rows: 2, maxlength: 280, required: true, 'aria-label': t('messageTo', entry.name),
      'aria-describedby': keysId, placeholder: t('thankPlaceholder', entry.name) });
    const keys = el('p', { class: 'keys muted', id: keysId }, t('thankSendKeys', IS_MAC ? '⌘' : 'Ctrl'));
    const status = el('span', { class: 'form-result', role: 'status' });
    const submit = el('button', { type: 'submit' }, t('sendButton'));
    const form = el('form', { class: 'kudos-form' }, input, submit, keys);
    input.addEventListener('input', () => fitToWords(input));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit(submit); // checks `required` as a click on Send does
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const reply = await send({ type: 'giveKudos', toUserId: entry.user_id, message: input.value });
      status.textContent = reply.ok ? t('thanksSent') : reply.error;
      if (!reply.ok) {
        submit.disabled = false;
        return;
      }
      thank.disabled = true;
      form.remove();
    });
    row.append(form, status);
    input.focus();
  }

  /** The text area as tall as its words, up to its CSS max-height (then it scrolls). */
  function fitToWords(area) {
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
  }

  popup.views.leaderboard = showLeaderboard;
})(globalThis);
