"""A JSON body naming one field twice is refused: parsers differ on which value counts
(Python's json the last, others the first), so a proxy that checked one value and this server
acting on the other could each be right by their own rules. Nothing is written."""

import pytest
from test_hostile_input import POST_URL, writes_count

BODIES = {
    "share, the post twice": (
        "POST",
        "/api/v1/shares",
        f'{{"url": "{POST_URL}", "network": "linkedin", "url": "https://example.com/other"}}',
        "url",
    ),
    "share, the same value twice": (
        "POST",
        "/api/v1/shares",
        f'{{"url": "{POST_URL}", "network": "linkedin", "network": "linkedin"}}',
        "network",
    ),
    "profile, nested": (
        "PATCH",
        "/api/v1/me",
        '{"name": "Ann", "notifications": {"weekly": true, "weekly": false}}',
        "weekly",
    ),
    "suggestions, in a list": (
        "POST",
        "/api/v1/suggestions",
        '{"text": "A draft.", "x": [{"a": 1, "a": 2}]}',
        "a",
    ),
}


@pytest.mark.parametrize("method,path,raw,name", BODIES.values(), ids=BODIES.keys())
def test_a_field_named_twice_is_malformed_json(app, client, auth, method, path, raw, name):
    before = writes_count(app)
    headers = {**auth, "Content-Type": "application/json"}
    response = client.open(path, method=method, data=raw, headers=headers)
    assert response.status_code == 400, response.get_data()[:300]
    error = response.get_json()["error"]
    assert error["code"] == "malformed_json"
    assert f'"{name}" is given twice' in error["message"]
    assert writes_count(app) == before


def test_a_long_name_given_twice_is_named_clipped(client, auth):
    name = "n" * 5000
    raw = f'{{"url": "{POST_URL}", "{name}": 1, "{name}": 2}}'
    headers = {**auth, "Content-Type": "application/json"}
    response = client.post("/api/v1/shares", data=raw, headers=headers)
    assert response.status_code == 400
    message = response.get_json()["error"]["message"]
    assert f'"{"n" * 40}…" is given twice' in message and len(message) < 200


def test_distinct_names_still_pass(client, auth):
    raw = f'{{"url": "{POST_URL}", "network": "linkedin"}}'
    headers = {**auth, "Content-Type": "application/json"}
    assert client.post("/api/v1/shares", data=raw, headers=headers).status_code == 201
