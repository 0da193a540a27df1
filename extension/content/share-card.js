/* "Log this share": offered after a publish is confirmed; logs only on the employee's click. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom, el, t } = ns;

  const CSS = `
    :host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: 320px;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light; }
    :host([data-theme="dark"]) { color-scheme: dark; } /* the page's theme, not the OS's: page-theme.js */
    [hidden] { display: none !important; }
    .said { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .pill { all: unset; box-sizing: border-box; cursor: pointer; width: 100%; height: 100%; display: flex;
      align-items: center; justify-content: center; gap: 6px; border-radius: 999px; background: #4338ca;
      color: #fff; font-weight: 600; font-size: 13px; box-shadow: 0 6px 18px rgba(30, 20, 90, .3); }
    .pill:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
    .card { background: #fff; color: #1d2226; border-radius: 14px; padding: 14px 16px;
      box-shadow: 0 10px 30px rgba(30, 20, 90, .22); border: 1px solid #e3e1f4; display: grid; gap: 10px; }
    h2 { margin: 0; font-size: 15px; }
    p { margin: 0; color: #5e6670; font-size: 13px; }
    .quote { font-style: italic; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .row { display: flex; gap: 8px; justify-content: flex-end; }
    button { font: inherit; font-weight: 600; border-radius: 999px; padding: 6px 14px; cursor: pointer;
      border: 1px solid transparent; }
    .primary { background: #4338ca; color: #fff; }
    .primary:hover { background: #4338ca; }
    .ghost { background: transparent; color: #4338ca; border-color: #a5b4fc; }
    button:focus-visible { outline: 2px solid #4f46e5; outline-offset: 2px; }
    .points { font-size: 22px; font-weight: 700; color: #4338ca; }
    .breakdown { list-style: none; margin: -4px 0 0; padding: 0; min-width: 0; display: flex; flex-wrap: wrap;
      gap: 0 12px; font-size: 12px; line-height: 1.5; color: #5e6670; } /* a line or two, not one a rule */
    .breakdown li { white-space: nowrap; }
    .breakdown .plus { font-weight: 600; color: #1d2226; font-variant-numeric: tabular-nums; margin-inline-start: 4px; }
    :host([data-theme="dark"]) .breakdown { color: #a8b0ba; }
    :host([data-theme="dark"]) .breakdown .plus { color: #e8eaed; }
    .story { display: flex; gap: 6px; align-items: flex-start; font-size: 13px; }
    .badge { background: #fef9c3; color: #713f12; border-radius: 10px; padding: 6px 10px; font-size: 13px; }
    :host([data-theme="dark"]) .card { background: #1f2328; color: #e8eaed; border-color: #3b3f46; }
    :host([data-theme="dark"]) p { color: #a8b0ba; }
    :host([data-theme="dark"]) .points { color: #a5b4fc; }
    :host([data-theme="dark"]) .ghost { color: #c7d2fe; border-color: #6366f1; }
    :host([data-theme="dark"]) .primary { background: #6366f1; color: #fff; }
    /* Forced colours drop backgrounds: the pill and the badge get borders, and the one button
       that logs is painted as the system paints a selection, apart from "Not now". */
    @media (forced-colors: active) {
      .pill { border: 2px solid ButtonText; }
      .badge { border: 1px solid CanvasText; }
      .primary { forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight; }
      :is(.pill, button):focus-visible { outline-color: CanvasText; }
    }
  `;

  // Why a share waits in the outbox, by the kind of the failure that made it wait.
  const QUEUED = {
    offline: 'queuedOffline',
    timeout: 'queuedTimeout', // it may be logged already: checked again, never counted twice
    unauthorized: 'queuedUnauthorized',
    not_connected: 'queuedNotConnected',
    rate_limited: 'queuedRateLimited',
    server_error: 'queuedServerError',
    unreadable: 'queuedUnreadable' // a proxy's page, not the server's answer: sent again later
  };

  // A share waiting for a new connection, by the server's 401 code (server/firsthand/auth.py):
  // not "expired" when an admin revoked its tokens or deactivated the account.
  const QUEUED_UNAUTHORIZED = { token_revoked: 'queuedRevoked', account_deactivated: 'queuedDeactivated' };

  const SHORTCUT = 'Alt+Shift+F'; // manifest commands' suggested key (content/panel.js)
  const CARD = { width: 320, height: 150 };
  const PILL = { width: 168, height: 40 };

  /** What earned the points, rule by rule, in the server's labels ("In your own voice +15"):
      what the program rewards, said where it is earned. Rules without a label are left out. */
  function breakdownList(breakdown) {
    const earned = (breakdown || []).filter((entry) => entry.label && entry.points > 0);
    if (!earned.length) return null;
    return el('ul', { class: 'breakdown', 'data-breakdown': '' }, earned.map((entry) =>
      el('li', { 'data-rule': entry.rule }, el('span', {}, entry.label), el('span', { class: 'plus' }, `+${entry.points}`))));
  }

  class ShareCard {
    constructor({ onLog, onLogWithoutStory = async () => null, onHide = () => {} }) {
      this.onLog = onLog;
      this.onLogWithoutStory = onLogWithoutStory; // (refused item's key) → the retry's answer
      this.onHide = onHide;
      const { host, shadow } = dom.shadowHost('firsthand-share-card', CSS);
      this.host = host;
      this.body = el('section', { class: 'card', role: 'region', 'aria-label': t('cardLabel') });
      // While a composer is open and the card would cover it, the card waits as this pill.
      this.pill = el('button', { type: 'button', class: 'pill', hidden: true, 'aria-expanded': 'false',
        'aria-keyshortcuts': SHORTCUT, onmousedown: (e) => e.preventDefault(), onclick: () => this.expand() }, t('cardPill'));
      // The offer, said once as it appears (card or pill): focus stays where the employee is, so
      // it was silent, and reached only by tabbing through the whole page after it.
      this.said = el('p', { class: 'said', role: 'status' });
      shadow.append(this.said, this.pill, this.body);
      this.stage = 'idle'; // offered | logging | done
      this.queued = false; // the answer shown is "Saved for later": the outbox may tell its end
      this.expanded = false; // opened from the pill by the employee
      this.waiting = []; // offers not answered yet behind the one shown: [{share, story}], newest last
    }

    /** Whether there is an offer or its answer to show. Not whether the host is in the page: it
        may be inside a composer's <dialog> that the site removes, and is mounted again then. */
    get shown() {
      return this.stage !== 'idle';
    }

    /** Sit where it covers nothing of an open composer (geometry from layout.js), else as a pill. */
    place(geometry) {
      if (!this.shown) return;
      this.geometry = geometry;
      dom.unzoom(this.host); // measured and placed in the window's pixels, whatever the page's CSS zoom
      const { placement } = ns;
      const viewport = geometry.viewport;
      const size = { width: CARD.width, height: this.body.getBoundingClientRect().height || CARD.height };
      const near = viewport.height; // bottom corners first
      let spot = placement.float(viewport, size, geometry.obstacles, near);
      const compact = Boolean(geometry.dialog) && !this.expanded && placement.coversComposer(spot, geometry.obstacles);
      if (compact) spot = placement.float(viewport, PILL, geometry.obstacles, near);
      this.pill.hidden = !compact;
      this.body.hidden = compact;
      Object.assign(this.host.style, { left: `${Math.round(spot.left)}px`, top: `${Math.round(spot.top)}px`,
        right: 'auto', bottom: 'auto', width: `${Math.round(spot.width)}px`, height: compact ? `${PILL.height}px` : '' });
      this.host.dataset.compact = String(compact);
    }

    /** Show these parts; laid out again for them (a logged share's badges make it taller). */
    fill(...parts) {
      this.body.replaceChildren(...parts);
      if (this.shown && this.geometry) this.place(this.geometry);
    }

    expand() {
      this.expanded = true;
      if (this.geometry) this.place(this.geometry);
      const first = this.body.querySelector('[data-action=log]') || this.body.querySelector('button');
      if (first) first.focus({ preventScroll: true });
    }

    /** The keyboard's way here (the shortcut while no composer is open): the card opens from
        its pill and its first action takes the focus. Answers whether there was a card. */
    focus() {
      if (!this.shown || !this.host.isConnected) return false;
      this.expand();
      return true;
    }

    /** Said by screen readers: set once the region is in the page (a region inserted with its
        words already in it is not read), and cleared first so the same words are read again. */
    announce(text) {
      this.said.textContent = '';
      clearTimeout(this.saying);
      this.saying = setTimeout(() => { this.said.textContent = text; }, 300);
    }

    /** A composer opened again: a finished card leaves; an offer stays, out of its way. */
    composerOpened() {
      this.expanded = false;
      if (this.stage === 'done') this.hide();
    }

    mount(parent = document.documentElement) {
      if (this.host.parentNode !== parent) parent.append(this.host);
      dom.raise(this.host);
    }

    /** Offer to log a post. An offer not answered yet is never dropped for a newer post (two
        posts published in a row): it waits and comes back once the newer one is answered. */
    offer(share, story = null) {
      this.waiting = this.waiting.filter((w) => w.share.url !== share.url);
      const unanswered = this.share && this.share.url !== share.url;
      if (unanswered && this.stage === 'logging') return void this.waiting.push({ share, story });
      if (unanswered && this.stage === 'offered') this.waiting.push({ share: this.share, story: this.story });
      this.share = share;
      this.stage = 'offered';
      this.story = story;
      // The story the post tells, as the panel understood it: the employee confirms it here.
      this.storyBox = story ? el('input', { type: 'checkbox', checked: true, 'data-story-confirm': story.id }) : null;
      // The quote is the post's own words: in their own direction (a Hebrew post's from the right).
      this.fill(...[
        el('h2', {}, t('cardOfferTitle')),
        el('p', {}, t('cardOfferText')),
        share.text ? el('p', { class: 'quote', dir: 'auto', 'data-quote': '' }, `“${share.text.trim().split('\n')[0]}”`) : null,
        story ? el('label', { class: 'story' }, this.storyBox, ' ' + t('cardStoryConfirm', story.title)) : null,
        el('div', { class: 'row' },
          el('button', { class: 'ghost', type: 'button', onclick: () => this.hide() }, t('cardNotNow')),
          el('button', { class: 'primary', type: 'button', 'data-action': 'log', 'aria-keyshortcuts': SHORTCUT,
            onclick: () => this.log() }, t('cardLog')))
      ].filter(Boolean));
      this.mount();
      this.announce(t('cardAnnounce', SHORTCUT));
    }

    async log() {
      // One log an offer: two activations in one instant (before the button is replaced) sent
      // two requests, and the second answer ("Already logged · +0") replaced the first's.
      if (this.stage !== 'offered') return;
      this.stage = 'logging';
      this.fill(el('p', { role: 'status' }, t('cardLogging')));
      const share = { ...this.share };
      if (this.story && this.storyBox.checked) share.story_id = this.story.id;
      const reply = await this.onLog(share);
      this.stage = 'done';
      this.showResult(reply || {});
    }

    /** A share this card said was saved for later has been delivered (or refused): the end. */
    settled(url, reply) {
      if (!(this.stage === 'done' && this.queued && this.share)) return;
      // The same post in any link form (the outbox keeps one item a post: lib/share-url.js).
      const post = (href) => ns.canonicalUrl(href, this.share.network) || href;
      if (post(this.share.url) === post(url)) this.showResult(reply || {});
    }

    showResult(reply) {
      this.queued = Boolean(reply.queued);
      const close = el('div', { class: 'row' },
        el('button', { class: 'ghost', type: 'button', onclick: () => this.hide() }, t('cardClose')));
      if (reply.queued) {
        const why = (reply.kind === 'unauthorized' && QUEUED_UNAUTHORIZED[reply.code]) || QUEUED[reply.kind] || QUEUED.offline;
        this.fill(el('h2', {}, t('cardSaved')), el('p', { role: 'status', 'data-queued': reply.kind }, t(why)), close);
        return;
      }
      if (!reply.ok && reply.storyRefused && reply.key) return this.storyRefused(reply.key, close);
      if (!reply.ok || !reply.data) {
        // A refused share stays in the popup's list (kinds: lib/failures.js). The server's
        // reason may end without a full stop: ns.sentence gives it one before our words.
        const why = reply.error || t('cardSomethingWrong');
        const said = reply.kind === 'bad_request' ? ns.sentence(why) + t('cardKeptInPopup') : why;
        this.fill(el('h2', {}, t('cardNotLogged')), el('p', { role: 'alert' }, said), close);
        return;
      }
      const data = reply.data;
      const parts = [
        el('h2', {}, data.duplicate ? t('cardAlreadyLogged') : t('cardLogged')),
        // A status: heard when it appears, after a click or when a share saved for later lands.
        el('div', { class: 'points', role: 'status', 'data-points': data.points_awarded }, t('cardPoints', data.points_awarded)),
        el('p', {}, t('cardTotal', data.total_points, data.level.name))
      ];
      // A 0 says why (the server's rule: a post from before joining or too old, today's cap).
      const why = data.duplicate ? null : ns.zeroReasonKey(data.points_breakdown, data.share);
      if (why) parts.splice(2, 0, el('p', { 'data-zero-why': '' }, t(why)));
      else if (!data.duplicate) parts.splice(2, 0, breakdownList(data.points_breakdown));
      for (const badge of data.new_badges || []) {
        parts.push(el('div', { class: 'badge', 'data-badge': badge.id }, t('cardNewBadge', badge.icon, badge.name)));
      }
      this.fill(...parts.filter(Boolean), close);
    }

    /** Refused for the story it was to tell (it ended, is not for this person, or is another
        server's: a connection changed since it was picked): said in words, not the server's
        "story_id is not a story for you", with the share logged without it on a click. */
    storyRefused(key, close) {
      const without = el('button', { class: 'primary', type: 'button', 'data-action': 'log-without-story', onclick: async () => {
        if (this.stage !== 'done') return; // one retry a refusal (two clicks in one instant)
        this.stage = 'logging';
        this.fill(el('p', { role: 'status' }, t('cardLogging')));
        const reply = await this.onLogWithoutStory(key);
        this.stage = 'done';
        this.showResult(reply || {});
      } }, t('logWithoutStory'));
      close.append(without);
      this.fill(el('h2', {}, t('cardNotLogged')), el('p', { role: 'alert', 'data-story-refused': '' }, t('storyRefused') + t('cardKeptInPopup')), close);
    }

    hide() {
      if (this.share) this.onHide(this.share);
      this.host.remove();
      this.stage = 'idle';
      this.expanded = false;
      this.share = null;
      const next = this.waiting.pop();
      if (!next) return;
      this.offer(next.share, next.story);
      if (this.geometry) this.place(this.geometry);
    }
  }

  ns.ShareCard = ShareCard;
})(typeof globalThis !== 'undefined' ? globalThis : this);
