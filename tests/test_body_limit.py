"""Every body a request schema admits fits the body limit; a larger one is the JSON 413.

A schema counts characters, the limit bytes: a 20,000-character draft of emoji, escaped as
json.dumps writes it (12 bytes each), was a 413 under the old fixed 64 KiB limit.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from firsthand.api.contract import PATH_PARAM, operation_of
from firsthand.body_limit import largest_body, largest_instance, request_body_limit
from firsthand.validation import load_schemas

OPENING = "We launched Atlas today, and I am proud of what our team built. "
# The longest draft suggestion.request admits: a sentence, then emoji to 20,000 characters.
DRAFT = OPENING + "\U0001f389" * (20_000 - len(OPENING))


def _operations_with_bodies(app) -> list[tuple[str, str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        operation = operation_of(app, rule.endpoint)
        if operation and operation.body:
            found.append((operation.method, PATH_PARAM.sub("1", rule.rule), operation.body))
    return found


def test_the_limit_is_the_largest_admitted_body_in_whole_kib():
    largest = max(
        largest_body(schema) for name, schema in load_schemas().items() if name.endswith(".request")
    )
    assert largest >= len(json.dumps({"text": DRAFT, "network": "linkedin"}))
    assert largest <= request_body_limit() < largest + 1024


def test_every_operation_takes_the_largest_body_its_schema_admits(app, client, make_user):
    admin = make_user("ada@example.com", role="admin", name="Ada")[1]
    operations = _operations_with_bodies(app)
    assert {"suggestion.request", "share-create.request", "story-create.request"} <= {
        body for _method, _path, body in operations
    }
    for method, path, schema in operations:
        body = json.dumps(largest_instance(load_schemas()[schema])).encode()
        answer = client.open(
            path,
            method=method,
            data=body,
            headers={**admin, "Content-Type": "application/json"},
        )
        # Most such bodies break a pattern or a rule (a link of emoji); none is too large.
        assert answer.status_code != 413, (method, path, len(body))
        assert answer.get_json() is not None, (method, path)


def test_a_draft_of_emoji_is_answered_over_http_and_a_larger_body_is_a_json_413(live_server, auth):
    def post(body: bytes) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{live_server}/api/v1/suggestions",
            data=body,
            headers={**auth, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as refused:
            return refused.code, json.load(refused)

    draft = json.dumps({"text": DRAFT, "network": "linkedin", "lang": "en"}).encode()
    assert len(draft) > 235_000  # each emoji escaped as 12 bytes
    status, answer = post(draft)
    assert status == 200 and "angles" in answer, answer
    status, answer = post(b'{"text": "' + b"a" * request_body_limit() + b'"}')
    assert status == 413
    assert answer["error"]["code"] == "payload_too_large"
    assert f"{request_body_limit() // 1024} KiB" in answer["error"]["message"]


@pytest.mark.parametrize("name", sorted(n for n in load_schemas() if n.endswith(".request")))
def test_every_request_schema_bounds_its_body(name):
    # A string without maxLength (or an array without maxItems) would make any limit wrong.
    assert largest_body(load_schemas()[name]) > 0
