"""The analytics page's story, click and potential-reach figures in a real browser: tables
beside their charts, axe-core clean, the figures equal to the database; screenshots in
tests/artifacts/console-analytics-stories-*.png."""

from __future__ import annotations

import pytest
import requests

from e2e.browser import ARTIFACTS
from e2e.console_steps import check_page, sign_in_with
from e2e.test_console import fresh_post
from firsthand.stories_models import StoryClicks
from helpers import ATLAS_STORY

BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
]
PEOPLE = [
    (f"p{i}@example.com", f"Person {i}", team)
    for i, team in enumerate(["Sales"] * 4 + ["Engineering"] * 3 + ["Legal"])
]
LONG_TITLE = (
    "Atlas is live: route planning and customer notes in one place for every field team"
    " across EMEA, APAC and the Americas"
)
VOICE = "What I saw this week, in my own words, number {n}: the launch changed how I plan Mondays."


def test_story_and_click_figures_on_the_analytics_page(site, browser_page, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the page is the same on PostgreSQL; the figures are tested on both")
    site.app.config.update(EMV_CPM=8.0, EMV_CPC=3.0)  # unset by default: the page says so
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="People Ops")
    for email, name, team in PEOPLE:
        site.add_user(email, name, team=team)
    body = dict(ATLAS_STORY, title=LONG_TITLE)
    assert site.api("ada@example.com", "POST", "/stories", json=body).status_code == 201
    for k in range(3):  # connected, telling nothing: a story (nearly) everyone told is left out
        site.add_user(f"quiet{k}@example.com", f"Quiet {k}")
        assert site.api(f"quiet{k}@example.com", "GET", "/me").status_code == 200
    clicks_sent = 0
    for n, (email, _, _) in enumerate(PEOPLE[:7]):
        link = site.api(email, "GET", "/stories").get_json()["data"][0]["tracked_link"]
        share = site.api(
            email, "POST", "/shares", json={**fresh_post(n), "text": f"{VOICE.format(n=n)} {link}"}
        ).get_json()["share"]
        reading = {"source": "feed", "counts": {"impressions": {"value": 1000 + 100 * n}}}
        site.api(email, "POST", f"/shares/{share['id']}/reach", json=reading)
        for agent in BROWSERS[: 1 + n % 3]:
            answer = requests.get(link, headers={"User-Agent": agent}, allow_redirects=False)
            assert answer.status_code == 302
            clicks_sent += 1
    for n, (email, _, _) in enumerate(PEOPLE):
        entered = {"linkedin": 300 + 50 * n, **({"x": 1000} if n < 2 else {})}
        answer = site.api(email, "PUT", "/me/potential-reach", json={"networks": entered})
        assert answer.status_code == 200
    stored = site.query(lambda: sum(c.clicks for c in StoryClicks.select()))
    assert stored == clicks_sent

    page = browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/analytics/")
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart-for]')]"
        ".every((c) => window.Chart && Chart.getChart(c))"
    )
    story_row = page.locator("#table-story_reach tbody tr").first
    cells = story_row.locator("th, td").all_inner_texts()
    assert cells[0] == LONG_TITLE
    assert cells[1:3] == ["7", "7"]
    assert cells[5] == f"{sum(1000 + 100 * n for n in range(7)):,}"
    assert cells[-1] == str(stored)
    teams = page.locator("#table-clicks_by_team tbody tr th").all_inner_texts()
    assert teams == ["Engineering", "Sales"]  # Legal and People Ops are too small to show
    shown_clicks = sum(
        int(t)
        for t in page.locator("#table-clicks_by_team tbody tr td:last-child").all_inner_texts()
    )
    assert shown_clicks == stored  # everyone who clicked is in a team big enough to show
    assert page.locator("canvas[data-chart-for='clicks_by_team']").count() == 1
    emv = page.locator("section.emv").inner_text()
    assert f"+ {stored} tracked-link clicks × CPC" in emv
    potential = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in page.locator("#table-potential_reach tbody tr").all()
    }
    # Sales 4 and Engineering 3 entered; Legal (1) folds into Other teams, too small to show.
    # X was entered by two people in Sales: shown as —, left out of the total.
    assert potential == {
        "Engineering": ["3", "1,650", "—", "—", "1,650"],  # 500 + 550 + 600
        "Sales": ["4", "1,500", "—", "—", "1,500"],  # 300 + 350 + 400 + 450
    }
    for name in ("emv", "story_reach", "clicks_by_team", "potential_reach"):
        section = page.locator(f"section[aria-labelledby='{name}-h']")
        section.screenshot(path=str(ARTIFACTS / f"console-analytics-stories-{name}.png"))
    check_page(page, "analytics-stories")
    # The cold review: at 1024 px the nine columns scrolled sideways, the title squeezed to
    # a word a line (twelve lines). Closer columns fit them, the title column keeps 12rem.
    page.set_viewport_size({"width": 1024, "height": 640})
    fit = page.evaluate(
        """() => { const box = document.querySelector('#table-story_reach').parentElement;
        const title = document.querySelector('#table-story_reach tbody th');
        return {scrolls: box.scrollWidth > box.clientWidth + 1,
                title: title.getBoundingClientRect().width}; }"""
    )
    page.locator("#table-story_reach").screenshot(
        path=str(ARTIFACTS / "console-analytics-stories-1024.png")
    )
    assert not fit["scrolls"] and fit["title"] >= 180, fit
