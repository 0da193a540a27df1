"""`firsthand` commands build no more than they need (a cold trial: every call, even --help,
took ~9 s: 6 s checking the data files against their schemas, 3 s loading the suggestion
model; ./scripts/run makes four before it serves). --help builds no app; a command builds it
without the data files, which load on first use after the same check; serving (`firsthand
run`, and create_app() as gunicorn calls it) checks and loads them at start, as before, so a
broken data folder still stops the server there."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import firsthand
from firsthand import app_data, create_app
from firsthand.api import helpers
from firsthand.cli import group
from firsthand.config import PACKAGE_DATA_DIR
from firsthand.datafiles import DataFileError
from firsthand.db import database


@pytest.fixture
def loads(monkeypatch) -> list:
    """Every loading of the data files, from now on."""
    seen: list = []
    real = app_data.load
    monkeypatch.setattr(app_data, "load", lambda app: seen.append(app) or real(app))
    return seen


@pytest.fixture
def broken(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, data)
    rules = json.loads((data / "points_rules.json").read_text(encoding="utf-8"))
    rules["daily_cap"] = "lots"
    (data / "points_rules.json").write_text(json.dumps(rules), encoding="utf-8")
    return data


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FIRSTHAND_DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    yield
    database.close()


def test_help_builds_no_app(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("--help built the app")

    monkeypatch.setattr(firsthand, "create_app", refuse)
    for args in (["--help"], ["connect-link", "--help"], ["add-user", "--help"]):
        result = CliRunner().invoke(group(), args)
        assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(group(), ["--help"]).output
    assert all(name in listed for name in ("add-user", "init-db", "console-link", "run"))


def test_commands_that_read_no_data_do_not_load_it(environment, loads):
    runner = CliRunner()
    for args in (
        ["init-db"],
        ["add-user", "ada@example.com", "--name", "Ada", "--team", "Ops", "--first-admin"],
        ["connect-link", "ada@example.com"],
        ["console-link", "ada@example.com"],
    ):
        result = runner.invoke(group(), args)
        assert result.exit_code == 0, (args, result.output)
    assert loads == []


def test_the_data_loads_on_first_use_after_the_same_check(tmp_path, monkeypatch, broken):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    db = {"DATABASE_URL": f"sqlite:///{tmp_path}/lazy.db"}
    app = create_app(db, data=False)
    assert app_data.RULEBOOK not in app.extensions
    with app.app_context():
        assert helpers.analyzer() is app.extensions[app_data.ANALYZER]
        assert helpers.rulebook().daily_cap > 0
    lazy = create_app({**db, "DATA_DIR": str(broken)}, data=False)
    with lazy.app_context(), pytest.raises(DataFileError, match="daily_cap"):
        helpers.rulebook()
    with pytest.raises(DataFileError, match="daily_cap"):
        create_app({**db, "DATA_DIR": str(broken)})  # the server's start, as before
    database.close()


def test_serving_checks_the_data_at_start(environment, monkeypatch, broken):
    monkeypatch.setenv("FIRSTHAND_DATA_DIR", str(broken))
    served = []  # never serve here: a regression would otherwise hang the test
    monkeypatch.setattr("flask.cli.run_simple", lambda *args, **kwargs: served.append(args))
    result = CliRunner().invoke(group(), ["run", "--port", "7529"])
    assert served == []
    assert isinstance(result.exception, DataFileError), result.output
    assert "daily_cap" in str(result.exception)


def test_commands_that_read_the_rules_check_the_data_first(environment, monkeypatch, broken):
    """rescore and send-weekly-summary refuse a broken rules file, naming what is wrong (both
    read it the way the server does, after the data folder's check: app_data.loaded)."""
    monkeypatch.setenv("FIRSTHAND_DATA_DIR", str(broken))
    runner = CliRunner()
    assert runner.invoke(group(), ["init-db"]).exit_code == 0
    for args in (["rescore", "--dry-run"], ["send-weekly-summary", "--dry-run"]):
        result = runner.invoke(group(), args)
        assert result.exit_code != 0, (args, result.output)
        assert "daily_cap" in f"{result.output}{result.exception}", (args, result.output)
