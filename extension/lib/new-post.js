/* Whether a post the page confirms after a Post click is the one just published. Saving an edit
   of an earlier post goes through the same composer (its button reads Save, in the UI's
   language) and LinkedIn confirms it with the same toast, linking to the post edited: that post
   is not a new share. It is told apart without reading any words:
   - it was on the page when the button was pressed (the feed or the post's own page shows it;
     by its activity while the toast may name its share: a post's activity is minted within
     SIBLING_WINDOW_MS after its share or ugcPost, as the server's canonical.py knows them. After,
     never before: a colleague's post the page showed was minted before the click, so before any
     share the click makes, however quickly Post follows the page's load);
   - or its id dates it before the composer was opened (LinkedIn and X ids encode their time:
     ms << 22, X's from its own epoch): a new post's id is minted after the Post click, an edited
     post's before its composer opened. The opening is put on the servers' clock (the offset
     learned from the Firsthand API's Date header, lib/server-clock.js), less OPENED_SKEW_MS for
     what that offset may be off by; an edit of a post made within that minute is not told. While
     no offset is known (never connected), a week before the click, so a computer clock set wrong
     by hours or days still sees its new posts as new: an edit of a post from 1 hour to 3 days
     old whose page names no post was offered as new. Pure: tests/extension/new-post.test.js. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const SIBLING_WINDOW_MS = 2000;
  const OLDEST_MS = 7 * 24 * 60 * 60 * 1000;
  const OPENED_SKEW_MS = 60 * 1000;
  const FEED_SKEW_MS = 5 * 60 * 1000;
  const X_EPOCH_MS = 1288834974657n;
  const OTHER_SIDE = { activity: ['share', 'ugcPost'], share: ['activity'], ugcPost: ['activity'] };
  const LINKEDIN = /^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:(activity|share|ugcPost):(\d{1,19})\/$/;
  const X = /^https:\/\/x\.com\/i\/web\/status\/(\d{1,19})$/;
  const DATED = /^https:\/\/(www\.linkedin\.com|x\.com)\//; // their posts' ids tell their time

  /** {kind, ms} of a canonical post URL (LinkedIn or X), or null for any other. */
  function identity(url) {
    if (typeof url !== 'string') return null;
    const linkedin = url.match(LINKEDIN);
    if (linkedin) return { kind: linkedin[1], ms: Number(BigInt(linkedin[2]) >> 22n) };
    const x = url.match(X);
    if (x) return { kind: 'x', ms: Number((BigInt(x[1]) >> 22n) + X_EPOCH_MS) };
    return null;
  }

  /** The same post: the same URL, or a LinkedIn post's activity and, minted up to
      SIBLING_WINDOW_MS before it, its share (or ugcPost). */
  function samePost(a, b) {
    if (a === b) return true;
    const one = identity(a);
    const other = identity(b);
    if (!one || !other || !(OTHER_SIDE[one.kind] || []).includes(other.kind)) return false;
    const [activity, post] = one.kind === 'activity' ? [one, other] : [other, one];
    const after = activity.ms - post.ms;
    return after >= 0 && after <= SIBLING_WINDOW_MS;
  }

  /** Whether `url` (canonical) can be the post published by a click at `clickedAt` (ms, this
      computer's clock) from a composer opened at `openedAt` (ms on the servers' clock, undefined
      when unknown), given the canonical URLs of the posts the page showed then. A URL of no
      known kind is new. */
  function isNewPost(url, { clickedAt, openedAt, before = [] }) {
    if (before.some((earlier) => samePost(url, earlier))) return false;
    const found = identity(url);
    const earliest = Number.isFinite(openedAt) ? openedAt - OPENED_SKEW_MS : clickedAt - OLDEST_MS;
    return !found || found.ms >= earliest;
  }

  /** Whether `url`, a post the page shows after the click but did not before, can be the post
      published (when no toast or request names it: the hashed-class build's toast links
      nowhere): new, and minted after every post the page showed then (theirs were minted before
      the click, ours after) and not long before the click (a feed that loads more as it
      scrolls brings older posts). FEED_SKEW_MS allows a computer clock minutes wrong. A post
      whose id tells no time is fresh when new: only its words can tell it from another. */
  function isFreshInFeed(url, { clickedAt, openedAt, before = [] }) {
    const found = identity(url);
    // An id that tells no time (Facebook's pfbid): new since the click is all that is known,
    // so its words (showsDraft) decide.
    if (!found) return typeof url === 'string' && !DATED.test(url) && isNewPost(url, { clickedAt, openedAt, before });
    if (!isNewPost(url, { clickedAt, openedAt, before }) || found.ms < clickedAt - FEED_SKEW_MS) return false;
    return before.map(identity).every((earlier) => !earlier || earlier.ms < found.ms);
  }

  const WORD = /[\p{L}\p{N}]{3,}/gu;
  const LINK_OR_TAG = /(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{N}_]+/gu;

  /** Whether `shown` (a feed item's words) shows the draft: most of the draft's first dozen
      words of three letters or more (links, hashtags and mentions left out: the site rewrites
      them). A feed post is only taken for the one published when it shows its words: another
      new post (a colleague's, arriving as the feed refreshes) is not offered. A draft of one
      or two such words needs them all; one of none ("🎉 #launch") cannot be told from another
      post, so the feed confirms nothing for it (the toast or the create-post request still
      can, and the popup logs a share by hand). */
  function showsDraft(shown, draft) {
    const words = (String(draft || '').replace(LINK_OR_TAG, ' ').toLowerCase().match(WORD) || []).slice(0, 12);
    if (!words.length) return false;
    const there = new Set(String(shown || '').toLowerCase().match(WORD) || []);
    const needed = words.length < 3 ? words.length : Math.ceil(words.length * 0.6);
    return words.filter((w) => there.has(w)).length >= needed;
  }

  const api = { identity, samePost, isNewPost, isFreshInFeed, showsDraft };
  ns.newPost = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
