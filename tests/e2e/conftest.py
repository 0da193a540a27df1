"""End-to-end fixtures: the real server on loopback, real Chromium with the unpacked extension,
and https://www.linkedin.com/* routed to local fixture pages."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import copy_migrated_sqlite
from werkzeug.serving import make_server

from e2e.browser import CHROMIUM, launch, launch_browser, serve_fixture
from e2e.console_steps import Inbox
from firsthand import create_app
from firsthand.accounts import create_user
from firsthand.auth import connect_link, issue_invite, issue_token
from firsthand.db import database, migrate
from firsthand.signin import issue_sign_in_link
from firsthand.stories_clicks import apply_pending_clicks
from helpers import SERVER_POLL_SECONDS

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"

if not Path(CHROMIUM).exists():  # scripts/test installs it; a bare `pytest` may not have it
    pytest.skip(f"no Chromium at {CHROMIUM}: run ./scripts/test", allow_module_level=True)

from playwright.sync_api import BrowserContext, Playwright, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerThread:
    """The app served by a real threaded HTTP server on a loopback port; stoppable."""

    def __init__(self, app, port: int) -> None:
        self.app, self.port = app, port
        self.server = None

    def start(self) -> None:
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        serve = self.server.serve_forever
        threading.Thread(target=serve, args=(SERVER_POLL_SECONDS,), daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@dataclass
class Firsthand:
    app: object
    url: str
    thread: ServerThread
    users: dict = field(default_factory=dict)
    # (method, path, Idempotency-Key) of every request the server received; never bodies.
    calls: list = field(default_factory=list)

    def add_user(
        self, email: str, name: str, role: str = "employee", team: str = "Marketing"
    ) -> str:
        """Create a user; return their connect link on this server."""
        with self.app.app_context(), database.connection_context():
            user = create_user(email, name, datetime.now(UTC), team, role)
            self.users[email] = user
            return connect_link(user)

    def token(self, email: str) -> str:
        with self.app.app_context(), database.connection_context():
            return issue_token(self.users[email])

    def api(self, email: str, method: str, path: str, **kwargs):
        """Call the API as a colleague (through the app, as their own client would)."""
        headers = {"Authorization": f"Bearer {self.token(email)}"}
        return self.app.test_client().open(
            f"/api/v1{path}", method=method, headers=headers, **kwargs
        )

    def query(self, fn):
        """fn's answer from the database, once the clicks counted so far are in it (they
        reach it from the click journals about 50 ms after their redirect)."""
        with self.app.app_context():
            apply_pending_clicks()
        with self.app.app_context(), database.connection_context():
            return fn()

    def add_invite(self, email: str) -> str:
        """The signed part of the person's connect link."""
        with self.app.app_context(), database.connection_context():
            return issue_invite(self.users[email])

    def console_link(self, email: str) -> str:
        """What `firsthand console-link EMAIL` prints."""
        with self.app.app_context(), database.connection_context():
            return issue_sign_in_link(self.users[email], datetime.now(UTC))


@pytest.fixture
def firsthand(tmp_path, monkeypatch, request, migrated_sqlite) -> Firsthand:
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    # The shipped data folder, read only (the server never writes it): the app factory checks
    # and compiles a folder's data once per process (~5 s, mostly the topic model's schema
    # check), so a per-test copy cost every e2e test that again. A test that edits the angle
    # catalogue (server-supplied text) gets a copy of its own.
    data = REPO / "server" / "firsthand" / "data"
    marker = request.node.get_closest_marker("angles")
    if marker:
        data = tmp_path / "data"
        shutil.copytree(REPO / "server" / "firsthand" / "data", data)
        marker.args[0](data)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    copy_migrated_sqlite(migrated_sqlite, tmp_path / "e2e.db")  # as migrate() below would
    config = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
        "PUBLIC_URL": url,
        "DATA_DIR": str(data),
        "RATELIMIT_ENABLED": False,
    }
    marker = request.node.get_closest_marker("server_config")
    if marker:
        config.update(marker.kwargs)  # e.g. rate limits switched on
    app = create_app(config)
    migrate(database.obj)
    firsthand = Firsthand(app, url, ServerThread(app, port))
    app.wsgi_app = recording(app.wsgi_app, firsthand.calls)
    firsthand.thread.start()
    yield firsthand
    firsthand.thread.stop()
    database.close()


@pytest.fixture
def smtp() -> Inbox:
    """A real SMTP server (aiosmtpd) on loopback."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def site(db_url, tmp_path, monkeypatch, smtp) -> Firsthand:
    """The server on SQLite and on PostgreSQL (when configured), sending mail to `smtp`."""
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(
        {
            "DATABASE_URL": db_url,
            "PUBLIC_URL": url,
            "RATELIMIT_ENABLED": False,
            "SMTP_URL": f"smtp://127.0.0.1:{smtp.port}?from=Firsthand%20<firsthand@example.com>",
        }
    )
    migrate(database.obj)
    thread = ServerThread(app, port)
    thread.start()
    yield Firsthand(app, url, thread)
    thread.stop()
    database.close()


@pytest.fixture(scope="session")
def console_browser(playwright_instance):
    """One plain Chromium (no extension) per test process, for the console's tests: starting
    one per test cost each of them about a second."""
    browser = launch_browser(playwright_instance)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(console_browser, playwright_instance):
    """A page in plain Chromium (no extension): the console is a web site. Each test gets a
    browser context of its own (its own cookies, storage and cache, as a new profile has)."""
    browser = console_browser
    if not browser.is_connected():  # an earlier test's page took the browser down
        browser = launch_browser(playwright_instance)
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    yield ctx.new_page()
    ctx.close()
    if browser is not console_browser:
        browser.close()


def recording(wsgi_app, calls: list):
    """Note each request's method, path and Idempotency-Key (never a body: drafts stay unlogged)."""

    def app(environ, start_response):
        key = environ.get("HTTP_IDEMPOTENCY_KEY")
        calls.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], key))
        return wsgi_app(environ, start_response)

    return app


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as p:
        yield p


@contextmanager
def extension_context(
    playwright: Playwright,
    profile: Path,
    lang: str | None = None,
    page_languages: str | None = None,
) -> Iterator[BrowserContext]:
    """Chromium with this checkout's extension, in `lang` and `page_languages` if given (as
    launch() sets them), https://www.linkedin.com/* served from the fixture pages; closed
    afterwards."""
    ctx = launch(playwright, profile, EXTENSION, lang=lang, page_languages=page_languages)
    ctx.route("https://www.linkedin.com/**", serve_fixture)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def context(playwright_instance, tmp_path) -> BrowserContext:
    with extension_context(playwright_instance, tmp_path / "profile") as ctx:
        yield ctx


@pytest.fixture
def german_context(playwright_instance, tmp_path) -> BrowserContext:
    """`context` in a German Chromium (--lang=de)."""
    with extension_context(playwright_instance, tmp_path / "profile", lang="de") as ctx:
        yield ctx
