"""Each kind of failure gets its own answer: a revoked connection says an admin ended it, asks for
a new connect link and keeps the share until then; a rate-limited draft keeps its last
suggestions. (Offline: test_extension.py.)"""

import re
import time
import uuid

import pytest

from e2e.browser import (
    CORPORATE,
    connect,
    editor,
    extension_id,
    open_composer,
    open_feed,
    panel,
    popup,
    publish,
    screenshot,
    type_draft,
    wait_for_storage,
    wait_for_verdict,
)
from firsthand.accounts import revoke_tokens
from firsthand.auth import connect_link
from firsthand.models import Share, User

RAW_KEY = re.compile(r"\b[a-z]+[A-Z][A-Za-z0-9]*(?:_one|_other)?\b")  # outboxWaitReconnect_other


def popup_without_messages(context):
    """The popup in a renderer whose chrome.i18n answers '' for every key (Chromium keeps an
    empty message load for the process's life; lib/i18n.js then reads the _locales files)."""
    page = context.new_page()
    page.set_viewport_size({"width": 380, "height": 700})
    page.add_init_script("if (globalThis.chrome && chrome.i18n) chrome.i18n.getMessage = () => '';")
    page.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    assert page.evaluate("chrome.i18n.getMessage('extName')") == ""
    page.wait_for_selector("[data-outbox]")
    return page


