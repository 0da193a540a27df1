"""The German popup of a long-time employee (every badge, 1,234,567 points, a 52-week
streak) at the popup's 380 px, at 100% and 200% zoom: the badge grid ran off the right edge
(a column as wide as "Netzwerkübergreifend", the third column's "Zu LinkedIn hinzufügen" cut),
and the streak took three lines beside the points."""

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from e2e.browser import connect, popup
from e2e.composer_checks import set_window, window_screenshot
from e2e.test_composer_geometry import POPUP_CUT
from firsthand.api.helpers import rulebook
from firsthand.db import database
from firsthand.models import UserBadge, UserStats

# Anything laid out past the popup's edges.
OVERFLOW = """() => {
    const limit = document.documentElement.clientWidth + 0.5;
    return [...document.body.querySelectorAll('*')].filter((e) => e.getClientRects().length
        && (e.getBoundingClientRect().right > limit || e.getBoundingClientRect().left < -0.5))
        .map((e) => `<${e.tagName.toLowerCase()}> ${e.textContent.trim().slice(0, 30)}`);
}"""
LINES = """(e) => Math.round(e.getBoundingClientRect().height
    / parseFloat(getComputedStyle(e).lineHeight))"""


@pytest.fixture
def veteran(firsthand, german_context):
    link = firsthand.add_user("max@example.com", "Max Muster")
    user = firsthand.users["max@example.com"]
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())
    with firsthand.app.app_context(), database.connection_context():
        UserStats.update(points=1234567, streak_weeks=52, last_share_week=monday).where(
            UserStats.user == user.id
        ).execute()
        for badge in rulebook().badges:
            UserBadge.create(
                user=user.id,
                badge_id=badge["id"],
                earned_at=datetime.now(UTC),
                uid=secrets.token_hex(16),
                salt=secrets.token_hex(16),
            )
    connect(german_context, link)
    return firsthand


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_the_german_badge_grid_and_streak_stay_inside_the_popup(veteran, german_context, zoom):
    page = popup(german_context)
    page.locator("[data-badge]").first.wait_for(timeout=15000)
    assert page.locator("[data-points]").inner_text().startswith("1.234.567")
    session = german_context.new_cdp_session(page)
    set_window(session, page, 800, 600, zoom)
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    set_window(session, page, min(800, round(zoom * (380 + bar))), 600, zoom)
    page.locator(".badges").scroll_into_view_if_needed()
    assert page.evaluate(OVERFLOW) == []
    found = page.evaluate(POPUP_CUT)
    assert not found["sideways"]
    assert [c for c in found["cut"] if "hinzufügen" in c or "Ansehen" in c] == []
    widths = page.locator(".badge").evaluate_all(
        "(all) => all.slice(0, 3).map((b) => Math.round(b.getBoundingClientRect().width))"
    )
    assert max(widths) - min(widths) <= 1, widths  # three equal columns
    streak = page.locator(".streak")
    assert streak.inner_text() == "🔥 52 Wochen in Folge"
    assert streak.evaluate(LINES) == 1
    page.locator(".hero").scroll_into_view_if_needed()
    window_screenshot(session, f"popup-de-veteran-{int(zoom * 100)}")
