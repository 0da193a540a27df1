"""Personal tracked links (/r/<code>) and the story a logged share tells.

A code is the story id and the employee id, signed (HMAC with the app's secret key), so it
needs no row until someone clicks, a tampered code fails the signature (404), and the only
place a code can send anyone is its story's own link: never an open redirect. Counting
the clicks is in stories_clicks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote_plus, urlencode, urlsplit, urlunsplit

from flask import current_app

from .db import database
from .errors import ApiError, invalid
from .models import Share, User
from .statements import get_one
from .stories import is_for, state_of
from .stories_copy import reads_like_story
from .stories_models import LINK_KEY_LENGTH, ShareStory, Story, story_link_key
from .web_address import web_address

MAC_BYTES = 8
CODE_PATTERN = re.compile(r"/r/([A-Za-z0-9_-]{12,40})")
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)


# --- Codes ----------------------------------------------------------------------------


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _read_varint(raw: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while at < len(raw) and shift < 64:
        byte = raw[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value, at
        shift += 7
    raise ValueError("truncated")


def _mac(key: str, payload: bytes) -> bytes:
    digest = hmac.new(key.encode(), b"firsthand.tracked-link:" + payload, hashlib.sha256)
    return digest.digest()[:MAC_BYTES]


def make_code(story_id: int, user_id: int) -> str:
    payload = _varint(story_id) + _varint(user_id)
    key = current_app.config["SECRET_KEYS"][-1]  # oldest first: sign with the newest
    return base64.urlsafe_b64encode(payload + _mac(key, payload)).decode().rstrip("=")


def read_code(code: str) -> tuple[int, int] | None:
    """(story id, user id) of a genuine code, or None for anything else."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{12,40}", code or ""):
        return None
    try:
        raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
        story_id, at = _read_varint(raw, 0)
        user_id, at = _read_varint(raw, at)
    except ValueError:
        return None
    payload, mac = raw[:at], raw[at:]
    if len(mac) != MAC_BYTES or not (0 < story_id < 2**63 and 0 < user_id < 2**63):
        return None
    if base64.urlsafe_b64encode(raw).decode().rstrip("=") != code:
        return None  # one code per link: no alternative spellings of the same bytes
    keys = current_app.config["SECRET_KEYS"]
    if not any(hmac.compare_digest(mac, _mac(key, payload)) for key in keys):
        return None
    return story_id, user_id


def without_tracked_links(text: str) -> str:
    """The text without this server's own tracked story links (genuine codes only). The
    program asks employees to include them, so they say nothing of the author's voice, while
    a link in a post otherwise leans towards company copy."""

    def drop(url: re.Match) -> str:
        code = CODE_PATTERN.search(url[0])
        return "" if code and read_code(code[1]) else url[0]

    return URL_IN_TEXT.sub(drop, text)


def voice_reading(text: str, questions: list[str] | tuple[str, ...] = ()) -> str:
    """What the voice is read from: the text without tracked links, nor the story's questions
    (the panel's "Start with this question" puts one in the post, in the admin's words and
    language, which said nothing of the author's voice and flipped the post to "press
    release"), unless that is all it has."""
    own = without_tracked_links(text)
    for question in questions:
        words = question.split()
        if words:
            own = re.sub(r"\s+".join(map(re.escape, words)), " ", own)
    return own if own.strip() else text


def tracked_link(base_url: str, story: Story, user: User) -> str | None:
    if not story.link:
        return None
    return f"{base_url.rstrip('/')}/r/{make_code(story.id, user.id)}"


# --- Redirecting ----------------------------------------------------------------------


def campaign_of(story: Story) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-")[:40].strip("-")
    return f"story-{story.id}" + (f"-{slug}" if slug else "")


