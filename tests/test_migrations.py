"""Schema upgrades keep data: a database at 0002 with shares and badges, upgraded to now."""

import threading
from pathlib import Path

import pytest
from playhouse.migrations import Runner

from firsthand.db import MIGRATIONS_DIR, database, migrate, open_database
from firsthand.models import PeriodStats, PointsEntry, RankHistogram, Team, User, UserBadge
from helpers import histogram_matches_period_totals


def test_upgrade_from_0002_keeps_and_carries_over_data(tmp_path, monkeypatch):
    db = open_database(f"sqlite:///{tmp_path / 'old.db'}")
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0002_share_sketch")
        run = db.execute_sql
        run(
            "INSERT INTO user (email, name, team, role, token_generation, created_at) "
            "VALUES ('a@x.io', 'A', 'Ops', 'employee', 0, '2026-11-02 10:00:00')"
        )
        run(
            "INSERT INTO user_stats (user_id, points, shares, personal_shares, original_shares,"
            " networks, streak_weeks, longest_streak_weeks, scored_today) "
            "VALUES (1, 30, 1, 0, 0, 'linkedin', 1, 1, 1)"
        )
        run(
            "INSERT INTO share (user_id, url, canonical_url, network, logged_at, points) "
            "VALUES (1, 'u', 'c', 'linkedin', '2026-11-03 09:00:00', 30)"
        )
        run(
            "INSERT INTO points_entry (user_id, share_id, rule, points, created_at) VALUES "
            "(1, 1, 'share_logged', 10, '2026-11-03 09:00:00'),"
            "(1, 1, 'first_share', 20, '2026-11-03 09:00:00')"
        )
        run(
            "INSERT INTO user_badge (user_id, badge_id, share_id, earned_at) "
            "VALUES (1, 'first-share', 1, '2026-11-03 09:00:00')"
        )
    database.initialize(db)
    assert migrate()[:2] == ["0003_recognition", "0004_console"]  # and any later ones
    with db.connection_context():
        badge = UserBadge.get()
        assert len(badge.uid) == 32 and len(badge.salt) == 32
        assert badge.by_rescore is False  # earned, not a rescore's (0041)
        assert {e.effective_at.isoformat() for e in PointsEntry.select()} == {
            "2026-11-03T09:00:00+00:00"  # stored as naive UTC text, read back aware
        }
        totals = {
            row.period: (row.points, row.shares, row.team.name) for row in PeriodStats.select()
        }
        assert totals == {
            "week:2026-W45": (30, 1, "Ops"),
            "month:2026-11": (30, 1, "Ops"),
            "all": (30, 1, "Ops"),
        }
    assert migrate() == []  # idempotent


def test_upgrade_to_0004_turns_team_names_into_teams(db_url):
    """Free-text teams become rows (one per name, ignoring case and spacing), people and
    their period totals point at them, and people who shared count as connected."""
    db = open_database(db_url)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0003_recognition")
        run = db.execute_sql
        for n, team in enumerate(["Sales", "sales ", "Sales", "  Eng", None], start=1):
            run(
                'INSERT INTO "user" (email, name, team, role, token_generation, created_at, '
                "leaderboard_opt_out) VALUES (%s, %s, %s, 'employee', 0, '2026-11-02 10:00:00',"
                " %s)".replace("%s", db.param),
                (f"p{n}@x.io", f"P{n}", team, False),
            )
        run(
            "INSERT INTO share (user_id, url, canonical_url, network, logged_at, points) "
            "VALUES (1, 'u', 'c', 'linkedin', '2026-11-03 09:00:00', 30)"
        )
        run(
            "INSERT INTO period_stats (user_id, period, team, hidden, points, shares, "
            "personal_shares) VALUES (1, 'all', 'Sales', %s, 30, 1, 0)".replace("%s", db.param),
            (False,),
        )
    database.initialize(db)
    assert migrate()[:1] == ["0004_console"]  # and any later ones
    with db.connection_context():
        assert sorted(t.name for t in Team.select()) == ["Eng", "Sales"]
        people = {u.email: u for u in User.select().order_by(User.id)}
        assert [people[f"p{n}@x.io"].team_name for n in range(1, 6)] == [
            "Sales",
            "Sales",
            "Sales",
            "Eng",
            None,
        ]
        assert PeriodStats.get().team.name == "Sales"
        assert people["p1@x.io"].connected_at.isoformat() == "2026-11-03T09:00:00+00:00"
        assert people["p2@x.io"].connected_at is None
        histogram_matches_period_totals()  # 0006 counted the totals already there
        assert RankHistogram.select().count() == 2  # company and Sales, 30 points
    assert migrate() == []


