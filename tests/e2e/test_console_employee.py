"""What the employee sees of the console's work, and their own data from the options page:
the real extension in Chromium, the real server on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from e2e.browser import connect, extension_id, popup, screenshot
from e2e.console_steps import check_page, sign_in_with
from e2e.test_console import fresh_post, person
from firsthand.models import Kudos, PeriodStats, PointsEntry, Share, User, UserBadge
from helpers import counters_match_ledger


def test_kudos_from_the_console_appear_in_the_employees_popup(site, context):
    connect(context, site.add_user("ann@example.com", "Ann Example"))
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="Office")
    logged = site.api("ann@example.com", "POST", "/shares", json=fresh_post(1)).get_json()

    page = context.new_page()
    sign_in_with(page, site.console_link("ada@example.com"))
    ann = person(site, "ann@example.com")
    page.goto(f"{site.url}/console/people/{ann.id}")
    page.get_by_label("For a post (optional)").select_option(str(logged["share"]["id"]))
    page.get_by_label("Message").fill("Your launch post brought us two customer calls. Thank you!")
    page.get_by_role("button", name="Send kudos").click()
    page.wait_for_selector("text=Kudos sent: Ann Example sees them in their Firsthand popup.")
    check_page(page, "person")

    view = popup(context)
    view.get_by_role("tab", name="Kudos").click()
    view.wait_for_selector("ul.kudos li")
    item = view.locator("ul.kudos li").first.inner_text()
    assert "Ada Admin" in item and "Leadership" in item
    assert "Your launch post brought us two customer calls. Thank you!" in item
    screenshot(view, "popup-console-kudos")
    stored = site.query(lambda: [(k.share_id, k.leadership) for k in Kudos.select()])
    assert stored == [(logged["share"]["id"], True)]


def test_export_then_delete_from_the_options_page(site, context):
    connect(context, site.add_user("ann@example.com", "Ann Example"))
    site.add_user("bob@example.com", "Bob Builder")
    for n in range(3):
        site.api("ann@example.com", "POST", "/shares", json=fresh_post(n))
    site.api("bob@example.com", "POST", "/shares", json=fresh_post(10))
    ann = person(site, "ann@example.com")
    bob = person(site, "bob@example.com")
    site.api("bob@example.com", "POST", "/kudos", json={"to_user_id": ann.id, "message": "Nice!"})
    site.api("ann@example.com", "POST", "/kudos", json={"to_user_id": bob.id, "message": "Ta!"})
    badge = site.query(lambda: UserBadge.get(UserBadge.user == ann.id))
    assertion = f"{site.url}/badges/assertions/{badge.uid}"

    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    options.wait_for_function("() => document.querySelector('#status').textContent.includes('Ann')")
    with options.expect_download() as download:
        options.get_by_role("button", name="Download all my data").click()
    assert download.value.suggested_filename.startswith("firsthand-my-data-")
    data = json.loads(download.value.path().read_text())
    assert data["profile"]["email"] == "ann@example.com"
    assert len(data["shares"]) == 3 and data["points_ledger"]
    assert [k["message"] for k in data["kudos_received"]] == ["Nice!"]
    assert [k["message"] for k in data["kudos_given"]] == ["Ta!"]
    assert data["badges"][0]["assertion_url"] == assertion

    options.locator("summary", has_text="Delete my account").click()
    assert "Kudos you gave stay with your colleagues" in options.inner_text("#delete-account")
    screenshot(options.locator("#my-data"), "options-my-data")
    options.get_by_label("Type your email to confirm").fill("someone@else.com")
    options.get_by_role("button", name="Delete my account and data").click()
    options.wait_for_selector("text=Type the email of the connected account exactly.")
    assert person(site, "ann@example.com").erased_at is None
    options.get_by_label("Type your email to confirm").fill("ann@example.com")
    options.get_by_role("button", name="Delete my account and data").click()
    options.wait_for_selector("text=Your account and data were deleted")
    screenshot(options.locator("#my-data"), "options-account-deleted")

    def state():
        return {
            "ann": User.select().where(User.email == "ann@example.com").count(),
            "shares": Share.select().where(Share.user == ann.id).count(),
            "ledger": PointsEntry.select().where(PointsEntry.user == ann.id).count(),
            "periods": PeriodStats.select().where(PeriodStats.user == ann.id).count(),
            "received": Kudos.select().where(Kudos.receiver == ann.id).count(),
            "given": [k.giver.name for k in Kudos.select().where(Kudos.receiver == bob.id)],
        }

    assert site.query(state) == {
        "ann": 0,
        "shares": 0,
        "ledger": 0,
        "periods": 0,
        "received": 0,
        "given": ["Former colleague"],
    }
    site.query(counters_match_ledger)
    answer = site.app.test_client().get(assertion, headers={"Accept": "application/ld+json"})
    assert answer.status_code == 410 and answer.get_json()["revoked"] is True
    board = site.api("bob@example.com", "GET", "/leaderboard?scope=company").get_json()
    assert [e["name"] for e in board["entries"]] == ["Bob Builder"]
    stored = context.service_workers[0].evaluate("() => chrome.storage.local.get('token')")
    assert stored == {}
