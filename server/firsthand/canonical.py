"""Canonical post URLs: one identity per post, whatever link form was pasted.

The same rules are written in JavaScript in extension/lib/share-url.js; both pass every case
in shared/canonical-url-vectors.json, which is the specification. The parsing is done here by
hand, with a strict grammar, rather than by urllib: a URL that the two languages' standard
parsers would read differently (spaces, backslashes, user names, IP hosts, odd ports) is
refused by both instead of being canonicalised two ways.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote, quote_plus, unquote

import idna

from .clock import from_unix_ms
from .errors import ApiError, invalid, say

MAX_URL_LENGTH = 2048
MAX_CANONICAL_LENGTH = 512  # the width of shares.canonical_url
MAX_POST_ID = 2**63 - 1  # LinkedIn and X ids are 64-bit

URL = re.compile(r"^(https?)://([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", re.I | re.S)
# A hash route (#/posts/1, #!/posts/1) is a post's address on a site that routes in the
# browser; any other fragment (#top, #comments) is a place on the page, dropped.
HASH_ROUTE = re.compile(r"^!?/", re.S)
FORBIDDEN = re.compile(r'[\x00-\x20\x7f"<>\\^`{|}]|[\ud800-\udfff]')
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST = re.compile(rf"^(?:{LABEL}\.)+[a-z](?:[a-z0-9-]{{0,61}}[a-z0-9])?$")
PORT = re.compile(r"^[0-9]{1,5}$")

# LinkedIn post identities. /posts/<slug>-activity-N-xxxx links and
# /feed/update/urn:li:activity:N/ name the same activity.
LINKEDIN_URN = re.compile(
    r"urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)([0-9]+)", re.I | re.A
)
LINKEDIN_SLUG = re.compile(r"-(activity|share|ugcPost)-([0-9]+)(?:-|$)", re.I | re.A)
LINKEDIN_KINDS = {"activity": "activity", "share": "share", "ugcpost": "ugcPost"}
LINKEDIN_POST = "https://www.linkedin.com/feed/update/urn:li:"  # + kind:id/
LINKEDIN_CANONICAL = re.compile(
    r"https://www\.linkedin\.com/feed/update/urn:li:(activity|share|ugcPost):([0-9]+)/", re.A
)
# A post has two ids: its activity, and its share or ugcPost (how it was published decides
# which), minted a moment apart. Microsoft's LinkedIn Compliance Events documentation shows
# one post as activity 6422861848709726123 and share 6422861848344821123: 87 ms apart (id >>
# 22). Nobody publishes two posts within two seconds, so ids of the two sides this close
# name one post (sibling_ranges, are_siblings); two ids of one side never do.
SIBLING_WINDOW_MS = 2000
# Ids below 10**18 were minted before July 1977, long before LinkedIn: a made-up small id must
# not turn the sibling look-up into ranges that span most of the index (…:10/ to …:99/).
EARLIEST_SIBLING_ID = 10**18
OTHER_SIDE = {"activity": ("share", "ugcPost"), "share": ("activity",), "ugcPost": ("activity",)}
X_STATUS = re.compile(r"^/(?:[A-Za-z0-9_]{1,15}|i(?:/web)?)/status(?:es)?/([0-9]+)(?:/|$)")
X_CANONICAL = re.compile(r"https://x\.com/i/web/status/([0-9]+)", re.A)
X_EPOCH_MS = 1288834974657  # X's snowflake epoch, 2010-11-04T01:42:54.657Z
LINKEDIN_OPENED_MS = 1052092800000  # 2003-05-05: no LinkedIn post is older

TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "mibextid", "trk",
    "trkinfo", "lipi", "licu", "rcm", "src", "ref", "ref_src", "ref_url",
    "__cft__[0]", "__tn__", "_hsenc", "_hsmi", "originalsubdomain",
}  # fmt: skip
# Short names that track only on these sites: elsewhere ?t=12345 is a forum topic and ?s= a
# search, so dropping them everywhere made different posts one (X's links keep no query).
HOST_TRACKING_PARAMS = {"youtube.com": {"si", "t", "feature", "pp"}, "spotify.com": {"si"},
                        "youtu.be": {"si", "t", "feature"}, "instagram.com": {"igsh"}}  # fmt: skip
NETWORK_HOSTS = {
    "linkedin": ("linkedin.com", "lnkd.in"),
    "x": ("x.com", "twitter.com", "t.co"),
    "facebook": ("facebook.com", "fb.com", "fb.watch"),
}
SHORTENERS = ("lnkd.in", "t.co")
# Hosts that open www.facebook.com's own pages at the same paths: its mobile sites, web. (where
# Facebook sends some countries' browsers), free. (Free Basics) and fb.com, which redirects.
# Each is one post's link in another spelling; left as they came, one post logged twice.
FACEBOOK_ALIASES = {
    *(f"{sub}facebook.com" for sub in ("", "m.", "mobile.", "touch.", "mbasic.", "web.", "free.")),
    "fb.com",
    "www.fb.com",
}
# A share link (Share → Copy link): /share/p/ID for a post, r/ a reel, v/ a video, or /share/ID.
# The ID is the whole identity; its query (mibextid, rdid, share_url…) says who shared it and
# how, so one link logged twice with other parameters was two shares of one post.
FACEBOOK_SHARE = re.compile(r"/share/(?:[prv]/)?[A-Za-z0-9_-]+/*", re.A)


def canonical_url(url: str, network: str) -> str:
    """Return the canonical form of a post URL, or raise ApiError(422) saying why not."""
    host, port, path, query, fragment = _parse(url)
    owner = next((name for name, hosts in NETWORK_HOSTS.items() if _on_host(host, hosts)), None)
    if network in NETWORK_HOSTS and owner != network:
        raise _invalid(f"other_network.{network}")
    if owner and network != owner:
        raise _invalid(f"on_network.{owner}")
    if _on_host(host, SHORTENERS):
        raise _invalid("shortened")
    if network == "linkedin":
        canonical = _linkedin(path, query)
    elif network == "x":
        canonical = _x(path)
    else:
        if host in FACEBOOK_ALIASES:
            host = "www.facebook.com"
        if host == "www.facebook.com" and FACEBOOK_SHARE.fullmatch(tidy_path(path)):
            query = None
        canonical = _generic(host, port, path, query) + _hash_route(fragment)
    if len(canonical) > MAX_CANONICAL_LENGTH:
        raise _invalid("too_long_post", limit=MAX_CANONICAL_LENGTH)
    return canonical


def _parse(url: str) -> tuple[str, int | None, str, str | None, str | None]:
    """Split an absolute http(s) URL into (host, port, path, query, fragment), or raise."""
    url = url.strip(" \t\n\r\f\v")
    if len(url) > MAX_URL_LENGTH:
        raise _invalid("too_long", limit=MAX_URL_LENGTH)
    if FORBIDDEN.search(url):
        raise _invalid("forbidden")
    found = URL.fullmatch(url)
    if not found:
        raise _invalid("not_http")
    _scheme, authority, path, query, fragment = found.groups()
    if "@" in authority:
        raise _invalid("credentials")
    host, _, port = authority.partition(":")
    host = ascii_name(host.lower().removesuffix("."))  # a final dot: the DNS root, implied
    if not (host.isascii() and port.isascii()) or not HOST.fullmatch(host) or len(host) > 253:
        raise _invalid("no_site", scheme=_scheme.lower())
    if ":" not in authority:
        return host, None, path, query, fragment
    if not (PORT.fullmatch(port) and 1 <= int(port) <= 65535):
        raise _invalid("port")
    return host, int(port), path, query, fragment


def ascii_name(host: str) -> str:
    """A host name as DNS knows it: an international name (bücher.example) in its ASCII
    (punycode) form, xn--bcher-kva.example, the host unchanged when it is ASCII or cannot be
    converted. UTS 46 without transitional mapping (the `idna` package, which also
    lower-cases), as browsers' URL parsers do: Python's own idna codec is IDNA 2003, which
    turns straße.de into strasse.de, another site than the browser's xn--strae-oqa.de."""
    try:
        return host if host.isascii() else idna.encode(host, uts46=True).decode("ascii")
    except UnicodeError:  # idna.IDNAError is one
        return host


