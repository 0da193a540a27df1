"""Points rules, daily cap, weekly streaks, levels and badges, with a controllable clock."""

import json
import shutil
from pathlib import Path

from firsthand import create_app
from firsthand.datafiles import DataFileError
from firsthand.db import database, migrate
from firsthand.models import PointsEntry, Share, UserStats
from firsthand.rules import load_rulebook
from helpers import CLOCK_START, linkedin_url, x_url

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"


def share(client, headers, n, network="linkedin", at=None):
    url = (
        linkedin_url(n, at or CLOCK_START)
        if network == "linkedin"
        else f"https://example.com/{network}/{n}"
    )
    if network == "x":
        url = x_url(n, at or CLOCK_START)
    if network == "facebook":
        url = f"https://www.facebook.com/jane/posts/{n}"
    response = client.post("/api/v1/shares", json={"url": url, "network": network}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def rules_of(body):
    return {entry["rule"]: entry["points"] for entry in body["points_breakdown"]}


def test_only_five_shares_a_utc_day_earn_points(client, auth, clock):
    clock.set(clock().replace(hour=22))
    awarded = [share(client, auth, n)["points_awarded"] for n in range(6)]
    assert awarded == [30, 10, 10, 10, 10, 0]
    capped = client.get("/api/v1/shares?limit=1", headers=auth).get_json()["data"][0]
    assert capped["points"] == 0
    clock.advance(hours=3)  # past midnight UTC: a new day, a fresh allowance
    assert share(client, auth, 6)["points_awarded"] == 10


def test_capped_share_is_recorded_with_the_daily_cap_rule(app, client, auth):
    bodies = [share(client, auth, n) for n in range(6)]
    assert bodies[-1]["points_breakdown"] == [{"rule": "daily_cap", "points": 0}]
    with app.app_context(), database.connection_context():
        entry = PointsEntry.get(PointsEntry.share == bodies[-1]["share"]["id"])
        assert (entry.rule, entry.points) == ("daily_cap", 0)


def delete(client, headers, share_id):
    response = client.delete(f"/api/v1/shares/{share_id}", headers=headers)
    assert response.status_code == 200, response.get_json()


def test_deleting_a_share_logged_today_frees_its_daily_slot(client, auth, clock):
    clock.set(clock().replace(hour=9))
    logged = [share(client, auth, n) for n in range(5)]
    delete(client, auth, logged[2]["share"]["id"])  # a mistaken log, taken back
    assert share(client, auth, 5)["points_awarded"] == 10  # the right post still earns
    assert share(client, auth, 6)["points_awarded"] == 0  # five live scored shares: capped


def test_deleting_a_capped_or_yesterdays_share_frees_nothing(client, auth, clock):
    clock.set(clock().replace(hour=22))
    yesterday = share(client, auth, 0)
    clock.advance(hours=3)  # a new UTC day
    today = [share(client, auth, n) for n in range(1, 7)]
    assert today[-1]["points_awarded"] == 0
    delete(client, auth, today[-1]["share"]["id"])  # capped at 0: it never took a slot
    delete(client, auth, yesterday["share"]["id"])  # yesterday's slot is not today's
    assert share(client, auth, 7)["points_awarded"] == 0


def test_weekly_streak_bonus_grows_to_twenty_once_a_week(client, auth, clock):
    bonuses = []
    for week in range(6):
        first = share(client, auth, week * 10, at=clock())
        second = share(client, auth, week * 10 + 1, at=clock())
        assert "weekly_streak" not in rules_of(second)  # once a week, on its first share
        bonuses.append(rules_of(first).get("weekly_streak", 0))
        clock.advance(days=7)
    assert bonuses == [0, 5, 10, 15, 20, 20]


def test_a_missed_week_resets_the_streak(client, auth, clock):
    share(client, auth, 1)
    clock.advance(days=7)
    assert rules_of(share(client, auth, 2))["weekly_streak"] == 5
    clock.advance(days=14)  # a whole ISO week without a share
    assert "weekly_streak" not in rules_of(share(client, auth, 3))
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 1


def test_streak_follows_iso_weeks_not_seven_day_gaps(client, auth, clock):
    clock.set(clock().replace(day=17))  # Tuesday 17 Nov 2026 (the post id is from the 18th)
    share(client, auth, 1)
    clock.set(clock().replace(day=29, hour=23))  # Sunday of the next ISO week, 12 days later
    assert rules_of(share(client, auth, 2))["weekly_streak"] == 5


def test_me_streak_lapses_after_a_week_without_shares(client, auth, clock):
    share(client, auth, 1)
    clock.advance(days=7)
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 1
    clock.advance(days=7)
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 0


def test_levels_follow_points(client, auth, clock):
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["level"] == {"number": 1, "name": "Newcomer", "min_points": 0, "points_to_next": 50}
    for n in range(3):  # 30 + 10 + 10 = 50
        share(client, auth, n)
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["points"] == 50
    assert me["level"] == {
        "number": 2,
        "name": "Contributor",
        "min_points": 50,
        "points_to_next": 150,
    }


def test_level_table_top_has_no_next(app):
    book = app.extensions["firsthand.rulebook"]
    assert book.level(199)["name"] == "Contributor"
    assert book.level(200)["name"] == "Advocate"
    assert book.level(500)["name"] == "Champion"
    assert book.level(5000) == {
        "number": 5,
        "name": "Luminary",
        "min_points": 1000,
        "points_to_next": None,
    }


def test_multi_network_badge_and_progress(client, auth):
    share(client, auth, 1, "linkedin")
    share(client, auth, 2, "x")
    progress = client.get("/api/v1/me/badges", headers=auth).get_json()
    multi = next(b for b in progress["in_progress"] if b["id"] == "multi-network")
    assert multi["progress"] == {"current": 2, "target": 3}
    body = share(client, auth, 3, "facebook")
    assert [b["id"] for b in body["new_badges"]] == ["multi-network"]
    badges = client.get("/api/v1/me/badges", headers=auth).get_json()
    assert {b["id"] for b in badges["earned"]} == {"first-share", "multi-network"}
    assert "multi-network" not in {b["id"] for b in badges["in_progress"]}


def test_amplifier_badge_at_25_shares_is_awarded_once(client, auth, clock):
    earned_on = []
    for n in range(27):
        body = share(client, auth, n)
        earned_on += [(n, b["id"]) for b in body["new_badges"]]
        clock.advance(hours=6)
    assert (24, "amplifier") in earned_on
    assert [b for _, b in earned_on].count("amplifier") == 1


def test_regular_badge_needs_a_four_week_streak(client, auth, clock):
    for week in range(4):
        body = share(client, auth, week)
        clock.advance(days=7)
    assert "regular" in [b["id"] for b in body["new_badges"]]
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert "regular" in [b["id"] for b in me["badges"]]


def test_catalogue_lists_targets(client, auth):
    badges = client.get("/api/v1/badges", headers=auth).get_json()["badges"]
    assert {b["id"]: b["target"] for b in badges} == {
        "first-share": 1,
        "regular": 4,
        "multi-network": 3,
        "amplifier": 25,
        "storyteller": 5,
        "original": 10,
        "recognized": 1,
        "appreciated": 10,
        "conversation-starter": 10,
        "resonated": 50,
    }


def test_counters_equal_the_ledger(app, client, auth, clock):
    for n in range(12):
        share(client, auth, n, ["linkedin", "x", "other"][n % 3])
        clock.advance(hours=9)
    with app.app_context(), database.connection_context():
        stats = UserStats.get()
        ledger = sum(e.points for e in PointsEntry.select())
        shares = sum(s.points for s in Share.select())
        assert stats.points == ledger == shares
        assert stats.shares == Share.select().count() == 12


def test_rules_come_from_the_data_file(tmp_path, monkeypatch, db_url, clock):
    """An admin edits the rules file; a rule can test share attributes."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rules = json.loads((data / "points_rules.json").read_text())
    rules["daily_cap"] = 2
    rules["rules"][0]["points"] = 7
    rules["rules"].append({"id": "x_bonus", "points": 3, "when": {"network": "x"}})
    (data / "points_rules.json").write_text(json.dumps(rules))
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": db_url, "DATA_DIR": str(data), "CLOCK": clock})
    migrate(database.obj)
    from firsthand.accounts import create_user
    from firsthand.auth import issue_token

    with app.app_context(), database.connection_context():
        headers = {"Authorization": "Bearer " + issue_token(create_user("r@x.io", "R", clock()))}
    client = app.test_client()
    assert share(client, headers, 1)["points_awarded"] == 27
    assert rules_of(share(client, headers, 2, "x")) == {"share_logged": 7, "x_bonus": 3}
    assert share(client, headers, 3)["points_awarded"] == 0  # cap of 2 a day
    database.close()


def test_broken_rules_file_fails_with_a_clear_message(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rules = json.loads((data / "points_rules.json").read_text())
    rules["rules"].append({"id": "odd", "points": 1, "when": {"moon_phase": "full"}})
    (data / "points_rules.json").write_text(json.dumps(rules))
    try:
        load_rulebook(data)
    except DataFileError as error:
        assert "moon_phase" in str(error) and "odd" in str(error)
    else:
        raise AssertionError("an unknown fact must be refused")


def test_a_total_below_zero_is_the_first_level(app):
    # The rules' schema refuses negative points, but a total below 0 (an old rules file, a
    # hand-edited ledger) must still have a level: max() of no level was a 500 on /me.
    book = app.extensions["firsthand.rulebook"]
    assert book.level(-10) == {
        "number": 1,
        "name": "Newcomer",
        "min_points": 0,
        "points_to_next": 60,
    }
