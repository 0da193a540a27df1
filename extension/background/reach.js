/* Reach, for the reader (content/reach-reader.js) and the popup's Reach tab: which posts are
   the employee's own logged shares, and sending a reading at most once per post per hour.
   Firsthand never fetches LinkedIn itself: readings come only from pages the employee opens. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { api, handlers, storage } = ns;
  const HOUR_MS = 60 * 60 * 1000;
  const TARGETS_FRESH_MS = 10 * 60 * 1000;
  const ACTIVITY_PAGE = 'https://www.linkedin.com/in/me/recent-activity/all/';

  /** The logged LinkedIn shares the reader may read ({id, post_id, text}), cached a while. */
  async function targets(force) {
    const cached = await storage.read('reachShares');
    if (!force && cached && Date.now() - cached.at < TARGETS_FRESH_MS) return { ok: true, shares: cached.shares };
    const reply = await api.request('GET', '/me/reach?limit=100');
    if (!reply.ok) return reply;
    const shares = reply.data.shares
      .filter((item) => item.share.network === 'linkedin')
      .map(({ share }) => ({ id: share.id, post_id: (ns.linkedinPostId(share.canonical_url) || {}).id || null, text: share.text || '' }));
    await storage.set({ reachShares: { at: Date.now(), shares } });
    return { ok: true, shares };
  }

  handlers.reachTargets = async function () {
    const { token, reachReading } = await storage.get(['token', 'reachReading']);
    if (!token || reachReading === false) return { ok: true, enabled: false, shares: [] };
    const reply = await targets(false);
    return reply.ok ? { ok: true, enabled: true, shares: reply.shares } : reply;
  };

  /** Now on the servers' clock (lib/server-clock.js), as post ids are dated: a computer clock
      a day ahead dated readings a day ahead. This computer's while no offset is known. */
  function seenAt(kept) {
    const local = Date.now();
    const onServer = ns.serverClock ? ns.serverClock.onServerClock(local, kept) : undefined;
    return new Date(onServer === undefined ? local : onServer).toISOString();
  }

  handlers.reachReading = async function ({ shareId, source, counts }) {
    const { reachReading, reachSent, serverClock } = await storage.get(['reachReading', 'reachSent', 'serverClock']);
    if (reachReading === false) return { ok: false, kind: 'switched_off' };
    const sent = reachSent || {};
    if (Date.now() - (sent[shareId] || 0) < HOUR_MS) return { ok: true, skipped: true };
    const reply = await api.request('POST', `/shares/${Number(shareId)}/reach`, {
      body: { source, counts, seen_at: seenAt(serverClock) }
    });
    if (reply.ok) {
      await storage.update('reachSent', (latest) => ({ ...(latest || {}), [shareId]: Date.now() }));
    }
    return reply;
  };

  handlers.reachView = async function () {
    return api.request('GET', '/me/reach?limit=10');
  };

  /** "Check my posts' reach": opens the employee's activity page, only on their click. */
  handlers.openReachPage = async function ({ url }) {
    const target = url && /^https:\/\/www\.linkedin\.com\//.test(url) ? url : ACTIVITY_PAGE;
    await chrome.tabs.create({ url: target });
    return { ok: true };
  };

  handlers.question = async function () {
    return api.request('GET', '/me/question');
  };

  handlers.answerQuestion = async function ({ answer }) {
    return api.request('POST', '/me/question', { body: { answer } });
  };

  /** Potential reach: the connection counts the employee chose to enter (options page). */
  handlers.potentialReach = async function () {
    return api.request('GET', '/me/potential-reach');
  };

  handlers.setPotentialReach = async function ({ networks }) {
    return api.request('PUT', '/me/potential-reach', { body: { networks } });
  };

  ns.reach = { targets };
})(typeof globalThis !== 'undefined' ? globalThis : this);
