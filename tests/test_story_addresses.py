"""What a story's link may be (a cold review found a 500 on `https://[::1/`, ports that broke
every tracked link of a story, user names that disguise a site, and a story pointing at
another tracked link); a contradictory audience; the console's wording of such errors."""

from __future__ import annotations

import re

import pytest
from test_console_stories import FORM
from test_stories import BROWSER, people, post_story, story_body, team_id  # noqa: F401

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.stories_models import Story, StorySuggestion

BAD_LINKS = {
    "https://[::1/": "does not name a web site",
    "https://example.com:99999/": "port",
    "https://example.com:\uff18\uff10/": "port",
    "https://example.com:0/": "port",
    "https://evil.example@acme.example/": "user name",
    "https://acme.example/a b": "spaces",
    "https://intranet/atlas": "does not name a web site",
    "https://10.0.0.1/atlas": "is an IP address",
    "http://169.254.169.254/latest/meta-data": "is an IP address",
    "http://intranet_wiki/atlas": "check the part after http://",
    "javascript:alert(1)": "https://",
    "https://acme.example/" + "a" * 2100: "2048 characters",
    "http://localhost/r/AQLi5FeqcfCf7g": "Firsthand itself",
}


@pytest.mark.parametrize("link", list(BAD_LINKS))
def test_a_story_link_no_reader_could_follow_is_a_422_naming_it(client, people, link):  # noqa: F811
    admin = people["admin"][1]
    answer = client.post("/api/v1/stories", json=story_body(link=link), headers=admin)
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert error["details"][0]["field"] == "link"
    assert BAD_LINKS[link] in error["details"][0]["message"]
    story = post_story(client, admin)
    edit = client.patch(f"/api/v1/stories/{story['id']}", json={"link": link}, headers=admin)
    assert edit.status_code == 422 and edit.get_json()["error"]["details"][0]["field"] == "link"
    suggested = client.post(
        "/api/v1/story-suggestions",
        json={"line": "Our launch", "link": link},
        headers=people["sales"][1],
    )
    assert suggested.status_code == 422


def test_a_story_cannot_point_at_this_server_so_never_at_another_tracked_link(
    app,
    client,
    people,  # noqa: F811
):
    admin = people["admin"][1]
    story = post_story(client, admin)
    listing = client.get("/api/v1/stories", headers=people["sales"][1]).get_json()["data"]
    url = next(s["tracked_link"] for s in listing if s["id"] == story["id"])
    assert url.startswith("http://localhost/r/")
    answer = client.post("/api/v1/stories", json=story_body(link=url), headers=admin)
    assert answer.status_code == 422
    assert "Firsthand itself" in answer.get_json()["error"]["details"][0]["message"]
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 1


@pytest.mark.parametrize(
    "link",
    [
        "https://m\u00fcnchen.example/stadt",
        "https://acme.example:8443/a?b=c#d",
        "HTTPS://ACME.EXAMPLE/x",
    ],
)
def test_ordinary_links_are_kept_as_typed(client, people, link):  # noqa: F811
    story = post_story(client, people["admin"][1], link=link)
    assert story["link"] == link
    listing = client.get("/api/v1/stories", headers=people["sales"][1]).get_json()["data"]
    tracked = next(s["tracked_link"] for s in listing if s["id"] == story["id"])
    answer = client.get(tracked.removeprefix("http://localhost"), headers={"User-Agent": BROWSER})
    assert answer.status_code == 302 and "utm_source=firsthand" in answer.headers["Location"]


def test_everyone_and_chosen_teams_together_is_a_422_not_a_silent_choice(app, client, people):  # noqa: F811
    admin = people["admin"][1]
    sales = team_id(app, "Sales")
    answer = client.post("/api/v1/stories", json=story_body(team_ids=[sales]), headers=admin)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"][0]["field"] == "team_ids"
    story = post_story(client, admin)
    # Teams alone narrow a story for everyone; everyone alone widens it again.
    narrowed = client.patch(
        f"/api/v1/stories/{story['id']}", json={"team_ids": [sales]}, headers=admin
    )
    assert narrowed.status_code == 200, narrowed.get_json()
    assert narrowed.get_json()["audience"] == {
        "everyone": False,
        "teams": [{"id": sales, "name": "Sales"}],
    }
    widened = client.patch(f"/api/v1/stories/{story['id']}", json={"everyone": True}, headers=admin)
    assert widened.get_json()["audience"]["everyone"] is True
    assert widened.get_json()["audience"]["teams"] == []


