"""Short drafts in the real panel (Chromium, the extension, the LinkedIn fixture, 1280×720):
a two-word hiring line and a wall of hashtags are "Too early to tell" with the cue they lean to
so far, never "Sounds like you (though: …)"; a short post with a signal its way keeps its
verdict; and a German browser's one-word "Montag." is offered German angles, not English ones
(the short-draft review)."""

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
from e2e.conftest import REPO
from e2e.test_panel_early import wait_for_early
from firsthand.analysis import Analyzer

VIEWPORT = {"width": 1280, "height": 720}
COPY = "(so far: worded like company copy)"
EARLY_LINE = "A line or two more and Firsthand can say."


def retype(page, text: str) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


@pytest.fixture
def page(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    page.set_viewport_size(VIEWPORT)
    open_composer(page)
    panel(page).wait_for(state="attached")
    return page


@pytest.mark.parametrize(
    ("text", "so_far", "shot"),
    [
        ("Estamos contratando.", COPY, "short-hiring-es"),
        ("#hiring #jobs #Berlin #tech #startup", COPY, "short-hashtags"),
        ("Jetzt bewerben!", "(so far: marketing call to action)", "short-apply-de"),
    ],
)
def test_a_short_line_with_only_corporate_cues_is_too_early_with_its_cue(page, text, so_far, shot):
    type_draft(page, text)
    wait_for_early(page, so_far)
    card = panel(page).locator(".card")
    assert card.locator(".chip").inner_text() == "Too early to tell"
    assert card.locator(".why").inner_text() == f"{EARLY_LINE} {so_far}"
    assert card.locator("[data-voice]").count() == 0
    assert "Sounds like" not in card.inner_text() and "though" not in card.inner_text()
    screenshot(page, f"panel-{shot}")
    # A short post of one's own with a signal its way still gets its verdict.
    retype(page, "Passed my exam today!")
    wait_for_verdict(page, "personal", "first-person experience")
    assert card.locator("[data-early]").count() == 0
    assert card.locator(".chip").inner_text() == "Sounds like you"
    screenshot(page, f"panel-{shot}-then-verdict")
    assert page.page_errors == []


def test_a_german_browser_gets_german_angles_for_montag(firsthand, german_context):
    engine = Analyzer.load(REPO / "server" / "firsthand" / "data")
    german = [a["title"] for a in engine.analyze("Montag.", "de")["angles"]]
    english = [a["title"] for a in engine.analyze("Montag.", "en")["angles"]]
    assert german != english
    connect(german_context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(german_context, "classic")
    page.set_viewport_size(VIEWPORT)
    open_composer(page)
    type_draft(page, "Montag.")
    wait_for_early(page, german[0])
    titles = panel(page).locator("[data-angle] .title").all_inner_texts()
    assert titles == german[: len(titles)] and titles
    assert panel(page).locator(".chip").inner_text() == "Noch zu früh für ein Urteil"
    screenshot(page, "panel-short-montag-de")
    assert page.page_errors == []
