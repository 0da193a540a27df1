/* The wait, after a Post click, for the page to confirm the post exists. Kept in the tab's
   sessionStorage as well as in memory: LinkedIn's composer may be a page of its own
   (/sharing/compose) and Post may return to the feed by a full page load, where this content
   script starts afresh and resumes the wait (within the same 30 s). Kept there: the network, a
   hash and the length of the draft (never its words: the page's own scripts can read
   sessionStorage), when Post was clicked, the posts already confirmed then, and once found, the
   post (a page that unloads right after confirming it offers it again on the next page). The
   page can write there too: a record is resumed only if well formed, clicked 0–30 s ago, and its
   post (if any) is the adapter's canonical URL of itself; any other is dropped. The words wait
   in the service worker's session storage, asked back by their hash. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const KEY = 'firsthand:pendingPublish';
  const WINDOW_MS = 30000;
  const POLL_MS = 250;
  const FEED_GRACE_MS = 2500;
  const HASH = /^[0-9a-f]{1,14}$/; // hashOf's

  /** A 53-bit hash of the draft (cyrb53), in hex: enough to tell one draft from another. */
  function hashOf(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }

  /** A record as start() writes it, Post clicked within the window (not in the future). The
      page's own scripts can write sessionStorage too: nothing else is taken. */
  function wellFormed(record) {
    const age = record && Date.now() - record.startedAt;
    return Boolean(record) && typeof record === 'object' && !Array.isArray(record) &&
      typeof record.network === 'string' && typeof record.hash === 'string' && HASH.test(record.hash) &&
      Number.isSafeInteger(record.length) && record.length >= 0 &&
      typeof record.startedAt === 'number' && age >= 0 && age <= WINDOW_MS &&
      Array.isArray(record.seen) && record.seen.every((href) => typeof href === 'string') &&
      (record.found === undefined || typeof record.found === 'string') &&
      (record.openedAt === undefined || Number.isFinite(record.openedAt));
  }

  /** The kept record, or null; one that is not well formed (or whose window passed) is dropped. */
  function load() {
    let record;
    try {
      record = JSON.parse(root.sessionStorage.getItem(KEY) || 'null');
    } catch {
      record = undefined;
    }
    if (record === null) return null;
    if (wellFormed(record)) return record;
    clear();
    return null;
  }

  function save(record) {
    try {
      root.sessionStorage.setItem(KEY, JSON.stringify(record));
    } catch {
      // Storage full or refused: the wait still runs on this page.
    }
  }

  function clear() {
    try {
      root.sessionStorage.removeItem(KEY);
    } catch {
      // Nothing kept.
    }
  }

  class PendingPublish {
    /** onConfirmed({url, text, hash, length, story}): text is null after a page load. */
    constructor(adapter, onConfirmed) {
      this.adapter = adapter;
      this.onConfirmed = onConfirmed;
      this.timer = 0;
      this.look = null;
      // A last look as the page goes (Post's page load): what it confirmed is kept for the next.
      if (typeof root.addEventListener === 'function') root.addEventListener('pagehide', () => this.look && this.look());
    }

    /** A Post click: remember the draft, what is confirmed already, the posts the page shows
        (an edit's Save confirms the post edited, which is on the page) and when the composer
        opened on the servers' clock (openedAt, if known: an edited post's id predates it), then
        wait. */
    start(text, story, openedAt) {
      const shown = this.adapter.postsOnPage ? this.adapter.postsOnPage() : [];
      const record = { network: this.adapter.network, hash: hashOf(text), length: text.length,
        startedAt: Date.now(), seen: [...new Set([...this.adapter.publishedLinks(), ...shown])],
        ...(Number.isFinite(openedAt) ? { openedAt } : {}) };
      save(record); // at once: Post may unload this page any moment now
      this.wait(record, text, story);
      return record;
    }

    /** On page load: a Post clicked on the page before, if still within its window. */
    resume() {
      const record = load(); // null when none, or dropped: malformed, too old, in the future
      if (!record || record.network !== this.adapter.network) return false;
      if (record.found !== undefined && this.adapter.canonicalUrl(record.found) !== record.found) {
        clear(); // only a post link in the adapter's own canonical form is offered
        return false;
      }
      if (record.found) {
        this.confirm(record, record.found, null, null);
        return true;
      }
      this.wait(record, null, null);
      return true;
    }

    wait(record, text, story) {
      clearInterval(this.timer);
      const before = new Set(record.seen);
      const earlier = record.seen.map((href) => this.adapter.canonicalUrl(href)).filter(Boolean);
      // Not one that existed before the click: an edit saved, a post reposted as it was.
      const when = { clickedAt: record.startedAt, openedAt: record.openedAt, before: earlier };
      const isNew = (url) => !ns.newPost || ns.newPost.isNewPost(url, when);
      const inFeed = this.feedWatch(record, before, when, text);
      this.look = () => {
        const url = [...this.adapter.publishedLinks()].filter((href) => !before.has(href))
          .map((href) => this.adapter.canonicalUrl(href)).find((found) => found && isNew(found)) || inFeed();
        if (url) this.confirm(record, url, text, story);
        else if (Date.now() - record.startedAt > WINDOW_MS) this.stop(); // discarded, failed: nothing
      };
      this.timer = setInterval(this.look, POLL_MS);
    }

    /** For an adapter whose site may confirm a post by no link (adapter.feedConfirms): a post the
        page shows now but did not at the click, minted after everything it showed then
        (newPost.isFreshInFeed), once it has been there FEED_GRACE_MS, so that a toast or the
        create-post request naming it (the post as the site links it) still comes first; and
        that shows the draft's words (newPost.showsDraft). Not after a page load (text null): the
        words are unknown there, and a colleague's post minted minutes before the click, at the
        top of the fresh feed, would be offered with our held words as the one published. */
    feedWatch(record, before, when, text) {
      if (!text || !this.adapter.feedConfirms || !this.adapter.postsOnPage || !this.adapter.postText ||
        !ns.newPost || !ns.newPost.isFreshInFeed) {
        return () => null;
      }
      const since = new Map();
      return () => {
        const now = Date.now();
        const ours = (url) => ns.newPost.showsDraft(this.adapter.postText(url), text);
        const fresh = this.adapter.postsOnPage().filter((url) => !before.has(url) &&
          ns.newPost.isFreshInFeed(url, when) && ours(url));
        for (const url of fresh) if (!since.has(url)) since.set(url, now);
        return fresh.find((url) => now - since.get(url) >= FEED_GRACE_MS) || null;
      };
    }

    /** Look at once (the page changed): a toast the page takes away between two polls is
        still seen. Nothing when no Post click is waiting. */
    poke() {
      if (this.look) this.look();
    }

    confirm(record, url, text, story) {
      clearInterval(this.timer);
      this.look = null;
      save({ ...record, found: url }); // until it is logged or the window passes
      this.onConfirmed({ url, text, hash: record.hash, length: record.length, story });
    }

    /** The window passed: nothing is pending any more. */
    stop() {
      clearInterval(this.timer);
      this.look = null;
      clear();
    }

    /** The card for this post was answered (logged, or not now): forget it, not a newer wait. */
    settled(url) {
      const record = load();
      if (record && record.found === url) clear();
    }
  }

  ns.PendingPublish = PendingPublish;
  ns.PendingPublish.hashOf = hashOf;
})(typeof globalThis !== 'undefined' ? globalThis : this);
