"""Stories' link keys in their one spelling (stories_models.story_link_key): the host in its
DNS (ASCII) name without a final dot, %-escapes of UTF-8 read as their characters. A story
kept with bücher.example or …/caf%C3%A9 in its link would otherwise never be found by the
key a post's link now has. Keys of plain ASCII links are unchanged. Frozen copy of the rule."""

from urllib.parse import unquote, urlsplit

import idna

LINK_KEY_LENGTH = 200


def _ascii(host: str) -> str:
    try:
        return host if host.isascii() else idna.encode(host, uts46=True).decode("ascii")
    except UnicodeError:
        return host


def _unescaped(path: str) -> str:
    try:
        return unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:
        return path


def link_key(url: str) -> str:
    try:
        parts = urlsplit(url.strip().rstrip(".,;:!?"))
        host = _ascii((parts.hostname or "").rstrip(".")).lower().removeprefix("www.")
    except ValueError:
        return ""
    return f"{host}{_unescaped(parts.path).rstrip('/')}"


def up(migrator, db):
    p = db.param
    rows = db.execute_sql(
        'SELECT "id", "link", "link_key" FROM "story" WHERE "link" IS NOT NULL'
    ).fetchall()
    for story_id, link, stored in sorted(rows):
        key = link_key(link)[:LINK_KEY_LENGTH] or None
        if key != stored:
            db.execute_sql(f'UPDATE "story" SET "link_key" = {p} WHERE "id" = {p}', [key, story_id])


def down(migrator, db):
    pass  # a key is only for looking stories up: in the older spelling, fewer are found
