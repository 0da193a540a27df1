"""The request body limit: the largest JSON body any request schema admits, computed.

A schema counts characters, the limit counts bytes. With `ensure_ascii` (Python's json default,
and what many clients send) one character outside the Basic Multilingual Plane, an emoji, is
written as two escapes, `\\ud83d\\ude00`: 12 bytes. A suggestion's draft of 20,000 characters
may therefore be 240,000 bytes on the wire, and a fixed 64 KiB limit refused drafts the
schema admits (413). The limit is instead the size of the largest body the request schemas
admit, each string at its maxLength of 12-byte characters, written with json.dumps's
separators (", " and ": ", wider than JSON.stringify's), rounded up to a whole KiB: no larger,
so an oversized body is still refused before it is read.
"""

from __future__ import annotations

import json
import math

from .input_guard import INT64_MAX, INT64_MIN
from .validation import load_schemas

WIDEST_CHARACTER = "\U0001f600"  # 12 bytes escaped (a surrogate pair), 4 in UTF-8
KIB = 1024


class Unbounded(ValueError):
    """A request schema admits bodies of any size: no limit can be computed from it."""


def largest_instance(schema: dict) -> object:
    """The value `schema` admits whose JSON is longest (patterns and formats aside: only
    the size counts here, not whether the server would take the value)."""
    if "oneOf" in schema or "anyOf" in schema:
        return _widest([largest_instance(s) for s in schema.get("oneOf", schema.get("anyOf"))])
    if "enum" in schema:
        return _widest(list(schema["enum"]))
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return _widest([largest_instance({**schema, "type": kind}) for kind in kinds])
    if kinds == "string":
        if "maxLength" not in schema:
            raise Unbounded(f"a string without maxLength: {schema}")
        return WIDEST_CHARACTER * schema["maxLength"]
    if kinds == "integer":
        # Without bounds, still a 64-bit integer: check_json refuses larger ones.
        return _widest([schema.get("maximum", INT64_MAX), schema.get("minimum", INT64_MIN)])
    if kinds == "boolean":
        return False
    if kinds == "null":
        return None
    if kinds == "array":
        if "maxItems" not in schema:
            raise Unbounded(f"an array without maxItems: {schema}")
        return [largest_instance(schema.get("items", {}))] * schema["maxItems"]
    if kinds == "object":
        if schema.get("additionalProperties", True) is not False:
            raise Unbounded(f"an object open to other properties: {schema}")
        properties = schema.get("properties", {})
        return {name: largest_instance(value) for name, value in properties.items()}
    raise Unbounded(f"a value of a kind not sized here: {schema}")


def _widest(values: list[object]) -> object:
    return max(values, key=lambda value: len(json.dumps(value)))


def largest_body(schema: dict) -> int:
    """Bytes of the largest body `schema` admits, as json.dumps writes it (ASCII escapes)."""
    return len(json.dumps(largest_instance(schema)).encode())


def request_body_limit() -> int:
    """MAX_CONTENT_LENGTH: the largest body any request schema admits, in whole KiB."""
    largest = max(
        largest_body(schema) for name, schema in load_schemas().items() if name.endswith(".request")
    )
    return math.ceil(largest / KIB) * KIB
