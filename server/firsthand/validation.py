"""The JSON Schemas of the API (shared/schemas), and violations named field by field."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
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


@cache
def validator(name: str) -> Draft202012Validator:
    """Return a validator for the named schema, resolving refs to its siblings."""
    return Draft202012Validator(load_schemas()[name], registry=_registry())


def field_errors(name: str, instance: object) -> list[dict]:
    """List each violation as {"field", "message"}, in a stable order."""
    problems = []
    for error in validator(name).iter_errors(instance):
        path = ".".join(safe_name(str(p)) for p in error.absolute_path)
        for field, message in _explain(error):
            full = f"{path}.{field}" if path and field else (field or path or "(body)")
            problems.append({"field": full, "message": message})
    return sorted(problems, key=lambda p: (p["field"], p["message"]))


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
    if kind in ("minimum", "maximum"):
        return f"must be {'at least' if kind == 'minimum' else 'at most'} {value}"
    return error.schema.get("description") or "is not valid"