def test_the_console_says_what_is_wrong_in_the_forms_words(app, client, clock, make_user):
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")
    sign_in(client, app, ada[0], clock)
    new_form = client.get("/console/stories/new").text
    # An admin's new story starts valid as it stands (for everyone); ticking a team chooses
    # "Chosen teams" (story-form.js), and both sent at once is refused in the form's words.
    assert 'value="everyone" checked' in new_form
    sales = make_user("sam@example.com", team="Sales")[0].team_id
    cases = {
        "Audience: Everyone is chosen and teams are ticked too.": {"team_ids": str(sales)},
        "Until must be after From.": {"ends_at": "2026-11-17T08:00"},
        "Chosen teams: tick at least one team, or choose Everyone.": {"audience": "teams"},
        "Link has a port that is not a number from 1 to 65535.": {
            "link": "https://a.example:99999/"
        },
    }
    for message, change in cases.items():
        answer = post_form(client, "/console/stories/new", "/console/stories/", {**FORM, **change})
        error = re.findall(r"field-error[^>]*>([^<]*)", answer.text)  # beside its field
        assert answer.status_code == 422 and message in error[0], (message, error)
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 0 and StorySuggestion.select().count() == 0


def test_a_link_stored_before_the_checks_is_a_404_not_a_500(app, client, people):  # noqa: F811
    story = post_story(client, people["admin"][1])
    with app.app_context(), database.connection_context():
        Story.update(link="https://example.com:\uff18\uff10/x").where(
            Story.id == story["id"]
        ).execute()
    listing = client.get("/api/v1/stories", headers=people["sales"][1]).get_json()["data"]
    tracked = next(s["tracked_link"] for s in listing if s["id"] == story["id"])
    answer = client.get(tracked.removeprefix("http://localhost"), headers={"User-Agent": BROWSER})
    assert answer.status_code == 404


def test_teams_lists_what_a_story_script_may_post_for(app, client, people):  # noqa: F811
    from firsthand.admin_models import TeamManager

    sales = team_id(app, "Sales")
    answer = client.get("/api/v1/teams", headers=people["admin"][1])
    assert answer.status_code == 200
    names = [t["name"] for t in answer.get_json()["data"]]
    assert names == sorted(names) and {"Sales", "Engineering", "Leadership"} <= set(names)
    with app.app_context(), database.connection_context():  # the fixture's Max manages Sales
        assert TeamManager.select().where(TeamManager.user == people["manager"][0].id).count() == 1
    mine = client.get("/api/v1/teams", headers=people["manager"][1]).get_json()["data"]
    assert mine == [{"id": sales, "name": "Sales"}]
    assert client.get("/api/v1/teams", headers=people["sales"][1]).status_code == 403
    post_story(client, people["manager"][1], everyone=False, team_ids=[t["id"] for t in mine])


def test_a_published_story_already_over_is_refused_not_shown_as_expired(client, people):  # noqa: F811
    admin = people["admin"][1]
    past = {"starts_at": "2026-11-01T09:00:00Z", "ends_at": "2026-11-10T09:00:00Z"}
    refused = client.post("/api/v1/stories", json=story_body(**past), headers=admin)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["details"][0]["field"] == "ends_at"
    assert "is in the past" in error["message"] and "expired at once" in error["message"]
    draft = post_story(client, admin, status="draft", **past)  # a draft may be planned so
    publish = client.patch(
        f"/api/v1/stories/{draft['id']}", json={"status": "published"}, headers=admin
    )
    assert publish.status_code == 422 and "expired" in publish.get_json()["error"]["message"]
    live = post_story(client, admin)
    ended = client.patch(
        f"/api/v1/stories/{live['id']}", json={"ends_at": "2026-11-17T09:00:00Z"}, headers=admin
    )
    assert ended.status_code == 422
    still = client.patch(
        f"/api/v1/stories/{live['id']}", json={"ends_at": "2026-11-19T09:00:00Z"}, headers=admin
    )
    assert still.status_code == 200 and still.get_json()["state"] == "live"


def test_the_console_refuses_a_story_already_over_in_its_words(app, client, clock, make_user):
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")
    sign_in(client, app, ada[0], clock)
    past = {"starts_at": "2026-11-01T08:00", "ends_at": "2026-11-10T08:00"}
    answer = post_form(client, "/console/stories/new", "/console/stories/", {**FORM, **past})
    error = re.findall(r"field-error[^>]*>([^<]*)", answer.text)  # beside its field
    assert answer.status_code == 422 and "Until is in the past" in error[0], error
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 0


def test_a_suggestion_names_every_fault_at_once(client, people):  # noqa: F811
    sam = people["sales"][1]
    for body in (
        {"line": "", "link": "ftp://x"},
        {"line": "   ", "link": "https://intranet/atlas"},
    ):
        answer = client.post("/api/v1/story-suggestions", json=body, headers=sam)
        assert answer.status_code == 422
        fields = {d["field"] for d in answer.get_json()["error"]["details"]}
        assert fields == {"line", "link"}, (body, answer.get_json())


def test_an_unknown_team_reads_plainly(client, people):  # noqa: F811
    answer = client.post(
        "/api/v1/stories",
        json=story_body(everyone=False, team_ids=[999]),
        headers=people["admin"][1],
    )
    error = answer.get_json()["error"]
    assert error["message"] == "team_ids: no team with id 999."
    assert error["details"] == [{"field": "team_ids", "message": "no team with id 999"}]


