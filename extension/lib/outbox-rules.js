/* The offline outbox's rules: what an answer means for a queued share, and when to try again.
   Pure functions over plain items; background/outbox.js applies them under its one lock. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const FIRST_DELAY_MS = 2000;
  const MAX_DELAY_MS = 5 * 60 * 1000;
  // Failures that pass: the share waits and is tried again (after a `timeout` the server may
  // have logged it: the retry's same Idempotency-Key finds out, and counts it once).
  // Reconnecting fixes `unauthorized` and `not_connected`, so those shares wait too. Every
  // other kind means the server refused this share for good (a 4xx other than 401/408/429):
  // it goes to the failed list.
  const WAIT_KINDS = new Set(['offline', 'timeout', 'not_connected', 'unauthorized', 'rate_limited', 'server_error']);

  /** Delay before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … capped at 5 min. */
  function backoffMs(attempts) {
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  }

  /**
   * What an answer (api.request's reply) means for a queued share: 'done' (logged, or logged
   * before: the server answers a retry with the original), 'retry', or 'failed' (refused).
   */
  function outcome(reply) {
    if (reply.ok) return 'done';
    return WAIT_KINDS.has(reply.kind) ? 'retry' : 'failed';
  }

  /** A new outbox item for a share body; `key` is its Idempotency-Key for life. `owner`: the
      account connected when it was logged ({server, userId, name}), null before any was. */
  function newItem(body, key, now, owner = null) {
    return { key, body, attempts: 0, nextAttemptAt: now, queuedAt: now, lastError: null, owner };
  }

  /** Whether an item may be sent as the account connected now (`current`, null if none): a
      share is the person's who logged it, so one queued for another account, or for another
      server, is not sent with this connection's token. */
  function sendableAs(item, current) {
    const owner = item.owner;
    return !owner || !current || (owner.server === current.server && owner.userId === current.userId);
  }

  /** The item after a try at `now` that failed for now; a Retry-After is honoured. */
  function afterFailure(item, now, reply) {
    const attempts = item.attempts + 1;
    const wait = Math.max(backoffMs(attempts), reply.retryAfterMs || 0);
    return { ...item, attempts, nextAttemptAt: now + wait, lastError: reply.error, lastKind: reply.kind };
  }

  /** The item as kept in the failed list: what the server said, and when. */
  function asFailed(item, now, reply) {
    return { ...item, attempts: item.attempts + 1, error: reply.error, kind: reply.kind, status: reply.status, failedAt: now };
  }

  /** A failed item sent back to the outbox by the employee's Retry: same key, due now, for
      the account connected now (`owner`, who chose to retry it). */
  function forRetry(failed, now, owner = null) {
    return { ...newItem(failed.body, failed.key, now, owner), queuedAt: failed.queuedAt || now };
  }

  /** Items whose next try is due. */
  function due(items, now) {
    return items.filter((item) => item.nextAttemptAt <= now);
  }

  /** When the next item is due (ms since the epoch; maybe past), or null for an empty outbox. */
  function nextWakeAt(items) {
    return items.length ? Math.min(...items.map((i) => i.nextAttemptAt)) : null;
  }

  const api = { backoffMs, outcome, newItem, sendableAs, afterFailure, asFailed, forRetry, due, nextWakeAt };
  ns.outboxRules = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
