"""The audit log: who changed what, when; filterable, newest first, keyset-paged."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import render_template, request, url_for

from ..admin_models import AuditEvent
from ..audit import ACTIONS, detail_text, detail_words, details_of
from ..folding import fold
from .security import area_blueprint
from .ui import arg_int

bp = area_blueprint("console_audit", "/audit", nav="Audit log", order=50, roles=("admin",))
PAGE = 50


def _day(name: str) -> datetime | None:
    """Midnight UTC of a YYYY-MM-DD filter (the log's times are UTC)."""
    raw = request.args.get(name) or ""
    try:
        return datetime.combine(date.fromisoformat(raw), time.min, tzinfo=UTC)
    except ValueError:
        return None


@bp.get("/")
def index():
    args = request.args
    query = AuditEvent.select()
    actor = (args.get("actor") or "").strip()[:200]
    if actor:
        query = query.where(AuditEvent.actor_label_folded.contains(fold(actor)))
    action = args.get("action")
    if action in ACTIONS:
        query = query.where(AuditEvent.action == action)
    target = (args.get("target") or "").strip()[:200]
    if target:
        query = query.where(AuditEvent.target_label_folded.contains(fold(target)))
    person = arg_int("person")
    if person:
        query = query.where((AuditEvent.target_type == "person") & (AuditEvent.target_id == person))
    since, until = _day("from"), _day("to")
    if since:
        query = query.where(AuditEvent.at >= since)
    if until and until.date() < date.max:  # to=9999-12-31: no day after it, no bound
        query = query.where(AuditEvent.at < until + timedelta(days=1))
    before = arg_int("before")
    page = query.where(AuditEvent.id < before) if before else query
    events = list(page.order_by(AuditEvent.id.desc()).limit(PAGE + 1))
    more = len(events) > PAGE
    events = events[:PAGE]
    kept = {k: v for k, v in args.items() if k != "before" and v}
    return render_template(
        "console/audit.html",
        events=[(e, details_of(e)) for e in events],
        actions=ACTIONS,
        detail_words=detail_words,
        detail_text=detail_text,
        args=args,
        next_url=url_for(".index", **kept, before=events[-1].id) if more else None,
        first_url=url_for(".index", **kept) if before else None,
    )
