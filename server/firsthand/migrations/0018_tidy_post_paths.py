"""Stored post links in the path's one spelling (canonical.tidy_path): escapes of unreserved
characters decoded, other escapes upper-cased, dot segments resolved. Before, /a/./b and
/a/b, or %7E and ~, were two posts, so one post could be logged (and earn) twice.

Only links of networks without a post id (LinkedIn and X links are rebuilt from their ids)
that hold a '%' or a '/.' are read. A row whose new spelling another row already holds, where
the unique indexes would refuse it (the same person's, or two live shares), keeps its old
one: it still answers a retry in that spelling, and no share is merged or lost. The rules
are copied here, frozen: a migration must give the same result whatever canonical.py
becomes."""

import re

UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


def _escape(found: re.Match) -> str:
    character = chr(int(found[1], 16))
    return character if character in UNRESERVED else "%" + found[1].upper()


def _path(path: str) -> str:
    segments, kept = PERCENT.sub(_escape, path).split("/"), []
    for index, segment in enumerate(segments):
        if segment in (".", ".."):
            if segment == ".." and len(kept) > 1:
                kept.pop()
            if index == len(segments) - 1:
                kept.append("")
            continue
        kept.append(segment)
    return "/".join(kept).rstrip("/") or "/"


def tidy(canonical: str) -> str:
    """A stored canonical link (https://host[:port]/path[?query]) with its path tidied."""
    rest = canonical.removeprefix("https://")
    netloc, slash, tail = rest.partition("/")
    path, mark, query = (slash + tail).partition("?")
    return f"https://{netloc}{_path(path or '/')}{mark}{query}"


def up(migrator, db):
    p = db.param
    rows = db.execute_sql(
        'SELECT "id", "user_id", "canonical_url", "deleted_at" IS NULL FROM "share" '
        "WHERE \"network\" NOT IN ('linkedin', 'x') "
        f'AND ("canonical_url" LIKE {p} ESCAPE \'!\' OR "canonical_url" LIKE {p})',
        ["%!%%", "%/.%"],
    ).fetchall()
    for share_id, user_id, canonical, live in rows:
        tidied = tidy(canonical)
        if tidied == canonical:
            continue
        taken = db.execute_sql(
            f'SELECT 1 FROM "share" WHERE "canonical_url" = {p} AND ("user_id" = {p} '
            f'OR ("deleted_at" IS NULL AND {p}))',
            [tidied, user_id, bool(live)],
        ).fetchone()
        if taken is None:
            db.execute_sql(
                f'UPDATE "share" SET "canonical_url" = {p} WHERE "id" = {p}', [tidied, share_id]
            )


def down(migrator, db):
    pass  # the tidied links are valid in the older spelling rules too; the old one is not kept
