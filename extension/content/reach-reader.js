/* Reach reader: on LinkedIn pages the employee already looks at, read the visible counts of
   their OWN logged posts (matched by activity id, or by the logged text on the new feed) and
   hand them to the service worker, which sends at most one reading per post per hour.
   Nothing about anyone else's posts is read. Selectors are hints that go stale: every step
   fails soft, and a post whose counts cannot be found is simply skipped. */
(function (root) {
  'use strict';
  const ns = root.Firsthand || {};
  if (!ns.readCounts || !/(^|\.)linkedin\.com$/.test(location.hostname)) return;

  // Old feed: data-urn; both feeds: links to the post or its analytics carry the id.
  const ID_IN_TEXT = /urn(?::|%3A)li(?::|%3A)(?:activity|share|ugcPost)(?::|%3A)(\d{10,22})/i;
  const ID_IN_SLUG = /-(?:activity|share|ugcPost)-(\d{10,22})(?:-|\/|$)/;
  const OLD_POSTS = '[data-urn^="urn:li:activity:"], [data-id^="urn:li:activity:"]';
  const NEW_POSTS = '[role="listitem"]';
  const POST_TEXT = '[data-testid="expandable-text-box"], .feed-shared-update-v2__description, .update-components-text';
  // Regions whose texts are not the post's own counts: its body, comments, the reader's UI.
  const COMMENTS = '.comments-comments-list, .comments-comment-entity, [data-testid*="comment"]';
  const SKIP = `${POST_TEXT}, ${COMMENTS}, article, firsthand-panel, firsthand-share-card`;
  const OLD_COUNTS = '.social-details-social-counts, .social-details-social-activity';
  const SCAN_EVERY_MS = 1500;
  const sentAt = new Map(); // shareId -> when this page last handed a reading over

  const idIn = (text) => {
    const m = String(text || '').match(ID_IN_TEXT) || String(text || '').match(ID_IN_SLUG);
    return m ? m[1] : null;
  };
  const squash = (text) => String(text || '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 80);

  /** The post's id from its own attributes, or from the links inside it. */
  function idOfCard(card) {
    const own = idIn(card.getAttribute('data-urn')) || idIn(card.getAttribute('data-id'));
    if (own) return own;
    for (const link of card.querySelectorAll('a[href]')) {
      if (link.closest(NEW_POSTS + ', ' + OLD_POSTS) !== card) continue; // a nested post's
      const href = link.getAttribute('href') || '';
      if (/comment/i.test(href)) continue; // a comment's permalink names the post it is under
      const found = idIn(href);
      if (found) return found;
    }
    return null;
  }

  /** The logged share a card shows: by id, else (new feed) by its text's opening words. */
  function shareOfCard(card, targets) {
    const id = idOfCard(card);
    if (id) return targets.byId.get(id) || null;
    const body = card.querySelector(POST_TEXT);
    const opening = body && squash(body.textContent);
    return (opening && opening.length >= 20 && targets.byText.get(opening)) || null;
  }

  /** "<span>1,250</span> <span>Impressions</span>": a number and its label side by side. */
  function splitCount(node) {
    const [a, b] = [...node.children].map((c) => c.textContent.trim());
    const isNumber = (t) => /^\d[\d\s.,\u00a0\u202f]*\s*[KkMm]?$/.test(t);
    const isLabel = (t) => t && t.length <= 40 && !/\d/.test(t);
    if (isNumber(a) && isLabel(b)) return `${a} ${b}`;
    if (isLabel(a) && isNumber(b)) return `${b} ${a}`;
    return null;
  }

  /** Short texts and labels inside a post, in page order, leaving out its body and comments. */
  function textsOf(container, card) {
    const texts = [];
    const own = (node) => !node.closest(SKIP) && (!card || node.closest(`${NEW_POSTS}, ${OLD_POSTS}`) === card);
    for (const node of container.querySelectorAll('[aria-label], a, button, span, li, p, div, strong')) {
      if (!own(node)) continue;
      const label = node.getAttribute('aria-label');
      if (label) texts.push(label);
      if (node.childElementCount === 0 || node.matches('a, button, li')) {
        const text = node.textContent;
        if (text && text.length <= 120) texts.push(text);
      } else if (node.childElementCount === 2) {
        const pair = splitCount(node);
        if (pair) texts.push(pair);
      }
    }
    return texts;
  }

  function countsOfCard(card) {
    const region = card.querySelector(OLD_COUNTS);
    const texts = region ? textsOf(region, card) : [];
    const analytics = card.querySelector('a[href*="/analytics/post-summary/"]');
    if (analytics) texts.push(analytics.getAttribute('aria-label') || '', analytics.textContent);
    return ns.readCounts(region ? texts : textsOf(card, card).concat(texts));
  }

  /** Posts on this page that are the employee's logged shares, with what they show. */
  function readings(targets) {
    const found = new Map();
    for (const card of document.querySelectorAll(`${OLD_POSTS}, ${NEW_POSTS}`)) {
      // Comments (and posts quoted inside a post) are never read as the post itself.
      if (card.parentElement && card.parentElement.closest(`${OLD_POSTS}, ${NEW_POSTS}, ${COMMENTS}`)) continue;
      const share = shareOfCard(card, targets);
      if (!share || found.has(share.id)) continue;
      const counts = countsOfCard(card);
      if (Object.keys(counts).length) found.set(share.id, { share, counts, source: sourceOfPage() });
    }
    // The post's own page and its analytics page carry the id in the address.
    const pageId = idIn(location.pathname);
    const share = pageId && targets.byId.get(pageId);
    if (share && !found.has(share.id)) {
      const main = document.querySelector('main') || document.body;
      const counts = ns.readCounts(textsOf(main, null));
      if (Object.keys(counts).length) found.set(share.id, { share, counts, source: sourceOfPage() });
    }
    return [...found.values()];
  }

  function sourceOfPage() {
    const path = location.pathname;
    if (path.startsWith('/analytics/')) return 'analytics';
    if (path.includes('/recent-activity/')) return 'activity';
    if (path.startsWith('/feed/update/') || path.startsWith('/posts/')) return 'post';
    return 'feed';
  }

  function indexTargets(shares) {
    const byId = new Map();
    const byText = new Map();
    for (const share of shares) {
      if (share.post_id) byId.set(share.post_id, share);
      const opening = squash(share.text);
      if (opening.length >= 20) byText.set(opening, share);
    }
    return { byId, byText };
  }

  async function start() {
    let state;
    try {
      state = await chrome.runtime.sendMessage({ type: 'reachTargets' });
    } catch {
      return; // the extension was reloaded under this page
    }
    const mark = document.documentElement.dataset; // lets tests see the reader's state
    if (!state || !state.ok || !state.enabled || !state.shares.length) {
      mark.firsthandReach = 'off';
      return;
    }
    const targets = indexTargets(state.shares);
    let scans = 0;
    const scan = () => {
      mark.firsthandScans = String(++scans);
      try {
        for (const reading of readings(targets)) {
          const last = sentAt.get(reading.share.id) || 0;
          if (Date.now() - last < 60 * 60 * 1000) continue;
          sentAt.set(reading.share.id, Date.now());
          chrome.runtime.sendMessage({
            type: 'reachReading', shareId: reading.share.id, source: reading.source, counts: reading.counts
          }).catch(() => {});
        }
      } catch {
        // Fail soft: LinkedIn changed in a way we do not understand.
      }
    };
    const later = ns.atMostEvery ? ns.atMostEvery(scan, SCAN_EVERY_MS) : scan;
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true, characterData: true });
    scan();
    mark.firsthandReach = 'watching';
    setTimeout(later, SCAN_EVERY_MS); // a second look once the page has settled
  }

  start();
  ns.reachReader = { idIn, readings, indexTargets };
})(typeof globalThis !== 'undefined' ? globalThis : this);
