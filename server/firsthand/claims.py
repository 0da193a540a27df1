"""Who already holds a post: the caller's own share of it (live or deleted) or a colleague's
live one, found by its canonical URL and, for a LinkedIn post, by its other id.

A LinkedIn post has an activity id and a share or ugcPost id (canonical.sibling_ranges):
the extension logs the first, a pasted /posts/…-ugcPost-N-… link names the second. The
unique indexes on share.canonical_url cannot see that they are one post, so the look-up
asks for both, and answers the caller's own sibling share as it answers the post's own URL.
A colleague's share is never a sibling: ids date a post LinkedIn-wide, not per author.
"""

from __future__ import annotations

from functools import cache

from .canonical import are_siblings, sibling_ranges
from .errors import ApiError
from .models import Share, User
from .statements import get_all, get_one

Ranges = tuple[tuple[str, str], ...]


def existing_share(user: User, canonical: str, key: str | None) -> Share | None:
    """The caller's share this log repeats (same Idempotency-Key, the same post, or its
    LinkedIn sibling), or None; raises the 409 or 422 that refuses the log."""
    # Both look-ups run on every log: statements written once (statements.py).
    if key:
        keyed = get_one(Share, '"user_id" = {p} AND "idempotency_key" = {p}', user.id, key)
        # The same key with the post's other id (a client that re-copied the link): a retry.
        if (
            keyed
            and keyed.canonical_url != canonical
            and not are_siblings(canonical, keyed.canonical_url)
        ):
            raise ApiError(
                422,
                "This Idempotency-Key was already used for a different post: "
                "use a new key for each share.",
                code="idempotency_key_reused",
            )
        if keyed and keyed.deleted_at is None:
            return keyed
    # A retry of a share deleted since meets the same refusal as a new log of its post.
    # The caller's own share of the post (live or deleted) and anyone's live one: at most
    # two rows, one index (share_canonical_url_user_id); a deleted share claims nothing.
    # A LinkedIn post's siblings in the same statement: index ranges of that index.
    ranges = sibling_ranges(canonical)
    found = get_all(Share, _lookup_where(len(ranges)), canonical, *_bounds(ranges), user.id)
    exact = [share for share in found if share.canonical_url == canonical]
    # Its other id only when nobody holds the post's own URL (the unique indexes' answer), and
    # only among the caller's own shares: ids date a post LinkedIn-wide, not per author, so a
    # colleague's post published in the same second (a campaign scheduled for 09:00) is theirs.
    siblings = [
        s for s in found if s.user_id == user.id and are_siblings(canonical, s.canonical_url)
    ]
    return settle(user, exact or siblings)


def settle(user: User, claims: list[Share]) -> Share | None:
    """The answer to a log of a post these shares hold: the caller's own live share (a
    retry), or the 409 of their deleted one, or of a colleague's live one."""
    own = [share for share in claims if share.user_id == user.id]
    # Two of one's own only from before siblings were looked for: the live one, the first.
    own.sort(key=lambda share: (share.deleted_at is not None, share.id))
    if own and own[0].deleted_at is not None:
        # Deleting is for mistakes; logging the post again would farm its points twice.
        raise ApiError(
            409,
            "You deleted the share of this post, so it cannot be logged again.",
            code="share_deleted",
        )
    if not own and claims:
        raise ApiError(
            409,
            "This post was already logged by another employee. Log the link of your own post "
            "or re-share; if this post is yours, ask them to delete their share of it first.",
            code="already_claimed",
        )
    return own[0] if own else None


# Whose share holds a post: the caller's, or anyone's live one. With ranges, as a CASE, which
# no planner takes for an index condition: given `"user_id" = ? OR "deleted_at" IS NULL`,
# SQLite (without statistics) walks the caller's shares and every live share instead of the
# canonical_url ranges.
CLAIMANT = '("user_id" = {p} OR "deleted_at" IS NULL)'
CLAIMANT_OPAQUE = 'CASE WHEN "deleted_at" IS NULL THEN 1 WHEN "user_id" = {p} THEN 1 ELSE 0 END = 1'


@cache
def _lookup_where(ranges: int) -> str:
    if not ranges:  # any other post: its URL, two index look-ups
        return f'"canonical_url" = {{p}} AND {CLAIMANT}'
    # Equal length with the bounds: one digit count, so string order is number order.
    spans = ' OR ("canonical_url" BETWEEN {p} AND {p} AND length("canonical_url") = {p})'
    return f'("canonical_url" = {{p}}{spans * ranges}) AND {CLAIMANT_OPAQUE}'


def _bounds(ranges: Ranges) -> tuple:
    return tuple(value for low, high in ranges for value in (low, high, len(low)))


def own_column(ranges: int, user: str, param: str) -> str:
    """A scalar subquery for the statement that reads the caller's counters once their row
    is locked: the id of a share of the caller's (live or deleted) that may hold this log
    already, by the post's URL, by its Idempotency-Key or by its LinkedIn sibling id, NULL if
    none (nearly always: check_share looked before the lock).

    The same share sent twice at once (a double click, a retry after the extension's timeout)
    passes the look-up twice before either commits; siblings have no unique index at all.
    Asked again after the lock, the caller's own racing log has committed (it held the lock):
    held_by_self answers it as a retry, before the repeat check could take it for an earlier
    post of the same words. `user` is the SQL naming the caller's id; its parameters are
    own_params'."""
    return _own_column(ranges, user, param)


@cache
def _own_column(ranges: int, user: str, param: str) -> str:
    # One index look-up each (share_canonical_url_user_id, share_user_id_idempotency_key).
    looks = [
        f'(SELECT s.id FROM "share" s WHERE s.canonical_url = {param} AND s.user_id = {user})',
        f'(SELECT s.id FROM "share" s WHERE s.user_id = {user} AND s.idempotency_key = {param})',
    ]
    if ranges:
        span = (
            f"(s.canonical_url BETWEEN {param} AND {param} AND length(s.canonical_url) = {param})"
        )
        spans = " OR ".join([span] * ranges)
        looks.append(
            f'(SELECT s.id FROM "share" s WHERE ({spans}) AND s.user_id = {user} '
            "ORDER BY CASE WHEN s.deleted_at IS NULL THEN 0 ELSE 1 END, s.id LIMIT 1)"
        )
    return f", COALESCE({', '.join(looks)})"


def own_params(canonical: str, key: str | None, ranges: Ranges) -> tuple[tuple, int]:
    """own_column's parameters, and how many sibling ranges it looks in."""
    return (canonical, key, *_bounds(ranges)), len(ranges)


def held_by_self(user: User, canonical: str, key: str | None, share_id: int | None) -> Share | None:
    """When own_column found a share: the caller's share this log repeats, looked up again as
    check_share does (a retry), or None (another post after all); raises what refuses it."""
    return None if share_id is None else existing_share(user, canonical, key)
