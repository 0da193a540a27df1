"""One language per screen when the browser's UI language and its preferred page language differ
(Chromium in English, pages preferred in German, as a new user had it). The extension's screens
(the popup, the panel, the share card) are in its UI language, server-named badges and levels
too; the connect page, a server page, is in the page language, the extension's words on it too.
The panel's angles stay in the draft's language, as documented (a starter goes into the post)."""

import json

import pytest

from e2e.browser import (
    CORPORATE,
    editor,
    fresh_post,
    open_composer,
    open_feed,
    panel,
    popup,
    publish,
    screenshot,
    type_draft,
    wait_for_verdict,
)
from e2e.conftest import EXTENSION, extension_context

DATA = EXTENSION.parent / "server" / "firsthand" / "data"
SERVER_GERMAN = json.loads(
    (EXTENSION.parent / "server" / "firsthand" / "locales" / "de.json").read_text(encoding="utf-8")
)
GERMAN_DRAFT = (
    "Ich habe sechs Monate an der neuen Importfunktion gearbeitet und war heute Morgen richtig "
    "nervös. Danke an Lea für jedes einzelne Review, ich habe dabei so viel gelernt."
)


def catalogue_names(language: str) -> set[str]:
    """Every level and badge name in `language` ("en": the catalogue's own)."""
    levels = json.loads((DATA / "levels.json").read_text(encoding="utf-8"))["levels"]
    badges = json.loads((DATA / "badges.json").read_text(encoding="utf-8"))["badges"]
    return {
        entry["name"] if language == "en" else entry["translations"][language]["name"]
        for entry in levels + badges
    }


def german_names_in(text: str) -> set[str]:
    return {name for name in catalogue_names("de") - catalogue_names("en") if name in text}


@pytest.fixture
def english_ui_german_pages(playwright_instance, tmp_path):
    with extension_context(
        playwright_instance, tmp_path / "profile", lang="en", page_languages="de-DE,de"
    ) as ctx:
        yield ctx


def test_the_connect_page_and_the_popup_each_speak_one_language(firsthand, english_ui_german_pages):
    ctx = english_ui_german_pages
    page = ctx.new_page()
    page.goto(firsthand.add_user("jonas@example.com", "Jonas Weber"))
    box = page.locator("#firsthand-connect[data-state='connected']")
    box.wait_for(timeout=15000)
    # The server's page is German (the page language); what the extension says on it too.
    assert page.evaluate("document.documentElement.lang") == "de"
    heading = page.get_by_role("heading").inner_text()
    assert heading == "Hallo Jonas Weber, Ihre Verbindung ist bereit"
    said = SERVER_GERMAN["connect.script.done"].format(name="Jonas Weber")
    assert box.inner_text() == said
    assert "Connected as" not in page.locator("body").inner_text()
    screenshot(page, "connect-en-ui-de-page")
    page.close()

    # Two shares since connecting: the popup celebrates a badge and shows a level, all English.
    for n in (1, 2):
        share = {"url": fresh_post(n), "network": "linkedin"}
        answer = firsthand.api("jonas@example.com", "POST", "/shares", json=share)
        assert answer.status_code == 201
    view = popup(ctx)
    view.wait_for_selector("[data-celebrate='first-share']", timeout=15000)
    # English (as "en-US": the browser's regional form of the language shown, for its formats).
    assert view.evaluate("document.documentElement.lang").split("-")[0] == "en"
    level = view.locator(".level").inner_text()
    assert level.startswith("Level") and any(name in level for name in catalogue_names("en"))
    shown = view.locator("body").inner_text()
    assert "First Share" in shown
    assert german_names_in(shown) == set()
    screenshot(view, "popup-en-ui-de-page")


def test_the_panel_and_share_card_follow_the_ui_and_angles_the_draft(
    firsthand, english_ui_german_pages
):
    ctx = english_ui_german_pages
    page = ctx.new_page()
    page.goto(firsthand.add_user("jonas@example.com", "Jonas Weber"))
    page.locator("#firsthand-connect[data-state='connected']").wait_for(timeout=15000)
    page.close()

    def angles_for(text: str) -> tuple[str, list[str]]:
        answer = firsthand.api("jonas@example.com", "POST", "/suggestions", json={"text": text})
        return answer.json["lang"], [angle["title"] for angle in answer.json["angles"]]

    page = open_feed(ctx, "classic")
    open_composer(page)
    card = panel(page).locator(".card")
    # An English draft: all English.
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate", showing="Topic: Product launch")
    assert "Sounds like a press release" in card.inner_text()
    assert angles_for(CORPORATE) == ("en", card.locator("[data-angle] .title").all_inner_texts())
    # A German draft: the verdict and topic in the UI's English, the angles (whose starters go
    # into the post) in German, as the README says.
    editor(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    type_draft(page, GERMAN_DRAFT)
    wait_for_verdict(page, "personal", showing="Sounds like you")
    lang, titles = angles_for(GERMAN_DRAFT)
    assert lang == "de"
    page.wait_for_function(
        """(titles) => {
            const host = document.querySelector('firsthand-panel');
            const card = host.shadowRoot.querySelector('.card');
            const shown = [...card.querySelectorAll('[data-angle] .title')].map((t) => t.innerText);
            return JSON.stringify(shown) === JSON.stringify(titles);
        }""",
        arg=titles,
        timeout=15000,
    )
    assert "Topic:" in card.inner_text()
    screenshot(page, "panel-en-ui-de-page-german-draft")

    # Logged from the share card: its new badge and level by their English names.
    publish(page)
    share_card = page.locator("firsthand-share-card")
    share_card.locator("[data-action='log']").click()
    badge = share_card.locator("[data-badge='first-share']")
    badge.wait_for(timeout=15000)
    assert badge.inner_text().endswith("New badge: First Share")
    logged = share_card.locator("[data-points]").evaluate("(e) => e.parentElement.innerText")
    assert "points in total · Newcomer" in logged  # the level too
    assert german_names_in(logged) == set()
    screenshot(page, "share-card-en-ui-de-page")
    assert page.page_errors == []
