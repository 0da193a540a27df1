"""The posting guidelines an admin writes in the console; employees read them at
/guidelines (linked from the popup, and from the "not sure what's allowed" answer)."""

from __future__ import annotations

from datetime import datetime

from .reach_models import ProgramPage

SLUG = "guidelines"


def current() -> ProgramPage | None:
    return ProgramPage.get_or_none(ProgramPage.slug == SLUG)


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