def test_international_site_names_are_accepted_wherever_links_are_checked(client, people):  # noqa: F811
    link = "https://b\u00fccher.example/post/1"
    share = client.post(
        "/api/v1/shares", json={"url": link, "network": "other"}, headers=people["eng"][1]
    )
    assert share.status_code == 201, share.get_json()
    assert share.get_json()["share"]["canonical_url"].startswith(
        "https://xn--bcher-kva.example/post/1"
    )
    story = post_story(client, people["admin"][1], link="https://B\u00dcCHER.example/post/1")
    assert story["link"] == "https://B\u00dcCHER.example/post/1"  # kept as typed
    suggested = client.post(
        "/api/v1/story-suggestions",
        json={"line": "A bookshop", "link": link},
        headers=people["sales"][1],
    )
    assert suggested.status_code == 201, suggested.get_json()
    bad = client.post(
        "/api/v1/shares",
        json={"url": "https://b\u00fccher..example/p", "network": "other"},
        headers=people["eng"][1],
    )
    assert bad.status_code == 422


NUL_LINK = "https://news.example/launch%00"


def test_escapes_of_control_characters_stay_escapes_wherever_a_link_is_read(
    app,
    client,
    clock,
    people,  # noqa: F811
):
    """%00 read as the NUL it escapes was a 500 on PostgreSQL (a text column holds no NUL)
    wherever a story's link key is made or looked up: a story's link, a share's link or a
    link in its text, a suggestion approved, the console's form. Such escapes stay as written."""
    admin, eve = people["admin"][1], people["eng"][1]
    story = post_story(client, admin, link=NUL_LINK)
    assert story["link"] == NUL_LINK
    edited = client.patch(
        f"/api/v1/stories/{story['id']}", json={"link": "https://news.example/n%0aw"}, headers=admin
    )
    assert edited.status_code == 200, edited.get_json()
    assert (
        client.patch(
            f"/api/v1/stories/{story['id']}", json={"link": NUL_LINK}, headers=admin
        ).status_code
        == 200
    )
    with app.app_context(), database.connection_context():
        assert Story.get_by_id(story["id"]).link_key == "news.example/launch%00"
    told = client.post("/api/v1/shares", json={"url": NUL_LINK, "network": "other"}, headers=eve)
    assert told.status_code == 201, told.get_json()
    assert told.get_json()["story"]["id"] == story["id"]  # the same page, by its link
    text = f"Read https://news.example/a%00b%C2%85c%C3%A9 today: {NUL_LINK}"
    in_text = {"url": "https://blog.example/p/1", "network": "other", "text": text}
    assert client.post("/api/v1/shares", json=in_text, headers=eve).status_code == 201
    asked = client.post("/api/v1/suggestions", json={"text": text}, headers=eve)
    assert asked.status_code == 200, asked.get_json()
    suggested = client.post(
        "/api/v1/story-suggestions",
        json={"line": "A launch", "link": "https://news.example/s%00"},
        headers=people["sales"][1],
    )
    assert suggested.status_code == 201, suggested.get_json()
    approved = client.post(
        f"/api/v1/story-suggestions/{suggested.get_json()['id']}/approve",
        json={"questions": ["What did it change for you?", "Who made it happen?"]},
        headers=admin,
    )
    assert approved.status_code == 201, approved.get_json()
    sign_in(client, app, people["admin"][0], clock)
    form = {**FORM, "title": "Launch two", "link": "https://news.example/form%00"}
    made = post_form(client, "/console/stories/new", "/console/stories/", form)
    assert made.status_code in (302, 303), made.text[:300]
    with app.app_context(), database.connection_context():
        keys = {s.link_key for s in Story.select()}
        assert {"news.example/s%00", "news.example/form%00"} <= keys


def test_a_host_with_its_final_dot_is_the_same_site_wherever_a_link_is_read(app, client, people):  # noqa: F811
    """docs/api.md: a post whose link names a story's page with a final dot tells the story;
    the share itself was refused ("does not name a web site"), as were such story links.
    The dot is the DNS root, implied: dropped from a post's canonical link, kept in a story's
    link as typed, and this server's own host with it is still this server."""
    admin, eve = people["admin"][1], people["eng"][1]
    story = post_story(client, admin, link="https://news.example/launch")
    shared = client.post(
        "/api/v1/shares",
        json={"url": "https://News.Example./launch", "network": "other"},
        headers=eve,
    )
    assert shared.status_code == 201, shared.get_json()
    assert shared.get_json()["share"]["canonical_url"] == "https://news.example/launch"
    assert shared.get_json()["story"]["id"] == story["id"]
    dotted = post_story(client, admin, link="https://acme.example./atlas")
    assert dotted["link"] == "https://acme.example./atlas"
    suggested = client.post(
        "/api/v1/story-suggestions",
        json={"line": "Our launch", "link": "https://acme.example./news"},
        headers=people["sales"][1],
    )
    assert suggested.status_code == 201, suggested.get_json()
    for link, reason in (
        ("http://localhost./r/AQLi5FeqcfCf7g", "Firsthand itself"),
        ("https://acme.example../atlas", "does not name a web site"),
    ):
        refused = client.post("/api/v1/stories", json=story_body(link=link), headers=admin)
        assert refused.status_code == 422 and reason in refused.get_json()["error"]["message"]
