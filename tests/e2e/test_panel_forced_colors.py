"""Forced colours (Windows High Contrast and its kin: `forced-colors: active`) drop backgrounds,
gradients and shadows and repaint every colour with the system's. What told Firsthand's controls
apart must survive that: once the docked tab was a bare "F" (its gradient gone, no border), the
voice verdict's dot lost its fill so a personal and a corporate draft looked alike, and Hide was
a word with no outline. Measured as computed styles under forced colours: every control has a
border, the verdict differs by its words and the dot by its shape; and the share card too."""

import pytest

from e2e.browser import PERSONAL, connect, wait_for_verdict
from e2e.composer_checks import focused_in_panel, set_window, wait_for_placement, window_screenshot
from e2e.realistic import post
from e2e.test_composer_geometry import CLOSED, OPEN, became, state
from e2e.test_composer_placement import SETTLED
from e2e.test_linkedin_publish_realistic import card
from e2e.test_linkedin_real_geometry import open_share_box

# In the page: for each selector inside a Firsthand box (`name`; in the page or a modal dialog),
# the computed border of each match (its top edge: width and style), its shape and colours.
STYLES = """([name, selectors]) => {
    const host = document.querySelector(name) || document.querySelector(`dialog[open] ${name}`);
    const out = {};
    for (const selector of selectors) {
        out[selector] = [...host.shadowRoot.querySelectorAll(selector)].map((el) => {
            const s = getComputedStyle(el);
            return { border: [parseFloat(s.borderTopWidth), s.borderTopStyle],
                bottom: [parseFloat(s.borderBottomWidth), s.borderBottomStyle],
                shape: [s.borderTopLeftRadius, s.width, s.height],
                paint: [s.backgroundColor, s.borderTopColor, s.color],
                text: el.textContent.trim(), label: el.getAttribute('aria-label') };
        });
    }
    return out;
}"""
FORCED = "() => matchMedia('(forced-colors: active)').matches"


def unbordered(found: dict, where: str) -> list[str]:
    """Each control of `found` (STYLES) whose box has no border to show it, one line each."""
    return [
        f"{where}: {selector} {c['text'][:30]!r} has border {c['border']}"
        for selector, controls in found.items()
        for c in controls
        if c["border"][0] < 1 or c["border"][1] in ("none", "hidden")
    ]


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def test_tab_panel_verdict_and_card_stay_distinct_under_forced_colours(employee, context):
    page, session = open_share_box(context, "gen=sdui&shell=box")
    page.emulate_media(forced_colors="active")
    assert page.evaluate(FORCED)
    css = set_window(session, page, 1024, 768, 1.0)  # docked: the tab at the window's edge
    wait_for_placement(page, css)
    assert page.evaluate(CLOSED), state(page)
    page.wait_for_function(SETTLED)
    window_screenshot(session, "forced-colors-tab-corporate-1024x768")
    problems = []
    corporate = page.evaluate(STYLES, ["firsthand-panel", [".tab", ".tab .dot"]])
    problems += unbordered({".tab": corporate[".tab"]}, "docked tab")

    page.keyboard.press("Alt+Shift+F")
    assert became(page, OPEN) and focused_in_panel(page), state(page)
    page.wait_for_function(SETTLED)
    window_screenshot(session, "forced-colors-panel-corporate-1024x768")
    opened = page.evaluate(STYLES, ["firsthand-panel", ["header button", "[data-angle]", ".chip"]])
    problems += unbordered(opened, "opened panel")
    header = page.evaluate(STYLES, ["firsthand-panel", ["header"]])["header"][0]
    if header["bottom"][0] < 1:  # its gradient gone, a line parts it from the suggestions
        problems.append(f"the header has no line below it: {header['bottom']}")
    page.keyboard.press("Escape")
    assert became(page, CLOSED), state(page)

    page.keyboard.insert_text(PERSONAL)  # the verdict turns personal
    wait_for_verdict(page, "personal")
    page.wait_for_function(SETTLED)
    window_screenshot(session, "forced-colors-tab-personal-1024x768")
    personal = page.evaluate(STYLES, ["firsthand-panel", [".tab", ".tab .dot", ".chip"]])
    # The verdict is told by words (the chip, the tab's name) and the tab's dot by its shape or
    # its fill, not by a colour the system repaints.
    assert opened[".chip"][0]["text"] != personal[".chip"][0]["text"], (opened, personal)
    assert corporate[".tab"][0]["label"] != personal[".tab"][0]["label"], (corporate, personal)
    dots = [corporate[".tab .dot"][0], personal[".tab .dot"][0]]
    if (dots[0]["shape"], dots[0]["paint"][:2]) == (dots[1]["shape"], dots[1]["paint"][:2]):
        problems.append(f"the corporate and personal dots look alike: {dots}")
    assert problems == [], "\n".join(problems)

    # The share card: its buttons, and the pill it waits as beside an open composer.
    post(page)
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    page.wait_for_function(SETTLED)
    window_screenshot(session, "forced-colors-card-offered-1024x768")
    offered = page.evaluate(STYLES, ["firsthand-share-card", ["button", ".pill"]])
    problems += unbordered(offered, "share card")
    primary, ghost = (
        next(b for b in offered["button"] if b["text"] == text)
        for text in ("Log this share", "Not now")
    )
    if primary["paint"] == ghost["paint"]:  # the one action that logs stands out
        problems.append(f"Log this share looks like Not now: {primary['paint']}")
    card(page).locator("[data-action='log']").click()
    card(page).locator("[data-points]").wait_for(timeout=15000)
    page.wait_for_function(SETTLED)
    window_screenshot(session, "forced-colors-card-logged-1024x768")
    logged = page.evaluate(STYLES, ["firsthand-share-card", ["button", ".badge"]])
    problems += unbordered(logged, "logged card")
    assert problems == [], "\n".join(problems)
    assert page.page_errors == []
