"""The JSON Schemas of the API (shared/schemas), and violations named field by field."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource

from .input_guard import safe_name

SCHEMA_BASE = "https://firsthand.example/schemas/"


def schema_dir() -> Path:
    """Return the folder of the shared JSON Schemas (the API contract)."""
    configured = os.environ.get("FIRSTHAND_SCHEMA_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "shared" / "schemas"


@cache
def load_schemas() -> dict[str, dict]:
    """Return every schema by name (file name without .schema.json)."""
    schemas = {}
    for path in sorted(schema_dir().glob("*.schema.json")):
        schemas[path.name.removesuffix(".schema.json")] = json.loads(path.read_text())
    if not schemas:
        raise RuntimeError(f"no JSON Schemas found in {schema_dir()}")
    return schemas


@cache
def _registry() -> Registry:
    resources = [
        (schema["$id"], Resource.from_contents(schema)) for schema in load_schemas().values()
    ]
    return Registry().with_resources(resources)


# A schema's `pattern` is ECMA-262's, where `$` ends the string; Python's `$` also matches
# before a final line break, so "api\n" passed ^[a-z0-9_.-]+$ and was stored with it.
# fastjsonschema reads `$` as `\Z` (this same rule): the two validators keep one verdict.
UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _ecma_regex(pattern: str) -> re.Pattern:
    return re.compile(UNESCAPED_DOLLAR.sub(r"\\Z", pattern))


def _pattern(_validator, pattern: str, instance: object, _schema: dict):
    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"does not match {pattern!r}")


_ApiValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def validator(name: str) -> Draft202012Validator:
    """Return a validator for the named schema, resolving refs to its siblings."""
    return _ApiValidator(load_schemas()[name], registry=_registry())


# The keywords whose meaning fastjsonschema (drafts 4–7) and jsonschema (2020-12, formats not
# asserted) share, as this project's schemas use them; a schema with any other keyword (or a
# `$ref` beside other keywords, or an `items` list, or a non-string enum or const, which
# fastjsonschema compares with `==`, so that True equals 1) is checked by jsonschema alone.
SAME_MEANING = frozenset(
    {
        "$schema", "$id", "title", "description", "default", "$ref",
        "type", "enum", "const", "format",
        "properties", "required", "additionalProperties", "minProperties",
        "items", "minItems", "maxItems", "oneOf",
        "minLength", "maxLength", "pattern", "minimum", "maximum",
    }
)  # fmt: skip


@cache
def _fast_check(name: str) -> Callable[[object], object] | None:
    """The named schema compiled to Python by fastjsonschema, or None where its reading could
    differ from jsonschema's.

    It only says whether a body is valid, several times faster than jsonschema, which
    interprets the schema on every call; a body it refuses is explained by jsonschema
    (`field_errors`), so the messages and the verdict on anything it refuses are
    jsonschema's. It is compiled from the same files in shared/schemas, never copied.
    """
    schemas = {schema["$id"]: schema for schema in load_schemas().values()}
    root = load_schemas()[name]
    if not _same_meaning(root, schemas, set()):
        return None
    try:
        # Copies: fastjsonschema rewrites the `$ref`s of what it compiles in place.
        return fastjsonschema.compile(
            copy.deepcopy(root),
            # Refs name sibling files, never fetched.
            handlers={"https": lambda uri: copy.deepcopy(schemas[uri])},
            use_default=False,  # check, never fill in
            use_formats=False,  # as jsonschema: "format" annotates, it does not refuse
            detailed_exceptions=False,
        )
    except (fastjsonschema.JsonSchemaDefinitionException, KeyError):
        return None


def _same_meaning(schema: object, schemas: dict, seen: set) -> bool:
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict) or not set(schema) <= SAME_MEANING:
        return False
    if "$ref" in schema:
        target = schema["$ref"]
        if set(schema) - {"$ref", "description", "title"}:
            return False  # 2020-12 applies a $ref's siblings; drafts 4–7 ignore them
        if target in seen:
            return True
        seen.add(target)
        referred = schemas.get(SCHEMA_BASE + target)
        return referred is not None and _same_meaning(referred, schemas, seen)
    for keyword in ("enum", "const"):
        values = schema.get(keyword, []) if keyword == "enum" else [schema.get(keyword, "")]
        if not all(isinstance(value, str) for value in values):
            return False
    items = schema.get("items", True)
    extra = schema.get("additionalProperties", True)
    parts = [items, extra, *schema.get("properties", {}).values(), *schema.get("oneOf", [])]
    return isinstance(items, (dict, bool)) and all(
        _same_meaning(part, schemas, seen) for part in parts
    )


def field_errors(name: str, instance: object) -> list[dict]:
    """List each violation as {"field", "message"}, in a stable order."""
    check = _fast_check(name)
    if check is not None:
        try:
            check(instance)
            return []  # valid: nothing to explain
        except fastjsonschema.JsonSchemaValueException:
            pass  # jsonschema names every violation (or finds none: its verdict stands)
    # A set: jsonschema gives one `required` error per missing field, each naming the whole
    # list; _explain names every missing one from each, so {} listed each field twice.
    problems = set()
    for error in validator(name).iter_errors(instance):
        path = ".".join(safe_name(str(p)) for p in error.absolute_path)
        for field, message in _explain(error):
            full = f"{path}.{field}" if path and field else (field or path or "(body)")
            problems.add((full, message))
    return [{"field": field, "message": message} for field, message in sorted(problems)]


def _explain(error) -> list[tuple[str, str]]:
    """Name the fields a required/additionalProperties error is about."""
    if error.validator == "required" and isinstance(error.instance, dict):
        return [(f, "is required") for f in error.validator_value if f not in error.instance]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - known)
        return [(safe_name(f), "is not a known field") for f in unknown]
    if error.validator == "type" and not error.absolute_path:
        return [("", "the body must be a JSON object")]
    return [("", _plain(error))]


def _plain(error) -> str:
    """Say what is wrong without echoing the offending value (it may be draft text)."""
    kind = error.validator
    value = error.validator_value
    if kind in ("oneOf", "anyOf"):  # e.g. null or a string: say what is wrong with the string
        fitting = [e for e in error.context or () if e.validator != "type"]
        if fitting:
            return _plain(fitting[0])
    if kind == "type":
        return f"must be of type {value if isinstance(value, str) else ' or '.join(value)}"
    if kind == "enum":
        return f"must be one of: {', '.join(map(str, value))}"
    if kind == "maxLength":
        return f"must be at most {value} characters"
    if kind == "minLength":
        return "must not be empty" if value == 1 else f"must be at least {value} characters"
    if kind == "pattern":
        return error.schema.get("description") or "has the wrong format"
    if kind == "minProperties" and error.schema.get("properties"):  # PATCH /me with {}
        fields = ", ".join(error.schema["properties"])
        return f"send at least one of: {fields}" if value == 1 else f"send {value} of: {fields}"
    if kind in ("minItems", "maxItems") and not error.schema.get("description"):
        # (201 team ids were "team_ids: is not valid", which says nothing to change)
        bound = "at least" if kind == "minItems" else "at most"
        return f"must hold {bound} {value} {'item' if value == 1 else 'items'}"
    if kind in ("minimum", "maximum"):
        return f"must be {'at least' if kind == 'minimum' else 'at most'} {value}"
    return error.schema.get("description") or "is not valid"
