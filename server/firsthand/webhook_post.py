"""Posting a message to a Slack or Microsoft Teams incoming webhook, judged by what the
receiver answered, not by its status alone.

Teams' Office 365 connectors answer HTTP 200 to a message they did not deliver, with "Webhook
message delivery failed with error: … HTTP error 413" as the body (MicrosoftDocs/msteams-docs
#1810, #4145); a captive portal or a sign-in page answers 200 with a web page. Both are
failures. Slack answers "ok", a connector "1", a Power Automate workflow 202 with no body.
"""

from __future__ import annotations

import json
import re

import requests
import urllib3

ANSWER_READ = 4096  # bytes of an answer's body read to judge it


def post_json(url: str, payload: dict, timeout: float) -> str | None:
    """Post to a webhook; None when it took the message (a 2xx whose body is no refusal),
    else what went wrong, in words.

    A redirect is not followed: requests would repeat the POST as a GET without its body,
    and the new address's 200 would count a message nobody received as delivered."""
    try:
        answer = requests.post(
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
