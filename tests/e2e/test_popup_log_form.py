"""The popup's link fields in real Chromium: a link typed without its scheme is fixed up, and
typed text that is not a link gets Firsthand's own message under the field (not the browser's
"Please enter a URL." bubble); a share that earned 0 says why, and is listed under its post's
own day (a LinkedIn id carries its time: unix_ms << 22; an X status id is a snowflake), not
the day it was logged."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from e2e.browser import connect, fresh_post, popup, screenshot
from firsthand.models import Share, User
from firsthand.stories_models import StorySuggestion

DAY_MS = 86_400_000
X_EPOCH_MS = 1288834974657  # X's snowflake epoch


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def activity_days_ago(days: int) -> int:
    return (int(time.time() * 1000) - days * DAY_MS) << 22


def test_log_form_fixes_a_link_without_scheme_and_says_when_text_is_not_a_link(employee, context):
    page = popup(context)
    field = page.locator("input[name='url']")
    field.fill("hello")
    page.click("form button[type='submit']")
    error = page.locator("#log-error")
    error.filter(has_text="That does not look like a link").wait_for()
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == "log-error"
    # No browser bubble stood in the way: the form is Firsthand's to check.
    assert page.evaluate("document.querySelector('input[name=url]').validity.valid")
    error.scroll_into_view_if_needed()
    screenshot(page, "popup-log-not-a-link")
    assert employee.query(lambda: Share.select().count()) == 0

    activity = activity_days_ago(0)
    field.fill(f"linkedin.com/posts/ana-lima_big-news-activity-{activity}-AbCd")
    assert field.get_attribute("aria-invalid") is None  # typing again clears the error
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text="+").wait_for()
    assert error.is_hidden()
    rows = employee.query(lambda: list(Share.select().dicts()))
    assert [r["url"] for r in rows] == [
        f"https://linkedin.com/posts/ana-lima_big-news-activity-{activity}-AbCd"
    ]


def test_suggest_form_fixes_its_link_and_says_when_it_is_not_one(employee, context):
    page = popup(context)
    page.click("#tab-ideas")
    page.click("details.suggest summary")
    page.fill("#suggest-line", "Our Lisbon office opened")
    page.fill("#suggest-link", "hello")
    page.click(".suggest-form button[type='submit']")
    error = page.locator("#suggest-link-error")
    error.filter(has_text="That does not look like a link").wait_for()
    link = page.locator("#suggest-link")
    assert link.get_attribute("aria-invalid") == "true"
    assert link.get_attribute("aria-describedby") == "suggest-link-error"
    screenshot(page, "popup-suggest-not-a-link")
    assert employee.query(lambda: StorySuggestion.select().count()) == 0

    link.fill("example.com/news/lisbon")
    page.click(".suggest-form button[type='submit']")
    page.locator(".suggest-form .form-result").filter(has_text="Thank").wait_for()
    rows = employee.query(lambda: list(StorySuggestion.select().dicts()))
    assert [r["link"] for r in rows] == ["https://example.com/news/lisbon"]


@pytest.mark.parametrize(
    ("joined_days_ago", "posted_days_ago", "why"),
    [
        (0, 2, "0 points: this post went out before you joined the program."),
        (100, 40, "0 points: this post is older than the program’s limit."),
    ],
)
def test_a_stale_post_says_why_it_earned_nothing_and_is_listed_under_its_own_day(
    employee, context, joined_days_ago, posted_days_ago, why
):
    joined = datetime.now(UTC) - timedelta(days=joined_days_ago)
    employee.query(lambda: User.update(created_at=joined).execute())
    page = popup(context)
    activity = activity_days_ago(posted_days_ago)
    page.fill(
        "input[name='url']", f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/"
    )
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text=why).wait_for()
    screenshot(page, f"popup-stale-logged-{posted_days_ago}")

    # The popup redraws with the share listed: its post's day, and why it shows +0.
    row = page.locator(".shares li").first
    row.locator("[data-zero-why]").wait_for()
    posted = page.evaluate(
        "(ms) => new Date(ms).toLocaleDateString('en', "
        "{ day: 'numeric', month: 'short', year: 'numeric' })",
        int(time.time() * 1000) - posted_days_ago * DAY_MS,
    )
    label = row.locator("[data-share-label]").inner_text()
    assert label == f"Post on LinkedIn, {posted}", label
    assert row.locator("[data-zero-why]").inner_text() == why
    row.scroll_into_view_if_needed()
    screenshot(page, f"popup-stale-listed-{posted_days_ago}")


def test_an_x_share_is_listed_under_its_post_s_own_day(employee, context):
    """logform left X shares under the day they were logged: an X status id is a snowflake,
    which dates the post as the server's x_posted_at does."""
    joined = datetime.now(UTC) - timedelta(days=10)
    employee.query(lambda: User.update(created_at=joined).execute())
    page = popup(context)
    posted_ms = int(time.time() * 1000) - 3 * DAY_MS
    status = ((posted_ms - X_EPOCH_MS) << 22) + 7
    page.fill("input[name='url']", f"x.com/ana_lima/status/{status}")
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text="+").wait_for()
    row = page.locator(".shares li").first
    row.locator("[data-share-label]").wait_for()
    posted = page.evaluate(
        "(ms) => new Date(ms).toLocaleDateString('en', "
        "{ day: 'numeric', month: 'short', year: 'numeric' })",
        posted_ms,
    )
    label = row.locator("[data-share-label]").inner_text()
    assert label == f"Post on X, {posted}", label
    assert row.locator("[data-zero-why]").count() == 0  # it earned points


DAY_CAPPED = "0 points: the day’s limit of shares that earn points was reached"


def test_a_share_over_the_daily_cap_says_why_it_earned_nothing(employee, context):
    for n in range(5):  # the shipped rules: 5 shares a UTC day earn points
        answer = employee.api(
            "ann@example.com",
            "POST",
            "/shares",
            json={"url": fresh_post(n), "network": "linkedin", "source": "extension"},
        )
        assert answer.status_code == 201
    page = popup(context)
    page.fill("input[name='url']", fresh_post(9))
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text=DAY_CAPPED).wait_for()
    screenshot(page, "popup-daily-cap-logged")
    row = page.locator(".shares li").first.locator("[data-zero-why]")
    row.filter(has_text=DAY_CAPPED).wait_for()


def test_a_recent_share_s_label_is_whole_and_is_its_own_tooltip(employee, context):
    """ "Publicação em Facebook, 5 de d…": the label was cut to one line, and its tooltip was
    the link, not the words cut."""
    for url, network in (
        ("https://www.facebook.com/ann.example/posts/pfbid0abcdefghijk", "facebook"),
        ("https://blog.example.com/2026/12/a-very-long-path-name-for-a-post", "other"),
    ):
        answer = employee.api(
            "ann@example.com", "POST", "/shares", json={"url": url, "network": network}
        )
        assert answer.status_code == 201, answer.get_json()
    page = popup(context)
    labels = page.locator("[data-share-label]")
    labels.nth(1).wait_for(timeout=15000)
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 380 + bar, "height": 600})
    for label in labels.all():
        words = label.inner_text()
        assert label.get_attribute("title") == words
        assert label.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1"), words
        assert words.endswith(str(datetime.now(UTC).year)) or words.endswith(
            str(datetime.now(UTC).year - 1)
        ), words  # the date whole, its year last
