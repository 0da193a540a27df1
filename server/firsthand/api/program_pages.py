"""GET /guidelines (HTML, no sign-in): the posting guidelines the admin wrote."""

from flask import Blueprint, render_template

from .. import guidelines as posting_guidelines

bp = Blueprint("program_pages", __name__)


@bp.get("/guidelines")
def guidelines():
    page = posting_guidelines.current()
    return render_template(
        "guidelines.html", page=page, paragraphs=posting_guidelines.paragraphs(page)
    )
