"""Hostile and careless use, twelfth round (SQLite and PostgreSQL): what the contract's
patterns let through, as an outsider sending odd strings would find it."""

from __future__ import annotations

import pytest

from firsthand.db import database
from firsthand.models import Share
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.mark.parametrize("source", ["api\n", "extension\n"])
def test_a_pattern_is_the_whole_string_not_up_to_a_final_line_break(app, client, auth, source):
    """`source` must match ^[a-z0-9_.-]+$; Python's `$` (unlike JSON Schema's, which is
    ECMA-262's) also matches before a final line break, so "api\\n" was logged with its line
    break stored. fastjsonschema refused it, then jsonschema, asked to explain, found nothing
    wrong and its verdict stood."""
    body = {"url": linkedin_url(1), "network": "linkedin", "source": source}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["error"]["details"][0]["field"] == "source"
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 0
