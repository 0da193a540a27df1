/* How far the computer's clock is from the servers' (the Firsthand server's, read from the Date
   header of its API answers; LinkedIn's and X's servers, which mint the post ids, keep the same
   time). lib/new-post.js dates a post id against the moment the composer opened, on the
   servers' clock: a computer clock minutes or days wrong would otherwise make a new post look
   older than its composer (not offered) or an edited one newer (offered as new). Pure: node
   tests in tests/extension/server-clock.test.js. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const KEEP_FOR_MS = 60 * 60 * 1000; // an offset is written again at most hourly, unless it moved
  const MOVED_MS = 2000;

  /** The servers' time minus the computer's, in ms, from an answer's Date header (whole
      seconds: the middle of its second) and when the request went and its answer came, or null. */
  function offsetFrom(dateHeader, sentAt, receivedAt) {
    const server = typeof dateHeader === 'string' ? Date.parse(dateHeader) : NaN;
    if (!Number.isFinite(server) || !Number.isFinite(sentAt) || !(receivedAt >= sentAt)) return null;
    return Math.round(server + 500 - (sentAt + receivedAt) / 2);
  }

  /** Whether a new offset is worth writing over the one kept ({ms, at} or null). */
  function worthKeeping(kept, offset, now) {
    if (offset === null) return false;
    return !kept || !Number.isFinite(kept.ms) || Math.abs(kept.ms - offset) > MOVED_MS || now - kept.at > KEEP_FOR_MS;
  }

  /** `localMs` on the servers' clock, or undefined while no offset is known. */
  function onServerClock(localMs, kept) {
    return kept && Number.isFinite(kept.ms) && Number.isFinite(localMs) ? localMs + kept.ms : undefined;
  }

  const api = { offsetFrom, worthKeeping, onServerClock };
  ns.serverClock = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
