"""A story picked for one connection is not told on another, and a share refused for its story
says so in words and is logged without it (a cold trial: "Write a post" on one server, then
the try server's connect link; the share there offered "It tells the story 'Atlas is live'",
the card showed "story_id is not a story for you (no live story 1)", and Retry was refused for
ever; with the same story id on the new server it would have told another story). After a
Retry logs a share, the popup shows the new points and recent shares at once."""

from e2e.browser import (
    connect,
    extension_page,
    fresh_post,
    open_composer,
    open_feed,
    panel,
    popup,
    publish,
    screenshot,
    send_together,
    storage,
    type_draft,
    wait_for_storage,
    wait_for_verdict,
)
from e2e.conftest import ServerThread, free_port
from firsthand.models import Share
from firsthand.stories_models import ShareStory, Story

STORY = {
    "title": "Atlas is live",
    "context": "Atlas, our planning tool, shipped to every customer this morning.",
    "questions": ["What did you build for it?", "Who made it happen?"],
    "everyone": True,
}
DRAFT = "I shipped the new import screen today and I am proud of the team."


def another_post() -> str:
    """A post of now that is not the one just published (whose share id is of now too): an
    activity id a moment from a share id names the same post, two share ids never do."""
    return fresh_post(7).replace(":activity:", ":share:")


def card(page):
    return page.locator("firsthand-share-card")


def add_story(firsthand) -> dict:
    firsthand.add_user("ada@example.com", "Ada Admin", role="admin", team="Comms")
    return firsthand.api("ada@example.com", "POST", "/stories", json=STORY).get_json()


def test_a_story_picked_on_one_server_is_not_told_on_the_next(firsthand, context):
    story = add_story(firsthand)
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    sender = extension_page(context)
    wait_for_storage(context, "stories", "value && value.length === 1")
    pick = "(id) => chrome.runtime.sendMessage({type: 'pickStory', storyId: id})"
    sender.evaluate(pick, story["id"])  # as the panel's picker, or Ideas' "Write a post"
    assert storage(context, "activeStory")["story"]["id"] == story["id"]

    # Another server (here the same program's database on another address, so a story with
    # that id exists there: the post would have told it), as Bob.
    other = ServerThread(firsthand.app, free_port())
    other.start()
    try:
        firsthand.add_user("bob@example.com", "Bob Builder", team="Engineering")
        reply = sender.evaluate(  # as the options page's "connect by hand"
            "([server, token]) =>"
            " chrome.runtime.sendMessage({type: 'setConnection', server, token})",
            [f"http://127.0.0.1:{other.port}", firsthand.token("bob@example.com")],
        )
        assert reply["ok"], reply
        assert storage(context, "activeStory") is None
        page = open_feed(context, "classic")
        open_composer(page)
        type_draft(page, DRAFT)
        wait_for_verdict(page, "personal")
        assert panel(page).locator("[data-story]").count() == 0  # no "Writing about: Atlas is live"
        publish(page)
        card(page).locator("[data-action='log']").click(timeout=15000)
        card(page).locator("[data-points]").wait_for(timeout=15000)
        assert card(page).locator("[data-story-confirm]").count() == 0
    finally:
        other.stop()
    bob = firsthand.users["bob@example.com"].id
    assert [s["user"] for s in firsthand.query(lambda: list(Share.select().dicts()))] == [bob]
    assert firsthand.query(lambda: ShareStory.select().count()) == 0


def test_a_share_refused_for_its_story_is_logged_without_it(firsthand, context):
    story = add_story(firsthand)
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    open_composer(page)
    panel(page).locator("[data-story-pick]").select_option(label=STORY["title"], timeout=15000)
    panel(page).locator(f"[data-story='{story['id']}']").wait_for(timeout=15000)
    type_draft(page, DRAFT)
    wait_for_verdict(page, "personal")
    publish(page)
    card(page).locator(f"[data-story-confirm='{story['id']}']").wait_for(timeout=15000)
    # Gone from the server before the share is logged (as a story of a server connected before).
    firsthand.query(lambda: Story.delete().execute())
    card(page).locator("[data-action='log']").click()
    refused = card(page).locator("[data-story-refused]")
    refused.wait_for(timeout=15000)
    said = card(page).locator(".card").inner_text()
    assert "not open to you on this server" in said and "story_id" not in said, said
    screenshot(page, "share-card-story-refused")
    card(page).locator("[data-action='log-without-story']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    logged = firsthand.query(lambda: list(Share.select().dicts()))
    assert len(logged) == 1 and logged[0]["text"] == DRAFT
    assert firsthand.query(lambda: ShareStory.select().count()) == 0
    assert storage(context, "outboxFailed") == []

    # In the popup: the same words, and the share logged without its story from there; the
    # points and recent shares then show it (they stayed as before until the popup reopened).
    post = another_post()
    share = {"url": post, "network": "linkedin", "source": "extension", "story_id": story["id"]}
    send_together(extension_page(context), [{"type": "logShare", "share": share}])
    view = popup(context)
    item = view.locator("[data-failed]")
    item.wait_for(timeout=15000)
    assert "not open to you on this server" in item.inner_text()
    assert "story_id" not in item.inner_text()
    before = int(view.locator(".hero [data-points]").get_attribute("data-points"))
    assert view.locator(".shares li").count() == 1
    screenshot(view, "popup-story-refused")
    item.locator("[data-action='retry-without-story']").click()
    view.locator("[data-outcome]").filter(has_text="+").wait_for(timeout=15000)
    view.locator(".shares li").nth(1).wait_for(timeout=15000)
    after = int(view.locator(".hero [data-points]").get_attribute("data-points"))
    assert after > before
    assert view.locator("[data-failed]").count() == 0
    screenshot(view, "popup-after-retry")
    urls = [s["canonical_url"] for s in firsthand.query(lambda: list(Share.select().dicts()))]
    assert post in urls
