"""Stories in the console: the list with each story's figures (sortable, CSV), posting and
editing a story with a preview of what employees see, withdrawing it, and approving the
stories employees suggest."""

from __future__ import annotations

import re
from datetime import datetime

from flask import current_app, g, render_template, request

from .. import stories as domain
from .. import stories_suggestions as suggestions
from ..clock import OutOfRange, parse_rfc3339
from ..errors import ApiError, invalid
from ..folding import sort_key
from ..stories_figures import figures_for
from ..stories_models import Story
from ..stories_webhooks import announcements_of
from ..teams import managed_team_ids
from . import scope
from .security import area_blueprint
from .stories_csv import stories_csv
from .ui import done, failed, field_errors, form_ints, form_text, now

bp = area_blueprint("console_stories", "/stories", nav="Stories", order=35)

SORTS = {
    # Folded as the people list is: "Émilie" beside "emilie", not after "Zoe".
    "title": lambda row: (sort_key(row["story"].title), row["story"].id),
    "state": lambda row: row["state"],
    "starts": lambda row: row["story"].starts_at,
    "connected": lambda row: (row["figures"]["connected"], row["figures"]["audience"]),
    "shares": lambda row: row["figures"]["shares"],
    "own_voice": lambda row: row["figures"]["own_voice_share"] or 0,
    "clicks": lambda row: row["figures"]["clicks"],
}
FORM_MAX = {"title": 140, "context": 4000, "link": 2048, "image_url": 2048, "question": 200}


def _rows() -> list[dict]:
    stories = domain.managed_stories(g.console_user)
    figures = figures_for(stories, scope.team_ids())  # a manager: their teams' people only
    moment = now()
    return [
        {"story": s, "state": domain.state_of(s, moment), "figures": figures[s.id]} for s in stories
    ]


@bp.get("/")
def index():
    rows = _rows()
    sort = request.args.get("sort", "starts")
    sort = sort if sort in SORTS else "starts"
    descending = request.args.get("dir", "desc") != "asc"
    rows.sort(key=SORTS[sort], reverse=descending)
    if request.args.get("format") == "csv":
        return stories_csv(rows)
    return render_template(
        "console/stories.html",
        rows=rows,
        sort=sort,
        descending=descending,
        pending=len(suggestions.pending_suggestions(g.console_user)),
        min_group=current_app.config["ANALYTICS_MIN_GROUP"],
    )


# --- The story form ---------------------------------------------------------------------


def _teams_for_form():
    return scope.teams_for_forms()


def _when(name: str) -> datetime | None:
    """A From or Until time: the form sends UTC without an offset (2026-11-18T09:00); one
    typed with an offset is that moment in UTC (fromisoformat's time with the offset cut off
    was hours away), a date alone is its midnight. Read as the API reads its times, so the
    ISO 8601 spellings the API refuses (weeks, basic offsets) are refused here too."""
    raw = form_text(name, 40)
    if not raw:
        return None
    try:
        moment = parse_rfc3339(f"{raw}T00:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else raw)
    except OutOfRange as exc:
        raise invalid(name, "is out of range: in UTC it falls outside the years 0001–9999") from exc
    except ValueError as exc:
        raise invalid(name, "must be a date and time such as 2026-11-22T09:30 (UTC)") from exc
    return moment.replace(second=0, microsecond=0)


def _fields_from_form() -> domain.StoryFields:
    everyone = request.form.get("audience") == "everyone"
    team_ids = form_ints("team_ids")
    questions = [form_text(f"question_{i}", 200) for i in range(1, 5)]
    return domain.StoryFields(
        title=form_text("title", FORM_MAX["title"]),
        context=form_text("context", FORM_MAX["context"]),
        link=form_text("link", FORM_MAX["link"]) or None,
        image_url=form_text("image_url", FORM_MAX["image_url"]) or None,
        everyone=everyone,
        team_ids=team_ids,  # both given: a 422 ("choose one"), never a silent choice
        starts_at=_when("starts_at"),
        ends_at=_when("ends_at"),
        questions=[q for q in questions if q],
        clear=("link", "image_url", "ends_at"),
    )


def _form_values(story: Story | None) -> dict:
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in request.form}
        values["team_ids"] = form_ints("team_ids")
        return values
    if story is None:
        start = now().strftime("%Y-%m-%dT%H:%M")
        # A new story's audience is valid as it stands: everyone for an admin, every team a
        # manager manages for a manager (their "everyone"). "Chosen teams" with none ticked
        # was refused on Publish. Ticking a team chooses "Chosen teams" (static/story-form.js);
        # without JavaScript, "Everyone" with ticked teams is a 422, never a silent choice.
        if scope.is_admin():
            return {"audience": "everyone", "team_ids": [], "starts_at": start}
        mine = [team.id for team in _teams_for_form()]
        return {"audience": "teams", "team_ids": mine, "starts_at": start}
    values = {
        "title": story.title,
        "context": story.context,
        "link": story.link or "",
        "image_url": story.image_url or "",
        "audience": "everyone" if story.everyone else "teams",
        "team_ids": domain.team_ids_of(story),
        "starts_at": story.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": story.ends_at.strftime("%Y-%m-%dT%H:%M") if story.ends_at else "",
    }
    for i, question in enumerate(story.question_list, start=1):
        values[f"question_{i}"] = question
    return values


