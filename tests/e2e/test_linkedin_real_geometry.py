"""A cold check at LinkedIn's real geometry, as an outside reviewer makes it: the share box with
the site's own nesting, class names and sizes (fixtures/linkedin-real-artdeco.js: the 744 px
artdeco modal centred in the window, its Dismiss in the corner, the Quill editor, the detour
toolbar and Post in the footer), in the page and inside #interop-outlet's shadow root, and the
SDUI <dialog>; behind it the fixed global nav, a feed scrolled down (the share box locks the
page's scroll, so the window loses its scroll bar as it opens) and the messaging overlay docked
at the bottom right with a conversation open. At 1024×640, 1280×720, 1366×768, 1920×1080 and
2560×1440, at 100, 150 and 200% browser zoom, light and dark: the panel covers none of the draft's
words, Post, Dismiss or the toolbar (whole boxes), takes the page's theme, is reached by the
keyboard and shows what it holds (at least one whole suggestion, or its top with the rest a
scroll away); Escape gives the editor back. Then a publish confirmed twice over (the page's
create-post answer and the toast, each twice, ids of now) is offered and logged once, as is a
post pressed again after a failed attempt, and the share card keeps off the messaging overlay;
X in its own dark display with its messages drawer, the panel and the card clear of it."""

import json
import time

import pytest

from e2e.browser import CORPORATE, connect, wait_for_verdict
from e2e.composer_checks import (
    focused_in_editor,
    focused_in_panel,
    set_window,
    wait_for_placement,
    window_screenshot,
)
from e2e.geometry import (
    X_CONTROLS,
    X_INLINE_FRAME,
    X_MODAL_FRAME,
    boxes,
    covered,
    free_spot,
    overlap,
)
from e2e.realistic import open_real
from e2e.test_composer_geometry import CLOSED, OPEN, UNUSABLE, became, state
from e2e.test_composer_placement import SETTLED
from e2e.test_linkedin_publish_realistic import card, shares
from e2e.test_x import granted_context  # noqa: F401 - the fixture, granted X access
from e2e.test_x_realistic import serve_x

VIEWPORTS = [(1024, 640), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440)]
ZOOMS = [1.0, 1.5, 2.0]
GRID = [(w, h, z) for w, h in VIEWPORTS for z in ZOOMS]
# The hard cases, saved as screenshots: the smallest window zoomed, the 744 px box at 1280×720.
SHOTS = {(1024, 640, 2.0), (1024, 640, 1.0), (1280, 720, 1.0), (1366, 768, 1.5), (2560, 1440, 2.0)}
ARTDECO_FRAME = ".share-box-v2__modal"
SDUI_FRAME = "dialog .share-card-box"
SCROLLED = 600  # how far down the feed the employee is when the share box opens
# X: the narrowest windows, the common laptop, full HD zoomed (its modal is 600 px near the top).
X_GRID = [(1024, 640, 1.0), (1024, 640, 2.0), (1280, 720, 1.0), (1366, 768, 1.5), (1920, 1080, 2.0)]
THEME = "() => document.querySelector('firsthand-panel').dataset.theme"
# In the page: whether the opened panel's body shows at least one whole suggestion (its tallest):
# null if it does or the window has no room for a taller panel, else how tall the panel would be.
ONE_WHOLE = """() => {
    const host = document.querySelector('firsthand-panel')
        || document.querySelector('dialog[open] firsthand-panel');
    const root = host.shadowRoot, body = root.querySelector('.body');
    const tallest = Math.max(...[...root.querySelectorAll('li')]
        .map((li) => li.getBoundingClientRect().height));
    const vh = document.documentElement.clientHeight, r = host.getBoundingClientRect();
    const shown = body.getBoundingClientRect().height;
    if (shown + 0.5 >= tallest || r.height >= vh - 16 - 0.5) return null;
    return { shown, tallest, needed: Math.ceil(r.height + tallest - shown) };
}"""


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def open_share_box(context, query: str):
    """The feed scrolled down, then the share box opened over it (as "Repost with your
    thoughts" on a post down the feed opens it), a press-release draft typed in one go."""
    page = open_real(context, f"{query}&msg=1&posts=20")
    session = context.new_cdp_session(page)
    set_window(session, page, 1280, 720, 1.0)
    page.locator(".share-box-feed-entry__trigger").wait_for()
    page.evaluate(f"window.scrollTo(0, {SCROLLED})")
    page.evaluate("window.fixtureComposer.open()")
    page.wait_for_function(
        "() => { const a = document.activeElement;"
        " return a && (a.isContentEditable || (a.shadowRoot && a.shadowRoot.activeElement"
        " && a.shadowRoot.activeElement.isContentEditable)); }"
    )
    page.keyboard.insert_text(CORPORATE)
    wait_for_verdict(page, "corporate")
    return page, session


