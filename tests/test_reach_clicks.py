"""Tracked-link clicks beside reach: GET /me/reach and /shares/<id>/reach show the clicks of
the author's tracked link for the story a share tells (null when it has none, never 0), each
link counted once in "this month against last"."""

from __future__ import annotations

import uuid

import pytest

from firsthand.db import database
from firsthand.stories_models import ShareStory, StoryClicks
from helpers import apply_clicks, linkedin_url

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
OWN_WORDS = (
    "I spent three months on the route planner in Atlas, and seeing Dana's team in Lyon plan "
    "a full week in ten minutes made it all worth it. Proud of us!"
)


@pytest.fixture
def story_people(make_user):
    admin = make_user("admin@example.com", role="admin", team="Leadership", name="Ada Admin")
    sam = make_user("sam@example.com", team="Sales", name="Sam Sales")
    return admin, sam


def post_story(client, headers, title="Atlas is live", link="https://acme.example/atlas"):
    body = {
        "title": title,
        "context": "Today we launched Atlas, our planning tool for field sales teams.",
        "link": link,
        "questions": ["What did you build?", "Who made it happen?"],
        "everyone": True,
    }
    answer = client.post("/api/v1/stories", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def log(client, headers, n, **extra):
    body = {"url": linkedin_url(n), "network": "linkedin", **extra}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answer = client.post("/api/v1/shares", json=body, headers={**headers, **key})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["share"]


def tracked_link(client, headers, story_id):
    stories = client.get("/api/v1/stories", headers=headers).get_json()["data"]
    return next(s for s in stories if s["id"] == story_id)["tracked_link"]


def click(client, link, address):
    path = link.removeprefix("http://localhost")
    answer = client.get(
        path, headers={"User-Agent": BROWSER}, environ_base={"REMOTE_ADDR": address}
    )
    assert answer.status_code == 302
    apply_clicks(client.application)


def test_clicks_show_beside_reach_only_where_there_is_a_tracked_link(app, client, story_people):
    admin, (sam, auth) = story_people
    atlas = post_story(client, admin[1])
    plain = post_story(client, admin[1], title="Hiring in Lyon", link="https://acme.example/jobs")
    link = tracked_link(client, auth, atlas["id"])
    told = log(client, auth, 1, text=f"{OWN_WORDS} {link}")
    untold = log(client, auth, 2)  # tells no story
    by_address = log(client, auth, 3, text="We are hiring in Lyon: https://acme.example/jobs")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        click(client, link, address)
    click(client, link, "10.0.0.1")  # a repeat within the window: not counted
    with app.app_context(), database.connection_context():
        stored = StoryClicks.get((StoryClicks.story == atlas["id"]) & (StoryClicks.user == sam.id))
        assert stored.clicks == 3

    view = client.get("/api/v1/me/reach", headers=auth).get_json()
    items = {item["share"]["id"]: item for item in view["shares"]}
    assert items[told["id"]]["reach"]["clicks"] == stored.clicks
    assert items[told["id"]]["tracked_link"] == {
        "story_id": atlas["id"],
        "story_title": "Atlas is live",
        "clicks": 3,
        "posts": 1,
    }
    # No story, or the story's own address in the post: unknown, not zero.
    assert items[untold["id"]]["reach"]["clicks"] is None
    assert items[untold["id"]]["tracked_link"] is None
    assert items[by_address["id"]]["reach"]["clicks"] is None
    with app.app_context(), database.connection_context():
        # It does tell the Lyon story, recognised by the story's own address.
        assert ShareStory.get_by_id(by_address["id"]).story_id == plain["id"]
    this_month = view["months"][0]
    assert (this_month["tracked_links"], this_month["clicks"]) == (1, 3)
    assert this_month["impressions"] is None  # clicks are never added to reach (none was read)
    assert (view["months"][1]["tracked_links"], view["months"][1]["clicks"]) == (0, None)

    # The reading endpoints carry the same figure.
    reading = {"source": "feed", "counts": {"impressions": {"value": 900, "raw": "900"}}}
    kept = client.post(f"/api/v1/shares/{told['id']}/reach", json=reading, headers=auth)
    assert kept.status_code == 201
    assert (kept.get_json()["reach"]["clicks"], kept.get_json()["reach"]["impressions"]) == (3, 900)
    history = client.get(f"/api/v1/shares/{untold['id']}/reach", headers=auth).get_json()
    assert history["reach"]["clicks"] is None
    history = client.get(f"/api/v1/shares/{told['id']}/reach", headers=auth).get_json()
    assert history["reach"]["clicks"] == 3


def test_a_month_whose_tracked_link_drew_no_click_has_a_known_zero(client, story_people):
    admin, (sam, auth) = story_people
    atlas = post_story(client, admin[1])
    log(client, auth, 1, text=f"{OWN_WORDS} {tracked_link(client, auth, atlas['id'])}")
    this_month, last_month = client.get("/api/v1/me/reach", headers=auth).get_json()["months"]
    assert (this_month["tracked_links"], this_month["clicks"]) == (1, 0)
    assert (last_month["tracked_links"], last_month["clicks"]) == (0, None)


def test_one_link_in_two_posts_is_counted_once(app, client, story_people, clock):
    admin, (sam, auth) = story_people
    atlas = post_story(client, admin[1])
    link = tracked_link(client, auth, atlas["id"])
    first = log(client, auth, 1, text=f"{OWN_WORDS} {link}")
    click(client, link, "10.0.0.1")
    click(client, link, "10.0.0.2")
    clock.advance(days=15)  # 3 December: the next month
    second = log(client, auth, 2, story_id=atlas["id"], text="Atlas, a week on: " + link)
    view = client.get("/api/v1/me/reach", headers=auth).get_json()
    items = {item["share"]["id"]: item for item in view["shares"]}
    for share in (first, second):
        assert items[share["id"]]["reach"]["clicks"] == 2
        assert items[share["id"]]["tracked_link"]["posts"] == 2
    december, november = view["months"]
    # No tracked link was first told in December: its clicks are unknown (null), not 0.
    assert (december["month"], december["clicks"], december["tracked_links"]) == (
        "2026-12",
        None,
        0,
    )
    assert (november["month"], november["clicks"], november["tracked_links"]) == ("2026-11", 2, 1)

    # Deleting the first post moves the link to the month of the one that is left.
    assert client.delete(f"/api/v1/shares/{first['id']}", headers=auth).status_code == 200
    view = client.get("/api/v1/me/reach", headers=auth).get_json()
    assert [item["tracked_link"]["posts"] for item in view["shares"]] == [1]
    assert (view["months"][0]["clicks"], view["months"][1]["clicks"]) == (2, None)


def test_someone_elses_clicks_are_not_mine(app, client, story_people, make_user):
    admin, (sam, auth) = story_people
    sue, sue_auth = make_user("sue@example.com", team="Sales", name="Sue Sales")
    atlas = post_story(client, admin[1])
    mine = tracked_link(client, auth, atlas["id"])
    hers = tracked_link(client, sue_auth, atlas["id"])
    assert mine != hers
    log(client, auth, 1, text=f"{OWN_WORDS} {mine}")
    log(client, sue_auth, 2, text=f"{OWN_WORDS} {hers}")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        click(client, hers, address)
    click(client, mine, "10.0.0.9")
    assert (
        client.get("/api/v1/me/reach", headers=auth).get_json()["shares"][0]["reach"]["clicks"] == 1
    )
    assert client.get("/api/v1/me/reach", headers=sue_auth).get_json()["months"][0]["clicks"] == 4
