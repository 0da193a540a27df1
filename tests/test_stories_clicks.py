"""Counting tracked-link clicks under concurrency (stories_clicks): clicks that arrive
together share one statement and one commit (group commit), and every click answered with
a 302 is counted exactly once; the connection they are written on
(stories_click_connection). Real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from peewee import IntegrityError, OperationalError

from firsthand import db, stories_click_connection, stories_clicks
from firsthand.db import database
from firsthand.stories_click_connection import ClickWriteTimeout
from firsthand.stories_clicks import ClickBatcher, ClickNotCounted
from firsthand.stories_models import StoryClicks
from helpers import ATLAS_STORY

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def wait_until(condition, seconds: float = 10) -> None:
    """Poll a condition another thread makes true (the batcher's state), failing, not hanging."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the batcher never reached the state the test waits for"
        threading.Event().wait(0.005)


@pytest.fixture
def story_and_people(app, make_user):
    admin = make_user("admin@example.com", role="admin", team="Leadership", name="Ada Admin")
    people = [make_user(f"e{n}@example.com", team="Sales", name=f"E {n}") for n in range(4)]
    client = app.test_client()
    body = dict(ATLAS_STORY)
    story = client.post("/api/v1/stories", json=body, headers=admin[1]).get_json()
    links = [
        client.get("/api/v1/stories", headers=h).get_json()["data"][0]["tracked_link"]
        for _, h in people
    ]
    return story["id"], [user for user, _ in people], links


def counts(app) -> dict[int, tuple[int, object, object]]:
    with app.app_context(), database.connection_context():
        return {
            row.user_id: (row.clicks, row.first_click_at, row.last_click_at)
            for row in StoryClicks.select()
        }


def test_many_threads_clicking_at_once_are_each_counted_once(app, live_server, story_and_people):
    """48 new readers over 4 employees' links from 16 threads of a real threaded server:
    every 302 is one click, per employee, whatever batches the clicks shared."""
    _, people, links = story_and_people
    paths = [link.removeprefix("http://localhost") for link in links]

    def follow(n: int) -> tuple[int, int]:
        answer = requests.get(
            f"{live_server}{paths[n % 4]}",
            headers={"User-Agent": f"{BROWSER} reader-{n}"},
            allow_redirects=False,
            timeout=30,
        )
        return n % 4, answer.status_code

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(follow, range(48)))
    assert [status for _, status in answers] == [302] * 48
    found = counts(app)
    assert {user_id: row[0] for user_id, row in found.items()} == {u.id: 12 for u in people}
    assert all(first <= last for _, first, last in found.values())


def test_clicks_that_wait_for_a_write_go_together_in_one_statement(app, story_and_people, clock):
    """While one batch is written, the clicks that arrive wait and are written next as one
    multi-row upsert: repeated employees summed, first and last click times kept."""
    story_id, people, _ = story_and_people
    batcher, statements = ClickBatcher(), []
    first_write_started, others_queued = threading.Event(), threading.Event()
    real_upsert = stories_clicks._upsert

    def upsert(keys, totals):
        statements.append({key[1]: totals[key][0] for key in keys})
        if len(statements) == 1:  # hold the first write until every other click waits
            first_write_started.set()
            assert others_queued.wait(10)
        real_upsert(keys, totals)

    start = clock()
    with app.app_context(), database.connection_context():
        batcher.count(story_id, people[0].id, start - timedelta(hours=1))  # an earlier click
    stories_clicks._upsert = upsert
    try:

        def click(n: int) -> None:
            with app.app_context(), database.connection_context():
                batcher.count(story_id, people[n % 3].id, start + timedelta(seconds=n))

        with ThreadPoolExecutor(12) as pool:
            first = pool.submit(click, 0)
            assert first_write_started.wait(10)
            rest = [pool.submit(click, n) for n in range(1, 12)]
            wait_until(lambda: len(batcher._filling.clicks) >= 11)
            others_queued.set()
            for future in [first, *rest]:
                future.result(10)
    finally:
        stories_clicks._upsert = real_upsert
    by_user = [people[n].id for n in range(3)]
    assert statements == [{by_user[0]: 1}, {by_user[0]: 3, by_user[1]: 4, by_user[2]: 4}]
    found = counts(app)
    assert found[by_user[0]][0] == 1 + 4
    assert found[by_user[0]][1] == start - timedelta(hours=1)  # first click kept
    assert found[by_user[0]][2] == start + timedelta(seconds=9)  # the batch's latest
    assert found[by_user[1]][:3] == (4, start + timedelta(seconds=1), start + timedelta(seconds=10))
    assert found[by_user[2]][0] == 4


