/* Notices the composer (SPA navigation, placeholder dialogs, reopening), keeps the panel beside
   it, asks for suggestions after typing pauses, and notices a confirmed publish (pending-publish.js,
   across a full page load too). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const PAUSE_MS = 400; // suggestions refresh 300–500 ms after typing stops
  const RESCAN_MS = 150;
  const RATE_LIMIT_WAIT_MS = { least: 1000, most: 60000, unsaid: 5000 }; // when Retry-After is absent
  const { storage } = ns;
  const NAMED_FAILURE = { not_connected: 'disconnected', unauthorized: 'reconnect' }; // the panel's words for them

  function send(message) {
    // The extension may have been reloaded under the page: answer a named failure, never throw.
    const unavailable = () => ({ ok: false, kind: 'extension_error', status: 0, error: 'The extension was reloaded.' });
    try {
      return chrome.runtime.sendMessage(message).then((reply) => reply || unavailable(), unavailable);
    } catch {
      return Promise.resolve(unavailable());
    }
  }

  class ComposerWatcher {
    constructor(adapter) {
      this.adapter = adapter;
      this.composer = null;
      this.sequence = 0;
      this.observed = new WeakSet();
      this.stories = new ns.StoryFollower({ send, changed: () => this.panel.refresh(),
        draft: () => (this.composer ? this.adapter.readText(this.composer.editor) : null) });
      this.panel = new ns.SuggestionPanel({
        onAngle: (angle) => this.insertStarter(angle),
        onToggle: (collapsed) => this.setCollapsed(collapsed),
        onSettings: () => send({ type: 'openOptions' }),
        onEscape: () => this.returnToEditor(),
        lead: () => this.stories.parts((question) => this.insertStarter({ starter: `${question} ` })),
        judged: (voice) => this.stories.judged(voice)
      });
      this.card = new ns.ShareCard({
        onLog: (share) => {
          this.pending.settled(share.url);
          return send({ type: 'logShare', share });
        },
        onLogWithoutStory: (key) => send({ type: 'retryShare', key, withoutStory: true }),
        onHide: (share) => this.pending.settled(share.url)
      });
      this.pending = new ns.PendingPublish(adapter, (found) => this.offerShare(found).catch((e) => {
        // Never the draft, the post or the error's message (it may quote either): its kind only.
        console.warn('Firsthand: the share card could not be offered.', (e && e.name) || 'Error');
      }));
      this.onInput = ns.afterPause(() => this.refresh(), PAUSE_MS);
      this.rescan = ns.atMostEvery(() => this.sync(), RESCAN_MS);
      this.reposition = () => { // at most once a frame, however many scroll and resize events
        if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.place(); });
      };
      this.resized = new ResizeObserver(this.reposition); // the dialog grows with the text
      this.saveCaret = () => this.rememberCaret();
      this.lastKeyToggle = 0;
    }

    /** Lay out the panel and the share card for the composer as it is now. */
    place() {
      const { layout } = ns;
      // A composer the site removed (Post closes it) stays this.composer until the next rescan,
      // and the ResizeObserver reports its dialog shrunk to nothing: laid out for that, the panel
      // jumped to the window's top-left corner with the last angles. It is out of sight instead
      // (back if the site puts the editor back), and the card is laid out for the page.
      const gone = Boolean(this.composer) && !this.composer.editor.isConnected;
      this.panel.setAway(gone);
      const composer = gone ? null : this.composer;
      const keep = () => [this.adapter.postButton(composer)]; // Post, kept clear above all
      const { pageUi } = this.adapter; // the site's docked boxes (its messaging), kept clear too
      if (composer && this.panel.host.isConnected) {
        this.panel.mount(layout.mountPointFor(composer));
        const key = layout.signature(composer, this.panel.version, pageUi);
        const words = layout.wordsSignature(composer);
        if (key !== this.placedFor) this.panel.place(layout.geometryOf(composer, [], keep(), pageUi)); // else nothing moved
        else if (words !== this.wordsAt && this.panel.floats()) this.panel.keepOff(layout.geometryOf(composer, [], keep(), pageUi));
        Object.assign(this, { placedFor: key, wordsAt: words });
      }
      if (this.card.shown) {
        this.card.mount(layout.mountPointFor(composer));
        const others = [this.panel.host];
        this.card.place(composer ? layout.geometryOf(composer, others, keep(), pageUi) : layout.pageGeometry(others, pageUi));
      }
    }

    /** The editor's selection (in its shadow root's when it lives in one). */
    selectionOf(editor) {
      const rootNode = editor.getRootNode();
      return (rootNode.getSelection && rootNode.getSelection()) || document.getSelection();
    }

    /** The caret in the editor, kept so Escape and inserted starters go back exactly there (as
        paragraph and characters: the editor may rebuild its nodes after each input). */
    rememberCaret() {
      const editor = this.composer && this.composer.editor;
      if (!editor) return;
      const selection = this.selectionOf(editor);
      if (selection && selection.rangeCount && editor.contains(selection.anchorNode)) {
        const range = selection.getRangeAt(0);
        this.caret = ns.dom.caretIn(editor, range.startContainer, range.startOffset);
      }
    }

    /** Focus the editor again with the caret where the employee left it (Escape in the panel, a
        starter inserted). A selection still in the editor (a click in the panel keeps it there)
        is the caret itself; the one kept is for when it left. */
    returnToEditor() {
      const editor = this.composer && this.composer.editor;
      if (!editor) return;
      const selection = this.selectionOf(editor);
      const kept = selection && selection.rangeCount && editor.contains(selection.anchorNode);
      editor.focus({ preventScroll: true });
      if (kept || !this.caret || !selection) return;
      selection.removeAllRanges();
      selection.addRange(ns.dom.rangeAt(editor, this.caret));
    }

    /** The keyboard shortcut: the keys heard in the page, or the browser's command (manifest
        `commands`, which the employee may rebind) relayed by the service worker. */
    togglePanel(via = 'keys') {
      // One press heard both ways: the keys first, the command a moment later.
      if (via === 'command' && Date.now() - this.lastKeyToggle < 400) return;
      if (via === 'keys') this.lastKeyToggle = Date.now();
      // A "Log this share" card shown: the keyboard goes to it, unless it is writing in a
      // composer (X keeps its timeline's open) or its panel. It was reached only by tabbing
      // through the whole feed after it.
      if (this.card.shown && (!this.composer || (this.card.stage === 'offered' && !this.typing()))) return void this.card.focus();
      if (!this.composer || !this.panel.host.isConnected) return;
      this.place(); // laid out for this composer and window now (a frame may not have passed)
      this.rememberCaret();
      this.panel.toggle({ focus: true });
    }

    /** Whether the keyboard is in the composer's editor or in the panel. */
    typing() {
      let active = document.activeElement;
      while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
      return Boolean(this.composer && active && (this.composer.editor.contains(active) || this.panel.shadow.contains(active)));
    }

    onKeydown(event) {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyF') return;
      this.sync(); // the composer open now, though the rescan has not run yet
      if (!this.composer && !this.card.shown) return;
      event.preventDefault();
      this.togglePanel('keys');
    }

    /** An editor taking focus is the composer the employee is in: served at once, not after the
        next rescan (a shortcut pressed as X's modal opened went to the composer behind it). */
    onFocusin(event) {
      const target = event.composedPath()[0];
      if (target.isContentEditable && !(this.composer && this.composer.editor.contains(target))) this.sync();
    }

    async start() {
      const saved = await storage.get(['panelCollapsed', 'liveSuggestions', 'serverClock']);
      this.panel.collapsed = Boolean(saved.panelCollapsed);
      this.live = saved.liveSuggestions !== false;
      this.serverClock = saved.serverClock; // post ids are dated on it (lib/new-post.js)
      storage.onChange('liveSuggestions', ({ liveSuggestions }) => this.setLive(liveSuggestions !== false));
      storage.onChange('serverClock', ({ serverClock }) => { this.serverClock = serverClock; });
      // Our own boxes moving are not the page changing (else every placement rescans, for ever).
      const own = (node) => node === this.panel.host || node === this.card.host;
      this.observer = new MutationObserver((records) => {
        const ours = (r) => own(r.target) ||
          (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(own));
        if (records.some((r) => !ours(r))) {
          this.rescan();
          this.pending.poke(); // a toast may be gone before the next poll
        }
      });
      this.observe(document);
      this.matchTheme = ns.pageTheme.matchPageTheme([this.panel.host, this.card.host],
        () => this.composer && this.composer.editor); // the page's own theme, not the OS's
      document.addEventListener('click', (e) => this.onClick(e), true);
      window.addEventListener('keydown', (e) => this.onKeydown(e), true);
      document.addEventListener('focusin', (e) => this.onFocusin(e), true);
      window.addEventListener('resize', this.reposition);
      window.addEventListener('scroll', this.reposition, true);
      try {
        chrome.runtime.onMessage.addListener((message) => {
          if (message && message.type === 'togglePanel') { this.sync(); this.togglePanel('command'); }
          if (message && message.type === 'shareSettled') this.card.settled(message.url, message.reply);
        });
      } catch { /* the extension was reloaded under the page: the keys heard in it still work */ }
      this.sync();
      this.pending.resume(); // Post may have brought this page (the composer was a page of its own)
    }

    observe(target) {
      if (this.observed.has(target)) return;
      this.observed.add(target);
      this.observer.observe(target, { childList: true, subtree: true, attributes: true,
        attributeFilter: ['open', 'class', 'style', 'hidden', 'disabled'] });
    }

    /** Attach to the composer that is open now, or detach when none is. */
    sync() {
      for (const shadow of ns.dom.roots().slice(1)) this.observe(shadow);
      const found = this.adapter.findComposer();
      if (!found) {
        if (this.composer) this.detach();
        else if (this.card.shown) this.reposition(); // the page changed under the card (a CSS zoom)
        return;
      }
      if (!this.composer || found.editor !== this.composer.editor) this.attach(found);
      // Emptied or rewritten by the site with no input event (X clears its composer after Post).
      else if (this.adapter.readText(found.editor) !== this.readAs) this.onInput();
      if (this.composer.dialog !== found.dialog) {
        this.resized.unobserve(this.composer.dialog);
        this.composer.dialog = found.dialog;
        this.resized.observe(found.dialog);
      }
      this.reposition();
    }

    attach(composer) {
      if (this.composer) this.detach();
      this.composer = composer;
      composer.openedAt = Date.now(); // an edited post's id predates it, a new post's never
      this.caret = null;
      composer.editor.addEventListener('input', this.onInput);
      this.stories.reset();
      for (const type of ['keyup', 'mouseup', 'input', 'focusout']) composer.editor.addEventListener(type, this.saveCaret);
      this.resized.observe(composer.dialog);
      this.matchTheme();
      this.card.composerOpened();
      if (this.live) this.showPanel();
    }

    showPanel() {
      this.panel.mount(ns.layout.mountPointFor(this.composer));
      this.reposition();
      this.refresh();
    }

    /** Live suggestions switched on or off (options page): the panel follows at once. */
    setLive(live) {
      this.live = live;
      if (!this.composer) return;
      if (live) return this.showPanel();
      this.sequence++; // an answer on its way is no longer wanted
      this.panel.unmount();
    }

    detach() {
      this.composer.editor.removeEventListener('input', this.onInput);
      for (const type of ['keyup', 'mouseup', 'input', 'focusout']) this.composer.editor.removeEventListener(type, this.saveCaret);
      this.resized.disconnect();
      this.onInput.cancel();
      clearTimeout(this.retryTimer);
      this.composer = null;
      this.panel.unmount();
      this.place(); // the share card may have waited as a pill: it can open out again
    }

    async refresh() {
      if (!this.composer || !this.live) return; // switched off: the draft is not sent at all
      clearTimeout(this.retryTimer);
      const text = (this.readAs = this.adapter.readText(this.composer.editor));
      this.stories.follow(text); // shown above the suggestions, sent with the share
      const ticket = ++this.sequence; // an answer on its way for an older draft is no longer wanted
      const reading = this.stories.reading(text); // a story's question inserted is not their voice
      if (!reading.trim()) {
        this.panel.show({ status: 'empty' });
        return;
      }
      // Words and nothing shown for them yet: "Reading your draft…" while the server answers
      // (5 s from a slow one), not the empty panel's "Write a line or two…". A panel showing
      // suggestions keeps them until the new ones come.
      if (['empty', 'loading'].includes(this.panel.state.status)) this.panel.show({ status: 'loading' });
      // The panel's language goes along: a draft too short to tell its own ("Montag.") gets
      // the angles of the language the panel speaks (the server's /suggestions).
      const panelLanguage = ns.language ? ns.language() : undefined;
      const reply = await send({ type: 'suggest', text: reading, network: this.adapter.network, panelLanguage });
      if (ticket !== this.sequence || !this.composer) return; // a newer draft is on its way
      if (reply.ok) this.panel.show({ status: 'ready', ...reply.data });
      else if (reply.data?.error?.code === 'no_words') this.panel.show({ status: 'empty' }); // punctuation, emoji: no words yet
      else await this.showFailure(reply, ticket);
    }

    /** Each kind of failure gets the answer it calls for (kinds: lib/failures.js). */
    async showFailure(reply, ticket) {
      if (NAMED_FAILURE[reply.kind]) return this.panel.show({ status: NAMED_FAILURE[reply.kind], code: reply.code });
      switch (reply.kind) {
        case 'switched_off': // live suggestions are off: no panel at all
        case 'extension_error': // this page's script outlived the extension: step aside
          this.panel.unmount();
          return;
        case 'rate_limited':
          this.refreshAfter(reply.retryAfterMs);
          if (this.panel.state.status === 'ready') {
            this.panel.show({ ...this.panel.state, notice: 'rate_limited' }); // keep the last result
            return;
          }
          break; // nothing to keep yet: general ideas meanwhile
      }
      const lastAngles = await storage.read('lastAngles').catch(() => []);
      if (ticket !== this.sequence || !this.composer) return; // a newer draft is on its way
      this.panel.show({ status: 'fallback', reason: reply.kind, angles: genericFallback(lastAngles) });
    }

    /** Ask again once the server's Retry-After has passed (bounded either way). */
    refreshAfter(waitMs) {
      const { least, most, unsaid } = RATE_LIMIT_WAIT_MS;
      const wait = Math.min(most, Math.max(least, waitMs ?? unsaid));
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.refresh(), wait);
    }

    insertStarter(angle) {
      if (!this.composer) return;
      this.returnToEditor(); // at the caret the employee left, even after tabbing into the panel
      this.adapter.insertText(this.composer.editor, angle.starter);
    }

    async setCollapsed(collapsed) {
      this.panel.setCollapsed(collapsed);
      this.place();
      await storage.set({ panelCollapsed: collapsed }).catch(() => {}); // a reloaded extension forgets it
    }

    onClick(event) {
      // Look the composer up now if the rescan has not run yet (a paste, then a quick Post).
      const composer = this.composer || this.adapter.findComposer();
      if (!composer) return;
      const post = this.adapter.postButton(composer);
      if (!ns.dom.isEnabled(post) || !event.composedPath().includes(post)) return;
      this.awaitPublish(this.adapter.readText(composer.editor), composer.openedAt || Date.now());
    }

    /** After a Post click, offer logging only once the page confirms the post exists. */
    awaitPublish(text, openedAt) {
      const onServer = ns.serverClock ? ns.serverClock.onServerClock(openedAt, this.serverClock) : undefined;
      const { hash } = this.pending.start(text, this.stories.story, onServer);
      send({ type: 'holdDraft', hash, text }); // for the next page, if Post brings one
    }

    /** A confirmed post: offer to log it, with its words (asked back after a page load). */
    async offerShare({ url, text, hash, length, story }) {
      if (text === null) {
        const held = await send({ type: 'heldDraft', hash });
        text = held.ok && typeof held.text === 'string' && held.text.length === length ? held.text : '';
        story = await this.stories.named(text);
      }
      await this.stories.told(story); // the card confirms it; the next post starts without it picked
      const share = { url, network: this.adapter.network, source: 'extension' };
      this.card.offer(text ? { ...share, text } : share, story);
      this.place();
    }
  }

  const genericFallback = (last) => (Array.isArray(last) && last.length ? last : ns.genericAngles());

  ns.ComposerWatcher = ComposerWatcher;
})(typeof globalThis !== 'undefined' ? globalThis : this);
