"""Helpers the benchmark scripts share: a loopback port, gunicorn in the background, percentiles."""

from __future__ import annotations

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
        yield base
    finally:
        server.terminate()
        server.wait(10)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of timings."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
