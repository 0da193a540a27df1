"""`firsthand backup` takes a consistent copy while shares are being logged; `restore` brings
it back."""

from __future__ import annotations

import sqlite3
import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from helpers import linkedin_url


def consistent(path) -> tuple[int, int]:
    """Check a copy: counters equal the ledger, no share without its points; (shares, points)."""
    copy = sqlite3.connect(path)
    try:
        stats = dict(copy.execute("SELECT user_id, points FROM user_stats"))
        ledger = dict(
            copy.execute("SELECT user_id, SUM(points) FROM points_entry GROUP BY user_id")
        )
        assert {u: p for u, p in stats.items() if p} == ledger
        torn = copy.execute(
            "SELECT COUNT(*) FROM share WHERE id NOT IN "
            "(SELECT share_id FROM points_entry WHERE share_id IS NOT NULL)"
        ).fetchone()[0]
        assert torn == 0
        (shares,) = copy.execute("SELECT COUNT(*) FROM share").fetchone()
        (counted,) = copy.execute("SELECT SUM(shares) FROM user_stats").fetchone()
        assert shares == (counted or 0)
        return shares, sum(stats.values())
    finally:
        copy.close()


def test_backup_under_concurrent_logging_is_consistent_and_restores(
    app, live_server, make_user, runner, tmp_path, db_url
):
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL backups are pg_dump's (test_backup_on_postgresql_points_to_it)")
    people = [make_user()[1] for _ in range(4)]
    stop = threading.Event()
    logged = []

    def keep_logging(worker: int) -> None:
        n = 0
        while not stop.is_set() and n < 200:
            n += 1
            answer = requests.post(
                f"{live_server}/api/v1/shares",
                json={"url": linkedin_url(worker * 1000 + n), "network": "linkedin"},
                headers=people[worker],
                timeout=30,
            )
            assert answer.status_code in (201, 429), answer.text
            logged.append(answer.status_code)

    backups = [tmp_path / f"copy{i}.db" for i in range(3)]
    with ThreadPoolExecutor(4) as pool:
        writers = [pool.submit(keep_logging, w) for w in range(4)]
        for path in backups:
            while len(logged) < 10 * (backups.index(path) + 1):
                threading.Event().wait(0.02)
            result = runner.invoke(args=["backup", str(path)])
            assert result.exit_code == 0, result.output
        stop.set()
        for writer in writers:
            writer.result()

    sizes = [consistent(path)[0] for path in backups]
    assert sizes == sorted(sizes) and sizes[-1] > 0  # each copy a moment later than the last
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600

    # Restoring the first copy brings back exactly what it held.
    result = runner.invoke(args=["restore", str(backups[0]), "--yes"])
    assert result.exit_code == 0, result.output
    assert consistent(db_url.removeprefix("sqlite:///")) == consistent(backups[0])


def test_backup_never_overwrites_and_restore_refuses_a_stranger(runner, tmp_path, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    target = tmp_path / "copy.db"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code == 1 and "never overwrites" in again.output
    stranger = tmp_path / "other.db"
    sqlite3.connect(stranger).execute("CREATE TABLE t (x)").connection.close()
    refused = runner.invoke(args=["restore", str(stranger), "--yes"])
    assert refused.exit_code == 1 and "not a Firsthand database" in refused.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert runner.invoke(args=["restore", str(junk), "--yes"]).exit_code == 1


def test_backup_on_postgresql_points_to_pg_dump(runner, tmp_path, db_url):
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL only")
    result = runner.invoke(args=["backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "pg_dump" in result.output
