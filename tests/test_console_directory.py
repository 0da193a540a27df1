"""The people list and the overview counts equal a brute-force reading of the same rows.

Seeded random people (names with accents and shared parts, teams, roles, every status, shares
inside and outside the 30 days, deleted shares, erased people), then every filter is paged
forwards to the end and backwards to the start and compared with Python's own filtering and
sorting (names as a person sorts them: folding.sort_key, ids breaking ties). COUNT_CAP is
lowered so that both ways of reading a search (the name index for dense matches, a scan and
sort for sparse ones) are exercised.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest

from console_helpers import sign_in
from firsthand import directory
from firsthand.db import backend_name, database
from firsthand.directory import PeopleFilter, people_page, status_counts
from firsthand.folding import fold, sort_key
from firsthand.models import Share, Team, User
from firsthand.people import SETTLING_DAYS, active_since, settled_by
from firsthand.rollup_models import Membership

FIRST = ["Ana", "Ben", "Chloé", "Jürgen", "Zoë", "ana", "Émile", "Li"]
LAST = ["Müller", "Smith", "de Vries", "O'Neil", "Ng", "Müller-Lüdenscheidt", "Da Silva"]


def seed(clock, rng: random.Random, people: int = 120) -> None:
    now = clock()
    teams = [Team.create(name=f"Team {t}", created_at=now) for t in range(3)]
    for i in range(people):
        roll = rng.random()
        user = User.create(
            email=f"p{i}@{rng.choice(['acme.example', 'zeta.example'])}",
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",  # many exact duplicates: ids break ties
            team=rng.choice([*teams, None]),
            role=rng.choice(["employee", "employee", "manager", "admin"]),
            created_at=now - timedelta(days=100),
            # Connected long ago, on either side of the SETTLING_DAYS boundary, or today.
            connected_at=None
            if roll < 0.25
            else now
            - timedelta(days=rng.choice([90, 40, SETTLING_DAYS, SETTLING_DAYS - 0.01, 3, 0])),
            deactivated_at=now - timedelta(days=3) if roll > 0.9 else None,
            erased_at=now - timedelta(days=1) if rng.random() < 0.05 else None,
        )
        for k in range(rng.choice([0, 0, 1, 2])):
            Share.create(
                user=user,
                url=f"https://example.com/{i}/{k}",
                canonical_url=f"https://example.com/{i}/{k}",
                network="linkedin",
                logged_at=now - timedelta(days=rng.choice([1, 10, 29, 31, 45])),
                deleted_at=now if rng.random() < 0.2 else None,
            )


def expected(flt: PeopleFilter, now) -> list[int]:
    since = active_since(now)
    rows = []
    for user in User.select().where(User.erased_at.is_null()):
        live = user.deactivated_at is None
        shares = [
            s.logged_at
            for s in Share.select().where((Share.user == user.id) & Share.deleted_at.is_null())
        ]
        active = live and any(at >= since for at in shares)
        connected = live and user.connected_at is not None
        # Program staff: an admin who never connected a browser nor logged a share (a
        # deleted one too).
        ever_connected = Membership.select().where(
            (Membership.user == user.id) & (Membership.connected == True)  # noqa: E712
        )
        staff = (
            live
            and user.role == "admin"
            and user.connected_at is None
            and not ever_connected.exists()
            and not Share.select().where(Share.user == user.id).exists()
        )
        status_ok = {
            None: True,
            "invited": live and user.connected_at is None and not staff,
            "staff": staff,
            "connected": connected,
            "active": active,
            "new": connected and not active and user.connected_at > settled_by(now),
            "quiet": connected and not active and user.connected_at <= settled_by(now),
            "deactivated": not live,
        }[flt.status]
        q = " ".join(flt.q.split()).casefold()
        if "@" in q and not q.startswith("@"):
            text_ok = user.email.startswith(q)
        else:
            needles = {q, fold(q)}  # names folded (case and accents), emails as typed or folded
            text_ok = not q or fold(q) in fold(user.name) or any(n in user.email for n in needles)
        team_ok = flt.team_id is None or user.team_id == flt.team_id
        role_ok = flt.role is None or user.role == flt.role
        if status_ok and text_ok and team_ok and role_ok:
            rows.append((sort_key(user.name), user.id))
    return [user_id for _, user_id in sorted(rows)]


def all_pages(flt: PeopleFilter, now, limit: int) -> tuple[list[int], list[int], int]:
    """Every id forwards page by page, then backwards from the last page; and the total."""
    forwards, after, first = [], None, None
    while True:
        page = people_page(flt, now, after=after, limit=limit)
        first = first or page
        forwards += [row["user"].id for row in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    backwards, before = [row["user"].id for row in page.rows], page.prev_before
    while before is not None:
        page = people_page(flt, now, before=before, limit=limit)
        backwards = [row["user"].id for row in page.rows] + backwards
        before = page.prev_before
    return forwards, backwards, first.total


@pytest.mark.parametrize("cap", [5, 1000])
def test_every_filter_pages_like_brute_force(app, clock, monkeypatch, cap):
    monkeypatch.setattr(directory, "COUNT_CAP", cap)
    rng = random.Random(11 + cap)
    with app.app_context(), database.connection_context():
        seed(clock, rng)
        now = clock()
        team_ids = [t.id for t in Team.select()]
        filters = [PeopleFilter()]
        filters += [
            PeopleFilter(q=q)
            for q in ["müller", "ana", "  Ana   Mül ", "zzz", "p1@", "@zeta", "ü", "ZOE", "ÉMILE"]
        ]
        statuses = ["invited", "staff", "connected", "active", "new", "quiet"]
        filters += [PeopleFilter(status=s) for s in statuses]
        filters += [PeopleFilter(status="deactivated"), PeopleFilter(role="manager")]
        filters += [PeopleFilter(team_id=team_ids[0], q="a"), PeopleFilter(q="de vries")]
        for flt in filters:
            want = expected(flt, now)
            forwards, backwards, total = all_pages(flt, now, limit=rng.choice([3, 7, 50]))
            assert forwards == want, flt
            assert backwards == want, flt
            assert total == min(len(want), cap), flt


def test_overview_counts_equal_the_people_they_count(app, clock):
    with app.app_context(), database.connection_context():
        seed(clock, random.Random(7), people=150)
        now = clock()
        counts = status_counts(now)
        for status in ["invited", "staff", "connected", "active", "new", "quiet", "deactivated"]:
            assert counts[status] == len(expected(PeopleFilter(status=status), now)), status
        team = Team.select().first()
        in_team = status_counts(now, {team.id})
        for status in ["invited", "staff", "connected", "active", "new", "quiet", "deactivated"]:
            want = expected(PeopleFilter(status=status, team_id=team.id), now)
            assert in_team[status] == len(want), status


NAMES = ["Tom Tailor", "Émilie Roux", "adam Smith", "Zoë Hart", "emilie Roux", "Ana Lima", "Ángel"]


def test_names_are_listed_as_a_person_sorts_them_on_every_page(app, client, clock, make_user):
    """Accents and case folded ("Émilie" before "Tom", not after "Zoë"), ties by id, the same
    across pages and on both back ends (cold trial: names sorted by code point)."""
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    for n, name in enumerate(NAMES):
        make_user(f"p{n}@example.com", name=name)
    want = [
        "Ada Admin",
        "adam Smith",
        "Ana Lima",
        "Ángel",
        "Émilie Roux",  # invited before her namesake: the lower id first
        "emilie Roux",
        "Tom Tailor",
        "Zoë Hart",
    ]
    with app.app_context(), database.connection_context():
        now = clock()
        forwards, backwards, _ = all_pages(PeopleFilter(), now, limit=3)
        assert (
            [User.get_by_id(i).name for i in forwards]
            == want
            == sorted(NAMES + ["Ada Admin"], key=sort_key)
        )
        assert backwards == forwards
        if backend_name() == "postgresql":
            # Compared by code point as SQLite does, whatever the database's locale.
            collation = database.obj.execute_sql(
                "SELECT collation_name FROM information_schema.columns WHERE table_name = 'user'"
                " AND column_name = 'name_folded' AND table_schema = current_schema()"
            ).fetchone()[0]
            assert collation == "C"
    sign_in(client, app, admin, clock)
    listed = re.findall(
        r'<a href="/console/people/\d+">([^<]+)</a>', client.get("/console/people/").text
    )
    assert listed == want
