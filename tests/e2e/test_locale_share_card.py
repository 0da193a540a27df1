"""A German extension asks the server in German for what it shows of the server's: the share
card's level and badge names after a share is logged from it. Launched as a person runs it,
without Playwright's locale (which would force every request's Accept-Language to German and hide
the fault): there, with --lang=de, chrome.i18n.getUILanguage() answers "en-US" although the
messages are German, and the card once read "45 Punkte insgesamt · Newcomer" and
"Neues Abzeichen: First Share" (extension/background/api.js asks in the messages' langCode)."""

import json

import pytest

from e2e.browser import (
    CORPORATE,
    connect,
    open_composer,
    open_feed,
    popup,
    publish,
    screenshot,
    type_draft,
)
from e2e.conftest import EXTENSION, extension_context

DATA = EXTENSION.parent / "server" / "firsthand" / "data"


def names(file: str, key: str) -> list[dict[str, str]]:
    """[{"id": …, "en": name, "de": name}] for the catalogue's levels or badges, in its order."""
    entries = json.loads((DATA / file).read_text(encoding="utf-8"))[key]
    return [
        {"id": e.get("id"), "en": e["name"], "de": e["translations"]["de"]["name"]} for e in entries
    ]


@pytest.fixture
def german_as_launched(playwright_instance, tmp_path):
    # page_languages: Playwright sets no locale of its own, as in a person's browser.
    with extension_context(
        playwright_instance, tmp_path / "profile", lang="de", page_languages="de-DE,de"
    ) as ctx:
        yield ctx


def test_the_share_card_names_level_and_badge_in_the_extensions_german(
    firsthand, german_as_launched
):
    ctx = german_as_launched
    connect(ctx, firsthand.add_user("jonas@example.com", "Jonas Weber"))
    page = open_feed(ctx, "classic")
    open_composer(page)
    type_draft(page, CORPORATE)
    publish(page)
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click()
    badge = card.locator("[data-badge='first-share']")
    badge.wait_for(timeout=15000)
    first_share = next(b for b in names("badges.json", "badges") if b["id"] == "first-share")
    assert badge.inner_text().endswith(f"Neues Abzeichen: {first_share['de']}")
    logged = card.locator("[data-points]").evaluate("(e) => e.parentElement.innerText")
    newcomer = names("levels.json", "levels")[0]  # the first level
    assert f"Punkte insgesamt · {newcomer['de']}" in logged
    assert first_share["en"] not in card.inner_text() and newcomer["en"] not in logged
    screenshot(page, "share-card-de-as-launched")
    assert page.page_errors == []

    # The popup says the same names.
    view = popup(ctx)
    view.wait_for_selector(".level", timeout=15000)
    assert view.evaluate("document.documentElement.lang") == "de"
    assert newcomer["de"] in view.locator(".level").inner_text()
    assert first_share["de"] in view.locator("body").inner_text()
    screenshot(view, "popup-de-as-launched")
