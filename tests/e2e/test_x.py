"""X (Twitter), once the employee has granted the optional X access.

The browser's permission prompt cannot be answered in a headless run, so this test loads a copy
of the extension whose manifest already holds the two optional permissions; everything after
the grant (registering the content scripts, the adapter, logging) is the real code.
"""

import json
import shutil

import pytest

from e2e.browser import FIXTURES, connect, launch, screenshot
from e2e.composer_checks import VIEWPORTS, ZOOMS, centres_hit, set_window, wait_for_placement
from e2e.conftest import EXTENSION
from firsthand.models import Share


@pytest.fixture
def granted_context(playwright_instance, tmp_path):
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["host_permissions"] += manifest.pop("optional_host_permissions")
    manifest["permissions"] += manifest.pop("optional_permissions")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    ctx = launch(playwright_instance, tmp_path / "profile", copy)
    ctx.route(
        "https://x.com/**",
        lambda route: (
            route.fulfill(path=str(FIXTURES / "x.html"), content_type="text/html")
            if not route.request.url.endswith(".ico")
            else route.fulfill(status=404, body="")
        ),
    )
    yield ctx
    ctx.close()


def test_x_composer_gets_suggestions_and_one_click_logging(firsthand, granted_context):
    ctx = granted_context
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    worker = ctx.service_workers[0]
    worker.evaluate(
        "() => Firsthand.siteScripts.sync()"
    )  # as on install: the grant is already there
    registered = worker.evaluate(
        "() => chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id))"
    )
    assert sorted(registered) == ["firsthand-facebook", "firsthand-x"]  # every optional grant
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("https://x.com/home")
    page.locator("[data-testid='tweetTextarea_0']").click()
    page.keyboard.type("We are thrilled to announce our most powerful release yet. Learn more!")
    page.wait_for_selector("firsthand-panel [data-voice='corporate']", timeout=15000)
    screenshot(page, "panel-x")
    page.keyboard.press("Control+A")
    page.keyboard.type("I spent the weekend fixing our flaky deploys and I am proud of it.")
    page.wait_for_selector("firsthand-panel [data-voice='personal']", timeout=15000)
    page.wait_for_selector("[data-testid='tweetButtonInline'][aria-disabled='false']")
    page.click("[data-testid='tweetButtonInline']")
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click(timeout=15000)
    card.locator("[data-points]").wait_for(timeout=15000)
    shares = firsthand.query(lambda: list(Share.select().dicts()))
    assert len(shares) == 1 and shares[0]["network"] == "x"
    assert shares[0]["canonical_url"].startswith("https://x.com/i/web/status/")
    assert errors == []


X_CONTROLS = [
    "[data-testid='tweetTextarea_0']",
    "[data-testid='tweetButtonInline']",
    "[data-testid='toolBar'] [role='button']",
]


def test_x_panel_never_covers_the_composer(firsthand, granted_context):
    ctx = granted_context
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    ctx.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = ctx.new_page()
    page.goto("https://x.com/home")
    session = ctx.new_cdp_session(page)
    page.locator("[data-testid='tweetTextarea_0']").click()
    page.keyboard.type("We are thrilled to announce our most powerful release yet. Learn more!")
    page.wait_for_selector("firsthand-panel [data-voice='corporate']", timeout=15000)
    failures, modes = [], set()
    for vw, vh in VIEWPORTS:
        for zoom in ZOOMS:
            css = set_window(session, page, vw, vh, zoom)
            wait_for_placement(page, css)
            result = centres_hit(page, X_CONTROLS)
            case = f"{vw}x{vh} at {int(zoom * 100)}%"
            failures += [f"{case}: {f}" for f in result["failures"]]
            if result["scroll"] != [0, 0]:
                failures.append(f"{case}: the page scrolled")
            modes.add(result["mode"])
    assert failures == []
    assert modes == {"beside", "docked"}
