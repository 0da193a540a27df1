"""Hostile input found by probing a running server (SQLite and PostgreSQL): each case here was
a 500, a partial write or an answer the declared contract does not list."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_rate_limits(app):
    for name in ("WRITES", "SUGGESTIONS", "REFUSED"):
        app.config[f"RATELIMIT_{name}"] = "100000/minute"


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/api/v1/me?x=%00"),
        ("GET", "/api/v1/health?x=%00"),
        ("GET", "/api/v1/badges?x%00=1"),
        ("DELETE", "/api/v1/shares/1?x=%00"),
        ("GET", "/api/v1/stories?x=%00"),
    ],
)
def test_a_nul_in_any_query_string_is_a_declared_400(client, auth, method, path):
    """The input guard refuses a NUL in the query of every request, read or not: the 400 is
    in each operation's contract (the autouse fixture fails an undeclared status)."""
    response = client.open(path, method=method, headers=auth)
    assert response.status_code == 400
    assert "NUL" in response.get_json()["error"]["message"]
