"""Facebook, once the employee has granted the optional Facebook access: the same panel beside
the "Create post" dialog, publish noticed from the new post in the feed (its permalink, with the
draft's words), one-click logging; a friend's post is never offered as the employee's."""

from e2e.browser import FIXTURES, connect, screenshot
from e2e.composer_checks import VIEWPORTS, centres_hit, set_window, wait_for_placement
from e2e.test_linkedin_publish_realistic import card
from e2e.test_x import granted_context  # noqa: F401 (the fixture: a copy with the grants)
from firsthand.models import Share

CONTROLS = [
    "[role='dialog'] [data-lexical-editor]",
    "[role='dialog'] [role='button'][aria-label='Post']",
    "[role='dialog'] [role='button'][aria-label='Close']",
    "[role='dialog'] .xt [role='button']",
]


def facebook_page(ctx, query=""):
    ctx.route(
        "https://www.facebook.com/**",
        lambda route: (
            route.fulfill(path=str(FIXTURES / "facebook.html"), content_type="text/html")
            if not route.request.url.endswith(".ico")
            else route.fulfill(status=404, body="")
        ),
    )
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"https://www.facebook.com/?{query}")
    page.page_errors = errors
    return page


def test_facebook_composer_gets_suggestions_placement_and_logging(firsthand, granted_context):  # noqa: F811
    ctx = granted_context
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    ctx.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = facebook_page(ctx)
    session = ctx.new_cdp_session(page)
    page.click("#open")
    page.keyboard.type("We are thrilled to announce our most powerful release yet. Learn more!")
    page.wait_for_selector("firsthand-panel [data-voice='corporate']", timeout=15000)
    screenshot(page, "panel-facebook")
    failures, modes = [], set()
    for vw, vh in VIEWPORTS:
        for zoom in (1.0, 1.5, 2.0):
            css = set_window(session, page, vw, vh, zoom)
            wait_for_placement(page, css)
            result = centres_hit(page, CONTROLS)
            failures += [f"{vw}x{vh} at {zoom}: {f}" for f in result["failures"]]
            modes.add(result["mode"])
    assert failures == [] and modes == {"beside", "docked"}
    session.send("Emulation.clearDeviceMetricsOverride")
    page.keyboard.press("Control+A")
    page.keyboard.type("I spent the weekend fixing our flaky deploys and I am proud of it.")
    page.wait_for_selector("firsthand-panel [data-voice='personal']", timeout=15000)
    page.wait_for_selector("[role='button'][aria-label='Post'][aria-disabled='false']")
    page.click("[role='button'][aria-label='Post']")
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click(timeout=15000)
    card.locator("[data-points]").wait_for(timeout=15000)
    shares = firsthand.query(lambda: list(Share.select().dicts()))
    assert [s["network"] for s in shares] == ["facebook"]
    assert shares[0]["canonical_url"].startswith(
        "https://www.facebook.com/ann.example/posts/pfbid0"
    )
    assert page.page_errors == []


DRAFT = "I spent the weekend fixing our flaky deploys and I am proud of it."
QUIET_S = 4  # past the feed's 2.5 s grace, with room for the 250 ms polls


def post_draft(firsthand, ctx, query: str):
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    ctx.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = facebook_page(ctx, query)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.click("#open")
    page.keyboard.type(DRAFT)
    page.wait_for_selector("firsthand-panel", timeout=15000)
    page.wait_for_selector("[role='button'][aria-label='Post'][aria-disabled='false']")
    page.click("[role='button'][aria-label='Post']")
    return page


def test_a_failed_post_offers_nothing_though_a_friends_post_arrives(firsthand, granted_context):  # noqa: F811
    """Facebook said "Something went wrong" (nothing published) and the employee closed the
    dialog; a friend's post arriving in the feed within the 30 s window was offered quoting the
    draft, and logged as the employee's share."""
    page = post_draft(firsthand, granted_context, "fail=always")
    page.wait_for_selector("text=Something went wrong")
    page.click("[aria-label='Close']")
    page.evaluate("() => addFriendPost()")
    page.wait_for_selector("text=Congrats to my sister")
    page.wait_for_timeout(QUIET_S * 1000)
    screenshot(page, "facebook-failed-post-friend-arrives")
    assert card(page).count() == 0
    assert firsthand.query(lambda: Share.select().count()) == 0
    assert page.page_errors == []


def test_a_friends_post_rendering_first_is_not_taken_for_the_employees(firsthand, granted_context):  # noqa: F811
    page = post_draft(firsthand, granted_context, "friend=100")
    card(page).locator("[data-quote]", has_text="flaky deploys").wait_for(timeout=15000)
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    shares = firsthand.query(lambda: list(Share.select().dicts()))
    assert [s["canonical_url"].split("/posts/")[0] for s in shares] == [
        "https://www.facebook.com/ann.example"
    ]
    assert page.page_errors == []
