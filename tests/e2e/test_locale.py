"""The extension speaks the browser's language (chrome.i18n, extension/_locales/)."""

import json

import pytest

from e2e.browser import (
    CORPORATE,
    connect,
    launch,
    open_composer,
    open_feed,
    serve_fixture,
    type_draft,
    wait_for_verdict,
)
from e2e.conftest import EXTENSION

LOCALES = EXTENSION / "_locales"


@pytest.fixture
def french_context(playwright_instance, tmp_path):
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang="fr")
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    yield ctx
    ctx.close()


def test_every_locale_has_every_message_and_keeps_its_placeholders():
    english = json.loads((LOCALES / "en" / "messages.json").read_text(encoding="utf-8"))
    for lang in ("fr", "de", "es", "nl", "pt"):
        messages = json.loads((LOCALES / lang / "messages.json").read_text(encoding="utf-8"))
        assert messages.keys() == english.keys(), lang
        for key, entry in english.items():
            for n in ("$1", "$2"):
                assert (n in entry["message"]) == (n in messages[key]["message"]), (lang, key)


def test_a_french_browser_gets_the_panel_and_card_in_french(firsthand, french_context):
    connect(french_context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(french_context, "classic")
    open_composer(page)
    panel = page.locator("firsthand-panel")
    panel.get_by_text("Écrivez une ligne ou deux").wait_for(timeout=15000)
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate", showing="Ressemble à un communiqué de presse")
    assert panel.get_by_role("region", name="Suggestions Firsthand").count() == 1
    assert panel.get_by_role("button", name="Masquer les suggestions").count() == 1
    assert page.page_errors == []
