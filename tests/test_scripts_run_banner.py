"""./scripts/run's own command line and its restart banner: the port is passed on once, and
once the demo admin is deleted the banner names the admins who can sign in instead."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
from pathlib import Path

from test_front_door import REPO, boss_in_the_console, cli, free_port, start, stop


def server_arguments(pid: int) -> list[str]:
    """The command line the script exec'd into (`firsthand run …`), as the system sees it."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]


def test_the_port_is_given_once_and_a_restart_names_the_active_admins(tmp_path):
    port = free_port()
    proc, lines = start(tmp_path, port)  # ./scripts/run --port PORT
    try:
        arguments = server_arguments(proc.pid)
        assert arguments.count("--port") == 1, arguments
        assert arguments[arguments.index("--port") + 1] == str(port)
        for n, email in enumerate(["boss@acme.com", "ops@acme.com", "it@acme.com", "hr@acme.com"]):
            made = cli(tmp_path, "add-user", email, "--name", f"Admin {n}", "--role", "admin")
            assert made.returncode == 0, made.stderr
        browser = boss_in_the_console(tmp_path, port)
        token = cli(tmp_path, "token", "admin@firsthand.local").stdout.strip()
        demo_id = browser.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=5, headers={
            "Authorization": f"Bearer {token}"}).json()["user"]["id"]  # fmt: skip
        delete = f"http://127.0.0.1:{port}/console/people/{demo_id}/delete"
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(delete).text)[1]
        answer = browser.post(
            delete, data={"csrf_token": csrf, "confirm_email": "admin@firsthand.local"}
        )
        assert answer.ok and "are deleted" in answer.text
    finally:
        stop(proc)

    proc, lines = start(tmp_path, port)
    try:
        output = "".join(lines)
        assert "No user admin@firsthand.local here" in output
        assert "ADMIN_EMAIL" not in output
        assert (
            "Your active admins: boss@acme.com, ops@acme.com, it@acme.com and 1 more. "
            f"A console sign-in link:  FIRSTHAND_PUBLIC_URL=http://127.0.0.1:{port} "
            ".venv/bin/firsthand console-link boss@acme.com"
        ) in output
    finally:
        stop(proc)


def run_again(instance: Path, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "FIRSTHAND_INSTANCE_PATH": str(instance)}
    for name in ("FIRSTHAND_DATABASE_URL", "FIRSTHAND_PUBLIC_URL", "FIRSTHAND_SECRET_KEY"):
        env.pop(name, None)
    command = [str(REPO / "scripts" / "run"), "--port", str(port)]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_a_second_run_on_a_serving_port_says_so_before_issuing_links(tmp_path):
    """A cold trial: a second ./scripts/run printed "starting" and fresh links (audited),
    then failed after 43 s with "Address already in use"."""
    port = free_port()
    proc, _ = start(tmp_path, port)
    try:
        events = audited(tmp_path)
        again = run_again(tmp_path, port)
        assert again.returncode == 1
        said = again.stdout + again.stderr
        assert f"Firsthand is already running on http://127.0.0.1:{port}" in said, said
        assert "starting" not in said and "/connect?invite=" not in said, said
        assert "/console/sign-in/" not in said  # no link issued, only how to get one
        assert (
            f"FIRSTHAND_PUBLIC_URL=http://127.0.0.1:{port} .venv/bin/firsthand console-link "
            "admin@firsthand.local"
        ) in said
        assert audited(tmp_path) == events  # nothing issued, so nothing audited
    finally:
        stop(proc)

    with socket.socket() as other:  # another program on a port
        other.bind(("127.0.0.1", 0))
        other.listen()
        busy = other.getsockname()[1]
        taken = run_again(tmp_path, busy)
    assert taken.returncode == 1
    assert f"Port {busy} on 127.0.0.1 is in use by another program" in taken.stderr


def audited(instance: Path) -> int:
    """How many events the audit log holds (issuing a link is one)."""
    with sqlite3.connect(instance / "firsthand.db") as db:
        return db.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
