/* Post URLs: a post's identity and canonical link. The same rules as the server's
   canonical.py; both pass every case in shared/canonical-url-vectors.json (the spec).
   Parsed by hand with a strict grammar rather than with URL(): a link that URL() and
   Python would read differently is refused by both instead of canonicalised two ways. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const MAX_URL_LENGTH = 2048;
  const MAX_CANONICAL_LENGTH = 512; // the width of the server's canonical_url column
  const MAX_POST_ID = BigInt('9223372036854775807'); // LinkedIn and X ids are 64-bit

  const URL_RE = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/i;
  // A hash route (#/posts/1, #!/posts/1) is a post's address; other fragments are dropped.
  const HASH_ROUTE = /^!?\//;
  // Control characters are what this refuses; in u mode the second class matches lone surrogates only.
  // eslint-disable-next-line no-control-regex
  const FORBIDDEN = /[\x00-\x20\x7f"<>\\^`{|}]|[\uD800-\uDFFF]/u;
  const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  const HOST = new RegExp(`^(?:${LABEL}\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$`);
  const PORT = /^[0-9]{1,5}$/;
  const SPACE = '[ \\t\\n\\r\\f\\v]+';
  const TRIM = new RegExp(`^${SPACE}|${SPACE}$`, 'g');

  const URN = /urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)([0-9]+)/i;
  const SLUG = /-(activity|share|ugcPost)-([0-9]+)(?:-|$)/i;
  const KINDS = { activity: 'activity', share: 'share', ugcpost: 'ugcPost' };
  const X_STATUS = /^\/(?:[A-Za-z0-9_]{1,15}|i(?:\/web)?)\/status(?:es)?\/([0-9]+)(?:\/|$)/;

  const TRACKING_PARAMS = new Set([
    'fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'mibextid', 'trk',
    'trkinfo', 'lipi', 'licu', 'rcm', 'src', 'ref', 'ref_src', 'ref_url',
    '__cft__[0]', '__tn__', '_hsenc', '_hsmi', 'originalsubdomain'
  ]);
  // Short names that track only on these sites (elsewhere ?t=12345 is a forum topic).
  const HOST_TRACKING_PARAMS = {
    'youtube.com': ['si', 't', 'feature', 'pp'],
    'spotify.com': ['si'],
    'youtu.be': ['si', 't', 'feature'],
    'instagram.com': ['igsh']
  };
  const NETWORK_HOSTS = {
    linkedin: ['linkedin.com', 'lnkd.in'],
    x: ['x.com', 'twitter.com', 't.co'],
    facebook: ['facebook.com', 'fb.com', 'fb.watch']
  };
  const SHORTENERS = ['lnkd.in', 't.co'];
  const FACEBOOK_SHARE = /^\/share\/(?:[prv]\/)?[A-Za-z0-9_-]+\/*$/;
  // Hosts that open www.facebook.com's pages at the same paths (canonical.py says which).
  const FACEBOOK_ALIASES = new Set([
    ...['', 'm.', 'mobile.', 'touch.', 'mbasic.', 'web.', 'free.'].map((s) => `${s}facebook.com`),
    'fb.com',
    'www.fb.com'
  ]);

  const onHost = (host, names) => names.some((name) => host === name || host.endsWith('.' + name));

  const NON_ASCII = /[\u{80}-\u{10FFFF}]/u;

  /** An international site name as DNS knows it (bücher.example: xn--bcher-kva.example), as
   * the browser converts it (the server does the same with the idna package, UTS 46 not transitional); null if none. */
  function asciiName(host) {
    try {
      const ascii = new URL(`http://${host}/`).hostname;
      return NON_ASCII.test(ascii) ? null : ascii;
    } catch {
      return null;
    }
  }

  /** Split an absolute http(s) URL into {host, port, path, query}, or null. */
  function parse(href) {
    if (typeof href !== 'string') return null;
    const url = href.replace(TRIM, '');
    if (url.length > MAX_URL_LENGTH || FORBIDDEN.test(url)) return null;
    const found = url.match(URL_RE);
    if (!found) return null;
    const [, , authority, path, query, fragment] = found;
    if (authority.includes('@')) return null;
    const colon = authority.indexOf(':');
    // A final dot is the DNS root, implied: example.com. is example.com (canonical.py).
    let host = (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase().replace(/\.$/, '');
    if (NON_ASCII.test(host)) host = asciiName(host); // bücher.example
    if (host === null || (colon >= 0 && NON_ASCII.test(authority.slice(colon)))) return null;
    if (!HOST.test(host) || host.length > 253) return null;
    if (colon < 0) return { host, port: null, path, query, fragment };
    const port = authority.slice(colon + 1);
    if (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535) return null;
    return { host, port: Number(port), path, query, fragment };
  }

  /** The id when it can be a real 64-bit post id, else null. */
  function postId(digits, minimum = 1) {
    if (digits.startsWith('0') || digits.length < minimum || digits.length > 19) return null;
    return BigInt(digits) > MAX_POST_ID ? null : digits;
  }

  function linkedin({ path, query }) {
    const found = path.match(URN) || path.replace(/\/+$/, '').match(SLUG) || (query || '').match(URN);
    const id = found && postId(found[2], 6);
    return id ? `https://www.linkedin.com/feed/update/urn:li:${KINDS[found[1].toLowerCase()]}:${id}/` : null;
  }

  function x({ path }) {
    const found = path.match(X_STATUS);
    const id = found && postId(found[1]);
    return id ? `https://x.com/i/web/status/${id}` : null;
  }

  /** Python's str ordering: by code point (JS's default sort compares UTF-16 units). */
  function byCodePoint(a, b) {
    const p = Array.from(a, (c) => c.codePointAt(0));
    const q = Array.from(b, (c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return p[i] - q[i];
    return p.length - q.length;
  }

  /** application/x-www-form-urlencoded decoding: '+' is a space, bad UTF-8 becomes U+FFFD. */
  function decodeForm(text) {
    const bytes = [];
    const encoder = new TextEncoder();
    const source = text.replace(/\+/g, ' ');
    for (let i = 0; i < source.length; i++) {
      if (source[i] === '%' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
        bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const char = String.fromCodePoint(source.codePointAt(i));
        bytes.push(...encoder.encode(char));
        i += char.length - 1;
      }
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  /** Python's quote_plus: only A-Z a-z 0-9 _ . - ~ stay as they are; a space is '+'. */
  function encodeForm(text) {
    return encodeURIComponent(text)
      .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, '+');
  }

  /**
   * One spelling per path (RFC 3986 §6.2.2), as the server's tidy_path: non-ASCII
   * percent-encoded, a stray '%' escaped, escapes of unreserved characters decoded, other escapes upper-cased,
   * dot segments resolved. Otherwise one post in two spellings would be two shares.
   */
  function tidyPath(path) {
    const escaped = path
      .replace(/[\u{80}-\u{10FFFF}]/gu, (c) => encodeURIComponent(c))
      .replace(/%(?![0-9A-Fa-f]{2})/g, '%25') // a '%' escaping nothing, as the query writes it
      .replace(/%([0-9A-Fa-f]{2})/g, (_, hex) => {
        const character = String.fromCharCode(parseInt(hex, 16));
        return /^[A-Za-z0-9\-._~]$/.test(character) ? character : '%' + hex.toUpperCase();
      });
    const segments = escaped.split('/');
    const kept = [];
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '.' || segment === '..') {
        if (segment === '..' && kept.length > 1) kept.pop();
        if (last) kept.push('');
        return;
      }
      kept.push(segment);
    });
    return kept.join('/');
  }

  function generic({ host, port, path, query }) {
    const netloc = port === null || port === 80 || port === 443 ? host : `${host}:${port}`;
    const cleanPath = tidyPath(path).replace(/\/+$/, '') || '/';
    const pairs = (query || '').split('&').filter(Boolean).map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decodeForm(part), ''] : [decodeForm(part.slice(0, eq)), decodeForm(part.slice(eq + 1))];
    }).filter(([key]) => !tracking(host, key.toLowerCase()) && !key.toLowerCase().startsWith('utm_'));
    pairs.sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]));
    const encoded = pairs.map(([k, v]) => `${encodeForm(k)}=${encodeForm(v)}`).join('&');
    return `https://${netloc}${cleanPath}${encoded ? '?' + encoded : ''}`;
  }

  function tracking(host, key) {
    if (TRACKING_PARAMS.has(key)) return true;
    return Object.keys(HOST_TRACKING_PARAMS).some((site) => onHost(host, [site]) && HOST_TRACKING_PARAMS[site].includes(key));
  }

  /** '#' and the hash route (tidied as a path, without trailing slashes), or ''. */
  function hashRoute(fragment) {
    if (fragment === undefined || fragment === null || !HASH_ROUTE.test(fragment)) return '';
    const route = tidyPath(fragment).replace(/\/+$/, '');
    return route === '' || route === '!' ? '' : '#' + route;
  }

  /** The canonical URL of a post as the server stores it, or null when the server would refuse it. */
  function canonicalUrl(href, network) {
    const parts = parse(href);
    if (!parts) return null;
    const owner = Object.keys(NETWORK_HOSTS).find((name) => onHost(parts.host, NETWORK_HOSTS[name])) || null;
    if ((network in NETWORK_HOSTS && owner !== network) || (owner && owner !== network)) return null;
    if (onHost(parts.host, SHORTENERS)) return null;
    let canonical;
    if (network === 'linkedin') canonical = linkedin(parts);
    else if (network === 'x') canonical = x(parts);
    else {
      if (FACEBOOK_ALIASES.has(parts.host)) parts.host = 'www.facebook.com';
      // A share link's id is its whole identity: its query says who shared it (canonical.py).
      if (parts.host === 'www.facebook.com' && FACEBOOK_SHARE.test(tidyPath(parts.path))) parts.query = null;
      canonical = generic(parts) + hashRoute(parts.fragment);
    }
    return canonical && canonical.length <= MAX_CANONICAL_LENGTH ? canonical : null;
  }

  /** An absolute link for a LinkedIn href as pages hold them: absolute, relative or a bare URN. */
  function absolute(href, origin, urnBase = null) {
    if (typeof href !== 'string') return null;
    if (urnBase && /^urn:li:/i.test(href)) return urnBase + href;
    if (href.startsWith('//')) return 'https:' + href;
    return href.startsWith('/') ? origin + href : href;
  }

  /** Canonical post URL of a LinkedIn link (absolute, relative or a bare URN), or null. */
  function canonicalLinkedinUrl(href) {
    const url = absolute(href, 'https://www.linkedin.com', 'https://www.linkedin.com/feed/update/');
    return url && canonicalUrl(url, 'linkedin');
  }

  /** Return {kind, id} for a LinkedIn post link or URN, or null. */
  function linkedinPostId(href) {
    const found = (canonicalLinkedinUrl(href) || '').match(/urn:li:(\w+):(\d+)\/$/);
    return found ? { kind: found[1], id: found[2] } : null;
  }

  /** Canonical URL of a post on X (x.com or twitter.com), as the server stores it, or null. */
  function canonicalXUrl(href) {
    const url = absolute(href, 'https://x.com');
    return url && canonicalUrl(url, 'x');
  }

  /** Guess the network of a pasted link (the popup's "Log a share" form). */
  function networkOf(href) {
    let host;
    try {
      host = new URL(href).hostname.toLowerCase().replace(/\.$/, ''); // a final dot: the same site
    } catch (e) {
      return null;
    }
    const network = Object.keys(NETWORK_HOSTS).find((name) => onHost(host, NETWORK_HOSTS[name]));
    return network || 'other';
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

  // A host, a dot and a name ("linkedin.com/posts/…", "x.com/ana/status/1"): what a link
  // copied without its scheme looks like. Anything else typed is not a link.
  const HOST_LOOKING = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

  /** A typed link, fixed up: trimmed, with https:// added to a host-looking one that has no
      scheme; null when it is not an http(s) link at all. */
  function typedLink(value) {
    const text = String(value || '').trim();
    if (isHttpUrl(text)) return text;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && HOST_LOOKING.test(text) && isHttpUrl(`https://${text}`)) {
      return `https://${text}`;
    }
    return null;
  }

  /** When a LinkedIn post went out, from its id (activity, share or ugcPost ids carry their
      unix milliseconds above bit 22), as the server's stale_post rule reads it; else null. */
  function linkedinPostedAt(href) {
    const post = linkedinPostId(href);
    if (!post || typeof BigInt === 'undefined') return null;
    const ms = Number(BigInt(post.id) >> 22n);
    // Before LinkedIn's ids carried a time (2014), the number is not a date.
    return ms > Date.UTC(2014, 0, 1) ? new Date(ms) : null;
  }

  const X_EPOCH_MS = 1288834974657; // X's snowflake epoch (server/firsthand/canonical.py)

  /** When an X post was made, from its status id (a snowflake: milliseconds since X's epoch
      above bit 22), as the server's x_posted_at reads it; null before snowflakes (2010). */
  function xPostedAt(href) {
    const canonical = canonicalXUrl(href);
    if (!canonical || typeof BigInt === 'undefined') return null;
    const ms = Number(BigInt(canonical.split('/').pop()) >> 22n) + X_EPOCH_MS;
    return ms > X_EPOCH_MS ? new Date(ms) : null;
  }

  /** When a post went out, from a LinkedIn or X id; null for other links. */
  function postedAt(href) {
    return linkedinPostedAt(href) || xPostedAt(href);
  }

  // The server's zero_reason of a share (server/firsthand/zero_reason.py) -> locale key.
  const ZERO_REASONS = { before_joining: 'zeroBeforeJoining', too_old: 'zeroTooOld', daily_cap: 'zeroDailyCap' };

  /** The locale key saying why a logged share earned 0: the share's zero_reason when the
      server gave one, else its points breakdown (rule ids: server/firsthand/scoring.py); null
      when it earned points or no rule says. */
  function zeroReasonKey(breakdown, share) {
    const named = ZERO_REASONS[share && share.zero_reason];
    if (named) return named;
    const rules = (breakdown || []).map((entry) => entry.rule);
    if ((breakdown || []).some((entry) => entry.points > 0)) return null;
    if (rules.includes('stale_post')) return 'zeroStale';
    if (rules.includes('daily_cap')) return 'zeroDailyCap';
    return null;
  }

  const api = { linkedinPostedAt, xPostedAt, postedAt, zeroReasonKey, canonicalUrl, linkedinPostId, canonicalLinkedinUrl, canonicalXUrl, networkOf, isHttpUrl, typedLink };
  Object.assign(ns, api);
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
