"""Hostile and careless use, eighth round, continued (SQLite and PostgreSQL): a deployment
behind a reverse proxy, and analytics that kept naming someone who had left them."""

from __future__ import annotations

import pytest
from test_analytics import office, table_rows  # noqa: F401 (office: a fixture)

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import User

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


# --- Behind a reverse proxy -----------------------------------------------------------------


def _sign_in_requests(client, forwarded_for: list[str]) -> list[int]:
    """POST /console/sign-in (a link by email) once from each claimed address."""
    from console_helpers import csrf_from

    token = csrf_from(client.get("/console/sign-in").text)
    return [
        client.post(
            "/console/sign-in",
            data={"csrf_token": token, "email": "x@example.com"},
            headers={"X-Forwarded-For": address},
        ).status_code
        for address in forwarded_for
    ]


@pytest.mark.parametrize("hops", [0, 1])
def test_behind_a_proxy_each_client_has_its_own_sign_in_limit(db_url, tmp_path, monkeypatch, hops):
    """Behind nginx every request came from the proxy's address: one stranger asking for
    sign-in links ten times a minute spent the limit (per address) of every admin. With
    FIRSTHAND_PROXY_HOPS=1 the client is the address the proxy names; without it the
    header is ignored, so nobody dodges the limit by naming another address."""
    from firsthand import create_app
    from firsthand.db import migrate

    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("FIRSTHAND_PROXY_HOPS", str(hops))
    # (mail configured, so the page offers the form; no such person, so nothing is sent)
    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "SMTP_URL": "smtp://127.0.0.1:9"})
    migrate(database.obj)
    stranger = _sign_in_requests(app.test_client(), ["203.0.113.9"] * 11)
    assert stranger == [200] * 10 + [429]
    admin = _sign_in_requests(app.test_client(), ["198.51.100.7"])
    assert admin == ([200] if hops else [429])
    database.close()


# --- Analytics that name people --------------------------------------------------------------


def test_an_opt_out_or_erasure_leaves_the_top_posts_at_once(client, app, office, clock):  # noqa: F811
    """Each worker keeps the analytics figures five minutes: the one table that names people
    (top posts) kept naming someone who had just opted out of the boards, or had just been
    erased, on the page and in its CSV, for as long."""
    app.config["ANALYTICS_CACHE_SECONDS"] = 300
    admin, people = office
    with app.app_context(), database.connection_context():
        tiny, sales = (User.get(User.email == f"{n}0@example.com").name for n in ("tiny", "sales"))
    sign_in(client, app, admin, clock)

    def named() -> list[str]:
        page = client.get("/console/analytics/").text
        return [row[0] for row in table_rows(page, "top_posts")]

    assert {tiny, sales} <= set(named())
    client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=people["Tiny0"][1])
    gone = {"confirm_email": "sales0@example.com"}
    assert client.delete("/api/v1/me", json=gone, headers=people["Sales0"][1]).status_code == 200
    assert not {tiny, sales} & set(named())
    assert tiny not in client.get("/console/analytics/top_posts.csv").text
