"""The connect page in real Chromium: link scanners opening a connect link spend nothing; the
extension connects by pressing "Connect this browser" itself; without it, a person can."""

import requests

from e2e.browser import connect, screenshot, storage
from e2e.console_steps import axe_violations
from firsthand.models import User

SCANNERS = [
    "Mozilla/5.0 (compatible; Microsoft Office Protocol Discovery; SafeLinks)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "python-requests",
]


def invites_used(firsthand, email: str) -> int:
    return firsthand.query(lambda: User.get(User.email == email).invites_used)


def test_scanners_leave_the_link_for_the_extension(firsthand, context):
    link = firsthand.add_user("bob@example.com", "Bob Builder")
    for agent in SCANNERS:
        assert requests.head(link, headers={"User-Agent": agent}, timeout=10).status_code == 200
        seen = requests.get(link, headers={"User-Agent": agent}, timeout=10)
        assert seen.status_code == 200 and "data-token" not in seen.text
    assert invites_used(firsthand, "bob@example.com") == 0

    connect(context, link)  # the person, later: the extension presses the button
    assert storage(context, "user")["name"] == "Bob Builder"
    posts = [c for c in firsthand.calls if c[:2] == ("POST", "/connect")]
    assert len(posts) == 1
    assert invites_used(firsthand, "bob@example.com") == 1
    again = requests.get(link, timeout=10)
    assert again.status_code == 410 and "already used" in again.text


def test_without_the_extension_a_person_connects_by_hand(firsthand, browser_page):
    page = browser_page
    link = firsthand.add_user("ann@example.com", "Ann Example")
    page.goto(link)
    button = page.get_by_role("button", name="Connect this browser")
    button.wait_for()
    assert "Ann Example" in page.locator("h1").inner_text()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        screenshot(page, f"connect-confirm-{scheme}")
    page.emulate_media(color_scheme="light")
    page.reload()  # a second look spends nothing either
    assert invites_used(firsthand, "ann@example.com") == 0

    button.click()
    page.get_by_text("Connecting by hand").wait_for()
    assert page.locator("#firsthand-connect").get_attribute("data-token")
    assert axe_violations(page) == []
    screenshot(page, "connect-token")
    assert invites_used(firsthand, "ann@example.com") == 1

    page.goto(link)
    page.get_by_role("heading", name="This connect link was already used").wait_for()
    assert axe_violations(page) == []
