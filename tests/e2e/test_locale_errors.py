"""A refusal from the server reaches a German browser's popup in German, as the popup's own
words are: the extension asks in its UI language (Accept-Language) and the server words the
error in it (server/firsthand/locales/de.json), instead of an English sentence among German."""

import json

from e2e.browser import connect, popup, screenshot
from e2e.conftest import EXTENSION

SERVER_LOCALES = EXTENSION.parent / "server" / "firsthand" / "locales"
PROFILE_LINK = "https://www.linkedin.com/in/jonas-weber/"  # a person's page, not a post


def read(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_link_the_server_refuses_is_explained_in_german(firsthand, german_context):
    connect(german_context, firsthand.add_user("jonas@example.com", "Jonas Weber"))
    page = popup(german_context)
    own = read(EXTENSION / "_locales" / "de" / "messages.json")  # the popup's own words
    server = read(SERVER_LOCALES / "de.json")
    form = page.get_by_role("form", name=own["logFormLabel"]["message"])
    form.get_by_role("textbox", name=own["logLinkLabel"]["message"]).fill(PROFILE_LINK)
    form.get_by_role("button", name=own["logButton"]["message"]).click()
    answer = form.locator(".form-result")
    said = server["error.link.not_linkedin_post"]
    answer.filter(has_text=said).wait_for(timeout=15000)
    assert said.startswith("Der Link führt nicht zu einem LinkedIn-Beitrag")
    assert answer.inner_text() == said
    assert page.evaluate("document.documentElement.lang") == "de"
    # The server was asked in German and said it there; nothing was logged.
    assert [c for c in firsthand.calls if c[1] == "/api/v1/shares"], firsthand.calls
    assert firsthand.api("jonas@example.com", "GET", "/shares").json["data"] == []
    answer.scroll_into_view_if_needed()
    screenshot(page, "popup-de-refused-link")
