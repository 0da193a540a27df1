"""The panel and the share card never cover LinkedIn's composer: every common viewport, at 100 to
200% zoom, for the 744 px dialog, the older 552 px one, the shadow-root build and the SDUI
<dialog>. One browser; the window is resized, never relaunched."""

import pytest

from e2e.browser import (
    CORPORATE,
    connect,
    editor,
    open_composer,
    panel,
    publish,
    type_draft,
    wait_for_verdict,
)
from e2e.composer_checks import (
    VIEWPORTS,
    ZOOMS,
    composer_hits,
    set_window,
    wait_for_placement,
    window_screenshot,
)

SETTLED = """() => [document, ...['firsthand-panel', 'firsthand-share-card']
    .map((n) => document.querySelector(n)).filter(Boolean).map((h) => h.shadowRoot)]
    .every((r) => r.getAnimations().every((a) => a.playState === 'finished'))"""
PLACE = {"margin": 8, "gap": 12, "min_width": 232}  # extension/content/placement.js, panel.js
# The fixture's dialog variants: (generation, width parameter, name).
VARIANTS = [
    ("classic", 744, "744"),
    ("classic", 552, "552"),
    ("interop", 744, "interop-744"),
    ("sdui", 744, "sdui"),
]


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def open_variant(context, generation: str, width: int):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"https://www.linkedin.com/feed/?generation={generation}&width={width}")
    page.page_errors = errors
    return page


def room_beside(result: dict) -> float:
    """The widest column free beside the dialog, less the gap and the window's margin."""
    d, (vw, _vh) = result["dialog"], result["viewport"]
    return max(vw - d["right"], d["left"]) - PLACE["gap"] - PLACE["margin"]


@pytest.mark.parametrize("generation,width,name", VARIANTS, ids=[v[2] for v in VARIANTS])
def test_the_panel_never_covers_the_composer(employee, context, generation, width, name):
    page = open_variant(context, generation, width)
    session = context.new_cdp_session(page)
    open_composer(page)
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate")
    failures, modes = [], {}
    for vw, vh in VIEWPORTS:
        for zoom in ZOOMS:
            css = set_window(session, page, vw, vh, zoom)
            wait_for_placement(page, css)
            result = composer_hits(page)
            case = f"{vw}x{vh} at {int(zoom * 100)}% (CSS {css[0]}x{css[1]})"
            failures += [f"{case}: {f}" for f in result["failures"]]
            if result["scroll"] != [0, 0]:
                failures.append(f"{case}: the page scrolled to {result['scroll']}")
            box = result["boxes"]["firsthand-panel"]
            modes[case] = box["mode"]
            if room_beside(result) >= PLACE["min_width"] + 1 and box["mode"] != "beside":
                failures.append(f"{case}: room beside the dialog, but the panel docked")
            if box["mode"] == "beside" and box["open"] != "true":
                failures.append(f"{case}: beside the dialog, but not open")
    assert failures == []
    # The sweep saw both layouts: beside on wide windows, docked on narrow or zoomed ones.
    assert modes["2560x1440 at 100% (CSS 2560x1440)"] == "beside"
    assert modes["1024x768 at 100% (CSS 1024x768)"] == "docked"
    assert page.page_errors == []


def test_docked_panel_opens_where_it_covers_least_and_closes_in_one_action(employee, context):
    page = open_variant(context, "classic", 744)
    session = context.new_cdp_session(page)
    open_composer(page)
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate")
    for vw, vh in [(1024, 768), (1280, 720)]:
        for zoom in (1.0, 1.25):
            css = set_window(session, page, vw, vh, zoom)
            wait_for_placement(page, css)
            host = panel(page)
            label = f"{vw}x{vh}" + ("" if zoom == 1.0 else f"-zoom{int(zoom * 100)}")
            if host.get_attribute("data-mode") == "beside":
                window_screenshot(session, f"composer-{label}-beside")
                host.get_by_role("button", name="Hide suggestions").click()
                window_screenshot(session, f"composer-{label}-hidden")
                assert composer_hits(page)["failures"] == []
                host.get_by_role("button", name="Show Firsthand suggestions").click()
                assert host.get_attribute("data-open") == "true"
                continue
            assert host.get_attribute("data-open") == "false"
            window_screenshot(session, f"composer-{label}-docked")
            host.get_by_role("button", name="Show Firsthand suggestions").click()
            page.wait_for_function(
                "() => document.querySelector('firsthand-panel').dataset.open === 'true'"
            )
            assert host.locator("[data-angle]:visible").count() >= 3
            page.wait_for_function(SETTLED)
            window_screenshot(session, f"composer-{label}-open")
            opened = composer_hits(page)
            # Opened by the employee it may overlap the dialog, but never Post or Dismiss.
            assert not [f for f in opened["failures"] if f.startswith(("Post", "Dismiss"))]
            host.get_by_role("button", name="Hide suggestions").click()  # one action closes it
            assert host.get_attribute("data-open") == "false"
            assert composer_hits(page)["failures"] == []
    assert page.page_errors == []


def test_the_panel_follows_the_dialog_as_it_grows(employee, context):
    page = open_variant(context, "classic", 744)
    session = context.new_cdp_session(page)
    css = set_window(session, page, 1366, 768, 1.0)
    open_composer(page)
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate")
    wait_for_placement(page, css)
    before = composer_hits(page)
    for _ in range(14):  # the dialog grows with the text until the window stops it
        page.keyboard.press("Enter")
        page.keyboard.type("Another line of my own.")
    page.wait_for_function(
        """(top) => {
            const d = document.querySelector('.artdeco-modal').getBoundingClientRect();
            const p = document.querySelector('firsthand-panel').getBoundingClientRect();
            return d.top < top - 20 && Math.abs(p.top - Math.max(8, d.top)) < 1;
        }""",
        arg=before["dialog"]["top"],
    )
    after = composer_hits(page)
    assert after["failures"] == [] and after["scroll"] == [0, 0]
    assert after["boxes"]["firsthand-panel"]["mode"] == "beside"


def test_the_share_card_keeps_clear_of_a_reopened_composer(employee, context):
    page = open_variant(context, "classic", 744)
    session = context.new_cdp_session(page)
    css = set_window(session, page, 1024, 640, 1.5)  # CSS 683×427: nothing fits beside
    open_composer(page)
    type_draft(page, "I shipped the new import screen today and I am proud of the team.")
    publish(page)
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").wait_for(timeout=15000)
    open_composer(page)  # the employee starts the next post before answering the card
    wait_for_placement(page, css)
    page.wait_for_function(
        "() => document.querySelector('firsthand-share-card').dataset.compact === 'true'"
    )
    hits = composer_hits(page)
    assert hits["failures"] == []
    page.wait_for_function(SETTLED)
    window_screenshot(session, "share-card-pill-over-composer")
    editor(page).click()  # a click into the editor lands in the editor
    page.keyboard.type("Next one.")
    assert "Next one." in editor(page).inner_text()
    # The employee opens the pill: the card opens where it covers least, and logs.
    card.get_by_role("button", name="Log your last post").click()
    card.locator("[data-action='log']").click()
    card.locator("[data-points]").wait_for(timeout=15000)
    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Dismiss").click()
    page.wait_for_function("() => !document.querySelector('firsthand-panel')")
    open_composer(page)  # a finished card leaves when a composer opens again
    page.wait_for_function("() => !document.querySelector('firsthand-share-card')")
    assert composer_hits(page)["failures"] == []
    assert page.page_errors == []
