"""Settings (admins): the Slack and Microsoft Teams incoming webhooks that new stories and,
when turned on, the weekly recognition summary are posted to."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import g, render_template, request

from .. import audit
from ..db import write_transaction
from ..errors import ApiError
from ..stories_webhooks import SETTINGS, configured_url, settings
from ..web_address import web_address
from ..webhook_models import WebhookSettings, WeeklySummaryPost
from ..weekly_summary_messages import LABELS
from .security import area_blueprint
from .ui import done, form_text, now

bp = area_blueprint("console_settings", "/settings", nav="Settings", order=60, roles=("admin",))


def masked(url: str | None) -> str | None:
    """Enough of a webhook address to recognise it, not enough to post to it."""
    if not url:
        return None
    parts = urlsplit(url)
    tail = url.rstrip("/")[-4:]
    try:  # the port too: a typo in it is what one checks for on a test receiver
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{parts.hostname}{port}/…{tail}"


def _page(errors: dict | None = None, status: int = 200):
    """The page; `errors`: each refused address's reason, shown beside its field."""
    saved = settings()
    hooks = [
        {
            "kind": kind,
            "label": LABELS[kind],
            "saved": masked(getattr(saved, f"{kind}_url")),
            "deployed": masked(configured_url(kind)),
            "variable": f"FIRSTHAND_{SETTINGS[kind]}",
        }
        for kind in SETTINGS
    ]
    recent = list(
        WeeklySummaryPost.select()
        .order_by(WeeklySummaryPost.week.desc(), WeeklySummaryPost.destination)
        .limit(8)
    )
    page = render_template(
        "console/settings.html",
        saved=saved,
        hooks=hooks,
        recent=recent,
        errors=errors or {},
        labels=LABELS,
    )
    return page, status


@bp.get("/")
def index():
    return _page()


@bp.post("/")
def save():
    saved, moment = settings(), now()
    changes: dict = {}
    errors: dict[str, str] = {}
    for kind in SETTINGS:
        column = f"{kind}_url"
        try:
            typed = web_address(form_text(column, 2048), f"{LABELS[kind]} webhook", public=False)
        except ApiError as error:
            errors[column] = error.message  # beside its field; every address is checked
            continue
        if request.form.get(f"{kind}_remove") and getattr(saved, column):
            setattr(saved, column, None)
            setattr(saved, f"{kind}_since", None)
            changes[column] = "removed"
        elif typed and typed != getattr(saved, column):
            setattr(saved, column, typed)  # a new channel: caught up from now on only
            setattr(saved, f"{kind}_since", moment)
            changes[column] = "set"
    if errors:
        return _page(errors, 422)
    weekly = request.form.get("weekly_summary") == "on"
    if weekly != saved.weekly_summary:
        saved.weekly_summary = weekly
        saved.weekly_summary_since = moment if weekly else None  # no weeks of the pause
        changes["weekly_summary"] = "on" if weekly else "off"
    if not changes:
        return done("Nothing changed.", ".index")
    saved.updated_at, saved.updated_by = moment, g.console_user.id
    with write_transaction():
        WebhookSettings.insert(id=1).on_conflict_ignore().execute()  # the first save
        saved.save()
        audit.record(
            g.console_user,
            "settings.webhooks",
            audit.Target("console", None, "webhook settings"),
            moment,
            changes,  # never the addresses: they are secrets
        )
    return done("Webhook settings saved.", ".index")
