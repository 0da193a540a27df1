"""A cold trial saw the Leaderboard on "My team" for someone in no team. Opened fresh, the popup
already chose the company board then, but "My team" was still a button, and pressed it showed the
server's English refusal under a pressed "My team"; and someone taken out of their team while
the popup was open got the same from the Leaderboard. "My team" is now off, with the reason
beside it, on every path: the first open after connecting, the Leaderboard straight away, and
after being taken out of a team (the server's no_team answer is taken as the news)."""

import json
from datetime import UTC, datetime

import pytest

from e2e.browser import connect, fresh_post, launch, popup, screenshot, serve_fixture
from e2e.conftest import EXTENSION
from e2e.console_steps import axe_violations_light_and_dark
from firsthand.db import database
from firsthand.models import User
from firsthand.people import update_person

LOCALES = EXTENSION / "_locales"
# The server's refusal of a team board to someone in no team (leaderboard.py), in English.
REFUSAL = "You are not in a team yet, so there is no team leaderboard"


def words(lang: str) -> dict[str, str]:
    data = json.loads((LOCALES / lang / "messages.json").read_text(encoding="utf-8"))
    return {key: entry["message"] for key, entry in data.items()}


def at_popup_size(page) -> None:
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 380 + bar, "height": 600})


def board_shown(page, m: dict) -> None:
    """The Leaderboard tab once its board (or its refusal) is in."""
    page.wait_for_function(
        "(loading) => document.querySelector('.tabs') && !document.querySelector('#app')"
        ".innerText.includes(loading)",
        arg=m["loadingShort"],
    )


def scope_buttons(page, m: dict):
    group = page.get_by_role("group", name=m["scopeLabel"])
    return group.get_by_role("button", name=m["scopeTeam"]), group.get_by_role(
        "button", name=m["scopeCompany"]
    )


def assert_no_team_board(page, m: dict) -> None:
    team, company = scope_buttons(page, m)
    assert company.get_attribute("aria-pressed") == "true"
    assert team.get_attribute("aria-pressed") == "false"
    assert team.is_disabled()
    why = page.locator(f"#{team.get_attribute('aria-describedby')}")
    assert why.inner_text() == m["scopeTeamNone"]
    assert REFUSAL not in page.inner_text("body")
    assert page.locator(".notice").count() == 0  # no refusal, in any language
    assert page.locator("ol.board li.me").count() == 1  # the company board, with its reader on it


def set_team(office, email: str, name: str | None) -> None:
    from firsthand.teams import find_or_create_team

    now = datetime.now(UTC)
    with office.app.app_context(), database.connection_context():
        person = User.get_by_id(office.users[email].id)
        update_person(person, now, None, team=find_or_create_team(name, now) if name else None)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_someone_in_no_team_gets_the_company_board_and_why(
    firsthand, playwright_instance, tmp_path, lang
):
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang=lang)
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    m = words(lang)
    firsthand.add_user("bob@example.com", "Bob Builder", team="Sales")
    share = {"url": fresh_post(1), "network": "linkedin"}
    assert firsthand.api("bob@example.com", "POST", "/shares", json=share).status_code == 201
    link = firsthand.add_user("nat@example.com", "Nat Noteam", team=None)
    page = popup(ctx)  # before connecting: the connect screen, no tabs
    page.locator("[data-connect]").wait_for()
    connect(ctx, link)
    page.reload()  # the popup opened again, now connected
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()  # at once, as the trial did
    board_shown(page, m)
    at_popup_size(page)
    assert_no_team_board(page, m)
    screenshot(page, f"popup-no-team-{lang}")
    assert axe_violations_light_and_dark(page) == {"light": [], "dark": []}
    # The month's board too, and it stays the company's.
    page.get_by_role("button", name=m["periodMonth"]).click()
    board_shown(page, m)
    assert_no_team_board(page, m)
    ctx.close()


def test_taken_out_of_a_team_while_the_popup_is_open(firsthand, context):
    m = words("en")
    connect(context, firsthand.add_user("ann@example.com", "Ann Example", team="Sales"))
    share = {"url": fresh_post(2), "network": "linkedin"}
    assert firsthand.api("ann@example.com", "POST", "/shares", json=share).status_code == 201
    page = popup(context)
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(page, m)
    team, company = scope_buttons(page, m)
    assert team.get_attribute("aria-pressed") == "true" and team.is_enabled()

    set_team(firsthand, "ann@example.com", None)
    page.get_by_role("button", name=m["periodMonth"]).click()  # the team board, asked again
    board_shown(page, m)
    page.locator("#scope-why").wait_for()
    assert_no_team_board(page, m)
    screenshot(page, "popup-no-team-after-removal")

    # From the company board: "My team" still on (the popup had not heard), pressed, answered
    # with the company's board and the reason, never the server's refusal.
    set_team(firsthand, "ann@example.com", "Sales")
    page.get_by_role("tab", name=m["tabYou"]).click()  # the You tab reads /me again
    page.locator("[data-points]").wait_for()
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(page, m)
    team, company = scope_buttons(page, m)
    assert team.is_enabled()
    company.click()
    board_shown(page, m)
    set_team(firsthand, "ann@example.com", None)
    team.click()
    page.locator("#scope-why").wait_for()
    board_shown(page, m)
    assert_no_team_board(page, m)

    again = popup(context)  # opened afresh
    again.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(again, m)
    assert_no_team_board(again, m)