def test_a_revoked_connection_asks_to_reconnect_and_keeps_the_share(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    ann_id = firsthand.users["ann@example.com"].id
    firsthand.query(lambda: revoke_tokens(User.get_by_id(ann_id)))

    page = open_feed(context, "classic")
    open_composer(page)
    type_draft(page, "I spent the week on our import screen and I learned a lot.")
    # Said as it is: an admin ended it (the server's 401 code token_revoked), not "expired".
    panel(page).locator("[data-reconnect='token_revoked']").wait_for(timeout=15000)
    said = panel(page).locator("[data-reconnect]").inner_text()
    assert "An admin ended your Firsthand connection" in said and "new connect link" in said
    assert "expired" not in said
    assert panel(page).locator("[data-angle]").count() == 0
    screenshot(page, "panel-reconnect")
    with context.expect_page() as opened:
        panel(page).get_by_role("button", name="Open Firsthand settings").click()
    assert opened.value.url.endswith("/options/options.html")
    opened.value.close()

    publish(page)
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click(timeout=15000)
    card.get_by_text("once you connect with a new link").wait_for(timeout=15000)
    assert "An admin ended" in card.locator("[data-queued]").inner_text()
    screenshot(page, "card-reconnect")
    waiting = popup(context)
    waiting.wait_for_selector("[data-reconnect='token_revoked']")
    screen = waiting.locator("[data-reconnect]").inner_text()
    assert "An admin ended your Firsthand connection" in screen and "expired" not in screen
    assert "until you reconnect" in waiting.locator("[data-outbox='1']").inner_text()
    screenshot(waiting, "popup-reconnect")
    # Once, chrome.i18n answered '' for every key here and the raw key showed: never again.
    broken = popup_without_messages(context)
    assert "until you reconnect" in broken.locator("[data-outbox='1']").inner_text()
    assert RAW_KEY.findall(broken.locator("body").inner_text()) == []

    link = firsthand.query(lambda: connect_link(User.get_by_id(ann_id)))
    connect(context, link)  # a new link from the admin; the waiting share goes with it
    wait_for_storage(context, "outbox", "value.length === 0")
    rows = firsthand.query(lambda: list(Share.select().dicts()))
    assert [r["text"] for r in rows] == [
        "I spent the week on our import screen and I learned a lot."
    ]


@pytest.mark.server_config(
    RATELIMIT_ENABLED=True,
    RATELIMIT_SUGGESTIONS="1/minute",
    RATELIMIT_KEY_PREFIX=f"firsthand-e2e-{uuid.uuid4().hex}",
)
def test_rate_limited_suggestions_keep_the_last_result(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(context, "classic")
    open_composer(page)
    editor(page).click()
    page.keyboard.insert_text(CORPORATE)  # one change, one request: the minute's only one
    wait_for_verdict(page, "corporate", showing="Topic: Product launch")
    page.keyboard.insert_text(" See you at the launch party.")
    panel(page).locator("[data-note='rate_limited']").wait_for(timeout=15000)
    assert panel(page).locator("[data-voice='corporate']").count() == 1  # the last result stays
    assert "Product launch" in panel(page).locator(".card").inner_text()
    asked = [m for m, p, _ in firsthand.calls if p == "/api/v1/suggestions" and m == "POST"]
    assert len(asked) == 2  # once answered, once refused; no more until Retry-After has passed
    screenshot(page, "panel-rate-limited")
    assert page.page_errors == []


def answer_late(
    firsthand, path: str, seconds: float, times: int | None = None, method: str = "POST"
) -> None:
    """The server does the work of `method` `path` and answers `seconds` late (the first
    `times` such requests; all of them for None): reachable, only slow."""
    inner = firsthand.app.wsgi_app
    left = [times]

    def app(environ, start_response):
        body = inner(environ, start_response)
        late = environ["REQUEST_METHOD"] == method and environ["PATH_INFO"] == path
        if late and left[0] != 0:
            left[0] = None if left[0] is None else left[0] - 1
            answered = list(body)  # the work is done: the request is written
            getattr(body, "close", lambda: None)()
            time.sleep(seconds)
            return answered
        return body

    firsthand.app.wsgi_app = app


def test_a_slow_server_is_said_to_be_slow_not_unreachable(firsthand, context):
    """The server answers after the extension's 10 s limit. Meanwhile the panel says it is
    reading the draft, in the room its hint took (it kept "Write a line or two…" over a written
    sentence); then it says the server is taking too long, not "cannot be reached" (it was
    reached); and a share logged then is said to be checked again and never counted twice, and
    is: the server wrote it, the retry with the same Idempotency-Key finds it. The popup says
    the server is slow to answer."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    answer_late(firsthand, "/api/v1/suggestions", 11)
    page = open_feed(context, "classic")
    open_composer(page)
    panel(page).get_by_text("Write a line or two").wait_for(timeout=15000)
    empty = panel(page).bounding_box()
    type_draft(page, "I spent the week on our import screen and I learned a lot.")
    reading = panel(page).locator("[data-loading]")
    reading.wait_for(timeout=5000)
    assert reading.inner_text() == "Reading your draft…"
    assert panel(page).bounding_box() == empty, "no layout jump"
    screenshot(page, "panel-reading-slow-server")
    note = panel(page).locator("[data-note='timeout']")
    note.wait_for(timeout=15000)
    assert "taking too long to answer" in note.inner_text()
    assert "cannot be reached" not in panel(page).inner_text()
    screenshot(page, "panel-timeout")

    answer_late(firsthand, "/api/v1/shares", 11, times=1)
    publish(page)
    card = page.locator("firsthand-share-card")
    card.locator("[data-action='log']").click(timeout=15000)
    said = card.locator("[data-queued='timeout']")
    said.wait_for(timeout=15000)
    assert "taking too long to answer" in said.inner_text()
    assert "never counted twice" in said.inner_text()
    screenshot(page, "card-timeout")
    wait_for_storage(context, "outbox", "value.length === 0")
    keys = [k for m, p, k in firsthand.calls if m == "POST" and p == "/api/v1/shares"]
    assert len(keys) == 2 and len(set(keys)) == 1, keys  # sent twice, with one key
    assert firsthand.query(lambda: Share.select().count()) == 1
    assert page.page_errors == []

    answer_late(firsthand, "/api/v1/me", 11, times=1, method="GET")  # the popup's, slow too
    slow = popup(context)
    screen = slow.locator("[data-unreached='timeout']")
    screen.wait_for(timeout=15000)
    words = screen.inner_text()
    assert "slow to answer" in words and "cannot be reached" not in words
    screenshot(slow, "popup-timeout")
