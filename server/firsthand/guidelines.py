"""The posting guidelines an admin writes in the console; employees read them at
/guidelines (linked from the popup, and from the "not sure what's allowed" answer)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for

from .reach_models import ProgramPage

SLUG = "guidelines"


def current() -> ProgramPage | None:
    return ProgramPage.get_or_none(ProgramPage.slug == SLUG)


def address() -> str:
    """Where people read them: at FIRSTHAND_PUBLIC_URL, as connect links are, never on
    whatever host a request's Host header named (the popup opens this link)."""
    return current_app.config["PUBLIC_URL"] + url_for("program_pages.guidelines")


def save(title: str, body: str, now: datetime) -> ProgramPage:
    """Write the guidelines (call inside the write transaction that audits it)."""
    page = current()
    if page is None:
        return ProgramPage.create(slug=SLUG, title=title, body=body, updated_at=now)
    page.title, page.body, page.updated_at = title, body, now
    page.save()
    return page


def paragraphs(page: ProgramPage | None) -> list[str]:
    return [p.strip() for p in (page.body if page else "").split("\n\n") if p.strip()]
