"""Noticing a LinkedIn publish on the realistic fixture (fixtures/linkedin-real.js), with post ids
of now (unix_ms << 22; an old id would be a stale post): a toast the page takes away at once, two
posts published one after the other, a post that fails (no toast), a draft discarded, and the
composer reopened after navigating the single-page app."""

from e2e.browser import connect, panel, screenshot, wait_for_verdict
from e2e.realistic import DRAFT, OTHER_DRAFTS, open_real, post, start_post
from firsthand.models import Share

IN_WINDOW = """() => {
    const r = document.querySelector('firsthand-share-card').getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
}"""


def shares(firsthand):
    return firsthand.query(lambda: list(Share.select().order_by(Share.id).dicts()))


def card(page):
    return page.locator("firsthand-share-card")


def write_and_post(page, text: str) -> None:
    start_post(page)
    page.keyboard.type(text)
    wait_for_verdict(page, "personal")
    post(page)


def test_a_toast_gone_at_once_still_confirms_the_post(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    drafts = {"sdui": DRAFT, "interop": OTHER_DRAFTS[0]}
    for gen in ("sdui", "interop"):  # the toast in the page, and in the shadow root
        page = open_real(context, f"gen={gen}&toast=30")
        write_and_post(page, drafts[gen])
        card(page).locator("[data-action='log']").click(timeout=10000)
        card(page).locator("[data-points]").wait_for(timeout=15000)
        screenshot(page, f"real-quick-toast-{gen}")
        assert page.page_errors == []
    logged = shares(firsthand)
    assert [s["text"] for s in logged] == [DRAFT, OTHER_DRAFTS[0]]
    assert all(s["points"] > 0 for s in logged)  # posts of today


def test_two_posts_in_a_row_are_each_offered(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui")
    write_and_post(page, f"{DRAFT} The first one.")
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    # Not answered yet: the employee writes and publishes the next post.
    write_and_post(page, "Second post: I learned a lot pairing with Lea on the parser this week.")
    card(page).locator("[data-quote]", has_text="Second post").wait_for(timeout=10000)
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    assert page.evaluate(IN_WINDOW)  # taller now (a new badge), and laid out again for it
    screenshot(page, "real-two-posts-second-logged")
    card(page).get_by_role("button", name="Close").click()
    # The first post's offer comes back rather than being lost.
    card(page).locator("[data-quote]", has_text="The first one.").wait_for(timeout=5000)
    screenshot(page, "real-two-posts-first-offered-again")
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    logged = shares(firsthand)
    assert [s["text"] for s in logged] == [
        "Second post: I learned a lot pairing with Lea on the parser this week.",
        f"{DRAFT} The first one.",
    ]
    assert len({s["canonical_url"] for s in logged}) == 2
    assert all(s["points"] > 0 for s in logged)
    assert page.page_errors == []


def test_a_failed_post_or_a_discarded_draft_offers_nothing(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui&fail=1")
    write_and_post(page, DRAFT)
    page.get_by_text("Something went wrong").wait_for()
    page.wait_for_timeout(2500)  # ten times the watcher's look
    assert card(page).count() == 0
    screenshot(page, "real-failed-post")
    page.get_by_role("button", name="Dismiss").click()
    page.get_by_role("button", name="Discard").click()
    page.wait_for_function("() => !document.querySelector('dialog[open]')")
    page.wait_for_timeout(1500)
    assert card(page).count() == 0 and panel(page).count() == 0
    # Through the single-page app and back: the composer reopens with its panel.
    page.get_by_role("link", name="My Network").click()
    page.get_by_role("link", name="Home").click()
    start_post(page)
    page.keyboard.type("After a walk around the site I am writing about my team again.")
    wait_for_verdict(page, "personal")
    assert shares(firsthand) == []
    assert page.page_errors == []