def test_a_failed_write_fails_its_own_batch_only(app, story_and_people, clock):
    """Every click of a batch whose write fails raises (its request is a 500, never a 302),
    nothing of it is counted, and the next batch is written as usual."""
    story_id, people, _ = story_and_people
    batcher = ClickBatcher()

    def broken(keys, totals):
        raise OperationalError("the database went away")

    real_upsert, stories_clicks._upsert = stories_clicks._upsert, broken
    try:
        with app.app_context(), database.connection_context():
            with pytest.raises(OperationalError):
                batcher.count(story_id, people[0].id, clock())
    finally:
        stories_clicks._upsert = real_upsert
    with app.app_context(), database.connection_context():
        batcher.count(story_id, people[1].id, clock())
    assert {user_id: row[0] for user_id, row in counts(app).items()} == {people[1].id: 1}


def test_a_click_for_a_row_that_is_gone_fails_alone(app, story_and_people, clock):
    """A batch with a click that cannot be written (a person whose row no longer exists) is
    retried click by click: the others are counted, that one raises."""
    story_id, people, _ = story_and_people
    batcher = ClickBatcher()
    failures = {}
    release = threading.Event()
    real_write = stories_clicks._write

    def slow_first_write(clicks):
        if not release.is_set():
            release.wait(10)
        return real_write(clicks)

    stories_clicks._write = slow_first_write
    try:

        def click(user_id: int) -> None:
            with app.app_context(), database.connection_context():
                try:
                    batcher.count(story_id, user_id, clock())
                except (IntegrityError, ClickNotCounted) as error:
                    failures[user_id] = error

        with ThreadPoolExecutor(4) as pool:
            first = pool.submit(click, people[0].id)
            wait_until(lambda: batcher._writing)
            rest = [pool.submit(click, u) for u in (people[1].id, 999_999, people[2].id)]
            wait_until(lambda: len(batcher._filling.clicks) >= 3)
            release.set()
            for future in [first, *rest]:
                future.result(10)
    finally:
        stories_clicks._write = real_write
    assert list(failures) == [999_999]
    assert isinstance(failures[999_999].__cause__ or failures[999_999], IntegrityError)
    found = {user_id: row[0] for user_id, row in counts(app).items()}
    assert found == {people[0].id: 1, people[1].id: 1, people[2].id: 1}