def test_upgrade_to_0008_adds_reach_tables_and_keeps_counters(db_url):
    """Issue 15's tables arrive empty beside existing data; impact counters start at 0."""
    from firsthand.models import UserStats
    from firsthand.reach_models import REACH_MODELS

    db = open_database(db_url)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0004_console")
        db.execute_sql(
            'INSERT INTO "user" (email, name, role, token_generation, created_at, '
            "leaderboard_opt_out) VALUES ('a@x.io', 'A', 'employee', 0, "
            "'2026-11-02 10:00:00', %s)".replace("%s", db.param),
            (False,),
        )
        db.execute_sql(
            "INSERT INTO user_stats (user_id, points, shares, personal_shares, original_shares,"
            " networks, streak_weeks, longest_streak_weeks, scored_today, kudos_received,"
            " leadership_kudos) VALUES (1, 30, 1, 0, 0, 'linkedin', 1, 1, 1, 0, 0)"
        )
    database.initialize(db)
    assert "0008_impact" in migrate()
    with db.connection_context():
        stats = UserStats.get()
        assert (stats.points, stats.best_post_comments, stats.best_post_reactions) == (30, 0, 0)
        for model in REACH_MODELS:
            assert model.select().count() == 0
    assert migrate() == []


def test_upgrade_to_0015_releases_the_posts_of_deleted_shares(db_url):
    """A deleted share claims its post no more (a colleague may log it); its deleter's row
    still stands in the way of their own second one, and two live shares of a post cannot be."""
    from datetime import UTC, datetime

    from peewee import IntegrityError

    from firsthand.models import Share

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 11, 18, 9, tzinfo=UTC)
    post = "https://x.com/i/web/status/20"

    def person_at_0014(name: str) -> int:
        """A row as 0014's table has it (today's model writes columns later migrations add)."""
        p = db.param
        db.execute_sql(
            'INSERT INTO "user" ("email", "name", "role", "token_generation", "created_at", '
            f'"leaderboard_opt_out", "invites_used") VALUES ({p}, {p}, {p}, 0, {p}, {p}, 0)',
            [f"{name}@x.io", name, "employee", User.created_at.db_value(now), False],
        )
        return User.select(User.id).where(User.email == f"{name}@x.io").scalar()

    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0014_click_journal")
        bob, chloe, dan = (person_at_0014(n) for n in ("bob", "chloe", "dan"))
        row = {"canonical_url": post, "url": post, "network": "x", "logged_at": now}
        Share.create(user=bob, deleted_at=now, **row)
        with pytest.raises(IntegrityError), db.atomic():
            Share.create(user=chloe, **row)  # 0014: the deleted share still claims the post
    assert "0015_live_claims" in migrate()
    with db.connection_context():
        Share.create(user=chloe, **row)
        for person in (bob, dan):  # the deleter again; a second live share
            with pytest.raises(IntegrityError), db.atomic():
                Share.create(user=person, **row)
        assert Share.select().where(Share.canonical_url == post).count() == 2
        # Undoing it would need one row per post again: refused, saying why, nothing lost.
        with pytest.raises(RuntimeError, match="logged by a colleague after a deleted share"):
            Runner(db, MIGRATIONS_DIR).down("0015_live_claims")
        assert Share.select().where(Share.canonical_url == post).count() == 2
    migrate()  # what the refused undo left applied or not, up to date again
    assert migrate() == []


