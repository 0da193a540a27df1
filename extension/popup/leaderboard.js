/* The popup's Leaderboard tab: my team or the company, this week or month, opting out, and
   thanking a colleague from their row. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;
  const { app, view, send } = popup;

  function segmented(label, options, current, onPick) {
    return el('div', { class: 'segmented', role: 'group', 'aria-label': label },
      ...options.map(([value, text]) => el('button', {
        type: 'button', 'aria-pressed': String(current === value), class: current === value ? 'on' : '',
        onclick: () => onPick(value)
      }, text)));
  }

  async function showLeaderboard() {
    const controls = el('div', { class: 'controls' },
      segmented('Scope', [['team', 'My team'], ['company', 'Company']], view.scope, (v) => { view.scope = v; showLeaderboard(); }),
      segmented('Period', [['week', 'This week'], ['month', 'This month']], view.period, (v) => { view.period = v; showLeaderboard(); }));
    app.replaceChildren(popup.tabBar(), controls, el('p', { class: 'muted' }, 'Loading…'));
    const reply = await send({ type: 'leaderboard', period: view.period, scope: view.scope });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), controls, el('p', { class: 'notice' }, reply.error || 'The leaderboard is unavailable.'));
      return;
    }
    const board = reply.data;
    const rows = board.entries.map((e) => leaderRow(e));
    if (!board.entries.some((e) => e.is_you)) {
      rows.push(el('li', { class: 'gap', 'aria-hidden': 'true' }, '⋯'),
        leaderRow({ ...board.you, name: view.me ? view.me.user.name : 'You', team: view.me && view.me.user.team, is_you: true }));
    }
    const list = board.entries.length
      ? el('ol', { class: 'board', 'aria-label': 'Leaderboard' }, ...rows)
      : el('p', { class: 'muted empty-line' }, 'Nobody has points in this period yet. Be the first!');
    const optIn = el('input', { type: 'checkbox', id: 'optin', checked: !board.you.opted_out });
    optIn.addEventListener('change', async () => {
      await send({ type: 'setLeaderboardOptOut', optOut: !optIn.checked });
      showLeaderboard();
    });
    const parts = [popup.tabBar(), controls, list,
      el('label', { class: 'switch', for: 'optin' }, optIn, 'Show me on colleagues’ leaderboards')];
    if (board.you.opted_out) {
      parts.push(el('p', { class: 'muted' }, 'You are hidden from others; only you see your rank.'));
    }
    app.replaceChildren(...parts);
  }

  function leaderRow(entry) {
    const ratio = Math.round((entry.personal_share_ratio || 0) * 100);
    const row = el('li', { class: entry.is_you ? 'me' : '', 'data-rank': entry.rank },
      el('span', { class: 'rank' }, String(entry.rank)),
      el('span', { class: 'who-col' },
        el('span', { class: 'name' }, entry.name, entry.is_you ? el('span', { class: 'pill' }, 'You') : null),
        el('span', { class: 'sub' }, [entry.team, ratio ? `${ratio}% in their own voice` : null].filter(Boolean).join(' · '))),
      el('span', { class: 'pts' }, String(entry.points)));
    if (!entry.is_you && entry.user_id) {
      row.append(el('button', { type: 'button', class: 'secondary small', 'aria-label': `Thank ${entry.name}`,
        onclick: () => kudosForm(row, entry) }, 'Thank'));
    }
    return row;
  }

  function kudosForm(row, entry) {
    if (row.querySelector('form')) return;
    const input = el('input', { type: 'text', maxlength: 280, required: true, 'aria-label': `Message to ${entry.name}`,
      placeholder: `Thank ${entry.name} for a post…` });
    const status = el('span', { class: 'form-result', role: 'status' });
    const form = el('form', { class: 'kudos-form' }, input, el('button', { type: 'submit' }, 'Send'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const reply = await send({ type: 'giveKudos', toUserId: entry.user_id, message: input.value });
      status.textContent = reply.ok ? 'Thanks sent ✓' : reply.error;
      if (reply.ok) input.disabled = true;
    });
    row.append(form);
    input.focus();
  }

  popup.views.leaderboard = showLeaderboard;
})(globalThis);
