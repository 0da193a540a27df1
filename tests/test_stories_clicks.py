"""Counting tracked-link clicks through the click journal (stories_click_journal): a counted
click is a line in this process's journal file before its 302 leaves, in the database about
APPLY_SECONDS later, exactly once whoever applies it, and never lost when a process dies.
Real database (SQLite, and PostgreSQL when configured), real files, real processes."""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from peewee import OperationalError

from firsthand import stories_click_apply as click_apply
from firsthand import stories_click_journal as journal
from firsthand.db import database
from firsthand.stories_clicks import count_click, journal_folder
from firsthand.stories_models import StoryClicks
from helpers import ATLAS_STORY, apply_clicks

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


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


def folder_of(app) -> Path:
    return journal_folder(app)


def click(app, story_id: int, user_id: int, at) -> None:
    with app.app_context():
        count_click(story_id, user_id, at)


def journals(app) -> list[Path]:
    return sorted(folder_of(app).glob("*.clicks"))


def wait_until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition was never met"
        time.sleep(0.01)


def test_many_threads_clicking_at_once_are_each_counted_once(app, live_server, story_and_people):
    """48 new readers over 4 employees' links from 16 threads of a real threaded server:
    every 302 is one click, per employee, applied by the journal's own thread."""
    _, people, links = story_and_people
    paths = [link.removeprefix("http://localhost") for link in links]

    def follow(n: int) -> int:
        return requests.get(
            f"{live_server}{paths[n % 4]}",
            headers={"User-Agent": f"{BROWSER} reader-{n}"},
            allow_redirects=False,
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(16) as pool:
        assert list(pool.map(follow, range(48))) == [302] * 48
    wait_until(lambda: sum(row[0] for row in counts(app).values()) == 48)  # no explicit apply
    found = counts(app)
    assert {user_id: row[0] for user_id, row in found.items()} == {u.id: 12 for u in people}
    assert all(first <= last for _, first, last in found.values())


def test_a_counted_click_is_in_the_journal_before_the_redirect_is_answered(
    app, client, story_and_people, monkeypatch
):
    """The 302 leaves only once its line is written (the file survives a crash of the app);
    the database has it once the journal is applied."""
    story_id, people, links = story_and_people
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)  # the thread must not apply it first
    answer = client.get(links[0].removeprefix("http://localhost"), headers={"User-Agent": BROWSER})
    assert answer.status_code == 302
    (path,) = journals(app)
    story, user, _micros = path.read_bytes().rstrip(b"\0").split()
    assert (int(story), int(user)) == (story_id, people[0].id)
    assert counts(app) == {}
    apply_clicks(app)
    assert counts(app)[people[0].id][0] == 1


def test_appliers_at_once_count_each_line_exactly_once(app, story_and_people, clock):
    """Clicks written while eight threads and the journal's own thread apply the same
    journal together: every line is counted once."""
    story_id, people, _ = story_and_people
    stop = threading.Event()

    def apply_repeatedly() -> None:
        while not stop.is_set():
            apply_clicks(app)

    with ThreadPoolExecutor(8) as pool:
        appliers = [pool.submit(apply_repeatedly) for _ in range(8)]
        for n in range(400):
            click(app, story_id, people[n % 4].id, clock() + timedelta(seconds=n))
        stop.set()
        for future in appliers:
            future.result(30)
    apply_clicks(app)
    assert {user_id: row[0] for user_id, row in counts(app).items()} == {u.id: 100 for u in people}


def _child_clicks_then_waits(app, story_id: int, user_id: int, clock, ready_fd: int) -> None:
    """In a forked child: count three clicks (never applied: APPLY_SECONDS is long), say so,
    wait to be killed."""
    try:
        for n in range(3):
            click(app, story_id, user_id, clock() + timedelta(minutes=n))
        os.write(ready_fd, b"1")
        time.sleep(60)
    finally:
        os._exit(1)


