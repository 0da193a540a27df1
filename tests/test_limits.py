import socket
import uuid

import pytest

from firsthand import create_app
from firsthand.accounts import create_user
from firsthand.auth import issue_token
from firsthand.db import close_pool, database, migrate


def limited_app(tmp_path, monkeypatch, clock, storage="memory://"):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/l.db",
            "CLOCK": clock,
            "RATELIMIT_WRITES": "3/minute",
            "RATELIMIT_STORAGE_URI": storage,
            "RATELIMIT_KEY_PREFIX": f"firsthand-test-{uuid.uuid4().hex}",
        }
    )
    migrate(database.obj)
    with app.app_context(), database.connection_context():
        users = [create_user(f"u{i}@example.com", f"U{i}", clock()) for i in range(2)]
        headers = [{"Authorization": f"Bearer {issue_token(u)}"} for u in users]
    return app, headers


def hammer(client, headers, count, offset=0):
    return [
        client.post(
            "/api/v1/shares",
            json={"url": f"https://example.com/p/{offset + n}", "network": "other"},
            headers=headers,
        )
        for n in range(count)
    ]


def check_limit(app, headers):
    client = app.test_client()
    answers = hammer(client, headers[0], 4)
    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    blocked = answers[-1]
    assert blocked.get_json()["error"]["code"] == "rate_limited"
    assert int(blocked.headers["Retry-After"]) > 0
    # Limits are per user: a colleague is not slowed down by someone else's burst.
    assert hammer(client, headers[1], 1, offset=100)[0].status_code == 201


