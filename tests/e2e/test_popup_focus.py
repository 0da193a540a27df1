"""A cold review: choosing a tab, Team/Company, a period or the opt-in box redrew the popup
and the keyboard's focus fell to <body> (Tab then started again from the top). The focus
now stays on the control chosen, and the tabs are a tablist: one Tab stop, the arrow keys,
Home and End move along them, each tab controls the panel below."""

import pytest

from e2e.browser import connect, fresh_post, popup, screenshot
from e2e.console_steps import axe_violations_light_and_dark

FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


@pytest.fixture
def board(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    firsthand.add_user("bob@example.com", "Bob Builder")
    for n, email in enumerate(["bob@example.com", "ann@example.com"]):
        answer = firsthand.api(
            email, "POST", "/shares", json={"url": fresh_post(n), "network": "linkedin"}
        )
        assert answer.status_code == 201
    return firsthand


def settled(page) -> None:
    """Once the tab has drawn what it loaded (no "Loading…" left)."""
    page.wait_for_function(
        "() => !document.querySelector('#tab-panel').innerText.includes('Loading')"
    )


def focus_stays_on(page, control: str) -> None:
    settled(page)
    page.wait_for_timeout(100)  # a late render would take the focus after the first look
    assert page.evaluate(FOCUSED_ID) == control


def selected(page) -> str:
    return page.locator("[role=tab][aria-selected=true]").get_attribute("id")


def test_the_tabs_are_a_tablist_the_keys_move_along(board, context):
    page = popup(context)
    page.locator(".hero").wait_for()
    tabs = page.get_by_role("tab")
    assert tabs.count() == 5
    assert [t.get_attribute("tabindex") for t in tabs.all()] == ["0", "-1", "-1", "-1", "-1"]
    assert {t.get_attribute("aria-controls") for t in tabs.all()} == {"tab-panel"}
    panel = page.get_by_role("tabpanel")
    assert panel.get_attribute("aria-labelledby") == "tab-you"

    page.locator("#tab-you").focus()
    page.keyboard.press("ArrowRight")
    focus_stays_on(page, "tab-ideas")
    assert selected(page) == "tab-ideas" and panel.get_attribute("aria-labelledby") == "tab-ideas"
    assert page.locator("#tab-ideas").get_attribute("tabindex") == "0"
    page.keyboard.press("End")
    focus_stays_on(page, "tab-kudos")
    page.keyboard.press("ArrowRight")  # round to the first
    focus_stays_on(page, "tab-you")
    page.keyboard.press("ArrowLeft")
    focus_stays_on(page, "tab-kudos")
    page.keyboard.press("Home")
    focus_stays_on(page, "tab-you")
    assert selected(page) == "tab-you"
    # One Tab stop for the five: Shift+Tab from the tab list leaves it.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED_ID) == "settings"

    page.get_by_role("tab", name="Leaderboard").click()  # by mouse, the same
    focus_stays_on(page, "tab-leaderboard")
    assert axe_violations_light_and_dark(page) == {"light": [], "dark": []}

    # Keys pressed faster than the tabs load: the last tab chosen is the one drawn (an
    # earlier tab's late answer is not drawn over it).
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
    focus_stays_on(page, "tab-kudos")
    page.wait_for_timeout(500)
    assert selected(page) == "tab-kudos"
    assert page.locator("#tab-panel h2").inner_text().lower() == "kudos for you"
    assert page.evaluate(FOCUSED_ID) == "tab-kudos"


def test_the_board_s_controls_keep_the_focus_when_it_redraws(board, context):
    page = popup(context)
    page.get_by_role("tab", name="Leaderboard").click()
    page.locator("ol.board li").first.wait_for()

    page.locator("#scope-company").focus()
    page.keyboard.press("Enter")
    focus_stays_on(page, "scope-company")
    assert page.locator("#scope-company").get_attribute("aria-pressed") == "true"

    page.keyboard.press("Tab")  # the period buttons come next
    assert page.evaluate(FOCUSED_ID) == "period-week"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    focus_stays_on(page, "period-month")
    assert page.locator("#period-month").get_attribute("aria-pressed") == "true"

    # The box redraws the board once the server has the choice: "hidden" says it has.
    hidden = page.get_by_text("You are hidden from others")
    page.locator("#optin").focus()
    page.keyboard.press("Space")
    hidden.wait_for()
    focus_stays_on(page, "optin")
    assert not page.locator("#optin").is_checked()
    screenshot(page, "popup-board-focus-kept")
    page.keyboard.press("Space")
    hidden.wait_for(state="detached")
    focus_stays_on(page, "optin")
    assert page.locator("#optin").is_checked()
