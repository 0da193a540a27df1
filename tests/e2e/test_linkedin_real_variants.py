"""LinkedIn composers as the site served them in 2026 that the other realistic tests do not
cover (sources in docs/extension.md, "What LinkedIn serves"): the SDUI <dialog> with its Tiptap
editor (componentkey ShareBox_textEditor) rendered inside #interop-outlet's open shadow root.
At 1280x720, 1024x640 and 1920x1080: the composer is found, the panel covers neither Post, the
close button nor the draft, and a publish is noticed and offered with the post's own address
(an activity id of now: unix_ms << 22)."""

import time

from e2e.browser import connect, screenshot, wait_for_verdict
from e2e.composer_checks import set_window, wait_for_placement, window_screenshot
from e2e.realistic import DRAFT, composer_clear, open_real, post, start_post
from firsthand.models import Share

WINDOWS = [(1280, 720, 1.0), (1024, 640, 1.0), (1920, 1080, 1.0)]


def shares(firsthand):
    return firsthand.query(lambda: list(Share.select().order_by(Share.id).dicts()))


def check_composer(page, session, name: str) -> list[str]:
    failures = []
    for vw, vh, zoom in WINDOWS:
        css = set_window(session, page, vw, vh, zoom)
        wait_for_placement(page, css)
        page.wait_for_timeout(250)  # past the dialog's entrance
        result = composer_clear(page)
        failures += [f"{name} {vw}x{vh}: {f}" for f in result["failures"]]
        window_screenshot(session, f"real-{name}-{vw}x{vh}")
    return failures


def publish_and_log(page, firsthand) -> dict:
    started = time.time() * 1000
    post(page)
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click(timeout=10000)
    card.locator("[data-points]").wait_for(timeout=15000)
    published = page.evaluate("window.fixture.published[0]")
    (logged,) = shares(firsthand)
    assert logged["canonical_url"] == (
        f"https://www.linkedin.com/feed/update/urn:li:activity:{published['activity']}/"
    )
    assert started - 5000 <= int(published["activity"]) >> 22 <= time.time() * 1000
    return logged


def test_the_sdui_composer_inside_the_interop_shadow_root(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui-interop&post=activity")
    session = context.new_cdp_session(page)
    set_window(session, page, 1280, 720, 1.0)
    start_post(page)
    page.keyboard.type(DRAFT)
    wait_for_verdict(page, "personal")
    assert check_composer(page, session, "sdui-interop") == []
    logged = publish_and_log(page, firsthand)
    assert logged["text"] == DRAFT and logged["points"] > 0
    screenshot(page, "real-sdui-interop-logged")
    assert page.page_errors == []


def test_a_post_the_toast_does_not_link_is_found_in_the_feed(firsthand, context):
    """The hashed-class build: its toast says "Post successful." and links nowhere, the feed
    names posts only in their tracking scope; the new post is the one the feed shows after Post,
    minted after everything it showed before."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui-interop&feed=sdui&toastkind=sdui&post=activity")
    set_window(context.new_cdp_session(page), page, 1280, 720, 1.0)
    start_post(page)
    page.keyboard.type(DRAFT)
    wait_for_verdict(page, "personal")
    logged = publish_and_log(page, firsthand)
    assert logged["text"] == DRAFT and logged["points"] > 0
    screenshot(page, "real-sdui-feed-only-logged")
    assert page.page_errors == []
