/* Failures have names. Every answer the background gives is {ok: true, status, data} or
   {ok: false, kind, status, error, …}; callers switch on `kind`, never on numbers. A new kind:
   one line in KINDS (its fallback message), then teach the callers that care about it. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const KINDS = Object.freeze({
    // The server could not be reached: no network, wrong address, down.
    offline: 'The Firsthand server cannot be reached.',
    // No answer within the client's time limit: the server may be there but slow, and may have
    // done the work (a share sent again with its Idempotency-Key is never counted twice).
    timeout: 'The Firsthand server is taking too long to answer.',
    // No token stored: the employee has not opened a connect link in this browser yet.
    not_connected: 'Not connected to a Firsthand server.',
    // 401: the token expired or was revoked; a new connect link fixes it.
    unauthorized: 'Your Firsthand connection has expired: reconnect with a new link.',
    // 429: too many requests; `retryAfterMs` says how long to wait.
    rate_limited: 'Too many requests for now: Firsthand will try again shortly.',
    // A 2xx that is not the answer asked for, or a failure that is not the API's own JSON error
    // (a proxy's sign-in page, a gateway's 404): not the server's word, so a share waits.
    unreadable: 'The Firsthand server’s answer could not be read.',
    // Any other 4xx the API itself answered (or a request the extension refuses): sending it
    // again will not help.
    bad_request: 'The Firsthand server refused this request.',
    // 5xx or 408: the server failed this time; the same request may succeed later.
    server_error: 'The Firsthand server had a problem. Try again in a moment.',
    // The employee switched live suggestions off (options page): nothing was sent.
    switched_off: 'Live suggestions are off.',
    // The extension itself failed: reloaded under the page, or a bug in a handler.
    extension_error: 'The Firsthand extension could not answer. Reload the page.'
  });

  /** The kind of a failed HTTP answer (status 0: no answer at all). `fromApi`: its body is
      the API's own JSON error; another 4xx (a proxy's page) is no refusal of the server's. */
  function kindOf(status, fromApi = true) {
    if (!status) return 'offline';
    if (status === 401) return 'unauthorized';
    if (status === 429) return 'rate_limited';
    if (status === 408 || status >= 500) return 'server_error';
    return fromApi ? 'bad_request' : 'unreadable';
  }

  // The same messages in the browser's language (_locales), where chrome.i18n is at hand.
  const MESSAGE_KEYS = {
    offline: 'failureOffline',
    timeout: 'failureTimeout',
    not_connected: 'failureNotConnected',
    unauthorized: 'failureUnauthorized',
    unreadable: 'failureUnreadable',
    rate_limited: 'failureRateLimited',
    bad_request: 'failureBadRequest',
    server_error: 'failureServerError',
    switched_off: 'failureSwitchedOff',
    extension_error: 'failureExtensionError'
  };

  function messageOf(kind) {
    try {
      return root.chrome.i18n.getMessage(MESSAGE_KEYS[kind]) || KINDS[kind];
    } catch {
      return KINDS[kind]; // node, or the extension reloaded under the page
    }
  }

  /** A failed answer of a kind, with a message a person can act on. */
  function failure(kind, error, extra = {}) {
    if (!Object.hasOwn(KINDS, kind)) throw new Error(`Unknown failure kind "${kind}"`);
    return { ok: false, kind, status: 0, data: null, error: error || messageOf(kind), ...extra };
  }

  /** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), or null. */
  function retryAfterMs(header, now = Date.now()) {
    if (header === null || header === undefined || String(header).trim() === '') return null;
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
  }

  const api = { KINDS, kindOf, failure, retryAfterMs };
  ns.failures = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
