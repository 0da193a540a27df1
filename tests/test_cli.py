import sqlite3

import peewee
import psycopg
import pytest

from firsthand.admin_models import AuditEvent
from firsthand.db import SQLITE_PRAGMAS, database
from firsthand.models import User
from firsthand.people import deactivate
from firsthand.privacy import erase_person
from helpers import connect_by_hand


def test_init_db_is_idempotent(runner):
    assert "up to date" in runner.invoke(args=["init-db"]).output
    from firsthand.cli import migrations_said

    names = [f"{n:04d}_step" for n in range(1, 37)]  # a new database: one line, not 36 names
    assert migrations_said(names) == "Applied 36 migrations (0001_step … 0036_step)."
    assert migrations_said(names[:2]) == "Applied 0001_step, 0002_step."


def test_add_user_prints_a_connect_link(runner, app):
    result = runner.invoke(
        args=["add-user", "Jo@Example.com", "--name", "Jo", "--team", "Eng", "--role", "manager"]
    )
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert link.startswith("http://127.0.0.1:5000/connect?invite=")
    with app.app_context(), database.connection_context():
        user = User.get(User.email == "jo@example.com")
        assert (user.name, user.team_name, user.role) == ("Jo", "Eng", "manager")
    page = connect_by_hand(app.test_client(), link.removeprefix("http://127.0.0.1:5000"))
    assert page.status_code == 200 and "data-token" in page.get_data(as_text=True)


def test_duplicate_email_is_one_clear_line_and_status_1(runner):
    runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo"])
    result = runner.invoke(args=["add-user", "JO@example.com", "--name", "Jo again"])
    assert result.exit_code == 1
    assert result.output.strip().startswith(
        "Error: A user with the email jo@example.com already exists. To reconnect them,"
    )
    assert "`firsthand connect-link jo@example.com`" in result.output


def test_invalid_email_and_role_are_refused(runner):
    assert runner.invoke(args=["add-user", "not-an-email", "--name", "X"]).exit_code == 1
    assert (
        runner.invoke(args=["add-user", "a@b.co", "--name", "X", "--role", "king"]).exit_code == 2
    )


def test_first_admin_is_created_only_while_there_is_no_admin(runner, app):
    first = ["add-user", "demo@example.com", "--name", "Demo", "--first-admin"]
    made = runner.invoke(args=first)
    assert made.exit_code == 0 and "Created Demo <demo@example.com> (admin)" in made.output
    runner.invoke(args=["add-user", "boss@example.com", "--name", "Boss", "--role", "admin"])
    with app.app_context(), database.connection_context():
        demo = User.get(User.email == "demo@example.com")
        erase_person(demo, app.config["CLOCK"](), User.get(User.email == "boss@example.com"))
    again = runner.invoke(args=first)
    assert again.exit_code == 0
    assert again.output.strip() == "An admin exists already (boss@example.com); nobody created."
    other = runner.invoke(args=["add-user", "new@example.com", "--name", "N", "--first-admin"])
    assert "nobody created" in other.output
    with app.app_context(), database.connection_context():
        assert not User.select().where(User.email.in_(["demo@example.com", "new@example.com"]))


def test_first_admin_is_the_way_back_when_every_admin_is_deactivated(runner, app):
    """Boss deactivated the old admin, then deleted their own account: nobody could sign in
    to the console, and --first-admin answered "An admin exists already (old@…)", the
    deactivated one, which no link can sign in. With no admin active it makes one; given the
    deactivated admin's own address it says so and names the command that works."""
    for email in ("old@example.com", "boss@example.com"):
        runner.invoke(args=["add-user", email, "--name", "N", "--role", "admin"])
    with app.app_context(), database.connection_context():
        old, boss = (User.get(User.email == e) for e in ("old@example.com", "boss@example.com"))
        deactivate(old, app.config["CLOCK"](), boss)
        erase_person(boss, app.config["CLOCK"](), boss)
    same = runner.invoke(args=["add-user", "old@example.com", "--name", "O", "--first-admin"])
    assert same.exit_code == 1
    assert same.output.strip() == (
        "Error: old@example.com is deactivated and no admin is active, so nobody was created. "
        "Make another admin: `firsthand add-user ADMIN_EMAIL --name NAME --role admin`, then "
        "reactivate old@example.com in the console if they should be back."
    )
    made = runner.invoke(args=["add-user", "new@example.com", "--name", "New", "--first-admin"])
    assert made.exit_code == 0 and "Created New <new@example.com> (admin)" in made.output
    assert runner.invoke(args=["console-link", "new@example.com"]).exit_code == 0
    again = runner.invoke(args=["add-user", "third@example.com", "--name", "T", "--first-admin"])
    assert again.output.strip() == "An admin exists already (new@example.com); nobody created."


