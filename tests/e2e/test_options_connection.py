"""A cold review of the options page: "Your data" showed while not connected (the section's
display: grid beat [hidden]), and the potential-reach form did not follow the connection: off
after connecting by hand until a reload, on with the last account's counts after Disconnect."""

from e2e.browser import extension_id, screenshot


def options_page(context):
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    return page


def test_your_data_and_potential_reach_follow_the_connection(firsthand, context):
    firsthand.add_user("ann@example.com", "Ann Example")
    token = firsthand.token("ann@example.com")
    answer = firsthand.api(
        "ann@example.com", "PUT", "/me/potential-reach", json={"networks": {"linkedin": 1200}}
    )
    assert answer.status_code == 200, answer.get_json()
    page = options_page(context)
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('Not')")
    linkedin = page.locator("#potential-linkedin")
    page.locator("#potential-result").filter(has_text="connect").wait_for()
    assert page.locator("#my-data").is_hidden()
    assert linkedin.is_disabled()
    screenshot(page, "options-not-connected")

    page.fill("#server", firsthand.url)
    page.fill("#token", token)
    page.click("#manual button[type='submit']")
    page.locator("#manual-result").filter(has_text="Ann Example").wait_for()
    page.wait_for_function("() => !document.querySelector('#potential-linkedin').disabled")
    assert linkedin.input_value() == "1200"
    assert page.locator("#potential-save").is_enabled()
    assert page.locator("#potential-result").inner_text() == ""
    page.locator("#my-data").wait_for()
    screenshot(page, "options-connected-by-hand")

    page.click("#disconnect")
    page.wait_for_function("() => document.querySelector('#potential-linkedin').disabled")
    assert linkedin.input_value() == ""
    assert page.locator("#potential-save").is_disabled()
    page.locator("#my-data").wait_for(state="hidden")
    screenshot(page, "options-disconnected")
