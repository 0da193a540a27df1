/* The Firsthand API client: the only place that talks to the server. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { storage, failures } = ns;
  const TIMEOUT_MS = 10000;

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
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${auth}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...headers
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: controller.signal
      });
    } catch {
      clearTimeout(timer);
      return failures.failure('offline');
    }
    const data = await response.json().catch(() => null); // the timeout covers the body too
    clearTimeout(timer);
    if (response.ok) return { ok: true, status: response.status, data };
    const kind = failures.kindOf(response.status);
    const message = (data && data.error && data.error.message) || null;
    const extra = { status: response.status, data };
    if (kind === 'rate_limited') extra.retryAfterMs = failures.retryAfterMs(response.headers.get('Retry-After'));
    return failures.failure(kind, message, extra);
  }

  ns.api = { request };
})(typeof globalThis !== 'undefined' ? globalThis : this);
