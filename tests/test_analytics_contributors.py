"""Figures by team and by network fold on the people a row is made of, not on headcount (a
console hunt): Legal has three people but only Lena posted, so a "Legal" row of reach or of
clicks was Lena's own, even though she left the leaderboards and "Top posts" leaves her out.
A network only one person posted on was theirs too, shown or subtracted from the total.
Through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

from test_analytics import table_rows
from test_analytics_stories import BROWSER, story
from test_hostile_edges import _reading
from test_stories import log

from console_helpers import sign_in
from helpers import apply_clicks, linkedin_url, x_url

LENA = 777  # what Lena, the one person of Legal who posted, did: nowhere on a page


def read(client, headers, share_id: int, value: int) -> None:
    answer = client.post(f"/api/v1/shares/{share_id}/reach", json=_reading(value), headers=headers)
    assert answer.status_code == 201, answer.get_json()


def post(client, headers, url: str, network: str = "linkedin", value: int = 100) -> None:
    answer = client.post("/api/v1/shares", json={"url": url, "network": network}, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    read(client, headers, answer.get_json()["share"]["id"], value)


def csv_rows(client, name: str) -> list[list[str]]:
    answer = client.get(f"/console/analytics/{name}.csv")
    assert answer.status_code == 200
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))


def test_a_team_where_one_person_posted_is_not_that_persons_row(app, client, clock, small_teams):
    admin, sales, legal = small_teams
    for k, (_, headers) in enumerate(sales):
        post(client, headers, linkedin_url(k))
    lena = legal[0][1]
    post(client, lena, linkedin_url(9), value=LENA)
    opted = client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=lena)
    assert opted.status_code == 200
    sign_in(client, app, admin[0], clock)
    html = client.get("/console/analytics/").text
    rows = csv_rows(client, "reach_by_team")
    assert [row[:3] + row[-1:] for row in rows[1:]] == [["Sales", "3", "3", "300"]]
    assert rows[0][:3] == ["team", "people who posted", "posts read"]
    assert [row[0] for row in table_rows(html, "reach_by_team")] == ["Sales"]
    # Legal folds into "Other teams", one person, left out: the figures by network leave
    # Legal out too, or their total less Sales would be Lena's.
    assert [row[0] for row in csv_rows(client, "reach_by_network")[1:]] == ["linkedin"]
    assert csv_rows(client, "reach_by_network")[1][-1] == "300"
    assert f"{LENA}" not in html and "Lena" not in html


def test_a_network_one_person_posted_on_is_not_theirs(app, client, clock, small_teams):
    """s0 alone posted on X: an "x" row was their reach; left out, the teams' total less
    the networks shown would be. X is counted with LinkedIn instead, and the row says so."""
    admin, sales, _ = small_teams
    for k, (_, headers) in enumerate(sales):
        post(client, headers, linkedin_url(k))
    post(client, sales[0][1], x_url(1), network="x", value=555)
    sign_in(client, app, admin[0], clock)
    html = client.get("/console/analytics/").text
    by_network = {row[0]: row[1:] for row in csv_rows(client, "reach_by_network")[1:]}
    assert by_network == {"linkedin with other networks": ["3", "4"] + ["855"] * 4}
    assert "555" not in html.split('id="reach_by_network-h"', 1)[1].split("</section>", 1)[0]


def test_clicks_by_team_fold_on_who_told_a_story(app, client, clock, small_teams):
    """Only Lena of Legal told the story, and her link drew two clicks: a Legal row said so."""
    admin, sales, legal = small_teams
    story_id = story(client, admin[1], "Atlas is live", "https://acme.example/atlas")
    for k, (_, headers) in enumerate([*sales, legal[0]]):
        link = next(s for s in client.get("/api/v1/stories", headers=headers).get_json()["data"])[
            "tracked_link"
        ]
        answer = log(client, headers, k, text=f"Proud of the Atlas launch. {link}")
        assert answer.status_code == 201, answer.get_json()
        if headers is legal[0][1]:
            for n in range(2):
                answer = client.get(
                    link.removeprefix("http://localhost"),
                    headers={"User-Agent": BROWSER},
                    environ_base={"REMOTE_ADDR": f"10.9.0.{n}"},
                )
                assert answer.status_code == 302
    apply_clicks(app)
    sign_in(client, app, admin[0], clock)
    html = client.get("/console/analytics/").text
    rows = csv_rows(client, "clicks_by_team")
    assert rows[1:] == [["Sales", "3", "3", "0"]]
    assert rows[0][1] == "people telling a story"
    assert [row[0] for row in table_rows(html, "clicks_by_team")] == ["Sales"]
    assert csv_rows(client, "clicks_by_network")[1:] == [["linkedin", "3", "3", "0"]]
    assert story_id and "Legal" not in html.split('id="clicks_by_team-h"', 1)[1]
