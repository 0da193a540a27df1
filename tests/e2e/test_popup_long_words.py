"""A cold review: one kudos holding a long link (or a long unbroken word) laid the Kudos list
out about 2,300 px wide, its time, the message's end and "Say thanks back" past the popup's
edge (the popup hides what overflows sideways); a story with a link in its words widened every
card on the Ideas tab, whose words were cut to three lines with no way to read the rest."""

import pytest

from e2e.browser import connect, popup, screenshot

LONG_LINK = "https://intranet.example.com/news/" + "quarterly-results-" * 8 + "final"
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenverleihung" * 2
# Anything laid out past the popup's edges, and how wide the page's content is.
OVERFLOW = """() => {
    const limit = document.documentElement.clientWidth + 0.5;
    return [...document.body.querySelectorAll('*')].filter((e) => e.getClientRects().length
        && (e.getBoundingClientRect().right > limit || e.getBoundingClientRect().left < -0.5))
        .map((e) => `<${e.tagName.toLowerCase()} ${e.className}>`);
}"""


def at_popup_size(page) -> None:
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 380 + bar, "height": 600})


def inside(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5


@pytest.fixture
def ann(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def test_a_kudos_with_a_long_link_or_word_wraps_inside_the_popup(ann, context):
    ann.add_user("bob@example.com", LONG_WORD[:60], team="Sales")
    receiver = ann.users["ann@example.com"].id
    for message in (f"Thanks! The numbers are at {LONG_LINK}", LONG_WORD):
        sent = ann.api(
            "bob@example.com", "POST", "/kudos", json={"to_user_id": receiver, "message": message}
        )
        assert sent.status_code == 201, sent.get_json()
    page = popup(context)
    page.get_by_role("tab", name="Kudos").click()
    page.locator("ul.kudos li").nth(1).wait_for()
    at_popup_size(page)
    assert page.evaluate(OVERFLOW) == []
    for item in page.locator("ul.kudos li").all():
        assert inside(page, item.locator(".when"))
        assert inside(page, item.get_by_role("button", name="Say thanks back"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 380
    screenshot(page, "popup-kudos-long-words")


def story(firsthand, title: str, context: str, questions: list[str]) -> None:
    answer = firsthand.api(
        "ada@example.com",
        "POST",
        "/stories",
        json={"title": title, "context": context, "questions": questions, "everyone": True},
    )
    assert answer.status_code == 201, answer.get_json()


def test_a_story_with_a_long_link_wraps_and_its_cut_words_open_and_close(ann, context):
    ann.add_user("ada@example.com", "Ada Admin", role="admin", team="Comms")
    story(
        ann,
        "Lisbon office opened",
        "We opened in Lisbon.",
        ["Who did you meet there?", "What surprised you?"],
    )
    story(
        ann,
        "Q3 results " + LONG_WORD[:40],
        "The quarter's results are out, and they are the best the company has had. "
        f"Everything is at {LONG_LINK} for those who want the figures. "
        "Tell people what your team did to get there, in your own words.",
        [f"What did {LONG_WORD[:50]} teach you?", "Who helped?"],
    )
    page = popup(context)
    page.get_by_role("tab", name="Ideas").click()
    page.locator("ol.ideas li.idea").nth(1).wait_for()
    at_popup_size(page)
    assert page.evaluate(OVERFLOW) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 380

    # Only the story cut to three lines offers the rest of its words.
    long_one = page.locator("li.idea", has_text="Q3 results")
    assert page.locator("li.idea", has_text="Lisbon").locator("button.more").count() == 0
    more = long_one.get_by_role("button", name="Show more")
    context_text = long_one.locator(".idea-context")
    assert more.get_attribute("aria-expanded") == "false"
    assert more.get_attribute("aria-controls") == context_text.get_attribute("id")
    cut = context_text.evaluate("e => e.clientHeight")
    assert context_text.evaluate("e => e.scrollHeight > e.clientHeight + 1")
    screenshot(page, "popup-ideas-long-words")

    more.focus()
    page.keyboard.press("Enter")
    less = long_one.get_by_role("button", name="Show less")
    assert less.get_attribute("aria-expanded") == "true"
    assert context_text.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    assert context_text.evaluate("e => e.clientHeight") > cut
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, "popup-ideas-story-opened")
    less.click()
    assert (
        long_one.get_by_role("button", name="Show more").get_attribute("aria-expanded") == "false"
    )
    assert context_text.evaluate("e => e.clientHeight") == cut
