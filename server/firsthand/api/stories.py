"""Stories: /stories for employees (their team's live stories) and for admins and managers
(post, edit, withdraw, figures), /story-suggestions, and the public tracked links /r/<code>."""

from __future__ import annotations

from flask import Blueprint, current_app, g, request
from flask.sessions import SecureCookieSessionInterface

from .. import stories as domain
from .. import stories_copy as copies
from .. import stories_json as as_json
from .. import stories_suggestions as suggestions_domain
from ..auth import as_issued
from ..errors import ApiError, invalid
from ..limits import suggestions_limit, writes_limit
from ..stories_clicks import client_key, count_click, is_bot, repeat_window
from ..stories_figures import figures_for
from ..stories_links import resolve, tracked_link
from ..stories_models import Story
from ..teams import managed_team_ids
from .contract import ApiBlueprint
from .helpers import now, parse_time

bp = ApiBlueprint("stories", __name__)
links = Blueprint("story_links", __name__)
MANAGERS = domain.MANAGING_ROLES
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"


def _fields(body: dict) -> domain.StoryFields:
    """The body's story fields; null on link, image_url or ends_at clears them."""
    return domain.StoryFields(
        title=body.get("title"),
        context=body.get("context"),
        link=body.get("link"),
        image_url=body.get("image_url"),
        everyone=body.get("everyone"),
        team_ids=body.get("team_ids"),
        starts_at=parse_time(body.get("starts_at"), "starts_at"),
        ends_at=parse_time(body.get("ends_at"), "ends_at"),
        questions=body.get("questions"),
        status=body.get("status"),
        clear=tuple(k for k in ("link", "image_url", "ends_at") if k in body and body[k] is None),
    )


def base_url() -> str:
    """Where tracked links point: FIRSTHAND_PUBLIC_URL when set, else this request's host."""
    configured = current_app.config["PUBLIC_URL"]
    return configured if configured != DEFAULT_PUBLIC_URL else request.host_url.rstrip("/")


def _viewer_teams() -> set[int] | None:
    """The teams whose people the caller's figures count: all for admins (None), a
    manager's own teams otherwise (as the console shows them)."""
    return None if g.user.role == "admin" else managed_team_ids(g.user)


def _with_figures(story) -> dict:
    return as_json.manager_json(story, now(), figures_for([story], _viewer_teams())[story.id])


@bp.operation(
    "GET",
    "/stories",
    summary="The live stories for the caller's team, newest first, with colleagues' post counts",
    responses={200: "stories.response"},
)
def listing():
    """Live stories meant for the caller: what happened, angle questions, how many colleagues
    posted about each (a count, no names) and the caller's personal tracked link."""
    user, moment = g.user, now()
    rows = domain.live_stories_for(user, moment)
    ids = [s.id for s in rows]
    counts = as_json.colleagues_posted(ids, user, current_app.config["ANALYTICS_MIN_GROUP"])
    mine = as_json.posted_by(ids, user)
    root = base_url()
    return {
        "data": [
            as_json.employee_json(s, counts.get(s.id), s.id in mine, tracked_link(root, s, user))
            for s in rows
        ]
    }


@bp.operation(
    "GET",
    "/stories/manage",
    summary="Every story the caller manages (any state), newest first, with figures",
    responses={200: "stories-manage.response"},
    role=MANAGERS,
)
def manage_listing():
    """Admins see every story; managers the stories for the teams they manage."""
    rows = domain.managed_stories(g.user)
    figures = figures_for(rows, _viewer_teams())
    moment = now()
    return {"data": [as_json.manager_json(s, moment, figures[s.id]) for s in rows]}


@bp.operation(
    "POST",
    "/stories",
    summary="Post a story to tell (published, or a draft)",
    body="story-create.request",
    responses={201: "story.response", 200: "story.response"},
    role=MANAGERS,
    limit=writes_limit,
)
def create(body: dict):
    """Post a story: admins for everyone or any teams, managers for the teams they manage.
    The same story sent again by its author within minutes (a retry) answers 200 with it."""
    story = domain.create_story(g.user, _fields(body), now())
    return _with_figures(story), 200 if getattr(story, "repeated", False) else 201


@bp.operation(
    "GET",
    "/stories/<id:story_id>",
    summary="A story the caller manages, with its figures",
    responses={200: "story.response"},
    role=MANAGERS,
)
def show(story_id: int):
    """One story with its figures: reached, shares, own-voice shares, clicks, by team."""
    return _with_figures(domain.story_for_manager(g.user, story_id))


@bp.operation(
    "PATCH",
    "/stories/<id:story_id>",
    summary="Edit a story, publish a draft or withdraw it",
    body="story-update.request",
    responses={200: "story.response", 409: "error"},
    descriptions={
        409: "The story is withdrawn (set its status to draft to edit it again), or it ended"
        " and cannot be withdrawn (it is out of Ideas already)"
    },
    role=MANAGERS,
    limit=writes_limit,
    found=lambda story_id: domain.story_for_manager(g.user, story_id),
)
def update(body: dict, story_id: int):
    """Change the fields given; `status` publishes, withdraws or returns a story to draft."""
    story = domain.story_for_manager(g.user, story_id)
    domain.update_story(g.user, story, _fields(body), now())
    return _with_figures(story)


def _story_to_tell(story_id: int) -> Story:
    """A live or expired story for the caller, or the 404 of one that is not."""
    story = Story.get_or_none(Story.id == story_id)
    if story is None or domain.state_of(story, now()) not in ("live", "expired"):
        raise ApiError(404, f"There is no story {story_id} for you.")
    if not domain.is_for(story, g.user):
        raise ApiError(404, f"There is no story {story_id} for you.")
    return story


