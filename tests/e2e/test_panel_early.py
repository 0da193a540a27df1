"""The first words of a post: "Too early to tell" rather than a verdict read from nothing, with
the angles still shown, no verdict on the docked tab or in what a screen reader hears, then
the verdict once a sentence is typed; a post of hashtags, and one of punctuation (the new-user
review: "Monday." got "Sounds like you — This reads like your own voice.")."""

from __future__ import annotations

import pytest

from e2e.browser import (
    connect,
    open_composer,
    open_feed,
    panel,
    screenshot,
    type_draft,
    wait_for_verdict,
)
from e2e.test_composer_keyboard import listen_to_announcements

CARD = "document.querySelector('firsthand-panel').shadowRoot.querySelector('.card')"
SENTENCE = " I started at Acme today and I am proud of the team that hired me."


@pytest.fixture
def page(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    open_composer(page)
    panel(page).wait_for(state="attached")
    listen_to_announcements(page)
    return page


def wait_for_early(page, showing: str = "") -> None:
    """Wait until the panel shows the neutral state and `showing` (its text, open or not)."""
    page.wait_for_function(
        f"""(showing) => {{
            const card = {CARD};
            return Boolean(card && card.querySelector('[data-early]')
                && card.textContent.includes(showing));
        }}""",
        arg=showing,
        timeout=15000,
    )


def test_monday_is_too_early_to_tell_then_a_sentence_gets_its_verdict(page):
    type_draft(page, "Monday.")
    wait_for_early(page, "Topic: not clear yet")
    card = panel(page).locator(".card")
    assert card.locator(".chip").inner_text() == "Too early to tell"
    assert card.locator(".why").inner_text() == "A line or two more and Firsthand can say."
    assert card.locator("[data-voice]").count() == 0  # no verdict chip
    assert "Sounds like" not in card.inner_text()
    assert card.locator("[data-angle]").count() >= 3  # the angles are still offered
    # What a screen reader last heard: too early, no verdict. (Typed one key at a time, a pause
    # after "Mon" may bring that fragment's own answer first: its wording leans personal, a
    # signal, so a verdict; the whole word has none.)
    assert page.evaluate("() => window.heard")[-1] == "Firsthand: Too early to tell."
    screenshot(page, "panel-early-monday")

    page.keyboard.type(SENTENCE)
    wait_for_verdict(page, "personal")
    assert card.locator("[data-early]").count() == 0
    assert card.locator(".why").inner_text().startswith("This reads like your own voice.")
    assert page.evaluate("() => window.heard")[-1].startswith("Firsthand: Sounds like you.")
    screenshot(page, "panel-early-then-verdict")
    assert page.page_errors == []


def test_the_docked_tab_names_no_verdict_while_it_is_too_early(page):
    page.set_viewport_size({"width": 1024, "height": 768})  # no room beside: the docked tab
    type_draft(page, "Big news")
    wait_for_early(page)
    tab = panel(page).locator(".tab")
    assert panel(page).get_attribute("data-open") == "false"
    assert tab.get_attribute("aria-label") == "Show Firsthand suggestions"
    assert tab.locator(".dot").count() == 0
    screenshot(page, "panel-early-docked-tab")
    page.keyboard.type(SENTENCE)
    wait_for_verdict(page, "personal")
    assert tab.get_attribute("aria-label") == "Show Firsthand suggestions: Sounds like you"
    assert tab.locator(".dot.personal").count() == 1


def test_a_post_of_hashtags_is_too_early_with_its_topic_and_punctuation_is_the_empty_panel(page):
    type_draft(page, "#hiring")
    wait_for_early(page, "Topic: Hiring")
    card = panel(page).locator(".card")
    assert card.locator(".note").count() == 0  # no "could not read this draft"
    assert card.locator("[data-angle]").count() >= 3
    screenshot(page, "panel-early-hashtags")
    page.keyboard.press("Control+A")
    page.keyboard.type("...")
    # Nothing to read (a 422 no_words): the empty panel's hint, not a refusal's note.
    page.wait_for_function(
        f"() => {CARD}.textContent.includes('Write a line or two and Firsthand will suggest')",
        timeout=15000,
    )
    assert card.locator("[data-early]").count() == 0 and card.locator(".note").count() == 0
    screenshot(page, "panel-early-punctuation")
    assert page.page_errors == []


def test_a_german_browser_is_told_it_is_too_early_in_german(firsthand, german_context):
    connect(german_context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(german_context, "classic")
    open_composer(page)
    type_draft(page, "Heute.")
    wait_for_early(page, "Noch zu früh für ein Urteil")
    why = panel(page).locator(".why").inner_text()
    assert (
        why == "Schreiben Sie noch ein, zwei Zeilen, dann kann Firsthand Ihren Entwurf einschätzen."
    )
    # The chip's words stay on one line in the panel beside the composer.
    chip = panel(page).locator(".chip").bounding_box()
    assert chip["height"] < 2 * 12 * 1.45
    screenshot(page, "panel-early-de")
