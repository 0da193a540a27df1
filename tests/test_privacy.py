"""Draft text sent for suggestions is never stored, logged or echoed in errors."""

import logging
from pathlib import Path

import requests

MARKER = "Zyxwvut-draft-marker-8841"


def test_drafts_leave_no_trace_in_database_logs_or_errors(
    app, live_server, auth, caplog, db_url, capfd
):
    caplog.set_level(logging.DEBUG)
    url = f"{live_server}/api/v1/suggestions"
    draft = f"I am so proud of what we built. {MARKER} made this possible!"
    answers = [
        requests.post(url, json={"text": draft}, headers=auth, timeout=10) for _ in range(25)
    ]
    assert all(a.status_code == 200 for a in answers)
    failing = [
        requests.post(url, json={"text": draft, "lang": "xx"}, headers=auth, timeout=10),
        requests.post(url, json={"text": draft * 600}, headers=auth, timeout=10),
        requests.post(url, json={"text": draft, "surprise": MARKER}, headers=auth, timeout=10),
        requests.post(
            url,
            data=f'{{"text": "{draft}"',
            timeout=10,
            headers={**auth, "Content-Type": "application/json"},
        ),
        requests.post(
            url,
            data=f"text={draft}",
            timeout=10,
            headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        requests.post(url, json={"text": draft}, timeout=10),  # no token
        requests.post(url, json={"text": {"nested": draft}}, headers=auth, timeout=10),
    ]
    assert all(400 <= f.status_code < 500 for f in failing)
    for response in failing:
        assert MARKER not in response.text, response.text

    logged = caplog.text + "".join(capfd.readouterr())
    assert "POST /api/v1/suggestions" in logged  # the request log is there, without the text
    assert MARKER not in logged
    if db_url.startswith("sqlite"):
        folder = Path(db_url.removeprefix("sqlite:///")).parent
        files = list(folder.glob("*.db*"))
        assert files
        for path in files:
            assert MARKER.encode() not in path.read_bytes(), path
    else:
        from firsthand.db import database
        from firsthand.models import MODELS

        with app.app_context(), database.connection_context():
            for model in MODELS:
                for row in model.select().dicts():
                    assert MARKER not in str(row)
