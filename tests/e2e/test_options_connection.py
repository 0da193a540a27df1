"""A cold review of the options page: "Your data" showed while not connected (the section's
display: grid beat [hidden]), and the potential-reach form did not follow the connection: off
after connecting by hand until a reload, on with the last account's counts after Disconnect."""

from e2e.browser import connect, extension_id, screenshot, set_server, storage
from e2e.conftest import free_port
from firsthand.accounts import revoke_tokens
from firsthand.auth import connect_link
from firsthand.models import User


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


def test_the_connection_line_asks_the_server(firsthand, context):
    """It read what connecting had stored: a revoked connection still said "Connected", and
    its "Checking…" checked nothing."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = options_page(context)
    status = page.locator("#status")
    status.filter(has_text="Connected to").wait_for()
    assert "Ann Example (ann@example.com)" in status.inner_text()
    ann = firsthand.users["ann@example.com"].id
    firsthand.query(lambda: revoke_tokens(User.get_by_id(ann)))
    page.reload()
    status.filter(has_text="No longer connected").wait_for()
    said = status.inner_text()
    assert said.startswith(f"No longer connected to {firsthand.url} as Ann Example.")
    assert "An admin ended your Firsthand connection" in said
    screenshot(page, "options-connection-revoked")

    connect(context, firsthand.query(lambda: connect_link(User.get_by_id(ann))))
    set_server(context, f"http://127.0.0.1:{free_port()}")  # the server away: said, not hidden
    page.reload()
    status.filter(has_text="could not be checked").wait_for(timeout=15000)
    assert "The Firsthand server cannot be reached." in status.inner_text()


def test_connect_by_hand_takes_the_console_s_address_or_the_connect_link(firsthand, context):
    """Only the server's bare address was taken: the console's address, or the connect link
    pasted whole, were stored as typed and refused."""
    link = firsthand.add_user("ann@example.com", "Ann Example")
    token = firsthand.token("ann@example.com")
    page = options_page(context)
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('Not')")
    for pasted in (f" {firsthand.url.upper()}/console/ ", link):
        page.fill("#server", pasted)
        page.fill("#token", token)
        page.click("#manual button[type='submit']")
        page.locator("#manual-result").filter(has_text="Connected as Ann Example").wait_for()
        assert storage(context, "server") == firsthand.url
        page.locator("#status").filter(has_text="Connected to").wait_for()
        page.click("#disconnect")
        page.locator("#status").filter(has_text="Not connected").wait_for()
