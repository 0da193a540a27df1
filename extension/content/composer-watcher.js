/* Notices the composer (SPA navigation, placeholder dialogs, reopening), keeps the panel beside
   it, asks for suggestions after typing pauses, and notices a confirmed publish. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const PAUSE_MS = 400; // suggestions refresh 300–500 ms after typing stops
  const RESCAN_MS = 150;
  const PUBLISH_WINDOW_MS = 30000;

  function send(message) {
    // The extension may have been reloaded under the page: answer "unavailable", never throw.
    try {
      return chrome.runtime.sendMessage(message).catch(() => ({ ok: false, status: 0 }));
    } catch (e) {
      return Promise.resolve({ ok: false, status: 0 });
    }
  }

  class ComposerWatcher {
    constructor(adapter) {
      this.adapter = adapter;
      this.composer = null;
      this.sequence = 0;
      this.observed = new WeakSet();
      this.panel = new ns.SuggestionPanel({
        onAngle: (angle) => this.insertStarter(angle),
        onToggle: (collapsed) => this.setCollapsed(collapsed)
      });
      this.card = new ns.ShareCard({ onLog: (share) => send({ type: 'logShare', share }) });
      this.onInput = ns.afterPause(() => this.refresh(), PAUSE_MS);
      this.rescan = ns.atMostEvery(() => this.sync(), RESCAN_MS);
      this.reposition = () => this.composer && this.panel.place(this.composer.dialog.getBoundingClientRect());
    }

    async start() {
      const { panelCollapsed } = await chrome.storage.local.get('panelCollapsed');
      this.panel.collapsed = Boolean(panelCollapsed);
      this.observer = new MutationObserver(() => this.rescan());
      this.observe(document);
      document.addEventListener('click', (e) => this.onClick(e), true);
      window.addEventListener('resize', this.reposition);
      window.addEventListener('scroll', this.reposition, true);
      this.sync();
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
        return;
      }
      if (!this.composer || found.editor !== this.composer.editor) this.attach(found);
      else this.composer.dialog = found.dialog;
      this.reposition();
    }

    attach(composer) {
      if (this.composer) this.detach();
      this.composer = composer;
      composer.editor.addEventListener('input', this.onInput);
      this.panel.mount();
      this.reposition();
      this.refresh();
    }

    detach() {
      this.composer.editor.removeEventListener('input', this.onInput);
      this.onInput.cancel();
      this.composer = null;
      this.panel.unmount();
    }

    async refresh() {
      if (!this.composer) return;
      const text = this.adapter.readText(this.composer.editor);
      if (!text.trim()) {
        this.panel.show({ status: 'empty' });
        return;
      }
      const ticket = ++this.sequence;
      const reply = await send({ type: 'suggest', text, network: this.adapter.network });
      if (ticket !== this.sequence || !this.composer) return; // a newer draft is on its way
      if (reply.ok) {
        this.panel.show({ status: 'ready', ...reply.data });
      } else if (reply.status === 0) {
        const { lastAngles } = await chrome.storage.local.get('lastAngles');
        this.panel.show({ status: 'offline', angles: genericFallback(lastAngles) });
      } else if (reply.status === 401) {
        this.panel.show({ status: 'disconnected' });
      } else if (reply.status === -1) {
        this.panel.unmount(); // live suggestions are switched off
      } else {
        this.panel.show({ status: 'offline', angles: ns.GENERIC_ANGLES });
      }
    }

    insertStarter(angle) {
      if (!this.composer) return;
      this.adapter.insertText(this.composer.editor, angle.starter);
    }

    async setCollapsed(collapsed) {
      this.panel.setCollapsed(collapsed);
      await chrome.storage.local.set({ panelCollapsed: collapsed });
    }

    onClick(event) {
      // Look the composer up now if the rescan has not run yet (a paste, then a quick Post).
      const composer = this.composer || this.adapter.findComposer();
      if (!composer) return;
      const post = this.adapter.postButton(composer);
      if (!ns.dom.isEnabled(post) || !event.composedPath().includes(post)) return;
      const text = this.adapter.readText(composer.editor);
      this.awaitPublish(text, this.adapter.publishedLinks());
    }

    /** After a Post click, offer logging only once the page confirms the post exists. */
    awaitPublish(text, before) {
      clearInterval(this.publishTimer);
      const started = Date.now();
      this.publishTimer = setInterval(() => {
        const fresh = [...this.adapter.publishedLinks()].find((href) => !before.has(href));
        const url = fresh && this.adapter.canonicalUrl(fresh);
        if (url) {
          clearInterval(this.publishTimer);
          this.card.offer({ url, network: this.adapter.network, text, source: 'extension' });
        } else if (Date.now() - started > PUBLISH_WINDOW_MS) {
          clearInterval(this.publishTimer); // discarded, failed or never confirmed: log nothing
        }
      }, 250);
    }
  }

  function genericFallback(lastAngles) {
    return Array.isArray(lastAngles) && lastAngles.length ? lastAngles : ns.GENERIC_ANGLES;
  }

  ns.ComposerWatcher = ComposerWatcher;
})(typeof globalThis !== 'undefined' ? globalThis : this);
