"""A cold trial: someone thanked in the Kudos tab could only thank back from the Leaderboard's
Thank (and a colleague off the board, opted out or on no board the receiver looks at, not at
all). Each kudos now has its own "Thank back": the same thank-you form and POST /kudos, by
mouse or keyboard, in the browser's language, with the server's refusal shown where it refuses
(a colleague no longer in the program, a blank thank-you)."""

import json
from datetime import UTC, datetime

import pytest

from e2e.browser import connect, launch, popup, screenshot, serve_fixture
from e2e.conftest import EXTENSION
from e2e.console_steps import axe_violations_light_and_dark
from firsthand.db import database
from firsthand.models import Kudos, User
from firsthand.people import deactivate

LOCALES = EXTENSION / "_locales"
SERVER_LOCALES = EXTENSION.parent / "server" / "firsthand" / "locales"
# Anything laid out past the popup's right edge (test_locale.py's check, in short).
OVERFLOW = """() => [...document.body.querySelectorAll('*')].filter((e) => e.getClientRects().length
    && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((e) => `<${e.tagName.toLowerCase()} ${e.className}>`)"""


def words(lang: str) -> dict[str, str]:
    data = json.loads((LOCALES / lang / "messages.json").read_text(encoding="utf-8"))
    return {key: entry["message"] for key, entry in data.items()}


def server_words(lang: str) -> dict[str, str]:
    return json.loads((SERVER_LOCALES / f"{lang}.json").read_text(encoding="utf-8"))


def at_popup_size(page) -> None:
    """The size Chrome gives the popup: its 380 px (the scroll bar beside them), at most 600
    high."""
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 380 + bar, "height": 600})


def focused(page) -> str:
    """What has the keyboard's focus: its tag and accessible-ish name."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName} ${e.getAttribute('aria-label') || e.textContent}`; }"
    )


@pytest.fixture(params=["en", "fr"])
def thanked(request, firsthand, playwright_instance, tmp_path):
    """Ann, connected in an English or French Chromium, thanked by Bob (for no post)."""
    lang = request.param
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang=lang)
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
    firsthand.add_user("bob@example.com", "Bob Builder", team="Sales")
    ann = firsthand.users["ann@example.com"]
    sent = firsthand.api(
        "bob@example.com",
        "POST",
        "/kudos",
        json={"to_user_id": ann.id, "message": "Thanks for the launch post!"},
    )
    assert sent.status_code == 201
    yield lang, ctx, words(lang), firsthand
    ctx.close()


def kudos_tab(ctx, m):
    page = popup(ctx)
    page.get_by_role("tab", name=m["tabKudos"]).click()
    page.locator("ul.kudos li").first.wait_for()
    at_popup_size(page)
    return page


def test_a_kudos_is_thanked_back_from_the_kudos_tab_by_keyboard(thanked):
    lang, ctx, m, office = thanked
    page = kudos_tab(ctx, m)
    item = page.locator("ul.kudos li", has_text="Thanks for the launch post!")
    back = item.get_by_role("button", name=m["thankBackLabel"].replace("$1", "Bob Builder"))
    assert back.inner_text() == m["thankBackButton"]
    back.focus()
    page.keyboard.press("Enter")  # opens the form, its field focused
    field = item.get_by_role("textbox", name=m["messageTo"].replace("$1", "Bob Builder"))
    assert field.evaluate("(f) => document.activeElement === f")
    assert field.get_attribute("placeholder") == m["thankBackPlaceholder"].replace(
        "$1", "Bob Builder"
    )
    hint = field.get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").inner_text() == m["thankSendKeys"].replace("$1", "Ctrl")
    page.keyboard.press("Escape")  # closed, and the keyboard is back where it was
    assert item.locator("form").count() == 0
    assert focused(page) == f"BUTTON {m['thankBackLabel'].replace('$1', 'Bob Builder')}"
    page.keyboard.press("Enter")
    page.keyboard.type("Thank you for reading it, Bob.")
    page.keyboard.press("Enter")  # a new line, not a send
    page.keyboard.type("Your comment brought two more readers!")
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, f"popup-thank-back-{lang}-form")
    assert axe_violations_light_and_dark(page) == {"light": [], "dark": []}
    page.keyboard.press("Control+Enter")
    done = item.get_by_role("status")
    done.filter(has_text=m["thanksSent"]).wait_for()
    # Sent: the form is gone, Thank back is off, and the keyboard is on the answer.
    assert item.locator("form").count() == 0
    assert back.is_disabled()
    assert done.evaluate("(s) => document.activeElement === s")
    screenshot(page, f"popup-thank-back-{lang}-sent")
    given = office.query(
        lambda: [(k.giver.name, k.receiver.name, k.message) for k in Kudos.select()]
    )
    assert given[-1] == (
        "Ann Example",
        "Bob Builder",
        "Thank you for reading it, Bob.\nYour comment brought two more readers!",
    )


def test_the_servers_refusal_is_shown_where_the_thank_you_was(thanked):
    """The server decides who may be thanked: a blank thank-you can be mended and sent again;
    a colleague who left the program cannot be thanked, and the form says so and goes."""
    lang, ctx, m, office = thanked
    said = server_words(lang)
    page = kudos_tab(ctx, m)
    item = page.locator("ul.kudos li").first
    back = item.get_by_role("button", name=m["thankBackLabel"].replace("$1", "Bob Builder"))
    back.click()
    field = item.get_by_role("textbox", name=m["messageTo"].replace("$1", "Bob Builder"))
    field.fill("   ")
    item.get_by_role("button", name=m["sendButton"]).click()
    refusal = item.get_by_role("status")
    refusal.filter(has_text=said["error.kudos.blank"]).wait_for()
    # Nothing final: the field is still there, focused, and Send is on again.
    assert field.evaluate("(f) => document.activeElement === f")
    assert item.get_by_role("button", name=m["sendButton"]).is_enabled()

    with office.app.app_context(), database.connection_context():
        bob = User.get_by_id(office.users["bob@example.com"].id)
        deactivate(bob, datetime.now(UTC), None)
    field.fill("Thank you, Bob!")
    page.keyboard.press("Control+Enter")
    refusal.filter(has_text=said["error.kudos.deactivated"]).wait_for()
    assert item.locator("form").count() == 0  # sending again would be refused again
    assert back.is_disabled()
    assert refusal.evaluate("(s) => document.activeElement === s")
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, f"popup-thank-back-{lang}-refused")
    assert office.query(lambda: Kudos.select().count()) == 1  # only Bob's
