"""The people list: search and filters with keyset pagination by (folded name, id).

Names are in the order a person expects (folding.sort_key: "Émilie" beside "emilie", before
"Tom"), read from their folded copy, which both back ends compare by code point (migration
0026). A page is one indexed range read of `user` (name_folded, id), whatever page it is, so
it stays fast at 100,000 people; each row's last share is an index probe of share (user,
logged_at).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import idna
from peewee import SQL, Case, Tuple, fn

from .folding import fold
from .models import Share, Team, User, UserStats
from .people import STATUSES, active_since, settled_by, status_of
from .staff import is_staff

PAGE_SIZE = 50
NAME_AND_ID = (str, int)  # a page cursor: the (folded name, id) of the row it starts after
NO_TEAM = -1
COUNT_CAP = 1000  # the list counts matches up to here ("more than 1,000" past it)
# Past every character in both back ends' order: SQLite compares UTF-8 bytes, where an emoji
# (4 bytes, F0…) sorts after U+FFFF (EF BF BF), so [prefix, prefix + U+FFFF) missed
# max@🍕.example when "max@" was typed.
LAST_CHARACTER = "\U0010ffff"
DNS_LABEL = re.compile(r"xn--[a-z0-9-]+", re.A)


@dataclass
class PeopleFilter:
    q: str = ""
    team_id: int | None = None  # NO_TEAM for people without a team
    role: str | None = None
    status: str | None = None
    scope_team_ids: set[int] | None = None  # a manager's teams; None for everyone


@dataclass
class PeoplePage:
    rows: list[dict] = field(default_factory=list)
    next_after: tuple[str, int] | None = None
    prev_before: tuple[str, int] | None = None
    total: int = 0
    more_than_total: bool = False  # there are more than `total` matches


def _shared_since(since: datetime):
    return fn.EXISTS(
        Share.select(Share.id).where(
            (Share.user == User.id) & (Share.logged_at >= since) & Share.deleted_at.is_null()
        )
    )


def filtered(flt: PeopleFilter, now: datetime):
    """People (not deleted) matching the filter, as a query to order and page."""
    query = User.select().where(User.erased_at.is_null())
    if flt.scope_team_ids is not None:
        query = query.where(User.team.in_(sorted(flt.scope_team_ids) or [0]))
    if flt.team_id == NO_TEAM:
        query = query.where(User.team.is_null())
    elif flt.team_id is not None:
        query = query.where(User.team == flt.team_id)
    if flt.role:
        query = query.where(User.role == flt.role)
    q = _unicode_labels(" ".join(flt.q.split())[:100])
    if q:
        if "@" in q and not q.startswith("@"):
            prefix = q.lower()
            # An index range on the (lower-case) emails; LIKE alone would scan them all.
            by_email = (User.email >= prefix) & (User.email < prefix + LAST_CHARACTER)
            query = query.where(by_email & User.email.startswith(prefix))
        else:
            # Names through their folded copy (case and accents ignored in any script);
            # emails (stored in lower case) as typed, and folded ("Chloé" finds chloe@…).
            needle = fold(q)
            match = User.name_folded.contains(needle) | User.email.contains(q.lower())
            if needle != q.lower():
                match |= User.email.contains(needle)
            query = query.where(match)
    active = _shared_since(active_since(now))
    live = User.deactivated_at.is_null()
    settled = settled_by(now)  # connected later: new, not yet quiet (people.SETTLING_DAYS)
    conditions = {
        "invited": live & User.connected_at.is_null() & ~is_staff(),
        "staff": is_staff(),
        "connected": live & User.connected_at.is_null(False),
        "active": live & active,
        "new": live & (User.connected_at > settled) & ~active,
        "quiet": live & (User.connected_at <= settled) & ~active,
        "deactivated": User.deactivated_at.is_null(False),
    }
    if flt.status in conditions:
        query = query.where(conditions[flt.status])
    return query


def _unicode_labels(q: str) -> str:
    """The search with each whole xn--… label in its Unicode name, as addresses are stored
    (addresses.unicode_domain, migration 0030): "ann@xn--bcher-kva" finds ann@bücher.example.
    A label still being typed, or no IDNA label, stays as typed."""
    return DNS_LABEL.sub(_decoded, q.lower()) if "xn--" in q.lower() else q


def _decoded(label: re.Match) -> str:
    try:
        return idna.decode(label[0])
    except (UnicodeError, ValueError):  # idna.IDNAError is a UnicodeError
        return label[0]


def people_page(
    flt: PeopleFilter,
    now: datetime,
    *,
    after: tuple[str, int] | None = None,
    before: tuple[str, int] | None = None,
    limit: int = PAGE_SIZE,
) -> PeoplePage:
    """One page of people in name order, after or before a (folded name, id) cursor."""
    base = filtered(flt, now)
    if flt.q.strip():
        # Walking the (name_folded, id) index pays a row lookup per person it passes: cheap when
        # matches are dense, but a search few people match would visit all 100,000. One
        # scan finds the matches (up to the cap); when there are that few, the page is read
        # from their ids alone, sorted by the database as the index path would be.
        hits = [user_id for (user_id,) in base.select(User.id).limit(COUNT_CAP + 1).tuples()]
        matched = len(hits)
        if matched <= COUNT_CAP:
            base = User.select().where(User.id.in_(hits or [0]))
    else:
        matched = base.select(User.id).limit(COUNT_CAP + 1).count()  # stops at the cap
    key = Tuple(User.name_folded, User.id)
    query = base
    if after:
        query = query.where(key > Tuple(*after))
    elif before:
        query = query.where(key < Tuple(*before))
    descending = before is not None and after is None
    order = (User.name_folded.desc(), User.id.desc()) if descending else (User.name_folded, User.id)
    ids = [u.id for u in query.select(User.id).order_by(*order).limit(limit + 1)]
    more = len(ids) > limit
    ids = ids[:limit]
    people = _rows(ids, now)
    if descending:
        people.reverse()
    page = PeoplePage(
        rows=people, total=min(matched, COUNT_CAP), more_than_total=matched > COUNT_CAP
    )
    if people:
        first, last = people[0]["user"], people[-1]["user"]
        has_next = more if not descending else True
        has_prev = (after is not None) or (descending and more)
        page.next_after = (last.name_folded, last.id) if has_next else None
        page.prev_before = (first.name_folded, first.id) if has_prev else None
    return page


def _rows(ids: list[int], now: datetime) -> list[dict]:
    """The page's people with their team, points and last share: four indexed reads."""
    if not ids:
        return []
    users = {u.id: u for u in User.select().where(User.id.in_(ids))}
    staff = {u.id for u in User.select(User.id).where(User.id.in_(ids) & is_staff())}
    team_ids = {u.team_id for u in users.values() if u.team_id}
    teams = {t.id: t.name for t in Team.select().where(Team.id.in_(list(team_ids) or [0]))}
    points = dict(
        UserStats.select(UserStats.user, UserStats.points).where(UserStats.user.in_(ids)).tuples()
    )
    last_shares = dict(
        Share.select(Share.user, fn.MAX(Share.logged_at))
        .where(Share.user.in_(ids) & Share.deleted_at.is_null())
        .group_by(Share.user)
        .tuples()
    )
    rows = []
    for user_id in ids:
        user = users.get(user_id)
        if user is None:
            continue
        # MAX() comes back as the column stores it (SQLite: text): read it as the field does.
        last = Share.logged_at.python_value(last_shares.get(user_id))
        rows.append(
            {
                "user": user,
                "team": teams.get(user.team_id),
                "points": points.get(user_id, 0),
                "last_shared_at": last,
                "status": status_of(user, last, now, staff=user_id in staff),
            }
        )
    return rows


