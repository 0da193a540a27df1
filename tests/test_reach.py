"""POST/GET /shares/<id>/reach and GET /me/reach: readings of the author's own posts."""

from __future__ import annotations

from datetime import timedelta

from firsthand.db import database
from firsthand.reach import rebuild_rollups, rollups_from_rows, rollups_stored
from firsthand.reach_models import ReachSnapshot, ShareReach
from helpers import linkedin_url

PERSONAL = (
    "I spent three months rebuilding our billing system with Ana and Tom. I learned more about "
    "patience than code, and I want to thank them both for every late night we spent on it."
)
ANY_BEFORE_POST = "is before the post was published: counts cannot be read then"
CORPORATE = (
    "We are thrilled to announce the launch of our new platform, the industry-leading solution "
    "for enterprises. Learn more at our website. #innovation #leadership #growth"
)


def log(client, auth, n, text=None):
    body = {"url": linkedin_url(n), "network": "linkedin"}
    if text:
        body["text"] = text
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.json
    return answer.json["share"]


def reading(reactions=None, comments=None, reposts=None, impressions=None, **extra):
    counts = {}
    for name, value in (
        ("reactions", reactions),
        ("comments", comments),
        ("reposts", reposts),
        ("impressions", impressions),
    ):
        if value is not None:
            counts[name] = {"value": value, "raw": f"{value} {name}"}
    return {"source": "feed", "counts": counts, **extra}


def post(client, auth, share_id, body):
    return client.post(f"/api/v1/shares/{share_id}/reach", json=body, headers=auth)


def test_a_reading_is_kept_with_its_raw_text_and_shows_in_me_reach(client, auth):
    share = log(client, auth, 1)
    body = reading(reactions=1234, comments=7)
    body["counts"]["reactions"]["raw"] = "1\u202f234 réactions"
    answer = post(client, auth, share["id"], body)
    assert answer.status_code == 201
    assert answer.json["duplicate"] is False
    assert answer.json["snapshot"]["counts"] == {
        "reactions": 1234,
        "comments": 7,
        "reposts": None,
        "impressions": None,
    }
    assert answer.json["snapshot"]["raw"]["reactions"] == "1\u202f234 réactions"
    mine = client.get("/api/v1/me/reach", headers=auth).json
    assert mine["shares"][0]["share"]["id"] == share["id"]
    assert mine["shares"][0]["reach"]["reactions"] == 1234
    assert mine["shares"][0]["reach"]["reposts"] is None  # unknown, not zero
    assert mine["shares"][0]["reach"]["clicks"] is None
    assert mine["months"][0]["reactions"] == 1234 and mine["months"][0]["shares_read"] == 1
    assert mine["insight"] is None


def test_month_counts_nobody_read_are_unknown_not_zero(client, auth):
    """README: what cannot be read is unknown, never zero, in the month table too."""
    log(client, auth, 1)
    month = client.get("/api/v1/me/reach", headers=auth).json["months"][0]
    assert month["shares"] == 1 and month["shares_read"] == 0
    assert [month[m] for m in ("reactions", "comments", "reposts", "impressions")] == [None] * 4
    share = log(client, auth, 2)
    assert post(client, auth, share["id"], reading(reactions=5)).status_code == 201
    month = client.get("/api/v1/me/reach", headers=auth).json["months"][0]
    assert month["reactions"] == 5 and month["comments"] is None and month["impressions"] is None


def test_one_reading_per_share_per_hour(client, auth, clock):
    share = log(client, auth, 1)
    assert post(client, auth, share["id"], reading(reactions=5)).status_code == 201
    clock.advance(minutes=20)
    again = post(client, auth, share["id"], reading(reactions=9))
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["reach"]["reactions"] == 5
    clock.advance(hours=1)
    later = post(client, auth, share["id"], reading(reactions=9))
    assert later.status_code == 201 and later.json["reach"]["reactions"] == 9
    history = client.get(f"/api/v1/shares/{share['id']}/reach", headers=auth).json
    assert [s["counts"]["reactions"] for s in history["snapshots"]] == [5, 9]


def test_a_lower_later_reading_keeps_the_highest_and_says_so(client, auth, clock):
    share = log(client, auth, 1)
    post(client, auth, share["id"], reading(reactions=40, comments=3))
    clock.advance(hours=2)
    lower = post(client, auth, share["id"], reading(reactions=38, comments=4)).json["reach"]
    assert lower["reactions"] == 40 and lower["latest"]["reactions"] == 38
    assert lower["comments"] == 4 and lower["dropped"] == ["reactions"]
    # A reading from before, delivered late, counts for the maximum but is not "latest".
    late = reading(reactions=41, seen_at=(clock() - timedelta(hours=5)).isoformat())
    after = post(client, auth, share["id"], late).json["reach"]
    assert after["reactions"] == 41 and after["latest"]["reactions"] == 38


