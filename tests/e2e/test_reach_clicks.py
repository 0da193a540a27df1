"""Clicks and potential reach as the employee sees them: the popup's Reach tab shows the
clicks counted on the tracked link a post carried (the figure in the database), "–" for a
post without one, the month's clicks, and the connection counts the employee entered in the
options page, labelled as potential reach and never as reach."""

from __future__ import annotations

import pytest
import requests

from e2e.browser import ARTIFACTS, connect, extension_page, popup, screenshot
from e2e.test_reach import activity, post
from firsthand.models import User
from firsthand.stories_models import StoryClicks
from helpers import ATLAS_STORY

BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
]
OWN_WORDS = (
    "Three months on the route planner in Atlas, and seeing Dana's team in Lyon plan a week "
    "in ten minutes made every late night worth it. Proud of this team!"
)


def test_the_popup_shows_clicks_where_a_post_carried_a_tracked_link(firsthand, context):
    firsthand.add_user("ada@example.com", "Ada Admin", role="admin")
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    story = dict(ATLAS_STORY)
    assert firsthand.api("ada@example.com", "POST", "/stories", json=story).status_code == 201
    link = firsthand.api("ann@example.com", "GET", "/stories").get_json()["data"][0]["tracked_link"]
    assert link.startswith(firsthand.url + "/r/")
    told = firsthand.api(
        "ann@example.com",
        "POST",
        "/shares",
        json={**post(activity(1)), "text": f"{OWN_WORDS} {link}"},
    ).get_json()["share"]
    plain = firsthand.api("ann@example.com", "POST", "/shares", json=post(activity(2))).get_json()[
        "share"
    ]
    reading = {"source": "feed", "counts": {"impressions": {"value": 2400, "raw": "2,400"}}}
    firsthand.api("ann@example.com", "POST", f"/shares/{told['id']}/reach", json=reading)

    # Readers follow the link over real HTTP: three browsers count, a preview bot does not.
    for agent in [*BROWSERS, "LinkedInBot/1.0 (compatible; Mozilla/5.0)"]:
        answer = requests.get(link, headers={"User-Agent": agent}, allow_redirects=False, timeout=5)
        assert answer.status_code == 302
    counted = firsthand.query(
        lambda: (
            StoryClicks.get(StoryClicks.user == User.get(User.email == "ann@example.com").id).clicks
        )
    )
    assert counted == 3

    view = popup(context)
    view.get_by_role("tab", name="Reach").click()
    view.wait_for_selector(".reach-list li")
    row = view.locator(f"li[data-share='{told['id']}']")
    clicks = row.locator("[data-metric='clicks']")
    assert clicks.inner_text().strip().endswith(f"{counted:,}")
    assert clicks.get_attribute("title") == "Clicks on your tracked link for “Atlas is live”"
    assert row.locator("[data-metric='impressions']").inner_text().strip().endswith("2,400")
    other = view.locator(f"li[data-share='{plain['id']}'] [data-metric='clicks']")
    assert other.inner_text().strip().endswith("–")  # no tracked link: unknown, not 0
    assert "not known" in other.get_attribute("title")
    month_cells = view.locator("table.reach-months tr[data-metric='clicks'] td")
    assert month_cells.nth(0).inner_text() == f"{counted}"
    # October had no post with a tracked link: unknown ("not known" to a screen reader), not zero.
    assert month_cells.nth(1).locator("[aria-hidden='true']").inner_text() == "–"
    assert month_cells.nth(1).locator(".sr").text_content() == "not known"
    impressions_row = view.locator("table.reach-months tr[data-metric='impressions']")
    assert impressions_row.inner_text().split("\t")[1] == "2,400"  # clicks are not reach
    screenshot(view, "popup-reach-clicks")
    assert extension_page(context)  # the options page opens beside it