def test_first_admin_given_an_active_employee_says_what_was_done_and_what_to_do(runner, app):
    """With no admin active, --first-admin given an employee's address answered "A user with
    the email … already exists. To reconnect them, give them a new connect link": about a
    connection nobody asked for, not the admin that was not made."""
    runner.invoke(args=["add-user", "ana@example.com", "--name", "Ana", "--team", "Sales"])
    answer = runner.invoke(args=["add-user", "ana@example.com", "--name", "A", "--first-admin"])
    assert answer.exit_code == 1
    assert answer.output.strip() == (
        "Error: ana@example.com is already an employee here and no admin is active, so nobody "
        "was created and ana@example.com is still an employee. Make an admin with another "
        "address: `firsthand add-user ADMIN_EMAIL --name NAME --role admin`, then make "
        "ana@example.com an admin in the console (People → their page → Role) if they should "
        "be one."
    )
    with app.app_context(), database.connection_context():
        assert User.get(User.email == "ana@example.com").role == "employee"
        assert not User.select().where(User.role == "admin").exists()


def test_token_prints_only_a_working_token(runner, app):
    runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo"])
    result = runner.invoke(args=["token", "jo@example.com"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 1
    me = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {lines[0]}"})
    assert me.status_code == 200


def test_a_token_from_the_command_line_is_in_the_audit_log(runner, app):
    """Cold trial 4: a 90-day token handed out by `firsthand token` left no trace, though using
    it counts the person as connected."""
    from firsthand.admin_models import AuditEvent

    runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo Lee"])
    assert runner.invoke(args=["token", "jo@example.com"]).exit_code == 0
    with app.app_context(), database.connection_context():
        events = AuditEvent.select().where(AuditEvent.action == "person.token")
        assert [(e.actor, e.actor_label, e.target_label) for e in events] == [
            (None, "command line", "Jo Lee <jo@example.com>")
        ]


def test_unknown_user_is_status_1(runner):
    for command in ("token", "revoke", "connect-link"):
        result = runner.invoke(args=[command, "ghost@example.com"])
        assert result.exit_code == 1
        assert result.output.strip() == "Error: No user with the email ghost@example.com."


def test_revoke_invalidates_every_token(runner, app):
    runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo"])
    tokens = [runner.invoke(args=["token", "jo@example.com"]).output.strip() for _ in range(2)]
    assert runner.invoke(args=["revoke", "jo@example.com"]).exit_code == 0
    client = app.test_client()
    for token in tokens:
        assert (
            client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
    fresh = runner.invoke(args=["token", "jo@example.com"]).output.strip()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200
    # The audit log says who lost their tokens, when, and that the command line did it.
    with app.app_context(), database.connection_context():
        events = list(AuditEvent.select().where(AuditEvent.action == "person.revoke").dicts())
    assert [(e["actor_label"], e["target_label"]) for e in events] == [
        ("command line", "Jo <jo@example.com>")
    ]


def test_commands_on_an_empty_database_say_to_run_init_db(tmp_path, monkeypatch):
    from firsthand import create_app

    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/empty.db"})
    result = app.test_cli_runner().invoke(args=["token", "a@b.co"])
    assert result.exit_code == 1 and "firsthand init-db" in result.output
    database.close()


@pytest.mark.parametrize(
    ("public_url", "options", "base"),
    [
        (None, ["--port", "8000"], "http://127.0.0.1:8000"),
        (None, ["--host", "0.0.0.0", "--port", "8000"], "http://127.0.0.1:8000"),
        (None, ["--host", "firsthand.lan"], "http://firsthand.lan:5000"),
        (
            "https://firsthand.acme.example/fh",
            ["--port", "8443"],
            "https://firsthand.acme.example:8443/fh",
        ),
        ("http://10.0.0.5:9000", [], "http://10.0.0.5:9000"),
    ],
)
def test_printed_links_follow_the_port_the_server_runs_on(runner, app, public_url, options, base):
    if public_url:
        app.config["PUBLIC_URL"] = public_url
    added = runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo", *options])
    assert added.exit_code == 0, added.output
    assert added.output.strip().splitlines()[-1].startswith(f"{base}/connect?invite=")
    fresh = runner.invoke(args=["connect-link", "jo@example.com", *options])
    assert fresh.exit_code == 0, fresh.output
    assert fresh.output.strip().startswith(f"{base}/connect?invite=")


def test_console_link_follows_the_port_too(runner, app):
    runner.invoke(args=["add-user", "ada@example.com", "--name", "Ada", "--role", "admin"])
    result = runner.invoke(args=["console-link", "ada@example.com", "--port", "8000"])
    assert result.exit_code == 0, result.output
    assert (
        result.output.strip().splitlines()[-1].startswith("http://127.0.0.1:8000/console/sign-in/")
    )


def test_a_port_out_of_range_is_one_clear_error(runner):
    result = runner.invoke(args=["connect-link", "jo@example.com", "--port", "70000"])
    assert result.exit_code == 2 and "70000" in result.output


def test_connect_link_is_in_the_audit_log_like_the_consoles(runner, app):
    # Cold trial, finding 12: each new link retires the earlier ones, so it is a change.
    from firsthand.admin_models import AuditEvent

    runner.invoke(args=["add-user", "sam@example.com", "--name", "Sam Sales"])
    for _ in range(2):
        assert runner.invoke(args=["connect-link", "sam@example.com"]).exit_code == 0
    with app.app_context(), database.connection_context():
        events = AuditEvent.select().where(AuditEvent.action == "person.connect_link")
        assert [(e.actor, e.target_label) for e in events] == [
            (None, "Sam Sales <sam@example.com>")
        ] * 2


def test_a_deactivated_person_gets_no_connect_link(runner, app, clock):
    # As the console's button refuses: the link would open a page that cannot connect them
    # (./scripts/run relies on it to say so about a deactivated demo admin).
    from firsthand.admin_models import AuditEvent
    from firsthand.db import write_transaction
    from firsthand.people import deactivate, reactivate

    runner.invoke(args=["add-user", "sam@example.com", "--name", "Sam Sales"])
    with app.app_context(), database.connection_context(), write_transaction():
        deactivate(User.get(User.email == "sam@example.com"), clock(), None)
    for command in ("connect-link", "token"):  # a token would only meet a 401
        refused = runner.invoke(args=[command, "sam@example.com"])
        assert refused.exit_code == 1
        assert refused.output.strip() == (
            "Error: sam@example.com is deactivated: reactivate them first"
            " (console: People → Reactivate)."
        )
    with app.app_context(), database.connection_context():
        assert not AuditEvent.select().where(AuditEvent.action == "person.connect_link").exists()
        with write_transaction():
            reactivate(User.get(User.email == "sam@example.com"), clock(), None)
    again = runner.invoke(args=["connect-link", "sam@example.com"])
    assert again.exit_code == 0 and "/connect?invite=" in again.output


def test_the_command_speaks_of_firsthand_not_of_flask():
    # A first user read Flask's --app, --env-file and --debug as Firsthand's, and --version
    # gave the Python, Flask and Werkzeug versions.
    import subprocess
    from pathlib import Path

    command = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "firsthand"
    run = lambda *args: subprocess.run(  # noqa: E731
        [str(command), *args], capture_output=True, text=True, timeout=60
    )
    assert run("--version").stdout.startswith("Firsthand, version ")
    helped = run("--help").stdout
    assert "add-user" in helped and "init-db" in helped
    assert "--app" not in helped and "--env-file" not in helped and "--debug" not in helped


def test_a_locked_database_is_said_to_be_busy_not_unready(runner, app, monkeypatch, db_url):
    """With SQLite's write lock held past busy_timeout (a backup, another command), a command
    said "the database is not ready: run `firsthand init-db` first"."""
    runner.invoke(args=["add-user", "jo@example.com", "--name", "Jo"])
    if db_url.startswith("sqlite"):
        shorter = [(k, 200 if k == "busy_timeout" else v) for k, v in database.obj._pragmas]
        monkeypatch.setattr(database.obj, "_pragmas", shorter)  # 0.2 s, not 10
        monkeypatch.setitem(SQLITE_PRAGMAS, "busy_timeout", 200)
        holder = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        holder.execute("BEGIN IMMEDIATE")  # another process's write lock
    else:  # PostgreSQL gives up on a lock only when told to: as it says it did

        def locked(*args, **kwargs):
            with peewee.__exception_wrapper__:
                raise psycopg.errors.LockNotAvailable("could not obtain lock")

        monkeypatch.setattr("firsthand.cli_users.audit.record", locked)
    try:
        result = runner.invoke(args=["connect-link", "jo@example.com"])
    finally:
        if db_url.startswith("sqlite"):
            holder.rollback()
            holder.close()
    assert result.exit_code == 1
    assert result.output.startswith("Error: the database is busy: another process")
    assert "Try the command again in a moment." in result.output and "init-db" not in result.output
    monkeypatch.undo()
    assert runner.invoke(args=["connect-link", "jo@example.com"]).exit_code == 0  # free again
