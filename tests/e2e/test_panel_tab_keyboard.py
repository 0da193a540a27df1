"""The docked tab (the slim tab at the window's edge where no column beside the composer is free)
opened from the keyboard: Tab to it, Enter or Space. The tab hides as the panel shows, so focus
must go somewhere: onto the first suggestion, as the shortcut puts it. Once it fell to <body>
(the next Tab started from the page's top, and Escape did nothing); Escape gives the editor
back. A mouse click opens it and leaves the caret in the draft, as every other control does."""

import pytest

from e2e.browser import connect
from e2e.composer_checks import (
    focused_in_editor,
    focused_in_panel,
    set_window,
    wait_for_placement,
    window_screenshot,
)
from e2e.test_composer_geometry import CLOSED, OPEN, became, state
from e2e.test_composer_placement import SETTLED
from e2e.test_linkedin_real_geometry import open_share_box

HOST = """(() => { const outlet = document.getElementById('interop-outlet');
    return document.querySelector('firsthand-panel')
        || document.querySelector('dialog[open] firsthand-panel')
        || (outlet && outlet.shadowRoot && outlet.shadowRoot.querySelector('firsthand-panel'));
})()"""
ON_TAB = f"""() => {{ const root = {HOST}.shadowRoot;
    return root.activeElement === root.querySelector('.tab'); }}"""
# The first suggestion's name as focused_in_panel reads it.
FIRST_ANGLE = f"""() => {{ const a = {HOST}.shadowRoot.querySelector('[data-angle]');
    return a.getAttribute('aria-label') || a.textContent.trim().slice(0, 40); }}"""
ACTIVE = "() => document.activeElement && document.activeElement.tagName.toLowerCase()"


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def tab_to_the_tab(page) -> bool:
    """Press Tab from the editor until the docked tab has focus (at most 40 presses)."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(ON_TAB):
            return True
    return False


@pytest.mark.parametrize("query", ["gen=sdui&shell=box", "gen=artdeco"])
def test_enter_or_space_on_the_docked_tab_puts_focus_on_the_first_suggestion(
    employee, context, query
):
    page, session = open_share_box(context, query)
    css = set_window(session, page, 1024, 768, 1.0)
    wait_for_placement(page, css)
    assert page.evaluate(f"() => {HOST}.dataset.mode") == "docked" and page.evaluate(CLOSED)
    name = query.split("&")[0][4:]
    for key in ("Enter", "Space", "click"):
        if key == "click":
            box = page.evaluate(f"() => {HOST}.getBoundingClientRect().toJSON()")
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        else:
            assert tab_to_the_tab(page), f"Tab never reached the docked tab ({state(page)})"
            page.keyboard.press(key)
        assert became(page, OPEN), f"{key}: {state(page)}"
        if key == "click":  # a mouse click keeps the caret in the draft (a code review)
            assert focused_in_editor(page), f"click: focus on {page.evaluate(ACTIVE)}"
            break
        first = page.evaluate(FIRST_ANGLE)
        assert focused_in_panel(page) == first, f"{key}: focus on {page.evaluate(ACTIVE)}"
        page.wait_for_function(SETTLED)  # the entrance animation over, for the screenshot
        window_screenshot(session, f"docked-tab-{name}-{key.lower()}-1024x768")
        page.keyboard.press("Tab")  # and the keyboard goes on inside the panel
        assert focused_in_panel(page) not in (None, first), f"{key}: Tab left the panel"
        page.keyboard.press("Escape")
        assert became(page, CLOSED) and focused_in_editor(page), f"{key}: {state(page)}"
    assert page.page_errors == []