# The form's own words for the fields an error names (the API's names mean nothing here),
# in the form's order: each fault is shown beside its field (ui.field_errors).
FIELD_LABELS = {
    "title": "Title",
    "context": "What happened",
    "link": "Link",
    "image_url": "Image address",
    "questions": "Angle questions",
    **{f"question_{i}": f"Question {i}" for i in range(1, 5)},
    "team_ids": "Chosen teams",  # "…must be empty when the story is for everyone: choose one"
    "starts_at": "From",
    "ends_at": "Until",
}


# The audience faults as the form's radio buttons and ticks put them.
AUDIENCE_WORDS = {
    domain.NO_TEAMS: "Chosen teams: tick at least one team{or_everyone}.",
    domain.TEAMS_WITH_EVERYONE: "Audience: Everyone is chosen and teams are ticked too. Choose "
    "Everyone (and untick the teams), or Chosen teams.",
}


def _in_form_words(field: str, reason: str) -> str:
    if field == "team_ids" and reason in AUDIENCE_WORDS:
        or_everyone = ", or choose Everyone" if scope.is_admin() else " of yours"
        return AUDIENCE_WORDS[reason].format(or_everyone=or_everyone)
    for name, label in FIELD_LABELS.items():
        if "_" in name:  # "must be after starts_at": only the API's names, not plain words
            reason = reason.replace(name, label)
    return f"{FIELD_LABELS[field]} {reason}."


def _render_form(story: Story | None, refused: ApiError | None = None, status: int = 200):
    """The form; refused, with what was typed and each fault beside its field, in the form's
    words ("Until must be after From."), or above the form when it names no field."""
    errors, error = field_errors(refused, FIELD_LABELS, _in_form_words) if refused else ({}, None)
    return (
        render_template(
            "console/story_form.html",
            story=story,
            values=_form_values(story),
            teams=_teams_for_form(),
            is_admin=scope.is_admin(),
            error=error,
            errors=errors,
            max=FORM_MAX,
        ),
        status,
    )


@bp.get("/new")
def new():
    return _render_form(None)


@bp.post("/")
def create():
    try:
        fields = _fields_from_form()
        fields.status = "draft" if request.form.get("action") == "draft" else "published"
        story = domain.create_story(g.console_user, fields, now())
    except ApiError as error:
        return _render_form(None, error, 422)
    what = "saved as a draft" if fields.status == "draft" else _published(story, "posted")
    if getattr(story, "repeated", False):  # the form sent twice: the first one stands
        what = f"was already {what}, a moment ago: this is it"
    return done(f"Story “{story.title}” {what}.", ".story", story_id=story.id)


def _published(story: Story, word: str) -> str:
    """What publishing did: `word`, or "scheduled for 10 Dec 2026" while its From date is
    ahead (the page says "Scheduled · from 10 Dec 2026": "posted" read as live)."""
    if domain.state_of(story, now()) == "scheduled":
        return f"scheduled for {story.starts_at.day} {story.starts_at:%b %Y}"
    return word


def _story(story_id: int) -> Story:
    try:
        return domain.story_for_manager(g.console_user, story_id)
    except ApiError as error:
        from flask import abort

        abort(error.status, error.message)


@bp.get("/<id:story_id>")
def story(story_id: int):
    row = _story(story_id)
    return render_template(
        "console/story.html",
        story=row,
        state=domain.state_of(row, now()),
        figures=figures_for([row], scope.team_ids())[row.id],
        teams=domain.teams_of(row),
        min_group=current_app.config["ANALYTICS_MIN_GROUP"],
        announcements=announcements_of(row),
    )


@bp.get("/<id:story_id>/edit")
def edit(story_id: int):
    return _render_form(_story(story_id))


@bp.post("/<id:story_id>/edit")
def update(story_id: int):
    row = _story(story_id)
    try:
        domain.update_story(g.console_user, row, _fields_from_form(), now())
    except ApiError as error:
        return _render_form(row, error, 422)
    return done("Story saved.", ".story", story_id=row.id)


@bp.post("/<id:story_id>/state")
def change_state(story_id: int):
    row = _story(story_id)
    wanted = request.form.get("status")
    if wanted not in ("published", "withdrawn", "draft"):
        return failed(
            ApiError(422, "Choose publish, withdraw or back to draft."), ".story", story_id=row.id
        )
    try:
        domain.update_story(g.console_user, row, domain.StoryFields(status=wanted), now())
    except ApiError as error:
        return failed(error, ".story", story_id=row.id)
    words = {"published": _published(row, "published"), "withdrawn": "withdrawn"}
    words["draft"] = "back to draft"
    return done(f"Story {words[wanted]}.", ".story", story_id=row.id)


# --- Suggestions ----------------------------------------------------------------------


@bp.get("/suggestions")
def pending():
    return render_template(
        "console/story_suggestions.html",
        rows=suggestions.pending_suggestions(g.console_user),
        managed=None if scope.is_admin() else managed_team_ids(g.console_user),
    )


@bp.post("/suggestions/<id:suggestion_id>/approve")
def approve(suggestion_id: int):
    questions = [form_text(f"question_{i}", 200) for i in range(1, 5)]
    fields = domain.StoryFields(questions=[q for q in questions if q], status="draft")
    try:
        story = suggestions.approve_suggestion(g.console_user, suggestion_id, fields, now())
    except ApiError as error:
        return failed(error, ".pending")
    return done(
        "Suggestion approved as a draft story: complete it, then publish.",
        ".edit",
        story_id=story.id,
    )


@bp.post("/suggestions/<id:suggestion_id>/decline")
def decline(suggestion_id: int):
    try:
        suggestions.decline_suggestion(g.console_user, suggestion_id, now())
    except ApiError as error:
        return failed(error, ".pending")
    return done("Suggestion declined.", ".pending")
