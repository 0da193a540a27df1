"""The popup's Leaderboard offers the board since the program began ("All time"), as the API
does, beside this week and this month (cold trial 4 found only the two); its three choices fit
the popup's width in the longest of the six languages."""

import pytest

from e2e.browser import connect, fresh_post, launch, popup, screenshot, serve_fixture
from e2e.conftest import EXTENSION
from e2e.console_steps import axe_violations
from e2e.test_popup_no_team import at_popup_size, board_shown, words


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_all_time_board_is_one_click_away(firsthand, playwright_instance, tmp_path, lang):
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang=lang)
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    m = words(lang)
    link = firsthand.add_user("ana@example.com", "Ana Lima", team="Sales")
    share = {"url": fresh_post(1), "network": "linkedin"}
    assert firsthand.api("ana@example.com", "POST", "/shares", json=share).status_code == 201
    connect(ctx, link)
    page = popup(ctx)
    at_popup_size(page)
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(page, m)
    periods = page.get_by_role("group", name=m["periodLabel"])
    assert periods.get_by_role("button").all_inner_texts() == [
        m["periodWeek"],
        m["periodMonth"],
        m["periodAll"],
    ]
    periods.get_by_role("button", name=m["periodAll"]).click()
    board_shown(page, m)
    pressed = periods.locator("[aria-pressed='true']")
    assert pressed.inner_text() == m["periodAll"]
    expected = firsthand.api("ana@example.com", "GET", "/leaderboard?period=all&scope=team")
    points = expected.get_json()["you"]["points"]
    assert points > 0 and str(points) in page.locator("ol.board li.me").inner_text()
    # The three choices on one line, inside the popup.
    tops = periods.get_by_role("button").evaluate_all(
        "(bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert axe_violations(page) == []
    screenshot(page, f"popup-leaderboard-all-time-{lang}")
    ctx.close()


def test_someone_who_has_not_scored_has_no_rank(firsthand, playwright_instance, tmp_path):
    """The API said rank 1 to someone with 0 points on an empty board, and the popup showed a
    colleague first and its reader "2" below with nothing scored: no rank until they score."""
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang="en")
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    m = words("en")
    firsthand.add_user("ana@example.com", "Ana Lima", team="Sales")
    link = firsthand.add_user("bob@example.com", "Bob Builder", team="Sales")
    share = {"url": fresh_post(1), "network": "linkedin"}
    assert firsthand.api("ana@example.com", "POST", "/shares", json=share).status_code == 201
    board = firsthand.api("bob@example.com", "GET", "/leaderboard?period=week&scope=team")
    assert board.get_json()["you"]["rank"] is None
    connect(ctx, link)
    page = popup(ctx)
    at_popup_size(page)
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(page, m)
    ranks = page.locator("ol.board li .rank").all_inner_texts()
    assert ranks == ["1", "–"], ranks
    assert "Bob Builder" in page.locator("ol.board li.me").inner_text()
    screenshot(page, "popup-leaderboard-no-rank")
    ctx.close()


def test_the_readers_own_row_says_your_own_voice(firsthand, playwright_instance, tmp_path):
    # A cold trial read "100% in their own voice" under its own name.
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang="en")
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    m = words("en")
    firsthand.add_user("ana@example.com", "Ana Lima", team="Sales")
    link = firsthand.add_user("bob@example.com", "Bob Builder", team="Sales")
    texts = {  # each in words of their own: a colleague's words copied are no own voice
        "ana@example.com": "I finally shipped the import screen I have been fighting with since "
        "spring. Honestly I was nervous all morning. Thank you, Lea, for the patient reviews.",
        "bob@example.com": "My first week leading the night crew is done, and I learned more "
        "from them than I taught. Thank you, Priya, for covering my Tuesday shift.",
    }
    for n, email in enumerate(("ana@example.com", "bob@example.com"), 1):
        share = {"url": fresh_post(n), "network": "linkedin", "text": texts[email]}
        answer = firsthand.api(email, "POST", "/shares", json=share)
        assert answer.status_code == 201 and answer.get_json()["share"]["voice"] == "personal"
    connect(ctx, link)
    page = popup(ctx)
    at_popup_size(page)
    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    board_shown(page, m)
    mine = page.locator("ol.board li.me .sub").inner_text()
    theirs = page.locator("ol.board li:not(.me):not(.gap) .sub").inner_text()
    assert "100% in your own voice" in mine and "their" not in mine
    assert "100% in their own voice" in theirs
    ctx.close()
