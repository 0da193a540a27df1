/* The suggestion panel beside the composer: verdict, topic and angles. It lives in its own
   open shadow root outside the editor's DOM; every server string is inserted as text. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;
  const { el } = dom;

  const CSS = `
    :host { all: initial; position: fixed; z-index: 2147483000; width: 300px;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light dark; }
    .card { background: #fff; color: #1d2226; border: 1px solid #e3e1f4; border-radius: 14px;
      box-shadow: 0 8px 28px rgba(30, 20, 90, .16); overflow: hidden; }
    header { display: flex; align-items: center; gap: 8px; padding: 10px 12px;
      background: linear-gradient(90deg, #4f46e5, #7c3aed); color: #fff; }
    .logo { font-weight: 700; letter-spacing: .02em; flex: 1; }
    header button { all: unset; cursor: pointer; border-radius: 6px; padding: 2px 8px; font-size: 13px;
      background: rgba(255,255,255,.18); }
    header button:focus-visible { outline: 2px solid #fff; }
    .body { box-sizing: border-box; padding: 12px; display: grid; gap: 10px;
      max-height: var(--fh-body-max, 60vh); overflow: auto; }
    p { margin: 0; }
    .verdict-box { display: grid; gap: 4px; }
    .verdict { display: flex; align-items: center; gap: 8px; font-weight: 600; }
    .chip { border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 600; }
    .chip.personal { background: #dcfce7; color: #14532d; }
    .chip.corporate { background: #fef3c7; color: #78350f; }
    .why { color: #5e6670; font-size: 12.5px; }
    .topic { font-size: 12.5px; color: #5e6670; }
    .topic b { color: inherit; font-weight: 600; }
    .warn { background: #fff7ed; border: 1px solid #fdba74; color: #7c2d12; border-radius: 10px;
      padding: 8px 10px; font-size: 13px; }
    .note { background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 8px 10px; font-size: 13px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li button { all: unset; box-sizing: border-box; width: 100%; cursor: pointer; display: grid; gap: 2px;
      padding: 9px 10px; border-radius: 10px; border: 1px solid #e5e7eb; background: #fafafa; }
    li button:hover { border-color: #a5b4fc; background: #f5f3ff; }
    li button:focus-visible { outline: 2px solid #4f46e5; outline-offset: 1px; }
    .title { font-weight: 600; }
    .prompt { color: #5e6670; font-size: 12.5px; }
    .insert { color: #4f46e5; font-size: 12px; font-weight: 600; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; }
    .muted { color: #5e6670; font-size: 13px; }
    button.link { all: unset; cursor: pointer; color: #4f46e5; font-size: 13px; font-weight: 600; }
    button.link:focus-visible { outline: 2px solid #4f46e5; outline-offset: 2px; }
    .pick select { font: inherit; max-width: 100%; margin-top: 4px; }
    @media (prefers-color-scheme: dark) {
      .card { background: #1f2328; color: #e8eaed; border-color: #3b3f46; }
      .why, .topic, .prompt, .muted { color: #a8b0ba; }
      li button { background: #2a2f36; border-color: #3b3f46; }
      li button:hover { background: #312e81; border-color: #6366f1; }
      .insert, button.link { color: #a5b4fc; }
      .warn { background: #431407; border-color: #9a3412; color: #fed7aa; }
      .note { background: #1e1b4b; color: #c7d2fe; }
    }
  `;

  // Why general ideas are shown instead of suggestions for this draft (a failure's kind).
  const FALLBACK_NOTE = {
    offline: 'The Firsthand server cannot be reached right now. Here are some general ideas.',
    server_error: 'The Firsthand server had a problem just now. Here are some general ideas.',
    rate_limited: 'Firsthand is catching up; fresh suggestions in a moment. Meanwhile, some general ideas.',
    bad_request: 'Firsthand could not read this draft. Here are some general ideas.'
  };
  // A quiet line above suggestions that are kept while fresh ones cannot be had.
  const NOTICE = { rate_limited: 'Catching up: these suggestions refresh in a moment.' };

  const VERDICT = {
    personal: { chip: 'Sounds like you', line: 'This reads like your own voice.' },
    corporate: { chip: 'Sounds like a press release', line: 'Make it yours with one of these angles.' }
  };

  class SuggestionPanel {
    constructor({ onAngle, onToggle, onSettings, onPickStory }) {
      this.onAngle = onAngle;
      this.onPickStory = onPickStory;
      this.onToggle = onToggle;
      this.onSettings = onSettings;
      this.collapsed = false;
      const { host, shadow } = dom.shadowHost('firsthand-panel', CSS);
      this.host = host;
      this.shadow = shadow;
      this.card = el('section', { class: 'card', role: 'complementary', 'aria-label': 'Firsthand suggestions' });
      shadow.append(this.card);
      this.state = { status: 'empty' };
    }

    mount() {
      if (!this.host.isConnected) document.documentElement.append(this.host);
    }

    unmount() {
      this.host.remove();
    }

    /** Sit beside the composer: right of it if there is room, else left, else over its corner. */
    place(rect) {
      const width = 300;
      const gap = 12;
      let left = rect.right + gap;
      if (left + width > window.innerWidth - 8) left = rect.left - width - gap;
      if (left < 8) left = Math.max(8, window.innerWidth - width - 16);
      const top = Math.min(Math.max(8, rect.top), Math.max(8, window.innerHeight - 200));
      this.host.style.left = `${Math.round(left)}px`;
      this.host.style.top = `${Math.round(top)}px`;
      // Fit under its own top edge: the header is ~44 px, keep a margin below.
      this.host.style.setProperty('--fh-body-max', `${Math.max(160, window.innerHeight - top - 64)}px`);
    }

    setCollapsed(collapsed) {
      this.collapsed = collapsed;
      this.render();
    }

    show(state) {
      this.state = state;
      this.render();
    }

    render() {
      const toggle = el(
        'button',
        {
          type: 'button',
          'aria-expanded': String(!this.collapsed),
          'aria-label': this.collapsed ? 'Show suggestions' : 'Hide suggestions',
          onmousedown: (e) => e.preventDefault(), // keep the caret in the editor
          onclick: () => this.onToggle(!this.collapsed)
        },
        this.collapsed ? 'Show' : 'Hide'
      );
      const header = el('header', {}, el('span', { class: 'logo' }, 'Firsthand'), toggle);
      this.card.replaceChildren(header);
      if (!this.collapsed) this.card.append(el('div', { class: 'body' }, ...this.storyParts(), ...this.bodyParts()));
    }

    /** The story being told (content/story.js), above the suggestions. */
    setStory(story, readsLikeStory, choices = []) {
      this.story = story;
      this.readsLikeStory = Boolean(readsLikeStory);
      this.storyChoices = choices;
      this.render();
    }

    storyParts() {
      if (!ns.storyParts) return [];
      if (!this.story) return ns.storyPicker(this.storyChoices, (id) => this.onPickStory && this.onPickStory(id));
      return ns.storyParts(this.story, this.readsLikeStory, (question) => this.onAngle({ starter: `${question} ` }));
    }

    bodyParts() {
      const s = this.state;
      if (s.status === 'empty') {
        return [el('p', { class: 'muted' }, 'Write a line or two and Firsthand will suggest personal angles.')];
      }
      if (s.status === 'loading') return [el('p', { class: 'muted' }, 'Reading your draft…')];
      if (s.status === 'disconnected') {
        return [el('p', { class: 'note' }, 'Connect Firsthand: open the connect link your admin sent you.')];
      }
      if (s.status === 'reconnect') {
        return [el('p', { class: 'note', role: 'status', 'data-reconnect': '' },
          'Your Firsthand connection has expired. Reconnect with a new connect link from your admin.'),
        el('button', { type: 'button', class: 'link', onmousedown: (e) => e.preventDefault(),
          onclick: () => this.onSettings() }, 'Open Firsthand settings')];
      }
      const parts = [];
      const note = s.status === 'fallback' ? FALLBACK_NOTE[s.reason] || FALLBACK_NOTE.offline : NOTICE[s.notice];
      if (note) parts.push(el('p', { class: 'note', role: 'status', 'data-note': s.reason || s.notice }, note));
      if (s.voice) {
        const verdict = VERDICT[s.voice.label] || VERDICT.personal;
        const reasons = (s.voice.signals || []).slice(0, 2).map((x) => x.label).join(' · ');
        parts.push(el('div', { class: 'verdict-box' },
          el('div', { class: 'verdict' },
            el('span', { class: `chip ${s.voice.label}`, 'data-voice': s.voice.label }, verdict.chip)),
          el('p', { class: 'why' }, verdict.line, reasons ? ` (${reasons})` : '')));
      }
      if (s.topic) parts.push(this.topicLine(s.topic));
      if (s.clone && s.clone.is_clone) {
        const n = s.clone.matches;
        parts.push(el('p', { class: 'warn', role: 'alert' },
          `Colleagues already posted nearly the same words (${n} ${n === 1 ? 'post' : 'posts'}). ` +
          'Add what it means to you so yours stands out.'));
      }
      const angles = s.angles || [];
      parts.push(el('ol', { 'aria-label': 'Personal angles' }, ...angles.map((angle) => this.angleItem(angle))));
      return parts;
    }

    /** The topic, or when the server is unsure, its best guesses and a hint: never a wrong topic stated as fact. */
    topicLine(topic) {
      if (topic.id !== 'unclear') {
        return el('p', { class: 'topic', 'data-topic': topic.id }, 'Topic: ', el('b', {}, topic.label));
      }
      const guesses = (topic.candidates || []).slice(0, 2).map((c) => c.label.toLowerCase()).join(' or ');
      const question = guesses ? ` ${guesses[0].toUpperCase()}${guesses.slice(1)}?` : '';
      return el('p', { class: 'topic', 'data-topic': 'unclear' },
        'Topic: ', el('b', {}, 'not clear yet'), `.${question} Say in your first line what it is about.`);
    }

    angleItem(angle) {
      const canInsert = Boolean(angle.starter);
      return el('li', {},
        el('button', {
          type: 'button',
          'data-angle': angle.id,
          onmousedown: (e) => e.preventDefault(), // keep the caret where the employee left it
          onclick: () => canInsert && this.onAngle(angle)
        },
        el('span', { class: 'title' }, angle.title),
        el('span', { class: 'prompt' }, angle.prompt),
        canInsert ? el('span', { class: 'insert', title: angle.starter }, `+ “${angle.starter.trim()}…”`) : null));
    }
  }

  ns.SuggestionPanel = SuggestionPanel;
})(typeof globalThis !== 'undefined' ? globalThis : this);
