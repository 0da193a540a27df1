"""The outbox in real Chromium: shares logged together are all kept and each lands once; shares
the server refuses are shown in the popup with Retry and Discard."""

import pytest

from e2e.browser import (
    connect,
    extension_page,
    fresh_post,
    popup,
    screenshot,
    send_together,
    set_server,
    storage,
    wait_for_storage,
)
from e2e.conftest import ServerThread, free_port
from firsthand.models import Share

NOT_A_POST = "https://www.linkedin.com/in/ann-example/"


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def logs(urls: list[str]) -> list[dict]:
    return [
        {"type": "logShare", "share": {"url": u, "network": "linkedin", "source": "extension"}}
        for u in urls
    ]


def keys_sent(firsthand) -> dict[str, int]:
    """How many times each Idempotency-Key reached POST /shares."""
    counts: dict[str, int] = {}
    for method, path, key in firsthand.calls:
        if method == "POST" and path == "/api/v1/shares":
            counts[key] = counts.get(key, 0) + 1
    return counts


def logged(firsthand) -> list[dict]:
    return firsthand.query(lambda: list(Share.select().dicts()))


def test_shares_logged_together_offline_are_all_kept_and_land_once(employee, context):
    dead = free_port()
    set_server(context, f"http://127.0.0.1:{dead}")
    sender = extension_page(context)
    two = [fresh_post(n) for n in range(2)]
    replies = send_together(sender, logs(two))
    assert [(r["queued"], r["kind"]) for r in replies] == [(True, "offline")] * 2
    assert sorted(i["body"]["url"] for i in storage(context, "outbox")) == sorted(two)

    many = [fresh_post(n) for n in range(100, 110)]
    send_together(sender, logs(many))
    waiting = storage(context, "outbox")
    assert sorted(i["body"]["url"] for i in waiting) == sorted(two + many)
    assert len({i["key"] for i in waiting}) == 12

    back = ServerThread(employee.app, dead)  # the server returns; the retry alarm delivers
    back.start()
    try:
        wait_for_storage(context, "outbox", "value.length === 0", timeout_ms=90000)
        rows = logged(employee)
        assert sorted(r["canonical_url"] for r in rows) == sorted(two + many)
        assert {r["idempotency_key"] for r in rows} == {i["key"] for i in waiting}
        assert not storage(context, "outboxFailed")  # nothing refused, nothing dropped
    finally:
        back.stop()


def test_shares_logged_together_online_each_land_once(employee, context):
    urls = [fresh_post(n) for n in range(8)]
    replies = send_together(extension_page(context), logs(urls))
    assert [(r["ok"], r["status"]) for r in replies] == [(True, 201)] * 8
    assert sorted(r["canonical_url"] for r in logged(employee)) == sorted(urls)
    assert sorted(keys_sent(employee).values()) == [1] * 8
    assert storage(context, "outbox") == []


def test_refused_shares_are_shown_with_retry_and_discard(employee, context):
    claimed = fresh_post(7)
    employee.add_user("bob@example.com", "Bob Builder")
    employee.api("bob@example.com", "POST", "/shares", json={"url": claimed, "network": "linkedin"})
    dead = free_port()
    set_server(context, f"http://127.0.0.1:{dead}")
    offline = popup(context)  # logged from the popup while the server is away
    for url in (NOT_A_POST, claimed):
        offline.fill("input[name='url']", url)
        offline.click("form button[type='submit']")
        offline.wait_for_selector("text=Saved: it will be logged when the server is back.")
    offline.wait_for_selector("[data-outbox='2']")
    offline.close()

    back = ServerThread(employee.app, dead)
    back.start()
    try:
        refused = wait_for_storage(context, "outboxFailed", "value && value.length === 2", 90000)
        assert storage(context, "outbox") == []
        page = popup(context)
        page.wait_for_selector("[data-failed]")
        items = page.locator(".failed-list li")
        assert items.count() == 2
        text = page.locator(".failed").inner_text()
        assert "does not lead to a LinkedIn post" in text
        assert "already logged by another employee" in text
        screenshot(page, "popup-failed")
        page.emulate_media(color_scheme="dark")
        screenshot(page, "popup-failed-dark")
        page.emulate_media(color_scheme="light")

        by_url = {item["body"]["url"]: item["key"] for item in refused}
        retry_key = by_url[claimed]
        page.locator(f"[data-failed='{retry_key}'] [data-action='retry']").click()
        page.wait_for_selector("[data-outcome]")
        assert "refused again" in page.locator("[data-outcome]").inner_text()
        assert keys_sent(employee)[retry_key] == 2  # tried again, with the same key
        assert page.locator(f"[data-failed='{retry_key}']").count() == 1  # still listed

        page.locator(f"[data-failed='{by_url[NOT_A_POST]}'] [data-action='discard']").click()
        page.wait_for_function("() => document.querySelectorAll('[data-failed]').length === 1")
        assert [i["key"] for i in storage(context, "outboxFailed")] == [retry_key]
        assert [r["user"] for r in logged(employee)] == [employee.users["bob@example.com"].id]
        screenshot(page, "popup-failed-after-discard")
    finally:
        back.stop()


def test_a_link_typed_in_the_popup_and_refused_is_answered_under_the_field(employee, context):
    """Not also listed under "Not logged" with a Retry that could never help it (a cold
    trial pasted a profile's link: the refusal showed twice and stayed after a good log)."""
    page = popup(context)
    page.fill("input[name='url']", NOT_A_POST)
    page.click("form button[type='submit']")
    answer = page.locator("form .form-result")
    answer.filter(has_text="The link does not lead to a LinkedIn post").wait_for()
    assert storage(context, "outboxFailed") == [] and storage(context, "outbox") == []
    assert page.locator(".failed").count() == 0
    answer.scroll_into_view_if_needed()
    screenshot(page, "popup-typed-link-refused")

    post = fresh_post(3)
    page.fill("input[name='url']", post)
    page.click("form button[type='submit']")
    answer.filter(has_text="+").wait_for()
    assert [r["canonical_url"] for r in logged(employee)] == [post]


def test_a_link_logged_while_the_server_is_down_is_queued_once(employee, context):
    """A cold review: the link stayed in the field after "Saved", and Log again queued it a
    second time ("2 shares are waiting" for one post)."""
    set_server(context, f"http://127.0.0.1:{free_port()}")
    page = popup(context)
    field = page.locator("input[name='url']")
    field.wait_for()
    post = fresh_post(7)
    field.fill(post)
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text="Saved").wait_for()
    assert field.input_value() == ""  # queued: nothing left that asks to be logged again
    # Logged again anyway (pasted once more, the link written another way): still one.
    field.fill(post.replace("https://www.", "") + "?utm_source=share")
    page.click("form button[type='submit']")
    page.locator("form .form-result").filter(has_text="Saved").wait_for()
    assert len(storage(context, "outbox")) == 1
    page.locator("[data-outbox='1']").wait_for()
    screenshot(page, "popup-logged-once-while-down")