def test_a_reading_dated_ahead_is_read_as_now_and_never_pins_latest(client, auth, clock, app):
    """A computer clock up to a day ahead (more is refused): its reading counts as one made
    when it arrives. Taken as dated, it was the share's "latest" until that time came, and the
    true readings after it, higher, showed as a drop."""
    share = log(client, auth, 1)
    ahead = reading(reactions=5, seen_at=(clock() + timedelta(hours=20)).isoformat())
    first = post(client, auth, share["id"], ahead)
    assert first.status_code == 201
    assert first.json["snapshot"]["seen_at"] == clock().isoformat().replace("+00:00", "Z")
    for hours, value in ((2, 30), (1, 50)):
        clock.advance(hours=hours)
        now = reading(reactions=value, seen_at=clock().isoformat())
        reach = post(client, auth, share["id"], now).json["reach"]
        assert reach["latest"]["reactions"] == value and reach["dropped"] == []
    with app.app_context(), database.connection_context():
        assert ShareReach.get().last_seen_at == clock()


def test_someone_elses_share_is_refused_and_nothing_is_kept(client, make_user, auth, app):
    share = log(client, auth, 1)
    _, other = make_user("bob@example.com")
    answer = post(client, other, share["id"], reading(reactions=3))
    assert answer.status_code == 404
    assert "your own" in answer.json["error"]["message"]
    assert client.get(f"/api/v1/shares/{share['id']}/reach", headers=other).status_code == 404
    assert post(client, auth, 999999, reading(reactions=3)).status_code == 404
    with app.app_context(), database.connection_context():
        assert ReachSnapshot.select().count() == 0


def test_bad_readings_get_clear_errors(client, auth, clock):
    share = log(client, auth, 1)
    empty = post(client, auth, share["id"], {"source": "feed", "counts": {}})
    assert empty.status_code == 422
    unknown_only = post(
        client, auth, share["id"], {"source": "feed", "counts": {"reactions": {"value": None}}}
    )
    assert unknown_only.status_code == 422
    negative = post(client, auth, share["id"], reading(reactions=-1))
    assert negative.status_code == 422
    future = reading(reactions=1, seen_at=(clock() + timedelta(days=3)).isoformat())
    assert post(client, auth, share["id"], future).status_code == 422
    assert (
        post(client, auth, share["id"], {**reading(reactions=1), "source": "x"}).status_code == 422
    )


def test_a_reading_dated_before_the_post_is_refused_and_nothing_is_kept(client, auth, clock, app):
    # The post's id dates it (unix_ms << 22): counts cannot have been read a week before it.
    share = log(client, auth, 1)
    week_before = reading(reactions=5, seen_at=(clock() - timedelta(days=7)).isoformat())
    refused = post(client, auth, share["id"], week_before)
    assert refused.status_code == 422
    assert refused.json["error"]["details"] == [{"field": "seen_at", "message": ANY_BEFORE_POST}]
    with app.app_context(), database.connection_context():
        assert ReachSnapshot.select().count() == 0 and ShareReach.select().count() == 0
    # A clock a few hours behind the server's is tolerated.
    hours_behind = reading(reactions=5, seen_at=(clock() - timedelta(hours=3)).isoformat())
    assert post(client, auth, share["id"], hours_behind).status_code == 201


def test_without_a_post_date_a_reading_may_not_predate_the_log_by_more_than_a_day(
    client, auth, clock
):
    body = {"url": "https://example.com/blog/my-first-talk", "network": "other"}
    share = client.post("/api/v1/shares", json=body, headers=auth).json["share"]
    old = reading(reactions=2, seen_at=(clock() - timedelta(days=2)).isoformat())
    assert post(client, auth, share["id"], old).status_code == 422
    recent = reading(reactions=2, seen_at=(clock() - timedelta(hours=20)).isoformat())
    assert post(client, auth, share["id"], recent).status_code == 201


def test_whole_counts_written_with_a_fraction_are_whole_numbers(client, auth):
    # 2.0 and 3e0 are the integers 2 and 3 (JSON Schema's "integer"): answered as such.
    share = log(client, auth, 1)
    body = {"source": "feed", "counts": {"reactions": {"value": 2.0}, "comments": {"value": 3e0}}}
    answer = post(client, auth, share["id"], body)
    assert answer.status_code == 201, answer.json
    assert '"reactions":2,' in answer.get_data(as_text=True)
    for counts in (answer.json["snapshot"]["counts"], answer.json["reach"]):
        assert (counts["reactions"], counts["comments"]) == (2, 3)
        assert type(counts["reactions"]) is int and type(counts["comments"]) is int
    history = client.get(f"/api/v1/shares/{share['id']}/reach", headers=auth).json
    assert type(history["snapshots"][0]["counts"]["reactions"]) is int
    fraction = post(client, auth, share["id"], reading(reactions=2.5))
    assert fraction.status_code == 422
    assert fraction.json["error"]["details"] == [
        {"field": "counts.reactions.value", "message": "must be of type integer or null"}
    ]


