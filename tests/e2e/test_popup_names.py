"""A cold review of the Leaderboard: an Arabic name lost its start (its span read left to
right), a long-named employee never saw their "You" (the pill sat inside the name the
ellipsis cut), and nothing gave a cut name whole (the header's neither)."""

import pytest

from e2e.browser import connect, fresh_post, popup, screenshot

LONG = "Maximiliane Friederike Wilhelmina von Hohenzollern-Sigmaringen zu Ausdauer"
ARABIC = "فاطمة الزهراء بنت عبد الرحمن"
FIRST_LETTER_SHOWN = """(e) => {
    const range = document.createRange();
    range.setStart(e.firstChild, 0);
    range.setEnd(e.firstChild, 1);
    const letter = range.getBoundingClientRect(), box = e.getBoundingClientRect();
    return letter.width > 0 && letter.left >= box.left - 0.5 && letter.right <= box.right + 0.5;
}"""


@pytest.fixture
def board(firsthand, context):
    connect(context, firsthand.add_user("max@example.com", LONG))
    firsthand.add_user("fatima@example.com", ARABIC)
    for n, email in enumerate(["fatima@example.com", "fatima@example.com", "max@example.com"]):
        answer = firsthand.api(
            email, "POST", "/shares", json={"url": fresh_post(n), "network": "linkedin"}
        )
        assert answer.status_code == 201
    return firsthand


def test_names_keep_their_start_their_you_and_a_title(board, context):
    page = popup(context)
    page.get_by_role("tab", name="Leaderboard").click()
    page.locator("ol.board li.me").wait_for()
    width = page.evaluate("document.documentElement.clientWidth")

    fatima = page.locator("ol.board li", has_text="فاطمة").locator(".name")
    assert fatima.get_attribute("dir") == "auto"
    assert fatima.get_attribute("title") == ARABIC
    assert fatima.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Cut or not, it is shown from its start (an RTL name starts at its right edge): its
    # first letter is inside the span's box.
    assert fatima.evaluate(FIRST_LETTER_SHOWN)

    mine = page.locator("ol.board li.me")
    name = mine.locator(".name")
    assert name.get_attribute("title") == LONG
    assert name.evaluate("e => e.scrollWidth > e.clientWidth"), "the long name is cut"
    you = mine.locator(".pill")
    assert you.inner_text() == "You"
    box = you.bounding_box()
    assert box["width"] > 10 and box["x"] + box["width"] <= width
    # The pill is not inside what the ellipsis cuts, and the row stays inside the popup.
    assert name.locator(".pill").count() == 0
    assert mine.evaluate("e => e.getBoundingClientRect().right") <= width + 0.5
    assert page.locator("#who").get_attribute("title") == LONG
    assert page.locator("#who").get_attribute("dir") == "auto"
    screenshot(page, "popup-leaderboard-names")
