"""The "Log this share" card for keyboard and screen-reader users: once it appears it is said
(a polite status naming the shortcut), and the shortcut takes the keyboard to it while no
composer is being written in. It was silent (focus stays where the employee is), the shortcut
did nothing with no composer open, and the card was reached only by tabbing through the whole
feed after it."""

import pytest

from e2e.browser import connect, editor, open_composer, open_feed, publish, type_draft
from e2e.composer_checks import focused_in_editor, focused_in_panel
from firsthand.models import Share

SHORTCUT = "Alt+Shift+F"
SAID = "Firsthand: log this share? Alt+Shift+F takes you to it."
IN_CARD = """() => { const root = document.querySelector('firsthand-share-card').shadowRoot;
    const el = root.activeElement;
    return el ? el.dataset.action || el.textContent.trim() : null; }"""
HEARD = """() => document.querySelector('firsthand-share-card').shadowRoot
    .querySelector('[role=status]').textContent"""


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def published(context):
    page = open_feed(context, "classic")
    open_composer(page)
    type_draft(page, "I shipped the new import screen today and I am proud of the team.")
    publish(page)
    page.locator("firsthand-share-card [data-action='log']").wait_for(timeout=15000)
    return page


def test_the_offer_is_said_and_the_shortcut_takes_the_keyboard_to_it(employee, context):
    page = published(context)
    page.wait_for_function(f"() => ({HEARD})() === {SAID!r}", timeout=5000)
    assert page.evaluate(IN_CARD) is None  # nothing was taken from the employee
    page.keyboard.press(SHORTCUT)
    page.wait_for_function(f"() => ({IN_CARD})() === 'log'", timeout=3000)
    page.keyboard.press("Enter")
    page.locator("firsthand-share-card [data-points]").wait_for(timeout=15000)
    assert employee.query(lambda: Share.select().count()) == 1


def test_with_a_composer_open_the_shortcut_serves_the_writing_else_the_offer(employee, context):
    page = published(context)
    open_composer(page)  # the next post, before answering the card (it waits as a pill or aside)
    editor(page).click()
    page.keyboard.type("Next one.")
    page.keyboard.press(SHORTCUT)  # writing: the panel, as ever
    page.wait_for_function(
        "() => document.querySelector('firsthand-panel').dataset.open === 'true'"
    )
    assert focused_in_panel(page) is not None
    page.keyboard.press("Escape")
    assert focused_in_editor(page)
    page.evaluate("() => document.activeElement.blur()")  # away from the draft: the offer
    page.keyboard.press(SHORTCUT)
    page.wait_for_function(f"() => ({IN_CARD})() === 'log'", timeout=3000)
