/* The suggestion panel: verdict, topic and angles, in its own open shadow root outside the
   editor's DOM (every server string is inserted as text). It never covers the composer: beside
   the dialog when a column of the window is free, otherwise docked as a slim tab at the window's
   edge that opens (click, Enter, or the keyboard shortcut) where it covers least and closes in
   one action. Where it goes is placement.js's job; this file draws and wires it. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom, placement } = ns;
  const { el } = dom;
  const { t } = ns;
  const { topicLine, topicName, verdictReasons, earlyReasons, starterPreview, verdictOf, EARLY, LEANING } = ns.panelNames; // content/panel-names.js

  const WIDTH = { min: 232, max: 320 }; // the panel's width range beside the composer
  const TAB = { width: 36, height: 44 };
  const FOCUSABLE = 'button, select, a[href], input';
  const SHORTCUT = 'Alt+Shift+F'; // manifest commands' suggested key (the employee may change it)

  // Why general ideas are shown instead of suggestions for this draft (a failure's kind): message keys.
  const FALLBACK_NOTE = {
    offline: 'fallbackOffline',
    timeout: 'fallbackTimeout',
    server_error: 'fallbackServerError',
    unreadable: 'fallbackUnreadable',
    rate_limited: 'fallbackRateLimited',
    bad_request: 'fallbackBadRequest'
  };
  // Why the connection no longer works, by the server's 401 code (server/firsthand/auth.py):
  // an admin revoked its tokens, or deactivated the account; anything else (token_expired, a
  // token it cannot read) is mended by a new link as an expired one is.
  const RECONNECT = { token_revoked: 'reconnectRevoked', account_deactivated: 'reconnectDeactivated' };
  // A quiet line above suggestions that are kept while fresh ones cannot be had.
  const NOTICE = { rate_limited: 'noticeRateLimited' };

  const fallbackNote = (reason) => t(FALLBACK_NOTE[reason] || FALLBACK_NOTE.offline);
  /** The verdict the panel gives for a reading: its label, or null (none, or too early). */
  const verdictLabel = (voice) => (voice && !voice.too_early ? voice.label : null);

  // The verdict's explanation; compact (panel-style.js), one line, whole in its tooltip.
  const whyLine = (text) => el('p', { class: 'why', title: text }, text);
  const keepCaret = (e) => e.preventDefault(); // a mouse press must not take the caret from the editor

  class SuggestionPanel {
    /** `lead()` gives the parts drawn above the suggestions (the story's, content/story.js);
        `judged(voice)` the verdict as shown (a story's announcement pasted reads as one). */
    constructor({ onAngle, onToggle, onSettings, onEscape, lead = () => [], judged = (voice) => voice }) {
      Object.assign(this, { onAngle, onToggle, onSettings, onEscape, lead, judged });
      this.collapsed = false; // the employee's Hide, remembered (beside the composer)
      this.opened = false; // the docked tab opened, for this composer only
      this.layout = { mode: 'beside' };
      this.state = { status: 'empty' };
      this.version = 0; // changes whenever what the panel shows changes (its size may have)
      const { host, shadow } = dom.shadowHost('firsthand-panel', ns.PANEL_CSS);
      Object.assign(this, { host, shadow });
      this.tab = el('button', { type: 'button', class: 'tab', 'aria-expanded': 'false',
        'aria-keyshortcuts': SHORTCUT, title: t('tabTitle', SHORTCUT),
        // Focus goes to the first angle: the tab hides as the card shows, and opened by Enter
        // or Space the keyboard fell to <body> (Tab started from the page's top, Esc did nothing).
        // A mouse click leaves the caret in the draft (keepCaret), as every other control does:
        // focus moves only when the tab was activated from the keyboard (a click's detail 0).
        onmousedown: keepCaret, onclick: (e) => this.toggle({ focus: e.detail === 0 }) });
      this.card = el('section', { class: 'card', role: 'region', 'aria-label': t('panelLabel') });
      this.live = el('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
      shadow.append(this.tab, this.card, this.live);
      shadow.addEventListener('keydown', (e) => this.onKey(e));
      this.render();
    }

    get expanded() {
      return this.layout.mode === 'beside' ? !this.collapsed : this.opened;
    }

    /** Put the panel in the page, or in a modal dialog (the only place a modal leaves usable). */
    mount(parent = document.documentElement) {
      if (this.host.parentNode !== parent) parent.append(this.host);
      dom.raise(this.host);
    }

    unmount() {
      this.host.remove();
      this.opened = false;
      this.setAway(false); // mounted again, for the next composer, it is in sight
    }

    /** Out of sight, or back as it was: while its composer is out of the page (content/
        composer-watcher.js), with no geometry to be laid out for. (Inline: the shadow root's
        `:host { all: initial }` outranks the [hidden] attribute.) */
    setAway(away) {
      this.host.style.display = away ? 'none' : '';
    }

    /** Lay the panel out for the composer's geometry: {dialog, viewport, obstacles} (rects). */
    place(geometry) {
      this.geometry = geometry;
      dom.unzoom(this.host); // measured and placed in the window's pixels, whatever the page's CSS zoom
      this.layout = this.fit(geometry, false);
      // On a short window (1024×640, a laptop zoomed) the opened docked panel, kept off Post and
      // the lines being typed, may show little past the verdict: compact, it shows two angles.
      const open = this.opened && this.layout.mode === 'docked' && this.layout.open;
      if (open && this.twoHeight(open.width, geometry.viewport) > open.height + 0.5) this.layout = this.fit(geometry, true);
      this.apply(geometry.viewport);
    }

    /** The layout for the geometry with the card compact or not (data-compact, panel-style.js):
        compact, its least height shows the verdict and two angles whole where there is room. */
    fit(geometry, compact) {
      this.host.dataset.compact = String(compact);
      const mayOpen = this.opened || !this.collapsed;
      let leastHeight = mayOpen ? this.leastHeight(geometry.viewport) : undefined;
      if (mayOpen && compact) leastHeight = Math.max(leastHeight || 0, this.twoHeight(WIDTH.min, geometry.viewport) || 0) || undefined;
      const openHeight = mayOpen ? this.naturalHeight(geometry.viewport) : 0;
      return placement.layout({ ...geometry, panel: WIDTH, tab: TAB, openHeight, leastHeight });
    }

    /** How tall the card must be at `width` to show everything above its second angle and
        that angle whole (its first, when it has one); 0 when it shows none. */
    twoHeight(width, viewport) {
      const angles = this.card.querySelectorAll('li > [data-angle]');
      if (!angles.length) return 0;
      this.openAt(width, viewport);
      const body = this.card.querySelector('.body');
      const last = angles[Math.min(1, angles.length - 1)].parentElement.getBoundingClientRect();
      const padding = parseFloat(getComputedStyle(body).paddingBottom);
      return Math.ceil(last.bottom - this.card.getBoundingClientRect().top + padding) + 2; // and the focus ring's room
    }

    /** Whether the panel is open over the page (docked and opened), where the draft's words
        may grow or scroll under it. */
    floats() {
      return this.layout.mode === 'docked' && this.opened;
    }

    /** The draft's words moved (typed, scrolled): lay out again only if the opened panel now
        covers them or a control; else it stays put rather than follow every line. */
    keepOff(geometry) {
      const words = geometry.obstacles.filter((o) => o.kind === 'text');
      const open = this.layout.open;
      if (placement.coversControl(open, geometry.obstacles) || placement.cost(open, words) > 0) this.place(geometry);
      else this.geometry = geometry;
    }

    /** How tall the card must be to show its header and its tallest suggestion whole, at its
        narrowest (where suggestions wrap most); undefined when it shows none. */
    leastHeight(viewport) {
      const items = this.card.querySelectorAll('li');
      if (!items.length) return undefined;
      this.openAt(WIDTH.min, viewport);
      const body = this.card.querySelector('.body');
      const padding = parseFloat(getComputedStyle(body).paddingTop) + parseFloat(getComputedStyle(body).paddingBottom);
      const frame = this.card.getBoundingClientRect().height - body.getBoundingClientRect().height;
      const tallest = Math.max(...Array.from(items, (li) => li.getBoundingClientRect().height));
      return Math.ceil(frame + padding + tallest) + 2; // and the focus ring's room
    }

    /** How tall the opened card is at full width (measured in the same frame: nothing flickers). */
    naturalHeight(viewport) {
      this.openAt(WIDTH.max, viewport);
      return this.card.getBoundingClientRect().height;
    }

    /** The card opened at `width`, its height free up to the window's, to be measured. */
    openAt(width, viewport) {
      const style = this.host.style;
      style.width = `${width}px`;
      style.height = '';
      style.maxHeight = `${viewport.height - 2 * placement.MARGIN}px`;
      this.card.hidden = false;
      this.tab.hidden = true;
    }

    apply(viewport) {
      const { mode } = this.layout;
      const expanded = this.expanded;
      const box = !expanded ? this.layout.tab : mode === 'beside' ? this.layout.rect : this.layout.open;
      const style = this.host.style;
      style.left = `${Math.round(box.left)}px`;
      style.top = `${Math.round(box.top)}px`;
      style.width = `${Math.round(box.width)}px`;
      style.height = expanded ? '' : `${box.height}px`;
      style.maxHeight = `${Math.floor(box.height)}px`;
      Object.assign(this.host.dataset, { mode, open: String(expanded), viewport: `${viewport.width}x${viewport.height}` });
      this.host.dataset.edge = expanded ? '' : edgeOf(box, viewport);
      this.tab.hidden = expanded;
      this.card.hidden = !expanded;
      this.tab.setAttribute('aria-expanded', String(expanded));
    }

    /** Open or close, from the tab, the header's button, or the shortcut. */
    toggle({ focus = false } = {}) {
      const wasFocused = this.shadow.activeElement !== null;
      // The shortcut on a panel in view, the keyboard outside it, takes the keyboard in: it
      // used to hide it (a second press to reach the angles, and the hiding remembered).
      if (focus && this.expanded && !wasFocused) {
        this.focusFirst();
        return;
      }
      if (this.layout.mode === 'beside') this.onToggle(!this.collapsed);
      else this.setOpened(!this.opened);
      if (this.expanded) {
        this.host.dataset.animate = '';
        if (focus) this.focusFirst();
      } else {
        delete this.host.dataset.animate;
        if (focus || wasFocused) this.onEscape(); // focus goes back to the editor, at the caret
      }
    }

    setOpened(opened) {
      this.opened = opened;
      this.replace();
    }

    setCollapsed(collapsed) {
      this.collapsed = collapsed;
      this.replace();
    }

    /** Lay out again for the last geometry seen (the watcher brings fresh geometry soon after). */
    replace() {
      this.version++;
      if (this.geometry) this.place(this.geometry);
    }

    focusFirst() {
      const target = this.card.querySelector('[data-angle]') || this.card.querySelector('button');
      if (target) this.focusOn(target);
    }

    /** Focus a control without scrolling the page, and scroll the card's body to it: a short
        panel (docked, or at 200% zoom) shows the verdict first and the angles below it, and a
        focus ring out of sight is no place for the keyboard to be. */
    focusOn(target) {
      target.focus({ preventScroll: true });
      const body = this.card.querySelector('.body');
      if (!body || !body.contains(target)) return;
      const PAD = 4; // the focus ring's room
      const t = target.getBoundingClientRect();
      const b = body.getBoundingClientRect();
      if (t.top - PAD < b.top) body.scrollTop -= b.top - t.top + PAD;
      else if (t.bottom + PAD > b.bottom) body.scrollTop += Math.min(t.bottom - b.bottom + PAD, t.top - b.top - PAD);
    }

    onKey(event) {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation(); // LinkedIn would close its composer on Escape
      if (this.layout.mode === 'docked' && this.opened) this.setOpened(false);
      this.onEscape();
    }

    show(state) {
      const before = announcement(this.shownState());
      this.state = state;
      this.render();
      const now = announcement(this.shownState());
      // Once per new verdict, not per keystroke; and emptied with the draft, so no stale
      // verdict stays there to be read back (and the same verdict later is news again).
      if (now !== before) this.live.textContent = now;
      this.heard = now;
    }

    /** Drawn again for news beside the reading (the story part), announced when that changes
        the verdict heard: "reads like the announcement" turns "Sounds like you" round. */
    refresh() {
      this.render();
      const now = announcement(this.shownState());
      if (this.heard !== undefined && now !== this.heard) this.live.textContent = now;
      this.heard = now;
    }

    /** The state as drawn: its voice as `judged`. */
    shownState() {
      return this.state.voice ? { ...this.state, voice: this.judged(this.state.voice) } : this.state;
    }

    render() {
      this.version++;
      const judged = this.judged(this.state.voice);
      const voice = verdictLabel(judged);
      this.tab.replaceChildren('F', ...(voice ? [el('span', { class: `dot ${voice}` })] : []));
      this.tab.setAttribute('aria-label', voice ? t('tabShowVerdict', t(verdictOf(judged).chip)) : t('tabShow'));
      const hide = el('button', { type: 'button', 'aria-expanded': 'true', 'aria-label': t('hideLabel'),
        title: t('hideTitle', SHORTCUT), onmousedown: keepCaret, onclick: () => this.toggle() }, t('hideButton'));
      const header = el('header', {}, el('h2', { class: 'logo' }, 'Firsthand'), hide);
      const focused = this.focusedControl(); // fresh suggestions must not drop the keyboard's place
      this.card.replaceChildren(header, el('div', { class: 'body' }, ...this.lead(), ...this.bodyParts()));
      if (focused) this.refocus(focused);
    }

    /** Which of the card's controls has focus, as {angle, index} (the card is rebuilt on
        every update: its nodes do not survive), or null when focus is elsewhere. */
    focusedControl() {
      const active = this.shadow.activeElement;
      if (!active || !this.card.contains(active)) return null;
      return { angle: active.dataset.angle, index: Array.from(this.card.querySelectorAll(FOCUSABLE)).indexOf(active) };
    }

    /** Focus back on the same angle, else the control at the same place, else the first. */
    refocus({ angle, index }) {
      const controls = Array.from(this.card.querySelectorAll(FOCUSABLE));
      const same = angle && controls.find((c) => c.dataset.angle === angle);
      const target = same || controls[Math.max(0, Math.min(index, controls.length - 1))];
      if (target) this.focusOn(target);
    }

    bodyParts() {
      const s = this.shownState();
      if (s.status === 'empty') {
        return [el('p', { class: 'muted' }, t('emptyHint')), el('p', { class: 'keys' }, t('keysHint', SHORTCUT))];
      }
      if (s.status === 'loading') {
        return [el('p', { class: 'muted holds', 'data-loading': '' }, el('span', {}, t('loading')),
          el('span', { 'aria-hidden': 'true' }, t('emptyHint'))), el('p', { class: 'keys' }, t('keysHint', SHORTCUT))];
      }
      if (s.status === 'disconnected') return [el('p', { class: 'note' }, t('disconnected'))];
      if (s.status === 'reconnect') {
        return [el('p', { class: 'note', 'data-reconnect': s.code || '' }, t(RECONNECT[s.code] || 'reconnect')),
          el('button', { type: 'button', class: 'link', onmousedown: keepCaret,
            onclick: () => this.onSettings() }, t('openSettings'))];
      }
      const parts = [];
      const note = s.status === 'fallback' ? fallbackNote(s.reason) : NOTICE[s.notice] && t(NOTICE[s.notice]);
      if (note) parts.push(el('p', { class: 'note', 'data-note': s.reason || s.notice }, note));
      if (s.voice && s.voice.too_early) {
        const soFar = earlyReasons(s.voice);
        parts.push(el('div', { class: 'verdict-box', 'data-early': '' },
          el('div', { class: 'verdict' }, el('span', { class: 'chip early' }, t(EARLY.chip))),
          whyLine(`${t(EARLY.line)}${soFar ? ` (${soFar})` : ''}`)));
      } else if (s.voice && s.language_supported !== false) { // no verdict on words it cannot read
        const verdict = verdictOf(s.voice);
        const reasons = verdictReasons(s.voice);
        parts.push(el('div', { class: 'verdict-box' },
          el('div', { class: 'verdict' },
            el('span', { class: `chip ${s.voice.label}${verdict === LEANING ? ' leaning' : ''}`,
              'data-voice': s.voice.label, 'data-leaning': String(verdict === LEANING) }, t(verdict.chip))),
          whyLine(`${t(verdict.line)}${reasons ? ` (${reasons})` : ''}`)));
      }
      if (s.topic) parts.push(topicLine(s.topic, s.language_supported));
      if (s.clone && s.clone.is_clone) {
        const n = s.clone.matches;
        parts.push(el('p', { class: 'warn' }, n === 1 ? t('cloneOne') : t('cloneMany', n)));
      }
      const angles = s.angles || [];
      // The server's angles are in the draft's language (its `lang`), which may not be the panel's.
      parts.push(el('ol', { 'aria-label': t('anglesLabel'), lang: s.lang },
        ...angles.map((angle) => this.angleItem(angle))));
      return parts;
    }

    angleItem(angle) {
      const canInsert = Boolean(angle.starter);
      return el('li', {},
        el('button', {
          type: 'button',
          'data-angle': angle.id,
          onmousedown: keepCaret,
          onclick: () => canInsert && this.onAngle(angle)
        },
        // Compact, the title is the angle's one line: its question and starter in its tooltip.
        el('span', { class: 'title', title: canInsert ? `${angle.prompt}\n+ “${angle.starter.trim()}”` : angle.prompt }, angle.title),
        el('span', { class: 'prompt' }, angle.prompt),
        canInsert ? el('span', { class: 'insert', title: angle.starter },
          el('span', { 'aria-hidden': 'true' }, `+ “${starterPreview(angle.starter)}…”`),
          el('span', { class: 'sr' }, `“${angle.starter.trim()}”`)) : null));
    }
  }

  /** What a screen reader hears when the verdict changes (nothing for an empty draft; "too
      early to tell", never a verdict, for a few words with no signal). */
  function announcement(s) {
    if (s.status === 'fallback') return fallbackNote(s.reason);
    if (!s.voice) return '';
    if (s.language_supported === false) return `Firsthand: ${t('topicOtherLanguage')}`; // no verdict shown
    const label = verdictLabel(s.voice);
    const parts = [`Firsthand: ${t(label ? verdictOf(s.voice).chip : EARLY.chip)}.`];
    if (s.topic && s.topic.id !== 'unclear') parts.push(`${t('topicLabel')}${topicName(s.topic)}.`);
    if (s.clone && s.clone.is_clone) parts.push(t('cloneAnnounce'));
    return parts.join(' ');
  }

  /** Which window edge a docked tab is flush with (its rounded side faces away from it). */
  function edgeOf(box, viewport) {
    if (box.right >= viewport.width - 1) return 'right';
    if (box.left <= 1) return 'left';
    return box.bottom >= viewport.height - 1 ? 'bottom' : 'top';
  }

  ns.SuggestionPanel = SuggestionPanel;
})(typeof globalThis !== 'undefined' ? globalThis : this);