def too_short(page, frame: str, controls: str) -> list[str]:
    """One whole suggestion shows, unless a panel tall enough for one would cover more than this
    one does: the draft's words or a control where this one covers nothing, a control where it
    covers only words. Then its body scrolls, the focused suggestion's top in sight (UNUSABLE).
    Where it covers a control anyway (every spot covers one), one whole suggestion shows."""
    whole = page.evaluate(ONE_WHOLE)
    if not whole:
        return []
    result = boxes(page, frame, controls)
    panel = result["panel"]["rect"]
    under = [p for p in result["parts"] if overlap(panel, p["rect"]) > 1]
    if any(p["name"] != "editor text" for p in under):
        keep_off = None  # it covers a control: a taller one could cover no more that matters
    elif under:
        keep_off = {**result, "parts": [p for p in result["parts"] if p["name"] != "editor text"]}
    else:
        keep_off = result
    if keep_off is not None and not free_spot(keep_off, (232, whole["needed"])):
        return []
    return [f"its body shows {whole['shown']:.0f} px of a {whole['tallest']:.0f} px suggestion"]


def check(
    page,
    session,
    name: str,
    frame: str,
    theme: str,
    controls: str = "button",
    scrolled: int = SCROLLED,
    grid: list = GRID,
) -> list[str]:
    """Every window of the grid: the panel as it comes (clear, the page's theme, the page's
    scroll untouched), then opened by the keyboard (docked: the shortcut; beside: the shortcut
    hides it, again shows it with focus on its first angle), usable, and Escape back to the
    editor. What went wrong, one line each."""
    failures = []
    for vw, vh, zoom in grid:
        css = set_window(session, page, vw, vh, zoom)
        wait_for_placement(page, css)
        case = f"{name} {vw}x{vh} at {int(zoom * 100)}%"
        result = boxes(page, frame, controls)
        problems = [f for f in covered(result) if "the page scrolled" not in f]
        if result.get("scroll") != [0, scrolled]:
            problems.append(f"the page's scroll moved to {result.get('scroll')}")
        if page.evaluate(THEME) != theme:
            problems.append(f"the panel is {page.evaluate(THEME)} on a {theme} page")
        failures += [f"{case}: {p}" for p in problems]
        shot = f"real-geometry-{name}-{vw}x{vh}-{int(zoom * 100)}"
        if (vw, vh, zoom) in SHOTS:
            window_screenshot(session, shot)
        mode = result["panel"]["mode"]
        page.keyboard.press("Alt+Shift+F")  # docked: opened; beside: the keyboard goes in
        if not became(page, OPEN) or not focused_in_panel(page):
            failures.append(
                f"{case}: the shortcut did not open the panel with focus ({state(page)})"
            )
            continue
        page.wait_for_function(SETTLED)
        failures += [f"{case} opened: {p}" for p in page.evaluate(UNUSABLE)]
        failures += [f"{case} opened: {p}" for p in too_short(page, frame, controls)]
        # Where no spot of its smallest size misses every word and control, it covers the
        # least it can, but never Post or the close button.
        result = boxes(page, frame, controls)
        opened = covered(result, only_essential=free_spot(result) is None)
        failures += [f"{case} opened: {f}" for f in opened if "the page scrolled" not in f]
        if (vw, vh, zoom) in SHOTS and mode == "docked":
            window_screenshot(session, f"{shot}-open")
        page.keyboard.press("Escape")
        if mode == "docked" and not became(page, CLOSED):
            failures.append(f"{case}: Escape did not close the panel ({state(page)})")
        if not focused_in_editor(page):
            failures.append(f"{case}: Escape did not return to the editor")
    return failures


