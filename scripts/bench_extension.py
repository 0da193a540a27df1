#!/usr/bin/env python3
"""What the extension costs while typing: 500 characters into the LinkedIn fixture.

The same page is typed into twice in one run, once in a browser without the extension and
once with it (connected to a real server, live suggestions on). The browser's own counters
(CDP Performance.getMetrics: ScriptDuration, TaskDuration of the page's renderer, which
include content scripts) give the difference: the extension's cost per keystroke.

    ./scripts/bench extension [--chars 500] [--delay-ms 35]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

sys.path.insert(0, str(REPO / "tests"))

from benchkit import free_port  # noqa: E402

from e2e.browser import launch, serve_fixture  # noqa: E402

EXTENSION = REPO / "extension"
TEXT = (
    "We are thrilled to announce our new release. I spent months on the import screen "
    "and I learned a lot about what our customers need. Thank you, Lea, for the reviews. "
)


def start_server(instance: str):
    from firsthand import create_app
    from firsthand.accounts import create_user
    from firsthand.auth import connect_link
    from firsthand.db import database, migrate

    os.environ["FIRSTHAND_INSTANCE_PATH"] = instance
    port = free_port()
    app = create_app({"PUBLIC_URL": f"http://127.0.0.1:{port}", "RATELIMIT_ENABLED": False})
    migrate(database.obj)
    with app.app_context(), database.connection_context():
        link = connect_link(create_user("bench@example.com", "Bench", datetime.now(UTC)))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, link


def metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def type_and_measure(
    p, profile: str, with_extension: bool, link: str, chars: int, delay_ms: int
) -> dict[str, float]:
    ctx = launch(p, profile, EXTENSION if with_extension else None)
    try:
        ctx.route("https://www.linkedin.com/**", serve_fixture)
        if with_extension:
            page = ctx.new_page()
            page.goto(link)
            page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
            page.close()
        page = ctx.new_page()
        page.goto("https://www.linkedin.com/feed/?generation=classic")
        page.get_by_role("button", name="Start a post").click()
        page.locator(".ql-editor:visible").click()
        if with_extension:  # measure from the moment the panel is beside the composer
            page.wait_for_selector("firsthand-panel")
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        before = metrics(cdp)
        text = (TEXT * (chars // len(TEXT) + 1))[:chars]
        page.keyboard.type(text, delay=delay_ms)
        after = metrics(cdp)
        panel_seen = False
        if with_extension:  # after the pause, the suggestions arrive (outside the measurement)
            page.wait_for_selector("firsthand-panel [data-voice]", timeout=15000)
            panel_seen = True
        return {
            "script_ms": (after["ScriptDuration"] - before["ScriptDuration"]) * 1000,
            "task_ms": (after["TaskDuration"] - before["TaskDuration"]) * 1000,
            "panel": panel_seen,
        }
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=500)
    parser.add_argument("--delay-ms", type=int, default=35, help="time between keystrokes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server, link = start_server(tmp)
        try:
            without = type_and_measure(p, f"{tmp}/a", False, link, args.chars, args.delay_ms)
            with_ext = type_and_measure(p, f"{tmp}/b", True, link, args.chars, args.delay_ms)
        finally:
            server.shutdown()
    n = args.chars
    print(
        f"Typing {n} characters into the LinkedIn fixture ({args.delay_ms} ms between keys), "
        "renderer main thread, from CDP Performance.getMetrics\n"
    )
    print("| run | script time, ms | per keystroke, ms | all tasks, ms | per keystroke, ms |")
    print("| --- | --- | --- | --- | --- |")
    for name, row in (("without the extension", without), ("with the extension", with_ext)):
        print(
            f"| {name} | {row['script_ms']:.1f} | {row['script_ms'] / n:.3f} | "
            f"{row['task_ms']:.1f} | {row['task_ms'] / n:.3f} |"
        )
    extra_script = (with_ext["script_ms"] - without["script_ms"]) / n
    extra_task = (with_ext["task_ms"] - without["task_ms"]) / n
    print(f"| **extension's cost** | | **{extra_script:.3f}** | | **{extra_task:.3f}** |")
    print(f"\nThe panel showed a verdict at the end: {'yes' if with_ext['panel'] else 'no'}.")


if __name__ == "__main__":
    main()
