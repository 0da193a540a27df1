"""`firsthand rescore` after an admin edits the rules file."""

import json
import shutil
from datetime import timedelta
from pathlib import Path

from firsthand import create_app
from firsthand.clock import monday_of
from firsthand.db import database
from firsthand.models import PointsEntry, User, UserBadge
from firsthand.rules import load_rulebook
from firsthand.weekly_summary import summarise
from helpers import counters_match_ledger, linkedin_url, x_url

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"


def test_rescore_replays_shares_under_new_rules(app, client, make_user, tmp_path, db_url, clock):
    ann, ah = make_user("ann@example.com")
    bob, bh = make_user("bob@example.com")
    ids = [
        client.post(
            "/api/v1/shares", headers=ah, json={"url": linkedin_url(n), "network": "linkedin"}
        ).get_json()["share"]["id"]
        for n in range(6)
    ]  # 30, 10, 10, 10, 10, then capped at 0
    client.delete(f"/api/v1/shares/{ids[1]}", headers=ah)
    client.post("/api/v1/kudos", headers=bh, json={"to_user_id": ann.id, "message": "thanks"})
    assert client.get("/api/v1/me", headers=ah).get_json()["points"] == 65

    data = tmp_path / "new-rules"
    shutil.copytree(DATA, data)
    rules = json.loads((data / "points_rules.json").read_text())
    rules["rules"][0]["points"] = 12  # share_logged: 10 → 12
    (data / "points_rules.json").write_text(json.dumps(rules))
    admin_app = create_app({"DATABASE_URL": db_url, "DATA_DIR": str(data), "CLOCK": clock})
    runner = admin_app.test_cli_runner()

    dry = runner.invoke(args=["rescore", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    # Replayed without the deleted share, the capped sixth share now counts: 32 + 4 × 12 + 5.
    assert "ann@example.com: 65 → 85 points (5 share(s) re-scored)" in dry.output
    assert "Would change 1 of 2 users." in dry.output
    with admin_app.app_context(), database.connection_context():
        assert not PointsEntry.select().where(PointsEntry.rule == "rescore").exists()

    done = runner.invoke(args=["rescore"])
    assert "Changed 1 of 2 users." in done.output
    with admin_app.app_context(), database.connection_context():
        assert PointsEntry.select().where(PointsEntry.rule == "rescore").count() == 5
        counters_match_ledger()
    assert client.get("/api/v1/me", headers=ah).get_json()["points"] == 85
    week = client.get("/api/v1/leaderboard?period=week", headers=bh).get_json()
    assert week["entries"][0]["points"] == 85
    again = runner.invoke(args=["rescore"])
    assert "Changed 0 of 2 users." in again.output  # idempotent


def test_rescore_replays_kudos_under_new_rules(app, client, make_user, tmp_path, db_url, clock):
    ann, ah = make_user("ann@example.com")
    _, bh = make_user("bob@example.com")
    _, ch = make_user("cleo@example.com")
    for n, headers in enumerate((bh, bh, ch)):  # Bob's second kudos this week is over the cap
        body = {"to_user_id": ann.id, "message": f"thanks ({n})"}
        answer = client.post("/api/v1/kudos", headers=headers, json=body)
        assert answer.status_code == 201, answer.get_json()
    assert client.get("/api/v1/me", headers=ah).get_json()["points"] == 10

    data = tmp_path / "new-rules"
    shutil.copytree(DATA, data)
    rules = json.loads((data / "points_rules.json").read_text())
    rules["kudos"].update(points=8, per_giver_per_week=2)
    (data / "points_rules.json").write_text(json.dumps(rules))
    admin_app = create_app({"DATABASE_URL": db_url, "DATA_DIR": str(data), "CLOCK": clock})
    runner = admin_app.test_cli_runner()

    dry = runner.invoke(args=["rescore", "--dry-run"])
    assert "ann@example.com: 10 → 24 points (0 share(s), 3 kudos re-scored)" in dry.output
    done = runner.invoke(args=["rescore"])
    assert "Changed 1 of 3 users." in done.output, done.output
    with admin_app.app_context(), database.connection_context():
        counters_match_ledger()
    assert client.get("/api/v1/me", headers=ah).get_json()["points"] == 24
    received = client.get("/api/v1/me/kudos", headers=ah).get_json()
    assert sorted(k["points"] for k in received["data"]) == [8, 8, 8]
    assert "Changed 0 of 3 users." in runner.invoke(args=["rescore"]).output  # idempotent


def test_rescore_keeps_the_verdict_each_share_was_logged_with(
    app, client, make_user, monkeypatch, db_url, clock
):
    """A share logged as counted stays counted (and a stale one stale) when re-scored: an X
    post of 2024 logged before X ids were dated keeps its points, and counters stay whole."""
    from firsthand import scoring

    ann, ah = make_user("ann@example.com")
    old_post = {"url": x_url(1, clock() - timedelta(days=400)), "network": "x"}
    with monkeypatch.context() as before:  # as logging was before X ids were dated
        before.setattr(scoring, "id_posted_at", lambda canonical: None)
        assert client.post("/api/v1/shares", headers=ah, json=old_post).status_code == 201
    stale = {"url": linkedin_url(2, clock() - timedelta(days=40)), "network": "linkedin"}
    assert client.post("/api/v1/shares", headers=ah, json=stale).get_json()["points_awarded"] == 0
    admin_app = create_app({"DATABASE_URL": db_url, "CLOCK": clock})
    done = admin_app.test_cli_runner().invoke(args=["rescore"])
    assert "Changed 0 of 1 users." in done.output, done.output
    with admin_app.app_context(), database.connection_context():
        counters_match_ledger()
    assert client.get("/api/v1/me", headers=ah).get_json()["points"] == 30


def test_rescore_takes_the_voice_bonus_off_copies_logged_before_it_was_refused(
    app, make_user, tmp_path, db_url, clock
):
    """Copies of a colleague's personal post earned `own_voice` under the old rule (no
    `is_clone` condition); re-scoring under the shipped rules takes the +15 off."""
    old = tmp_path / "old-rules"
    shutil.copytree(DATA, old)
    rules = json.loads((old / "points_rules.json").read_text())
    own_voice = next(rule for rule in rules["rules"] if rule["id"] == "own_voice")
    own_voice["when"] = {"voice": "personal"}
    (old / "points_rules.json").write_text(json.dumps(rules))
    before = create_app(
        {"TESTING": True, "DATABASE_URL": db_url, "DATA_DIR": str(old), "CLOCK": clock}
    )
    client = before.test_client()
    post = (
        "Yesterday I finally shipped the billing migration after three months, and what I "
        "will remember is how Priya stayed late with me to debug the last edge case."
    )
    for n, email in enumerate(("ann@example.com", "bob@example.com")):
        _, headers = make_user(email)
        body = {"url": linkedin_url(n), "network": "linkedin", "text": post}
        logged = client.post("/api/v1/shares", headers=headers, json=body).get_json()
        assert logged["points_awarded"] == 45  # 10 + 20 + 15, the copy too
    done = app.test_cli_runner().invoke(args=["rescore"])
    assert "bob@example.com: 45 → 30 points (1 share(s) re-scored)" in done.output, done.output
    assert "Changed 1 of 2 users." in done.output
    with app.app_context(), database.connection_context():
        counters_match_ledger()
    assert client.get("/api/v1/me", headers=headers).get_json()["points"] == 30


def test_rescore_says_which_badges_it_awards_to_active_people_only(
    app, client, make_user, tmp_path, db_url, clock
):
    """Amplifier's target goes from 25 shares to 2: the run awarded it silently (the dry run
    said "Changed 0 of 2 users"), to a deactivated person too, and the weekly summary listed
    it under "Badges earned" that week, as if the rules edit were something they did."""
    ann, ah = make_user("ann@example.com", name="Ann Example")
    dan, dh = make_user("dan@example.com", name="Dan Gone")
    for n, headers in enumerate((ah, ah, dh, dh)):
        body = {"url": linkedin_url(n), "network": "linkedin"}
        assert client.post("/api/v1/shares", headers=headers, json=body).status_code == 201
    with app.app_context(), database.connection_context():
        User.update(deactivated_at=clock()).where(User.id == dan.id).execute()
    data = tmp_path / "new-rules"
    shutil.copytree(DATA, data)
    catalogue = json.loads((data / "badges.json").read_text())
    next(b for b in catalogue["badges"] if b["id"] == "amplifier")["target"] = 2
    (data / "badges.json").write_text(json.dumps(catalogue))
    clock.advance(days=7)  # the next week
    admin_app = create_app({"DATABASE_URL": db_url, "DATA_DIR": str(data), "CLOCK": clock})
    runner = admin_app.test_cli_runner()

    dry = runner.invoke(args=["rescore", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "ann@example.com: 40 → 40 points (0 share(s) re-scored); badge(s): Amplifier" in (
        dry.output
    )
    assert "dan@example.com" not in dry.output
    assert "Would change 1 of 2 users. Would award 1 badge." in dry.output
    done = runner.invoke(args=["rescore"])
    assert "Changed 1 of 2 users. Awarded 1 badge." in done.output, done.output
    with admin_app.app_context(), database.connection_context():
        rows = UserBadge.select().where(UserBadge.badge_id == "amplifier")
        assert [(row.user_id, row.earned_at, row.by_rescore) for row in rows] == [
            (ann.id, clock(), True)
        ]
        book = load_rulebook(str(data))
        summary = summarise(monday_of(clock().date()), book)  # this week: a rules edit's badge
        assert (summary.badges, summary.badge_people.total) == (0, 0)
    mine = client.get("/api/v1/me/badges", headers=ah).get_json()
    assert "amplifier" in {badge["id"] for badge in mine["earned"]}
    assert "Awarded 0 badges." in runner.invoke(args=["rescore"]).output  # once
