"""A share finds the story it tells by the story's link, through an index on the link's key
(stories_models.story_link_key): the same answers as comparing every story's link, at any
number of stories."""

from __future__ import annotations

import uuid

import pytest
from test_stories import post_story, team_id

from firsthand.db import database
from firsthand.stories_models import LINK_KEY_LENGTH, Story
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)
LATER = "2026-12-20T09:00:00Z"  # the clock starts on 18 Nov 2026


@pytest.fixture
def people(make_user):
    admin = make_user("admin@example.com", role="admin", team="Leadership", name="Ada Admin")
    sales = make_user("sam@example.com", team="Sales", name="Sam Sales")
    eng = make_user("eve@example.com", team="Engineering", name="Eve Eng")
    return {"admin": admin, "sales": sales, "eng": eng}


def told(client, headers, n: int, text: str) -> dict | None:
    body = {"url": linkedin_url(n), "network": "linkedin", "text": text}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answer = client.post("/api/v1/shares", json=body, headers={**headers, **key})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json().get("story")


@pytest.mark.parametrize(
    "written",
    [
        "https://acme.example/news/atlas",
        "http://www.acme.example/news/atlas/",
        "https://ACME.example/news/atlas?utm_source=linkedin#top",
        "(see https://acme.example/news/atlas).",
    ],
)
def test_a_story_link_written_any_usual_way_finds_the_story(client, people, written):
    story = post_story(client, people["admin"][1], link="https://www.acme.example/news/atlas/")
    found = told(client, people["sales"][1], 1, f"I built the routing part of Atlas. {written}")
    assert found is not None and (found["id"], found["via"]) == (story["id"], "link")


def test_the_newest_story_for_the_person_wins_and_others_teams_stories_do_not(app, client, people):
    link = "https://acme.example/news/q3"
    admin, sam, eve = people["admin"][1], people["sales"][1], people["eng"][1]
    older = post_story(client, admin, link=link, starts_at="2026-01-01T09:00:00Z")
    newer = post_story(client, admin, link=link, starts_at="2026-02-01T09:00:00Z")
    engineers = team_id(app, "Engineering")
    post_story(client, admin, link=link, everyone=False, team_ids=[engineers])  # newest
    assert told(client, sam, 2, f"My take on our quarter: {link}")["id"] == newer["id"]
    assert told(client, eve, 3, f"My take on our quarter: {link}")["id"] not in (
        older["id"],
        newer["id"],
    )
    unrelated = told(client, sam, 4, "My take on our quarter: https://acme.example/news/q4")
    assert unrelated is None


def test_links_alike_beyond_the_keys_width_are_told_apart(app, client, people):
    stem = "https://acme.example/" + "a" * LINK_KEY_LENGTH
    first = post_story(client, people["admin"][1], link=f"{stem}/one")
    second = post_story(client, people["admin"][1], link=f"{stem}/two")
    with app.app_context(), database.connection_context():
        keys = {s.link_key for s in Story.select()}
    assert len(keys) == 1  # one key for both: the whole link decides
    assert told(client, people["sales"][1], 5, f"Mine: {stem}/one")["id"] == first["id"]
    assert told(client, people["sales"][1], 6, f"Mine: {stem}/two")["id"] == second["id"]


def test_an_edited_link_is_found_by_its_new_address_only(client, people):
    admin = people["admin"][1]
    story = post_story(client, admin, link="https://acme.example/old")
    edited = client.patch(
        f"/api/v1/stories/{story['id']}", json={"link": "https://acme.example/new"}, headers=admin
    )
    assert edited.status_code == 200, edited.get_json()
    assert told(client, people["sales"][1], 7, "Mine: https://acme.example/old") is None
    assert (
        told(client, people["sales"][1], 8, "Mine: https://acme.example/new")["id"] == story["id"]
    )


@pytest.mark.parametrize("broken", ["https://[oops", "http://[::1/x", "https://[zz::1]/a"])
def test_a_link_no_parser_can_read_in_a_post_is_no_story_not_a_500(client, people, broken):
    post_story(client, people["admin"][1], link="https://acme.example/news/atlas")
    assert told(client, people["sales"][1], 9, f"Thoughts on this: {broken}") is None


def test_a_scheduled_story_with_the_same_link_is_not_told_nor_named(app, client, people):
    """A story scheduled for later (its title under embargo) that has the link of a live one:
    a share with that link tells the live story, and its answer names no scheduled title."""
    link = "https://acme.example/atlas"
    admin, sam = people["admin"][1], people["sales"][1]
    live = post_story(client, admin, link=link, title="Atlas is live")
    post_story(client, admin, link=link, title="Embargoed: we buy Initech", starts_at=LATER)
    found = told(client, sam, 10, f"I built the routing part of Atlas. {link}")
    assert found is not None and found["id"] == live["id"]
    assert "Initech" not in str(found)


def test_a_story_only_scheduled_is_no_story_yet_by_link_or_tracked_link(app, client, people):
    link = "https://acme.example/soon"
    admin, sam = people["admin"][1], people["sales"][1]
    post_story(client, admin, link=link, title="Not yet", starts_at=LATER)
    assert told(client, sam, 11, f"Something I heard about: {link}") is None
    # A tracked link given out while the story was live, whose start was then moved later.
    story = post_story(client, admin, link="https://acme.example/moved", title="Moved")
    tracked = client.get("/api/v1/stories", headers=sam).get_json()["data"][0]["tracked_link"]
    moved = client.patch(f"/api/v1/stories/{story['id']}", json={"starts_at": LATER}, headers=admin)
    assert moved.status_code == 200 and moved.get_json()["state"] == "scheduled"
    assert told(client, sam, 12, f"Mine: {tracked}") is None


def test_a_live_story_wins_over_one_that_ended_with_the_same_link(app, client, people, clock):
    """The ended story started later (a short campaign): the live one still gets the share,
    and a story that ended, alone with its link, still does (a share saved for later)."""
    link = "https://acme.example/q4"
    admin, sam = people["admin"][1], people["sales"][1]
    live = post_story(client, admin, link=link, title="All quarter")
    clock.advance(hours=1)
    ended = post_story(client, admin, link=link, title="One day", ends_at="2026-11-19T09:00:00Z")
    lone = post_story(client, admin, link="https://acme.example/lone", ends_at=ended["ends_at"])
    clock.advance(days=2)
    assert told(client, sam, 13, f"My quarter: {link}")["id"] == live["id"]
    assert told(client, sam, 14, "Late: https://acme.example/lone")["id"] == lone["id"]
