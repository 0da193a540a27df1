/* The popup's Reach tab: what the employee's recent posts did (as they saw it on LinkedIn),
   this month against last, and an insight only when there are numbers behind it. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  const { app } = popup;
  // Each metric: its key, its label, its icon, and its name inside a sentence ("the reactions").
  const METRICS = [
    ['reactions', t('metricReactions'), '👍'],
    ['comments', t('metricComments'), '💬'],
    ['reposts', t('metricReposts'), '🔁'],
    ['impressions', t('metricImpressions'), '👁']
  ];
  const IN_SENTENCE = {
    reactions: t('metricReactionsInline'),
    comments: t('metricCommentsInline'),
    reposts: t('metricRepostsInline'),
    impressions: t('metricImpressionsInline')
  };
  const fmt = (n) => (n === null || n === undefined ? '–' : ns.number(n));

  function monthName(month) {
    const [year, number] = month.split('-').map(Number);
    return new Date(Date.UTC(year, number - 1, 1)).toLocaleString(ns.language(), { month: 'long', timeZone: 'UTC' });
  }

  function compare(months) {
    const [now, before] = months;
    const row = (label, key) => el('tr', {}, el('th', { scope: 'row' }, label),
      el('td', {}, fmt(now[key])), el('td', {}, fmt(before[key])));
    return el('table', { class: 'reach-months', 'aria-label': t('reachCompareLabel') },
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, monthName(now.month)),
        el('th', { scope: 'col' }, monthName(before.month)))),
      el('tbody', {}, row(t('postsLogged'), 'shares'), row(t('postsWithCounts'), 'shares_read'),
        ...METRICS.map(([key, label]) => row(label, key))));
  }

  function insight(found) {
    if (!found) {
      return el('p', { class: 'muted insight' }, t('reachInsightWait'));
    }
    const what = found.metric;
    const named = IN_SENTENCE[what] || what;
    const claim = found.ratio && found.ratio !== 1
      ? t('reachRatio', ns.number(found.ratio), named)
      : t('reachSame', named);
    return el('p', { class: 'insight', 'data-insight': what }, el('strong', {}, claim), ' ',
      t('reachAverages', ns.number(found.own_voice.average), ns.number(found.own_voice.posts),
        ns.number(found.other.average), ns.number(found.other.posts)));
  }

  function counts(reach) {
    return el('div', { class: 'reach-counts' }, ...METRICS.map(([key, label, icon]) => {
      const dropped = reach.dropped.includes(key);
      const title = reach[key] === null ? t('metricNotRead', label)
        : dropped ? t('metricDropped', label, fmt(reach[key]), fmt(reach.latest[key])) : label;
      return el('span', { class: dropped ? 'count dropped' : 'count', title, 'data-metric': key },
        el('span', { 'aria-hidden': 'true' }, icon), el('span', { class: 'sr' }, `${label} `), fmt(reach[key]),
        dropped ? el('small', {}, ` ${t('metricNow', fmt(reach.latest[key]))}`) : null);
    }), el('span', { class: 'count muted', title: t('clicksTitle'), 'data-metric': 'clicks' },
      el('span', { 'aria-hidden': 'true' }, '🔗'), el('span', { class: 'sr' }, `${t('metricClicks')} `), fmt(reach.clicks)));
  }

  function shareItem({ share, reach }) {
    return el('li', { 'data-share': share.id },
      el('div', { class: 'reach-head' }, popup.networkMark(share.network),
        el('a', { href: share.url, target: '_blank', rel: 'noopener' }, popup.shortUrl(share.url)),
        share.voice === 'personal' ? el('span', { class: 'pill own' }, t('ownVoicePill')) : null),
      counts(reach));
  }

  async function showReach() {
    app.replaceChildren(popup.tabBar(), el('p', { class: 'muted' }, t('loadingShort')));
    const reply = await popup.send({ type: 'reachView' });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), el('p', { class: 'notice' }, reply.error || t('reachUnavailable')));
      return;
    }
    const data = reply.data;
    const check = el('button', { type: 'button', class: 'secondary', id: 'check-reach',
      onclick: () => popup.send({ type: 'openReachPage' }) }, t('checkReach'));
    const list = data.shares.length
      ? el('ul', { class: 'reach-list', 'aria-label': t('reachListLabel') }, ...data.shares.map(shareItem))
      : el('p', { class: 'muted' }, t('noSharesLogged'));
    app.replaceChildren(popup.tabBar(), el('section', { class: 'reach' },
      el('h2', {}, t('reachHeading')),
      insight(data.insight),
      compare(data.months),
      list,
      el('p', { class: 'muted small' }, t('reachNote')),
      check));
  }

  popup.views.reach = showReach;
})(globalThis);
