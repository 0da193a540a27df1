"""Leaderboards, opt-out, kudos, deleting shares and stale posts, through the real app."""

from datetime import timedelta

import pytest

from firsthand.db import database
from firsthand.models import PointsEntry, UserStats
from helpers import CLOCK_START, counters_match_ledger, linkedin_url


def log(client, headers, n, at=None, text=None):
    body = {"url": linkedin_url(n, at or CLOCK_START), "network": "linkedin"}
    if text:
        body["text"] = text
    response = client.post("/api/v1/shares", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def board(client, headers, **params):
    response = client.get("/api/v1/leaderboard", query_string=params, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def office(make_user):
    """Four colleagues in two teams."""
    return {
        name: make_user(f"{name}@example.com", team=team, name=name.title())
        for name, team in (("ann", "Sales"), ("bob", "Sales"), ("cy", "Eng"), ("di", "Eng"))
    }


def test_leaderboard_ranks_by_points_with_ties_and_own_rank(client, office, clock):
    (ann, ah), (bob, bh), (cy, ch), (di, dh) = office.values()
    for n in range(3):
        log(client, ah, n)  # 30 + 10 + 10 = 50
    log(client, bh, 10)  # 30
    log(client, ch, 20)  # 30
    top = board(client, dh, period="week", scope="company", limit=2)
    assert [(e["name"], e["rank"], e["points"]) for e in top["entries"]] == [
        ("Ann", 1, 50),
        ("Bob", 2, 30),
    ]
    everyone = board(client, dh, period="week", scope="company", limit=10)
    assert [(e["name"], e["rank"]) for e in everyone["entries"]] == [
        ("Ann", 1),
        ("Bob", 2),
        ("Cy", 2),
    ]  # a tie shares its rank
    assert top["you"] == {
        "rank": None,
        "points": 0,
        "shares": 0,
        "personal_share_ratio": 0.0,
        "opted_out": False,
    }  # nothing scored yet: no standing, not "4th"
    log(client, dh, 30)
    top = board(client, dh, period="week", scope="company", limit=2)
    assert top["you"]["rank"] == 2  # outside the top (tied with Bob and Cy), still told
    own = board(client, ch, limit=1)
    assert own["you"]["rank"] == 2 and own["entries"][0]["is_you"] is False


def test_team_scope_and_periods(client, office, clock):
    (ann, ah), (bob, bh), (cy, ch), _ = office.values()
    log(client, ah, 1)
    clock.advance(days=7)  # into the next ISO week, same month
    log(client, ch, 2, at=clock())
    team = board(client, bh, period="all", scope="team")
    assert team["team"] == "Sales" and [e["name"] for e in team["entries"]] == ["Ann"]
    week = board(client, bh, period="week")
    assert [e["name"] for e in week["entries"]] == ["Cy"]
    month = board(client, bh, period="month")
    assert [e["name"] for e in month["entries"]] == ["Ann", "Cy"]
    clock.advance(days=20)  # into December
    assert board(client, bh, period="month")["entries"] == []
    assert len(board(client, bh, period="all")["entries"]) == 2


def test_personal_share_ratio(client, office):
    (ann, ah), *_ = office.values()
    log(client, ah, 1, text="I built the billing screen and I am proud of it, thank you Lea.")
    log(client, ah, 2, text="We are thrilled to announce our new release. Learn more today!")
    entry = board(client, ah)["entries"][0]
    assert entry["shares"] == 2 and entry["personal_share_ratio"] == 0.5


def test_opt_out_hides_from_others_but_not_from_yourself(client, office):
    (ann, ah), (bob, bh), *_ = office.values()
    log(client, ah, 1)
    log(client, bh, 2)
    answer = client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=ah)
    assert answer.status_code == 200 and answer.get_json()["leaderboard_opt_out"] is True
    others = board(client, bh)
    assert [e["name"] for e in others["entries"]] == ["Bob"]
    mine = board(client, ah)
    assert "Ann" not in [e["name"] for e in mine["entries"]]
    assert mine["you"]["opted_out"] is True and mine["you"]["points"] == 30
    assert mine["you"]["rank"] == 1  # tied with Bob: nobody visible is ahead
    log(client, ah, 3)  # new points stay hidden too
    assert [e["name"] for e in board(client, bh)["entries"]] == ["Bob"]
    client.patch("/api/v1/me", json={"leaderboard_opt_out": False}, headers=ah)
    assert [e["name"] for e in board(client, bh)["entries"]] == ["Ann", "Bob"]


@pytest.mark.parametrize(
    "query",
    [{"period": "year"}, {"scope": "galaxy"}, {"limit": "0"}, {"limit": "abc"}, {"limit": "101"}],
)
def test_bad_leaderboard_queries_are_400(client, auth, query):
    assert client.get("/api/v1/leaderboard", query_string=query, headers=auth).status_code == 400


def test_team_leaderboard_without_a_team_is_422(client, make_user):
    _, headers = make_user(team=None)
    answer = client.get("/api/v1/leaderboard?scope=team", headers=headers)
    assert answer.status_code == 422 and answer.get_json()["error"]["code"] == "no_team"
    assert answer.get_json()["error"]["message"].startswith("You are not in a team yet")


def test_team_leaderboard_without_a_team_is_said_in_the_callers_language(client, make_user):
    # The popup sends its UI language; this refusal was English whatever it asked for.
    _, headers = make_user(team=None)
    french = {**headers, "Accept-Language": "fr"}
    answer = client.get("/api/v1/leaderboard?scope=team", headers=french)
    error = answer.get_json()["error"]
    assert answer.status_code == 422 and error["code"] == "no_team"
    assert error["message"].startswith("Vous n’êtes encore dans aucune équipe")


@pytest.mark.parametrize("body", [{}, {"leaderboard_opt_out": "yes"}, {"points": 100}])
def test_bad_me_updates_are_422(client, auth, body):
    assert client.patch("/api/v1/me", json=body, headers=auth).status_code == 422


def test_an_empty_me_update_says_what_to_send(client, auth):
    error = client.patch("/api/v1/me", json={}, headers=auth).get_json()["error"]
    assert error["details"] == [
        {"field": "(body)", "message": "send at least one of: leaderboard_opt_out"}
    ]
    assert error["message"].endswith("(body): send at least one of: leaderboard_opt_out")


def kudos(client, headers, to, message="Thanks for the post!", **extra):
    return client.post(
        "/api/v1/kudos", headers=headers, json={"to_user_id": to.id, "message": message, **extra}
    )


def test_kudos_earn_points_capped_per_giver_per_week(client, office, clock):
    (ann, ah), (bob, bh), (cy, ch), _ = office.values()
    first = kudos(client, bh, ann)
    assert first.status_code == 201
    body = first.get_json()
    assert body["kudos"]["points"] == 5 and body["kudos"]["from"]["name"] == "Bob"
    again = kudos(client, bh, ann, "And for the talk!")  # same giver, same week: no points
    assert again.status_code == 201 and again.get_json()["kudos"]["points"] == 0
    assert kudos(client, ch, ann).get_json()["kudos"]["points"] == 5  # another colleague
    clock.advance(days=7)
    assert kudos(client, bh, ann).get_json()["kudos"]["points"] == 5  # a new week
    me = client.get("/api/v1/me", headers=ah).get_json()
    assert me["points"] == 15
    received = client.get("/api/v1/me/kudos", headers=ah).get_json()
    assert received["pagination"]["total"] == 4
    assert [k["points"] for k in received["data"]] == [5, 5, 0, 5]


def test_kudos_from_leadership_earn_recognized(client, office, make_user):
    (ann, ah), *_ = office.values()
    boss, boss_headers = make_user("boss@example.com", role="manager", name="Boss")
    share = log(client, ah, 1)["share"]
    body = kudos(
        client, boss_headers, ann, "Great story about the launch.", share_id=share["id"]
    ).get_json()
    assert body["kudos"]["leadership"] is True
    assert body["kudos"]["share"]["id"] == share["id"]
    assert [b["id"] for b in body["receiver_new_badges"]] == ["recognized"]
    badges = client.get("/api/v1/me/badges", headers=ah).get_json()
    assert "recognized" in {b["id"] for b in badges["earned"]}


def test_ten_kudos_earn_appreciated(client, office, make_user):
    (ann, ah), *_ = office.values()
    earned = []
    for n in range(10):
        _, giver = make_user(f"giver{n}@example.com")
        earned += [b["id"] for b in kudos(client, giver, ann).get_json()["receiver_new_badges"]]
    assert earned == ["appreciated"]


def test_kudos_mistakes_are_clear_4xx(client, office, make_user):
    (ann, ah), (bob, bh), *_ = office.values()
    bobs_share = log(client, bh, 1)["share"]
    assert kudos(client, ah, ann).status_code == 422  # no self-kudos
    ghost = client.post("/api/v1/kudos", headers=ah, json={"to_user_id": 9999, "message": "hi"})
    assert ghost.status_code == 404
    assert kudos(client, bh, ann, share_id=bobs_share["id"]).status_code == 404  # not Ann's
    assert kudos(client, bh, ann, message="x" * 281).status_code == 422
    assert kudos(client, bh, ann, message="   ").status_code == 422
    assert client.get("/api/v1/me/kudos", headers=ah).get_json()["pagination"]["total"] == 0


def test_deleting_a_share_reverses_its_points_in_its_own_period(app, client, auth, clock):
    first = log(client, auth, 1)["share"]  # 30 points this week
    clock.advance(days=7)
    second = log(client, auth, 2, at=clock())["share"]  # 10 + 5 streak next week
    answer = client.delete(f"/api/v1/shares/{first['id']}", headers=auth)
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["points_reversed"] == 30 and body["total_points"] == 15
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["points"] == 15 and me["shares"] == 1
    assert "first-share" in {b["id"] for b in me["badges"]}  # earned badges stay
    assert board(client, auth, period="week")["you"]["points"] == 15  # this week unchanged
    assert board(client, auth, period="all")["you"]["points"] == 15
    listed = client.get("/api/v1/shares", headers=auth).get_json()
    assert [s["id"] for s in listed["data"]] == [second["id"]]
    relog = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(1), "network": "linkedin"}
    )
    assert relog.status_code == 409 and relog.get_json()["error"]["code"] == "share_deleted"
    assert client.delete(f"/api/v1/shares/{first['id']}", headers=auth).status_code == 404
    with app.app_context(), database.connection_context():
        rules = [e.rule for e in PointsEntry.select().order_by(PointsEntry.id)]
        assert rules[-1] == "share_deleted"  # appended, nothing rewritten


