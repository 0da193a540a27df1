"""The hot paths' SQL written once (statements.py) reads and writes exactly what the ORM
does, on both back ends; concurrent writers each write once."""

from __future__ import annotations

import threading
from datetime import timedelta

from firsthand import statements
from firsthand.accounts import create_user
from firsthand.db import database, write_transaction
from firsthand.models import PeriodStats, PointsEntry, Share, User, UserStats
from firsthand.sharing import ShareRequest, log_share
from helpers import linkedin_url


def _fields(instance) -> dict:
    return {f.name: getattr(instance, f.name) for f in type(instance)._meta.sorted_fields}


def test_rows_read_as_the_orm_reads_them(app, clock):
    with app.app_context(), database.connection_context():
        user = create_user("ana@example.com", "Ana", clock(), "Sales")
        book = app.extensions["firsthand.rulebook"]
        request = ShareRequest(
            url=linkedin_url(1), network="linkedin", text="Ünïcode ✓", posted_at=clock()
        )
        log_share(user, request, book, clock() + timedelta(hours=1), analyzer=None)
        share = Share.get()
        assert _fields(statements.get_one(Share, '"id" = {p}', share.id)) == _fields(share)
        assert _fields(statements.get_one(User, '"id" = {p}', user.id)) == _fields(
            User.get_by_id(user.id)
        )
        stats = UserStats.get_by_id(user.id)
        assert _fields(UserStats.locked(user.id)) == _fields(stats)
        assert statements.get_one(Share, '"id" = {p}', share.id + 1000) is None


def test_insert_and_save_write_what_the_orm_would(app, clock):
    with app.app_context(), database.connection_context():
        user = create_user("bo@example.com", "Bo", clock())
        with write_transaction():
            made = statements.insert(
                Share,
                {
                    "user": user.id,
                    "url": "https://example.com/a",
                    "canonical_url": "https://example.com/a",
                    "network": "other",
                    "logged_at": clock(),
                    "is_clone": False,
                },
            )
        stored = Share.get_by_id(made.id)
        assert stored.points == 0 and stored.is_clone is False and stored.deleted_at is None
        assert stored.logged_at == clock() and stored.user_id == user.id
        stats = UserStats.locked(user.id)
        stats.points, stats.last_share_week, stats.networks = 42, clock().date(), "x"
        with write_transaction():
            statements.save(stats)
        assert _fields(UserStats.get_by_id(user.id)) == _fields(stats)


def test_concurrent_writers_each_write_once(app, clock):
    """Threads logging at once queue on the write lock (SQLite) or row locks (PostgreSQL):
    every share is written, each once, and the counters add up."""
    with app.app_context(), database.connection_context():
        people = [create_user(f"p{n}@example.com", f"P{n}", clock()) for n in range(4)]
    book = app.extensions["firsthand.rulebook"]
    errors = []

    def log(person, n):
        try:
            with app.app_context(), database.connection_context():
                for k in range(5):
                    url = f"https://example.com/{n}/{k}"
                    request = ShareRequest(url=url, network="other")
                    log_share(person, request, book, clock(), analyzer=None)
                    log_share(person, request, book, clock(), analyzer=None)  # a retry
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=log, args=(p, n)) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 20
        assert [UserStats.get_by_id(p.id).listed_shares for p in people] == [5] * 4


def test_a_share_carries_its_counters_update_with_the_period_totals(app, clock, monkeypatch):
    # On PostgreSQL the counters' update and the ledger rows ride in the period totals'
    # statement (one round trip, not three); on both back ends every row lands as before.
    with app.app_context(), database.connection_context():
        user = create_user("ana@example.com", "Ana", clock(), "Sales")
        book = app.extensions["firsthand.rulebook"]
        sent: list[str] = []
        execute_sql = type(database.obj).execute_sql

        def counted(self, sql, params=None, *args, **kwargs):
            sent.append(sql)
            return execute_sql(self, sql, params, *args, **kwargs)

        monkeypatch.setattr(type(database.obj), "execute_sql", counted)
        results = [
            log_share(
                user,
                ShareRequest(url=linkedin_url(n), network="linkedin", posted_at=clock()),
                book,
                clock() + timedelta(hours=n),
                analyzer=None,
            )
            for n in (1, 2)
        ]
        stats = UserStats.get_by_id(user.id)
        assert stats.points == sum(r.share.points for r in results) == results[-1].total_points
        assert stats.shares == stats.listed_shares == 2
        entries = PointsEntry.select().where(PointsEntry.user == user.id)
        assert sum(e.points for e in entries) == stats.points
        assert {p.period: p.points for p in PeriodStats.select()}["all"] == stats.points
        alone = [sql for sql in sent if sql.startswith('UPDATE "user_stats"')]
        if database.param == "%s":
            assert alone == [] and sum("WITH carried0" in sql for sql in sent) == 2
        else:
            assert len(alone) == 2