def target_of(story: Story) -> str:
    """The story's link with UTM parameters (any the link had are replaced). The link's own
    parameters are kept as written: decoded and encoded again, "?r" became "r=", ";" "%3B"
    and a Latin-1 "%E9" the replacement character, another address on some sites."""
    parts = urlsplit(story.link)
    kept = [p for p in parts.query.split("&") if p and not _is_utm(p)]
    utm = {
        "utm_source": "firsthand",
        "utm_medium": "employee_share",
        "utm_campaign": campaign_of(story),
    }
    query = "&".join([*kept, urlencode(utm)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _is_utm(parameter: str) -> bool:
    return unquote_plus(parameter.split("=", 1)[0]).strip().lower().startswith("utm_")


@dataclass
class Resolved:
    story: Story
    user_id: int
    target: str  # where the redirect sends the reader (target_of(story))


# What a code resolves to, per process, for a few seconds: a post that takes off sends many
# readers (and preview bots) through the same links, and each would otherwise cost a read.
# A withdrawn story or an erased person stops redirecting within RESOLVE_TTL_SECONDS in
# other processes, at once in this one (forget_resolved).
RESOLVE_TTL_SECONDS = 10.0


def _resolved() -> dict[str, tuple[float, Resolved | None]]:
    return current_app.extensions.setdefault("firsthand.resolved_links", {})


def forget_resolved() -> None:
    _resolved().clear()


def resolve(code: str) -> Resolved | None:
    """The story and employee of a code whose story can be followed, or None (a 404)."""
    moment, known = time.monotonic(), _resolved()
    cached = known.get(code)  # only genuine codes are ever cached: a hit needs no check
    if cached is not None and cached[0] > moment:
        return cached[1]
    ids = read_code(code)
    if ids is None:
        return None  # never cached: garbage must not fill the memory
    found = _lookup(*ids)
    if len(known) > 50_000:
        known.clear()
    known[code] = (moment + RESOLVE_TTL_SECONDS, found)
    return found


# The read a code that is not cached costs, written once (peewee would rebuild this query,
# subquery and all, on each call: about 1 ms of CPU, more than the rest of the redirect).
_FOLLOWABLE = (
    '"story"."id" = {p} AND "link" IS NOT NULL AND "published_at" IS NOT NULL '
    'AND "withdrawn_at" IS NULL AND EXISTS (SELECT 1 FROM "user" WHERE "user"."id" = {p} '
    'AND "user"."erased_at" IS NULL)'
)


def _lookup(story_id: int, user_id: int) -> Resolved | None:
    """One read: the story, if it is published, not withdrawn, has a link, and the person
    behind the code is not erased."""
    story = get_one(Story, _FOLLOWABLE, story_id, user_id)
    if story is None:
        return None
    try:  # a link stored before links were checked strictly may be one no reader can follow
        web_address(story.link, "link")
    except ApiError:
        return None
    return Resolved(story, user_id, target_of(story))


# --- The story a share tells ----------------------------------------------------------


@dataclass
class StoryMatch:
    story: Story
    via: str  # explicit, tracked_link, link


# The states of a story a share can tell: started (a scheduled story's title is under embargo:
# a share crediting it showed the title in its answer, and took the share from a live story
# with the same link), not withdrawn; an ended story still can (a share saved for later lands
# after its end, and its tracked links keep working in the posts people made).
TOLD_STATES = ("live", "expired")


def match_story(user: User, url: str, text: str | None, story_id: int | None, now: datetime):
    """The story a share tells: picked explicitly, or found by a tracked link or the story's
    link in the post's address or text; only a story that has started (TOLD_STATES), a live
    one before one that ended. An explicit pick that is not one of the user's stories is a
    422."""
    if story_id is not None:
        story = Story.get_or_none(Story.id == story_id)
        if story is None or state_of(story, now) not in TOLD_STATES or not is_for(story, user):
            raise invalid("story_id", f"is not a story for you (no live story {story_id})")
        return StoryMatch(story, "explicit")
    haystack = f"{url}\n{text or ''}"
    for code in CODE_PATTERN.findall(haystack):
        resolved = resolve(code)
        if resolved is not None and state_of(resolved.story, now) in TOLD_STATES:
            return StoryMatch(resolved.story, "tracked_link")
    links = {story_link_key(found) for found in URL_IN_TEXT.findall(haystack)} - {""}
    if not links:
        return None
    # Every share with a link asks this (its own address is one): only the stories whose
    # link key is one of the post's are read, by index, so a share costs the same with ten
    # stories or ten thousand; the key is cut to the index's width, so the whole link is
    # compared again here.
    keys = sorted({k[:LINK_KEY_LENGTH] for k in links})
    for story_id, link in _linked_stories(keys, now):
        if story_link_key(link) in links:
            story = get_one(Story, '"id" = {p}', story_id)
            if story is not None and is_for(story, user):
                return StoryMatch(story, "link")
    return None


def _linked_stories(keys: list[str], now: datetime) -> list[tuple[int, str]]:
    """Published, standing stories that have started, with one of these link keys: the live
    ones first, then those that ended; newest window first."""
    found, at = [], Story.starts_at.db_value(now)
    for start in range(0, len(keys), KEYS_A_STATEMENT):
        chunk = keys[start : start + KEYS_A_STATEMENT]
        marks = ", ".join([database.param] * len(chunk))
        found += database.execute_sql(
            f'SELECT "id", "link", "starts_at", "ends_at" FROM "story" WHERE "link_key" IN '
            f'({marks}) AND "published_at" IS NOT NULL AND "withdrawn_at" IS NULL '
            f'AND "starts_at" <= {database.param}',
            [*chunk, at],
        ).fetchall()

    def order(row: tuple) -> tuple:
        ends_at = Story.ends_at.python_value(row[3])
        ended = ends_at is not None and ends_at <= now
        return (ended, -Story.starts_at.python_value(row[2]).timestamp(), row[0])

    return [(story_id, link) for story_id, link, *_ in sorted(found, key=order)]


KEYS_A_STATEMENT = 500  # well under SQLite's bound on a statement's parameters


def judge_copy(match: StoryMatch, text: str | None) -> bool:
    """Whether the share's text reads like the story's announcement."""
    return bool(text) and reads_like_story(match.story, text)


def record_share_story(share: Share, match: StoryMatch, story_copy: bool) -> ShareStory:
    """Link a share to its story, in the share's write transaction."""
    own_voice = share.voice == "personal" and not story_copy and not share.is_clone
    return ShareStory.create(
        share=share.id,
        story=match.story.id,
        user=share.user_id,
        via=match.via,
        own_voice=own_voice,
        story_copy=story_copy,
    )
