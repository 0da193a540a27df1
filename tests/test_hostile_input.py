"""Hostile input gets a 4xx JSON error naming what is wrong: never a 500, never a partial write.

Listed cases first (each seen as a 500 once), then property-based search (hypothesis) over the
same families, bounded by example count. Both run on SQLite and, when configured, PostgreSQL
(which refuses NUL in text and checks column widths).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firsthand.db import database
from firsthand.models import PointsEntry, Share
from helpers import CLOCK_START, linkedin_url

POST_URL = linkedin_url(1, CLOCK_START - timedelta(hours=1))
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def send(client, method: str, path: str, body: object, headers: dict):
    data = None if body is None else json.dumps(body)  # lone surrogates go as \\udxxx escapes
    return client.open(
        path, method=method, data=data, headers={**headers, "Content-Type": "application/json"}
    )


def assert_client_error(response) -> dict:
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data()[:300])
    error = response.get_json()["error"]
    assert error["code"] and error["message"]
    return error


def writes_count(app) -> tuple[int, int]:
    with app.app_context(), database.connection_context():
        return Share.select().count(), PointsEntry.select().count()


pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.fixture
def admin(make_user):
    return make_user(role="admin")[1]


# --- Listed cases ---------------------------------------------------------------------------

SHARE_BODIES = {
    "lone surrogate in text": {"url": POST_URL, "network": "linkedin", "text": "café \ud800!"},
    "NUL in text": {"url": POST_URL, "network": "linkedin", "text": "a\x00b"},
    "port out of range": {"url": "https://example.com:99999/p", "network": "other"},
    "port not a number": {"url": "https://example.com:8o/p", "network": "other"},
    "port in Arabic digits": {"url": "https://example.com:\u0663\u0663/p", "network": "other"},
    "broken IPv6 host": {"url": "https://[::1/p", "network": "other"},
    "IPv6 host": {"url": "https://[::1]:80/p", "network": "other"},
    "year 1 with an offset": {
        "url": POST_URL,
        "network": "linkedin",
        "posted_at": "0001-01-01T00:00:00+01:00",
    },
    "year 9999 with an offset": {
        "url": POST_URL,
        "network": "linkedin",
        "posted_at": "9999-12-31T23:59:59-01:00",
    },
    "25-digit activity id": {
        "url": "https://www.linkedin.com/feed/update/urn:li:activity:1234567890123456789012345/",
        "network": "linkedin",
    },
    "activity id from the future": {
        "url": linkedin_url(1, CLOCK_START + timedelta(days=400)),
        "network": "linkedin",
    },
    "URL longer than the column": {
        "url": "https://example.com/" + "%C3%A9" * 300,
        "network": "other",
    },
    "lone surrogate in a key": {"url": POST_URL, "network": "linkedin", "x\ud800": 1},
    "NaN": {"url": POST_URL, "network": "linkedin", "text": float("nan")},
}


@pytest.mark.parametrize("body", SHARE_BODIES.values(), ids=SHARE_BODIES.keys())
def test_hostile_share_bodies_are_refused_without_writing(app, client, auth, body):
    before = writes_count(app)
    assert_client_error(send(client, "POST", "/api/v1/shares", body, auth))
    assert writes_count(app) == before


def test_a_future_activity_id_is_named_as_impossible(client, auth):
    body = SHARE_BODIES["activity id from the future"]
    error = assert_client_error(send(client, "POST", "/api/v1/shares", body, auth))
    assert error["code"] == "validation_failed"
    assert (
        error["details"] == [{"field": "url", "message": error["details"][0]["message"]}]
        and "cannot exist" in error["message"]
    )


OTHER_BODIES = {
    "kudos to a 65-bit user id": ("POST", "/api/v1/kudos", {"to_user_id": 2**64, "message": "x"}),
    "kudos for a 65-bit share id": (
        "POST",
        "/api/v1/kudos",
        {"to_user_id": 1, "share_id": 2**64, "message": "x"},
    ),
    "kudos to 1e300": ("POST", "/api/v1/kudos", {"to_user_id": 1e300, "message": "x"}),
    "NUL in a kudos message": ("POST", "/api/v1/kudos", {"to_user_id": 1, "message": "a\x00"}),
    "surrogate in a kudos message": (
        "POST",
        "/api/v1/kudos",
        {"to_user_id": 1, "message": "a\udfff"},
    ),
    "NUL in an invited email": ("POST", "/api/v1/users", {"email": "a\x00@b.co", "name": "A"}),
    "NUL in a team": ("POST", "/api/v1/users", {"email": "a@b.co", "name": "A", "team": "\x00"}),
    "surrogate in a name": ("POST", "/api/v1/users", {"email": "a@b.co", "name": "A\ud800"}),
    "surrogate in a draft": ("POST", "/api/v1/suggestions", {"text": "a\ud800"}),
    "NUL in a confirmation": ("DELETE", "/api/v1/me", {"confirm_email": "\x00"}),
}


@pytest.mark.parametrize("method,path,body", OTHER_BODIES.values(), ids=OTHER_BODIES.keys())
def test_hostile_bodies_are_refused(client, admin, method, path, body):
    assert_client_error(send(client, method, path, body, admin))


def test_a_whole_number_written_with_a_fraction_is_that_number(client, auth):
    body = {"url": POST_URL, "network": "linkedin", "story_id": 7.0}
    error = assert_client_error(send(client, "POST", "/api/v1/shares", body, auth))
    assert error["details"][0]["message"] == "is not a story for you (no live story 7)"
    # Past 2**53 a float is not the number: read exactly, the id stays the one sent.
    raw = f'{{"url": "{POST_URL}", "network": "linkedin", "story_id": 9007199254740993.0}}'
    answer = client.post("/api/v1/shares", data=raw, content_type="application/json", headers=auth)
    assert answer.status_code == 422
    assert "no live story 9007199254740993)" in answer.get_json()["error"]["details"][0]["message"]


LONG_NUMBER = "7" * 5001  # past Python's 4,300-digit limit on reading an integer
LONG_NUMBER_BODIES = {
    "kudos": ("POST", "/api/v1/kudos", f'{{"to_user_id": {LONG_NUMBER}, "message": "hi"}}'),
    "share": ("POST", "/api/v1/shares", f'{{"url": "{POST_URL}", "network": {LONG_NUMBER}}}'),
    "suggestions": ("POST", "/api/v1/suggestions", f'{{"text": "hi", "x": [{LONG_NUMBER}]}}'),
    "potential reach": ("PUT", "/api/v1/me/potential-reach", f'{{"linkedin": -{LONG_NUMBER}}}'),
    "profile": ("PATCH", "/api/v1/me", f'{{"name": {{"a": {LONG_NUMBER}}}}}'),
}


@pytest.mark.parametrize(
    "method,path,raw", LONG_NUMBER_BODIES.values(), ids=LONG_NUMBER_BODIES.keys()
)
def test_a_number_too_long_to_read_is_malformed_json(app, client, auth, method, path, raw):
    before = writes_count(app)
    headers = {**auth, "Content-Type": "application/json"}
    response = client.open(path, method=method, data=raw, headers=headers)
    assert response.status_code == 400, response.get_data()[:300]
    error = response.get_json()["error"]
    assert error["code"] == "malformed_json"
    assert "number too long" in error["message"] and "4,300 digits" in error["message"]
    assert LONG_NUMBER[:50] not in response.get_data(as_text=True)
    assert writes_count(app) == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/shares?limit=%C2%B2",  # '²': str.isdigit() says yes, int() says no
        "/api/v1/shares?offset=%D9%A3",
        "/api/v1/shares?offset=99999999999999999999999",
        "/api/v1/me/kudos?limit=1e9",
        "/api/v1/leaderboard?limit=%00",
        "/api/v1/shares?limit=1&x%00=1",
        "/api/v1/shares?cursor=999999999999999999.1",  # microseconds past the year 9999
        "/api/v1/me/kudos?cursor=253402300800000000.1",
    ],
)
def test_hostile_query_strings_are_refused(client, auth, path):
    assert assert_client_error(client.get(path, headers=auth))


@pytest.mark.parametrize(
    "path",
    [
        "/badges/assertions/%00",
        "/badges/assertions/99999999999999999999999",
        "/badges/classes/a%00b",
        "/badges/images/%00.svg",
        "/connect?invite=%00",
    ],
)
def test_hostile_public_paths_are_refused(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500


def test_ids_beyond_64_bits_in_paths_are_not_found(client, auth):
    response = client.delete(f"/api/v1/shares/{2**64}", headers=auth)
    assert assert_client_error(response)["code"] == "not_found"


def test_unknown_keys_are_named_safely_not_echoed(client, auth):
    long_key = "<script>" + "k" * 5000
    body = {"url": POST_URL, "network": "linkedin", long_key: 1, "bad\x1bkey": 2}
    response = send(client, "POST", "/api/v1/shares", body, auth)
    error = assert_client_error(response)
    text = response.get_data(as_text=True)
    assert "k" * 100 not in text and "\x1b" not in text
    fields = [d["field"] for d in error["details"]]
    assert fields == ["<script>" + "k" * 32 + "…", "bad\\u001bkey"]


def test_thousands_of_unknown_keys_get_a_short_answer(client, auth):
    body = {"url": POST_URL, "network": "linkedin", **{f"k{i}": i for i in range(2000)}}
    response = send(client, "POST", "/api/v1/shares", body, auth)
    error = assert_client_error(response)
    assert len(error["details"]) == 20 and "(and 1980 more)" in error["message"]


# --- Property-based search -------------------------------------------------------------------

# Characters that have broken parsers or databases before, mixed into ordinary text.
NASTY = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "\u0663", "\u00b2", "\uff11", "\u2028", "\ufeff", "%", ":", "["]
)
TEXT = st.text(st.one_of(st.characters(), NASTY), max_size=40)
NUMBER = st.one_of(
    st.integers(),
    st.integers(min_value=2**63 - 5, max_value=2**70),
    st.floats(allow_nan=False),
)
ANY_JSON = st.one_of(TEXT, NUMBER, st.booleans(), st.none(), st.lists(TEXT, max_size=3))
OFFSETS = st.integers(min_value=-24 * 60 + 1, max_value=24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)
EDGE_TIMES = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
    st.one_of(
        st.datetimes(max_value=datetime.fromisoformat("0001-01-03")),
        st.datetimes(min_value=datetime.fromisoformat("9999-12-29")),
        st.datetimes(),
    ),
    OFFSETS,
)
PORTS = st.one_of(st.integers(min_value=-10, max_value=10**20).map(str), TEXT)
HOSTS = st.one_of(
    st.sampled_from(["example.com", "www.linkedin.com", "x.com", "[::1]", "[::1", "[fe80::1%25]"]),
    TEXT,
)
URLS = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{':' + port if port else ''}/{path}",
    st.sampled_from(["https", "http", "HTTPS", "ftp"]),
    HOSTS,
    st.one_of(st.none(), PORTS),
    st.one_of(
        TEXT,
        st.integers(min_value=0, max_value=10**30).map(
            lambda n: f"feed/update/urn:li:activity:{n}/"
        ),
        st.integers(min_value=1, max_value=2000).map(lambda n: "%C3%A9" * n),
    ),
)
SHARE_BODY = st.builds(
    lambda body, extra: {**extra, **body},
    st.fixed_dictionaries(
        {"url": URLS, "network": st.sampled_from(["linkedin", "x", "facebook", "other"])},
        optional={"text": TEXT, "posted_at": st.one_of(EDGE_TIMES, TEXT), "source": TEXT},
    ),
    st.dictionaries(TEXT, ANY_JSON, max_size=2),
)
KUDOS_BODY = st.fixed_dictionaries(
    {"to_user_id": NUMBER, "message": TEXT}, optional={"share_id": NUMBER}
)
USER_BODY = st.fixed_dictionaries(
    {"email": TEXT.map(lambda t: t + "@x.co"), "name": TEXT},
    optional={"team": TEXT, "role": TEXT},
)


def assert_not_server_error(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data()[:300])
    if response.status_code >= 400:
        assert response.get_json()["error"]["message"]


@PROPERTY
@given(body=SHARE_BODY)
def test_property_share_bodies_never_fail_the_server(client, auth, body):
    assert_not_server_error(send(client, "POST", "/api/v1/shares", body, auth))


@PROPERTY
@given(body=st.one_of(KUDOS_BODY, USER_BODY))
def test_property_kudos_and_invites_never_fail_the_server(client, admin, body):
    path = "/api/v1/kudos" if "message" in body else "/api/v1/users"
    assert_not_server_error(send(client, "POST", path, body, admin))


@PROPERTY
@given(
    path=st.sampled_from(["/api/v1/shares", "/api/v1/me/kudos", "/api/v1/leaderboard"]),
    limit=st.one_of(TEXT, NUMBER.map(str)),
    offset=st.one_of(TEXT, NUMBER.map(str)),
    cursor=st.one_of(
        TEXT,
        st.tuples(st.integers(min_value=0, max_value=10**18 - 1), NUMBER).map(
            lambda pair: f"{pair[0]}.{pair[1]}"
        ),
    ),
)
def test_property_query_strings_never_fail_the_server(client, auth, path, limit, offset, cursor):
    from urllib.parse import urlencode

    # As bytes a client could send: a lone surrogate cannot be UTF-8, but its bytes can arrive.
    raw = {"limit": limit, "offset": offset, "cursor": cursor}
    query = urlencode({k: v.encode("utf-8", "surrogatepass") for k, v in raw.items()})
    response = client.get(path, query_string=query, headers=auth)
    assert_not_server_error(response)


@PROPERTY
@given(segment=st.one_of(TEXT, st.integers().map(str)))
def test_property_path_segments_never_fail_the_server(client, auth, segment):
    from urllib.parse import quote

    encoded = quote(segment.encode("utf-8", "surrogatepass"), safe="")
    for path in (f"/api/v1/shares/{encoded}", f"/badges/assertions/{encoded}"):
        method = "DELETE" if path.startswith("/api") else "GET"
        assert client.open(path, method=method, headers=auth).status_code < 500


@PROPERTY
@given(posted_at=EDGE_TIMES)
def test_property_calendar_edges_are_a_time_or_a_422(client, auth, posted_at):
    body = {"url": POST_URL, "network": "linkedin", "posted_at": posted_at}
    response = send(client, "POST", "/api/v1/shares", body, auth)
    assert response.status_code in (200, 201, 422), response.get_data()[:300]
    if response.status_code == 422:
        assert response.get_json()["error"]["details"][0]["field"] == "posted_at"


@pytest.mark.parametrize(
    "values", [["a\x00", 1], ["b", 2**70], ["\ud800", 1], ["x", 1.5e300]], ids=str
)
def test_forged_console_cursors_are_ignored(app, values):
    import base64

    from firsthand.console.ui import decode_cursor

    token = base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")
    with app.test_request_context():
        assert decode_cursor(token, 2) is None
        fine = base64.urlsafe_b64encode(json.dumps(["b", 2]).encode()).decode()
        assert decode_cursor(fine, 2) == ["b", 2]