def test_a_killed_process_loses_no_click_the_next_one_counts_them(
    app, story_and_people, clock, monkeypatch
):
    """kill -9 after three answered clicks, before its journal was applied: the journal is
    orphaned (its lock gone with the process); the next process that looks applies it,
    marks it finished and deletes it, and applying again adds nothing."""
    story_id, people, _ = story_and_people
    click(app, story_id, people[0].id, clock())  # this process's own journal, alive
    apply_clicks(app)
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)
    # Nor may this process's own journal thread sweep the orphan up before the test looks
    # (its first sweep comes right after its first apply, every SWEEP_SECONDS after that, and
    # on a loaded machine either can land after the kill): the test applies it itself below.
    monkeypatch.setattr(journal, "apply_click_journals", lambda *_, **__: 0)
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():  # Python warns about forking a process with threads
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        _child_clicks_then_waits(app, story_id, people[1].id, clock, write_fd)
    assert os.read(read_fd, 1) == b"1"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    orphan = next(p for p in journals(app) if p.name.startswith(f"{pid}-"))
    assert len(orphan.read_bytes().rstrip(b"\0").splitlines()) == 3
    assert people[1].id not in counts(app)
    apply_clicks(app)
    assert counts(app)[people[1].id][0] == 3
    assert counts(app)[people[0].id][0] == 1
    assert not orphan.exists()
    assert [p.name.startswith(f"{os.getpid()}-") for p in journals(app)] == [True]  # mine
    apply_clicks(app)
    assert counts(app)[people[1].id][0] == 3


def test_a_line_cut_short_by_a_crash_is_never_half_counted(app, story_and_people, clock):
    """A journal ending in part of a line (a process killed mid-write): its whole lines
    count, the part does not, and finishing the journal drops it."""
    story_id, people, _ = story_and_people
    folder = folder_of(app)
    folder.mkdir(parents=True, exist_ok=True)
    orphan = folder / "999999999-1.clicks"
    whole = journal.line_of(story_id, people[2].id, clock())
    orphan.write_bytes(whole * 2 + whole[:7])
    apply_clicks(app)
    assert counts(app)[people[2].id][0] == 2
    assert not orphan.exists()


def test_clicks_wait_in_the_journal_while_the_database_fails(
    app, story_and_people, clock, monkeypatch, caplog
):
    """The journal's thread cannot write (the database is away): nothing is lost, the
    clicks are written when it can again."""
    story_id, people, _ = story_and_people
    real = click_apply._upsert_existing
    failures = []

    def away(totals):
        if len(failures) < 2:
            failures.append(totals)
            raise OperationalError("the database is away")
        real(totals)

    monkeypatch.setattr(click_apply, "_upsert_existing", away)
    click(app, story_id, people[0].id, clock())
    wait_until(lambda: len(failures) == 2)
    click(app, story_id, people[0].id, clock())
    wait_until(lambda: counts(app).get(people[0].id, (0,))[0] == 2)
    assert "applying failed, will retry" in caplog.text


def test_clicks_for_an_erased_person_or_a_deleted_story_are_dropped(
    app, client, story_and_people, make_user, clock, monkeypatch
):
    """Clicks still in a journal when their person is erased or their story deleted have
    nothing left to count: dropped, never written back; the others are counted."""
    story_id, people, _ = story_and_people
    leaving, headers = make_user("leaving@example.com", team="Sales", name="Lee Leaving")
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)
    click(app, story_id, people[0].id, clock())
    click(app, story_id, leaving.id, clock())
    click(app, 424242, people[1].id, clock())  # no such story (any more)
    erase = client.delete(
        "/api/v1/me", json={"confirm_email": "leaving@example.com"}, headers=headers
    )
    assert erase.status_code == 200
    apply_clicks(app)
    assert {user_id: row[0] for user_id, row in counts(app).items()} == {people[0].id: 1}


def test_first_and_last_click_times_hold_whatever_order_journals_are_applied_in(
    app, story_and_people, clock
):
    """An orphan's older clicks applied after newer ones: first is the earliest, last the
    latest."""
    story_id, people, _ = story_and_people
    start = clock()
    click(app, story_id, people[0].id, start)
    apply_clicks(app)
    folder = folder_of(app)
    (folder / "999999998-1.clicks").write_bytes(
        journal.line_of(story_id, people[0].id, start - timedelta(days=1))
        + journal.line_of(story_id, people[0].id, start - timedelta(hours=1))
    )
    apply_clicks(app)
    assert counts(app)[people[0].id] == (3, start - timedelta(days=1), start)