def test_deleting_a_share_recounts_the_streak(client, auth, clock):
    weekly = []
    for week in range(3):
        weekly.append(log(client, auth, week, at=clock())["share"])
        clock.advance(days=7)
    clock.advance(days=-7)  # back in week three
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 3
    client.delete(f"/api/v1/shares/{weekly[1]['id']}", headers=auth)  # week two is now empty
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 1
    clock.advance(days=7)
    fourth = log(client, auth, 3, at=clock())
    breakdown = {e["rule"]: e["points"] for e in fourth["points_breakdown"]}
    assert breakdown["weekly_streak"] == 5  # a two-week streak, not four
    assert client.get("/api/v1/me", headers=auth).get_json()["streak_weeks"] == 2


def test_deleting_the_only_share_leaves_no_streak(client, auth):
    share = log(client, auth, 1)["share"]
    client.delete(f"/api/v1/shares/{share['id']}", headers=auth)
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["streak_weeks"] == 0 and me["shares"] == 0


def test_cannot_delete_a_colleagues_share(client, auth, make_user):
    share = log(client, auth, 1)["share"]
    _, bob = make_user()
    assert client.delete(f"/api/v1/shares/{share['id']}", headers=bob).status_code == 404


def test_stale_linkedin_posts_are_recorded_without_points(client, auth, clock):
    before_joining = log(client, auth, 1, at=CLOCK_START - timedelta(days=2))
    assert before_joining["points_awarded"] == 0
    assert before_joining["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    assert before_joining["new_badges"] == []
    clock.advance(days=31)
    old = log(client, auth, 2, at=CLOCK_START + timedelta(hours=1))
    assert old["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    fresh = log(client, auth, 3, at=clock())
    assert fresh["points_awarded"] == 30  # still the first counted share
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["shares"] == 1 and me["points"] == 30


def test_concurrent_kudos_and_deletes_keep_counters_equal_to_the_ledger(
    app, live_server, make_user
):
    from concurrent.futures import ThreadPoolExecutor

    import requests

    ann, ah = make_user("ann@example.com")
    givers = [make_user()[1] for _ in range(12)]
    shares = [
        requests.post(
            f"{live_server}/api/v1/shares",
            headers=ah,
            timeout=30,
            json={"url": linkedin_url(n), "network": "linkedin"},
        ).json()
        for n in range(6)
    ]

    def act(i):
        if i % 3 == 0:
            share_id = shares[i // 3]["share"]["id"]
            return requests.delete(
                f"{live_server}/api/v1/shares/{share_id}", headers=ah, timeout=30
            ).status_code
        return requests.post(
            f"{live_server}/api/v1/kudos",
            headers=givers[i % 12],
            timeout=30,
            json={"to_user_id": ann.id, "message": f"thanks ({i})"},
        ).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(act, range(18)))
    assert codes.count(200) == 6 and codes.count(201) == 12
    with app.app_context(), database.connection_context():
        counters_match_ledger()
        assert UserStats.get(UserStats.user == ann.id).kudos_received == 12


def test_kudos_pages_follow_the_cursor_and_total_is_the_counter(client, make_user, clock):
    ann, ah = make_user("ann@example.com")
    givers = [make_user()[1] for _ in range(3)]
    sent = []
    for n in range(7):
        answer = client.post(
            "/api/v1/kudos",
            headers=givers[n % 3],
            json={"to_user_id": ann.id, "message": f"thanks {n}"},
        )
        sent.append(answer.get_json()["kudos"]["id"])
        if n % 3 == 2:
            clock.advance(seconds=30)
    seen, cursor = [], None
    while True:
        query = "limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(f"/api/v1/me/kudos?{query}", headers=ah).get_json()
        assert body["pagination"]["total"] == 7
        seen += [k["id"] for k in body["data"]]
        cursor = body["pagination"]["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(sent))


def test_the_same_thanks_again_is_the_first_kudos(app, client, office, clock):
    """A retried or double-sent kudos (same giver, colleague, post and words, within 24
    hours) answers 200 with the first one and writes nothing; sent at once, one is kept."""
    (ann, ah), (bob, bh), (cy, ch), _ = office.values()
    first = kudos(client, bh, ann, "Great demo!")
    assert first.status_code == 201 and first.get_json()["duplicate"] is False
    again = kudos(client, bh, ann, "  Great demo!  ")
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["duplicate"] is True
    assert again.get_json()["kudos"]["id"] == first.get_json()["kudos"]["id"]
    assert again.get_json()["receiver_new_badges"] == []
    assert kudos(client, ch, ann, "Great demo!").status_code == 201  # another colleague's
    assert kudos(client, bh, ann, "Great demo, really").status_code == 201  # other words
    me = client.get("/api/v1/me/kudos", headers=ah).get_json()
    assert me["pagination"]["total"] == 3
    clock.advance(hours=25)
    assert kudos(client, bh, ann, "Great demo!").status_code == 201  # a day later: new thanks


def test_the_same_thanks_sent_at_once_is_kept_once(app, live_server, make_user):
    from concurrent.futures import ThreadPoolExecutor

    import requests

    ann, _ = make_user("ann@example.com")
    _, bh = make_user("bob@example.com")

    def send(_):
        body = {"to_user_id": ann.id, "message": "Thanks for covering my shift!"}
        answer = requests.post(f"{live_server}/api/v1/kudos", headers=bh, json=body, timeout=30)
        return answer.status_code, answer.json()["kudos"]["id"]

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert sorted(code for code, _ in answers) == [200] * 5 + [201]
    assert len({kudos_id for _, kudos_id in answers}) == 1
    with app.app_context(), database.connection_context():
        assert UserStats.get(UserStats.user == ann.id).kudos_received == 1


def test_kudos_received_name_the_post_they_thank(client, office, make_user, clock):
    """A cold trial: the popup showed a kudos without which post it was for. The answer names
    it: where, when and its opening words (never the whole text), or none for a plain thanks."""
    (ann, ah), (bob, bh), *_ = office.values()
    boss, boss_headers = make_user("boss@example.com", role="manager", name="Boss")
    text = (
        "Three months   on the route planner in Atlas, and seeing the team in Lyon plan a week "
        "in ten minutes made every late night worth it.\nProud of this team!"
    )
    worded = log(client, ah, 1, text=text)["share"]
    bare = log(client, ah, 2)["share"]
    sent = kudos(client, boss_headers, ann, "Great story.", share_id=worded["id"])
    # The giver's answer names the post without its words: any employee may send any share
    # id, and reading colleagues' logged words id by id is not what thanking is for.
    answer = sent.get_json()["kudos"]["share"]
    assert answer["id"] == worded["id"] and answer["preview"] is None
    kudos(client, bh, ann, "Nice one.", share_id=bare["id"])
    kudos(client, bh, ann, "Thanks for the help!")
    received = client.get("/api/v1/me/kudos", headers=ah).get_json()["data"]
    by_message = {k["message"]: k["share"] for k in received}
    assert by_message["Thanks for the help!"] is None
    assert by_message["Great story."] == {
        "id": worded["id"],
        "canonical_url": worded["canonical_url"],
        "network": "linkedin",
        "posted_at": worded["posted_at"],
        "logged_at": worded["logged_at"],
        # The first line, its spacing collapsed, cut between words.
        "preview": "Three months on the route planner in Atlas, and seeing the team in Lyon "
        "plan a…",
    }
    assert by_message["Nice one."]["preview"] is None
    assert by_message["Nice one."]["logged_at"] == bare["logged_at"]


def test_a_kudos_keeps_at_most_one_blank_line_in_a_row(client, office):
    """The thank-you is a text area, and the popup shows a message's line breaks: a message
    padded with line breaks was as tall as it had breaks in the colleague's popup."""
    (ann, ah), (bob, bh), *_ = office.values()
    padded = "Thank you!" + "\n" * 120 + "The demo \r\n \r\n\r\n saved the week.\n\nReally."
    assert kudos(client, bh, ann, padded).status_code == 201
    received = client.get("/api/v1/me/kudos", headers=ah).get_json()["data"]
    assert received[0]["message"] == "Thank you!\n\nThe demo\n\n saved the week.\n\nReally."
