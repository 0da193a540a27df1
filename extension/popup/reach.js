/* The popup's Reach tab: what the employee's recent posts did (as they saw it on LinkedIn),
   this month against last, and an insight only when there are numbers behind it. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;
  const { app } = popup;
  const METRICS = [
    ['reactions', 'Reactions', '👍'],
    ['comments', 'Comments', '💬'],
    ['reposts', 'Reposts', '🔁'],
    ['impressions', 'Impressions', '👁']
  ];
  const fmt = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en'));

  function monthName(month) {
    const [year, number] = month.split('-').map(Number);
    return new Date(Date.UTC(year, number - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  }

  function compare(months) {
    const [now, before] = months;
    const row = (label, key) => el('tr', {}, el('th', { scope: 'row' }, label),
      el('td', {}, fmt(now[key])), el('td', {}, fmt(before[key])));
    return el('table', { class: 'reach-months', 'aria-label': 'This month against last' },
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, monthName(now.month)),
        el('th', { scope: 'col' }, monthName(before.month)))),
      el('tbody', {}, row('Posts logged', 'shares'), row('Posts with counts', 'shares_read'),
        ...METRICS.map(([key, label]) => row(label, key))));
  }

  function insight(found) {
    if (!found) {
      return el('p', { class: 'muted insight' },
        'Once 3 of your own-voice posts and 3 others have counts, you will see here how they compare.');
    }
    const what = found.metric;
    const claim = found.ratio && found.ratio !== 1
      ? `Your own-voice posts drew ${found.ratio}× the ${what} of your posts in company voice`
      : `Your own-voice posts and your posts in company voice drew about the same ${what}`;
    return el('p', { class: 'insight', 'data-insight': what }, el('strong', {}, claim),
      ` (on average ${found.own_voice.average} over ${found.own_voice.posts} posts, against `
      + `${found.other.average} over ${found.other.posts}).`);
  }

  function counts(reach) {
    return el('div', { class: 'reach-counts' }, ...METRICS.map(([key, label, icon]) => {
      const dropped = reach.dropped.includes(key);
      const title = reach[key] === null ? `${label}: not read yet`
        : dropped ? `${label}: highest ${reach[key]}, latest reading ${reach.latest[key]}` : label;
      return el('span', { class: dropped ? 'count dropped' : 'count', title, 'data-metric': key },
        el('span', { 'aria-hidden': 'true' }, icon), el('span', { class: 'sr' }, `${label} `), fmt(reach[key]),
        dropped ? el('small', {}, ` (now ${fmt(reach.latest[key])})`) : null);
    }), el('span', { class: 'count muted', title: 'Clicks on tracked links: not available for this post', 'data-metric': 'clicks' },
      el('span', { 'aria-hidden': 'true' }, '🔗'), el('span', { class: 'sr' }, 'Clicks '), fmt(reach.clicks)));
  }

  function shareItem({ share, reach }) {
    return el('li', { 'data-share': share.id },
      el('div', { class: 'reach-head' }, popup.networkMark(share.network),
        el('a', { href: share.url, target: '_blank', rel: 'noopener' }, popup.shortUrl(share.url)),
        share.voice === 'personal' ? el('span', { class: 'pill own' }, 'own voice') : null),
      counts(reach));
  }

  async function showReach() {
    app.replaceChildren(popup.tabBar(), el('p', { class: 'muted' }, 'Loading…'));
    const reply = await popup.send({ type: 'reachView' });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), el('p', { class: 'notice' }, reply.error || 'Reach is unavailable.'));
      return;
    }
    const data = reply.data;
    const check = el('button', { type: 'button', class: 'secondary', id: 'check-reach',
      onclick: () => popup.send({ type: 'openReachPage' }) }, 'Check my posts’ reach');
    const list = data.shares.length
      ? el('ul', { class: 'reach-list', 'aria-label': 'Your recent posts and their reach' }, ...data.shares.map(shareItem))
      : el('p', { class: 'muted' }, 'No shares logged yet.');
    app.replaceChildren(popup.tabBar(), el('section', { class: 'reach' },
      el('h2', {}, 'What your posts did'),
      insight(data.insight),
      compare(data.months),
      list,
      el('p', { class: 'muted small' }, 'Counts are what LinkedIn showed you as the author, read when you viewed your posts. '
        + 'Impressions are not potential reach; clicks come from tracked links.'),
      check));
  }

  popup.views.reach = showReach;
})(globalThis);
