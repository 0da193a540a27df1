"""Canonical post URLs: one identity per post, whatever link form was pasted."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import ApiError

# LinkedIn post identities, most specific first. /posts/<slug>-activity-N-xxxx
# links and /feed/update/urn:li:activity:N/ name the same activity.
LINKEDIN_URN = re.compile(
    r"urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)(\d{6,25})", re.I
)
LINKEDIN_SLUG = re.compile(r"-(activity|share|ugcPost)-(\d{6,25})(?:-|$)", re.I)
X_STATUS = re.compile(r"^/(?:[A-Za-z0-9_]{1,15}|i(?:/web)?)/status(?:es)?/(\d{1,25})(?:/|$)")

TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "mibextid",
    "trk",
    "trkinfo",
    "lipi",
    "licu",
    "rcm",
    "src",
    "ref",
    "ref_src",
    "ref_url",
    "s",
    "t",
    "si",
    "__cft__[0]",
    "__tn__",
    "_hsenc",
    "_hsmi",
    "originalsubdomain",
}
NETWORK_HOSTS = {
    "linkedin": ("linkedin.com", "lnkd.in"),
    "x": ("x.com", "twitter.com"),
    "facebook": ("facebook.com", "fb.com", "fb.watch"),
}


def canonical_url(url: str, network: str) -> str:
    """Return the canonical form of a post URL, or raise ApiError(422) saying why not."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise _invalid("must be an http(s) link to the post")
    expected = NETWORK_HOSTS.get(network)
    if expected and not _on_host(host, expected):
        raise _invalid(f"is not a {_label(network)} link; choose the network the post is on")
    if network == "linkedin":
        return _linkedin(parts)
    if network == "x":
        return _x(parts)
    if network == "facebook":
        host = "www.facebook.com" if host.split(".", 1)[0] in ("m", "mobile", "facebook") else host
    return _generic(parts, host)


def _linkedin(parts) -> str:
    found = LINKEDIN_URN.search(parts.path) or LINKEDIN_URN.search(parts.query)
    found = found or LINKEDIN_SLUG.search(parts.path.rstrip("/"))
    if not found:
        raise _invalid(
            "is not a link to a LinkedIn post: open the post and copy its link "
            "(it contains urn:li:activity:… or -activity-…)"
        )
    kind = {"activity": "activity", "share": "share", "ugcpost": "ugcPost"}[found[1].lower()]
    return f"https://www.linkedin.com/feed/update/urn:li:{kind}:{found[2]}/"


def _x(parts) -> str:
    found = X_STATUS.match(parts.path)
    if not found:
        raise _invalid("is not a link to a post on X (…/status/<number>)")
    return f"https://x.com/i/web/status/{found[1]}"


def _generic(parts, host: str) -> str:
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))


def linkedin_activity_id(canonical: str) -> int | None:
    """Return the numeric activity id of a canonical LinkedIn URL, if it has one."""
    found = re.search(r"urn:li:activity:(\d+)", canonical)
    return int(found[1]) if found else None


def linkedin_posted_at(canonical: str) -> datetime | None:
    """When a LinkedIn activity was created: its id's top bits are a millisecond timestamp.

    (Community-documented, not an official LinkedIn statement; share and ugcPost ids are
    not decoded.)
    """
    activity = linkedin_activity_id(canonical)
    if activity is None:
        return None
    try:
        return datetime.fromtimestamp((activity >> 22) / 1000, UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def _on_host(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in allowed)


def _label(network: str) -> str:
    return {"linkedin": "LinkedIn", "x": "X", "facebook": "Facebook"}.get(network, network)


def _invalid(reason: str) -> ApiError:
    return ApiError(422, f"url {reason}.", details=[{"field": "url", "message": reason}])
