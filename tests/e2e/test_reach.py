"""Reach, as an employee lives it: their own logged posts on a LinkedIn page (two markups,
French and English counts) are read and stored, shown in the popup's Reach tab; a colleague's
post on the same page is never sent; with reading turned off, nothing is."""

from __future__ import annotations

import json
import time

import pytest

from e2e.browser import FIXTURES, connect, extension_page, popup, screenshot, wait_for_storage
from firsthand.models import Share
from firsthand.reach_models import ReachSnapshot, ShareReach

NNBSP = "\u202f"


def activity(n: int) -> int:
    return (int(time.time() * 1000) << 22) + n


def post(n: int) -> dict:
    url = f"https://www.linkedin.com/feed/update/urn:li:activity:{n}/"
    return {"url": url, "network": "linkedin"}


@pytest.fixture
def feed(firsthand, context):
    """Ann (connected) and Bob each logged posts; the routed feed shows them both."""
    ids = {"OWN_OLD": activity(1), "OWN_NEW": activity(2), "OTHER_OLD": activity(3)}
    firsthand.add_user("bob@example.com", "Bob Builder")
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    owners = {"OWN_OLD": "ann@example.com", "OWN_NEW": "ann@example.com"}
    share_ids = {
        name: firsthand.api(
            owners.get(name, "bob@example.com"), "POST", "/shares", json=post(n)
        ).get_json()["share"]["id"]
        for name, n in ids.items()
    }
    html = (FIXTURES / "reach-feed.html").read_text(encoding="utf-8")
    for name, value in ids.items():
        html = html.replace("{{" + name + "}}", str(value))

    def serve(route):
        if route.request.resource_type == "document":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=404, body="")

    context.route("https://www.linkedin.com/**", serve)
    return firsthand, share_ids


def reach_posts(firsthand) -> list[str]:
    calls = firsthand.calls
    return [path for method, path, _ in calls if method == "POST" and path.endswith("/reach")]


def open_feed(context):
    page = context.new_page()
    page.goto("https://www.linkedin.com/feed/")
    return page


def test_own_posts_are_read_in_both_markups_and_shown_in_the_popup(feed, context):
    firsthand, ids = feed
    page = open_feed(context)
    wait_for_storage(
        context, "reachSent", f"value && value['{ids['OWN_OLD']}'] && value['{ids['OWN_NEW']}']"
    )
    page.wait_for_selector("html[data-firsthand-reach='watching']")
    screenshot(page, "reach-feed-fixture")

    def stored():
        rows = ShareReach.select().order_by(ShareReach.share)
        snaps = {s.share_id: (s.source, json.loads(s.raw)) for s in ReachSnapshot.select()}
        return {
            r.share_id: (r.reactions, r.comments, r.reposts, r.impressions, snaps[r.share_id])
            for r in rows
        }

    found = firsthand.query(stored)
    old, new = found[ids["OWN_OLD"]], found[ids["OWN_NEW"]]
    assert old[:4] == (1234, 12, 3, 5678)  # French: narrow no-break spaces, words around
    assert old[4][0] == "feed" and old[4][1]["reactions"] == f"1{NNBSP}234 réactions"
    assert new[:4] == (42, 18, 2, 1204)  # "Lea Martin and 41 others" = 42
    assert new[4][1]["reactions"] == "Lea Martin and 41 others"
    # Bob's post was on the same page: nothing about it left the browser.
    assert ids["OTHER_OLD"] not in found
    assert sorted(reach_posts(firsthand)) == sorted(
        f"/api/v1/shares/{ids[name]}/reach" for name in ("OWN_OLD", "OWN_NEW")
    )
    assert firsthand.query(lambda: Share.get_by_id(ids["OTHER_OLD"]).reach_snapshots.count()) == 0

    view = popup(context)
    view.get_by_role("tab", name="Reach").click()
    view.wait_for_selector(".reach-list li")
    row = view.locator(f"li[data-share='{ids['OWN_OLD']}']")
    # Logged by link alone (no text): named by where and when, never by the post's id.
    assert row.locator("a").first.inner_text().startswith("Post on LinkedIn, ")
    assert row.locator("[data-metric='reactions']").inner_text().strip().endswith("1,234")
    assert row.locator("[data-metric='impressions']").inner_text().strip().endswith("5,678")
    other = view.locator(f"li[data-share='{ids['OWN_NEW']}']")
    assert other.locator("[data-metric='comments']").inner_text().strip().endswith("18")
    assert other.locator("[data-metric='clicks']").inner_text().strip().endswith("–")
    impressions = view.locator("table.reach-months tr[data-metric='impressions'] td")
    assert impressions.nth(0).inner_text() == "6,882"  # 5,678 + 1,204 this month
    # None last month: unknown, not zero.
    assert impressions.nth(1).locator("[aria-hidden='true']").inner_text() == "–"
    screenshot(view, "popup-reach")

    # Opening the page again within the hour sends nothing more.
    before = len(reach_posts(firsthand))
    again = open_feed(context)
    again.wait_for_selector("html[data-firsthand-reach='watching']")
    again.wait_for_function("() => Number(document.documentElement.dataset.firsthandScans) >= 2")
    assert len(reach_posts(firsthand)) == before


