"""A draft in a language the server does not read (Polish), in the real panel (Chromium, the
extension, the LinkedIn fixture, 1280×720): no voice verdict on words it cannot read, the topic
"not read" with the languages it reads, and tips that fit any post in the browser's language;
then the same composer with an English draft reads as before."""

from __future__ import annotations

import json

from e2e.browser import connect, open_composer, open_feed, panel, screenshot, type_draft
from e2e.conftest import REPO
from e2e.test_panel_early import CARD

VIEWPORT = {"width": 1280, "height": 720}
POLISH = json.loads(
    (REPO / "tests" / "data" / "unsupported_languages.jsonl").read_text("utf-8").splitlines()[0]
)["text"]


def wait_for_topic(page, kind: str) -> None:
    page.wait_for_function(
        f"""(kind) => {{
            const card = {CARD};
            const line = card && card.querySelector('.topic');
            return Boolean(line && (kind === 'other' ? line.dataset.language === 'other'
                                                     : !line.dataset.language));
        }}""",
        arg=kind,
        timeout=15000,
    )


def test_a_polish_draft_gets_no_verdict_and_says_which_languages_are_read(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    page.set_viewport_size(VIEWPORT)
    open_composer(page)
    type_draft(page, POLISH)
    wait_for_topic(page, "other")
    card = panel(page).locator(".card")
    topic = card.locator(".topic").inner_text()
    assert topic.startswith("Topic: not read.")
    assert "English, French, German, Spanish, Dutch and Portuguese" in topic
    assert card.locator("[data-voice]").count() == 0
    assert "Sounds like" not in card.inner_text()
    assert card.locator("[data-angle]").count() >= 3  # tips that fit any post, in English
    screenshot(page, "panel-other-language")

    page.keyboard.press("Control+A")
    page.keyboard.type(
        "Proud of my team: after eight months we shipped the new warehouse app and stock "
        "counts now take half the time. Thanks to everyone in Wroclaw who tested it at night!"
    )
    wait_for_topic(page, "read")
    assert card.locator("[data-voice]").count() == 1
    assert "not read" not in card.locator(".topic").inner_text()
    assert page.page_errors == []
