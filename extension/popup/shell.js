/* The popup's frame, shared by its views (popup.js, leaderboard.js, kudos.js, thank.js, outbox-view.js):
   the main element, which view is showing, the tab bar, and small pieces two views draw. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, t, tp } = ns;
  const NETWORK_LABEL = { linkedin: 'in', x: 'X', facebook: 'f', other: '↗' };
  const NETWORK_NAME = { linkedin: 'LinkedIn', x: 'X', facebook: 'Facebook' };

  const popup = (ns.popup = ns.popup || {});
  ns.localise(document);
  const app = (popup.app = document.getElementById('app'));
  popup.view = { tab: 'you', period: 'week', scope: 'team', me: null };

  /** Ask the service worker (router.js); answers are {ok, …} or a named failure. */
  popup.send = (message) => chrome.runtime.sendMessage(message);

  /** Show the current tab: each view module registers its show function on `popup.views`. */
  popup.show = () => popup.views[popup.view.tab]();
  popup.views = {};

  const TAB_LABEL = { you: t('tabYou'), ideas: t('tabIdeas'), reach: t('tabReach'), leaderboard: t('tabLeaderboard'),
    kudos: t('tabKudos') };
  const TABS = Object.keys(TAB_LABEL);

  /** The tabs, as a tablist: one tab in the Tab order (the chosen one), the arrow keys, Home
      and End move along them and show each; all control the one panel below. */
  popup.tabBar = function tabBar() {
    const { view } = popup;
    const choose = (id) => {
      view.tab = id;
      popup.show();
    };
    const tab = (id) => el('button', {
      type: 'button', role: 'tab', id: `tab-${id}`, 'aria-selected': String(view.tab === id),
      'aria-controls': 'tab-panel', tabindex: view.tab === id ? '0' : '-1',
      class: view.tab === id ? 'tab active' : 'tab', onclick: () => choose(id)
    }, TAB_LABEL[id]);
    const list = el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('tabsLabel') }, ...TABS.map(tab));
    list.addEventListener('keydown', (event) => {
      const at = TABS.indexOf(view.tab);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
      if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const next = TABS[(to + TABS.length) % TABS.length]; // the arrows wrap round
      document.getElementById(`tab-${next}`).focus(); // render() keeps the focus on it
      choose(next);
    });
    return list;
  };

  let draws = 0;

  /** Called as a view starts drawing: answers whether that drawing is still the latest, so a
      slow answer for a tab (or a board period) left since is not drawn over the one chosen
      after it (the arrow keys switch tabs as fast as they are pressed). */
  popup.begin = function begin() {
    const mine = ++draws;
    return () => mine === draws;
  };

  // The id of the control that had the focus when a render took it away (its part of #app was
  // redrawn); it gets it back as soon as a render draws a control with that id again (a tab,
  // a Team/Company button, the opt-in box), else focus would fall to <body>.
  let refocus = null;

  /** Draw the current tab: the tab bar, then `parts` in its tab panel. The focus stays on
      the control that had it (the same id), through a "Loading…" render in between. */
  popup.render = function render(...parts) {
    const had = document.activeElement;
    if (had && had !== document.body) refocus = app.contains(had) && had.id ? had.id : null;
    app.replaceChildren(popup.tabBar(), el('div', { class: 'tab-panel', id: 'tab-panel', role: 'tabpanel',
      'aria-labelledby': `tab-${popup.view.tab}` }, ...parts.filter(Boolean)));
    const back = refocus && document.getElementById(refocus);
    if (back) {
      back.focus();
      refocus = null;
    } else if (!had || had === document.body || !document.body.contains(had)) {
      // The control went with the redraw (a Retry whose share is now logged): the keyboard
      // goes to what its action came to, said in the new view, not to <body>.
      const said = app.querySelector('[data-outcome]');
      if (said) said.focus();
    }
  };

  popup.bar = function bar(percent, label) {
    return el('div', { class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0,
      'aria-valuemax': 100, 'aria-valuenow': percent }, el('span', { style: `width:${percent}%` }));
  };

  /** The small network mark before a share's link. */
  popup.networkMark = (network) => el('span', { class: 'net', title: NETWORK_NAME[network] || t('networkOther') },
    NETWORK_LABEL[network] || '↗');

  /** "just now", "5 min ago", "il y a 3 h"…: lib/progress.js's timeAgo in the UI language. */
  const TIME_WORDS = {
    now: () => t('timeJustNow'),
    minutes: (n) => tp('timeMinutesAgo', n),
    hours: (n) => tp('timeHoursAgo', n),
    days: (n) => tp('timeDaysAgo', n)
  };
  popup.timeAgo = (iso) => ns.timeAgo(iso, Date.now(), (unit, n) => TIME_WORDS[unit](n));

  /** What a person recognises a share by: its post's opening words when the share holds its
      text (logged from the card), else where and when it was posted ("Post on LinkedIn, 3 Dec
      2026"); never an id. The link itself is the element's href. */
  popup.shareLabel = function shareLabel(share) {
    const opening = ns.openingWords(share.text);
    if (opening) return `“${opening}”`;
    let where = NETWORK_NAME[share.network];
    try {
      where = where || new URL(share.canonical_url || share.url).hostname.replace(/^www\./, '');
    } catch {
      where = t('networkOther');
    }
    return t('sharePostOn', where, popup.postDate(share));
  };

  /** The day a share's post went out ("3 Dec 2026"), in the UI language; '' when unknown. */
  popup.postDate = function postDate(share) {
    // The post's own day: the server's posted_at, else its LinkedIn or X id's time, else when logged.
    const dated = ns.postedAt(share.canonical_url || share.url);
    const when = share.posted_at ? Date.parse(share.posted_at) : dated ? dated.getTime() : Date.parse(share.logged_at);
    return Number.isNaN(when) ? '' : new Date(when).toLocaleDateString(ns.language(),
      { day: 'numeric', month: 'short', year: 'numeric' });
  };

  /** Why a listed share earned 0, as the server says (its zero_reason); '' otherwise. */
  popup.zeroWhy = function zeroWhy(share) {
    const key = share.points === 0 ? ns.zeroReasonKey([], share) : null;
    return key ? t(key) : '';
  };

  /** A post's link, short enough for one line of the popup. */
  popup.shortUrl = function shortUrl(url) {
    const post = ns.linkedinPostId(url);
    if (post) return t('linkedinPostShort', post.id.slice(-6));
    try {
      const u = new URL(url);
      return u.hostname.replace(/^www\./, '') + u.pathname;
    } catch {
      return url;
    }
  };
})(globalThis);
