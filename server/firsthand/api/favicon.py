"""GET /favicon.ico: the extension's icon, so a browser tab on the server's pages (connect page,
console, badge pages) shows Firsthand instead of asking for it in vain on every page load.
scripts/make_icons.py draws it with the extension's icons."""

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("favicon", __name__)

WEEK = 7 * 24 * 3600  # the icon changes with a release, if ever; revalidated by ETag after


@bp.get("/favicon.ico")
def favicon():
    return send_from_directory(
        current_app.static_folder,
        "favicon.ico",
        mimetype="image/vnd.microsoft.icon",
        max_age=WEEK,
    )
