"""CSS `zoom` on the page's <html> (what zoom extensions and user styles set: `zoom: 1.25`), not
the browser's zoom: the window keeps its size, the page and everything in it, Firsthand's boxes
too, is drawn larger. Placement works in the window's pixels (the composer's rects), so a box
left at those numbers was zoomed again: at 1280×720 and 125% the docked tab sat at x 1555–1600,
wholly off the window. Measured here: the tab, the opened panel and the share card lie inside
the window and clear of Post and Dismiss, in LinkedIn's SDUI dialog and its artdeco modal."""

import pytest

from e2e.browser import connect
from e2e.composer_checks import (
    focused_in_editor,
    focused_in_panel,
    set_window,
    wait_for_placement,
    window_screenshot,
)
from e2e.geometry import boxes, covered, free_spot
from e2e.realistic import post
from e2e.test_composer_geometry import CLOSED, OPEN, UNUSABLE, became, state
from e2e.test_linkedin_publish_realistic import card
from e2e.test_linkedin_real_geometry import ARTDECO_FRAME, SDUI_FRAME, open_share_box

# In the page: whether Firsthand's boxes have stayed where they are for one poll to the next
# (laid out for the zoom: placement follows the composer's rects as the page redraws).
STEADY = """() => {
    const outlet = document.getElementById('interop-outlet');
    const now = JSON.stringify(['firsthand-panel', 'firsthand-share-card'].map((n) => {
        const h = document.querySelector(n) || document.querySelector(`dialog[open] ${n}`)
            || (outlet && outlet.shadowRoot && outlet.shadowRoot.querySelector(n));
        return h && [h.getBoundingClientRect().toJSON(), h.dataset.mode, h.dataset.open];
    }));
    const same = window.fhLastBoxes === now;
    window.fhLastBoxes = now;
    return same;
}"""
CARD_BOX = """() => {
    const r = document.querySelector('firsthand-share-card').getBoundingClientRect();
    const d = document.documentElement;
    return { rect: [r.left, r.top, r.right, r.bottom], viewport: [d.clientWidth, d.clientHeight] };
}"""


def zoom_page(page, zoom: float) -> None:
    """Zoom the page as a zoom extension does, then wait until Firsthand's boxes are still."""
    page.evaluate(f"document.documentElement.style.zoom = '{zoom}'")
    page.evaluate("window.fhLastBoxes = null")
    page.wait_for_function(STEADY, polling=400, timeout=10000)


def problems_at(page, session, frame: str, case: str) -> list[str]:
    """The panel as it comes, then opened by the shortcut and closed by Escape: what is wrong."""
    found = [f for f in covered(boxes(page, frame, "button")) if "page scrolled" not in f]
    page.keyboard.press("Alt+Shift+F")
    if not became(page, OPEN) or not focused_in_panel(page):
        return [*found, f"the shortcut did not open the panel with focus ({state(page)})"]
    page.evaluate("window.fhLastBoxes = null")
    page.wait_for_function(STEADY, polling=400, timeout=10000)
    window_screenshot(session, f"css-zoom-{case}-open")
    found += [f"opened: {p}" for p in page.evaluate(UNUSABLE)]
    result = boxes(page, frame, "button")
    opened = covered(result, only_essential=free_spot(result) is None)
    found += [f"opened: {f}" for f in opened if "page scrolled" not in f]
    page.keyboard.press("Escape")
    if not became(page, CLOSED) or not focused_in_editor(page):
        found.append(f"Escape did not close it back to the editor ({state(page)})")
    return [f"{case}: {f}" for f in found]


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


@pytest.mark.parametrize(
    "query, frame", [("gen=sdui&shell=box", SDUI_FRAME), ("gen=artdeco", ARTDECO_FRAME)]
)
def test_the_panel_stays_in_the_window_under_the_pages_css_zoom(employee, context, query, frame):
    page, session = open_share_box(context, query)
    css = set_window(session, page, 1280, 720, 1.0)
    wait_for_placement(page, css)
    failures = []
    for zoom in (1.25, 1.5):
        zoom_page(page, zoom)
        name = f"css-zoom-{query.split('&')[0][4:]}-1280x720-{int(zoom * 100)}"
        window_screenshot(session, name)
        failures += problems_at(page, session, frame, name[9:])
    assert failures == [], "\n".join(failures)
    assert page.page_errors == []


def test_the_share_card_stays_in_the_window_under_the_pages_css_zoom(employee, context):
    page, session = open_share_box(context, "gen=sdui&shell=box")
    set_window(session, page, 1280, 720, 1.0)
    zoom_page(page, 1.25)
    post(page)
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    failures = []
    for zoom in (1.25, 1.5):
        zoom_page(page, zoom)
        window_screenshot(session, f"css-zoom-card-1280x720-{int(zoom * 100)}")
        box = page.evaluate(CARD_BOX)
        (left, top, right, bottom), (vw, vh) = box["rect"], box["viewport"]
        if left < -0.5 or top < -0.5 or right > vw + 0.5 or bottom > vh + 0.5:
            failures.append(f"at {int(zoom * 100)}% the card {box['rect']} leaves {vw}x{vh}")
    assert failures == [], "\n".join(failures)
    assert page.page_errors == []
