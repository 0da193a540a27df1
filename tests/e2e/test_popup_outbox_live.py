"""What the employee does sends what waits, and an open popup follows the outbox: "Retry now",
opening the popup and reconnecting send every waiting share at once (they only sent those
whose backoff had run out: after a long outage, "Retry now" did nothing for minutes); the
popup stops saying a share waits for a reconnect once it is connected; and a share delivered
in the background leaves an open popup's waiting count (it stayed until the popup was
reopened)."""

import pytest

from e2e.browser import (
    connect,
    extension_page,
    fresh_post,
    popup,
    set_server,
    storage,
    wait_for_storage,
)
from e2e.conftest import ServerThread, free_port
from firsthand.accounts import revoke_tokens
from firsthand.auth import connect_link
from firsthand.models import Share, User

LOG = (
    "(u) => chrome.runtime.sendMessage({type: 'logShare', share: {url: u, network: 'linkedin',"
    " source: 'extension'}})"
)
# A long outage: the share's next try is minutes away (its backoff), and no alarm comes sooner.
BACKED_OFF = """() => chrome.storage.local.get('outbox').then(({outbox}) => Promise.all([
    chrome.alarms.clearAll(),
    chrome.storage.local.set({outbox: outbox.map((i) => ({...i, attempts: 9,
        nextAttemptAt: Date.now() + 5 * 60 * 1000}))})]))"""


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def shares(firsthand) -> int:
    return firsthand.query(lambda: Share.select().count())


def queued_while_down(context, posts: list[str]) -> int:
    """Log `posts` while the server is away; answers the dead port it now waits for."""
    dead = free_port()
    set_server(context, f"http://127.0.0.1:{dead}")
    sender = extension_page(context)
    for post in posts:
        assert sender.evaluate(LOG, post)["queued"]
    sender.close()
    context.service_workers[0].evaluate(BACKED_OFF)
    return dead


def test_opening_the_popup_sends_what_waits_and_the_count_follows(employee, context):
    dead = queued_while_down(context, [fresh_post(1), fresh_post(2)])
    back = ServerThread(employee.app, dead)
    back.start()
    try:
        page = popup(context)
        page.locator("[data-points]").wait_for(timeout=15000)
        # Sent as the popup opened, though their backoff has minutes to run; the count it drew
        # while they were on their way goes without reopening it.
        wait_for_storage(context, "outbox", "value.length === 0", timeout_ms=10000)
        assert shares(employee) == 2
        page.locator("[data-outbox]").wait_for(state="detached", timeout=5000)
    finally:
        back.stop()


def test_retry_now_sends_every_waiting_share_now(employee, context):
    dead = queued_while_down(context, [fresh_post(3), fresh_post(4)])
    page = popup(context)
    page.locator("[data-unreached='offline']").wait_for(timeout=15000)
    page.locator("[data-outbox='2']").wait_for()
    context.service_workers[0].evaluate(BACKED_OFF)  # opening the popup tried them once
    back = ServerThread(employee.app, dead)
    back.start()
    try:
        retry = page.get_by_role("button", name="Retry now")
        retry.focus()
        page.keyboard.press("Enter")
        page.locator("[data-outbox]").wait_for(state="detached", timeout=10000)
        assert shares(employee) == 2 and storage(context, "outbox") == []
        # The button went with the notice: what it did is said, and has the keyboard's focus
        # (it fell to the page).
        outcome = page.locator("[data-outcome]")
        assert outcome.inner_text() == "2 waiting shares are logged."
        assert outcome.evaluate("(e) => e === document.activeElement")
    finally:
        back.stop()


def test_a_share_delivered_in_the_background_leaves_the_open_popup(employee, context):
    dead = queued_while_down(context, [fresh_post(5)])
    page = popup(context)
    page.locator("[data-outbox='1']").wait_for(timeout=15000)
    back = ServerThread(employee.app, dead)
    back.start()
    try:
        # Its retry comes due: the service worker sends it on its own (the alarm's flush).
        context.service_workers[0].evaluate(
            """() => chrome.storage.local.get('outbox').then(({outbox}) => chrome.storage.local
                .set({outbox: outbox.map((i) => ({...i, nextAttemptAt: 0}))}))
                .then(() => Firsthand.outbox.flush())"""
        )
        assert shares(employee) == 1
        page.locator("[data-outbox]").wait_for(state="detached", timeout=5000)
    finally:
        back.stop()


def test_reconnecting_sends_what_waited_for_it_and_the_popup_stops_asking(employee, context):
    ann = employee.users["ann@example.com"].id
    employee.query(lambda: revoke_tokens(User.get_by_id(ann)))
    sender = extension_page(context)
    assert sender.evaluate(LOG, fresh_post(6))["kind"] == "unauthorized"
    context.service_workers[0].evaluate(BACKED_OFF)
    page = popup(context)
    assert "until you reconnect" in page.locator("[data-outbox='1']").inner_text(timeout=15000)
    page.close()

    connect(context, employee.query(lambda: connect_link(User.get_by_id(ann))))
    page = popup(context)
    page.locator("[data-points]").wait_for(timeout=15000)
    notice = page.locator("[data-outbox]")
    if notice.count():  # on its way as the popup opened: said to be retried, not to wait
        assert "reconnect" not in notice.inner_text()
    wait_for_storage(context, "outbox", "value.length === 0", timeout_ms=10000)
    assert shares(employee) == 1
    notice.wait_for(state="detached", timeout=5000)
