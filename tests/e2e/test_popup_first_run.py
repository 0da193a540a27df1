"""The popup before anyone connected, in real Chromium (cold trial): a fresh install knows no
server, so it names none (it showed http://127.0.0.1:5000 as if that were the company's) and
says how to connect; once a connect link was used, the server it set is the one named, also
after disconnecting. The options page's server field stays empty until then."""

from e2e.browser import connect, extension_id, popup, screenshot


def connect_screen(page):
    box = page.locator("[data-connect]")
    box.wait_for(timeout=15000)
    return box


def test_the_popup_names_no_server_until_a_connect_link_sets_one(firsthand, context):
    page = popup(context)
    box = connect_screen(page)
    assert box.get_attribute("data-connect") == "first"
    text = box.inner_text()
    assert "Connect Firsthand" in text and "not connected yet" in text
    assert "connect link your Firsthand admin sent you" in text
    assert "Server" not in text and "127.0.0.1" not in page.content()
    assert box.get_by_role("button", name="Open settings").is_visible()
    shot = screenshot(page, "popup-not-connected")
    assert shot.stat().st_size > 5000

    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    options.wait_for_function("() => document.querySelector('#status').textContent.trim()")
    assert options.locator("#server").input_value() == ""
    assert (
        options.locator("#server").get_attribute("placeholder") == "https://firsthand.example.com"
    )

    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    options.reload()
    options.wait_for_function("() => document.querySelector('#status').textContent.includes('Ann')")
    assert options.locator("#server").input_value() == firsthand.url
    options.click("#disconnect")
    options.wait_for_function(
        "() => document.querySelector('#status').textContent.includes('Not connected')"
    )
    page.reload()
    box = connect_screen(page)
    assert box.get_attribute("data-connect") == "again"
    assert f"Server: {firsthand.url}" in box.inner_text()  # the one the connect link set
