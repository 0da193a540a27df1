"""The analytics page's story and click figures: reach and clicks per story, tracked-link
clicks per team and per network, equal to the database, folded below the minimum group,
kept to a manager's teams, each CSV equal to its table, and clicks in the earned media value."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from test_analytics import table_rows

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import Team
from firsthand.reach_models import ShareReach
from firsthand.stories_models import ShareStory, StoryClicks
from firsthand.teams import add_manager
from helpers import apply_clicks, linkedin_url, x_url

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
VOICES = [
    "I spent three months on the route planner with Dana, and watching her team plan a week "
    "in ten minutes made every late night worth it.",
    "My first customer call with the new planner: Jo in Lyon laughed when her Monday plan took "
    "one click. I keep thinking about that laugh.",
    "Honest take from support: we feared the launch week, and it was the calmest one we had "
    "this year, thanks to Priya testing every corner.",
    "We moved to the new office in Lyon last week; I walk past the river every morning now and "
    "I did not expect how much that would change my mood.",
    "I interviewed four people for our team this month and learned more about how we explain "
    "our work than in a year of writing documents.",
    "Two years ago I joined as an intern; this week I led my first release. Thank you Sam for "
    "every patient code review along the way.",
    "Field notes: Tom used the planner in the mountains with no signal and it still worked, "
    "which says a lot about the people who built the offline mode.",
]


def story(client, admin, title, link):
    body = {
        "title": title,
        "context": f"{title}: what happened, in a few sentences for context.",
        "link": link,
        "questions": ["What did you see?", "Who made it happen?"],
        "everyone": True,
    }
    answer = client.post("/api/v1/stories", json=body, headers=admin)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


@pytest.fixture
def program(app, client, make_user, clock):
    """Sales 4, Ops 3 (with the admin), Tiny 1; four stories told by some of them."""
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")
    people = {}
    for team, size in (("Sales", 4), ("Ops", 2), ("Tiny", 1)):
        for k in range(size):
            people[f"{team}{k}"] = make_user(f"{team.lower()}{k}@example.com", team=team)
    ids = {
        "atlas": story(client, admin[1], "Atlas is live", "https://acme.example/atlas"),
        "lyon": story(client, admin[1], "Lyon office", "https://acme.example/lyon"),
        "hiring": story(client, admin[1], "=Hiring in Lyon", "https://acme.example/jobs"),
        "quiet": story(client, admin[1], "Nobody told this", "https://acme.example/quiet"),
    }
    links = {}
    n = 0

    def tell(person, name, network="linkedin", url=None):
        nonlocal n
        n += 1
        auth = people[person][1]
        stories = client.get("/api/v1/stories", headers=auth).get_json()["data"]
        link = next(s for s in stories if s["id"] == ids[name])["tracked_link"]
        links[(person, name)] = link.removeprefix("http://localhost")
        body = {
            "url": url or linkedin_url(n),
            "network": network,
            "text": f"{VOICES[n % len(VOICES)]} {link}",
        }
        headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
        answer = client.post("/api/v1/shares", json=body, headers=headers)
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["story"]["id"] == ids[name]
        return answer.get_json()["share"]["id"]

    def click(person, name, times):
        for k in range(times):
            answer = client.get(
                links[(person, name)],
                headers={"User-Agent": BROWSER},
                environ_base={"REMOTE_ADDR": f"10.1.{len(person)}.{k}"},
            )
            assert answer.status_code == 302
        apply_clicks(app)

    def read(person, share_id, **counts):
        body = {"source": "feed", "counts": {m: {"value": v} for m, v in counts.items()}}
        answer = client.post(
            f"/api/v1/shares/{share_id}/reach", json=body, headers=people[person][1]
        )
        assert answer.status_code == 201

    sales0 = tell("Sales0", "atlas")
    tell("Sales1", "atlas")
    ops0 = tell("Ops0", "atlas")
    tell("Sales1", "atlas", "x", x_url(1))
    tell("Sales2", "lyon")
    tell("Tiny0", "hiring")
    tell("Ops1", "hiring")
    click("Sales0", "atlas", 3)
    click("Ops0", "atlas", 1)
    click("Tiny0", "hiring", 2)
    read("Sales0", sales0, impressions=1000, reactions=10, comments=2)
    read("Ops0", ops0, impressions=500, comments=1)
    return admin, people, ids


def own_voice_percent(app, story_id, users=None) -> str:
    with app.app_context(), database.connection_context():
        rows = ShareStory.select().where(ShareStory.story == story_id)
        rows = [r for r in rows if users is None or r.user_id in users]
        own = sum(r.own_voice for r in rows)
    return str(round(100 * own / len(rows), 1))


def test_story_and_click_figures_equal_the_database(client, app, program, clock):
    admin, people, ids = program
    app.config.update(EMV_CPM=8.0, EMV_CPC=3.0)  # unset by default: the page says so
    sign_in(client, app, admin[0], clock)
    html = client.get("/console/analytics/").text
    stories = {row[0]: row[1:] for row in table_rows(html, "story_reach")}
    # Atlas: Sales0, Sales1 (twice: LinkedIn and X), Ops0; read on two posts; 3 + 1 clicks.
    assert stories["Atlas is live"] == [
        "3", "4", own_voice_percent(app, ids["atlas"]), "2", "1,500", "10", "3", "4"
    ]  # fmt: skip
    # Lyon (Sales2) and Hiring (Ops1, Tiny0) fold into "Other stories", three people: no row
    # is fewer people's (Ops and Tiny are in "Other teams" of three below, so none is left out).
    assert not {"Lyon office", "=Hiring in Lyon"} & set(stories)
    assert stories["Other stories"][:2] + stories["Other stories"][4:] == [
        "3", "3", "0", "0", "0", "2"
    ]  # fmt: skip
    assert stories["Nobody told this"] == ["0", "0", "—", "0", "0", "0", "0", "0"]
    with app.app_context(), database.connection_context():
        assert sum(c.clicks for c in StoryClicks.select()) == 6
        assert sum(r.impressions or 0 for r in ShareReach.select()) == 1500

    by_team = {row[0]: row[1:] for row in table_rows(html, "clicks_by_team")}
    # Folded by the people who told a story: three in Sales; Ops (two) and Tiny (one) are
    # "Other teams", three people.
    assert by_team == {"Sales": ["3", "4", "3"], "Other teams": ["3", "3", "3"]}
    by_network = {row[0]: row[1:] for row in table_rows(html, "clicks_by_network")}
    # X: one person (Sales1). Left out, the posts by team less LinkedIn's would be theirs;
    # it is counted with LinkedIn instead, and the row says so.
    assert by_network == {"linkedin with other networks": ["6", "7", "6"]}

    # Earned media value: the impressions and the clicks the tables show, with CPM and CPC.
    # Reach by team shows no row (two people's posts were read, too few): no impressions.
    assert "+ 6 tracked-link clicks × CPC USD 3.00" in html
    assert 'data-emv="18.00"' in html  # 0 / 1,000 × 8 + 6 × 3

    for name in ("story_reach", "clicks_by_team", "clicks_by_network"):
        answer = client.get(f"/console/analytics/{name}.csv")
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
        shown = [[c.replace(",", "").replace("—", "") for c in r] for r in table_rows(html, name)]
        assert [[c.replace(",", "") for c in r] for r in rows[1:]] == shown, name


def test_a_spreadsheet_never_runs_a_story_title(client, app, program, clock, make_user):
    """A title beginning with = is text in the CSV, shown once it is no longer folded (told
    by Ops1, Tiny0 and two more people of Sales)."""
    admin, people, ids = program
    for n in (8, 9):
        extra = make_user(f"sales{n}@example.com", team="Sales")[1]
        stories = client.get("/api/v1/stories", headers=extra).get_json()["data"]
        link = next(s for s in stories if s["id"] == ids["hiring"])["tracked_link"]
        body = {
            "url": linkedin_url(70 + n),
            "network": "linkedin",
            "text": f"{VOICES[n - 4]} {link}",
        }
        assert client.post("/api/v1/shares", json=body, headers=extra).status_code == 201
    sign_in(client, app, admin[0], clock)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/console/analytics/story_reach.csv").data.decode("utf-8-sig"))
        )
    )
    assert ["'=Hiring in Lyon", "4"] == rows[[r[0] for r in rows].index("'=Hiring in Lyon")][:2]


def test_a_manager_sees_only_their_teams_figures(client, app, program, make_user, clock):
    admin, people, ids = program
    app.config.update(EMV_CPM=8.0, EMV_CPC=3.0)  # unset by default: the page says so
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Sales")[0]
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Sales"), meg, clock(), None)
    sign_in(client, app, meg, clock)
    html = client.get("/console/analytics/").text
    by_team = {row[0]: row[1:] for row in table_rows(html, "clicks_by_team")}
    assert by_team == {"Sales": ["3", "4", "3"]}  # the three who told a story, not Meg
    stories = {row[0]: row[1:] for row in table_rows(html, "story_reach")}
    # Atlas (Sales0, Sales1) and Lyon (Sales2) are each too few people: one folded row.
    assert "Atlas is live" not in stories and "Lyon office" not in stories
    assert stories["Other stories"][:2] == ["3", "4"]
    assert stories["Other stories"][3:] == ["1", "1,000", "10", "2", "3"]  # Sales0's only
    assert stories["=Hiring in Lyon"][:2] == ["0", "0"]  # nobody in Sales told it
    assert "Ops" not in html.split('id="table-clicks_by_team"', 1)[1].split("</table>", 1)[0]
    assert "+ 3 tracked-link clicks" in html
