"""Each endpoint's contract, declared once where its route is.

    bp = ApiBlueprint("shares", __name__)

    @bp.operation(
        "POST",
        "/shares",
        summary="Log a published share",
        body="share-create.request",  # a schema in shared/schemas: parsed and validated
        params=[IDEMPOTENCY_KEY],  # query/header Params (params.py has the common ones)
        responses={201: "share-create.response", 200: "share-create.response", 409: "error"},
        limit=writes_limit,  # Flask-Limiter limit (per user; writes share one budget)
    )
    def create(body: dict, idempotency_key: str | None): ...

The declaration registers the route and wraps the view: the auth guard (`auth=True` is the
default), the rate limit, the role check (`role="admin"`), then the body and parameters. The
answers every such operation can give are added to the declared ones (`Operation.answers`):
400 always (input_guard), 413/415/422 with a JSON body, 401 with auth, 403 with a role, 404 with
a path parameter, 429 with a limit. api/openapi.py builds the OpenAPI document from these
declarations; with CHECK_RESPONSES on (every test run), each JSON answer is validated against
the schema declared for its operation and status, and a mismatch fails the test.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, Flask, Request, Response, request
from werkzeug.routing import IntegerConverter, Map

from ..auth import login_required, require_role
from ..errors import ApiError
from ..input_guard import check_json
from ..limits import accepted, limiter, refusals_budget, write_quota, writes_limit
from ..validation import field_errors
from .json_text import read_json

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 20  # a body with 10,000 unknown keys gets a short answer
PATH_PARAM = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
ERROR = "error"
# What each answer that every operation of a kind can give means, for the document.
STANDARD_ANSWERS = {
    400: "Malformed JSON, or a parameter that is not what it should be",
    401: "Missing, expired, tampered or revoked token",
    403: "The caller's role may not do this",
    404: "No such resource (or not the caller's)",
    413: "The body is larger than any body the request schemas admit (the limit is computed)",
    415: "The body is not sent as JSON",
    422: "The body breaks the contract, or the request cannot be carried out (each field named)",
    429: "Too many requests: wait the Retry-After seconds",
    503: "The database does not answer just now; nothing was changed: retry in a minute",
}


def _decimal_at_most(limit: int) -> str:
    """A regular expression for the decimals 1..limit, written without leading zeros."""
    digits = str(limit)
    shorter = f"[1-9][0-9]{{0,{len(digits) - 2}}}"
    same_length = [
        digits[:i] + f"[{'1' if i == 0 else '0'}-{int(d) - 1}]" + f"[0-9]{{{len(digits) - i - 1}}}"
        for i, d in enumerate(digits)
        if int(d) > (1 if i == 0 else 0)
    ]
    return "|".join([shorter, *same_length, digits])


class IdConverter(IntegerConverter):
    """`<id:name>`: a row id in a path, 1 to 2^63 - 1 (the database's BIGINT).

    A larger number (or 0, or leading zeros) matches no route (404) instead of overflowing
    the database. The bound is in the pattern, not only in to_python: werkzeug's matcher
    counts a rule's methods before it converts, so a PATCH to /stories/<too large> that
    failed in to_python answered 405 (the GET rule of the same path "matched") instead of 404.
    """

    regex = f"(?:{_decimal_at_most(2**63 - 1)})"

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=2**63 - 1)


@dataclass(frozen=True)
class Param:
    """A query or header parameter: documented by `schema`, parsed by `read`.

    `read` gets the raw text (None when absent) and returns the value, or raises
    ApiError(400) saying what is wrong. The view receives it as the keyword `arg`.
    """

    name: str
    where: str  # "query" or "header"
    schema: dict
    read: Callable[[str | None], object]
    description: str = ""

    @property
    def arg(self) -> str:
        return self.name.lower().replace("-", "_")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # the Flask rule, under the blueprint's prefix
    summary: str
    responses: dict[int, str]  # status -> schema name in shared/schemas, as declared
    body: str | None = None
    params: tuple[Param, ...] = ()
    auth: bool = True
    roles: tuple[str, ...] = ()
    limited: bool = False
    descriptions: dict[int, str] = field(default_factory=dict)

    @property
    def path_params(self) -> list[str]:
        return [name for _converter, name in PATH_PARAM.findall(self.path)]

    def answers(self) -> dict[int, str]:
        """Every status this operation can answer, with the schema of its body."""
        # 400 always: the input guard refuses a NUL or broken character in any request's
        # query string, whether the operation reads it or not.
        derived = {400}
        if self.body:
            derived |= {413, 415, 422}
        if self.auth:
            derived.add(401)
        if self.roles:
            derived.add(403)
        if self.path_params:
            derived.add(404)
        if self.limited:
            derived.add(429)
        derived.add(503)  # every operation needs the database
        return dict(sorted({**dict.fromkeys(derived, ERROR), **self.responses}.items()))

    def description(self, status: int) -> str:
        if status in self.descriptions:
            return self.descriptions[status]
        return STANDARD_ANSWERS.get(status, "Success" if status < 400 else "Refused")


class ApiBlueprint(Blueprint):
    """A blueprint whose routes declare their contract (see the module docstring)."""

    def operation(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        responses: dict[int, str],
        body: str | None = None,
        params: Iterable[Param] = (),
        auth: bool = True,
        role: str | tuple[str, ...] = (),
        limit: Callable[[], str] | None = None,
        descriptions: dict[int, str] | None = None,
        stores_body: bool = True,
        quota_in_view: bool = False,
        found: Callable[..., object] | None = None,
    ):
        """`stores_body=False`: the body is read, never stored, so NUL characters may stay.
        `quota_in_view=True`: the view checks the `limit` quota itself, once it knows it will
        write (`limits.spends_write_quota`); refusals keep their budget here. `found(**ids)`
        raises the 404 of a path id the caller may not use, first: a 404 whatever the body."""
        roles = (role,) if isinstance(role, str) else tuple(role)
        declared = Operation(
            method.upper(),
            path,
            summary,
            dict(responses),
            body,
            tuple(params),
            auth,
            roles,
            limit is not None,
            dict(descriptions or {}),
        )

        def decorator(view: Callable) -> Callable:
            @wraps(view)
            def parsed(*args, **kwargs):
                if found is not None:
                    found(**kwargs)
                for param in declared.params:
                    kwargs[param.arg] = param.read(_raw_param(param))
                if declared.body:
                    kwargs["body"] = json_body(declared.body, allow_nul=not stores_body)
                return view(*args, **kwargs)

            guarded = require_role(*roles)(parsed) if roles else parsed
            if limit is writes_limit and not quota_in_view:
                guarded = write_quota(guarded)  # one budget for all writes
            elif limit and not quota_in_view:
                guarded = limiter.limit(limit, deduct_when=accepted)(guarded)
            if limit:
                guarded = refusals_budget(limit, guarded)
            guarded = login_required(guarded) if auth else guarded
            guarded.operation = declared
            # No redirect from /api/v1//shares (Werkzeug's merged slashes): a 308 with an HTML
            # body and a Location built from the Host header; a 404 in JSON instead.
            self.add_url_rule(
                path, view_func=guarded, methods=[declared.method], merge_slashes=False
            )
            return guarded

        return decorator


def _raw_param(param: Param) -> str | None:
    """The parameter's text as sent, once. ?limit=5&limit=500 was read as 5 (Werkzeug takes
    the first), where many proxies, caches and frameworks take the last: refused, as a JSON
    name given twice is, rather than each reader acting on another value."""
    if param.where != "query":
        return request.headers.get(param.name)
    sent = request.args.getlist(param.name)
    if len(sent) > 1:
        raise ApiError(400, f"The query gives {param.name} {len(sent)} times: give it once.")
    return sent[0] if sent else None


def operation_of(app: Flask, endpoint: str | None) -> Operation | None:
    """The declared contract of a view, if it has one."""
    view = app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "operation", None)


def json_body(schema: str, *, allow_nul: bool = False) -> dict:
    """Parse the request body as JSON and check it against a schema, or raise ApiError."""
    mimetype = request.mimetype
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise ApiError(415, "Send the body as JSON with 'Content-Type: application/json'.")
    codings = request.headers.get("Content-Encoding", "identity").lower().split(",")
    if any(coding.strip() != "identity" for coding in codings):
        # Not decoded: a gzip body read as text was "not valid UTF-8", a mislabelled one as sent.
        # ("identity" sent twice arrives as "identity, identity": still uncompressed.)
        raise ApiError(415, "Send the body uncompressed, without a Content-Encoding header.")
    body = read_json(request.get_data(cache=True), request.mimetype_params.get("charset"))
    problems = field_errors(schema, body)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in shown)
        more = len(problems) - len(shown)
        summary += f" (and {more} more)" if more else ""
        raise ApiError(422, f"The request does not match the contract. {summary}", details=shown)
    check_json(body, allow_nul=allow_nul)
    return body


# --- Checking the answers against the declarations (enabled by CHECK_RESPONSES) -----------

VIOLATIONS: list[str] = []  # read and cleared by the tests after each test


def check_responses(app: Flask, prefix: str) -> None:
    """Validate every JSON answer under `prefix` against its declared schema."""

    @app.after_request
    def _check(response: Response) -> Response:
        if request.path.startswith(prefix) and request.method not in ("HEAD", "OPTIONS"):
            problem = _violation(app, request, response)
            if problem:
                VIOLATIONS.append(problem)
                log.error("contract violation: %s", problem)
        return response


def _violation(app: Flask, req: Request, response: Response) -> str | None:
    where = f"{req.method} {req.path} answered {response.status_code}"
    declared = operation_of(app, req.url_rule.endpoint if req.url_rule else None)
    if declared is None and req.url_rule is not None:
        return f"{where}: the route declares no contract"
    schema = declared.answers().get(response.status_code) if declared else ERROR
    if schema is None:
        return f"{where}: status not declared (declared: {sorted(declared.answers())})"
    if not response.is_json:
        return f"{where}: {response.mimetype}, not JSON"
    problems = field_errors(schema, response.get_json())
    return f"{where}: breaks {schema}: {problems}" if problems else None