def test_a_forked_worker_starts_with_a_batcher_of_its_own():
    """gunicorn forks its workers: a child never shares its parent's batch or lock."""
    parent = stories_clicks._batcher()
    with warnings.catch_warnings():  # Python warns about forking a process with threads
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: exit 0 only if it has a new batcher
        os._exit(0 if stories_clicks._BATCHER is None and stories_clicks._batcher() else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert stories_clicks._batcher() is parent


def test_counting_refuses_to_run_inside_a_transaction(app, story_and_people, clock):
    """A leader's batch commits on its own: inside an open transaction its followers would
    be told their clicks are committed before they are."""
    story_id, people, _ = story_and_people
    with app.app_context(), database.connection_context(), database.atomic():
        with pytest.raises(RuntimeError, match="outside a transaction"):
            stories_clicks.count_click(story_id, people[0].id, clock())
    assert counts(app) == {}


# --- The click connection -------------------------------------------------------------


def _click(app, story_id: int, user_id: int, clock) -> None:
    with app.app_context(), database.connection_context():
        ClickBatcher().count(story_id, user_id, clock())


def _sqlite_only(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL writers of different rows do not wait for each other")


def _postgres_only(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")


def _lock_holder(db_url: str) -> sqlite3.Connection:
    """Another process's writer, as far as SQLite can tell: a connection holding the lock."""
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_click_waits_for_the_write_lock_then_is_counted(app, db_url, story_and_people, clock):
    """SQLite: while another connection holds the write lock the click is retried, and is
    written once the lock is free (the other writer's work kept too)."""
    _sqlite_only(db_url)
    story_id, people, _ = story_and_people
    _click(app, story_id, people[0].id, clock)  # the click connection is open
    holder = _lock_holder(db_url)
    holder.execute('UPDATE "user" SET "name" = ? WHERE "id" = ?', ("Renamed", people[1].id))
    clicked = threading.Thread(target=_click, args=(app, story_id, people[0].id, clock))
    clicked.start()
    clicked.join(0.3)
    assert clicked.is_alive()  # waiting for the lock, not failed
    assert counts(app)[people[0].id][0] == 1
    holder.execute("COMMIT")
    clicked.join(10)
    assert not clicked.is_alive()
    assert counts(app)[people[0].id][0] == 2
    holder.close()


def test_a_click_gives_up_after_its_bound_with_a_clear_error(
    app,
    db_url,
    story_and_people,
    clock,
    monkeypatch,
):
    """SQLite: a lock held longer than WAIT_SECONDS fails the click (its request a 500, never
    a 302) with an error that says why; nothing is counted, and the next click is."""
    _sqlite_only(db_url)
    story_id, people, _ = story_and_people
    monkeypatch.setattr(stories_click_connection, "WAIT_SECONDS", 0.2)
    holder = _lock_holder(db_url)
    with pytest.raises(ClickWriteTimeout, match="database is locked.*held SQLite's write lock"):
        _click(app, story_id, people[0].id, clock)
    holder.execute("ROLLBACK")
    holder.close()
    assert counts(app) == {}
    _click(app, story_id, people[0].id, clock)
    assert counts(app)[people[0].id][0] == 1


def test_a_forked_worker_makes_its_own_click_connection(app, story_and_people, clock):
    """A gunicorn worker forked after its parent counted a click writes through a connection
    of its own; the parent's, never used nor closed by the child, still works after."""
    story_id, people, _ = story_and_people
    _click(app, story_id, people[0].id, clock)
    parents = stories_click_connection._CURRENT.own
    assert parents is not None and not parents.is_closed()
    with warnings.catch_warnings():  # Python warns about forking a process with threads
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report through the exit status only
        status = 1
        try:
            _click(app, story_id, people[1].id, clock)
            mine = stories_click_connection._CURRENT.own
            status = 0 if mine is not parents and any(c is parents for c in db._INHERITED) else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    _click(app, story_id, people[0].id, clock)
    assert stories_click_connection._CURRENT.own is parents
    found = {user_id: row[0] for user_id, row in counts(app).items()}
    assert found == {people[0].id: 2, people[1].id: 1}


def test_clicks_commit_without_waiting_for_the_disk_on_their_own_connection_only(
    app,
    db_url,
    story_and_people,
    clock,
):
    """PostgreSQL: synchronous_commit is off for the click connection, on for the pool's."""
    _postgres_only(db_url)
    story_id, people, _ = story_and_people
    _click(app, story_id, people[0].id, clock)
    own = stories_click_connection._CURRENT.own
    assert own.execute_sql("SHOW synchronous_commit").fetchone() == ("off",)
    with app.app_context(), database.connection_context():
        assert database.execute_sql("SHOW synchronous_commit").fetchone() == ("on",)
        assert StoryClicks.get(StoryClicks.user == people[0].id).clicks == 1


def test_the_next_click_succeeds_after_the_server_ends_the_click_connection(
    app,
    db_url,
    story_and_people,
    clock,
):
    """PostgreSQL: pg_terminate_backend on the click connection (a restart would do the
    same): the next click opens a fresh one instead of failing."""
    _postgres_only(db_url)
    import psycopg
    from conftest import PG_URL

    story_id, people, _ = story_and_people
    _click(app, story_id, people[0].id, clock)
    backend = stories_click_connection._CURRENT.own.connection().info.backend_pid
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        # The timeout waits until the backend has gone.
        ended = admin.execute("SELECT pg_terminate_backend(%s, 5000)", (backend,)).fetchone()
        assert ended == (True,)
    _click(app, story_id, people[0].id, clock)
    fresh = stories_click_connection._CURRENT.own.connection().info.backend_pid
    assert fresh != backend
    assert counts(app)[people[0].id][0] == 2
