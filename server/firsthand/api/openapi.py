"""GET /openapi.json: the OpenAPI 3.1 document, generated from the routes' declarations."""

from __future__ import annotations

import copy

from flask import Flask, current_app
from werkzeug.routing import IntegerConverter, Rule

from .. import __version__
from ..validation import load_schemas
from . import API_PREFIX
from .contract import PATH_PARAM, ApiBlueprint, Operation, Param, operation_of

bp = ApiBlueprint("openapi", __name__)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _rewrite_refs(node: object) -> object:
    """Turn the shared schemas' file references into component references."""
    if isinstance(node, dict):
        return {
            key: _ref(value.removesuffix(".schema.json"))["$ref"]
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value)
            for key, value in node.items()
            if key not in ("$id", "$schema")
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _path_parameter(rule: Rule, name: str) -> dict:
    converter = rule._converters.get(name)  # werkzeug keeps each argument's converter
    schema: dict = {"type": "string"}
    if isinstance(converter, IntegerConverter):
        schema = {"type": "integer"}
        low = 0 if converter.min is None and not converter.signed else converter.min
        bounds = {"minimum": low, "maximum": converter.max}
        schema.update({key: value for key, value in bounds.items() if value is not None})
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _parameter(param: Param) -> dict:
    body = {"name": param.name, "in": param.where, "required": False, "schema": param.schema}
    return {**body, "description": param.description} if param.description else body


def _operation(op: Operation, rule: Rule) -> dict:
    document: dict = {"summary": op.summary, "operationId": rule.endpoint, "responses": {}}
    parameters = [_path_parameter(rule, name) for name in op.path_params]
    parameters += [_parameter(param) for param in op.params]
    if parameters:
        document["parameters"] = parameters
    if op.body:
        document["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(op.body)}},
        }
    for status, schema in op.answers().items():
        answer = {
            "description": op.description(status),
            "content": {"application/json": {"schema": _ref(schema)}},
        }
        if status == 429:
            answer["headers"] = {"Retry-After": {"schema": {"type": "integer", "minimum": 0}}}
        document["responses"][str(status)] = answer
    if op.auth:
        document["security"] = [{"bearer": []}]
    return document


def document(app: Flask, prefix: str) -> dict:
    """The OpenAPI document of every declared route under `prefix` (built once per app)."""
    cached = app.extensions.get("firsthand.openapi")
    if cached is not None:
        return cached
    paths: dict = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        op = operation_of(app, rule.endpoint)
        if op is None or not rule.rule.startswith(prefix):
            continue
        path = PATH_PARAM.sub(lambda found: "{" + found[2] + "}", rule.rule.removeprefix(prefix))
        paths.setdefault(path, {})[op.method.lower()] = _operation(op, rule)
    schemas = {name: _rewrite_refs(copy.deepcopy(s)) for name, s in load_schemas().items()}
    app.extensions["firsthand.openapi"] = {
        "openapi": "3.1.0",
        "info": {"title": "Firsthand API", "version": __version__},
        "servers": [{"url": prefix}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
    return app.extensions["firsthand.openapi"]


@bp.operation(
    "GET",
    "/openapi.json",
    summary="This API as an OpenAPI 3.1 document",
    responses={200: "openapi.response"},
    auth=False,
)
def openapi():
    """Serve the OpenAPI 3.1 description of this API."""
    return document(current_app, API_PREFIX)
