"""The request bodies' fast check (fastjsonschema, compiled from shared/schemas) never accepts
what jsonschema refuses, and refused bodies are still explained by jsonschema, field by field."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firsthand.validation import (
    _fast_check,
    _same_meaning,
    field_errors,
    load_schemas,
    validator,
)

REQUESTS = sorted(name for name in load_schemas() if name.endswith(".request"))

# Values that sit on the edges where two validators could read a schema differently:
# booleans as numbers, floats as integers, trailing newlines against `$`, code points
# against lengths, nulls, empty and nested containers.
EDGES = st.one_of(
    st.sampled_from([True, False, None, 0, 1, -1, 1.0, 2.5, 2**63, "", " ", "a\n", "x" * 41]),
    st.sampled_from(["linkedin", "other", "2026-11-22T09:30:00Z", "https://example.com/p"]),
    st.text(max_size=12),
    st.integers(min_value=-3, max_value=10**6),
    st.lists(st.integers(min_value=0, max_value=3), max_size=3),
    st.dictionaries(st.sampled_from(["a", "id", "url"]), st.integers(), max_size=2),
)


def bodies(name: str):
    fields = sorted(load_schemas()[name].get("properties", {})) + ["unknown"]
    return st.one_of(
        st.dictionaries(st.sampled_from(fields), EDGES, max_size=len(fields)),
        EDGES,  # not an object at all
    )


def test_every_request_schema_is_compiled():
    # The hot path gains only if the request bodies take it; a schema that stops qualifying
    # (a keyword whose meaning differs between the drafts) falls back silently otherwise.
    assert REQUESTS and [name for name in REQUESTS if _fast_check(name) is None] == []


@pytest.mark.parametrize("name", REQUESTS)
def test_the_fast_check_accepts_only_what_jsonschema_accepts(name):
    check = _fast_check(name)

    @settings(max_examples=150, deadline=None)
    @given(bodies(name))
    def agree(body):
        jsonschema_ok = validator(name).is_valid(body)
        try:
            check(body)
            fast_ok = True
        except Exception:  # noqa: BLE001 - any refusal: jsonschema explains it
            fast_ok = False
        if fast_ok:
            assert jsonschema_ok, body
        # What the API answers is jsonschema's verdict and wording either way.
        expected = sorted(
            ".".join(map(str, e.absolute_path)) or "(body)"
            for e in validator(name).iter_errors(body)
        )
        assert bool(field_errors(name, body)) == bool(expected), body

    agree()


def test_a_refused_body_is_explained_field_by_field():
    problems = field_errors(
        "share-create.request", {"network": "myspace", "url": "", "extra": 1, "source": "A B"}
    )
    assert problems == [
        {"field": "extra", "message": "is not a known field"},
        {"field": "network", "message": "must be one of: linkedin, x, facebook, other"},
        {
            "field": "source",
            "message": "must be lowercase letters, digits, '.', '_' or '-' "
            "(e.g. extension, popup, api)",
        },
        {"field": "url", "message": "must not be empty"},
    ]


@pytest.mark.parametrize(
    "name,fields",
    [
        ("share-create.request", ["network", "url"]),
        ("kudos-create.request", ["message", "to_user_id"]),
        ("user-create.request", ["email", "name"]),
    ],
)
def test_each_missing_field_is_named_once(name, fields):
    # jsonschema gives one error per missing field, each carrying the whole `required` list.
    assert field_errors(name, {}) == [{"field": f, "message": "is required"} for f in fields]


def test_an_empty_body_is_refused_naming_each_missing_field_once(client, auth):
    response = client.post("/api/v1/shares", json={}, headers=auth)
    error = response.get_json()["error"]
    assert response.status_code == 422
    assert error["details"] == [
        {"field": "network", "message": "is required"},
        {"field": "url", "message": "is required"},
    ]
    assert error["message"].endswith("network: is required; url: is required")


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "share.schema.json", "maxLength": 3},  # drafts 4–7 ignore $ref's siblings
        {"enum": [1, 2]},  # fastjsonschema: True == 1
        {"const": True},
        {"type": "array", "items": [{"type": "string"}]},  # a tuple in drafts 4–7 only
        {"type": "object", "unevaluatedProperties": False},  # 2019-09 on
        {"type": "object", "properties": {"a": {"dependentRequired": {"a": ["b"]}}}},
    ],
)
def test_schemas_read_differently_by_the_drafts_are_left_to_jsonschema(schema):
    schemas = {s["$id"]: s for s in load_schemas().values()}
    assert not _same_meaning(schema, schemas, set())


def test_compiling_leaves_the_contract_as_it_is():
    before = copy.deepcopy(load_schemas())
    _fast_check.cache_clear()
    assert all(_fast_check(name) for name in REQUESTS)
    assert load_schemas() == before