def test_the_panel_at_linkedins_real_geometry_light_and_dark(employee, context):
    failures = []
    for query, name, frame, theme in (
        ("gen=artdeco", "artdeco", ARTDECO_FRAME, "light"),
        ("gen=artdeco-interop&theme=dark", "artdeco-interop-dark", ARTDECO_FRAME, "dark"),
        ("gen=sdui&shell=box&theme=dark", "sdui-dark", SDUI_FRAME, "dark"),
    ):
        page, session = open_share_box(context, query)
        failures += check(page, session, name, frame, theme)
        assert page.page_errors == []
        page.close()
    assert failures == [], "\n".join(failures)


# In the page: where the share card is, and which of the messaging overlay's boxes it covers.
CARD_OVER = """() => {
    const c = document.querySelector('firsthand-share-card').getBoundingClientRect();
    const over = (r) => Math.min(c.right, r.right) > Math.max(c.left, r.left)
        && Math.min(c.bottom, r.bottom) > Math.max(c.top, r.top);
    return [...document.querySelectorAll('#msg-overlay > *')]
        .filter((b) => over(b.getBoundingClientRect())).map((b) => b.className);
}"""


def test_a_publish_confirmed_twice_over_is_offered_and_logged_once(employee, context):
    """LinkedIn confirms a post by its create-post answer (the activity) and its toast (the
    share); on a flaky connection the request is retried and the toast shown again. Ids of now
    (unix_ms << 22, from the page's clock): one offer, one share."""
    page = open_real(context, "gen=artdeco-interop&confirm=both&twice=1&msg=1&theme=dark")
    created = []

    def create_post(route) -> None:  # the site's answer names the ids the page minted
        ids = json.loads(route.request.post_data)
        created.append(ids)
        share, activity = f"urn:li:share:{ids['share']}", f"urn:li:activity:{ids['activity']}"
        status = {"urn": share, "toastCtaUrl": f"https://www.linkedin.com/feed/update/{share}/"}
        update = f"urn:li:fsd_update:({activity},MAIN_FEED,EMPTY,DEFAULT,false)"
        route.fulfill(json={"data": {"status": status, "*updateV2": update}})

    page.route("**/voyager/api/contentcreation/normShares", create_post)
    session = context.new_cdp_session(page)
    set_window(session, page, 1280, 720, 1.0)
    page.locator(".share-box-feed-entry__trigger").click()
    page.locator(".ql-editor").click()
    draft = "I spent the week pairing with Lea on the importer and learned a lot from her."
    page.keyboard.type(draft)
    wait_for_verdict(page, "personal")
    page.wait_for_function(
        "() => !document.getElementById('interop-outlet').shadowRoot"
        ".querySelector('.share-actions__primary-action').disabled"
    )
    page.locator(".share-actions__primary-action").click()
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    window_screenshot(session, "real-geometry-publish-offered")
    # Both signals have come twice before the employee answers.
    page.wait_for_function("() => window.fixture.toasts >= 2", timeout=10000)
    assert len(created) == 2 and created[0] == created[1]
    assert card(page).locator("[data-action='log']").count() == 1
    assert page.evaluate(CARD_OVER) == []  # the messaging overlay stays usable
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    window_screenshot(session, "real-geometry-publish-logged")
    assert page.evaluate(CARD_OVER) == []
    logged = shares(employee)
    assert [s["text"] for s in logged] == [draft]
    activity = int(created[0]["activity"])
    assert abs((activity >> 22) - time.time() * 1000) < 60_000  # an id of now
    assert logged[0]["canonical_url"] in {
        f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
        f"https://www.linkedin.com/feed/update/urn:li:share:{created[0]['share']}/",
    }
    assert logged[0]["points"] > 0
    assert page.page_errors == []