def test_upgrade_to_0018_tidies_stored_post_paths(db_url):
    """Links stored in another spelling take the path's one spelling, so a later log of the
    same post in either spelling finds its share; a row whose tidied link another row already
    holds keeps its own (no share merged, no unique index broken)."""
    from datetime import UTC, datetime

    from firsthand.canonical import canonical_url
    from firsthand.models import Share

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0017_reach_counts_bigint")
        ann, ben = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "ben")
        )

        def stored(user: int, link: str, network: str = "other", deleted: bool = False) -> int:
            row = {"url": link, "canonical_url": link, "network": network, "logged_at": now}
            return Share.create(user=user, deleted_at=now if deleted else None, **row).id

        plain = stored(ann, "https://example.com/%7Eann/a/./post%2f1?q=a+b")
        upper = stored(ann, "https://www.facebook.com/x/../%61b", network="facebook")
        kept_mine = stored(ben, "https://example.com/ben/post")
        clash_mine = stored(ben, "https://example.com/ben/./post", deleted=True)
        live = stored(ann, "https://example.com/team/post")
        clash_live = stored(ben, "https://example.com/team/%70ost")
        freed = stored(ann, "https://example.com/gone/post", deleted=True)
        now_live = stored(ben, "https://example.com/gone/%70ost")
        untouched = stored(ann, "https://x.com/i/web/status/1850000000000000000", network="x")
    assert migrate()[:1] == ["0018_tidy_post_paths"]
    with db.connection_context():
        links = {s.id: s.canonical_url for s in Share.select()}
    assert links[plain] == "https://example.com/~ann/a/post%2F1?q=a+b"
    assert links[plain] == canonical_url("https://example.com/%7eann/a/./post%2f1?q=a%20b", "other")
    assert links[upper] == "https://www.facebook.com/ab"
    assert links[kept_mine] == "https://example.com/ben/post"
    assert links[clash_mine] == "https://example.com/ben/./post"  # ben's own row holds it
    assert (links[live], links[clash_live]) == (
        "https://example.com/team/post",
        "https://example.com/team/%70ost",  # two live shares of one post cannot be
    )
    assert links[now_live] == "https://example.com/gone/post"  # ann's row was deleted
    assert links[freed] == "https://example.com/gone/post"
    assert links[untouched] == "https://x.com/i/web/status/1850000000000000000"
    assert migrate() == []


def test_upgrade_to_0039_escapes_a_stray_percent_in_stored_post_paths(db_url):
    """A '%' escaping nothing was kept bare in a path (…/50%) though a query wrote it %25:
    stored links take the one spelling, so a later log of the same link finds its share."""
    from datetime import UTC, datetime

    from firsthand.canonical import canonical_url
    from firsthand.models import Share

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0038_share_sketch_user_hash_index")
        ann, ben = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "ben")
        )

        def stored(user: int, link: str, network: str = "other", deleted: bool = False) -> int:
            row = {"url": link, "canonical_url": link, "network": network, "logged_at": now}
            return Share.create(user=user, deleted_at=now if deleted else None, **row).id

        stray = stored(ann, "https://example.com/sale/50%/a%zz?q=%25#/p/7%")
        fine = stored(ann, "https://example.com/100%25?q=a+b")
        live = stored(ann, "https://example.com/team/5%25")
        clash_live = stored(ben, "https://example.com/team/5%")
        long = stored(ann, "https://example.com/" + "%" * 200 + "a" * 100)
    assert migrate()[:1] == ["0039_stray_percent_in_post_paths"]
    with db.connection_context():
        links = {s.id: s.canonical_url for s in Share.select()}
    assert links[stray] == "https://example.com/sale/50%25/a%25zz?q=%25#/p/7%25"
    assert links[stray] == canonical_url("https://example.com/sale/50%/a%zz/?q=%#/p/7%", "other")
    assert links[fine] == "https://example.com/100%25?q=a+b"
    assert (links[live], links[clash_live]) == (
        "https://example.com/team/5%25",
        "https://example.com/team/5%",  # two live shares of one post cannot be
    )
    assert links[long].endswith("%" * 200 + "a" * 100)  # too long respelt: kept
    assert migrate() == []


def test_upgrade_to_0019_gives_stored_stories_their_link_key(db_url):
    """Stories posted before 0019 are found by their link after it, as before."""
    db = open_database(db_url)
    database.initialize(db)
    p = db.param
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0018_tidy_post_paths")
        for link in ("https://www.Acme.example/news/atlas/", None):
            db.execute_sql(
                'INSERT INTO "story" ("title", "context", "link", "everyone", "starts_at", '
                f'"questions", "created_at", "updated_at") VALUES ({p}, {p}, {p}, {p}, {p}, '
                f"{p}, {p}, {p})",
                ["t", "c", link, True, "2026-12-01", "[]", "2026-12-01", "2026-12-01"],
            )
    assert migrate()[:1] == ["0019_story_link_key"]
    with db.connection_context():
        keys = [r[0] for r in db.execute_sql('SELECT "link_key" FROM "story" ORDER BY "id"')]
        assert keys == ["acme.example/news/atlas", None]
        Runner(db, MIGRATIONS_DIR).down("0019_story_link_key")
    assert migrate()[:1] == ["0019_story_link_key"]