def _post_id(digits: str, minimum: int = 1) -> str:
    """The id as given when it can be a real 64-bit post id; raise otherwise."""
    if digits.startswith("0") or not minimum <= len(digits) <= 19 or int(digits) > MAX_POST_ID:
        raise _invalid("impossible_id")
    return digits


def _linkedin(path: str, query: str | None) -> str:
    found = (
        LINKEDIN_URN.search(path)
        or LINKEDIN_SLUG.search(path.rstrip("/"))
        or LINKEDIN_URN.search(query or "")
    )
    if not found:
        raise _invalid("not_linkedin_post")
    kind = LINKEDIN_KINDS[found[1].lower()]
    return f"https://www.linkedin.com/feed/update/urn:li:{kind}:{_post_id(found[2], 6)}/"


def _x(path: str) -> str:
    found = X_STATUS.match(path)
    if not found:
        raise _invalid("not_x_post")
    return f"https://x.com/i/web/status/{_post_id(found[1])}"


def _generic(host: str, port: int | None, path: str, query: str | None) -> str:
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = tidy_path(path).rstrip("/") or "/"
    sites = HOST_TRACKING_PARAMS.items()
    tracking = TRACKING_PARAMS.union(*(names for site, names in sites if _on_host(host, (site,))))
    pairs = sorted(
        (key, value)
        for key, value in (_decode_pair(part) for part in (query or "").split("&") if part)
        if key.lower() not in tracking and not key.lower().startswith("utm_")
    )
    encoded = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)
    return f"https://{netloc}{path}" + (f"?{encoded}" if encoded else "")


