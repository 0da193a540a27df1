/* The Firsthand API client: the only place that talks to the server. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const DEFAULT_SERVER = 'http://127.0.0.1:5000';
  const TIMEOUT_MS = 10000;

  async function settings() {
    const stored = await chrome.storage.local.get(['server', 'token', 'user', 'liveSuggestions']);
    return {
      server: (stored.server || DEFAULT_SERVER).replace(/\/+$/, ''),
      token: stored.token || null,
      user: stored.user || null,
      liveSuggestions: stored.liveSuggestions !== false
    };
  }

  /**
   * Call the API. Never throws: answers {ok, status, data, error}; status 0 means the
   * server could not be reached (offline, wrong URL, timeout).
   */
  async function request(method, path, { body, headers = {}, token, server } = {}) {
    const current = await settings();
    const base = (server || current.server).replace(/\/+$/, '');
    const auth = token || current.token;
    if (!auth) return { ok: false, status: 401, error: 'Not connected to a Firsthand server.' };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${auth}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...headers
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: controller.signal
      });
      const data = await response.json().catch(() => null);
      const error = response.ok ? null : (data && data.error && data.error.message) || response.statusText;
      return { ok: response.ok, status: response.status, data, error };
    } catch (e) {
      return { ok: false, status: 0, data: null, error: 'The Firsthand server cannot be reached.' };
    } finally {
      clearTimeout(timer);
    }
  }

  ns.api = { settings, request, DEFAULT_SERVER };
})(typeof globalThis !== 'undefined' ? globalThis : this);
