"""Noticing a LinkedIn publish on the realistic fixture (fixtures/linkedin-real.js), with post ids
of now (unix_ms << 22; an old id would be a stale post): a toast the page takes away at once, a
post that fails (no toast), a draft discarded, and the composer reopened after navigating the
single-page app."""

from e2e.browser import connect, panel, screenshot, wait_for_verdict
from e2e.realistic import DRAFT, open_real, post, start_post
from firsthand.models import Share


def shares(firsthand):
    return firsthand.query(lambda: list(Share.select().order_by(Share.id).dicts()))


def card(page):
    return page.locator("firsthand-share-card")


def write_and_post(page, text: str) -> None:
    start_post(page)
    page.keyboard.type(text)
    wait_for_verdict(page, "personal")
    post(page)


def test_a_toast_gone_at_once_still_confirms_the_post(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    for gen in ("sdui", "interop"):  # the toast in the page, and in the shadow root
        page = open_real(context, f"gen={gen}&toast=30")
        write_and_post(page, f"{DRAFT} ({gen})")
        card(page).locator("[data-action='log']").click(timeout=10000)
        card(page).locator("[data-points]").wait_for(timeout=15000)
        screenshot(page, f"real-quick-toast-{gen}")
        assert page.page_errors == []
    logged = shares(firsthand)
    assert [s["text"] for s in logged] == [f"{DRAFT} (sdui)", f"{DRAFT} (interop)"]
    assert all(s["points"] > 0 for s in logged)  # posts of today


def test_a_failed_post_or_a_discarded_draft_offers_nothing(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=sdui&fail=1")
    write_and_post(page, DRAFT)
    page.get_by_text("Something went wrong").wait_for()
    page.wait_for_timeout(2500)  # ten times the watcher's look
    assert card(page).count() == 0
    screenshot(page, "real-failed-post")
    page.get_by_role("button", name="Dismiss").click()
    page.get_by_role("button", name="Discard").click()
    page.wait_for_function("() => !document.querySelector('dialog[open]')")
    page.wait_for_timeout(1500)
    assert card(page).count() == 0 and panel(page).count() == 0
    # Through the single-page app and back: the composer reopens with its panel.
    page.get_by_role("link", name="My Network").click()
    page.get_by_role("link", name="Home").click()
    start_post(page)
    page.keyboard.type("After a walk around the site I am writing about my team again.")
    wait_for_verdict(page, "personal")
    assert shares(firsthand) == []
    assert page.page_errors == []
