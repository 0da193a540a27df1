/* The popup: points, level, streak, badges, recent shares, waiting shares, "Log a share". */
(function () {
  'use strict';
  const ns = globalThis.Firsthand;
  const app = document.getElementById('app');
  const NETWORK_LABEL = { linkedin: 'in', x: 'X', facebook: 'f', other: '↗' };

  const { el } = ns;

  function bar(percent, label) {
    return el('div', { class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0,
      'aria-valuemax': 100, 'aria-valuenow': percent }, el('span', { style: `width:${percent}%` }));
  }

  const view = { tab: 'you', period: 'week', scope: 'team', me: null };

  async function load() {
    const state = await chrome.runtime.sendMessage({ type: 'popupState' });
    const { seenBadges } = await chrome.storage.local.get('seenBadges');
    render(state, new Set(seenBadges || []));
  }

  function tabBar() {
    const tab = (id, label) => el('button', {
      type: 'button', role: 'tab', id: `tab-${id}`, 'aria-selected': String(view.tab === id),
      class: view.tab === id ? 'tab active' : 'tab',
      onclick: () => { view.tab = id; show(); }
    }, label);
    return el('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Firsthand views' },
      tab('you', 'You'), tab('leaderboard', 'Leaderboard'), tab('kudos', 'Kudos'));
  }

  function show() {
    if (view.tab === 'leaderboard') return showLeaderboard();
    if (view.tab === 'kudos') return showKudos();
    return load();
  }

  function render(state, seen) {
    const { me, settings } = state;
    if (!settings.token || me.status === 401) return renderDisconnected(settings, me);
    if (me.status === 0) return renderOffline(state);
    if (!me.ok) return renderError(me.error);
    view.me = me.data;
    if (!me.data.user.team && view.scope === 'team') view.scope = 'company';
    document.getElementById('who').textContent = me.data.user.name;
    app.replaceChildren(...[
      tabBar(),
      hero(me.data),
      celebration(me.data.badges, seen),
      outboxNotice(state.outbox),
      earnedBadges(me.data.badges),
      inProgress(state.badges),
      recentShares(state.shares),
      logForm()
    ].filter(Boolean));
    chrome.storage.local.set({ seenBadges: me.data.badges.map((b) => b.id) });
  }

  function hero(me) {
    const level = me.level;
    const next = level.points_to_next === null ? 'Top level reached' : `${level.points_to_next} points to the next level`;
    return el('section', { class: 'hero', 'aria-label': 'Your points' },
      el('div', { class: 'points', 'data-points': me.points }, String(me.points), el('small', {}, 'points')),
      el('div', { class: 'streak', title: 'Weeks in a row with a share' },
        me.streak_weeks ? `🔥 ${me.streak_weeks}-week streak` : 'No streak yet'),
      el('div', { class: 'level' }, el('span', {}, 'Level ', el('b', {}, `${level.number} · ${level.name}`)), el('span', {}, next)),
      bar(ns.levelProgress(me.points, level), 'Progress to the next level'));
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

  function outboxNotice(items) {
    if (!items || !items.length) return null;
    const n = items.length;
    return el('p', { class: 'notice', role: 'status', 'data-outbox': n },
      `${n} ${n === 1 ? 'share is' : 'shares are'} waiting to be logged; Firsthand keeps retrying.`,
      el('button', { class: 'secondary', type: 'button', onclick: async () => {
        await chrome.runtime.sendMessage({ type: 'flush' });
        load();
      } }, 'Retry now'));
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
          bar(Math.round((100 * current) / target), `${b.name} progress`));
      })));
  }

  function recentShares(reply) {
    if (!reply.ok) return null;
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'shares' }, ...items.map((s) => el('li', {},
        el('span', { class: 'net', title: s.network }, NETWORK_LABEL[s.network] || '↗'),
        el('a', { href: s.canonical_url, target: '_blank', rel: 'noopener' }, shortUrl(s.canonical_url)),
        el('span', { class: 'pts' }, `+${s.points}`),
        el('span', { class: 'when' }, ns.timeAgo(s.logged_at)))))
      : el('p', { class: 'muted' }, 'No shares yet. Post something in your own words, then log it here.');
    return el('section', {}, el('h2', {}, 'Recent shares'), body);
  }

  function shortUrl(url) {
    const post = ns.linkedinPostId(url);
    if (post) return `LinkedIn post …${post.id.slice(-6)}`;
    try {
      const u = new URL(url);
      return u.hostname.replace(/^www\./, '') + u.pathname;
    } catch (e) {
      return url;
    }
  }

  function logForm() {
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
      const share = { url, network: ns.networkOf(url), source: 'popup' };
      const reply = await chrome.runtime.sendMessage({ type: 'logShare', share });
      if (reply.queued) result.textContent = 'Saved: it will be logged when the server is back.';
      else if (!reply.ok) result.textContent = reply.error;
      else {
        result.textContent = reply.data.duplicate ? 'Already logged.' : `Logged: +${reply.data.points_awarded} points.`;
        setTimeout(load, 900);
      }
    });
    return el('section', {}, el('h2', {}, 'Log a share made elsewhere'), form);
  }

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
    app.replaceChildren(tabBar(), controls, el('p', { class: 'muted' }, 'Loading…'));
    const reply = await chrome.runtime.sendMessage({ type: 'leaderboard', period: view.period, scope: view.scope });
    if (!reply.ok) {
      app.replaceChildren(tabBar(), controls, el('p', { class: 'notice' }, reply.error || 'The leaderboard is unavailable.'));
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
      await chrome.runtime.sendMessage({ type: 'setLeaderboardOptOut', optOut: !optIn.checked });
      showLeaderboard();
    });
    const parts = [tabBar(), controls, list,
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
      const reply = await chrome.runtime.sendMessage({ type: 'giveKudos', toUserId: entry.user_id, message: input.value });
      status.textContent = reply.ok ? 'Thanks sent ✓' : reply.error;
      if (reply.ok) input.disabled = true;
    });
    row.append(form);
    input.focus();
  }

  async function showKudos() {
    app.replaceChildren(tabBar(), el('p', { class: 'muted' }, 'Loading…'));
    const reply = await chrome.runtime.sendMessage({ type: 'kudosReceived' });
    if (!reply.ok) {
      app.replaceChildren(tabBar(), el('p', { class: 'notice' }, reply.error || 'Kudos are unavailable.'));
      return;
    }
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'kudos', 'aria-label': 'Kudos you received' }, ...items.map((k) => el('li', { 'data-kudos': k.id },
        el('div', { class: 'kudos-head' },
          el('strong', {}, k.from.name),
          k.leadership ? el('span', { class: 'pill lead' }, 'Leadership') : null,
          k.points ? el('span', { class: 'pts' }, `+${k.points}`) : null,
          el('span', { class: 'when' }, ns.timeAgo(k.created_at))),
        el('p', { class: 'message' }, k.message))))
      : el('section', { class: 'empty' }, el('span', { class: 'big', 'aria-hidden': 'true' }, '💐'),
        el('p', { class: 'muted' }, 'No kudos yet. When a colleague thanks you for a post, it shows up here.'));
    app.replaceChildren(tabBar(), el('section', {}, el('h2', {}, 'Kudos for you'), body));
  }

  function renderDisconnected(settings) {
    app.replaceChildren(el('section', { class: 'empty' },
      el('span', { class: 'big', 'aria-hidden': 'true' }, '🔗'),
      el('strong', {}, 'Connect Firsthand'),
      el('p', { class: 'muted' }, 'Open the connect link your Firsthand admin sent you, in this browser. ' +
        `Server: ${settings.server}`),
      el('button', { type: 'button', onclick: () => chrome.runtime.openOptionsPage() }, 'Open settings')));
  }

  function renderOffline(state) {
    app.replaceChildren(el('section', { class: 'empty' },
      el('span', { class: 'big', 'aria-hidden': 'true' }, '📡'),
      el('strong', {}, 'The Firsthand server cannot be reached'),
      el('p', { class: 'muted' }, `${state.settings.server} did not answer. Shares you log meanwhile wait safely here.`),
      el('button', { type: 'button', onclick: load }, 'Try again')),
    ...[outboxNotice(state.outbox), logForm()].filter(Boolean));
  }

  function renderError(message) {
    app.replaceChildren(el('section', { class: 'empty' },
      el('strong', {}, 'Something went wrong'), el('p', { class: 'muted' }, message || ''),
      el('button', { type: 'button', onclick: load }, 'Try again')));
  }

  load();
})();
