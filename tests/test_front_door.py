"""./scripts/run on a fresh instance folder, then curl-style calls, as the README says."""

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

from helpers import connect_by_hand

REPO = Path(__file__).resolve().parents[1]


def fresh_activity() -> int:
    """An activity id minted now, as LinkedIn's are (older posts earn no points)."""
    return int(time.time() * 1000) << 22


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(instance: Path, port: int, **settings: str) -> tuple[subprocess.Popen, list[str]]:
    env = {**os.environ, "FIRSTHAND_INSTANCE_PATH": str(instance)}
    for name in ("FIRSTHAND_DATABASE_URL", "FIRSTHAND_PUBLIC_URL", "FIRSTHAND_SECRET_KEY"):
        env.pop(name, None)
    env.update(settings)
    proc = subprocess.Popen(
        [str(REPO / "scripts" / "run"), "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if "Load the extension" in line or proc.poll() is not None:
            break
    # The banner comes before the app is imported: on a loaded machine serving takes a while.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).ok:
                return proc, lines
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    stop(proc)
    raise AssertionError("server did not start:\n" + "".join(lines))


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(10)
    proc.stdout.close()


def test_scripts_run_serves_and_a_share_can_be_logged(tmp_path):
    port = free_port()
    proc, lines = start(tmp_path, port)
    try:
        output = "".join(lines)
        assert "Created the demo admin admin@firsthand.local" in output
        link = re.search(r"(http://127\.0\.0\.1:\d+/connect\?invite=\S+)", output)[1]
        assert f":{port}/" in link
        page = connect_by_hand(requests.Session(), link).text
        token = re.search(r'data-token="([^"]+)"', page)[1]
        headers = {"Authorization": f"Bearer {token}"}
        base = f"http://127.0.0.1:{port}/api/v1"
        logged = requests.post(
            f"{base}/shares",
            headers=headers,
            timeout=5,
            json={
                "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{fresh_activity()}/",
                "network": "linkedin",
            },
        )
        assert logged.status_code == 201
        me = requests.get(f"{base}/me", headers=headers, timeout=5).json()
        assert me["points"] == 30 and me["user"]["role"] == "admin"
        console = re.search(r"(http://127\.0\.0\.1:\d+/console/sign-in/\S+)", output)[1]
        browser = console_session(console)
        people = browser.get(f"http://127.0.0.1:{port}/console/people/", timeout=5)
        assert people.ok and "admin@firsthand.local" in people.text
    finally:
        stop(proc)
    assert (tmp_path / "firsthand.db").exists()

    proc, lines = start(tmp_path, port)  # a second run reuses everything
    try:
        assert "Created the demo admin" not in "".join(lines)
        token = cli(tmp_path, "token", "admin@firsthand.local").stdout.strip()
        me = requests.get(
            f"http://127.0.0.1:{port}/api/v1/me",
            timeout=5,
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        assert me["shares"] == 1
        # A real admin takes over and deactivates the demo admin, as the console lets them.
        boss = cli(tmp_path, "add-user", "boss@acme.com", "--name", "Bo Ss", "--role", "admin")
        assert boss.returncode == 0, boss.stderr
        browser = boss_in_the_console(tmp_path, port)
        person = f"http://127.0.0.1:{port}/console/people/{me['user']['id']}"
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(person).text)[1]
        answer = browser.post(f"{person}/deactivate", data={"csrf_token": csrf})
        assert answer.ok and "is deactivated" in answer.text
    finally:
        stop(proc)

    proc, lines = start(tmp_path, port)  # a deactivated demo admin gets no link that cannot work
    try:
        output = "".join(lines)
        assert "The demo admin admin@firsthand.local is deactivated, so no link" in output
        assert "/connect?invite=" not in output and "/console/sign-in/" not in output
        assert f"FIRSTHAND_PUBLIC_URL=http://127.0.0.1:{port} .venv/bin/firsthand" in output
        # The boss then deletes it.
        browser = boss_in_the_console(tmp_path, port)
        delete = f"http://127.0.0.1:{port}/console/people/{me['user']['id']}/delete"
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(delete).text)[1]
        answer = browser.post(
            delete, data={"csrf_token": csrf, "confirm_email": "admin@firsthand.local"}
        )
        assert answer.ok and "are deleted" in answer.text
    finally:
        stop(proc)

    proc, lines = start(tmp_path, port)  # a fourth run leaves the deleted demo admin deleted
    try:
        output = "".join(lines)
        assert "Created the demo admin" not in output
        assert "No user admin@firsthand.local here" in output
        assert "/connect?invite=" not in output
        gone = cli(tmp_path, "token", "admin@firsthand.local")
        assert gone.returncode == 1 and "No user with the email" in gone.stderr
        again = cli(tmp_path, "add-user", "admin@firsthand.local", "--name", "D", "--first-admin")
        assert again.returncode == 0 and "An admin exists already" in again.stdout
    finally:
        stop(proc)


def cli(instance: Path, *args: str) -> subprocess.CompletedProcess:
    """`firsthand ARGS` against the instance folder the test's server uses."""
    env = {**os.environ, "FIRSTHAND_INSTANCE_PATH": str(instance)}
    for name in ("FIRSTHAND_DATABASE_URL", "FIRSTHAND_PUBLIC_URL", "FIRSTHAND_SECRET_KEY"):
        env.pop(name, None)
    command = [str(REPO / ".venv/bin/firsthand"), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def boss_in_the_console(instance: Path, port: int) -> requests.Session:
    sign_in = cli(instance, "console-link", "--port", str(port), "boss@acme.com").stdout
    return console_session(sign_in.strip().splitlines()[-1])


def console_session(link: str) -> requests.Session:
    """A browser signed in to the console with a one-time sign-in link."""
    browser = requests.Session()
    form = browser.get(link, timeout=5).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]
    assert browser.post(link, data={"csrf_token": csrf}, timeout=5).ok
    return browser


def test_on_a_database_of_its_own_the_printed_commands_use_it(tmp_path):
    # A cold trial followed the README's "try logging on a database of its own": the printed
    # console-link command left the database out, and its link was refused on the try server.
    port, try_db = free_port(), tmp_path / "try one.db"
    proc, lines = start(tmp_path, port, FIRSTHAND_DATABASE_URL=f"sqlite:///{try_db}")
    try:
        output = "".join(lines)
        command = re.search(r"run (FIRSTHAND_\S+ .*?console-link) admin@", output)
        assert command, output
        token_line = re.search(r"An API token for curl:  (.+)", output)[1]
        assert "FIRSTHAND_DATABASE_URL=" in token_line
        printed = subprocess.run(
            ["bash", "-c", f"{command[1]} admin@firsthand.local"],
            cwd=REPO,
            env={**os.environ, "FIRSTHAND_INSTANCE_PATH": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        link = printed.stdout.strip().splitlines()[-1]
        people = console_session(link).get(f"http://127.0.0.1:{port}/console/people/", timeout=5)
        assert people.ok and "admin@firsthand.local" in people.text
    finally:
        stop(proc)
    assert try_db.exists() and not (tmp_path / "firsthand.db").exists()
