/* The offline outbox's rules: what to do with an answer, and when to try again. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const FIRST_DELAY_MS = 2000;
  const MAX_DELAY_MS = 5 * 60 * 1000;

  /** Delay before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … capped at 5 min. */
  function backoffMs(attempts) {
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  }

  /**
   * What an answer means for a queued share:
   * 'done' (logged, or logged before: the server answers a retry with the original),
   * 'retry' (offline, server error, rate limit), 'drop' (the server refuses it for good).
   */
  function outcome(status) {
    if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
    if (status >= 200 && status < 300) return 'done';
    if (status === 401) return 'retry'; // reconnecting fixes it; keep the share
    return 'drop';
  }

  /** A new outbox item for a share body. */
  function newItem(body, key, now) {
    return { key, body, attempts: 0, nextAttemptAt: now, queuedAt: now, lastError: null };
  }

  /** The item after a failed try at `now`. */
  function afterFailure(item, now, error) {
    const attempts = item.attempts + 1;
    return { ...item, attempts, nextAttemptAt: now + backoffMs(attempts), lastError: error };
  }

  /** Items whose next try is due. */
  function due(items, now) {
    return items.filter((item) => item.nextAttemptAt <= now);
  }

  /** Milliseconds until the next item is due, or null for an empty outbox. */
  function nextWakeMs(items, now) {
    if (!items.length) return null;
    return Math.max(0, Math.min(...items.map((i) => i.nextAttemptAt)) - now);
  }

  const api = { backoffMs, outcome, newItem, afterFailure, due, nextWakeMs };
  ns.outboxRules = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