def test_upgrade_to_0020_gives_stored_addresses_their_one_spelling(db_url):
    """A look-alike address stored before 0020 takes its one spelling, unless another
    account already holds that spelling (two people are never merged)."""
    from datetime import UTC, datetime

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0019_story_link_key")
        ids = {
            email: User.create(email=email, name="x", role="employee", created_at=now).id
            for email in ("ｂｅｎ@x.io", "ann@x.io", "ａｎｎ@x.io", "zoe\u0308@x.io")
        }
    assert migrate()[:1] == ["0020_email_one_spelling"]
    with db.connection_context():
        stored = {u.id: u.email for u in User.select()}
    assert stored[ids["ｂｅｎ@x.io"]] == "ben@x.io"
    assert stored[ids["ann@x.io"]] == "ann@x.io"
    assert stored[ids["ａｎｎ@x.io"]] == "ａｎｎ@x.io"  # ann@x.io is another account's
    assert stored[ids["zoe\u0308@x.io"]] == "zo\u00eb@x.io"
    assert migrate() == []


def test_upgrade_to_0023_adds_doubled_reach_rollups_together(db_url):
    """Rows two first readings made for one key (PostgreSQL) become one, summed, and the
    key is unique from then on, "no team" included."""
    db = open_database(db_url)
    database.initialize(db)
    p = db.param
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0022_connect_retry")
        team = db.execute_sql(
            f'INSERT INTO "team" ("name", "created_at") VALUES ({p}, {p}) RETURNING "id"',
            ["Ops", "2026-11-01 09:00:00"],
        )
        ops = team.fetchone()[0]
        rows = [(None, 1, 3), (None, 1, 4), (ops, 2, 5), (ops, 1, 6), (ops, 1, 0)]
        for n, (team_id, shares, comments) in enumerate(rows):
            voice = "corporate" if n == 4 else "personal"
            db.execute_sql(
                'INSERT INTO "reach_rollup" ("month", "team_id", "network", "voice", "shares",'
                ' "reactions", "comments", "reposts", "impressions") VALUES '
                f"({p}, {p}, {p}, {p}, {p}, 0, {p}, 0, 0)",
                ["2026-11", team_id, "linkedin", voice, shares, comments],
            )
    assert migrate()[:1] == ["0023_reach_rollup_key"]
    with db.connection_context():
        kept = db.execute_sql(
            'SELECT "team_id", "voice", "shares", "comments" FROM "reach_rollup" ORDER BY "id"'
        ).fetchall()
        assert [tuple(r) for r in kept] == [
            (None, "personal", 2, 7),
            (ops, "personal", 3, 11),
            (ops, "corporate", 1, 0),
        ]
        with pytest.raises(Exception, match="(?i)unique"), db.atomic():
            db.execute_sql(
                'INSERT INTO "reach_rollup" ("month", "team_id", "network", "voice", "shares",'
                ' "reactions", "comments", "reposts", "impressions") VALUES '
                f"({p}, NULL, {p}, {p}, 0, 0, 0, 0, 0)",
                ["2026-11", "linkedin", "personal"],
            )
        Runner(db, MIGRATIONS_DIR).down("0023_reach_rollup_key")
    assert migrate()[:1] == ["0023_reach_rollup_key"]  # and any later ones, undone with it


