/* Runs in LinkedIn's own page world ("world": "MAIN", at document_start) because only there can
   it see the page's requests. It watches the answer to one request, the one that creates a post
   (normShares), and tells the extension the new post's activity URN with a DOM event. That
   confirms a publish even when the success toast is missed. It reads no request bodies and no
   other responses, and sends nothing anywhere. */
(function (root) {
  'use strict';
  const CREATE_POST = /\/voyager\/api\/contentcreation\/normShares\/?$/;
  const ACTIVITY_URN = /urn:li:activity:\d{6,25}/;
  const EVENT = 'firsthand:published';

  /** Is this request LinkedIn's "create a post"? */
  function isCreatePost(url, base) {
    try {
      return CREATE_POST.test(new URL(String(url), base).pathname);
    } catch (e) {
      return false;
    }
  }

  /** The first activity URN in a response body, or null. */
  function activityUrn(body) {
    const match = typeof body === 'string' ? body.match(ACTIVITY_URN) : null;
    return match ? match[0] : null;
  }

  function announce(body) {
    const urn = activityUrn(body);
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

  const api = { isCreatePost, activityUrn, EVENT };
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
