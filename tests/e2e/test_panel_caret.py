"""Opened where no column beside the composer is free, the panel keeps off the line being typed
(the caret's) first, then the draft's other lines, and covers the composer's secondary controls
(toolbar icons, Drafts, the audience) before them; Post and the close button never, and it stays
in the window. A cold hunt measured it over three lines and the caret in X's compose modal at
1024×640 175% and over two lines and the caret's at 1280×720 200%, where a spot over the GIF,
poll and emoji icons was clear of them; in Facebook's dialog at 1920×1080 200% it went 524 px
tall over the blank end of the caret's line though the top left was clear; in LinkedIn's
full-window dialog at 1024×640 175% over the caret's line where a spot kept off it (at 1280×720
200% none does: 360 px tall, the line 170 px down, it covers that line and no other)."""

from e2e.browser import CORPORATE, connect, wait_for_verdict
from e2e.composer_checks import set_window, wait_for_placement, window_screenshot
from e2e.geometry import (
    ESSENTIAL,
    LINKEDIN_FRAME,
    X_CONTROLS,
    X_MODAL_FRAME,
    boxes,
    caret_line,
    covered,
    overlap,
    spot_clear_of,
)
from e2e.realistic import open_real
from e2e.test_composer_geometry import CLOSED, OPEN, became
from e2e.test_composer_placement import SETTLED
from e2e.test_facebook import facebook_page
from e2e.test_x import granted_context  # noqa: F401 - the fixture, granted X access
from e2e.test_x_realistic import open_x_home

FACEBOOK_FRAME = "[role=dialog]"
FACEBOOK_CONTROLS = "[role=button]"
MODE = "() => document.querySelector('firsthand-panel').dataset.mode"


def opened_problems(page, session, case: str, frame: str, controls: str) -> list[str]:
    """Open the panel by the keyboard and say what is wrong with where it went, one line each:
    over Post or the close button, out of the window, over the caret's line where a spot of its
    least size keeps off it (and Post and the close button), over the draft's words where one
    keeps off them and the caret's line. Closes it again."""
    page.keyboard.press("Alt+Shift+F")
    if not became(page, OPEN):
        return [f"{case}: the shortcut did not open the panel"]
    page.wait_for_function(SETTLED)
    result = boxes(page, frame, controls)
    caret = caret_line(page, frame)
    window_screenshot(session, f"caret-{case}-open")
    page.keyboard.press("Escape")
    became(page, CLOSED)
    failures = [f"{case}: {f}" for f in covered(result, only_essential=True)]
    if caret is None:
        return failures + [f"{case}: no caret's line in sight to keep off"]
    panel = result["panel"]["rect"]
    essential = [p["rect"] for p in result["parts"] if p["name"] in ESSENTIAL]
    words = [p["rect"] for p in result["parts"] if p["name"] == "editor text"]
    spot = spot_clear_of(result, essential + [caret])
    if overlap(panel, caret) > 1 and spot:
        failures.append(f"{case}: the panel {panel} covers the caret's line {caret}, {spot} not")
    spot = spot_clear_of(result, essential + words + [caret])
    over = [w for w in words if overlap(panel, w) > 1]
    if over and spot:
        failures.append(f"{case}: the panel {panel} covers the words {over}, {spot} not")
    return failures


def sweep(page, session, name: str, frame: str, controls: str, windows) -> list[str]:
    failures = []
    for vw, vh, zoom in windows:
        css = set_window(session, page, vw, vh, zoom)
        wait_for_placement(page, css)
        case = f"{name}-{vw}x{vh}-{int(zoom * 100)}"
        if page.evaluate(MODE) != "docked":
            failures.append(f"{case}: the panel is beside the composer, not docked")
            continue
        failures += opened_problems(page, session, case, frame, controls)
    return failures


def test_x_modal_panel_keeps_off_the_caret_and_the_draft(firsthand, granted_context):  # noqa: F811
    ctx = granted_context
    page, errors = open_x_home(firsthand, ctx)
    session = ctx.new_cdp_session(page)
    set_window(session, page, 1280, 720, 1.0)
    page.locator("[data-testid='SideNav_NewTweet_Button']").click()
    page.locator("[data-testid='tweetTextarea_0']:visible").last.click()
    page.keyboard.insert_text(CORPORATE)
    wait_for_verdict(page, "corporate")
    windows = [(1024, 640, 1.75), (1280, 720, 2.0), (1366, 768, 2.0)]
    failures = sweep(page, session, "x-modal", X_MODAL_FRAME, X_CONTROLS, windows)
    assert failures == [], "\n".join(failures)
    assert errors == []


def test_facebook_panel_keeps_off_the_caret_line(firsthand, granted_context):  # noqa: F811
    ctx = granted_context
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    ctx.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = facebook_page(ctx)  # the Facebook fixture, its page errors kept
    session = ctx.new_cdp_session(page)
    page.click("#open")
    page.keyboard.insert_text(CORPORATE)
    wait_for_verdict(page, "corporate")
    windows = [(1920, 1080, 2.0), (1024, 640, 1.75)]
    failures = sweep(page, session, "facebook", FACEBOOK_FRAME, FACEBOOK_CONTROLS, windows)
    assert failures == [], "\n".join(failures)
    assert page.page_errors == []


def test_linkedin_full_window_dialog_panel_keeps_off_the_caret_line(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui&shell=full")
    session = context.new_cdp_session(page)
    set_window(session, page, 1280, 720, 1.0)
    page.locator(".share-box-feed-entry__trigger").wait_for()
    page.evaluate("window.fixtureComposer.open()")
    page.wait_for_function(
        "() => { const a = document.activeElement; return a && a.isContentEditable; }"
    )
    page.keyboard.insert_text(CORPORATE)
    wait_for_verdict(page, "corporate")
    windows = [(1280, 720, 2.0), (1024, 640, 1.75)]
    failures = sweep(page, session, "linkedin-full", LINKEDIN_FRAME, "button", windows)
    assert failures == [], "\n".join(failures)
    assert page.page_errors == []