def test_a_full_journal_is_finished_and_a_new_one_started(
    app, story_and_people, clock, monkeypatch
):
    """A journal file is preallocated: once full, clicks go to a new one, and applying
    finishes (and deletes) the full ones; every click counted once."""
    story_id, people, _ = story_and_people
    monkeypatch.setattr(journal, "JOURNAL_BYTES", 200)  # seven lines a file
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)
    for n in range(20):
        click(app, story_id, people[n % 2].id, clock())
    assert len(journals(app)) == 3
    with app.app_context():
        assert journal.journal_for(folder_of(app)).apply() == 20
    (current,) = journals(app)
    click(app, story_id, people[0].id, clock())
    apply_clicks(app)
    assert journals(app) == [current]
    assert {user_id: row[0] for user_id, row in counts(app).items()} == {
        people[0].id: 11,
        people[1].id: 10,
    }


def test_a_forked_worker_writes_a_journal_of_its_own(app, story_and_people, clock, monkeypatch):
    """gunicorn forks its workers: a child never appends to its parent's journal, and the
    parent's stays locked (alive) while the parent lives."""
    story_id, people, _ = story_and_people
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)
    click(app, story_id, people[0].id, clock())
    (parents,) = journals(app)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        status = 1
        try:
            click(app, story_id, people[1].id, clock())
            mine = journal._CURRENT.path
            status = 0 if mine != parents and journal.writer_alive(parents) else 2
            journal.close_click_journal()  # a normal exit: applied, finished, deleted
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert journals(app) == [parents]
    assert len(parents.read_bytes().rstrip(b"\0").splitlines()) == 1
    assert journal.writer_alive(parents)
    apply_clicks(app)
    assert {user_id: row[0] for user_id, row in counts(app).items()} == {
        people[0].id: 1,
        people[1].id: 1,
    }


def test_closing_applies_what_is_left_and_deletes_the_journal(
    app, story_and_people, clock, monkeypatch
):
    story_id, people, _ = story_and_people
    monkeypatch.setattr(journal, "APPLY_SECONDS", 60)
    click(app, story_id, people[3].id, clock())
    (path,) = journals(app)
    with app.app_context():
        journal.close_click_journal()
    assert not path.exists()
    assert counts(app)[people[3].id][0] == 1
    click(app, story_id, people[3].id, clock())  # the next click starts a new journal
    apply_clicks(app)
    assert counts(app)[people[3].id][0] == 2


def test_leftover_journals_are_applied_at_start_without_waiting_for_a_click(
    app, story_and_people, clock
):
    """A server restarted after its workers were killed counts their journals at start
    (create_app calls sweep_at_start), not at its first counted click."""
    story_id, people, _ = story_and_people
    folder = folder_of(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "999999997-1.clicks").write_bytes(journal.line_of(story_id, people[0].id, clock()))
    with app.app_context():
        journal.sweep_at_start(folder, delay=0)
    wait_until(lambda: counts(app).get(people[0].id, (0,))[0] == 1)
    wait_until(lambda: not (folder / "999999997-1.clicks").exists())


def test_each_database_has_its_own_journal_folder(app, story_and_people, clock):
    """Two servers sharing an instance folder with different databases never apply each
    other's clicks (ids mean other people there)."""
    story_id, people, _ = story_and_people
    mine = folder_of(app)
    assert mine.parent == Path(app.config["CLICK_JOURNAL_DIR"])
    other_app = type("OtherApp", (), {})()
    other_app.config = {**app.config, "DATABASE_URL": "postgresql://elsewhere/other"}
    other_app.extensions = {}
    theirs = journal_folder(other_app)
    assert theirs.parent == mine.parent and theirs != mine
    theirs.mkdir(parents=True)
    (theirs / "999999996-1.clicks").write_bytes(journal.line_of(story_id, people[1].id, clock()))
    apply_clicks(app)
    assert people[1].id not in counts(app)
    assert (theirs / "999999996-1.clicks").exists()


def test_a_journal_that_cannot_be_written_loses_the_click_never_the_redirect(
    app, client, story_and_people, tmp_path, caplog
):
    _, people, links = story_and_people
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app.config["CLICK_JOURNAL_DIR"] = str(blocker / "journals")
    app.extensions.pop("firsthand.click_journal_dir", None)
    answer = client.get(links[0].removeprefix("http://localhost"), headers={"User-Agent": BROWSER})
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("https://")
    assert "tracked-link click not counted: the click journal failed" in caplog.text
    assert counts(app) == {}
