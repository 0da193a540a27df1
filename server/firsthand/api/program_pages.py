"""GET /guidelines (HTML, no sign-in): the posting guidelines the admin wrote; GET / leads to
the console."""

from flask import Blueprint, Response, make_response, redirect, render_template, url_for

from .. import guidelines as posting_guidelines

bp = Blueprint("program_pages", __name__)


@bp.get("/")
def home() -> Response:
    """The server's own address, as `./scripts/run` prints it, opened in a browser: the console
    (its sign-in page when signed out), not a JSON "No such endpoint" (the cold review)."""
    return redirect(url_for("console_home.index"))


@bp.get("/guidelines")
def guidelines():
    page = posting_guidelines.current()
    return render_template(
        "guidelines.html", page=page, paragraphs=posting_guidelines.paragraphs(page)
    )


def error_page(status: int, message: str) -> Response:
    """A refusal of the address itself (a NUL in its query, say): a page with a way to the
    guidelines, not a JSON body in the browser of whoever followed the link."""
    body = render_template(
        "guidelines.html", page=None, paragraphs=[], problem=message, home=url_for(".guidelines")
    )
    return make_response(body, status)