def test_a_deleted_share_takes_no_readings_and_leaves_the_rollups(client, auth, app, clock):
    keep, gone = log(client, auth, 1), log(client, auth, 2)
    post(client, auth, keep["id"], reading(reactions=10, impressions=500))
    post(client, auth, gone["id"], reading(reactions=20, comments=2))
    clock.advance(hours=1)
    post(client, auth, gone["id"], reading(reactions=25))
    assert client.delete(f"/api/v1/shares/{gone['id']}", headers=auth).status_code == 200
    assert post(client, auth, gone["id"], reading(reactions=30)).status_code == 404
    with app.app_context(), database.connection_context():
        assert rollups_stored() == rollups_from_rows()
        assert list(rollups_stored().values()) == [(1, 10, 0, 0, 500)]


def test_ten_comments_earn_the_conversation_badge(client, auth, clock):
    share = log(client, auth, 1)
    first = post(client, auth, share["id"], reading(comments=9)).json
    assert first["new_badges"] == []
    clock.advance(hours=1)
    second = post(client, auth, share["id"], reading(comments=10)).json
    assert [b["id"] for b in second["new_badges"]] == ["conversation-starter"]
    clock.advance(hours=1)
    assert post(client, auth, share["id"], reading(comments=12)).json["new_badges"] == []


def test_the_insight_needs_three_of_each_and_states_its_numbers(client, auth, clock):
    personal = [log(client, auth, n, PERSONAL + f" Day {n}.") for n in range(1, 4)]
    corporate = [log(client, auth, n, CORPORATE + f" Ref {n}.") for n in range(4, 7)]
    assert {s["voice"] for s in personal} == {"personal"}
    assert {s["voice"] for s in corporate} == {"corporate"}
    for share in personal[:2]:
        post(client, auth, share["id"], reading(comments=6))
    for share in corporate:
        post(client, auth, share["id"], reading(comments=2))
    assert client.get("/api/v1/me/reach", headers=auth).json["insight"] is None
    post(client, auth, personal[2]["id"], reading(comments=6))
    insight = client.get("/api/v1/me/reach", headers=auth).json["insight"]
    assert insight == {
        "metric": "comments",
        "own_voice": {"posts": 3, "average": 6.0},
        "other": {"posts": 3, "average": 2.0},
        "ratio": 3.0,
    }


def test_rollups_equal_the_rows_after_many_writes_and_a_rebuild(client, make_user, app, clock):
    people = [make_user(team=team)[1] for team in ("Sales", "Ops", "Sales", None)]
    shares = [(who, log(client, who, 10 * i + k)) for i, who in enumerate(people) for k in range(3)]
    for step in range(4):
        for n, (who, share) in enumerate(shares):
            value = (n * 7 + step * 3) % 17  # rises and falls
            post(client, who, share["id"], reading(reactions=value, comments=value // 3))
        clock.advance(hours=1)
    client.delete(f"/api/v1/shares/{shares[0][1]['id']}", headers=shares[0][0])
    with app.app_context(), database.connection_context():
        expected = rollups_from_rows()
        assert rollups_stored() == expected and len(expected) >= 3
        assert ShareReach.select().count() == len(shares) - 1
        rebuild_rollups()
        assert rollups_stored() == expected


def test_erasing_a_person_removes_their_reach_from_the_rollups(client, make_user, app):
    ann, ann_auth = make_user("ann2@example.com")
    _, bob_auth = make_user("bob2@example.com")
    post(client, ann_auth, log(client, ann_auth, 1)["id"], reading(reactions=4))
    post(client, bob_auth, log(client, bob_auth, 2)["id"], reading(reactions=6))
    gone = client.delete("/api/v1/me", json={"confirm_email": "ann2@example.com"}, headers=ann_auth)
    assert gone.status_code == 200
    with app.app_context(), database.connection_context():
        assert rollups_stored() == rollups_from_rows()
        assert sum(v[1] for v in rollups_stored().values()) == 6
        assert ReachSnapshot.select().where(ReachSnapshot.user == ann.id).count() == 0


def test_the_export_holds_every_reading_with_its_raw_text(client, auth):
    share = log(client, auth, 1)
    body = reading(reactions=1234)
    body["counts"]["reactions"]["raw"] = "1\u202f234 réactions"
    post(client, auth, share["id"], body)
    export = client.get("/api/v1/me/export", headers=auth).json
    assert [s["share_id"] for s in export["reach_snapshots"]] == [share["id"]]
    assert export["reach_snapshots"][0]["snapshot"]["raw"] == {"reactions": "1\u202f234 réactions"}
    assert export["hold_back_answer"] is None
