"""What an operator gets on disk and at the edge: private files, bounded request lines."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


# --- Bodies without Content-Length, and gunicorn's own refusals -----------------------------

TEN_MIB_OF_SPACES = 160  # chunks of 64 KiB after a small valid JSON body


def raw_request(
    port: int, head: str, chunks: int = 0, raw_body: bytes | None = None
) -> tuple[int, dict, bytes]:
    """Send a request by hand (a chunked body if the head says so); return status, headers, body.

    The body is `{"text": "hi"}` and then `chunks` × 64 KiB of spaces: valid JSON if a
    server reads only its first 64 KiB; or `raw_body`, sent as it is. A server may close
    the connection while the body is still being sent; the answer is read anyway.
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    with sock:
        sock.sendall(head.encode("latin1"))
        if raw_body is not None:
            sock.sendall(raw_body)
        elif "chunked" in head:
            try:
                for piece in [b'{"text": "hi"}'] + [b" " * 65536] * chunks:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # refused mid-body; the answer is already on its way
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536) or b"\r\n\r\n"
        head_part, _, body = answer.partition(b"\r\n\r\n")
        lines = head_part.decode("latin1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        length = int(headers.get("Content-Length", 0))
        while len(body) < length:
            more = sock.recv(65536)
            if not more:
                break
            body += more
    return int(lines[0].split()[1]), headers, body


def chunked_head(token: str) -> str:
    return (
        "POST /api/v1/suggestions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )


def test_a_chunked_body_over_the_limit_is_refused_by_the_dev_server(live_server, auth):
    port = int(live_server.rsplit(":", 1)[1])
    token = auth["Authorization"].split()[1]
    status, headers, body = raw_request(port, chunked_head(token), TEN_MIB_OF_SPACES)
    assert status == 413 and headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "payload_too_large"
    status, _, body = raw_request(port, chunked_head(token), 0)  # the same body, within the limit
    assert status == 200 and "angles" in json.loads(body)


# A chunk size that is not hex, a chunk without its line end: malformed HTTP, a 400 (a 500
# under gunicorn, which raised its parse error into the view reading the body).
MALFORMED_CHUNKS = (b"zz\r\nabc\r\n0\r\n\r\n", b"3\r\nabcXX0\r\n\r\n")


def refuses_malformed_chunks(port: int, token: str) -> None:
    for raw_body in MALFORMED_CHUNKS:
        status, headers, body = raw_request(port, chunked_head(token), raw_body=raw_body)
        assert status == 400 and headers["Content-Type"] == "application/json", (raw_body, body)
        error = json.loads(body)["error"]
        assert error["code"] == "bad_request" and "chunk" in error["message"], error


def test_a_malformed_chunked_body_is_a_400_from_the_dev_server(live_server, auth):
    refuses_malformed_chunks(int(live_server.rsplit(":", 1)[1]), auth["Authorization"].split()[1])


@pytest.fixture
def gunicorn_server(tmp_path, monkeypatch):
    """gunicorn with Firsthand's settings, on SQLite; yields (port, a user's token)."""
    env = {
        "FIRSTHAND_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}",
        "FIRSTHAND_INSTANCE_PATH": str(tmp_path / "instance"),
        "FIRSTHAND_SECRET_KEY": "gunicorn-test-key",
    }
    # What `firsthand init-db`, `firsthand add-user` and `firsthand token` do, with the same
    # settings, run here: three processes each checked and compiled the data files (~5 s).
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cli = create_app().test_cli_runner()
    for command in (["init-db"], ["add-user", "g@example.com", "--name", "G"]):
        assert cli.invoke(args=command).exit_code == 0, command
    answer = cli.invoke(args=["token", "g@example.com"])
    assert answer.exit_code == 0
    token = answer.output.strip()
    database.close()
    env = {**os.environ, **env}
    bin_dir = Path(sys.executable).parent
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "-c", "python:firsthand.gunicorn_conf", "-w", "1"]
        + ["-b", f"127.0.0.1:{port}", "firsthand:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port, token
    finally:
        server.terminate()
        server.wait(10)


def test_gunicorn_holds_the_body_limit_and_answers_its_refusals_as_json(gunicorn_server):
    port, token = gunicorn_server
    status, _, body = raw_request(port, chunked_head(token), TEN_MIB_OF_SPACES)
    assert status == 413 and json.loads(body)["error"]["code"] == "payload_too_large"

    long_line = f"GET /api/v1/shares?x={'a' * 5000} HTTP/1.1\r\nHost: h\r\n\r\n"
    status, headers, body = raw_request(port, long_line)
    assert status == 414 and headers["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "uri_too_long" and "aaaa" not in error["message"]

    many = "".join(f"X-H{i}: v\r\n" for i in range(60))
    status, headers, body = raw_request(
        port, f"GET /api/v1/health HTTP/1.1\r\nHost: h\r\n{many}\r\n"
    )
    assert status == 431 and json.loads(body)["error"]["code"] == "headers_too_large"

    refuses_malformed_chunks(port, token)
    # A transfer coding gunicorn does not read: 501 (RFC 9112 §6.1), saying what to send.
    other = chunked_head(token).replace("chunked", "xchunked")
    status, head, body = raw_request(port, other, raw_body=b"0\r\n\r\n")
    assert status == 501 and head["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "unsupported_transfer_coding"
    assert "Content-Length" in error["message"] and "chunked" in error["message"]

    status, _, body = raw_request(port, "GET /api/v1/health HTTP/1.1\r\nHost: h\r\n\r\n")
    assert status == 200 and json.loads(body)["status"] == "ok"
