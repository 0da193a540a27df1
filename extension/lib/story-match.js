/* Which story a draft tells, by the links in it: a personal tracked link (/r/<code>) or the
   story's own link (host without www, path without a trailing slash). Pure: used by the
   service worker and tested with node. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/gi;

  function normal(url) {
    try {
      const u = new URL(String(url).replace(/[.,;:!?]+$/, ''));
      return u.hostname.replace(/^www\./, '').toLowerCase() + u.pathname.replace(/\/+$/, '');
    } catch {
      return null;
    }
  }

  /** The first of `stories` whose tracked link or link appears in `text`, or null. */
  function find(text, stories) {
    const links = new Set((String(text).match(URL_IN_TEXT) || []).map(normal).filter(Boolean));
    if (!links.size || !Array.isArray(stories)) return null;
    for (const story of stories) {
      if (story.tracked_link && links.has(normal(story.tracked_link))) return story;
    }
    for (const story of stories) {
      if (story.link && links.has(normal(story.link))) return story;
    }
    return null;
  }

  const api = { find, normal };
  ns.storyMatch = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
