"""Helpers the benchmark scripts share: a loopback port, gunicorn in the background, wrk,
percentiles."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, workers: int, threads: int) -> Iterator[str]:
    """Serve `firsthand:create_app()` with gthread workers; yield the API base URL once up."""
    with gunicorn_process(env, workers, threads) as (base, _):
        yield base


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


@contextmanager
def gunicorn_process(env: dict, workers: int, threads: int) -> Iterator[tuple[str, int]]:
    """Like gunicorn(), yielding (API base URL, the master's pid)."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{port}",
            "firsthand:create_app()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(150):
            try:
                requests.get(f"{base}/health", timeout=1)
                break
            except requests.RequestException:  # not listening yet, or a worker still booting
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(10)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of timings."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def wrk(url: str, seconds: float, connections: int, script: str | None, env: dict) -> dict:
    """Run wrk (C, one thread, keep-alive connections) and return requests/s, the requests
    answered, non-2xx/3xx answers, socket errors, p50 and wrk's own CPU use in cores."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    if script:
        command += ["-s", script]
    before = os.times()
    started = time.monotonic()
    out = subprocess.run(
        command + [url], env=env, capture_output=True, text=True, check=True
    ).stdout
    wall = time.monotonic() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    answered = int(re.search(r"(\d+) requests in", out)[1])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rate": rate,
        "requests": answered,
        "non_2xx": int(bad[1]) if bad else 0,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
        "wrk_cores": cpu / wall,
        "p50_ms": float(p50[1]) * scale[p50[2]] if p50 else float("nan"),
    }
