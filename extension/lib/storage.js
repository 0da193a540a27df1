/* Everything the extension keeps in chrome.storage.local: each key once, with its default.
   Every reader and writer goes through here; a key not listed is a mistake and throws, so a new
   setting starts with one line in KEYS. Loaded by the service worker, the content scripts, the
   popup and the options page. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  /** Every key and its default (what a read answers while the key is unset). */
  const KEYS = Object.freeze({
    // Origin of the Firsthand server, no trailing slash; null until the connect page (or the
    // options page) sets one. No default: a fresh install knows no server, and the popup
    // showed a made-up one (127.0.0.1:5000) as if it were this company's.
    server: null,
    token: null, // API token from the connect page
    user: null, // {id, name, email, …} as /me answered at connect time
    liveSuggestions: true, // options page: send drafts for suggestions at all
    panelCollapsed: false, // the suggestion panel's Hide/Show, remembered across pages
    lastAngles: [], // the last angles the server gave: offered again while it is unreachable
    seenBadges: null, // badge ids already celebrated, or held at connect time; null: never looked
    outbox: [], // shares waiting to be logged; written only by background/outbox.js
    outboxFailed: [], // shares the server refused for good; written only by background/outbox.js
    reachReading: true, // options page: read the counts of your own logged posts on LinkedIn
    reachShares: null, // {at, shares: [{id, post_id, text}]}: the posts the reach reader may read
    reachSent: null, // {shareId: ms}: when a reading of each post was last sent (one an hour)
    storyBadge: true, // options page: count new stories on the toolbar icon
    seenStories: [], // story ids the employee has already seen in Ideas (background/stories.js)
    stories: [], // the live stories for the employee's team, as last fetched
    activeStory: null, // {story, at}: the story the employee chose to write about, from Ideas
    serverClock: null // {ms, at}: the servers' time minus this computer's (lib/server-clock.js)
  });

  // What belongs to the account connected, on its server: that server's stories and the one
  // picked from them, the account's posts whose reach is read, the last angles, the server's
  // clock. Forgotten when the connection changes to another account or server, or ends
  // (background/router.js): a story id of one server is another story, or none, on the next.
  const ACCOUNT_KEYS = Object.freeze(['activeStory', 'stories', 'seenStories', 'reachShares', 'reachSent',
    'lastAngles', 'serverClock']);

  const area = () => root.chrome.storage.local;

  function known(names) {
    for (const name of names) {
      if (!Object.hasOwn(KEYS, name)) throw new Error(`Unknown storage key "${name}": add it to KEYS in lib/storage.js.`);
    }
    return names;
  }

  function defaultOf(name) {
    const value = KEYS[name];
    return Array.isArray(value) ? [] : value; // never hand out the shared default array
  }

  /** Read keys (a name or a list): answers {name: stored value or its default}. */
  async function get(names) {
    const list = known(Array.isArray(names) ? names : [names]);
    const stored = await area().get(list);
    return Object.fromEntries(list.map((n) => [n, stored[n] === undefined ? defaultOf(n) : stored[n]]));
  }

  /** Read one key's value (or its default). */
  async function read(name) {
    return (await get(name))[name];
  }

  /** Write {name: value, …} in one storage write (so several keys change together). */
  async function set(values) {
    known(Object.keys(values));
    await area().set(values);
  }

  // One promise chain per key for update(): two handlers answering at once (two posts read on
  // one page) would otherwise each read the old value and the second write would drop the first.
  const updating = {};

  /** Read-modify-write one key: fn(current value) answers the new one; calls on a key run in turn. */
  function update(name, fn) {
    known([name]);
    const run = (updating[name] || Promise.resolve()).then(async () => {
      const next = await fn(await read(name));
      await set({ [name]: next });
      return next;
    });
    updating[name] = run.catch(() => undefined);
    return run;
  }

  /** Unset keys: reads answer their defaults again. */
  async function remove(names) {
    await area().remove(known(Array.isArray(names) ? names : [names]));
  }

  /** Call fn({name: newValue}) when any of the keys changes (from any part of the extension). */
  function onChange(names, fn) {
    const watched = known(Array.isArray(names) ? names : [names]);
    root.chrome.storage.onChanged.addListener((changes, areaName) => {
      if (areaName !== 'local') return;
      const hit = watched.filter((n) => n in changes);
      if (hit.length) fn(Object.fromEntries(hit.map((n) => [n, changes[n].newValue ?? defaultOf(n)])));
    });
  }

  /** A server address as stored: its origin (scheme and host in lower case, no path), so the
      console's address or a connect link pasted whole name the server too ("HTTP://…/console/"
      was stored as typed, and refused); https:// when no scheme is given; null for none. What
      is no address at all is kept as typed, trailing slashes off, and fails when used. */
  function serverOrigin(url) {
    const raw = String(url || '').trim();
    if (!raw) return null;
    for (const candidate of [raw, `https://${raw}`]) {
      try {
        const parsed = new URL(candidate);
        if (/^https?:$/.test(parsed.protocol) && parsed.hostname) return parsed.origin;
      } catch {
        // Not an address as it is: with https:// in front, then as typed.
      }
    }
    return raw.replace(/\/+$/, '');
  }

  /** The connection and the switches the background needs. */
  async function settings() {
    const s = await get(['server', 'token', 'user', 'liveSuggestions']);
    return { ...s, server: serverOrigin(s.server), liveSuggestions: s.liveSuggestions !== false };
  }

  // chrome.storage.session: memory only, cleared with the browser, the service worker's alone
  // (content scripts ask it). heldDrafts: {hash: {text, at}}, the words of drafts just posted
  // (background/router.js, content/pending-publish.js).
  const SESSION_KEYS = Object.freeze({ heldDrafts: {} });

  const session = {
    async read(name) {
      if (!Object.hasOwn(SESSION_KEYS, name)) throw new Error(`Unknown session key "${name}".`);
      const stored = await root.chrome.storage.session.get(name);
      return stored[name] === undefined ? { ...SESSION_KEYS[name] } : stored[name];
    },
    async set(name, value) {
      if (!Object.hasOwn(SESSION_KEYS, name)) throw new Error(`Unknown session key "${name}".`);
      await root.chrome.storage.session.set({ [name]: value });
    }
  };

  const api = { KEYS, ACCOUNT_KEYS, get, read, set, update, remove, onChange, serverOrigin, settings, session };
  ns.storage = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
