'use strict';
/* The real background scripts, run as the browser runs them (classic scripts sharing one global),
   in a node vm context with a fake `chrome` and a fake server. The fake chrome.storage yields to
   the event loop inside every get and set, as the real one does, so code that loads, modifies
   and saves without a lock loses writes here as it does in the browser. */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const EXTENSION = path.resolve(__dirname, '../../../extension');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));

const tick = () => new Promise((resolve) => setImmediate(resolve));

function chromeEvent() {
  const listeners = [];
  return {
    addListener: (fn) => listeners.push(fn),
    removeListener: (fn) => listeners.splice(listeners.indexOf(fn) >>> 0, 1),
    listeners
  };
}

function fakeStorage() {
  const data = {};
  const onChanged = chromeEvent();
  const copy = (value) => (value === undefined ? undefined : structuredClone(value));
  const local = {
    async get(keys) {
      await tick();
      const names = keys === null || keys === undefined ? Object.keys(data) : [].concat(keys);
      const found = {};
      for (const name of names) if (name in data) found[name] = copy(data[name]);
      await tick();
      return found;
    },
    async set(values) {
      await tick();
      const changes = {};
      for (const [name, value] of Object.entries(values)) {
        changes[name] = { oldValue: copy(data[name]), newValue: copy(value) };
        data[name] = copy(value);
      }
      await tick();
      for (const fn of onChanged.listeners) fn(changes, 'local');
    },
    async remove(keys) {
      await tick();
      for (const name of [].concat(keys)) delete data[name];
    }
  };
  // chrome.storage.session: the same, in memory of its own (no change events here).
  const sessionData = {};
  const session = {
    async get(keys) {
      await tick();
      const found = {};
      for (const name of [].concat(keys)) if (name in sessionData) found[name] = copy(sessionData[name]);
      return found;
    },
    async set(values) {
      await tick();
      for (const [name, value] of Object.entries(values)) sessionData[name] = copy(value);
    }
  };
  return { local, session, onChanged, data, sessionData };
}

/** The background's clock: real time plus however far alarms have moved it on. */
function fakeClock() {
  const clock = { ahead: 0, now: () => Date.now() + clock.ahead };
  return clock;
}

function fakeAlarms(clock) {
  const pending = new Map();
  const onAlarm = chromeEvent();
  return {
    create(name, info) {
      pending.set(name, { name, ...info });
      return Promise.resolve();
    },
    clear(name) {
      return Promise.resolve(pending.delete(name));
    },
    get: (name) => pending.get(name),
    onAlarm,
    /** Fire an alarm as Chrome would when its time comes (the clock moves on to it). */
    fire(name) {
      const alarm = pending.get(name);
      pending.delete(name);
      clock.ahead += Math.max(0, alarm.when - clock.now());
      for (const fn of onAlarm.listeners) fn(alarm);
    },
    pending
  };
}

/**
 * A stand-in for the Firsthand server's POST /shares: records every request, answers with
 * `respond(request)` ({status, body, headers}, {status, text} for a body that is not JSON, 'down',
 * or 'slow': it does the work, records the share, and answers only after the client has given
 * up), and like the real server records a
 * share once per Idempotency-Key.
 */
