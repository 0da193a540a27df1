"""Web addresses people type into Firsthand: a story's link and image, a suggested story's
link, a webhook. Checked strictly, with the same grammar as share links (canonical.py), so
that an address stored is one every browser and the redirect can follow: urllib alone let
through `https://[::1/` (a 500 when parsed again), ports past 65535 or in full-width digits
(every tracked link of that story then failed), and `https://evil.example@acme.example/`,
which reads as one site and opens another.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request

from .canonical import FORBIDDEN, HOST, MAX_URL_LENGTH, PORT, ascii_name
from .error_words import Said
from .errors import ApiError, invalid, say

URL = re.compile(r"^(https?)://([^/?#]*)([/?#].*)?$", re.I | re.S)
SINGLE_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# In no real address, and they change how one shows where it is shown as text (a suggested
# story's link to the admins, a story's to everyone): C1 controls, line separators, direction
# overrides and isolates ("https://acme.example/q3\u202efdp.exe" showed as "…/q3exe.pdf").
HIDDEN = re.compile(r"[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def web_address(
    value: str | None, field: str, *, public: bool = True, own_hosts: tuple[str, ...] = ()
) -> str | None:
    """The address, trimmed, or None when blank; a 422 naming the field when it is not one.

    public: a page people outside the company open (a story's link): its host must be a
    domain name. Otherwise (a webhook inside the company's network) a single-label host or an
    IP address is fine. own_hosts: this server's host[:port]s; an address on one is refused, so a
    story cannot point at another tracked link (a chain of redirects crediting someone else).
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_URL_LENGTH:
        raise _refused(field, "too_long", limit=MAX_URL_LENGTH)
    if FORBIDDEN.search(value):
        raise _refused(field, "forbidden")
    if HIDDEN.search(value):
        raise _refused(field, "hidden")
    found = URL.fullmatch(value)
    if not found:
        raise _refused(field, "not_http")
    scheme, authority = found.group(1), found.group(2)
    if "@" in authority:
        raise _refused(field, "credentials")
    host, port = _host_and_port(authority, field, scheme.lower())
    typed = {authority.lower(), _site(host, port)}
    if typed & {site for own in own_hosts for site in (own.lower(), _own_site(own))}:
        raise _refused(field, "own")
    if public and _is_ip(host.strip("[]")):
        raise _refused(field, "ip")
    # an international name (bücher.example) is checked in its ASCII form, and kept as typed
    if not _host_ok(ascii_name(host), public):
        raise _refused(field, "no_site", scheme=scheme.lower())
    if port is not None and not (PORT.fullmatch(port) and 1 <= int(port) <= 65535):
        raise _refused(field, "port")
    return value


def story_link(value: str | None) -> str | None:
    """A story's link: a public page, never this server (so never another tracked link)."""
    own = [urlsplit(current_app.config["PUBLIC_URL"]).netloc]
    if has_request_context():
        own.append(request.host)
    return web_address(value, "link", own_hosts=tuple(own))


def _site(host: str, port: str | None) -> str:
    """host[:port] as a browser opens it, to compare with this server's own: the ASCII name in
    lower case, the port as a number and a default one (80, 443) left out. Compared as typed,
    "https://firsthand.acme.example:443/r/…" was another site than firsthand.acme.example."""
    number = int(port) if port is not None and PORT.fullmatch(port) else port
    name = ascii_name(host.lower())
    return name if number in (None, 80, 443) else f"{name}:{number}"


def _own_site(netloc: str) -> str:
    """This server's host[:port] (configured, or the request's Host) as _site spells it."""
    host, colon, port = netloc.rpartition(":")
    if not colon or netloc.endswith("]"):  # no port, or a bare IPv6 address
        return _site(netloc, None)
    return _site(host, port)


def _host_and_port(authority: str, field: str, scheme: str) -> tuple[str, str | None]:
    if authority.startswith("["):  # an IPv6 literal: [address] or [address]:port
        address, bracket, rest = authority[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise _refused(field, "no_site", scheme=scheme)
        return f"[{address}]", (rest[1:] if rest else None)
    host, colon, port = authority.partition(":")
    # A final dot is the DNS root, implied: example.com. is example.com (the address is kept
    # as typed; only its check and its comparison with this server's own host read it so).
    return host.lower().removesuffix("."), (port if colon else None)


def _host_ok(host: str, public: bool) -> bool:
    if host.startswith("["):
        return not public and _is_ip(host[1:-1])
    if not host.isascii() or len(host) > 253:
        return False
    if HOST.fullmatch(host):
        return True
    return not public and (_is_ip(host) or bool(SINGLE_LABEL.fullmatch(host)))


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _refused(field: str, key: str, **subs: object) -> ApiError:
    # Said in the reader's language (locales/error.address.*: "Die Adresse …"): a suggested
    # story's link is typed in the extension's popup. In English, the console's pages and the
    # API's answers, it still names the field ("link must …", "Slack webhook must …": a story
    # has two addresses); `details` keeps the field and the English reason.
    said = say(f"error.address.{key}", **subs)
    reason = said.removeprefix("The address ").removesuffix(".")
    return invalid(field, reason, Said(f"{field} {reason}.", said.key, said.subs))
