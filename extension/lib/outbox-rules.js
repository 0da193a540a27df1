/* The offline outbox's rules: what an answer means for a queued share, and when to try again.
   Pure functions over plain items; background/outbox.js applies them under its one lock. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const FIRST_DELAY_MS = 2000;
  const MAX_DELAY_MS = 5 * 60 * 1000;
  // Failures that pass: the share waits and is tried again (after a `timeout` the server may
  // have logged it: the retry's same Idempotency-Key finds out, and counts it once).
  // Reconnecting fixes `unauthorized` and `not_connected`, so those shares wait too, as do
  // answers that are not the server's word (`unreadable`: a proxy's page, a 2xx that is no
  // share). Every other kind means the server refused this share for good (a 4xx other than
  // 401/408/429, in the API's own JSON): it goes to the failed list.
  const WAIT_KINDS = new Set(['offline', 'timeout', 'not_connected', 'unauthorized', 'rate_limited', 'server_error',
    'unreadable']);

  /** Delay before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … capped at 5 min. */
  function backoffMs(attempts) {
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  }

  /**
   * What an answer (api.request's reply) means for a queued share: 'done' (logged, or logged
   * before: the server answers a retry with the original), 'retry', or 'failed' (refused).
   */
  function outcome(reply) {
    if (reply.ok) return reply.data && typeof reply.data === 'object' ? 'done' : 'retry'; // no answer read: not logged
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
    return !item.owner || !current || sameAccount(item.owner, current);
  }

  const sameAccount = (a, b) => a.server === b.server && a.userId === b.userId;

  /** Whether the server refused a share for the story it was to tell (a 422 naming story_id:
      the story ended, is not for this person, or is another server's): logged without the
      story, it is taken. */
  function storyRefused(reply) {
    const details = reply && reply.data && reply.data.error && reply.data.error.details;
    return reply.status === 422 && Array.isArray(details) && details.some((d) => d && d.field === 'story_id');
  }

  /** The item after a try at `now` that failed for now; a Retry-After is honoured. */
  function afterFailure(item, now, reply) {
    const attempts = item.attempts + 1;
    const wait = Math.max(backoffMs(attempts), reply.retryAfterMs || 0);
    return { ...item, attempts, nextAttemptAt: now + wait, lastError: reply.error, lastKind: reply.kind || 'unreadable' };
  }

  /** The item as kept in the failed list: what the server said, and when. */
  function asFailed(item, now, reply) {
    return { ...item, attempts: item.attempts + 1, error: reply.error, kind: reply.kind, status: reply.status, failedAt: now,
      storyRefused: storyRefused(reply) };
  }

  /** A failed item sent back to the outbox by the employee's Retry: same key, due now, for
      the account connected now (`owner`, who chose to retry it). Its story goes when the
      employee says so (`withoutStory`), or when another account takes it: a story id is one
      of the server the share was logged on, and of that person's stories. */
  function forRetry(failed, now, owner = null, { withoutStory = false } = {}) {
    const body = { ...failed.body };
    if (withoutStory || (failed.owner && owner && !sameAccount(failed.owner, owner))) delete body.story_id;
    return { ...newItem(body, failed.key, now, owner), queuedAt: failed.queuedAt || now };
  }

  /** Items whose next try is due. */
  function due(items, now) {
    return items.filter((item) => item.nextAttemptAt <= now);
  }

  /** When the next item is due (ms since the epoch; maybe past), or null for an empty outbox. */
  function nextWakeAt(items) {
    return items.length ? Math.min(...items.map((i) => i.nextAttemptAt)) : null;
  }

  const api = { backoffMs, outcome, newItem, sendableAs, storyRefused, afterFailure, asFailed, forRetry, due, nextWakeAt };
  ns.outboxRules = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
