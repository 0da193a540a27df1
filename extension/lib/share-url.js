/* Post URLs: find a LinkedIn post's identity and canonical link (mirrors the server). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const URN = /urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)(\d{6,25})/i;
  const SLUG = /-(activity|share|ugcPost)-(\d{6,25})(?:-|$)/i;
  const KINDS = { activity: 'activity', share: 'share', ugcpost: 'ugcPost' };
  const NETWORK_HOSTS = {
    linkedin: ['linkedin.com'],
    x: ['x.com', 'twitter.com'],
    facebook: ['facebook.com', 'fb.com', 'fb.watch']
  };

  /** Return {kind, id} for a LinkedIn post link or URN, or null. */
  function linkedinPostId(href) {
    if (typeof href !== 'string') return null;
    let found = href.match(URN);
    if (!found) {
      try {
        found = new URL(href, 'https://www.linkedin.com').pathname.replace(/\/$/, '').match(SLUG);
      } catch (e) {
        found = null;
      }
    }
    return found ? { kind: KINDS[found[1].toLowerCase()], id: found[2] } : null;
  }

  /** Canonical post URL, as the server stores it, or null for a non-post LinkedIn link. */
  function canonicalLinkedinUrl(href) {
    const post = linkedinPostId(href);
    return post ? `https://www.linkedin.com/feed/update/urn:li:${post.kind}:${post.id}/` : null;
  }

  /** Canonical URL of a post on X (x.com or twitter.com), as the server stores it, or null. */
  function canonicalXUrl(href) {
    let path;
    try {
      path = new URL(href, 'https://x.com').pathname;
    } catch (e) {
      return null;
    }
    const found = path.match(/^\/(?:[A-Za-z0-9_]{1,15}|i(?:\/web)?)\/status(?:es)?\/(\d{1,25})(?:\/|$)/);
    return found ? `https://x.com/i/web/status/${found[1]}` : null;
  }

  /** Guess the network of a pasted link (the popup's "Log a share" form). */
  function networkOf(href) {
    let host;
    try {
      host = new URL(href).hostname.toLowerCase();
    } catch (e) {
      return null;
    }
    for (const [network, hosts] of Object.entries(NETWORK_HOSTS)) {
      if (hosts.some((h) => host === h || host.endsWith('.' + h))) return network;
    }
    return 'other';
  }

  /** Whether a string is an http(s) URL the server could accept. */
  function isHttpUrl(href) {
    try {
      const url = new URL(href);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch (e) {
      return false;
    }
  }

  const api = { linkedinPostId, canonicalLinkedinUrl, canonicalXUrl, networkOf, isHttpUrl };
  Object.assign(ns, api);
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