function fakeServer() {
  const server = {
    requests: [],
    recorded: new Map(), // Idempotency-Key → body
    respond: () => ({ status: 201 }),
    async fetch(url, init = {}) {
      await tick();
      const headers = init.headers || {};
      const request = { url: String(url), method: init.method || 'GET', key: headers['Idempotency-Key'],
        headers, body: init.body ? JSON.parse(init.body) : null };
      server.requests.push(request);
      const answer = server.respond(request);
      await tick();
      if (answer === 'down') throw new TypeError('Failed to fetch');
      if (answer === 'slow') {
        if (request.key && !server.recorded.has(request.key)) server.recorded.set(request.key, request.body);
        // Given up already (a busy machine ran the client's short timer first): a listener
        // added now would never hear it, and the test ended with its promise pending.
        const aborted = () => new DOMException('The operation was aborted.', 'AbortError');
        if (init.signal.aborted) throw aborted();
        await new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(aborted())));
      }
      // Not JSON at all (a proxy's page): `text` as given, with its own content type.
      if (answer.text !== undefined) {
        return new Response(answer.text, { status: answer.status, headers: { 'Content-Type': 'text/html', ...answer.headers } });
      }
      let body = answer.body;
      if (answer.status < 300 && request.key) {
        const again = server.recorded.has(request.key);
        if (!again) server.recorded.set(request.key, request.body);
        body = body || { duplicate: again, points_awarded: again ? 0 : 30 };
      }
      return new Response(JSON.stringify(body || {}), { status: answer.status, headers: answer.headers || {} });
    }
  };
  return server;
}

/** Load the service worker's scripts (in manifest order) into a fresh context; answers its parts.
    `waitAtMost` (ms) shortens every timer the scripts set (the API's 10 s time limit). */
function loadBackground({ connected = true, i18n, waitAtMost = Infinity } = {}) {
  const storage = fakeStorage();
  const clock = fakeClock();
  const alarms = fakeAlarms(clock);
  const server = fakeServer();
  const runtime = { onMessage: chromeEvent(), onStartup: chromeEvent(), onInstalled: chromeEvent(),
    getManifest: () => MANIFEST, openOptionsPage: async () => {} };
  // commands.js listens for the panel's keyboard shortcut (not under test here).
  const chrome = { storage, alarms, runtime, commands: { onCommand: chromeEvent() }, ...(i18n ? { i18n } : {}) };
  const context = vm.createContext({
    chrome, fetch: (...args) => server.fetch(...args), crypto: globalThis.crypto, Response,
    AbortController, URL, URLSearchParams, clearTimeout, console,
    setTimeout: (fn, ms, ...args) => setTimeout(fn, Math.min(ms, waitAtMost), ...args)
  });
  vm.runInContext('(now) => { Date.now = now; }', context)(clock.now);
  const worker = fs.readFileSync(path.join(EXTENSION, 'background/service-worker.js'), 'utf8');
  const files = [...worker.split('importScripts(')[1].matchAll(/'([^']+\.js)'/g)].map((m) => m[1])
    .filter((file) => !file.includes('site-scripts') && !file.includes('commands')); // chrome.permissions, chrome.commands: not under test here
  for (const file of files) {
    const full = path.join(EXTENSION, 'background', file);
    vm.runInContext(fs.readFileSync(full, 'utf8'), context, { filename: full });
  }
  // Connected as the connect page leaves it: a server and its token, always together.
  if (connected) Object.assign(storage.data, { server: 'http://127.0.0.1:5000', token: 'test-token' });

  /** Deliver a message as chrome.runtime would, to the router; answers its reply. */
  function send(message, sender = { url: 'chrome-extension://test/popup/popup.html' }) {
    return new Promise((resolve) => {
      const [listener] = runtime.onMessage.listeners;
      const async = listener(message, sender, resolve);
      if (!async) resolve(undefined);
    });
  }

  return { Firsthand: context.Firsthand, chrome, storage, alarms, server, clock, send };
}

/** A background whose chrome.runtime.getURL and fetches serve the extension's own files (as a
    content script's fetch of its _locales would be answered). */
function loadBackgroundServingFiles(options) {
  const bg = loadBackground(options);
  bg.chrome.runtime.getURL = (file) => `chrome-extension://id/${file}`;
  bg.server.respond = (request) => {
    const file = path.join(EXTENSION, request.url.replace('chrome-extension://id/', ''));
    return fs.existsSync(file) ? { status: 200, body: JSON.parse(fs.readFileSync(file, 'utf8')) } : { status: 404 };
  };
  return bg;
}

module.exports = { loadBackground, loadBackgroundServingFiles, tick };
