"""What an operator gets on disk and at the edge: private files, bounded request lines."""

from __future__ import annotations

import stat

from firsthand import create_app
from firsthand.db import database, migrate


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("FIRSTHAND_SECRET_KEY", raising=False)
    folder = tmp_path / "data"
    create_app({"DATABASE_URL": f"sqlite:///{folder / 'firsthand.db'}"})
    migrate(database.obj)
    database.close()
    assert mode(folder) == 0o700
    assert mode(folder / "firsthand.db") == 0o600
    wal = folder / "firsthand.db-wal"
    assert not wal.exists() or mode(wal) == 0o600
    assert mode(tmp_path / "instance") == 0o700
    assert mode(tmp_path / "instance" / "secret_key") == 0o600


def test_an_existing_world_readable_database_is_made_private(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    db_file = tmp_path / "old.db"
    db_file.touch(mode=0o644)
    db_file.chmod(0o644)
    tmp_path.chmod(0o755)
    create_app({"DATABASE_URL": f"sqlite:///{db_file}"})
    migrate(database.obj)
    database.close()
    assert mode(db_file) == 0o600
    assert mode(tmp_path) == 0o755  # a folder it did not create is left as it was
