"""The HTTP API: one blueprint per resource, all under /api/v1; public pages beside it.

Every API route declares its contract with `ApiBlueprint.operation` (see contract.py); the
OpenAPI document is generated from those declarations.
"""

from flask import Flask

from .. import errors

API_PREFIX = "/api/v1"


def register(app: Flask) -> None:
    """Register every resource blueprint on the app."""
    from . import (
        badge_pages,
        badges,
        connect,
        contract,
        favicon,
        health,
        kudos,
        leaderboard,
        me,
        my_data,
        openapi,
        potential_reach,
        program_pages,
        question,
        reach,
        shares,
        stories,
        suggestions,
        teams,
        users,
    )

    app.url_map.converters["id"] = contract.IdConverter  # before any rule uses it
    for module in (
        health,
        me,
        my_data,
        shares,
        reach,
        potential_reach,
        question,
        suggestions,
        badges,
        leaderboard,
        kudos,
        users,
        stories,
        teams,
        openapi,
    ):
        app.register_blueprint(module.bp, url_prefix=API_PREFIX)
    app.register_blueprint(connect.bp)
    app.register_blueprint(badge_pages.bp)
    app.register_blueprint(program_pages.bp)
    app.register_blueprint(favicon.bp)
    app.register_blueprint(stories.links)
    app.session_interface = stories.CookielessLinks()
    # Pages a person opens from a link they were sent: a refusal there is a page too.
    errors.html_pages("/connect", connect.error_page)
    errors.html_pages("/r/", stories.link_error_page)
    errors.html_pages("/guidelines", program_pages.error_page)
    errors.html_pages("/badges/assertions/", badge_pages.error_page)
    if app.config.get("CHECK_RESPONSES"):
        contract.check_responses(app, API_PREFIX)