def _hash_route(fragment: str | None) -> str:
    """'#' and the hash route (tidied as a path, without trailing slashes), or ''."""
    if fragment is None or not HASH_ROUTE.match(fragment):
        return ""
    route = tidy_path(fragment).rstrip("/")
    return "#" + route if route not in ("", "!") else ""


UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # escaping nothing: /50% is /50%25


def tidy_path(path: str) -> str:
    """One spelling per path, as RFC 3986 §6.2.2 normalises it: non-ASCII percent-encoded
    as UTF-8, a '%' escaping nothing escaped (as a query spells it), escapes of unreserved
    characters decoded (%7E is ~), others in upper case (%2f is %2F), dot segments resolved
    (/a/./b, /a/x/../b: /a/b, as a browser opens them). Else one post is two shares."""
    path = re.sub(r"[^\x00-\x7f]", lambda m: quote(m[0]), path)
    path = STRAY_PERCENT.sub("%25", path)
    path = PERCENT.sub(_tidy_escape, path)
    return _without_dot_segments(path)


def _tidy_escape(found: re.Match) -> str:
    character = chr(int(found[1], 16))
    return character if character in UNRESERVED else "%" + found[1].upper()


def _without_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 on an absolute path: '.' segments dropped, '..' drops the one before
    (never past the root); a path ending in one keeps its final slash."""
    kept: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and len(kept) > 1:
                kept.pop()
            if last:
                kept.append("")
            continue
        kept.append(segment)
    return "/".join(kept)


def _decode_pair(part: str) -> tuple[str, str]:
    """application/x-www-form-urlencoded: '+' is a space, bad UTF-8 becomes U+FFFD."""
    key, _, value = part.partition("=")
    return tuple(unquote(s.replace("+", " "), errors="replace") for s in (key, value))


def linkedin_post_id(canonical: str) -> int | None:
    """The numeric id of a canonical LinkedIn post URL (an activity, share or ugcPost), if it
    is one."""
    found = LINKEDIN_CANONICAL.fullmatch(canonical)
    return int(found[2]) if found else None


def sibling_ranges(canonical: str) -> tuple[tuple[str, str], ...]:
    """Inclusive bounds (low, high) of the canonical URLs that may name the same LinkedIn post
    by its other id (the other side's kinds, ids minted within SIBLING_WINDOW_MS); () for
    anything else. Each is an index range on share.canonical_url: the bounds are 19-digit ids
    (from EARLIEST_SIBLING_ID to MAX_POST_ID), and among ids of one kind and one length string
    order is number order. A range also holds shorter ids of that kind (`…:74/` sorts between
    `…:7400…/` and `…:7499…/`): the look-up checks the length, are_siblings the moment."""
    found = LINKEDIN_CANONICAL.fullmatch(canonical)
    if found is None or int(found[2]) < EARLIEST_SIBLING_ID:
        return ()
    moment = int(found[2]) >> 22
    low = max((moment - SIBLING_WINDOW_MS) << 22, EARLIEST_SIBLING_ID)
    high = min(((moment + SIBLING_WINDOW_MS + 1) << 22) - 1, MAX_POST_ID)
    return tuple(
        (f"{LINKEDIN_POST}{kind}:{low}/", f"{LINKEDIN_POST}{kind}:{high}/")
        for kind in OTHER_SIDE[found[1]]
    )


def are_siblings(canonical: str, other: str) -> bool:
    """Whether two canonical URLs are one LinkedIn post's two ids: other sides, minted
    within SIBLING_WINDOW_MS of each other."""
    mine, theirs = LINKEDIN_CANONICAL.fullmatch(canonical), LINKEDIN_CANONICAL.fullmatch(other)
    return (
        mine is not None
        and theirs is not None
        and min(int(mine[2]), int(theirs[2])) >= EARLIEST_SIBLING_ID
        and theirs[1] in OTHER_SIDE[mine[1]]
        and abs((int(mine[2]) >> 22) - (int(theirs[2]) >> 22)) <= SIBLING_WINDOW_MS
    )


def linkedin_posted_at(canonical: str) -> datetime | None:
    """When a LinkedIn post was created: the top bits of its activity, share or ugcPost id are
    a millisecond timestamp (unix_ms << 22).

    (Community-documented, not an official LinkedIn statement. A post's share or ugcPost id
    and its activity id are different numbers minted a moment apart: they date it alike.)
    """
    post = linkedin_post_id(canonical)
    return None if post is None else from_unix_ms(post >> 22)


def x_posted_at(canonical: str) -> datetime | None:
    """When an X post was made: its status id is a snowflake, whose top bits count the
    milliseconds since X's epoch (documented by X). Ids from before snowflakes (November
    2010) were small counters: they read as that November, which is when they were, or later."""
    found = X_CANONICAL.fullmatch(canonical)
    return None if found is None else from_unix_ms((int(found[1]) >> 22) + X_EPOCH_MS)


def id_posted_at(canonical: str) -> tuple[str, datetime] | None:
    """The network whose post id dates a canonical URL (LinkedIn activities, shares and
    ugcPosts; X posts), and that date; None for the others."""
    for network, posted in (("linkedin", linkedin_posted_at), ("x", x_posted_at)):
        moment = posted(canonical)
        if moment is not None:
            return network, moment
    return None


def id_from_the_future(canonical: str, latest: datetime) -> ApiError | None:
    """The refusal of a post id dated after `latest` (ids encode their creation time, so one
    from the future was made up), or of a LinkedIn id dated before LinkedIn opened (…:1000/)."""
    post = linkedin_post_id(canonical)
    if post is not None and post >> 22 < LINKEDIN_OPENED_MS:
        return _invalid("before_linkedin")
    dated = id_posted_at(canonical)
    if dated is None or dated[1] <= latest:
        return None
    return _invalid(f"future_id.{dated[0]}")


def _on_host(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in allowed)


def _invalid(key: str, **subs: object) -> ApiError:
    # Said to a person who pasted a link (the popup shows it): "The link …" in their language
    # (locales/error.link.*); `details` names the field, in English, without "The link".
    message = say(f"error.link.{key}", **subs)
    return invalid("url", message.removeprefix("The link ").removesuffix("."), message)
