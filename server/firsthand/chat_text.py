"""People's words in a Slack or Microsoft Teams message (the story announcements and the
weekly summary): escaped, so a name, title or context can neither ping a channel (Slack's
<!channel>) nor turn into a link, formatting or a date that reads as something else."""

from __future__ import annotations

import re

JOINER = "\u2060"  # WORD JOINER: invisible, and no line breaks at it
# Slack's emphasis, strike and code markers; not an asterisk that is a keycap emoji's (*️⃣).
_SLACK_MARKER = re.compile("[_~`]|\\*(?![\ufe0f\u20e3])")


def slack_escape(text: str) -> str:
    """Slack's mrkdwn: &, < and > must be escaped (<!channel> would ping, <url|text> link),
    and a marker of *bold*, _italic_, ~strike~ or `code` has a word joiner on each side:
    Slack has no escape for them, and a marker between joiners neither opens nor closes.
    (Bare addresses are left unlinked by the text objects' "verbatim": slack_text.)"""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SLACK_MARKER.sub(lambda found: f"{JOINER}{found.group()}{JOINER}", text)


def slack_text(text: str) -> dict:
    """A Slack mrkdwn text object that links no bare address (www.…, https://…) nor
    #channel name of people's words ("verbatim"); our <url|Read more> links still work."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def teams_escape(text: str) -> str:
    """Adaptive Cards' Markdown: no links or emphasis from people's words, and no {{DATE(…)}}
    or {{TIME(…)}} function (Teams would show a date in its place)."""
    return re.sub(r"([\\*_\[\]()<>`#~])", r"\\\1", text).replace("{{", "{" + JOINER + "{")


# What may not start the part cut off: it belongs to the character before it (a combining
# mark, a joiner or what follows one, a variation selector, a skin tone, an emoji tag, the
# word joiner after a Slack marker: slack_escape).
_CLUSTER_TAIL = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u200c\u200d\u2060"
    "\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)


def units(text: str) -> int:
    """Length in UTF-16 code units, as Slack and Teams (JavaScript) count a text's limit."""
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `limit` UTF-16 units, ending with `ellipsis` when cut: never
    inside a character's cluster (a family emoji, an accent) nor inside an escape that
    slack_escape wrote (&amp;): a cut one shows as stray text, or the receiver refuses it."""
    if units(text) <= limit:
        return text
    room, end = limit - units(ellipsis), 0
    for char in text:  # the most characters that fit in the room
        room -= 2 if ord(char) > 0xFFFF else 1
        if room < 0:
            break
        end += 1
    while end > 0 and (_CLUSTER_TAIL.match(text, end) or text[end - 1] == "\u200d"):
        end -= 1
    entity = text.rfind("&", max(0, end - 4), end)
    if entity >= 0 and ";" not in text[entity:end]:
        end = entity
    return text[:end].rstrip() + ellipsis