def test_upgrade_to_0028_tidies_names_stored_with_control_characters(db_url):
    """Names stored before input cleaning kept ESC, BEL, C1 controls and direction overrides;
    0028 tidies them as tidy_line does now (and their folded copy), leaving a name with
    nothing else in it as it was, and a team whose tidied name another team holds."""
    from datetime import UTC, datetime

    from firsthand.folding import fold
    from firsthand.input_guard import tidy_line

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 11, 1, 9, tzinfo=UTC)
    names = {
        "\x1b[31mAnn\x1b[0m Lee\x07": "[31mAnn[0m Lee",  # the ESC goes, what it coloured stays
        "Bob\u0085\u009b Stone\x7f": "Bob Stone",  # NEL is a line break: a space
        "\u202eevoN": "evoN",
        "Zoë  😀\u200d🚀 سارا": "Zoë 😀\u200d🚀 سارا",  # spacing collapsed; joiner, script kept
        "\x1b\x07": "\x1b\x07",  # nothing else in it: kept rather than nameless
    }
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0027_token_signed_at")
        for n, name in enumerate(names):
            User.create(email=f"p{n}@x.io", name=name, role="employee", created_at=now)
        for team in ("Sales\x1b", "Eng", "Eng\x07", "Ops"):
            Team.create(name=team, created_at=now)
    assert migrate()[:1] == ["0028_tidy_names"]
    with db.connection_context():
        stored = dict(db.execute_sql('SELECT "name", "name_folded" FROM "user" ORDER BY "id"'))
        teams = [r[0] for r in db.execute_sql('SELECT "name" FROM "team" ORDER BY "id"')]
    assert list(stored) == list(names.values())
    assert all(stored[name] == fold(name) for name in stored)  # the search finds them
    assert all(tidy_line(name) == name for name in list(stored)[:4])  # as input cleaning
    assert teams == ["Sales", "Eng", "Eng\x07", "Ops"]  # "Eng" is another team's
    assert migrate() == []


def test_upgrade_to_0036_sketches_recent_shares_by_their_prose(db_url):
    """A share's sketch was of its raw text, a draft's of its prose (no links or hashtags): the
    same post pasted with them was no copy. 0036 re-sketches the recent shares with a text."""
    from datetime import UTC, datetime, timedelta

    from firsthand.analysis.fingerprint import sketch
    from firsthand.clones import share_sketch
    from firsthand.models import Share, ShareSketch

    db = open_database(db_url)
    database.initialize(db)
    now = datetime.now(UTC)
    post = (
        "Our new warehouse app is live: counting stock now takes half the time it used to, "
        "and the night shift goes home on time. https://example.com/app?utm_source=linkedin "
        "#logistics #warehouse #launch #supplychain #proud #team #ops #retail #tech #news"
    )
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0035_deleted_share_text")
        user = User.create(email="ann@x.io", name="Ann", role="employee", created_at=now)
        shares = {}
        disguised = "We\u00adshipped the new app: counting stock takes half the time it did."
        cases = (("recent", post, 1), ("old", post, 90), ("plain", "x " * 9, 1))
        for key, text, age in (*cases, ("hyphens", disguised, 2)):
            at = now - timedelta(days=age)
            share = Share.create(
                user=user, url=f"https://example.com/{key}", canonical_url=f"https://example.com/{key}",
                network="other", text=text, logged_at=at,
            )  # fmt: skip
            for value in sketch(text):
                ShareSketch.create(share=share, user=user, hash=value, logged_at=at)
            shares[key] = share.id
    assert sketch(post) != share_sketch(post)
    assert migrate()[:1] == ["0036_share_sketch_of_prose"]

    def stored(key: str) -> list[int]:
        rows = ShareSketch.select(ShareSketch.hash).where(ShareSketch.share == shares[key])
        return sorted(row.hash for row in rows)

    with db.connection_context():
        assert stored("recent") == share_sketch(post)
        assert stored("old") == sketch(post)  # past the clone window: left as it was
        assert stored("plain") == sketch("x " * 9)
        assert stored("hyphens") == share_sketch(disguised) != sketch(disguised)
    assert migrate() == []