def test_writes_are_rate_limited_per_user(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    check_limit(app, headers)
    database.close()


def test_only_a_429_says_to_retry_after(tmp_path, monkeypatch, clock):
    # Flask-Limiter adds Retry-After to every answer of a limited route; only 429 asks to wait.
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    suggestion = client.post("/api/v1/suggestions", json={"text": "hi there"}, headers=headers[0])
    refused = client.post("/api/v1/shares", json={}, headers=headers[0])
    answers = [suggestion, refused, *hammer(client, headers[0], 4)]
    assert [a.status_code for a in answers] == [200, 422, 201, 201, 201, 429]
    assert [a.headers.get("Retry-After") is not None for a in answers] == [False] * 5 + [True]
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert all("X-RateLimit-Limit" in a.headers for a in answers)  # kept: how much is left
    database.close()


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_limits_can_live_in_redis(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock, "redis://127.0.0.1:6379/0")
    check_limit(app, headers)
    database.close()


def test_the_extension_may_read_how_long_to_wait(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    origin = {"Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop"}
    answers = hammer(app.test_client(), {**headers[0], **origin}, 4)
    blocked = answers[-1]
    assert blocked.status_code == 429
    exposed = blocked.headers["Access-Control-Expose-Headers"].lower()
    assert "retry-after" in [h.strip() for h in exposed.split(",")]
    database.close()


def test_refused_writes_do_not_spend_the_quota(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    bad = {"url": "https://example.com:99999/p", "network": "other"}
    refusals = [client.post("/api/v1/shares", json=bad, headers=headers[0]) for _ in range(5)]
    assert {r.status_code for r in refusals} == {422}
    # Five mistakes later, the three accepted writes a minute are all still there.
    assert [a.status_code for a in hammer(client, headers[0], 4)] == [201, 201, 201, 429]
    database.close()


def test_retries_are_answered_from_before_and_spend_no_quota(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    body = {"url": "https://example.com/p/retried", "network": "other"}
    keyed = {**headers[0], "Idempotency-Key": "retry-1"}
    answers = [client.post("/api/v1/shares", json=body, headers=keyed) for _ in range(8)]
    assert [a.status_code for a in answers] == [201] + [200] * 7
    assert len({a.get_json()["share"]["id"] for a in answers}) == 1
    # The same post without its key is a retry too.
    assert client.post("/api/v1/shares", json=body, headers=headers[0]).status_code == 200
    # One write spent of the three a minute: two new shares left, then 429.
    assert [a.status_code for a in hammer(client, headers[0], 3)] == [201, 201, 429]
    database.close()


def test_a_client_looping_on_a_retry_is_slowed_by_the_refusals_budget(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    app.config["RATELIMIT_REFUSED"] = "5/minute"
    client = app.test_client()
    body = {"url": "https://example.com/p/looped", "network": "other"}
    keyed = {**headers[0], "Idempotency-Key": "loop-1"}
    codes = [client.post("/api/v1/shares", json=body, headers=keyed).status_code for _ in range(8)]
    assert codes == [201] + [200] * 5 + [429] * 2
    database.close()


def test_with_the_quota_spent_retries_and_refusals_still_get_their_own_answer(
    tmp_path, monkeypatch, clock
):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    claimed = {"url": "https://example.com/p/colleague", "network": "other"}
    assert client.post("/api/v1/shares", json=claimed, headers=headers[1]).status_code == 201
    first = None
    for n in range(4):
        body = {"url": f"https://example.com/p/{n}", "network": "other"}
        answer = client.post(
            "/api/v1/shares", json=body, headers={**headers[0], "Idempotency-Key": f"k{n}"}
        )
        assert answer.status_code == (201 if n < 3 else 429)
        first = first or answer.get_json()["share"]
    retried = client.post(
        "/api/v1/shares",
        json={"url": "https://example.com/p/0", "network": "other"},
        headers={**headers[0], "Idempotency-Key": "k0"},
    )
    assert retried.status_code == 200 and retried.get_json()["share"] == first
    again = client.post(
        "/api/v1/shares",
        json={"url": "https://example.com/p/1", "network": "other"},
        headers=headers[0],
    )
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    refusals = {
        "malformed": ({"url": "bad"}, 422),
        "bad port": ({"url": "https://example.com:99999/p", "network": "other"}, 422),
        "a colleague's post": (claimed, 409),
        "a story not theirs": (
            {"url": "https://example.com/p/9", "network": "other", "story_id": 99},
            422,
        ),
    }
    for name, (body, status) in refusals.items():
        answer = client.post("/api/v1/shares", json=body, headers=headers[0])
        assert answer.status_code == status, name
    blocked = hammer(client, headers[0], 1, offset=50)[0]  # a new share still waits
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    database.close()


def test_refusals_have_their_own_budget(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    app.config["RATELIMIT_REFUSED"] = "4/minute"
    client = app.test_client()
    bad = {"url": "https://example.com:99999/p", "network": "other"}
    answers = [client.post("/api/v1/shares", json=bad, headers=headers[0]) for _ in range(5)]
    assert [a.status_code for a in answers] == [422, 422, 422, 422, 429]
    # A client looping on an error is slowed down; a colleague is not.
    assert hammer(client, headers[1], 1)[0].status_code == 201
    database.close()


def test_the_write_quota_is_one_budget_across_every_write(tmp_path, monkeypatch, clock):
    # A hunt found each write endpoint had its own 30 a minute: past the quota on /shares,
    # kudos, PATCH /me and deletes still went through, each with a quota of its own.
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    first = hammer(client, headers[0], 2)
    assert [a.status_code for a in first] == [201, 201]
    me = client.patch("/api/v1/me", json={"leaderboard_opt_out": False}, headers=headers[0])
    assert me.status_code == 200 and me.headers["X-RateLimit-Remaining"] == "0"
    colleague = {"to_user_id": 2, "message": "Thanks for the review"}
    writes = [
        client.post("/api/v1/kudos", json=colleague, headers=headers[0]),
        client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=headers[0]),
        client.delete(f"/api/v1/shares/{first[0].get_json()['share']['id']}", headers=headers[0]),
        hammer(client, headers[0], 1, offset=10)[0],
    ]
    assert [w.status_code for w in writes] == [429] * 4
    assert all(int(w.headers["Retry-After"]) > 0 for w in writes)
    assert {w.headers["X-RateLimit-Limit"] for w in writes} == {"3"}
    # The colleague's own budget is whole.
    thanks = {"to_user_id": 1, "message": "Thanks for the demo"}
    assert client.post("/api/v1/kudos", json=thanks, headers=headers[1]).status_code == 201
    database.close()


def test_refusals_slow_only_requests_of_their_own_kind(tmp_path, monkeypatch, clock):
    # A hunt found a client re-logging an already-logged share (200, counted as a refusal)
    # spent the one refusals budget and so shut the composer's suggestions off for a minute.
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    app.config["RATELIMIT_REFUSED"] = "3/minute"
    client = app.test_client()
    body = {"url": "https://example.com/p/relogged", "network": "other"}
    codes = [
        client.post("/api/v1/shares", json=body, headers=headers[0]).status_code for _ in range(5)
    ]
    assert codes == [201, 200, 200, 200, 429]  # the looping writer is slowed
    draft = {"text": "I spent the week rebuilding our billing pages and learned a lot."}
    suggest = client.post("/api/v1/suggestions", json=draft, headers=headers[0])
    assert suggest.status_code == 200
    # And the other way round: drafts with nothing to read slow suggestions, not writes.
    empty = [
        client.post("/api/v1/suggestions", json={"text": "!!"}, headers=headers[1])
        for _ in range(4)
    ]
    assert [a.status_code for a in empty] == [422, 422, 422, 429]
    assert hammer(client, headers[1], 1, offset=20)[0].status_code == 201
    database.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe closes


def test_a_configured_redis_that_is_down_does_not_stop_the_service(
    tmp_path, monkeypatch, clock, caplog
):
    app, headers = limited_app(tmp_path, monkeypatch, clock, f"redis://127.0.0.1:{closed_port()}/0")
    client = app.test_client()
    answers = hammer(client, headers[0], 4)
    # Limits still hold, counted in this process's memory, and the log says so.
    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    assert "falling back to in-memory storage" in caplog.text
    draft = {"text": "I spent the week rebuilding our search and learned a lot."}
    assert client.post("/api/v1/suggestions", json=draft, headers=headers[1]).status_code == 200
    health = client.get("/api/v1/health")
    assert health.status_code == 200
    body = health.get_json()
    assert body["status"] == "degraded"
    assert body["dependencies"]["database"] == {"state": "ok", "kind": "sqlite"}
    limits = body["dependencies"]["rate_limits"]
    assert limits["state"] == "degraded" and limits["kind"] == "redis"
    assert "per process" in limits["message"]
    database.close()


def test_health_reports_each_dependency_when_all_is_well(tmp_path, monkeypatch, clock):
    app, _ = limited_app(tmp_path, monkeypatch, clock)
    body = app.test_client().get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["dependencies"] == {
        "database": {"state": "ok", "kind": "sqlite"},
        "rate_limits": {"state": "ok", "kind": "memory"},
    }
    database.close()


def test_health_says_down_when_the_database_does_not_answer(tmp_path, monkeypatch, clock):
    app, _ = limited_app(tmp_path, monkeypatch, clock)
    (tmp_path / "l.db").unlink()
    (tmp_path / "l.db").mkdir()  # the file is gone and cannot be recreated
    close_pool()  # pooled connections would keep the unlinked file open
    answer = app.test_client().get("/api/v1/health")
    assert answer.status_code == 503
    assert answer.get_json()["dependencies"]["database"]["state"] == "down"


def test_requests_get_a_503_not_a_500_while_the_database_is_down(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    (tmp_path / "l.db").unlink()
    (tmp_path / "l.db").mkdir()
    close_pool()
    answer = app.test_client().get("/api/v1/me", headers=headers[0])
    assert answer.status_code == 503
    assert answer.get_json()["error"]["code"] == "unavailable"


def test_limits_over_every_request_still_apply_where_configured():
    # Firsthand's limiter skips Flask-Limiter's before-request pass when only views carry
    # limits; an application-wide default limit must still be counted by that pass.
    from flask import Flask

    from firsthand.limits import _Limiter

    app = Flask(__name__)
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"

    @app.get("/ping")
    def ping():
        return {"ok": True}

    _Limiter(key_func=lambda: "everyone", default_limits=["2/minute"]).init_app(app)
    client = app.test_client()
    assert [client.get("/ping").status_code for _ in range(3)] == [200, 200, 429]

    bare = Flask(__name__)
    bare.config["RATELIMIT_STORAGE_URI"] = "memory://"
    bare.add_url_rule("/ping", view_func=ping)
    only_views = _Limiter(key_func=lambda: "everyone")
    only_views.init_app(bare)
    assert not only_views._limits_beyond_views()
    assert [bare.test_client().get("/ping").status_code for _ in range(3)] == [200] * 3


def test_reach_readings_never_spend_the_share_quota(tmp_path, monkeypatch, clock):
    # A review found the extension's reach readings (one a logged post an hour, as the
    # employee scrolls their activity page) spent the one write budget: a share logged then
    # answered 429.
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    client = app.test_client()
    (logged,) = hammer(client, headers[0], 1)
    assert logged.status_code == 201
    share_id = logged.get_json()["share"]["id"]
    reading = {"source": "feed", "counts": {"reactions": {"value": 3}}}
    for _ in range(3):  # one reading an hour
        answer = client.post(f"/api/v1/shares/{share_id}/reach", json=reading, headers=headers[0])
        assert answer.status_code == 201, answer.get_json()
        clock.advance(hours=1)
        reading["counts"]["reactions"]["value"] += 1
    assert [a.status_code for a in hammer(client, headers[0], 2, offset=10)] == [201, 201]
    database.close()
