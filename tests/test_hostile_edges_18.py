"""Hostile and careless use, eighteenth round (a cold hunt on reach, kudos and badges).

- A share logged as posted on 1 January of year 1 made every reach reading of it a 500 (a day
  before that date is no date): the earliest reading is then the date itself.
- A stale post (from before one joined, or too old) counts towards nothing, but its reach
  earned the public impact badges: its readings no longer move the badge counters.
- A revoked badge's page said in its title and link-preview tags who had earned it; the
  revoked badge was also listed as "in progress, 1 of 1" for ever (it is never given again).
- Invisible characters beyond the BMP (tag characters, variation selectors 17-256, format
  controls) passed "must not be blank" for kudos and names; direction overrides stayed in a
  kudos message ("thanks \\u202egnp.exe").
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from firsthand.input_guard import tidy_text
from helpers import CLOCK_START, linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)

READING = {"source": "post", "counts": {"comments": {"value": 10}, "reactions": {"value": 50}}}


def _log(client, headers, n, at=CLOCK_START, **extra):
    body = {"url": linkedin_url(n, at), "network": "linkedin", **extra}
    answer = client.post("/api/v1/shares", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_share_said_to_be_posted_in_year_one_takes_readings(client, auth):
    # A link whose id tells no date (a LinkedIn id does, and such a posted_at is refused).
    body = {"url": "https://blog.example.org/2026/our-atlas", "network": "other"}
    answer = client.post(
        "/api/v1/shares", json=body | {"posted_at": "0001-01-01T00:00:00Z"}, headers=auth
    )
    assert answer.status_code == 201, answer.get_json()
    share = answer.get_json()["share"]
    for _ in range(2):
        answer = client.post(f"/api/v1/shares/{share['id']}/reach", json=READING, headers=auth)
        assert answer.status_code in (200, 201), answer.get_json()


def test_a_stale_posts_reach_earns_no_badge(client, auth):
    stale = _log(client, auth, 1, CLOCK_START - timedelta(days=400))
    assert [e["rule"] for e in stale["points_breakdown"]] == ["stale_post"]
    answer = client.post(f"/api/v1/shares/{stale['share']['id']}/reach", json=READING, headers=auth)
    assert answer.status_code == 201 and answer.get_json()["new_badges"] == []
    fresh = _log(client, auth, 2)["share"]  # the same reach on a counted post does
    answer = client.post(f"/api/v1/shares/{fresh['id']}/reach", json=READING, headers=auth)
    assert {b["id"] for b in answer.get_json()["new_badges"]} >= {"conversation-starter"}


@pytest.fixture
def revoked(client, make_user, runner):
    user, headers = make_user(name="Zelda Secretname")
    _log(client, headers, 1)
    url = client.get("/api/v1/me", headers=headers).get_json()["badges"][0]["assertion_url"]
    done = runner.invoke(args=["revoke-badge", url.rsplit("/", 1)[1], "--reason", "a mistake"])
    assert done.exit_code == 0, done.output
    return headers, url


def test_a_revoked_badges_page_names_no_one(client, revoked):
    _, url = revoked
    page = client.get("/" + url.split("/", 3)[3], headers={"Accept": "text/html"})
    assert page.status_code == 410
    assert "was revoked" in page.text
    assert "Zelda" not in page.text


def test_a_revoked_badge_is_not_in_progress(client, revoked):
    headers, _ = revoked
    _log(client, headers, 2)
    answer = client.get("/api/v1/me/badges", headers=headers).get_json()
    assert "first-share" not in [b["id"] for b in answer["in_progress"]]
    assert "first-share" not in [b["id"] for b in answer["earned"]]


@pytest.mark.parametrize(
    "blank", ["\U000e0041\U000e0042", "\U000e0100", "\U0001d173", "\U00013430", "\U0001bca0"]
)
def test_invisible_text_beyond_the_bmp_is_blank(client, make_user, blank):
    _, headers = make_user()
    bob, _ = make_user()
    answer = client.post(
        "/api/v1/kudos", json={"to_user_id": bob.id, "message": blank}, headers=headers
    )
    assert answer.status_code == 422, answer.get_json()
    _, admin = make_user(role="admin")
    invited = client.post(
        "/api/v1/users", json={"email": "new@example.com", "name": blank}, headers=admin
    )
    assert invited.status_code == 422, invited.get_json()


def test_a_scottish_flag_in_a_name_is_kept():
    flag = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert tidy_text(f"Go team {flag}!") == f"Go team {flag}!"


def test_direction_overrides_leave_a_kudos_message():
    assert tidy_text("thanks \u202egnp.exe") == "thanks gnp.exe"
