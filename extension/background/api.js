/* The Firsthand API client: the only place that talks to the server. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { storage, failures } = ns;
  const TIMEOUT_MS = 10000;

  const TAG = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;

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
    if (response.ok) return { ok: true, status: response.status, data };
    const kind = failures.kindOf(response.status);
    const message = (data && data.error && data.error.message) || null;
    // The server's code says which of a kind it is (a 401's token_expired, token_revoked,
    // account_deactivated: server/firsthand/auth.py), for words that say what happened.
    const code = data && data.error && typeof data.error.code === 'string' ? data.error.code : undefined;
    const extra = { status: response.status, data, code };
    if (kind === 'rate_limited') extra.retryAfterMs = failures.retryAfterMs(response.headers.get('Retry-After'));
    return failures.failure(kind, message, extra);
  }

  ns.api = { request, uiLanguage, TAG };
})(typeof globalThis !== 'undefined' ? globalThis : this);
