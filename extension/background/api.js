/* The Firsthand API client: the only place that talks to the server. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { storage, failures } = ns;
  const TIMEOUT_MS = 10000;

  const TAG = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;

  // The keys that make a 2xx the answer its route gives (each a required one of its schema in
  // shared/schemas/: tests/extension/api-answers.test.js). A 2xx without them, or not a JSON
  // object at all (a proxy's sign-in or maintenance page, with CORS headers), is no answer:
  // `unreadable`, a failure that keeps a share waiting, never a share logged.
  const SHAPES = [
    ['GET', /^\/me$/, 'me', ['user', 'badges']],
    ['GET', /^\/me\/badges$/, 'me-badges', ['in_progress']],
    ['GET', /^\/shares$/, 'shares-page', ['data']],
    ['POST', /^\/shares$/, 'share-create', ['points_awarded']],
    ['POST', /^\/suggestions$/, 'suggestion', ['angles']],
    ['GET', /^\/leaderboard$/, 'leaderboard', ['entries']],
    ['GET', /^\/me\/kudos$/, 'kudos-page', ['data']],
    ['GET', /^\/stories$/, 'stories', ['data']],
    ['GET', /^\/me\/reach$/, 'me-reach', ['shares']],
    ['GET', /^\/me\/potential-reach$/, 'potential-reach.schema.json', ['networks']]
  ];

  /** Whether a 2xx answer's body (parsed JSON, or null) is one its readers can read. */
  function readable(method, path, data) {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
    const route = path.split('?')[0];
    const shape = SHAPES.find(([m, pattern]) => m === method && pattern.test(route));
    return !shape || shape[3].every((key) => data[key] !== undefined && data[key] !== null);
  }

  /** Whether a failed answer is the API's own JSON error ({error: {code, message}}: server/
      firsthand/errors.py), not a page some proxy or gateway put in its place. */
  function apiError(data) {
    const error = data && data.error;
    return Boolean(error && typeof error.code === 'string' && typeof error.message === 'string');
  }

  /** The language to ask the server for: the one the extension's own words are actually shown
      in, so the server's words (badge and level names, errors) match them. That is the
      `langCode` message of the locale chrome.i18n picked, not chrome.i18n.getUILanguage():
      Chromium launched with --lang=de answered "en-US" there while showing the German
      messages (the share card read "45 Punkte insgesamt · Newcomer"), and with --lang=de-DE,
      which this Chromium has no UI for, "de-DE" while showing the English ones. The UI
      language only when no message answers (a renderer that lost them, lib/i18n.js), and a
      service worker's fetch would otherwise carry the browser's preferred *page* languages
      (an English Chromium reading German pages showed "Level 2 · Mitwirkender" among English
      labels). English, which the extension falls back to itself, when neither is a plain
      language tag (a header fetch refuses). */
  function uiLanguage() {
    for (const ask of [(i18n) => i18n.getMessage('langCode'), (i18n) => i18n.getUILanguage()]) {
      let code = '';
      try {
        code = String(ask(root.chrome.i18n) || '');
      } catch {
        // No chrome.i18n (node): the next source, then English.
      }
      if (TAG.test(code)) return code.replace(/_/g, '-');
    }
    return 'en';
  }

  /** The servers' clock against this computer's, from an answer's Date header (exposed by the
      server's CORS): post ids are dated on it (lib/server-clock.js). Never in the way. */
  function learnClock(dateHeader, sentAt, receivedAt) {
    const { serverClock } = ns;
    const offset = serverClock ? serverClock.offsetFrom(dateHeader, sentAt, receivedAt) : null;
    if (offset === null) return;
    storage.read('serverClock').then((kept) => serverClock.worthKeeping(kept, offset, receivedAt) &&
      storage.set({ serverClock: { ms: offset, at: receivedAt } })).catch(() => {});
  }

  /**
   * Call the API. Never throws: answers {ok: true, status, data} or a named failure
   * {ok: false, kind, status, error, data, retryAfterMs?} (lib/failures.js).
   */
  async function request(method, path, { body, headers = {}, token, server } = {}) {
    const current = await storage.settings();
    const base = storage.serverOrigin(server || current.server);
    const auth = token || current.token;
    if (!auth || !base) return failures.failure('not_connected');
    const controller = new AbortController();
    let timedOut = false; // a slow server is not an unreachable one: it may have done the work
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, TIMEOUT_MS);
    let response;
    const sentAt = Date.now();
    try {
      response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${auth}`,
          'Accept-Language': uiLanguage(),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...headers
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: controller.signal
      });
    } catch {
      clearTimeout(timer);
      return failures.failure(timedOut ? 'timeout' : 'offline');
    }
    learnClock(response.headers.get('Date'), sentAt, Date.now());
    const data = await response.json().catch(() => null); // the timeout covers the body too
    clearTimeout(timer);
    if (timedOut) return failures.failure('timeout'); // its body cut off: no answer to read
    if (response.ok) {
      return readable(method, path, data) ? { ok: true, status: response.status, data }
        : failures.failure('unreadable', null, { status: response.status });
    }
    const kind = failures.kindOf(response.status, apiError(data));
    const message = (data && data.error && data.error.message) || null;
    // The server's code says which of a kind it is (a 401's token_expired, token_revoked,
    // account_deactivated: server/firsthand/auth.py), for words that say what happened.
    const code = data && data.error && typeof data.error.code === 'string' ? data.error.code : undefined;
    const extra = { status: response.status, data, code };
    if (kind === 'rate_limited') extra.retryAfterMs = failures.retryAfterMs(response.headers.get('Retry-After'));
    return failures.failure(kind, message, extra);
  }

  ns.api = { request, uiLanguage, TAG, SHAPES, readable };
})(typeof globalThis !== 'undefined' ? globalThis : this);
