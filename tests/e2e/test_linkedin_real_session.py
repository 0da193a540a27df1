"""A working session on the realistic LinkedIn fixture: a composer already open when the page
loads (?shareActive=true, before the content script runs), a second tab with its own composer,
the single-page app travelled back and forth (links, then the browser's back and forward) with
the composer opened and closed each time, in dark mode: one panel, one request per pause, and
a post in one tab offered in that tab only."""

from e2e.browser import connect, panel, screenshot, wait_for_verdict
from e2e.realistic import DRAFT, open_real, post, start_post
from e2e.test_linkedin_publish_realistic import card, shares

PANELS = "() => document.querySelectorAll('firsthand-panel').length"


def suggestions_asked(firsthand) -> int:
    return len([c for c in firsthand.calls if c[1] == "/api/v1/suggestions"])


def close_composer(page) -> None:
    page.get_by_role("button", name="Dismiss").click()
    page.get_by_role("button", name="Discard").click()
    page.wait_for_function("() => !document.querySelector('dialog[open]')")


def test_a_session_of_tabs_navigation_and_reopening_keeps_one_panel(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    first = open_real(context, "gen=sdui&open=1")  # the composer opens as the page loads
    first.emulate_media(color_scheme="dark")
    panel(first).wait_for()
    first.locator("[contenteditable=true]").click()
    first.keyboard.type("First tab: a draft I am not ready to post yet, about my team.")
    wait_for_verdict(first, "personal")
    screenshot(first, "real-session-open-at-load-dark")

    second = open_real(context, "gen=sdui")
    for step in range(3):  # Home → My Network → Home, then back and forward, reopening each time
        start_post(second)
        second.keyboard.type(f"Round {step}: I am writing about my team again.")
        wait_for_verdict(second, "personal")
        assert second.evaluate(PANELS) == 1
        close_composer(second)
        assert second.evaluate(PANELS) == 0
        second.get_by_role("link", name="My Network").click()
        second.get_by_role("link", name="Home").click()
        second.go_back()
        second.go_forward()
        second.locator(".share-box-feed-entry__trigger").wait_for()
    start_post(second)
    before = suggestions_asked(firsthand)
    second.keyboard.insert_text(DRAFT)  # one input (a paste): one request from one watcher
    wait_for_verdict(second, "personal")
    second.wait_for_timeout(1200)  # past typing's pause and the answer
    assert suggestions_asked(firsthand) - before == 1
    assert second.evaluate(PANELS) == 1
    post(second)
    card(second).locator("[data-action='log']").click(timeout=10000)
    card(second).locator("[data-points]").wait_for(timeout=15000)
    screenshot(second, "real-session-second-tab-logged")
    assert card(first).count() == 0  # the other tab's composer is still open, offered nothing
    assert first.evaluate(PANELS) == 1
    assert [s["text"] for s in shares(firsthand)] == [DRAFT]
    assert first.page_errors == [] and second.page_errors == []
