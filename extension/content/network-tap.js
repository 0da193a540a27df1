/* Runs in LinkedIn's own page world ("world": "MAIN", at document_start) because only there can
   it see the page's requests. It watches the answer to one request, the one that creates a post
   (normShares), and tells the extension the new post's URN with a DOM event. That confirms a
   publish even when the success toast is missed. It reads no request bodies and no other
   responses, and sends nothing anywhere.
   The answer (JSON) names the post three ways: `data['*updateV2']` holds the feed update of its
   activity URN (preferred: the post's own page), `toastCtaUrl` the "View post" link (a share or
   ugcPost URN, maybe percent-encoded), `status.urn` the share. Only the activity inside
   `*updateV2` is taken, never the first one anywhere: a repost's answer names the original post's
   activity too. A scheduled post's answer links to no post and has no activity yet: so
   `status.urn` alone is not taken for a publish. */
(function (root) {
  'use strict';
  const CREATE_POST = /\/voyager\/api\/contentcreation\/normShares\/?$/;
  const ACTIVITY_URN = /urn(?::|%3A)li(?::|%3A)activity(?::|%3A)(\d{6,19})(?!\d)/i;
  const POST_URN = /urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)(\d{6,19})(?!\d)/i;
  const KINDS = { activity: 'activity', share: 'share', ugcpost: 'ugcPost' };
  const EVENT = 'firsthand:published';

  /** Is this request LinkedIn's "create a post"? */
  function isCreatePost(url, base) {
    try {
      return CREATE_POST.test(new URL(String(url), base).pathname);
    } catch (e) {
      return false;
    }
  }

  function parse(body) {
    try {
      return typeof body === 'string' ? JSON.parse(body) : null;
    } catch (e) {
      return null;
    }
  }

  /** The activity URN inside the answer's own `*updateV2` (`data['*updateV2']`, or at the top
      level), e.g. urn:li:fsd_update:(urn:li:activity:N,MAIN_FEED,…); null without one. Never an
      activity named elsewhere in the answer: a repost's names the original post too. */
  function activityOf(answer) {
    if (!answer || typeof answer !== 'object') return null;
    const data = answer.data && typeof answer.data === 'object' ? answer.data : {};
    const update = typeof data['*updateV2'] === 'string' ? data['*updateV2'] : answer['*updateV2'];
    const match = typeof update === 'string' ? update.match(ACTIVITY_URN) : null;
    return match ? `urn:li:activity:${match[1]}` : null;
  }

  /** The activity URN `*updateV2` names in a response body, or null. */
  function activityUrn(body) {
    return activityOf(parse(body));
  }

  /** The value of the first `toastCtaUrl` in a parsed answer (at any depth), or null. */
  function toastCtaUrl(answer, depth = 0) {
    if (!answer || typeof answer !== 'object' || depth > 32) return null;
    if (typeof answer.toastCtaUrl === 'string') return answer.toastCtaUrl;
    for (const value of Object.values(answer)) {
      const found = toastCtaUrl(value, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }

  /** The new post's URN in a create-post answer: the activity its `*updateV2` names, else the
      post its "View post" link names (activity, share or ugcPost); null when it names no post (a
      scheduled one) or is not JSON. */
  function postUrn(body) {
    const answer = parse(body);
    const activity = activityOf(answer);
    if (activity) return activity;
    const link = toastCtaUrl(answer);
    const match = link && /\/feed\/update\//.test(link) ? link.match(POST_URN) : null;
    return match ? `urn:li:${KINDS[match[1].toLowerCase()]}:${match[2]}` : null;
  }

  function announce(body) {
    const urn = postUrn(body);
    if (urn) document.dispatchEvent(new CustomEvent(EVENT, { detail: urn }));
  }

  function tapFetch(win) {
    const original = win.fetch;
    if (typeof original !== 'function') return;
    win.fetch = function fetch(input) { // length 1, as the real fetch
      const answer = original.apply(this, arguments);
      const url = input && typeof input === 'object' && 'url' in input ? input.url : input;
      if (isCreatePost(url, win.location.href)) {
        answer
          .then((response) => (response.ok ? response.clone().text() : ''))
          .then(announce)
          .catch(() => {}); // the page's own promise is untouched
      }
      return answer;
    };
  }

  function tapXhr(win) {
    const proto = win.XMLHttpRequest && win.XMLHttpRequest.prototype;
    if (!proto) return;
    const open = proto.open;
    proto.open = function (method, url) {
      if (isCreatePost(url, win.location.href)) {
        this.addEventListener('load', () => {
          if (this.status < 200 || this.status >= 300) return;
          const type = this.responseType;
          if (type === '' || type === 'text') announce(this.responseText);
          else if (type === 'json') announce(JSON.stringify(this.response));
        });
      }
      return open.apply(this, arguments);
    };
  }

  const api = { isCreatePost, activityUrn, postUrn, EVENT };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    try {
      tapFetch(root);
      tapXhr(root);
    } catch (e) {
      // Never break the page: without the tap the toast still confirms a publish.
    }
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
