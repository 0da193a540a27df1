"""Cold trial findings 4 and 5 in real Chromium: "Sign out" in one tab ends the session for a
form still open in another, and sending that form lands on the sign-in page saying nothing was
saved (axe-checked; screenshot tests/artifacts/console-session-ended.png)."""

from __future__ import annotations

from e2e.browser import screenshot
from e2e.console_steps import axe_violations, sign_in_with
from firsthand.models import User


def test_a_form_sent_after_signing_out_elsewhere_says_it_was_not_saved(site, browser_page):
    site.add_user("ada@example.com", "Ada Admin", role="admin")
    form_tab = browser_page
    sign_in_with(form_tab, site.console_link("ada@example.com"))
    form_tab.goto(f"{site.url}/console/people/invite")
    form_tab.get_by_label("Email").first.fill("bo@example.com")
    form_tab.get_by_label("Name").first.fill("Bo Brown")

    other_tab = form_tab.context.new_page()
    other_tab.goto(f"{site.url}/console/")
    other_tab.get_by_role("button", name="Sign out").click()
    other_tab.get_by_text("You are signed out.").wait_for()
    other_tab.close()

    form_tab.locator("form[action$='/invite'] button[type='submit']").first.click()
    form_tab.get_by_text("What you sent was not saved: sign in, then send it again.").wait_for()
    assert "/console/sign-in" in form_tab.url
    assert axe_violations(form_tab) == []
    screenshot(form_tab, "console-session-ended")
    assert not site.query(lambda: User.select().where(User.email == "bo@example.com").exists())