def test_0037_takes_copies_out_of_the_personal_counts(app, client, make_user):
    """Before 0037 a copy of a colleague's personal post counted as personal: in the copier's
    personal_shares, their period totals and the teams' own-voice rollups. 0037 takes it out."""
    import importlib

    from firsthand import reach, rollups
    from firsthand.models import Share, UserStats
    from firsthand.reach_models import ShareReach
    from helpers import linkedin_url

    post = (
        "Yesterday I finally shipped the billing migration after three months, and what I "
        "will remember is how Priya stayed late with me to debug the last edge case."
    )
    ids = {}
    reading = {"source": "feed", "counts": {"reactions": {"value": 40}}}
    for n, (who, auth) in enumerate((make_user(), make_user())):
        body = {"url": linkedin_url(n), "network": "linkedin", "text": post}
        response = client.post("/api/v1/shares", json=body, headers=auth)
        assert response.status_code == 201
        ids[n] = (who.id, response.get_json()["share"]["id"])
        read = client.post(f"/api/v1/shares/{ids[n][1]}/reach", json=reading, headers=auth)
        assert read.status_code == 201
    copier, copy = ids[1]
    with app.app_context(), database.connection_context():
        assert Share.get_by_id(copy).is_clone is True
        # The copy's reach is filed with the re-shares; the original's as its own voice.
        assert ShareReach.get_by_id(copy).voice == "corporate"
        assert ShareReach.get_by_id(ids[0][1]).voice == "personal"
        expected = rollups.stored()
        expected_reach = reach.rollups_stored()
        # What the server filed before: the copy's reach as own voice.
        ShareReach.update(voice="personal").where(ShareReach.share == copy).execute()
        reach.rebuild_rollups()
        assert reach.rollups_stored() != expected_reach
        # What the server counted before: the copy as a personal share.
        database.execute_sql(
            "UPDATE user_stats SET personal_shares = personal_shares + 1 WHERE user_id = "
            f"{database.param}",
            [copier],
        )
        database.execute_sql(
            "UPDATE period_stats SET personal_shares = personal_shares + 1 WHERE user_id = "
            f"{database.param}",
            [copier],
        )
        rollups.rebuild()
        assert rollups.stored() != expected
        module = importlib.import_module("firsthand.migrations.0037_copies_are_not_personal")
        with database.atomic():
            module.up(None, database.obj)
        assert UserStats.get(UserStats.user == copier).personal_shares == 0
        assert {
            r.personal_shares for r in PeriodStats.select().where(PeriodStats.user == copier)
        } == {0}
        assert rollups.stored() == expected
        assert ShareReach.get_by_id(copy).voice == "corporate"
        assert reach.rollups_stored() == expected_reach == reach.rollups_from_rows()
        originals = PeriodStats.select().where(PeriodStats.user == ids[0][0])
        assert {r.personal_shares for r in originals} == {1}


def test_upgrade_to_0040_dates_a_weekly_summary_turned_on_before_it(db_url):
    """A summary on before 0040 is on since the settings were last saved (at the latest): the
    weeks since are caught up, none before; one turned off has no such time."""
    db = open_database(db_url)
    database.initialize(db)
    p = db.param
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0039_stray_percent_in_post_paths")
        for weekly in (True, False):
            db.execute_sql(
                'INSERT INTO "webhook_settings" ("slack_url", "weekly_summary", "updated_at") '
                f"VALUES ({p}, {p}, {p})",
                ["https://hooks.example/a", weekly, "2026-11-20 10:00:00"],
            )
    assert migrate()[:1] == ["0040_weekly_summary_since"]
    with db.connection_context():
        rows = db.execute_sql(
            'SELECT "weekly_summary_since", "slack_since" FROM "webhook_settings" ORDER BY "id"'
        ).fetchall()
        assert [(str(since)[:16], slack) for since, slack in rows] == [
            ("2026-11-20 10:00", None),
            ("None", None),
        ]
        Runner(db, MIGRATIONS_DIR).down("0040_weekly_summary_since")
    assert migrate()[:1] == ["0040_weekly_summary_since"]


def test_two_init_db_at_once_both_end_well(db_url):
    """Two `firsthand init-db` at once (two deploy hooks, two containers starting together):
    on PostgreSQL the one that lost the race ended in an IntegrityError traceback (the
    database itself ended right). They take turns now: the second finds nothing to do."""
    names = sorted(p.stem for p in Path(MIGRATIONS_DIR).glob("0*.py"))
    start = threading.Barrier(2)
    outcome: dict[int, object] = {}

    def init_db(n: int) -> None:
        target = open_database(db_url)
        try:
            start.wait()
            outcome[n] = migrate(target)
        except Exception as error:  # noqa: BLE001 - the test's point
            outcome[n] = error
        finally:
            target.close_all()

    runs = [threading.Thread(target=init_db, args=(n,)) for n in (1, 2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(120)
    assert not [v for v in outcome.values() if isinstance(v, Exception)], outcome
    assert sorted(outcome[1] + outcome[2]) == names  # each applied once, by one of them
    target = open_database(db_url)
    with target.connection_context():
        assert Runner(target, MIGRATIONS_DIR).status()[-1].applied is not None
    target.close_all()
