"""Stories in the console (issue 14), through Flask's test client: post with a preview,
edit, withdraw, the list's figures (sorted, CSV) and approving employees' suggestions."""

from __future__ import annotations

import csv
import io
import re

import pytest
from test_stories import ANNOUNCEMENT, BROWSER, QUESTIONS, log

from console_helpers import csrf_from, post_form, sign_in
from firsthand.accounts import create_user
from firsthand.admin_models import AuditEvent, TeamManager
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.stories_models import Story
from helpers import apply_clicks, bystanders

FORM = {
    "title": "Atlas is live",
    "context": ANNOUNCEMENT,
    "link": "https://acme.example/atlas",
    "question_1": QUESTIONS[0],
    "question_2": QUESTIONS[1],
    "audience": "everyone",
    "starts_at": "2026-11-18T08:00",
}


@pytest.fixture
def ada(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")


@pytest.fixture
def small_groups_shown(app):
    """Figures of groups of one person shown: for tests of what the figures count, with teams
    of one or two (test_privacy_aggregates has the small-group rule, at its default)."""
    app.config["ANALYTICS_MIN_GROUP"] = 1


def create(client, **changes):
    return post_form(client, "/console/stories/new", "/console/stories/", {**FORM, **changes})


@pytest.mark.usefixtures("small_groups_shown")
def test_admin_posts_a_story_and_sees_its_preview_and_figures(app, client, clock, ada, make_user):
    sam = make_user("sam@example.com", team="Sales", name="Sam Sales")
    make_user("sue@example.com", team="Sales", name="Sue Sales")  # never connected
    bystanders(make_user, client, "Sales", 1)  # connected, tells nothing: not all of them told it
    sign_in(client, app, ada[0], clock)
    answer = create(client, action="draft")
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"])
    assert "Draft" in page.text and "What employees see" in page.text
    assert QUESTIONS[0] in page.text and "Publish" in page.text
    with app.app_context(), database.connection_context():
        story = Story.get()
        assert story.published_at is None
        assert AuditEvent.get(AuditEvent.action == "story.create").target_label == "Atlas is live"
    url = f"/console/stories/{story.id}"
    post_form(client, url, f"{url}/state", {"status": "published"})
    assert client.get("/api/v1/stories", headers=sam[1]).get_json()["data"][0]["id"] == story.id
    with app.app_context(), database.connection_context():  # the log says what happened
        assert AuditEvent.select().where(AuditEvent.action == "story.publish").count() == 1
    link = client.get("/api/v1/stories", headers=sam[1]).get_json()["data"][0]["tracked_link"]
    log(client, sam[1], 1, text=f"I sold the first Atlas licence this morning! {link}")
    client.get(link.removeprefix("http://localhost"), headers={"User-Agent": BROWSER})
    apply_clicks(app)
    page = client.get(url).text
    numbers = re.findall(r'<span class="stat-number">([^<]+)</span>', page)
    # For Sam, Sue and the bystander (not Ada: an admin who only uses the console runs the
    # program); Sam and the bystander, whose extensions are connected, can get it; one share,
    # one click.
    assert numbers == ["3", "2", "1", "100%", "1"]
    assert "1 of the people it is for has not connected the extension yet" in page
    listing = client.get("/console/stories/").text
    assert "Atlas is live" in listing and 'aria-sort="descending"' in listing


@pytest.mark.usefixtures("small_groups_shown")
def test_the_own_voice_card_and_the_team_table_agree(app, client, clock, ada, make_user):
    """The card said "—" (no post told it: a share of none is unknown) where the table by team
    said 0 for the same figure; both now give the share of posts, "—" while there is none."""
    sam = make_user("sam@example.com", team="Sales", name="Sam Sales")
    bystanders(make_user, client, "Sales", 1)
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
    sign_in(client, app, ada[0], clock)
    url = create(client, audience="teams", team_ids=str(sales)).headers["Location"]

    def own_voice() -> tuple[str, str]:
        page = client.get(url).text
        card = re.findall(r'<span class="stat-number">([^<]+)</span>', page)[3]
        row = re.search(r'<th scope="row">Sales</th>(.*?)</tr>', page, re.S)[1]
        return card, re.findall(r'<td class="num">([^<]+)</td>', row)[4]

    assert own_voice() == ("—", "—")
    link = client.get("/api/v1/stories", headers=sam[1]).get_json()["data"][0]["tracked_link"]
    log(client, sam[1], 1, text=f"I sold the first Atlas licence this morning! {link}")
    assert own_voice() == ("100%", "100%")


@pytest.mark.usefixtures("small_groups_shown")
def test_a_storys_figures_say_who_can_get_it_not_only_who_it_is_for(
    app, client, clock, ada, make_user
):
    """It reaches people in their extension: of the active people it is for, only those
    connected can get it (cold trial: "employees reached" counted the audience)."""
    sam = make_user("sam@example.com", team="Sales", name="Sam Sales")
    make_user("sue@example.com", team="Sales", name="Sue Sales")  # never connected
    dan = make_user("dan@example.com", team="Sales", name="Dan Gone")
    make_user("eve@example.com", team="Engineering", name="Eve Eng")
    for person in (sam, dan):
        client.get("/api/v1/me", headers=person[1])  # a browser used their token: connected
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
        User.update(deactivated_at=clock()).where(User.id == dan[0].id).execute()
    sign_in(client, app, ada[0], clock)
    url = create(client, audience="teams", team_ids=str(sales)).headers["Location"]
    page = client.get(url).text
    labels = re.findall(r'<span class="stat-label">([^<]+)</span>', page)
    numbers = re.findall(r'<span class="stat-number">([^<]+)</span>', page)
    assert list(zip(labels, numbers, strict=False))[:2] == [
        ("people it is for", "2"),  # Sam and Sue; Dan is deactivated
        ("can get it (extension connected)", "1"),  # Sam
    ]
    assert "employees reached" not in page
    assert f'href="/console/people/?status=invited&amp;team={sales}"' in page  # who is missing
    listing = client.get("/console/stories/?sort=connected").text
    assert ">Can get it" in listing and '<td class="num">1 of 2</td>' in listing


def test_bad_form_is_shown_again_with_the_error_and_what_was_typed(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    answer = create(client, question_2="", link="javascript:alert(1)")
    assert answer.status_code == 422
    # Both named, each beside its field (the form's first fault takes the focus).
    questions = '<p id="questions-error" class="field-error" role="alert">'
    assert f"{questions}Angle questions must hold 2 to 4 angle questions.</p>" in answer.text
    assert '<p id="link-error" class="field-error" role="alert">Link ' in answer.text
    assert re.search(r'<input id="link"[^>]*aria-describedby="link-error link-help"', answer.text)
    assert 'value="Atlas is live"' in answer.text
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 0


def radios_and_ticks(html: str) -> tuple[list[str], list[str]]:
    """The form's checked audience radio and its ticked teams."""
    checked = re.findall(r'<input type="(radio|checkbox)" name="\w+" value="(\w+)" checked>', html)
    return [v for k, v in checked if k == "radio"], [v for k, v in checked if k == "checkbox"]


def test_the_example_questions_are_help_lines_under_their_fields(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    form = client.get("/console/stories/new").text
    assert 'placeholder="What did' not in form and 'placeholder="Who' not in form
    for i, example in ((1, "What did you build for this launch?"), (2, "Who on your team")):
        field = re.search(rf'<input id="question_{i}"[^>]*>', form)[0]
        assert f'aria-describedby="question_{i}-help"' in field
        help_line = re.search(rf'<small id="question_{i}-help">([^<]*)</small>', form)[1]
        assert help_line.startswith(f"For example: “{example}")
        assert form.index(field) < form.index(f'id="question_{i}-help"')  # under its field
    assert "question_3-help" not in form
    radios = form.split('<div class="choice-row">')[1].split("</div>")[0]
    assert radios.count('type="radio"') == 2  # Everyone and Chosen teams, spaced as one row


def test_a_new_story_starts_for_everyone_and_no_ticked_team_is_a_form_error(
    app, client, clock, ada, make_user
):
    make_user("sam@example.com", team="Sales")
    sign_in(client, app, ada[0], clock)
    assert radios_and_ticks(client.get("/console/stories/new").text) == (["everyone"], [])
    form = {k: v for k, v in FORM.items() if k != "audience"}
    refused = create(client, **form, audience="teams")
    assert refused.status_code == 422
    assert "Chosen teams: tick at least one team, or choose Everyone." in refused.text
    assert radios_and_ticks(refused.text) == (["teams"], [])  # shown as it was sent
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
    both = create(client, **form, audience="everyone", team_ids=str(sales))
    assert both.status_code == 422 and "Choose Everyone (and untick the teams)" in both.text
    assert create(client, **form, audience="everyone").status_code == 302  # the default posts
    with app.app_context(), database.connection_context():
        assert Story.get().everyone


def test_a_managers_new_story_starts_for_the_teams_they_manage(app, client, clock, make_user):
    meg = make_user("meg@example.com", role="manager", team="Sales", name="Meg Manager")[0]
    make_user("eve@example.com", team="Engineering")
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
    sign_in(client, app, meg, clock)
    assert radios_and_ticks(client.get("/console/stories/new").text) == (["teams"], [str(sales)])
    refused = create(client, audience="teams")
    assert "Chosen teams: tick at least one team of yours." in refused.text


def test_forms_need_their_csrf_token(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    assert client.post("/console/stories/", data=FORM).status_code == 400


def test_edit_and_withdraw(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    location = create(client).headers["Location"]
    story_id = int(location.rstrip("/").rsplit("/", 1)[1])
    edit = f"/console/stories/{story_id}/edit"
    assert 'value="Atlas is live"' in client.get(edit).text
    post_form(client, edit, edit, {**FORM, "title": "Atlas is here", "question_3": "Why now?"})
    with app.app_context(), database.connection_context():
        story = Story.get_by_id(story_id)
        assert story.title == "Atlas is here" and len(story.question_list) == 3
    url = f"/console/stories/{story_id}"
    post_form(client, url, f"{url}/state", {"status": "withdrawn"})
    assert "Withdrawn" in client.get(url).text
    post_form(client, url, f"{url}/state", {"status": "draft"})
    with app.app_context(), database.connection_context():
        actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-2:] == ["story.withdraw", "story.to_draft"]


@pytest.mark.usefixtures("small_groups_shown")
def test_list_sorts_and_exports_csv(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    create(client, title="Bravo")
    create(client, title="=Alpha")
    create(client, title="Zoe's first month")
    create(client, title="Équipe Lyon")
    page = client.get("/console/stories/?sort=title&dir=asc").text
    assert page.index("=Alpha") < page.index("Bravo")
    assert page.index("Équipe Lyon") < page.index("Zoe&#39;s first month")  # accents folded
    exported = client.get("/console/stories/?sort=title&dir=asc&format=csv")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.data.decode("utf-8-sig"))))
    totals = [r for r in rows if r["team"] == "(all)"]
    titles = [r["title"] for r in totals]
    # the formula defused; accents folded
    assert titles == ["'=Alpha", "Bravo", "Équipe Lyon", "Zoe's first month"]
    # Ada is the only one here, and she only uses the console: the story is for no one yet.
    assert (totals[0]["audience"], totals[0]["connected"], totals[0]["shares"]) == ("0", "0", "0")
    assert totals[0]["starts_at"] == "2026-11-18T08:00:00Z"  # as the API writes times


def test_manager_sees_and_posts_for_their_teams_only(app, client, clock, make_user, ada):
    meg = make_user("meg@example.com", role="manager", team="Sales", name="Meg Manager")
    make_user("eve@example.com", team="Engineering")
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
        engineering = Team.get(Team.name == "Engineering").id
        # Invited into Sales as a manager, Meg manages it.
        assert TeamManager.select().where(TeamManager.user == meg[0].id).count() == 1
        assert TeamManager.get(TeamManager.user == meg[0].id).team_id == sales
    sign_in(client, app, meg[0], clock)
    form = client.get("/console/stories/new").text
    assert 'value="everyone"' not in form and "Engineering" not in form
    refused = create(client, audience="teams", team_ids=str(engineering))
    assert refused.status_code == 403 or "teams you manage" in refused.text
    assert create(client, audience="teams", team_ids=str(sales)).status_code == 302
    other = app.test_client()
    sign_in(other, app, ada[0], clock)
    create(other, title="For everyone")
    listing = client.get("/console/stories/").text
    assert "Atlas is live" in listing and "For everyone" not in listing
    with app.app_context(), database.connection_context():
        everyone_story = Story.get(Story.title == "For everyone").id
    assert client.get(f"/console/stories/{everyone_story}").status_code == 403


def test_approving_a_suggestion(app, client, clock, ada, make_user):
    sam = make_user("sam@example.com", team="Sales", name="Sam Sales")
    client.post(
        "/api/v1/story-suggestions",
        json={"line": "Our Lyon office opens on Monday", "link": "https://acme.example/lyon"},
        headers=sam[1],
    )
    client.post("/api/v1/story-suggestions", json={"line": "Not this one"}, headers=sam[1])
    sign_in(client, app, ada[0], clock)
    page = client.get("/console/stories/suggestions")
    assert "Our Lyon office opens on Monday" in page.text and "Sam Sales" in page.text
    token = csrf_from(page.text)
    ids = [int(i) for i in re.findall(r"/suggestions/(\d+)/approve", page.text)]
    answer = client.post(
        f"/console/stories/suggestions/{ids[0]}/approve",
        data={
            "csrf_token": token,
            "question_1": "Who will you meet there?",
            "question_2": "Why Lyon?",
        },
    )
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/edit")
    client.post(f"/console/stories/suggestions/{ids[1]}/decline", data={"csrf_token": token})
    assert "No suggestions waiting" in client.get("/console/stories/suggestions").text
    with app.app_context(), database.connection_context():
        story = Story.get()
        assert (story.title, story.link, story.published_at) == (
            "Our Lyon office opens on Monday",
            "https://acme.example/lyon",
            None,
        )


def test_a_story_for_fewer_people_than_the_minimum_says_so_not_0_of_0(
    app, client, clock, ada, make_user
):
    """A pilot of two employees (under the default minimum group of 3): the list says the
    figures are for too few people to show, not "0 of 0", which reads as nobody can get it."""
    make_user("sam@example.com", team="Sales", name="Sam Sales")
    make_user("sue@example.com", team="Sales", name="Sue Sales")
    sign_in(client, app, ada[0], clock)
    create(client, action="publish")
    row = re.search(r"<tr>\s*<th scope=\"row\".*?</tr>", client.get("/console/stories/").text, re.S)
    assert row and "Atlas is live" in row[0]
    assert "0 of 0" not in row[0] and "fewer than 3 people" in row[0], row[0]


def test_a_storys_headline_counts_everyone_it_is_for(app, client, clock, ada):
    """A cold trial: a story for everyone and five invited employees (Sales of three, Ops of
    two, none connected yet) said "3 people it is for" and "3 of the people it is for have
    not connected" beside a people list of five: Ops, too small for a row of its own and
    telling it nowhere, was left out of the headcount too."""
    sign_in(client, app, ada[0], clock)
    with app.app_context(), database.connection_context():
        for n, team in enumerate(("Sales", "Sales", "Sales", "Ops", "Ops")):
            create_user(f"p{n}@example.com", f"Person {n}", clock(), team, "employee")
    created = create(client)
    page = client.get(created.headers["Location"]).text
    said = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "5 people it is for" in said, said
    assert "5 of the people it is for have not connected the extension yet" in said
    assert "the people it is for above still count them" in said  # Ops: no row, counted
