"""The connect link shown after an invite: all of it in view, a Copy link button that copies
it and says so (to a screen reader too), and the field selecting all of it when focused; with
JavaScript off the button is not offered and one click still takes the whole link.
Screenshots: tests/artifacts/console-copy-link-*.png."""

from __future__ import annotations

import json

import pytest

from e2e.browser import ARTIFACTS
from e2e.console_steps import axe_violations, sign_in_with

SELECTED = "() => String(getSelection()).trim()"


@pytest.fixture
def admin_site(site, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the page is the same on PostgreSQL")
    site.add_user("demo@example.com", "Demo Admin", role="admin", team="People Ops")
    return site


def invite(page, site) -> str:
    page.goto(f"{site.url}/console/people/invite")
    page.get_by_label("Work email").fill("zoe@example.com")
    page.get_by_label("Name", exact=True).fill("Zoe Example")
    page.get_by_label("Email them their connect link").uncheck()
    page.get_by_role("button", name="Invite").click()
    page.wait_for_selector("#link")
    return page.locator("#link").inner_text().strip()


def test_copy_link_copies_it_and_says_so(admin_site, browser_page):
    site, page = admin_site, browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    sign_in_with(page, site.console_link("demo@example.com"))
    page.set_viewport_size({"width": 1024, "height": 640})
    link = invite(page, site)
    assert link.startswith(f"{site.url}/connect?invite=")
    field = page.locator("#link")
    # All of it in view: no part scrolled out of the field.
    assert field.evaluate(
        "(f) => f.scrollWidth <= f.clientWidth && f.scrollHeight <= f.clientHeight"
    )
    # The button is the script's: once it shows, the field's focus handler is there too (under
    # load, a focus before copy-field.js ran selected nothing).
    button = page.get_by_role("button", name="Copy link")
    button.wait_for()
    field.focus()  # as Tab would
    page.wait_for_function(f"() => ({SELECTED})() === {json.dumps(link)}")
    assert page.evaluate(SELECTED) == link
    button.click()
    status = page.get_by_role("status").filter(has_text="Copied")
    status.wait_for()
    assert status.inner_text() == "Copied the link to the clipboard."
    assert page.get_by_role("button", name="Copied").is_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-copy-link-copied.png"))
    assert not axe_violations(page)
    page.set_viewport_size({"width": 640, "height": 360})  # 200% zoom of 1280×720
    page.screenshot(path=str(ARTIFACTS / "console-copy-link-zoom200.png"), full_page=True)
    assert field.evaluate(
        "(f) => f.scrollWidth <= f.clientWidth && f.scrollHeight <= f.clientHeight"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def test_without_javascript_no_button_and_a_click_takes_the_whole_link(admin_site, console_browser):
    site = admin_site
    context = console_browser.new_context(
        java_script_enabled=False, viewport={"width": 1024, "height": 640}
    )
    try:
        page = context.new_page()
        page.goto(site.console_link("demo@example.com"))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector("text=Sign out")
        link = invite(page, site)
        assert not page.get_by_role("button", name="Copy link").is_visible()
        page.locator("#link").click()
        assert page.evaluate(SELECTED) == link
        page.screenshot(path=str(ARTIFACTS / "console-copy-link-no-js.png"))
    finally:
        context.close()


def test_copy_link_reads_copy_again_after_a_moment_and_copies_again(admin_site, browser_page):
    """After one copy the button said "Copied" for good (a cold trial's finding): it reads
    "Copy link" again a couple of seconds later, and a second click copies and says so again.
    The page's clock is Playwright's, moved on by hand: nothing here waits on real time."""
    site, page = admin_site, browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page.clock.install()
    sign_in_with(page, site.console_link("demo@example.com"))
    link = invite(page, site)
    status = page.locator('[data-copy-status="link"]')
    assert status.get_attribute("role") == "status"  # polite: read without interrupting
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert status.inner_text() == "Copied the link to the clipboard."
    page.clock.run_for(1000)
    assert page.get_by_role("button", name="Copied").is_visible()  # still, a moment later
    page.clock.run_for(1500)
    again = page.get_by_role("button", name="Copy link")
    again.wait_for()
    assert status.inner_text() == ""  # so the next copy's message is new to a screen reader
    page.evaluate("() => navigator.clipboard.writeText('something else')")
    again.click()
    page.get_by_role("button", name="Copied").wait_for()
    assert status.inner_text() == "Copied the link to the clipboard."
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    page.clock.run_for(2500)
    page.get_by_role("button", name="Copy link").wait_for()
