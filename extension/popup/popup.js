/* The popup's You tab: points, level, streak, badges, recent shares, the outbox, "Log a share";
   and what it shows when not connected, offline or failing. Runs last: it opens the popup. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, storage, t, tp } = ns;
  const { app, view } = popup;

  /** Draws the tab; `outcome`: what a Retry in the outbox came to, said again in the new view
      (a share it logged changed the points and recent shares: they are read again). */
  async function load(outcome) {
    const current = popup.begin();
    const [state, seenBadges] = await Promise.all([popup.send({ type: 'popupState' }), storage.read('seenBadges')]);
    if (!current()) return;
    state.outboxShown = { message: typeof outcome === 'string' ? outcome : '', onLogged: load }; // a click's event is no outcome
    render(state, seenBadges === null ? null : new Set(seenBadges));
  }

  /** Each kind of failure of /me gets its own screen (kinds: lib/failures.js). */
  function render(state, seen) {
    const { me, settings } = state;
    popup.connected = Boolean(me.ok); // what waited for a connection is no longer said to wait for one
    if (!settings.token || me.kind === 'not_connected') return renderConnect(state);
    if (me.kind === 'unauthorized') return renderReconnect(state, me.code);
    if (me.kind === 'offline' || me.kind === 'timeout') return renderOffline(state, me.kind === 'timeout');
    if (!me.ok) return renderError(state);
    view.me = me.data;
    const who = document.getElementById('who');
    who.textContent = me.data.user.name;
    who.title = me.data.user.name; // a long name is cut with an ellipsis: read whole on hover
    const outbox = popup.outboxSection(state.outbox, state.outboxShown);
    popup.render(
      hero(me.data),
      celebration(me.data.badges, seen),
      popup.questionSlot ? popup.questionSlot() : null,
      outbox,
      earnedBadges(me.data.badges),
      inProgress(state.badges),
      recentShares(state.shares),
      popup.logForm(outbox, load));
    storage.set({ seenBadges: me.data.badges.map((b) => b.id) });
  }

  function hero(me) {
    const level = me.level;
    const next = level.points_to_next === null ? t('topLevel') : tp('pointsToNext', level.points_to_next);
    return el('section', { class: 'hero', 'aria-label': t('heroLabel') },
      el('div', { class: 'points', 'data-points': me.points }, ns.number(me.points), el('small', {}, tp('pointsUnit', me.points))),
      el('div', { class: 'streak', title: t('streakTitle') },
        me.streak_weeks ? tp('streakWeeks', me.streak_weeks) : t('noStreak')),
      el('div', { class: 'level' }, el('span', {}, t('levelWord'), ' ', el('b', {}, `${level.number} · ${level.name}`)), el('span', {}, next)),
      popup.bar(ns.levelProgress(me.points, level), t('progressNextLevel')));
  }

  /** Badges earned since the extension last looked (the popup, or connecting) get a moment of
      their own; with nothing to compare against (`seen` null), none is news. */
  function celebration(badges, seen) {
    const fresh = seen ? badges.filter((b) => !seen.has(b.id)) : [];
    if (!fresh.length) return null;
    const names = fresh.map((b) => `${b.icon} ${b.name}`).join(', ');
    return el('section', { class: 'celebrate', role: 'status', 'data-celebrate': fresh.map((b) => b.id).join(' ') },
      el('span', { class: 'big', 'aria-hidden': 'true' }, '🎉'),
      el('strong', {}, tp('newBadges', fresh.length)),
      el('div', {}, names));
  }

  function earnedBadges(badges) {
    const body = badges.length
      ? el('div', { class: 'badges' }, ...badges.map((b) =>
        el('div', { class: 'badge', title: b.description, 'data-badge': b.id },
          el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon), b.name,
          el('span', { class: 'badge-links' },
            // Named with their badge: a list of links read alone would be "View, View, View".
            el('a', { href: b.assertion_url, target: '_blank', rel: 'noopener', title: t('badgeVerifiable'),
              'aria-label': t('badgeViewLabel', b.name) }, t('badgeView')),
            ' · ',
            el('a', { href: b.add_to_linkedin_url, target: '_blank', rel: 'noopener', 'data-linkedin': b.id,
              title: t('badgeAddTitle'), 'aria-label': t('badgeAddLabel', b.name) }, t('badgeAdd'))))))
      : el('p', { class: 'muted' }, t('badgesEmpty'));
    return el('section', {}, el('h2', {}, t('badgesHeading')), body);
  }

  function inProgress(reply) {
    if (!reply.ok || !reply.data.in_progress.length) return null;
    return el('section', {}, el('h2', {}, t('nextBadges')),
      el('ul', { class: 'progress-list' }, ...reply.data.in_progress.map((b) => {
        const { current, target } = b.progress;
        return el('li', { title: b.description, 'data-progress': b.id },
          el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon),
          el('span', { class: 'name' }, b.name),
          el('span', { class: 'count' }, `${current} / ${target}`),
          popup.bar(Math.round((100 * current) / target), t('badgeProgress', b.name)));
      })));
  }

  function recentShares(reply) {
    if (!reply.ok) return null;
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'shares' }, ...items.map((s) => el('li', {},
        popup.networkMark(s.network),
        // Its tooltip is its label whole (it was the link, which the status bar shows anyway).
        el('a', { href: s.canonical_url, target: '_blank', rel: 'noopener', title: popup.shareLabel(s),
          'data-share-label': '' }, popup.shareLabel(s)),
        el('span', { class: 'pts' }, `+${s.points}`),
        el('span', { class: 'when' }, popup.timeAgo(s.logged_at)),
        popup.zeroWhy(s) ? el('p', { class: 'zero-why', 'data-zero-why': '' }, popup.zeroWhy(s)) : null)))
      : el('p', { class: 'muted' }, t('sharesEmpty'));
    return el('section', {}, el('h2', {}, t('recentShares')), body);
  }

  /** A screen of its own (an icon, a line, a sentence, a button), then what is waiting. The
      keyboard stays on its button when it is drawn again (Try again: it fell to <body>). */
  function screen(icon, title, text, button, state, attrs = {}) {
    const outbox = popup.outboxSection(state.outbox, state.outboxShown);
    const had = document.activeElement && document.activeElement.id;
    app.replaceChildren(el('section', { class: 'empty', ...attrs },
      icon ? el('span', { class: 'big', 'aria-hidden': 'true' }, icon) : null,
      el('strong', {}, title), el('p', { class: 'muted' }, text), button), outbox);
    const back = had && document.getElementById(had);
    if (back) back.focus();
    else if (document.activeElement === document.body) app.querySelector('[data-outcome]')?.focus(); // a Retry's outcome
    return outbox;
  }

  const tryAgain = () => el('button', { type: 'button', id: 'try-again', onclick: load }, t('tryAgain'));

  const settingsButton = () => el('button', { type: 'button', onclick: () => chrome.runtime.openOptionsPage() }, t('openSettingsButton'));

  /** The connection no longer works (a 401), said by the server's code (server/firsthand/auth.py):
      an admin revoked its tokens or deactivated the account; else it expired, or its token
      cannot be read, which a new link mends too. */
  function renderReconnect(state, code) {
    const [title, text] = {
      token_revoked: ['reconnectTitle', 'reconnectRevoked'],
      account_deactivated: ['deactivatedTitle', 'reconnectDeactivated']
    }[code] || ['reconnectTitle', 'reconnect'];
    screen('🔑', t(title), `${t(text)} ${t('waitSafely')}`, settingsButton(), state, { 'data-reconnect': code || '' });
  }

  function renderConnect(state) {
    // The server is named only once one was set (a connect link used here before): a fresh
    // install has none to name, and says how to get connected.
    const server = state.settings.server;
    screen('🔗', t('connectTitle'), server ? t('connectText', server) : t('connectTextFirst'), settingsButton(), state,
      { 'data-connect': server ? 'again' : 'first' });
  }

  /** The server did not answer: unreachable, or reached but too slow (`slow`), which is not the
      same (it is there, and may have done what was asked). */
  function renderOffline(state, slow = false) {
    const [title, text] = slow ? [t('timeoutTitle'), t('failureTimeout')] : [t('offlineTitle'), t('offlineText', state.settings.server)];
    const outbox = screen('📡', title, `${text} ${t('waitSafely')}`, tryAgain(), state,
      { 'data-unreached': slow ? 'timeout' : 'offline' });
    app.append(popup.logForm(outbox, load));
  }

  /** The server answered, but with a failure (a 429, a 5xx, a proxy's page): what it said, when
      a rate limit lets it be asked again, and a share can still be logged (it waits). */
  function renderError(state) {
    const { me } = state;
    const seconds = me.kind === 'rate_limited' && me.retryAfterMs ? Math.ceil(me.retryAfterMs / 1000) : 0;
    const when = !seconds ? '' : seconds < 90 ? tp('tryAgainInSeconds', seconds) : tp('tryAgainInMinutes', Math.round(seconds / 60));
    const said = [me.error ? ns.sentence(me.error) : '', when, t('waitSafely')].filter(Boolean).join(' ');
    const outbox = screen(null, t('errorTitle'), said, tryAgain(), state, { 'data-failed-kind': me.kind });
    app.append(popup.logForm(outbox, load));
  }

  popup.views.you = load;
  load();
})(globalThis);