def test_a_month_whose_posts_have_no_counts_shows_unknown_not_zero(firsthand, context):
    """Logged, never read: the month table says "–" ("not known"), never 0 (README)."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    firsthand.api("ann@example.com", "POST", "/shares", json=post(activity(9)))
    view = popup(context)
    view.get_by_role("tab", name="Reach").click()
    view.wait_for_selector("table.reach-months")
    table = view.locator("table.reach-months")
    assert table.locator("tr[data-metric='shares'] td").first.inner_text() == "1"
    assert table.locator("tr[data-metric='shares_read'] td").first.inner_text() == "0"
    for metric in ("reactions", "comments", "reposts", "impressions", "clicks"):
        cells = table.locator(f"tr[data-metric='{metric}'] td")
        for n in range(2):
            shown = cells.nth(n).locator("[aria-hidden='true']")
            assert shown.inner_text() == "–", metric
            assert cells.nth(n).locator(".sr").text_content() == "not known"
    reactions = table.get_by_role("row", name="Reactions")
    assert reactions.get_by_role("cell", name="not known").count() == 2
    screenshot(view, "popup-reach-unknown-month")


def test_nothing_is_sent_when_reading_is_turned_off(feed, context):
    firsthand, ids = feed
    options = extension_page(context)
    switch = options.get_by_label("Read the reactions, comments, reposts and impressions")
    switch.wait_for()
    assert switch.is_checked()
    switch.uncheck()
    wait_for_storage(context, "reachReading", "value === false")
    screenshot(options, "options-reach-off")
    page = open_feed(context)
    page.wait_for_selector("html[data-firsthand-reach='off']")
    assert reach_posts(firsthand) == []
    # Switched back on, the same page is read: the check above could have failed.
    switch.check()
    wait_for_storage(context, "reachReading", "value === true")
    page.reload()
    wait_for_storage(context, "reachSent", f"value && value['{ids['OWN_OLD']}']")
    assert reach_posts(firsthand)


def test_the_quiet_employee_is_asked_once_what_holds_them_back(firsthand, context):
    from datetime import UTC, datetime, timedelta

    from firsthand.models import User
    from firsthand.reach_models import HoldBackAnswer

    connect(context, firsthand.add_user("quiet@example.com", "Quinn Quiet"))
    long_ago = datetime.now(UTC) - timedelta(days=45)
    firsthand.query(
        lambda: (
            User.update(connected_at=long_ago).where(User.email == "quiet@example.com").execute()
        )
    )
    view = popup(context)
    view.wait_for_selector("section.question[data-state='asking'] button[data-answer]")
    screenshot(view, "popup-question")
    view.get_by_role("button", name="Not sure what's allowed").click()
    view.get_by_role("link", name="Read the posting guidelines").wait_for()
    answers = firsthand.query(lambda: [a.answer for a in HoldBackAnswer.select()])
    assert answers == ["whats_allowed"]
    again = popup(context)
    again.wait_for_selector("section.question[data-state='not-asked']", state="attached")
    assert again.locator("section.question").is_hidden()


def test_the_post_analytics_page_is_read_by_its_address(feed, context):
    """The post-summary page carries the activity id in its URL (German UI here)."""
    firsthand, ids = feed
    activity_of = {ids["OWN_NEW"]: None}
    share = firsthand.query(lambda: Share.get_by_id(ids["OWN_NEW"]))
    activity_of[ids["OWN_NEW"]] = share.canonical_url.rstrip("/").rsplit(":", 1)[1]
    page_html = (
        "<!doctype html><html lang='de'><body><main><h1>Beitragsanalysen</h1>"
        "<section><h2>Entdeckung</h2><p><span>1.250</span> <span>Impressionen</span></p>"
        "<ul><li>45 Reaktionen</li><li>7 Kommentare</li><li>2 Reposts</li></ul></section>"
        "</main></body></html>"
    )
    context.route(
        "https://www.linkedin.com/analytics/**",
        lambda route: route.fulfill(body=page_html, content_type="text/html; charset=utf-8"),
    )
    page = context.new_page()
    page.goto(
        "https://www.linkedin.com/analytics/post-summary/urn:li:activity:"
        f"{activity_of[ids['OWN_NEW']]}/"
    )
    wait_for_storage(context, "reachSent", f"value && value['{ids['OWN_NEW']}']")
    row = firsthand.query(lambda: ReachSnapshot.get(ReachSnapshot.share == ids["OWN_NEW"]))
    assert row.source == "analytics"
    assert (row.reactions, row.comments, row.reposts, row.impressions) == (45, 7, 2, 1250)
    assert json.loads(row.raw)["impressions"] == "1.250 Impressionen"
    assert reach_posts(firsthand) == [f"/api/v1/shares/{ids['OWN_NEW']}/reach"]