def status_counts(now: datetime, scope_team_ids: set[int] | None = None) -> dict[str, int]:
    """How many people are in each status: one pass over people (sums, no grouping), the
    staff (a probe of the admins), and the distinct sharers of the last 30 days from the
    shares' date index, joined to people. A connected person who did not share is "new"
    while connected for less than people.SETTLING_DAYS, "quiet" after."""
    people = User.select().where(User.erased_at.is_null())
    if scope_team_ids is not None:
        people = people.where(User.team.in_(sorted(scope_team_ids) or [0]))
    live = User.deactivated_at.is_null()

    def tally(condition):
        return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)

    settled = settled_by(now)  # connected later: new, not quiet (people.SETTLING_DAYS)
    total, deactivated, not_connected, recent = people.select(
        fn.COUNT(User.id),
        tally(~live),
        tally(live & User.connected_at.is_null()),
        tally(live & (User.connected_at > settled)),
    ).tuples()[0]
    counts = dict.fromkeys(STATUSES, 0)
    counts["deactivated"] = deactivated
    counts["staff"] = people.where(is_staff()).count()
    counts["invited"] = not_connected - counts["staff"]
    counts["connected"] = total - deactivated - not_connected
    counts["new"] = recent
    sharers = (
        Share.select(Share.user.alias("sharer"))
        .where((Share.logged_at >= active_since(now)) & Share.deleted_at.is_null())
        .distinct()
    )
    # 0: never connected, 1: connected long enough to be quiet, 2: connected recently.
    kind = Case(None, [(User.connected_at.is_null(), 0), (User.connected_at <= settled, 1)], 2)
    sharing = (
        people.select(kind, fn.COUNT(User.id))
        .join(sharers, on=(sharers.c.sharer == User.id))
        .where(live)
        .group_by(SQL("1"))
        .tuples()
    )
    for connected, count in sharing:
        counts["active"] += count
        counts["new"] -= count if connected == 2 else 0
        counts["quiet"] -= count if connected else 0
    counts["quiet"] += counts["connected"] - counts["new"]
    return counts
