"""The panel's words as an employee reads them: reasons that agree with the verdict, starter
previews cut between words, never inside one (the cold new-user review) unless a first word
is longer than the preview, and topic names that read as labels ("Topic: Event", not
"Topic: event")."""

from __future__ import annotations

import json

import pytest

from e2e.browser import (
    connect,
    editor,
    open_composer,
    open_feed,
    panel,
    screenshot,
    wait_for_verdict,
)

# Personal by its wording, but with no "I" in it: the server gives a personal verdict with one
# reason for it (wording) and one against it (no first-person voice).
BOOTH = (
    "Five days at the booth in Hannover. The best conversation was with a dispatcher from "
    "Bremen who had planned routes on paper for twenty years. Our team ran the booth at "
    "Hannover Messe for five days and showed the new Atlas route planner to customers."
)


@pytest.fixture
def page(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    open_composer(page)
    return page


def paste(page, text: str) -> None:
    """The whole draft in one input: the verdict is then on it, never on half of it."""
    editor(page).click()
    page.keyboard.insert_text(text)


def test_the_reasons_under_a_verdict_lean_its_way(page):
    paste(page, BOOTH)
    wait_for_verdict(page, "personal", showing="Topic:")
    why = panel(page).locator(".why").inner_text()
    assert why == "This reads like your own voice. (worded like people's own posts)"
    assert "first-person" not in why  # a reason against the verdict is not listed as one for it
    screenshot(page, "panel-reasons-agree")


def test_the_topic_reads_as_a_label(page):
    paste(page, "Three days at the trade fair. Thank you Lea and Tom for carrying the booth.")
    wait_for_verdict(page, "personal", showing="Topic:")
    assert panel(page).locator(".topic").inner_text() == "Topic: Event"
    screenshot(page, "panel-topic-label")


def test_starter_previews_end_between_words_and_name_the_whole_starter(page):
    paste(page, "Three days at the trade fair. Thank you Lea and Tom for carrying the booth.")
    wait_for_verdict(page, "personal", showing="Topic:")
    inserts = panel(page).locator("[data-angle] .insert")
    assert inserts.count() >= 3
    for n in range(inserts.count()):
        insert = inserts.nth(n)
        whole = insert.get_attribute("title").strip()
        shown = insert.locator("[aria-hidden='true']").inner_text()
        assert shown.startswith("+ “") and shown.endswith("…”"), shown
        preview = shown[3:-2]
        assert whole.startswith(preview), (preview, whole)
        # The preview ends at a word's end: the whole starter goes on with a space or a
        # punctuation mark there, or ends.
        rest = whole[len(preview) :]
        assert rest == "" or not rest[0].isalnum(), (preview, whole)
        # Nothing is clipped by the panel's width, and the button's name has the whole starter.
        assert insert.evaluate("(e) => e.scrollWidth <= e.clientWidth")
        name = insert.locator("xpath=..").evaluate("(b) => b.textContent")
        assert f"“{whole}”" in name
    detail = panel(page).locator("[data-angle] .insert[title^='The detail']")
    if detail.count():
        assert "comin…" not in detail.inner_text()
    screenshot(page, "panel-starter-previews")


LONG_WORD = "Unvorhergesehenerweise"  # 22 letters: longer than a preview (18)
GERMAN_FAIR = (
    "Drei Tage auf der Messe in Hannover. Danke an Lea und Tom, dass ihr den Stand mit mir "
    "getragen habt."
)


def long_german_first_words(data):
    """Every German starter opens with a word longer than the panel's one-line preview."""
    path = data / "suggestions" / "angles.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    for angle in catalogue["angles"]:
        german = angle["text"].get("de", {})
        if german.get("starter"):
            german["starter"] = f"{LONG_WORD} {german['starter']}"
    path.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")


@pytest.mark.angles.with_args(long_german_first_words)
def test_a_first_word_longer_than_the_preview_ends_in_an_ellipsis_within_the_line(page):
    paste(page, GERMAN_FAIR)
    wait_for_verdict(page, "personal", showing="Topic:")
    inserts = panel(page).locator("[data-angle] .insert")
    assert inserts.count() >= 3
    for n in range(inserts.count()):
        insert = inserts.nth(n)
        assert insert.get_attribute("title").startswith(LONG_WORD)  # the German starters
        shown = insert.locator("[aria-hidden='true']").inner_text()
        assert shown == f"+ “{LONG_WORD[:18]}…”", shown
        assert insert.evaluate("(e) => e.scrollWidth <= e.clientWidth")  # within its line
    screenshot(page, "panel-starter-long-first-word")
