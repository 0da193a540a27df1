"""Firsthand: employee advocacy in the employee's own voice."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

__version__ = "0.1.0"


def _default_instance_path() -> str | None:
    # Running from a checkout: keep the database and key in <repo>/instance.
    repo = Path(__file__).resolve().parents[2]
    return str(repo / "instance") if (repo / "pyproject.toml").exists() else None


def create_app(config: dict | None = None, *, data: bool = True) -> Flask:
    """Build the Firsthand app: env config, then the given mapping on top. `data`: check and
    load the data files now, as a server must; a `firsthand` command that may not read them
    passes False, and they load on first use (app_data.py)."""
    from . import (
        api,
        app_data,
        cli,
        console,
        db,
        errors,
        input_guard,
        limits,
        web_headers,
    )
    from . import config as configuration
    from .catalogue_words import vary_by_language
    from .stories_click_journal import sweep_at_start
    from .stories_clicks import journal_folder

    instance = os.environ.get("FIRSTHAND_INSTANCE_PATH") or _default_instance_path()
    app = Flask(__name__, instance_path=instance)
    app.config.from_mapping(configuration.from_environment(app.instance_path))
    app.config.update(config or {})
    app.json.ensure_ascii = False  # emoji icons and accents stay readable
    if app.config["PROXY_HOPS"]:
        # Behind N reverse proxies, the client is the address the Nth from the end added to
        # X-Forwarded-For: else every client was the proxy, and one stranger spent the console
        # sign-in limit (per address) of everyone, or every click of a day counted once. Off
        # by default: a client could then name any address it likes.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"])

    if data:
        app_data.load(app)  # every data file checked, by its schema, before any is used
    db.init_app(app)
    errors.init_app(app)
    input_guard.init_app(app)
    web_headers.init_app(app)
    limits.init_app(app)
    CORS(
        app,
        resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        # The extension waits as long as a 429 asks, and dates post ids on the server's clock
        # (extension/lib/server-clock.js): it must be allowed to read both headers.
        expose_headers=["Retry-After", "Date"],
        supports_credentials=False,
    )
    api.register(app)
    app.after_request(vary_by_language)  # badge and level names follow Accept-Language
    console.init_app(app)
    cli.init_app(app)
    # Clicks a killed worker journaled but never applied: counted now, not at the next click.
    sweep_at_start(journal_folder(app))
    return app
