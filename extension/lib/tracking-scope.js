/* The post URNs named by LinkedIn's data-view-tracking-scope attribute. The hashed-class feed
   (2025-26) carries a post's URN in no plain attribute and often no permalink: only there, as a
   JSON array whose entries' breadcrumb.content.data are the bytes of another JSON (the
   FeedUpdateServedEvent names "updateUrn"). Fails soft: anything else gives []. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const URN = /urn:li:(?:activity|share|ugcPost):\d{6,19}/g;
  const MAX_LENGTH = 100000; // an attribute this long is not a feed post's

  /** The distinct post URNs a tracking-scope attribute's value names, or []. */
  function urnsInTrackingScope(value) {
    if (typeof value !== 'string' || value.length > MAX_LENGTH) return [];
    let entries;
    try {
      entries = JSON.parse(value);
    } catch (e) {
      return [];
    }
    if (!Array.isArray(entries)) return [];
    const found = new Set();
    for (const entry of entries) {
      const data = entry && entry.breadcrumb && entry.breadcrumb.content && entry.breadcrumb.content.data;
      if (!Array.isArray(data) || !data.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) continue;
      const text = new TextDecoder().decode(new Uint8Array(data));
      for (const urn of text.match(URN) || []) found.add(urn);
    }
    return [...found];
  }

  ns.urnsInTrackingScope = urnsInTrackingScope;
  if (typeof module !== 'undefined' && module.exports) module.exports = { urnsInTrackingScope };
})(typeof globalThis !== 'undefined' ? globalThis : this);
