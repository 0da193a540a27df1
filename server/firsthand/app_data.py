"""The data the server runs on, read from DATA_DIR: its rules (points, badges, levels) and the
suggestion engine, every data file checked against its schema first (datafiles.check_at_start).
The server loads them as it starts (create_app, `firsthand run`, gunicorn), so a broken data
folder stops it there, never at a request. Other `firsthand` commands build the app without
them (`--help` and `add-user` took ~9 s: 6 s of checks and 3 s of model for commands that read
neither); the first that reads them loads them then, after the same check."""

from __future__ import annotations

import re
import threading

from flask import Flask, current_app

RULEBOOK, ANALYZER = "firsthand.rulebook", "firsthand.analyzer"
_LOADING = threading.Lock()


def load(app: Flask) -> None:
    """Check the data folder, then load its rules and suggestion engine into `app`."""
    from .analysis import Analyzer
    from .datafiles import check_at_start
    from .rules import load_rulebook

    data = app.config["DATA_DIR"]
    check_at_start(data)  # every data file, by its schema, before any is used
    rulebook = load_rulebook(data)
    try:
        analyzer = Analyzer.load(data)
    except re.error:
        check_at_start(data, formats=True)  # name the file and the pattern that broke
        raise
    app.extensions[RULEBOOK], app.extensions[ANALYZER] = rulebook, analyzer


def loaded(name: str):
    """The current app's rulebook or analyzer (RULEBOOK, ANALYZER), loaded on first use by a
    command that built the app without them."""
    app = current_app._get_current_object()
    if name not in app.extensions:
        with _LOADING:
            if name not in app.extensions:
                load(app)
    return app.extensions[name]
