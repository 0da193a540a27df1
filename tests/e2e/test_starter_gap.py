"""A starter or a story's question clicked in the panel never glues onto the draft's words: in
real Chromium, in LinkedIn's classic Quill-like editor, its 2026 ProseMirror-like editor in the
#interop-outlet shadow root and X's Draft.js-like one. After a hashtag or an emoji at the end
of the draft it begins a new line (a paragraph on LinkedIn, a line break in X's block); inside
a word it goes in with a space either side; the hashtag stays whole, the site sees the text
(its Post button enables) and typing carries on after it."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from e2e.browser import connect, panel, screenshot
from e2e.composer_checks import set_window
from e2e.realistic import open_real, start_post
from e2e.test_x import granted_context  # noqa: F401  (the X fixture, access granted)

HASHTAGS = "Shipped the new importer with the team today. #backend #StudioTintaRoja"
EMOJI = "Trots op ons team 🎉"
STORY = {
    "title": "What did you learn this quarter?",
    "context": "Q3 is over: the company grew into two new markets.",
    "questions": ["Who taught you the most?", "What would you do again?"],
    "everyone": True,
}

# The draft as the site reads it: one line per paragraph (Quill, ProseMirror, Draft.js blocks),
# in the document or LinkedIn's interop shadow root; U+00A0 as the space it stands for. A line
# break in a block is a "\n" in Draft.js's text; in the X fixture, as the browser leaves it, a
# <br> (innerText reads it as "\n").
DRAFT = """() => {
    const outlet = document.getElementById('interop-outlet');
    const scopes = [document, ...(outlet && outlet.shadowRoot ? [outlet.shadowRoot] : [])];
    const editor = scopes.flatMap((s) => [...s.querySelectorAll('[contenteditable=true]')])
        .find((e) => e.getClientRects().length);
    if (!editor) return null;
    const lines = editor.querySelectorAll('p, [data-block="true"]');
    const read = (l) => (l.matches('[data-block]') ? l.innerText : l.textContent);
    const text = lines.length ? [...lines].map(read).join('\\n') : editor.textContent;
    return text.replace(/\\u00a0/g, ' ');
}"""

POST_ENABLED = """() => {
    const outlet = document.getElementById('interop-outlet');
    const scopes = [document, ...(outlet && outlet.shadowRoot ? [outlet.shadowRoot] : [])];
    const post = scopes.flatMap((s) => [...s.querySelectorAll(
        '.post-btn, [data-testid="tweetButtonInline"]')]).find((b) => b.getClientRects().length);
    return Boolean(post) && !post.disabled && post.getAttribute('aria-disabled') !== 'true';
}"""


def draft(page) -> str:
    return page.evaluate(DRAFT)


def wait_for_draft(page, text: str) -> None:
    try:
        page.wait_for_function(f"(t) => ({DRAFT})() === t", arg=text, timeout=5000)
    except PlaywrightError:
        assert draft(page) == text  # says what the editor holds instead


def clear_draft(page) -> None:
    """Select all and delete, again if need be: the ProseMirror-like editor rebuilds its
    paragraphs a moment after the last key and puts the caret back, which can collapse a
    selection made in between (a person is slower than that; the test is not)."""
    for _ in range(5):
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        try:
            page.wait_for_function(f"() => !({DRAFT})().trim()", timeout=1000)
            return
        except PlaywrightError:
            continue
    assert draft(page).strip() == ""  # says what the editor still holds


def first_starter(page) -> tuple:
    """The first angle with a starter, once the panel has read the draft, and its starter."""
    angle = panel(page).locator("[data-angle]:has(.insert)").first
    angle.wait_for(timeout=15000)
    return angle, angle.locator(".insert").get_attribute("title")


def question_of_story(page):
    """The story's first question in the panel, the story picked there."""
    panel(page).locator("[data-story-pick]").select_option(label=STORY["title"], timeout=15000)
    question = panel(page).locator("[data-question='0']")
    question.wait_for(timeout=15000)
    return question


def add_story(firsthand) -> None:
    firsthand.add_user("ada@example.com", "Ada Admin", role="admin", team="Comms")
    firsthand.api("ada@example.com", "POST", "/stories", json=STORY)


def check_inserts(page, separator: str, name: str) -> None:
    """Type a draft ending in hashtags, click a starter; one ending in an emoji, click the
    story's question; then a starter with the caret inside a word."""
    page.keyboard.type(HASHTAGS)
    angle, starter = first_starter(page)
    assert starter.endswith(" ")
    angle.click()
    wait_for_draft(page, HASHTAGS + separator + starter)
    assert "#StudioTintaRoja" + separator in draft(page)  # the hashtag whole
    page.wait_for_function(POST_ENABLED, timeout=5000)  # the site saw the text
    screenshot(page, f"starter-gap-{name}-hashtag")
    page.keyboard.type("the parser.")  # the caret stayed after the starter
    wait_for_draft(page, HASHTAGS + separator + starter + "the parser.")

    clear_draft(page)
    page.keyboard.type(EMOJI)
    question = question_of_story(page)
    question.click()
    wait_for_draft(page, EMOJI + separator + STORY["questions"][0] + " ")
    page.wait_for_function(POST_ENABLED, timeout=5000)
    screenshot(page, f"starter-gap-{name}-emoji")

    page.keyboard.press("Control+Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # the caret inside "Trots"
    angle, starter = first_starter(page)
    angle.click()
    page.wait_for_function(
        f"(s) => ({DRAFT})().startsWith(s)", arg="Tro " + starter + "ts op ons team", timeout=5000
    )
    assert page.page_errors == []


@pytest.mark.parametrize("layout", ["gen=classic", "gen=sdui-interop"])
def test_a_starter_after_a_hashtag_or_emoji_begins_a_new_paragraph_on_linkedin(
    firsthand, context, layout
):
    add_story(firsthand)
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, layout)
    set_window(context.new_cdp_session(page), page, 1280, 800, 1.0)
    start_post(page)
    check_inserts(page, "\n", layout.replace("gen=", "linkedin-"))


def test_a_starter_after_a_hashtag_or_emoji_begins_a_new_line_on_x(
    firsthand,
    granted_context,  # noqa: F811
):
    add_story(firsthand)
    connect(granted_context, firsthand.add_user("ann@example.com", "Ann Example"))
    granted_context.service_workers[0].evaluate("() => Firsthand.siteScripts.sync()")
    page = granted_context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    page.goto("https://x.com/home")
    page.locator("[data-testid='tweetTextarea_0']").click()
    check_inserts(page, "\n", "x")
