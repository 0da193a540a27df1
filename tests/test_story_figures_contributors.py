"""A story's figures by team fold on the people who told it, not on headcount (as analytics
does, analytics_folding.py): Legal has three people but only Lena told the story and drew
its clicks, so a "Legal" row on the story's page and in the API was Lena's own shares and
clicks, though she left the leaderboards. Through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

from test_analytics import table_rows
from test_analytics_stories import BROWSER, story
from test_stories import log, team_id

from console_helpers import sign_in
from helpers import apply_clicks, bystanders

LENA_CLICKS = 17  # the clicks on Lena's link: nowhere on a page or in the API


def tell(client, headers, n: int, clicks: int = 0) -> None:
    """Post the story with one's own tracked link; `clicks` people click it."""
    link = client.get("/api/v1/stories", headers=headers).get_json()["data"][0]["tracked_link"]
    answer = log(client, headers, n, text=f"Proud of the Atlas launch, my part in it. {link}")
    assert answer.status_code == 201, answer.get_json()
    for k in range(clicks):
        answer = client.get(
            link.removeprefix("http://localhost"),
            headers={"User-Agent": BROWSER},
            environ_base={"REMOTE_ADDR": f"10.7.{n}.{k}"},
        )
        assert answer.status_code == 302


def figures(client, headers, story_id: int) -> dict:
    answer = client.get(f"/api/v1/stories/{story_id}", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["figures"]


def test_a_team_where_one_person_told_the_story_is_not_that_persons_row(
    app, client, clock, make_user, small_teams
):
    admin, sales, legal = small_teams
    bystanders(make_user, client, "Sales")  # Sales is a row: not everyone in it told it
    story_id = story(client, admin[1], "Atlas is live", "https://acme.example/atlas")
    for k, (_, headers) in enumerate(sales):
        tell(client, headers, k)
    lena = legal[0][1]
    tell(client, lena, 9, clicks=LENA_CLICKS)
    opted = client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=lena)
    assert opted.status_code == 200
    apply_clicks(app)

    shown = figures(client, admin[1], story_id)
    assert [(row["team"], row["shares"], row["clicks"]) for row in shown["by_team"]] == [
        ("Sales", 3, 0)
    ]
    assert shown["by_team"][0]["contributors"] == 3  # who told it, not the headcount
    # Lena's share and clicks are in no total either (4 - 3 would be hers).
    assert (shown["shares"], shown["clicks"], shown["contributors"]) == (3, 0, 3)
    assert shown["small_groups_hidden"] is True
    # Who it is for is a headcount, no one's doing: Legal's three stay in it.
    assert shown["audience"] == 10  # and Ada, without a team
    listed = client.get("/api/v1/stories/manage", headers=admin[1]).get_json()["data"]
    assert listed[0]["figures"] == shown

    sign_in(client, app, admin[0], clock)
    page = client.get(f"/console/stories/{story_id}").text
    table = page.split("<caption>By team</caption>", 1)[1].split("</table>", 1)[0]
    assert "Legal" not in table and "Other teams" not in table
    assert f">{LENA_CLICKS}<" not in page and "Lena" not in page
    exported = client.get("/console/stories/?format=csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [(r["team"], r["shares"], r["clicks"]) for r in rows] == [
        ("(all)", "3", "0"),
        ("Sales", "3", "0"),
    ]


def test_a_story_for_one_team_told_by_one_of_them_shows_who_it_is_for_only(
    app, client, clock, small_teams
):
    """A story for Legal alone, told by Lena: its totals were hers; the page says it is for
    three people (true) and shows no share or click figure."""
    admin, _, legal = small_teams
    legal_id = team_id(app, "Legal")
    answer = client.post(
        "/api/v1/stories",
        json={
            "title": "Legal wins",
            "context": "Legal wins: what happened, in a few sentences for context.",
            "link": "https://acme.example/legal",
            "questions": ["What did you see?", "Who made it happen?"],
            "everyone": False,
            "team_ids": [legal_id],
        },
        headers=admin[1],
    )
    assert answer.status_code == 201, answer.get_json()
    story_id = answer.get_json()["id"]
    tell(client, legal[0][1], 1, clicks=LENA_CLICKS)
    apply_clicks(app)

    shown = figures(client, admin[1], story_id)
    assert shown["by_team"] == [] and shown["small_groups_hidden"] is True
    assert (shown["audience"], shown["shares"], shown["clicks"]) == (3, 0, 0)

    sign_in(client, app, admin[0], clock)
    page = client.get(f"/console/stories/{story_id}").text
    cards = page.split('class="stat-grid"', 1)[1].split("</div>", 1)[0]
    numbers = cards.split('class="stat-number">')[1:]
    assert numbers[0].startswith("3<") and len(numbers) == 5
    assert all("not shown" in n for n in numbers[2:])  # shares, own voice, clicks
    assert f">{LENA_CLICKS}<" not in page
    listing = client.get("/console/stories/").text
    assert "fewer than 3 people" not in listing.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def legal_story(app, client, admin) -> int:
    body = {
        "title": "Legal wins",
        "context": "Legal wins: what happened, in a few sentences for context.",
        "link": "https://acme.example/legal",
        "questions": ["What did you see?", "Who made it happen?"],
        "everyone": False,
        "team_ids": [team_id(app, "Legal")],
    }
    answer = client.post("/api/v1/stories", json=body, headers=admin)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def test_a_team_where_everyone_who_could_told_the_story_is_no_row(
    app, client, clock, make_user, small_teams
):
    """A story for Legal alone, told by all three (Lena left the leaderboards): "3 of 3
    telling it" said what each of them did. Three more of Legal, connected, who have not
    told it make the row a group again."""
    admin, _, legal = small_teams
    story_id = legal_story(app, client, admin[1])
    for k, (_, headers) in enumerate(legal):
        tell(client, headers, 20 + k)
    assert client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=legal[0][1])
    shown = figures(client, admin[1], story_id)
    assert shown["by_team"] == [] and shown["small_groups_hidden"] is True
    assert (shown["audience"], shown["shares"], shown["contributors"]) == (3, 0, 0)
    sign_in(client, app, admin[0], clock)
    page = client.get(f"/console/stories/{story_id}").text
    assert "or fewer than 3 of those who can get it have not" in page
    assert all("not shown" in n for n in page.split('class="stat-number">')[3:6])
    reach = client.get("/console/analytics/").text  # nor a row of Analytics' stories
    assert 'data-empty="story_reach"' in reach

    bystanders(make_user, client, "Legal")
    shown = figures(client, admin[1], story_id)
    rows = [(r["team"], r["audience"], r["contributors"], r["shares"]) for r in shown["by_team"]]
    assert rows == [("Legal", 6, 3, 3)] and shown["small_groups_hidden"] is False
    reach = client.get("/console/analytics/").text
    assert [row[:3] for row in table_rows(reach, "story_reach")] == [["Legal wins", "3", "3"]]
