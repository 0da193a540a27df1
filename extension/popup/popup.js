/* The popup's You tab: points, level, streak, badges, recent shares, the outbox, "Log a share";
   and what it shows when not connected, offline or failing. Runs last: it opens the popup. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, storage } = ns;
  const { app, view } = popup;

  async function load() {
    const [state, seenBadges] = await Promise.all([popup.send({ type: 'popupState' }), storage.read('seenBadges')]);
    render(state, new Set(seenBadges));
  }

  /** Each kind of failure of /me gets its own screen (kinds: lib/failures.js). */
  function render(state, seen) {
    const { me, settings } = state;
    if (!settings.token || me.kind === 'not_connected') return renderConnect(state, false);
    if (me.kind === 'unauthorized') return renderConnect(state, true);
    if (me.kind === 'offline') return renderOffline(state);
    if (!me.ok) return renderError(state);
    view.me = me.data;
    if (!me.data.user.team && view.scope === 'team') view.scope = 'company';
    document.getElementById('who').textContent = me.data.user.name;
    const outbox = popup.outboxSection(state.outbox);
    app.replaceChildren(...[
      popup.tabBar(),
      hero(me.data),
      celebration(me.data.badges, seen),
      popup.questionSlot ? popup.questionSlot() : null,
      outbox,
      earnedBadges(me.data.badges),
      inProgress(state.badges),
      recentShares(state.shares),
      popup.logForm(outbox, load)
    ].filter(Boolean));
    storage.set({ seenBadges: me.data.badges.map((b) => b.id) });
  }

  function hero(me) {
    const level = me.level;
    const next = level.points_to_next === null ? 'Top level reached' : `${level.points_to_next} points to the next level`;
    return el('section', { class: 'hero', 'aria-label': 'Your points' },
      el('div', { class: 'points', 'data-points': me.points }, String(me.points), el('small', {}, 'points')),
      el('div', { class: 'streak', title: 'Weeks in a row with a share' },
        me.streak_weeks ? `🔥 ${me.streak_weeks}-week streak` : 'No streak yet'),
      el('div', { class: 'level' }, el('span', {}, 'Level ', el('b', {}, `${level.number} · ${level.name}`)), el('span', {}, next)),
      popup.bar(ns.levelProgress(me.points, level), 'Progress to the next level'));
  }

  /** Badges earned since the popup was last opened get a moment of their own. */
  function celebration(badges, seen) {
    const fresh = badges.filter((b) => !seen.has(b.id));
    if (!fresh.length) return null;
    const names = fresh.map((b) => `${b.icon} ${b.name}`).join(', ');
    return el('section', { class: 'celebrate', role: 'status', 'data-celebrate': fresh.map((b) => b.id).join(' ') },
      el('span', { class: 'big', 'aria-hidden': 'true' }, '🎉'),
      el('strong', {}, fresh.length === 1 ? 'New badge earned!' : 'New badges earned!'),
      el('div', {}, names));
  }

  function earnedBadges(badges) {
    const body = badges.length
      ? el('div', { class: 'badges' }, ...badges.map((b) =>
        el('div', { class: 'badge', title: b.description, 'data-badge': b.id },
          el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon), b.name,
          el('span', { class: 'badge-links' },
            el('a', { href: b.assertion_url, target: '_blank', rel: 'noopener', title: 'The verifiable badge' }, 'View'),
            ' · ',
            el('a', { href: b.add_to_linkedin_url, target: '_blank', rel: 'noopener', 'data-linkedin': b.id,
              title: 'Add to your LinkedIn profile (Licenses & certifications)' }, 'Add to LinkedIn')))))
      : el('p', { class: 'muted' }, 'Your first logged share earns your first badge.');
    return el('section', {}, el('h2', {}, 'Badges'), body);
  }

  function inProgress(reply) {
    if (!reply.ok || !reply.data.in_progress.length) return null;
    return el('section', {}, el('h2', {}, 'Next badges'),
      el('ul', { class: 'progress-list' }, ...reply.data.in_progress.map((b) => {
        const { current, target } = b.progress;
        return el('li', { title: b.description, 'data-progress': b.id },
          el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon),
          el('span', { class: 'name' }, b.name),
          el('span', { class: 'count' }, `${current} / ${target}`),
          popup.bar(Math.round((100 * current) / target), `${b.name} progress`));
      })));
  }

  function recentShares(reply) {
    if (!reply.ok) return null;
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'shares' }, ...items.map((s) => el('li', {},
        popup.networkMark(s.network),
        el('a', { href: s.canonical_url, target: '_blank', rel: 'noopener' }, popup.shortUrl(s.canonical_url)),
        el('span', { class: 'pts' }, `+${s.points}`),
        el('span', { class: 'when' }, ns.timeAgo(s.logged_at)))))
      : el('p', { class: 'muted' }, 'No shares yet. Post something in your own words, then log it here.');
    return el('section', {}, el('h2', {}, 'Recent shares'), body);
  }

  /** A screen of its own (an icon, a line, a sentence, a button), then what is waiting. */
  function screen(icon, title, text, button, state, attrs = {}) {
    const outbox = popup.outboxSection(state.outbox);
    app.replaceChildren(el('section', { class: 'empty', ...attrs },
      icon ? el('span', { class: 'big', 'aria-hidden': 'true' }, icon) : null,
      el('strong', {}, title), el('p', { class: 'muted' }, text), button), outbox);
    return outbox;
  }

  function renderConnect(state, expired) {
    const settingsButton = el('button', { type: 'button', onclick: () => chrome.runtime.openOptionsPage() }, 'Open settings');
    if (expired) {
      screen('🔑', 'Reconnect Firsthand', `${state.me.error} Shares you log meanwhile wait safely here.`,
        settingsButton, state, { 'data-reconnect': '' });
      return;
    }
    screen('🔗', 'Connect Firsthand', 'Open the connect link your Firsthand admin sent you, in this browser. ' +
      `Server: ${state.settings.server}`, settingsButton, state);
  }

  function renderOffline(state) {
    const outbox = screen('📡', 'The Firsthand server cannot be reached',
      `${state.settings.server} did not answer. Shares you log meanwhile wait safely here.`,
      el('button', { type: 'button', onclick: load }, 'Try again'), state);
    app.append(popup.logForm(outbox, load));
  }

  function renderError(state) {
    screen(null, 'Something went wrong', state.me.error || '', el('button', { type: 'button', onclick: load }, 'Try again'), state);
  }

  popup.views.you = load;
  load();
})(globalThis);