def test_potential_reach_entered_in_the_options_shows_apart_in_the_popup(firsthand, context):
    from firsthand.potential_reach import PotentialReach

    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    firsthand.api("ann@example.com", "POST", "/shares", json=post(activity(5)))
    options = extension_page(context)
    section = options.locator("#potential-reach")
    section.get_by_role("heading", name="Potential reach (optional)").wait_for()
    linkedin = options.get_by_label("Connections or followers on LinkedIn")
    linkedin.wait_for()
    options.wait_for_function("() => !document.querySelector('#potential-linkedin').disabled")
    linkedin.fill("12x")
    options.get_by_role("button", name="Save my counts").click()
    options.get_by_text("Enter a whole number").wait_for()
    assert linkedin.get_attribute("aria-invalid") == "true"
    linkedin.fill("1,234")  # written as people write it
    options.get_by_label("Connections or followers on X (Twitter)").fill("560")
    options.get_by_role("button", name="Save my counts").click()
    options.get_by_text("Saved.").wait_for()
    stored = firsthand.query(lambda: {r.network: r.audience for r in PotentialReach.select()})
    assert stored == {"linkedin": 1234, "x": 560}
    section.screenshot(path=str(ARTIFACTS / "options-potential-reach.png"))

    view = popup(context)
    view.get_by_role("tab", name="Reach").click()
    entered = view.locator("section.potential")
    entered.get_by_role("heading", name="Potential reach (connections you entered)").wait_for()
    assert entered.locator("li[data-network='linkedin']").inner_text().split() == [
        "LinkedIn",
        "1,234",
    ]
    assert entered.locator("li[data-network='x'] strong").inner_text() == "560"
    assert entered.locator("li[data-network='facebook']").count() == 0  # not entered
    months = view.locator("table.reach-months tr[data-metric='impressions'] td.unknown")
    assert months.count() == 2  # never counted as impressions: they stay unknown
    screenshot(view, "popup-reach-potential")

    # Emptied, the count is removed; the popup then says none was entered.
    options.bring_to_front()
    options.get_by_label("Connections or followers on X (Twitter)").fill("")
    options.get_by_role("button", name="Save my counts").click()
    # The answer is cleared as the form is sent (synchronously, within the click) and written
    # again once the server has answered.
    options.wait_for_function(
        "() => document.querySelector('#potential-result').textContent === 'Saved.'"
    )
    assert firsthand.query(lambda: PotentialReach.select().count()) == 1


def test_a_french_browser_gets_the_new_words_in_french(firsthand, playwright_instance, tmp_path):
    from e2e.browser import launch
    from e2e.conftest import EXTENSION

    french = launch(playwright_instance, tmp_path / "profile-fr", EXTENSION, lang="fr")
    try:
        connect(french, firsthand.add_user("ann@example.com", "Ann Example"))
        firsthand.api("ann@example.com", "POST", "/shares", json=post(activity(7)))
        firsthand.api(
            "ann@example.com", "PUT", "/me/potential-reach", json={"networks": {"linkedin": 800}}
        )
        view = popup(french)
        view.get_by_role("tab", name="Portée").click()
        view.get_by_role(
            "heading", name="Audience potentielle (relations que vous avez saisies)"
        ).wait_for()
        clicks_row = view.locator("table.reach-months tr[data-metric='clicks'] th").inner_text()
        assert clicks_row == "Clics sur liens suivis"
        title = view.locator(".reach-list [data-metric='clicks']").first.get_attribute("title")
        no_link = "Pas de lien suivi dans cette publication\u00a0: ses clics ne sont pas connus"
        assert title == no_link
        screenshot(view, "popup-reach-fr")
        options = extension_page(french)
        options.get_by_label("Relations ou abonnés sur LinkedIn").wait_for()
        options.get_by_role("button", name="Enregistrer mes nombres").wait_for()
    finally:
        french.close()


@pytest.mark.parametrize("size", [(380, 700), (1024, 640), (1280, 720)])
def test_potential_reach_reads_sensibly_before_anything_is_entered(firsthand, context, size):
    """A cold trial: with nothing entered, the section's heading spoke of "connections you
    entered", a note of "what you entered", and a "Change in settings" link offered to change
    nothing. Empty, it now says none is entered and offers to add them, once."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    view = popup(context)
    view.set_viewport_size({"width": size[0], "height": size[1]})
    view.get_by_role("tab", name="Reach").click()
    section = view.locator("section.potential")
    section.scroll_into_view_if_needed()
    screenshot(view, f"popup-reach-potential-empty-{size[0]}x{size[1]}")
    assert section.get_by_role("heading").inner_text() == "Potential reach"
    text = section.inner_text()
    assert "you entered" not in text.lower() and "change" not in text.lower()
    assert section.get_by_role("link").all_inner_texts() == ["Add them in settings"]
    link = section.get_by_role("link").get_attribute("href")
    assert link == "../options/options.html#potential-reach"
    assert text.count("settings") == 1  # one way there, said once
