"""The program console: server-rendered pages for admins and managers, in the same app.

Adding an area (a story library, analytics…): make a blueprint with `area_blueprint(...)`
(it signs people in, checks their role, renders errors as pages and puts the area in the
navigation), extend "console/base.html", guard admin-only views with `@requires_role("admin")`,
keep managers to their teams with the helpers in `scope`, and record every change with
`firsthand.audit.record` inside the change's write transaction.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect


class CSRFAsIssued(CSRFProtect):
    """Flask-WTF's CSRF check, for the token only as it was issued: like the session cookie,
    it is itsdangerous's, whose base64 decoder skips what is not in its alphabet and the
    signature's spare bits, so a token with a character added or its last one respelt passed."""

    def protect(self, apply_exemptions: bool = False) -> None:
        from ..auth import as_issued

        token = self._get_csrf_token()
        if token and not as_issued(token):
            self._error_response("The CSRF token is invalid.")
        super().protect(apply_exemptions)


csrf = CSRFAsIssued()


def init_app(app: Flask) -> None:
    """Configure the signed session cookie and CSRF, and register every console area."""
    from . import (
        analytics_views,
        audit_views,
        auth_views,
        home_views,
        import_views,
        people_views,
        person_actions,
        recognition_views,
        settings_views,
        stories_announce_views,  # noqa: F401 - adds its routes to stories_views.bp
        stories_views,
        teams_views,
    )
    from .errors import init_errors
    from .security import configure_session

    configure_session(app)
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # the JSON API uses bearer tokens
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", app.config["CONSOLE_SESSION_HOURS"] * 3600)
    csrf.init_app(app)
    for module in (
        auth_views,
        home_views,
        people_views,
        person_actions,
        import_views,
        teams_views,
        recognition_views,
        analytics_views,
        stories_views,
        audit_views,
        settings_views,
    ):
        app.register_blueprint(module.bp)
    init_errors(app)

    from .ui import bound_flashes, template_globals

    app.after_request(bound_flashes)

    @app.context_processor
    def _console_globals() -> dict:
        from flask import request

        return template_globals() if request.path.startswith("/console") else {}
