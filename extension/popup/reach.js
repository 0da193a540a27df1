/* The popup's Reach tab: what the employee's recent posts did (as they saw it on LinkedIn),
   this month against last, and an insight only when there are numbers behind it. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
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
  const NETWORKS = [['linkedin', 'LinkedIn'], ['x', 'X'], ['facebook', 'Facebook']];

  function monthName(month) {
    const [year, number] = month.split('-').map(Number);
    return new Date(Date.UTC(year, number - 1, 1)).toLocaleString(ns.language(), { month: 'long', timeZone: 'UTC' });
  }

  /** A month-table cell: the number, or "–" that a screen reader reads as "not known". */
  function cell(n) {
    if (n !== null && n !== undefined) {
      return el('td', {}, fmt(n));
    }
    return el('td', { class: 'unknown', title: t('notKnown') },
      el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'sr' }, t('notKnown')));
  }

  function compare(months) {
    const [now, before] = months;
    const row = (label, key) => el('tr', { 'data-metric': key }, el('th', { scope: 'row' }, label),
      cell(now[key]), cell(before[key]));
    return el('table', { class: 'reach-months', 'aria-label': t('reachCompareLabel') },
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, monthName(now.month)),
        el('th', { scope: 'col' }, monthName(before.month)))),
      el('tbody', {}, row(t('postsLogged'), 'shares'), row(t('postsWithCounts'), 'shares_read'),
        ...METRICS.map(([key, label]) => row(label, key)),
        clicksRow(now, before)));
  }

  /** Clicks: each tracked link once, in the month of its first post (never part of reach);
      "–" for a month with no post carrying a tracked link (unknown, not zero). */
  function clicksRow(...months) {
    return el('tr', { 'data-metric': 'clicks' }, el('th', { scope: 'row' }, t('reachMonthsClicks')),
      ...months.map((m) => cell(m.tracked_links ? m.clicks : null)));
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

  function counts(reach, link) {
    return el('div', { class: 'reach-counts' }, ...METRICS.map(([key, label, icon]) => {
      const dropped = reach.dropped.includes(key);
      const title = reach[key] === null ? t('metricNotRead', label)
        : dropped ? t('metricDropped', label, fmt(reach[key]), fmt(reach.latest[key])) : label;
      return el('span', { class: dropped ? 'count dropped' : 'count', title, 'data-metric': key },
        el('span', { 'aria-hidden': 'true' }, icon), el('span', { class: 'sr' }, `${label} `), fmt(reach[key]),
        dropped ? el('small', {}, ` ${t('metricNow', fmt(reach.latest[key]))}`) : null);
    }), clicks(reach, link));
  }

  /** Clicks on the tracked link this post carried: "–" (unknown) when it carried none. */
  function clicks(reach, link) {
    const title = !link ? t('reachClicksNone')
      : link.posts > 1 ? t('reachClicksAcross', link.story_title, link.posts)
        : t('reachClicksTitle', link.story_title);
    return el('span', { class: link ? 'count' : 'count muted', title, 'data-metric': 'clicks' },
      el('span', { 'aria-hidden': 'true' }, '🔗'), el('span', { class: 'sr' }, `${t('reachClicksLabel')} `),
      fmt(link ? reach.clicks : null), link && link.posts > 1 ? el('small', { class: 'muted' }, ` (${t('reachClicksPosts', link.posts)})`) : null);
  }

  /** What the employee entered in the options: potential reach, never shown as reach. With
      nothing entered it says so once and offers to add them (not "change what you entered"). */
  function potential(entered) {
    const known = NETWORKS.filter(([key]) => entered && Number.isInteger(entered[key]));
    const settings = (words) => el('a', { href: '../options/options.html#potential-reach', target: '_blank' }, words);
    const section = (title, ...parts) => el('section', { class: 'potential', 'aria-labelledby': 'potential-h' },
      el('h3', { id: 'potential-h' }, title), ...parts);
    if (!known.length) {
      return section(t('reachPotentialHeading'),
        el('p', { class: 'muted small' }, t('reachPotentialNone'), ' ', settings(t('reachPotentialAdd'))));
    }
    return section(t('reachPotentialTitle'),
      el('ul', { class: 'potential-list' }, ...known.map(([key, label]) => el('li', { 'data-network': key },
        el('span', {}, label), el('strong', {}, fmt(entered[key]))))),
      el('p', { class: 'muted small' }, t('reachPotentialNote'), ' ', settings(t('reachPotentialEdit'))));
  }

  function shareItem({ share, reach, tracked_link: link }) {
    return el('li', { 'data-share': share.id },
      el('div', { class: 'reach-head' }, popup.networkMark(share.network),
        el('a', { href: share.url, target: '_blank', rel: 'noopener', title: share.url }, popup.shareLabel(share)),
        share.voice === 'personal' ? el('span', { class: 'pill own' }, t('ownVoicePill')) : null),
      counts(reach, link));
  }

  async function showReach() {
    popup.render(el('p', { class: 'muted' }, t('loadingShort')));
    const current = popup.begin();
    const reply = await popup.send({ type: 'reachView' });
    if (!current()) return;
    if (!reply.ok) {
      popup.render(el('p', { class: 'notice', role: 'status' }, reply.error || t('reachUnavailable')));
      return;
    }
    const data = reply.data;
    const check = el('button', { type: 'button', class: 'secondary', id: 'check-reach',
      onclick: () => popup.send({ type: 'openReachPage' }) }, t('checkReach'));
    const list = data.shares.length
      ? el('ul', { class: 'reach-list', 'aria-label': t('reachListLabel') }, ...data.shares.map(shareItem))
      : el('p', { class: 'muted' }, t('noSharesLogged'));
    popup.render(el('section', { class: 'reach' },
      el('h2', {}, t('reachHeading')),
      insight(data.insight),
      compare(data.months),
      list,
      'potential_reach' in data ? potential(data.potential_reach) : null,
      el('p', { class: 'muted small' }, t('reachNote')),
      check));
  }

  popup.views.reach = showReach;
})(globalThis);
