/* Numbers and words for the popup: level progress, friendly times, a post's opening words. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  /** Percent of the way from this level to the next (100 at the top level). */
  function levelProgress(points, level) {
    if (level.points_to_next === null || level.points_to_next === undefined) return 100;
    // The level started where the previous threshold was; the server gives points_to_next.
    const span = points + level.points_to_next - (level.min_points || 0);
    const done = points - (level.min_points || 0);
    return Math.max(0, Math.min(100, Math.round((100 * done) / Math.max(span, 1))));
  }

  /** English words for timeAgo; the popup passes the UI language's (popup/shell.js). */
  function english(unit, n) {
    if (unit === 'now') return 'just now';
    if (unit === 'minutes') return `${n} min ago`;
    if (unit === 'hours') return `${n} h ago`;
    return `${n} day${n === 1 ? '' : 's'} ago`;
  }

  /** "just now", "5 min ago", "3 h ago", "2 days ago", or a date; `words(unit, n)` says it. */
  function timeAgo(iso, now = Date.now(), words = english) {
    const then = Date.parse(iso);
    if (Number.isNaN(then)) return '';
    const minutes = Math.round((now - then) / 60000);
    if (minutes < 1) return words('now', 0);
    if (minutes < 60) return words('minutes', minutes);
    const hours = Math.round(minutes / 60);
    if (hours < 24) return words('hours', hours);
    const days = Math.round(hours / 24);
    if (days < 14) return words('days', days);
    return new Date(then).toISOString().slice(0, 10);
  }

  /** A post's opening words for a list: its first line, spaces tidied, cut at a word (with "…")
      past `max` characters; '' when there is no text (a share logged from its link alone). */
  function openingWords(text, max = 60) {
    const line = String(text || '').trim().split('\n')[0].replace(/\s+/g, ' ').trim();
    if (line.length <= max) return line;
    const cut = line.slice(0, max + 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > max / 2 ? cut.slice(0, space) : line.slice(0, max)).replace(/[\s,;:.!?–-]+$/, '')}…`;
  }

  const api = { levelProgress, timeAgo, openingWords };
  Object.assign(ns, api);
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
