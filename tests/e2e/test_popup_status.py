"""What the popup says, and where the keyboard is, after something happens in it: only its
status lines are live (the whole popup was one polite live region, read again at every
redraw); a link logged by keyboard keeps its "Logged: +10 points." and the focus in its field
through the redraw that shows the points (both were gone 0.9 s later, the focus on <body>);
a refused share's Discard leaves the focus on what it came to. And when the server answers
with a failure (a 429, a 5xx, a proxy's page), the popup says what, when a rate limit lets it
be asked again, and still offers "Log a share made elsewhere" as it does offline."""

import json

import pytest

from e2e.browser import connect, fresh_post, popup, set_server, storage, wait_for_storage
from e2e.conftest import ServerThread, free_port
from firsthand.models import Share

FOCUSED = """() => { const e = document.activeElement;
    return e === document.body ? 'body' : e.id || e.dataset.action || e.tagName.toLowerCase(); }"""


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def test_only_status_lines_are_live_and_a_logged_link_keeps_its_answer_and_focus(employee, context):
    page = popup(context)
    page.locator("[data-points]").wait_for(timeout=15000)
    assert page.locator("main").get_attribute("aria-live") is None
    assert (
        page.locator("[aria-live], [role=status], [role=alert]").count()
        == page.locator("[role=status]").count()
    )
    field = page.locator("#log-url")
    field.focus()
    page.keyboard.type(fresh_post(1))
    page.keyboard.press("Enter")
    result = page.locator("[data-log-result]")
    result.filter(has_text="Logged").wait_for(timeout=15000)
    said = result.inner_text()
    page.wait_for_function("() => document.querySelector('[data-points]').dataset.points !== '0'")
    page.wait_for_timeout(300)  # the redraw that shows the points has happened
    assert page.locator("[data-log-result]").inner_text() == said
    assert page.evaluate(FOCUSED) == "log-url"


def test_a_refused_share_s_discard_leaves_the_focus_on_what_it_came_to(employee, context):
    dead = free_port()
    set_server(context, f"http://127.0.0.1:{dead}")
    claimed = fresh_post(2)
    employee.add_user("bob@example.com", "Bob Builder")
    employee.api("bob@example.com", "POST", "/shares", json={"url": claimed, "network": "linkedin"})
    page = popup(context)
    page.locator("#log-url").fill(claimed)
    page.keyboard.press("Enter")
    page.locator("[data-outbox='1']").wait_for(timeout=15000)
    back = ServerThread(employee.app, dead)
    back.start()
    try:
        page.get_by_role("button", name="Retry now").click()
        page.locator("[data-failed] [data-action='retry']").wait_for(timeout=15000)
        page.locator("[data-failed] [data-action='retry']").focus()
        page.keyboard.press("Enter")  # refused again: the row stays, and so does the focus
        page.locator("[data-outcome]").filter(has_text="refused again").wait_for(timeout=15000)
        assert page.evaluate(FOCUSED) == "retry"
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED) == "discard"
        page.keyboard.press("Enter")  # the row goes: the focus goes to what Discard did
        page.locator("[data-outcome]").filter(has_text="Discarded").wait_for(timeout=5000)
        assert page.locator("[data-failed]").count() == 0
        assert page.evaluate("() => document.activeElement.matches('[data-outcome]')")
    finally:
        back.stop()


def failing(firsthand, status: int, body: str, headers: dict | None = None) -> None:
    """The API answers every GET with `status` and `body` (a rate limit, a server error, a
    proxy's page in its place); POST /shares too."""
    inner = firsthand.app.wsgi_app
    kind = "application/json" if body.startswith("{") else "text/html"

    def app(environ, start_response):
        if not environ["PATH_INFO"].startswith("/api/"):
            return inner(environ, start_response)
        reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Error"}[status]
        start_response(
            f"{status} {reason}",
            [
                ("Content-Type", kind),
                ("Access-Control-Allow-Origin", "*"),
                *(headers or {}).items(),
            ],
        )
        return [body.encode()]

    firsthand.app.wsgi_app = app


ERROR = json.dumps({"error": {"code": "rate_limited", "message": "Too many requests"}})
PAGE = "<!doctype html><html><body><h1>Sign in to Acme SSO</h1></body></html>"


@pytest.mark.parametrize(
    ("status", "body", "says"),
    [
        (429, ERROR, "Too many requests. Try again in 30 seconds."),
        (
            500,
            json.dumps({"error": {"code": "internal_error", "message": "It broke"}}),
            "It broke.",
        ),
        (200, PAGE, "The Firsthand server’s answer could not be read."),
        (404, PAGE, "The Firsthand server’s answer could not be read."),
    ],
)
def test_a_failing_server_says_what_and_still_takes_a_share(employee, context, status, body, says):
    failing(employee, status, body, {"Retry-After": "30"} if status == 429 else None)
    page = popup(context)
    screen = page.locator("[data-failed-kind]")
    screen.wait_for(timeout=15000)
    assert says in screen.inner_text()
    post = fresh_post(3)
    page.locator("#log-url").fill(post)
    page.keyboard.press("Enter")
    page.locator("[data-log-result]").filter(has_text="Saved").wait_for(timeout=15000)
    assert [i["body"]["url"] for i in storage(context, "outbox")] == [post]
    assert employee.query(lambda: Share.select().count()) == 0
    assert not storage(context, "outboxFailed")
    page.locator("#try-again").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert page.evaluate(FOCUSED) == "try-again"  # drawn again, the focus is kept on it
    assert wait_for_storage(context, "outbox", "value.length === 1")