@bp.operation(
    "POST",
    "/stories/<id:story_id>/draft-check",
    summary="Does a draft read like the story's announcement? (the draft is never stored)",
    body="story-draft-check.request",
    responses={200: "story-draft-check.response"},
    found=_story_to_tell,
    limit=suggestions_limit,  # read as often as /suggestions (the panel asks both as you type)
    stores_body=False,
)
def draft_check(body: dict, story_id: int):
    """Compare a draft with the story's own text, as logging the share will."""
    story = _story_to_tell(story_id)
    similarity = copies.story_similarity(story, body["text"])
    copy = copies.reads_like_story(story, body["text"])
    return {
        "reads_like_story": copy,
        "similarity": similarity,
        "message": "This reads like the announcement: add what it meant to you." if copy else None,
    }


@bp.operation(
    "POST",
    "/story-suggestions",
    summary="Suggest a story (a link and a line) for an admin to approve",
    body="story-suggestion-create.request",
    responses={200: "story-suggestion.response", 201: "story-suggestion.response"},
    descriptions={
        200: "The same suggestion again while it is pending: the first one, nothing written",
        201: "Suggested: it waits for a decision",
    },
    limit=writes_limit,
)
def suggest(body: dict):
    """Any employee may suggest a story; it waits for an admin's (or manager's) approval."""
    suggestion, again = suggestions_domain.suggest(g.user, body.get("link"), body["line"], now())
    return {**as_json.suggestion_json(suggestion), "duplicate": again}, 200 if again else 201


def _suggestion_with_author(suggestion) -> dict:
    body = as_json.suggestion_json(suggestion)
    author = suggestion.user
    body["suggested_by"] = {"id": author.id, "name": author.name, "team": author.team_name}
    return body


@bp.operation(
    "GET",
    "/story-suggestions",
    summary="Story suggestions waiting for a decision, oldest first",
    responses={200: "story-suggestions.response"},
    role=MANAGERS,
)
def suggestions():
    """Pending suggestions: all for admins, their teams' for managers."""
    pending = suggestions_domain.pending_suggestions(g.user)
    return {"data": [_suggestion_with_author(s) for s in pending]}


@bp.operation(
    "POST",
    "/story-suggestions/<id:suggestion_id>/approve",
    summary="Approve a suggestion: it becomes a story (a draft unless status is published)",
    body="story-update.request",
    responses={201: "story.response"},
    role=MANAGERS,
    limit=writes_limit,
    found=lambda suggestion_id: suggestions_domain.suggestion_for(g.user, suggestion_id),
)
def approve(body: dict, suggestion_id: int):
    """The body completes the story (questions are required); by default it is a draft."""
    fields = _fields(body)
    if fields.status is None:
        fields.status = "draft"
    if fields.questions is None:
        raise invalid("questions", "must hold 2 to 4 angle questions for the new story")
    story = suggestions_domain.approve_suggestion(g.user, suggestion_id, fields, now())
    return _with_figures(story), 201


@bp.operation(
    "POST",
    "/story-suggestions/<id:suggestion_id>/decline",
    summary="Decline a story suggestion",
    responses={200: "story-suggestion.response"},
    role=MANAGERS,
    limit=writes_limit,
)
def decline(suggestion_id: int):
    suggestion = suggestions_domain.decline_suggestion(g.user, suggestion_id, now())
    return _suggestion_with_author(suggestion)


# --- /r/<code>: the public tracked link -----------------------------------------------

NOT_FOUND_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Link not found</title>"
    "<p>This link is not valid. Check that it was copied whole.</p></html>"
)


@links.route("/r/<code>", methods=["GET", "HEAD"])
def follow(code: str):
    """Redirect to the story's link with UTM parameters; count a person's first click."""
    resolved = resolve(code)
    if resolved is None:
        return current_app.response_class(NOT_FOUND_PAGE, 404, NOT_FOUND_HEADERS)
    agent = request.headers.get("User-Agent", "")
    if request.method == "GET" and not is_bot(agent):
        moment = now()
        key = client_key(code, request.remote_addr, agent, moment.date().isoformat())
        if repeat_window().first_time(key):
            count_click(resolved.story.id, resolved.user_id, moment)
    return current_app.response_class(b"", 302, [("Location", resolved.target), *REDIRECT_HEADERS])


def link_error_page(status: int, message: str):
    """A refusal of a tracked link's address itself (a NUL in it): the same page as a code
    that names no link, not JSON, for whoever clicked it."""
    return current_app.response_class(NOT_FOUND_PAGE, status, NOT_FOUND_HEADERS)


class CookielessLinks(SecureCookieSessionInterface):
    """Flask's signed-cookie session (the console's), never opened on a tracked link nor on
    the JSON API: the redirect neither reads a cookie nor sets one, and the API signs its
    callers in by bearer token (the cookie is scoped to /console, so it is never sent there
    anyway). Opening it built a signing serializer on every request: about a tenth of a
    health check's CPU."""

    def open_session(self, app, request):
        if request.path.startswith(SESSIONLESS_PATHS):
            return None  # Flask's null session: never saved
        cookie = request.cookies.get(self.get_cookie_name(app))
        if cookie and not as_issued(cookie):
            # itsdangerous's base64 skips what is not in its alphabet and the signature's
            # spare bits: the cookie with "*" inside or its last letter respelt signed in.
            return self.session_class()  # as a cookie whose signature fails: signed out
        return super().open_session(app, request)


SESSIONLESS_PATHS = ("/r/", "/api/")


NOT_FOUND_HEADERS = [("Cache-Control", "no-store")]
REDIRECT_HEADERS = [
    ("Cache-Control", "no-store"),  # every click comes back to be counted
    ("Referrer-Policy", "no-referrer-when-downgrade"),
]
