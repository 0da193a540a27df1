"""GET /openapi.json: an OpenAPI 3.1 document built from the shared JSON Schemas."""

from __future__ import annotations

import copy
from functools import cache

from flask import Blueprint

from .. import __version__
from ..validation import load_schemas

bp = Blueprint("openapi", __name__)

# (method, path, summary, request schema, {status: response schema}, needs auth)
ENDPOINTS = [
    (
        "get",
        "/health",
        "Check that the service and its database answer",
        None,
        {200: "health.response"},
        False,
    ),
    (
        "get",
        "/me",
        "The caller's points, level, streak and badges",
        None,
        {200: "me.response"},
        True,
    ),
    (
        "get",
        "/me/badges",
        "Earned badges and progress towards the others",
        None,
        {200: "me-badges.response"},
        True,
    ),
    (
        "post",
        "/shares",
        "Log a published share (idempotent by Idempotency-Key and by post)",
        "share-create.request",
        {
            200: "share-create.response",
            201: "share-create.response",
            409: "error",
            413: "error",
            415: "error",
            422: "error",
        },
        True,
    ),
    (
        "get",
        "/shares",
        "The caller's shares, newest first",
        None,
        {200: "shares-page.response"},
        True,
    ),
    (
        "post",
        "/suggestions",
        "Read a draft's voice and topic and offer personal angles (not stored)",
        "suggestion.request",
        {200: "suggestion.response", 413: "error", 415: "error", 422: "error", 429: "error"},
        True,
    ),
    (
        "patch",
        "/me",
        "Change the caller's settings (leaderboard opt-out)",
        "me-update.request",
        {200: "me.response", 422: "error"},
        True,
    ),
    (
        "delete",
        "/shares/{share_id}",
        "Delete a share logged by mistake (points reversed)",
        None,
        {200: "share-delete.response", 404: "error"},
        True,
    ),
    (
        "get",
        "/leaderboard",
        "Ranked colleagues for a period and scope, and the caller's rank",
        None,
        {200: "leaderboard.response", 400: "error", 422: "error"},
        True,
    ),
    (
        "post",
        "/kudos",
        "Thank a colleague for a post",
        "kudos-create.request",
        {201: "kudos-create.response", 404: "error", 422: "error"},
        True,
    ),
    ("get", "/me/kudos", "Kudos the caller received", None, {200: "kudos-page.response"}, True),
    ("get", "/badges", "The badge catalogue", None, {200: "badges.response"}, True),
    (
        "get",
        "/me/export",
        "Everything Firsthand holds about the caller (download all my data)",
        None,
        {200: "me-export.response"},
        True,
    ),
    (
        "delete",
        "/me",
        "Delete the caller's account and data (confirm with the account's email)",
        "me-delete.request",
        {200: "me-delete.response", 415: "error", 422: "error", 429: "error"},
        True,
    ),
    (
        "post",
        "/users",
        "Invite an employee (admins)",
        "user-create.request",
        {201: "user-create.response", 403: "error", 409: "error", 422: "error"},
        True,
    ),
]


def _component(name: str) -> str:
    return f"#/components/schemas/{name}"


def _rewrite_refs(node: object) -> object:
    if isinstance(node, dict):
        return {
            key: _component(value.removesuffix(".schema.json"))
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value)
            for key, value in node.items()
            if key not in ("$id", "$schema")
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _operation(summary, request_schema, responses, auth) -> dict:
    op: dict = {"summary": summary, "responses": {}}
    for status, schema in sorted(responses.items()):
        op["responses"][str(status)] = {
            "description": "error" if schema == "error" else "success",
            "content": {"application/json": {"schema": {"$ref": _component(schema)}}},
        }
    if auth:
        op["security"] = [{"bearer": []}]
        op["responses"]["401"] = {
            "description": "missing, expired, tampered or revoked token",
            "content": {"application/json": {"schema": {"$ref": _component("error")}}},
        }
    if request_schema:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": _component(request_schema)}}},
        }
    return op


@cache
def document() -> dict:
    """Return the OpenAPI document (built once per process)."""
    paths: dict = {}
    for method, path, summary, request_schema, responses, auth in ENDPOINTS:
        paths.setdefault(path, {})[method] = _operation(summary, request_schema, responses, auth)
    schemas = {name: _rewrite_refs(copy.deepcopy(s)) for name, s in load_schemas().items()}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Firsthand API", "version": __version__},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi():
    """Serve the OpenAPI 3.1 description of this API."""
    return document()
