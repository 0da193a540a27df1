"""Facebook, once the employee has granted the optional Facebook access: the same panel beside
the "Create post" dialog, publish noticed from the new post's permalink, one-click logging."""

from e2e.browser import FIXTURES, connect, screenshot
from e2e.composer_checks import VIEWPORTS, centres_hit, set_window, wait_for_placement
from e2e.test_x import granted_context  # noqa: F401 (the fixture: a copy with the grants)
from firsthand.models import Share

CONTROLS = [
    "[role='dialog'] [data-lexical-editor]",
    "[role='dialog'] [role='button'][aria-label='Post']",
    "[role='dialog'] [role='button'][aria-label='Close']",
    "[role='dialog'] .xt [role='button']",
]


def facebook_page(ctx):
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
    page.goto("https://www.facebook.com/")
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
