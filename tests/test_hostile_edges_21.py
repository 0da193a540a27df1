"""Hostile and careless use, twenty-first round (a cold hunt on points, levels, streaks and the
boards over time).

- A points rule with negative points passed check-data; once a total went below 0 there was no
  level, and /me, logging and deleting answered 500 after their writes (tests/test_points.py,
  tests/test_datafiles.py): rules' points are never negative, and a total below 0 is level 1.
- A person whose only share of a period was deleted stayed on that period's boards with 0
  points and 0 shares, ranked first with a Thank button, above colleagues with no row: a row
  left at nothing is no standing.
"""

from __future__ import annotations

import pytest

from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.mark.parametrize("period", ["week", "month", "all"])
def test_a_share_deleted_leaves_no_empty_standing_on_the_boards(client, make_user, period):
    ann, ann_headers = make_user("ann@example.com", team="Sales", name="Ann")
    _, bob_headers = make_user("bob@example.com", team="Sales", name="Bob")
    body = {"url": linkedin_url(1), "network": "linkedin"}
    logged = client.post("/api/v1/shares", json=body, headers=ann_headers)
    assert logged.status_code == 201
    share_id = logged.get_json()["share"]["id"]
    assert client.delete(f"/api/v1/shares/{share_id}", headers=ann_headers).status_code == 200

    for scope in ("team", "company"):
        board = client.get(
            f"/api/v1/leaderboard?period={period}&scope={scope}", headers=bob_headers
        ).get_json()
        assert board["entries"] == [], board
        assert board["you"]["rank"] is None and board["you"]["points"] == 0

    # A colleague who shares still stands (and Ann's empty row does not come back).
    _, cy_headers = make_user("cy@example.com", team="Sales", name="Cy")
    for n in range(2, 4):
        body = {"url": linkedin_url(n), "network": "linkedin"}
        assert client.post("/api/v1/shares", json=body, headers=cy_headers).status_code == 201
    board = client.get(
        f"/api/v1/leaderboard?period={period}&scope=team", headers=bob_headers
    ).get_json()
    assert [e["name"] for e in board["entries"]] == ["Cy"]
    assert ann.id not in [e["user_id"] for e in board["entries"]]
