/* The popup's Leaderboard tab: my team or the company, this week, this month or ever, opting out, and
   thanking a colleague from their row. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  const { view, send } = popup;

  /** Buttons of which one is on; an option [value, text, why] with a `why` is off, its reason
      (the id of a line that says it) read with it. Each has an id (`name`-value): the board
      redraws on a pick, and popup.render gives the focus back by it. */
  function segmented(name, label, options, current, onPick) {
    return el('div', { class: 'segmented', role: 'group', 'aria-label': label },
      ...options.map(([value, text, why]) => el('button', {
        type: 'button', id: `${name}-${value}`, 'aria-pressed': String(current === value), class: current === value ? 'on' : '',
        disabled: Boolean(why), 'aria-describedby': why, onclick: () => onPick(value)
      }, text)));
  }

  /** Whether the caller is in a team, as /me last said (the popup read it when it opened). */
  const inTeam = () => !view.me || Boolean(view.me.user.team);

  async function showLeaderboard() {
    // No team, no team board: the company's shows, and "My team" is off with the reason beside it.
    if (!inTeam()) view.scope = 'company';
    const why = inTeam() ? null : el('p', { class: 'muted small', id: 'scope-why' }, t('scopeTeamNone'));
    const controls = el('div', { class: 'controls' },
      segmented('scope', t('scopeLabel'), [['team', t('scopeTeam'), why && 'scope-why'], ['company', t('scopeCompany')]],
        view.scope, (v) => { view.scope = v; showLeaderboard(); }),
      why,
      segmented('period', t('periodLabel'), [['week', t('periodWeek')], ['month', t('periodMonth')], ['all', t('periodAll')]], view.period,
        (v) => { view.period = v; showLeaderboard(); }));
    popup.render(controls, el('p', { class: 'muted' }, t('loadingShort')));
    const current = popup.begin();
    const reply = await send({ type: 'leaderboard', period: view.period, scope: view.scope });
    if (!current()) return;
    if (!reply.ok && noTeam(reply) && view.me) {
      // Taken out of their team since the popup opened: the server knows it, /me then did not.
      view.me.user.team = null;
      showLeaderboard();
      return;
    }
    if (!reply.ok) {
      popup.render(controls, el('p', { class: 'notice', role: 'status' }, reply.error || t('boardUnavailable')));
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
    const parts = [controls, list,
      el('label', { class: 'switch', for: 'optin' }, optIn, t('boardOptIn'))];
    if (board.you.opted_out) {
      parts.push(el('p', { class: 'muted' }, t('boardHidden')));
    }
    popup.render(...parts);
  }

  function leaderRow(entry) {
    const ratio = Math.round((entry.personal_share_ratio || 0) * 100);
    const row = el('li', { class: entry.is_you ? 'me' : '', 'data-rank': entry.rank == null ? '' : entry.rank },
      // No rank (null) until the caller scores in the period: a dash, not "1st" on an empty board.
      el('span', { class: 'rank' }, entry.rank == null ? '–' : String(entry.rank)),
      el('span', { class: 'who-col' },
        // The name alone is cut with an ellipsis (its title gives it whole), in its own
        // direction (an Arabic name keeps its start); "You" stays beside it, never cut off.
        el('span', { class: 'name-line' },
          el('span', { class: 'name', dir: 'auto', title: entry.name }, entry.name),
          entry.is_you ? el('span', { class: 'pill' }, t('youPill')) : null),
        el('span', { class: 'sub' }, [entry.team, ratio ? t(entry.is_you ? 'ownVoiceRatioYou' : 'ownVoiceRatio', ratio) : null].filter(Boolean).join(' · '))),
      el('span', { class: 'pts' }, String(entry.points)));
    if (!entry.is_you && entry.user_id) {
      const thank = el('button', { type: 'button', class: 'secondary small', 'aria-label': t('thankLabel', entry.name),
        onclick: () => popup.thankForm(row, { id: entry.user_id, name: entry.name }, thank,
          t('thankPlaceholder', entry.name)) }, t('thankButton'));
      row.append(thank);
    }
    return row;
  }

  const noTeam = (reply) => Boolean(reply.data && reply.data.error && reply.data.error.code === 'no_team');

  popup.views.leaderboard = showLeaderboard;
})(globalThis);
