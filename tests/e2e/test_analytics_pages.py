"""The analytics page and the guidelines pages in a real browser: charts drawn from the
tables by the vendored Chart.js, axe-core clean in light and dark, screenshots in
tests/artifacts/console-analytics-*.png."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from e2e.console_steps import check_page, sign_in_with
from e2e.test_console import fresh_post
from firsthand.people import mark_connected

PEOPLE = [
    (f"p{i}@example.com", f"Person {i}", team)
    for i, team in enumerate(["Sales"] * 5 + ["Engineering"] * 4 + ["Legal"])
]


@pytest.fixture
def program(site, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the pages are the same on PostgreSQL; the figures are tested on both")
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="People Ops")
    for email, name, team in PEOPLE:
        site.add_user(email, name, team=team)
    # Connected 50 days ago, as the connect page does it (the rollups and history count it).
    when = datetime.now(UTC) - timedelta(days=50)
    site.query(lambda: [mark_connected(site.users[email], when) for email, _, _ in PEOPLE])
    # Nia connected just now and has not shared: new, not one who is "connected but quiet".
    site.add_user("nia@example.com", "Nia New", team="Engineering")
    site.query(lambda: mark_connected(site.users["nia@example.com"], datetime.now(UTC)))
    for n, (email, _, _) in enumerate(PEOPLE[:7]):
        share = site.api(email, "POST", "/shares", json=fresh_post(n)).get_json()["share"]
        counts = {
            "reactions": {"value": 20 + 7 * n, "raw": f"{20 + 7 * n} reactions"},
            "comments": {"value": n, "raw": f"{n} comments"},
            "impressions": {"value": 900 + 300 * n, "raw": f"{900 + 300 * n} impressions"},
        }
        site.api(
            email, "POST", f"/shares/{share['id']}/reach", json={"source": "feed", "counts": counts}
        )
    for email, _, _ in PEOPLE[7:]:
        site.api(email, "POST", "/me/question", json={"answer": "whats_allowed"})
    return site


def test_too_long_guidelines_come_back_in_an_accessible_form(program, browser_page):
    """A client past the textarea's maxlength (here: the attribute taken off) is told why,
    the alert tied to the form, and what was typed is still in it."""
    site, page = program, browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/analytics/guidelines")
    page.evaluate("() => document.getElementById('body').removeAttribute('maxlength')")
    body = "Speak for yourself. " * 1001  # 20,020 characters
    page.get_by_label("Guidelines").fill(body)
    page.get_by_role("button", name="Publish the guidelines").click()
    page.get_by_role("alert").wait_for()
    assert "too long" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Guidelines").input_value() == body  # as typed
    check_page(page, "analytics-guidelines-too-long")


def test_analytics_and_guidelines_pages(program, browser_page):
    site, page = program, browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/analytics/guidelines")
    page.get_by_label("Guidelines").fill(
        "Speak for yourself.\n\nAsk Legal before naming customers."
    )
    page.get_by_role("button", name="Publish the guidelines").click()
    # The form posts and redirects back: wait for the new page, not the one being left.
    page.get_by_text("It is published at").wait_for()
    check_page(page, "analytics-guidelines")
    page.goto(f"{site.url}/console/analytics/")
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart-for]')]"
        ".every((c) => window.Chart && Chart.getChart(c))"
    )
    charts = page.locator("canvas[data-chart-for]").count()
    assert charts >= 5
    # Five people of Sales posted; two of Engineering, too few (folded by who posted, not
    # by headcount), and "Other teams" of two is left out as well.
    assert page.locator("#table-reach_by_team th[scope='row']").all_inner_texts() == ["Sales"]
    assert page.get_by_role("link", name="posting guidelines").count() == 1
    # The groups add up to the eleven people (Ada only runs the program): 7 shared, Nia just
    # connected, 3 did not share in the 30 days after connecting 50 days ago, none never
    # connected; no group is negative.
    groups = page.locator("table[id$='groups'] tbody tr").all_inner_texts()
    assert [row.split("\t")[1] for row in groups] == ["7", "1", "3", "0"], groups
    assert groups[1].startswith("Just connected"), groups
    check_page(page, "analytics")
    page.set_viewport_size({"width": 1024, "height": 700})
    check_page(page, "analytics-1024")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, "analytics scrolls sideways at 1024 px"
    page.goto(f"{site.url}/guidelines")
    assert "Ask Legal before naming customers." in page.inner_text("main")


def test_the_overview_tells_the_newly_connected_from_the_quiet(program, browser_page):
    site, page = program, browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/")
    new = page.locator(".stat", has_text="Connected in the last 30 days, no share yet")
    quiet = page.locator(".stat", has_text="Connected, no share in 30 days")
    assert new.locator(".stat-number").inner_text() == "1"
    assert quiet.locator(".stat-number").inner_text() == "3"
    assert (
        page.locator("[data-new]")
        .inner_text()
        .startswith("1 person connected in the last 30 days and has not shared yet")
    )
    assert (
        page.locator("[data-quiet]")
        .inner_text()
        .startswith("3 people, connected for 30 days or more, have not shared in the last 30 days")
    )
    check_page(page, "overview-new-and-quiet")
    page.locator("[data-new] a").click()
    page.wait_for_url("**/console/people/?status=new")
    assert page.locator("tbody tr").all_inner_texts()[0].startswith("Nia New")
    assert page.locator("tbody tr").count() == 1
