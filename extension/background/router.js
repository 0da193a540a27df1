/* Messages from content scripts, the popup and the options page. Listeners are registered at
   the top level so a sleeping worker wakes up for them. Every answer is {ok: true, …} or a
   named failure (lib/failures.js). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { api, outbox, storage, failures } = ns;
  const HELD_DRAFT_MS = 60000;

  /** Check a token against a server; on success keep both and deliver waiting shares. */
  async function connectTo(server, token) {
    const reply = await api.request('GET', '/me', { token, server });
    if (reply.ok) {
      // Another account or server: what belonged to the one before goes (lib/storage.js), or its
      // story picked in Ideas was offered for a post logged here, and refused (or, with the same
      // id here, tied the post to another story).
      const before = await storage.settings();
      const same = Boolean(before.user) && before.server === server && before.user.id === reply.data.user.id;
      if (!same) await storage.remove(storage.ACCOUNT_KEYS);
      // Badges earned before this browser connected are not news: only later ones are celebrated.
      const seenBadges = (reply.data.badges || []).map((b) => b.id);
      await storage.set({ server, token, user: reply.data.user, seenBadges });
      outbox.flush({ all: true }); // what waited for a connection goes now, not at its backoff's end
      // Stories live before this browser connected: known now, not at the next 15-minute check
      // (the composer's story picker offers only stories already fetched).
      ns.stories.fetchStories().catch(() => {});
    }
    return reply;
  }

  /** The held drafts, changed by `change` ([hash, {text, at}] pairs in, pairs out) one change at a
      time (a load, change and save each: unchained, two would lose each other's). Every change
      first drops the entries older than a minute, or dated in the future. */
  let heldDraftsChain = Promise.resolve();
  function withHeldDrafts(change) {
    const run = heldDraftsChain.then(async () => {
      const now = Date.now();
      const fresh = (d) => d && typeof d.text === 'string' && typeof d.at === 'number' &&
        now - d.at >= 0 && now - d.at < HELD_DRAFT_MS;
      const kept = Object.entries(await storage.session.read('heldDrafts')).filter(([, d]) => fresh(d));
      await storage.session.set('heldDrafts', Object.fromEntries(change(kept)));
    });
    heldDraftsChain = run.catch(() => {});
    return run;
  }

  /** The _locales folder of the messages chrome.i18n gives this worker ("pt-BR" is in pt/). */
  function pickedLocale() {
    try {
      const base = String(root.chrome.i18n.getMessage('langCode') || '').split('-')[0].toLowerCase();
      return /^[a-z]{2,3}$/.test(base) ? [base] : [];
    } catch {
      return []; // no chrome.i18n here
    }
  }

  const handlers = {
    async connect({ server, token }, sender) {
      // Only the server's own connect page may hand over a token for that server: any
      // other page could otherwise send future drafts somewhere else.
      let pageOrigin;
      let serverOrigin;
      try {
        pageOrigin = new URL(sender.url).origin;
        serverOrigin = new URL(server).origin;
      } catch {
        return failures.failure('bad_request', 'This page is not a Firsthand connect page.');
      }
      if (pageOrigin !== serverOrigin) {
        return failures.failure('bad_request', 'This page is not on the server it names.');
      }
      return connectTo(serverOrigin, token);
    },
    async connectedHere(_message, sender) {
      // Who this browser is connected as, told only to the connected server's own page (which
      // knows the person already): its name and id (`here`). Another server's connect page
      // (content/connect.js runs on no other page) learns only that this browser is connected
      // elsewhere, and where (`elsewhere`, an origin), so that opening its link asks before
      // switching this browser away; not the person.
      const { server, token, user } = await storage.settings();
      const originOf = (url) => {
        try {
          return new URL(url).origin;
        } catch {
          return null;
        }
      };
      const pageOrigin = originOf(sender && sender.url);
      const connected = Boolean(token && user && originOf(server));
      const here = connected && pageOrigin !== null && originOf(server) === pageOrigin;
      return {
        ok: true,
        data: {
          here,
          name: here ? String(user.name || '') || null : null,
          id: here && user.id != null ? user.id : null,
          elsewhere: connected && pageOrigin !== null && !here ? originOf(server) : null
        }
      };
    },
    async setConnection({ server, token }) {
      return connectTo(storage.serverOrigin(server), token);
    },
    async messages({ locales }) {
      // A content script whose renderer lost chrome.i18n's messages (lib/i18n.js): the same
      // files Chrome reads, for the locales it names (folder names only, at most three).
      const wanted = [].concat(locales || []).filter((l) => /^[a-z]{2,3}(_[A-Z0-9]{2,4})?$/.test(l)).slice(0, 3);
      // The locale Chrome picked for the extension first (its langCode, which the worker still
      // reads): the script named its own from getUILanguage(), which this Chromium answers
      // "en-US" under --lang=de while every other screen speaks German.
      const files = await Promise.all([...new Set([...pickedLocale(), ...wanted, 'en'])].map((locale) =>
        fetch(root.chrome.runtime.getURL(`_locales/${locale}/messages.json`))
          .then((answer) => (answer.ok ? answer.json() : {}))
          .catch(() => ({}))));
      return { ok: true, data: ns.catalogueOf(files) };
    },
    async disconnect() {
      await storage.remove(['token', 'user', ...storage.ACCOUNT_KEYS]);
      await ns.stories.refreshBadge([]); // no stories counted for nobody
      return { ok: true };
    },
    async suggest({ text, network, panelLanguage }) {
      const { liveSuggestions } = await storage.settings();
      if (!liveSuggestions) return failures.failure('switched_off');
      outbox.flush(); // any event is a chance to deliver waiting shares
      // Asked in the language the panel shows (its content script's language, "de", "pt-BR"),
      // which the server takes for a draft too short to tell its own. Both now come from the
      // same message, but a content script whose renderer lost chrome.i18n's messages shows
      // the shipped files' words (lib/i18n.js), which only it knows.
      const headers = api.TAG.test(panelLanguage || '') ? { 'Accept-Language': panelLanguage } : {};
      // A draft longer than the server reads (X Premium's 25,000 characters) was refused, and
      // the panel had only "could not read this draft": its opening is sent instead, which is
      // plenty to tell its voice, topic and angles.
      const opening = ns.textLimits.openingOf(text, ns.textLimits.SUGGESTION_TEXT_MAX);
      const reply = await api.request('POST', '/suggestions', { body: { text: opening, network }, headers });
      if (reply.ok) await storage.set({ lastAngles: reply.data.angles });
      return reply;
    },
    async logShare({ share, typed }) {
      return outbox.logShare(share, { typed: Boolean(typed) });
    },
    async holdDraft({ hash, text }) {
      // A Post was clicked: its words, for the page Post may load next (content/pending-publish.js).
      // In session storage (memory only, never the page's): kept a minute, the newest few.
      if (typeof hash !== 'string' || typeof text !== 'string') return failures.failure('bad_request');
      await withHeldDrafts((kept) => [...kept.filter(([h]) => h !== hash).slice(-4), [hash, { text, at: Date.now() }]]);
      return { ok: true };
    },
    async heldDraft({ hash }) {
      // Given back once: the entry goes as it is read.
      let text = null;
      await withHeldDrafts((kept) => kept.filter(([h, held]) => {
        if (h !== hash) return true;
        text = held.text;
        return false;
      }));
      return { ok: true, text };
    },
    async retryShare({ key, withoutStory }) {
      return outbox.retryFailed(key, { withoutStory: Boolean(withoutStory) });
    },
    async discardShare({ key }) {
      await outbox.discardFailed(key);
      return { ok: true };
    },
    async popupState() {
      // Opened by the employee: what waits is sent now, and first, so the points and recent
      // shares shown count it (they showed the old ones); a slow server is not waited for long.
      await Promise.race([outbox.flush({ all: true }), new Promise((resolve) => setTimeout(resolve, 1500))]);
      const [me, badges, shares] = await Promise.all([
        api.request('GET', '/me'),
        api.request('GET', '/me/badges'),
        api.request('GET', '/shares?limit=5')
      ]);
      return { me, badges, shares, outbox: await outbox.state(), settings: await storage.settings() };
    },
    async leaderboard({ period, scope }) {
      const query = new URLSearchParams({ period, scope, limit: '10' });
      return api.request('GET', `/leaderboard?${query}`);
    },
    async checkConnection() {
      return api.request('GET', '/me'); // the options page: does the stored connection work?
    },
    async kudosReceived() {
      return api.request('GET', '/me/kudos?limit=20');
    },
    async giveKudos({ toUserId, message }) {
      return api.request('POST', '/kudos', { body: { to_user_id: toUserId, message } });
    },
    async setLeaderboardOptOut({ optOut }) {
      return api.request('PATCH', '/me', { body: { leaderboard_opt_out: optOut } });
    },
    async flush() {
      await outbox.flush({ all: true }); // the popup's "Retry now": every waiting share, now
      return { ok: true, outbox: await outbox.state() };
    },
    async outboxState() {
      return { ok: true, outbox: await outbox.state() };
    },
    async openOptions() {
      await chrome.runtime.openOptionsPage();
      return { ok: true };
    }
  };

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handler = message && handlers[message.type];
    if (!handler) return false;
    handler(message, sender).then(sendResponse, (e) =>
      sendResponse(failures.failure('extension_error', String((e && e.message) || e)))
    );
    return true; // answer asynchronously
  });

  chrome.runtime.onStartup.addListener(() => outbox.flush());
  chrome.runtime.onInstalled.addListener(() => outbox.flush());
  ns.handlers = handlers;
})(typeof globalThis !== 'undefined' ? globalThis : this);
