"""Posting a message to a Slack or Microsoft Teams incoming webhook: within a deadline for the
whole exchange, and judged by what the receiver answered, not by its status alone.

requests' `timeout` bounds each wait on the socket, not the exchange: a receiver that answers
a header line every few seconds held a post for many minutes (the weekly summary's command,
the console's *Announce again* past gunicorn's 30 s). The post runs in a thread the caller
waits for at most `timeout` seconds; past that the connection is shut down under it.

Teams' Office 365 connectors answer HTTP 200 to a message they did not deliver, with "Webhook
message delivery failed with error: … HTTP error 413" as the body (MicrosoftDocs/msteams-docs
#1810, #4145); a captive portal or a sign-in page answers 200 with a web page. Both are
failures. Slack answers "ok", a connector "1", a Power Automate workflow 202 with no body.
"""

from __future__ import annotations

import json
import re
import socket
import threading

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager, ProxyManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

ANSWER_READ = 4096  # bytes of an answer's body read to judge it
_opened = threading.local()  # the sockets the post in this thread opened


class _Watched:
    """A connection that lists its sockets where the deadline can shut them down."""

    def _new_conn(self):
        sock = super()._new_conn()
        _watch(sock)
        return sock

    def connect(self) -> None:
        super().connect()
        _watch(self.sock)  # over TLS, the socket wrapping the one _new_conn made


def _watch(sock) -> None:
    sockets = getattr(_opened, "sockets", None)
    if sockets is not None and sock is not None:
        sockets.append(sock)


class _HTTP(_Watched, HTTPConnection):
    pass


class _HTTPS(_Watched, HTTPSConnection):
    pass


_POOLS = {
    "http": type("WatchedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": _HTTP}),
    "https": type("WatchedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": _HTTPS}),
}


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy, **kwargs) -> PoolManager:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if type(manager) is ProxyManager:  # (a SOCKS proxy's pools are its own)
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def _shut(sockets: list) -> None:
    """End the connections a post left behind its deadline: its blocked read returns."""
    for sock in sockets:
        try:
            if sock.fileno() != -1:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # under TLS too
        except OSError:
            pass


def post_json(url: str, payload: dict, timeout: float) -> str | None:
    """Post to a webhook; None when it took the message (a 2xx whose body is no refusal),
    else what went wrong, in words. The whole exchange takes at most `timeout` seconds.

    A redirect is not followed: requests would repeat the POST as a GET without its body,
    and the new address's 200 would count a message nobody received as delivered."""
    outcome: list = []
    sockets: list = []

    def run() -> None:
        _opened.sockets = sockets
        try:
            outcome.append(_post(url, payload, timeout))
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            outcome.append(error)

    worker = threading.Thread(target=run, name="webhook-post", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        _shut(sockets)
        return f"no answer within {timeout:g} seconds"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _post(url: str, payload: dict, timeout: float) -> str | None:
    with requests.Session() as session:
        for scheme in ("http://", "https://"):
            session.mount(scheme, _Adapter())
        try:
            answer = session.post(
                url, json=payload, timeout=timeout, allow_redirects=False, stream=True
            )
        except requests.Timeout:
            return f"no answer within {timeout:g} seconds"
        except requests.RequestException as error:
            return f"could not be reached ({type(error).__name__})"
        with answer:
            if answer.is_redirect or answer.is_permanent_redirect:
                return (
                    f"answered HTTP {answer.status_code}, a redirect (nothing was posted): "
                    "set the webhook's current address in the console's Settings"
                )
            if answer.status_code >= 300:
                return f"answered HTTP {answer.status_code}"
            try:
                body = answer.raw.read(ANSWER_READ, decode_content=True) or b""
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
                return f"answered HTTP {answer.status_code}, then failed ({type(error).__name__})"
            refusal = refusal_in(_text(body, answer.encoding))
    if refusal:
        return f"answered HTTP {answer.status_code} but did not post the message: {refusal}"
    return None


def _text(body: bytes, encoding: str | None) -> str:
    try:
        return body.decode(encoding or "utf-8", "replace")
    except LookupError:  # a charset nobody knows
        return body.decode("utf-8", "replace")


TEAMS_REFUSAL = re.compile(r"webhook message delivery failed[^\n]*", re.IGNORECASE)
TEAMS_STATUS = re.compile(r"HTTP error (\d{3})")
TEAMS_HINTS = {
    "400": "Teams refused the card, or the channel or its connector is gone",
    "413": "the message is too large for Teams",
    "429": "too many messages at once: Teams asks to try again later",
}
# Anywhere in what was read (after an XML prolog, a comment): never in "ok", "1" or JSON.
# Not from Content-Type: Slack's "ok" comes as text/html.
_WEB_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>([^<]{1,200})", re.IGNORECASE)
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")


def refusal_in(text: str) -> str | None:
    """What a 2xx answer's body says went wrong, or None when it reads as accepted (empty,
    "ok", "1", JSON, anything else a receiver may say)."""
    text = text.lstrip("\ufeff")
    found = TEAMS_REFUSAL.search(text)
    if found:
        said = _shown(found.group().split(" with ContextId")[0])
        status = TEAMS_STATUS.search(said)
        hint = TEAMS_HINTS.get(status.group(1)) if status else None
        return f"“{said}”" + (f" ({hint})" if hint else "")
    if _WEB_PAGE.search(text):
        title = _TITLE.search(text)
        named = f" (“{_shown(title.group(1))}”)" if title and _shown(title.group(1)) else ""
        return (
            f"a web page{named}, not a webhook's answer: is the address the channel's "
            "incoming webhook?"
        )
    if text.lstrip().startswith("{"):
        try:
            said = json.loads(text)
        except ValueError:
            return None
        if isinstance(said, dict) and said.get("ok") is False:  # Slack's API's refusals
            return f"“{_shown(str(said.get('error') or 'not ok'))}”"
    return None


def _shown(text: str, limit: int = 200) -> str:
    """A receiver's words as one plain line (they are printed and shown on pages)."""
    text = " ".join(_UNSHOWN.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
