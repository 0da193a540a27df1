"""The "Appreciated" badge counts colleagues, not kudos: one colleague's burst of thanks, each
in other words, earns the receiver no badge; ten different colleagues do. Kudos points stay
capped per colleague and week as before. A manager's or admin's kudos is leadership
recognition ("Recognized"), not a colleague's thanks: it does not count toward "Appreciated"."""

from concurrent.futures import ThreadPoolExecutor

import requests
from playhouse.migrations import Runner

from firsthand.db import MIGRATIONS_DIR, database, migrate, open_database
from firsthand.models import Kudos, User, UserStats


def kudos(client, headers, to, message):
    return client.post(
        "/api/v1/kudos", headers=headers, json={"to_user_id": to.id, "message": message}
    )


def stats_of(app, user):
    with app.app_context(), database.connection_context():
        return UserStats.get(UserStats.user == user.id)


def badges_of(client, headers):
    earned = client.get("/api/v1/me/badges", headers=headers).get_json()["earned"]
    return {b["id"] for b in earned}


def progress_of(client, headers, badge_id):
    listed = client.get("/api/v1/me/badges", headers=headers).get_json()
    return next(b for b in listed["in_progress"] if b["id"] == badge_id)


def test_one_colleagues_burst_of_kudos_earns_no_appreciated_badge(app, client, make_user, clock):
    ann, ann_headers = make_user("ann@example.com", name="Ann")
    _, bob = make_user("bob@example.com", name="Bob")
    for n in range(12):  # different words each time, over several weeks
        answer = kudos(client, bob, ann, f"Thanks again, number {n}!")
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["receiver_new_badges"] == []
        clock.advance(days=3)
    assert "appreciated" not in badges_of(client, ann_headers)
    stats = stats_of(app, ann)
    assert (stats.kudos_received, stats.kudos_givers) == (12, 1)
    assert progress_of(client, ann_headers, "appreciated")["progress"]["current"] == 1


def test_the_tenth_different_colleague_earns_it(app, client, make_user):
    ann, ann_headers = make_user("ann@example.com", name="Ann")
    givers = [make_user(f"g{n}@example.com")[1] for n in range(10)]
    earned = []
    for n, giver in enumerate(givers):
        for again in range(2 if n < 3 else 1):  # three of them thank twice
            answer = kudos(client, giver, ann, f"Thanks {again}")
            earned += [b["id"] for b in answer.get_json()["receiver_new_badges"]]
        if n == 8:
            assert progress_of(client, ann_headers, "appreciated")["progress"]["current"] == 9
    assert earned == ["appreciated"]
    assert (stats_of(app, ann).kudos_received, stats_of(app, ann).kudos_givers) == (13, 10)


def test_first_kudos_sent_at_once_by_one_colleague_count_one_giver(app, live_server, make_user):
    ann, _ = make_user("ann@example.com", name="Ann")
    _, bob = make_user("bob@example.com", name="Bob")

    def send(n):
        body = {"to_user_id": ann.id, "message": f"Thanks, take {n}"}
        return requests.post(f"{live_server}/api/v1/kudos", json=body, headers=bob, timeout=30)

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert [a.status_code for a in answers] == [201] * 6
    assert (stats_of(app, ann).kudos_received, stats_of(app, ann).kudos_givers) == (6, 1)


def test_upgrade_to_0021_counts_the_colleagues_who_already_thanked(db_url):
    from datetime import UTC, datetime

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0020_email_one_spelling")
        ann, bob, cy, di = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "bob", "cy", "di")
        )
        for user in (ann, bob, cy, di):
            db.execute_sql(
                "INSERT INTO user_stats (user_id, points, shares, personal_shares, "
                "original_shares, networks, streak_weeks, longest_streak_weeks, scored_today, "
                "kudos_received, leadership_kudos, listed_shares, network_counts, "
                f"best_post_comments, best_post_reactions) VALUES ({db.param}, 0, 0, 0, 0, '',"
                " 0, 0, 0, 0, 0, 0, '', 0, 0)",
                [user],
            )
        for giver, receiver in ((bob, ann), (bob, ann), (cy, ann), (ann, bob)):
            Kudos.insert(giver=giver, receiver=receiver, message="Thanks", created_at=now).execute()
    assert migrate()[:1] == ["0021_kudos_givers"]
    with db.connection_context():
        counted = dict(UserStats.select(UserStats.user, UserStats.kudos_givers).tuples())
    assert counted == {ann: 2, bob: 1, cy: 0, di: 0}
    assert migrate() == []


def test_leadership_kudos_count_toward_recognized_not_appreciated(app, client, make_user):
    ann, ann_headers = make_user("ann@example.com", name="Ann")
    colleagues = [make_user(f"c{n}@example.com")[1] for n in range(9)]
    leaders = [make_user(f"{r}@example.com", role=r)[1] for r in ("manager", "admin")]
    earned = []
    for giver in colleagues + leaders:
        answer = kudos(client, giver, ann, "Thanks for the post")
        earned += [b["id"] for b in answer.get_json()["receiver_new_badges"]]
    assert earned == ["recognized"]  # eleven people thanked Ann, nine of them colleagues
    assert progress_of(client, ann_headers, "appreciated")["progress"]["current"] == 9
    stats = stats_of(app, ann)
    assert (stats.kudos_givers, stats.colleague_givers, stats.leadership_kudos) == (11, 9, 2)
    tenth = kudos(client, make_user("c9@example.com")[1], ann, "Thanks!").get_json()
    assert [b["id"] for b in tenth["receiver_new_badges"]] == ["appreciated"]


def test_upgrade_to_0025_counts_the_colleagues_apart_from_leadership(db_url):
    from datetime import UTC, datetime

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0024_console_sign_out")
        ann, bob, meg, cy = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "bob", "meg", "cy")
        )
        for user in (ann, bob, meg, cy):
            db.execute_sql(
                "INSERT INTO user_stats (user_id, points, shares, personal_shares, "
                "original_shares, networks, streak_weeks, longest_streak_weeks, scored_today, "
                "kudos_received, leadership_kudos, kudos_givers, listed_shares, network_counts, "
                f"best_post_comments, best_post_reactions) VALUES ({db.param}, 0, 0, 0, 0, '',"
                " 0, 0, 0, 0, 0, 0, 0, '', 0, 0)",
                [user],
            )
        # Meg thanked Ann as a manager, then as an employee; Bob twice; Cy as a manager only.
        for giver, receiver, leadership in (
            (meg, ann, True),
            (meg, ann, False),
            (bob, ann, False),
            (bob, ann, False),
            (cy, ann, True),
            (cy, bob, True),
        ):
            Kudos.insert(
                giver=giver,
                receiver=receiver,
                message="Thanks",
                created_at=now,
                leadership=leadership,
            ).execute()
    assert migrate()[:1] == ["0025_colleague_givers"]
    with db.connection_context():
        counted = dict(UserStats.select(UserStats.user, UserStats.colleague_givers).tuples())
    assert counted == {ann: 2, bob: 0, meg: 0, cy: 0}
    assert migrate() == []