OVER_DRAWER = """(host) => {
    const c = document.querySelector(host).getBoundingClientRect();
    const d = document.querySelector('[data-testid=DMDrawer]').getBoundingClientRect();
    return Math.min(c.right, d.right) > Math.max(c.left, d.left)
        && Math.min(c.bottom, d.bottom) > Math.max(c.top, d.top);
}"""


def test_x_in_lights_out_with_its_messages_drawer(firsthand, granted_context):  # noqa: F811
    """X in its own dark display ("Lights out", whatever the OS) with the messages drawer docked
    at the bottom right: the panel is dark and clear of the inline and modal composers, and the
    share card after a post keeps off the drawer."""
    ctx = granted_context
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    ctx.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("https://x.com/**", serve_x)
    page.emulate_media(color_scheme="light")
    page.goto("https://x.com/home?theme=dark&dm=1")
    session = ctx.new_cdp_session(page)
    failures = []
    for where, frame in (("inline", X_INLINE_FRAME), ("modal", X_MODAL_FRAME)):
        set_window(session, page, 1280, 720, 1.0)
        if where == "modal":
            page.locator("[data-testid='SideNav_NewTweet_Button']").click()
        page.locator("[data-testid='tweetTextarea_0']:visible").last.click()
        page.keyboard.insert_text(CORPORATE)
        wait_for_verdict(page, "corporate")
        failures += check(page, session, f"x-{where}-dark", frame, "dark", X_CONTROLS, 0, X_GRID)
        if where == "inline":  # beside the timeline's composer, above the drawer, not over it
            css = set_window(session, page, 1280, 720, 1.0)
            wait_for_placement(page, css)
            window_screenshot(session, "real-geometry-x-dark-inline")
            if page.evaluate(OVER_DRAWER, "firsthand-panel"):
                failures.append("x-inline-dark 1280x720: the panel covers the messages drawer")
    assert failures == [], "\n".join(failures)
    set_window(session, page, 1280, 720, 1.0)
    page.wait_for_selector("[role=dialog] [data-testid='tweetButton'][aria-disabled='false']")
    page.click("[role=dialog] [data-testid='tweetButton']")
    card(page).locator("[data-action='log']").wait_for(timeout=15000)
    window_screenshot(session, "real-geometry-x-dark-offered")
    assert not page.evaluate(OVER_DRAWER, "firsthand-share-card")
    assert errors == []


def test_post_pressed_again_after_a_failure_is_offered_and_logged_once(employee, context):
    """The first Post fails (LinkedIn's error line, the composer stays), the employee presses it
    again and it goes through, confirmed by the toast: one offer, one share."""
    page = open_real(context, "gen=sdui&fail=once")
    page.locator(".share-box-feed-entry__trigger").click()
    page.locator("[contenteditable=true]:visible").first.click()
    draft = "Pairing with Lea on the importer taught me more than any course this year."
    page.keyboard.type(draft)
    wait_for_verdict(page, "personal")
    post = page.locator(".post-btn:visible").first
    page.wait_for_function("(b) => !b.disabled", arg=post.element_handle(), timeout=5000)
    post.click()
    page.get_by_text("Something went wrong").wait_for()
    post.click()  # pressed again: published
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    page.wait_for_function("() => window.fixture.toasts >= 1")
    assert card(page).locator("[data-action='log']").count() == 1
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    assert [s["text"] for s in shares(employee)] == [draft]
    assert page.page_errors == []
