"""Hostile and careless use, fourteenth round (SQLite and PostgreSQL): what is "the same" in
one layer and not in the next. The console's session cookie and form tokens in another
base64 spelling, JSON in another Unicode encoding than the one the API reads, and a query
parameter given twice, which this server and a proxy in front of it read differently."""

from __future__ import annotations

import pytest

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.models import User

API = pytest.mark.usefixtures("no_rate_limits")  # (conftest)
BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
SESSION_COOKIE = "firsthand_console"


def _twin(signed: str) -> str:
    """The value with its signature's last character swapped for one that decodes the same:
    27 base64 characters hold an HMAC-SHA1's 20 bytes and 2 bits to spare."""
    last = BASE64URL.index(signed[-1])
    return signed[:-1] + BASE64URL[last ^ 1]


def _spoilt(signed: str) -> list[str]:
    return [_twin(signed), signed[:-5] + "*" + signed[-5:], signed + "~"]


def _name_of(app, user_id: int) -> str:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user_id).name


# --- The console's session cookie and form tokens, only as issued -------------------------------


@API
def test_a_console_session_cookie_in_another_spelling_signs_no_one_in(
    app, client, make_user, clock
):
    """The session cookie is itsdangerous's, signed like the API's tokens (fixed in round 13)
    and the connect page's result cookie (fixed on main): its last character carries two
    spare bits, so four spellings of the cookie opened the console. Only the one issued does."""
    admin, _ = make_user("admin@example.com", role="admin", name="Ada Admin")
    sign_in(client, app, admin, clock)
    issued = client.get_cookie(SESSION_COOKIE, path="/console").value
    assert client.get("/console/people/").status_code == 200
    for spoilt in _spoilt(issued):
        assert spoilt != issued
        other = app.test_client()
        other.set_cookie(SESSION_COOKIE, spoilt, path="/console")
        page = other.get("/console/people/")
        assert page.status_code == 302, (spoilt, page.status_code)
        assert page.headers["Location"].startswith("/console/sign-in")
    # The cookie as issued still works: nothing about it was spent by the attempts.
    assert client.get("/console/people/").status_code == 200


@API
def test_a_console_form_token_in_another_spelling_saves_nothing(app, client, make_user, clock):
    """The form's CSRF token (Flask-WTF) is signed the same way: a token with its last
    character respelt was accepted as the page's own (one with a character added or put
    inside was refused already, and is checked here beside it)."""
    admin, _ = make_user("admin@example.com", role="admin", name="Ada Admin")
    bo, _ = make_user("bo@example.com", name="Bo Before")
    sign_in(client, app, admin, clock)
    page = client.get(f"/console/people/{bo.id}")
    token = csrf_from(page.text)
    for spoilt in _spoilt(token):
        answer = client.post(
            f"/console/people/{bo.id}", data={"csrf_token": spoilt, "name": "Bo Changed"}
        )
        assert answer.status_code == 400, (spoilt, answer.status_code)
        assert "reload the page" in answer.text
        assert _name_of(app, bo.id) == "Bo Before"
    saved = client.post(f"/console/people/{bo.id}", data={"csrf_token": token, "name": "Bo After"})
    assert saved.status_code in (200, 302), saved.text[:300]
    assert _name_of(app, bo.id) == "Bo After"


# --- JSON in UTF-8 only ------------------------------------------------------------------------

SHARE = '{"url": "https://example.com/news/launch", "network": "other", "text": "Café"}'


@API
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_json_in_utf_16_or_32_is_refused_as_not_utf_8(app, client, auth, encoding):
    """json.loads, given bytes, guesses UTF-16 and UTF-32 from their NUL bytes and read them:
    a share was logged from a body that a proxy, a log or any reader of UTF-8 (the only
    encoding JSON between systems may use, RFC 8259) sees as NULs between letters. It is
    refused as not UTF-8, saying what to send, and nothing is logged."""
    answer = client.post(
        "/api/v1/shares",
        data=SHARE.encode(encoding),
        headers={**auth, "Content-Type": "application/json"},
    )
    assert answer.status_code == 400, answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == "malformed_json"
    assert "UTF-8" in error["message"] and "UTF-16" in error["message"]
    assert client.get("/api/v1/shares", headers=auth).get_json()["pagination"]["total"] == 0


@API
def test_json_in_utf_8_with_or_without_a_byte_order_mark_is_read(app, client, auth):
    """RFC 8259 lets a parser ignore a UTF-8 byte order mark (Windows tools write one)."""
    for body in (SHARE.encode(), b"\xef\xbb\xbf" + SHARE.encode()):
        answer = client.post(
            "/api/v1/shares", data=body, headers={**auth, "Content-Type": "application/json"}
        )
        assert answer.status_code in (200, 201), answer.get_json()
        assert answer.get_json()["share"]["text"] == "Café"


@API
@pytest.mark.parametrize(
    ("content_type", "body", "why"),
    [
        ("application/json", SHARE.encode("utf-16"), "it holds NUL bytes"),
        ("application/json", SHARE.encode("latin-1"), "byte 76 is not part of a UTF-8 character"),
        ("application/json; charset=utf-16", SHARE.encode(), 'says it is charset="utf-16"'),
        ("application/json; charset=ISO-8859-1", SHARE.encode(), 'charset="ISO-8859-1"'),
    ],
    ids=["utf-16", "latin-1", "labelled utf-16", "labelled latin-1"],
)
def test_every_body_that_is_not_utf_8_meets_one_refusal(client, auth, content_type, body, why):
    """Bytes that are not UTF-8 were a 400 `bad_request` ("not valid UTF-8 text"), NULs of
    UTF-16 a 400 `malformed_json`, and a body labelled UTF-16 was read as UTF-8 regardless.
    Each is now the same refusal, saying why and what to send."""
    answer = client.post(
        "/api/v1/shares", data=body, headers={**auth, "Content-Type": content_type}
    )
    assert answer.status_code == 400, answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == "malformed_json"
    assert error["message"].startswith("The body is not UTF-8 text: ") and why in error["message"]
    assert "Send the JSON encoded as UTF-8" in error["message"]
    assert client.get("/api/v1/shares", headers=auth).get_json()["pagination"]["total"] == 0


@API
def test_a_utf_8_body_may_say_so(client, auth):
    for label in ("utf-8", "UTF-8", "utf8", '"utf-8"', "us-ascii"):
        headers = {**auth, "Content-Type": f"application/json; charset={label}"}
        answer = client.post(
            "/api/v1/suggestions", data=b'{"text": "Caf\xc3\xa9 time"}', headers=headers
        )
        assert answer.status_code == 200, (label, answer.get_json())


# --- A query parameter given twice -------------------------------------------------------------


@API
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/shares?limit=1&limit=100", "limit"),
        ("/api/v1/shares?offset=0&limit=5&offset=3", "offset"),
        ("/api/v1/me/kudos?limit=20&limit=", "limit"),
        ("/api/v1/leaderboard?period=week&period=month", "period"),
        ("/api/v1/me/reach?limit=10&limit=10", "limit"),
    ],
)
def test_a_query_parameter_given_twice_is_refused_not_read_as_the_first(
    app, client, auth, path, name
):
    """?limit=1&limit=100 answered one share: Werkzeug reads the first of a repeated query
    parameter, where many proxies, caches and frameworks read the last, so a cache in front
    and this server could each act on another page. Refused, as a JSON name given twice is,
    with the parameter named."""
    answer = client.get(path, headers=auth)
    assert answer.status_code == 400, answer.get_json()
    message = answer.get_json()["error"]["message"]
    assert f"gives {name} 2 times" in message and "once" in message


@API
def test_each_query_parameter_given_once_is_read(app, client, auth):
    answer = client.get("/api/v1/shares?limit=5&offset=0", headers=auth)
    assert answer.status_code == 200
    assert answer.get_json()["pagination"]["limit"] == 5


# --- A story's link and a post's, one page in two spellings ------------------------------------


def _story_with_link(client, admin_headers, link: str) -> int:
    body = {
        "title": "We opened a library",
        "context": "Our new office has a lending library for the neighbourhood.",
        "questions": ["What did you borrow first?", "Who would you bring?"],
        "everyone": True,
        "link": link,
    }
    answer = client.post("/api/v1/stories", json=body, headers=admin_headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


@API
@pytest.mark.parametrize(
    ("story_link", "post_link"),
    [
        ("https://bücher.example/news/launch", "https://xn--bcher-kva.example/news/launch"),
        ("https://xn--bcher-kva.example/news/launch", "https://BÜCHER.example/news/launch/"),
        ("https://acme.example/news/café-launch", "https://acme.example/news/caf%C3%A9-launch"),
        ("https://acme.example/news/caf%c3%a9-launch", "https://acme.example/news/café-launch"),
        (
            "https://acme.example/news/caf%C3%A9-launch",
            "https://acme.example/news/caf%c3%a9-launch",
        ),
        ("https://acme.example/news/launch", "https://acme.example./news/launch"),
    ],
    ids=["unicode-story", "dns-story", "typed-accent", "escaped-story", "hex-case", "root-dot"],
)
def test_a_post_linking_the_storys_page_in_another_spelling_tells_the_story(
    app, client, make_user, story_link, post_link
):
    """A story is found in a post by its link (host and path). The host was compared as
    typed, so bücher.example and its DNS name xn--bcher-kva.example were two sites, and the
    path as written, so …/café and …/caf%C3%A9 (what a browser's address bar copies) were two
    pages: the post told the story, and neither the employee nor the story's figures knew."""
    _, admin = make_user("admin@example.com", role="admin")
    _, ann = make_user("ann@example.com")
    story_id = _story_with_link(client, admin, story_link)
    text = f"Proud of this one: {post_link}"
    share = {"url": "https://social.example/posts/1", "network": "other", "text": text}
    answer = client.post("/api/v1/shares", json=share, headers=ann)
    assert answer.status_code == 201, answer.get_json()
    assert (answer.get_json()["story"] or {}).get("id") == story_id, answer.get_json()["story"]


def test_upgrade_to_0032_gives_stored_story_links_their_one_key(db_url):
    """Stories kept before 0032 have the key of their link as typed: recomputed, so a post
    linking the page in any spelling finds them. A plain ASCII link's key is unchanged."""
    from datetime import UTC, datetime

    from playhouse.migrations import Runner

    from firsthand.db import MIGRATIONS_DIR, migrate, open_database
    from firsthand.stories_models import Story

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    links = {
        "https://bücher.example/news/Caf%C3%A9/": "xn--bcher-kva.example/news/Café",
        "https://www.acme.example/news/launch": "acme.example/news/launch",
        "https://acme.example./news/caf%E9": "acme.example/news/caf%E9",
    }
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0031_facebook_share_links")
        ids = {}
        for link in links:
            story = Story.create(
                title="t", context="c", link=link, starts_at=now, questions="[]",
                created_at=now, updated_at=now,
            )  # fmt: skip
            ids[link] = story.id
            # As the key was written before 0032: the host and path as typed.
            old = link.split("://", 1)[1].removeprefix("www.").rstrip("/")
            Story.update(link_key=old).where(Story.id == story.id).execute()
    assert migrate()[:1] == ["0032_story_link_keys"]
    with db.connection_context():
        keys = {s.id: s.link_key for s in Story.select()}
    assert {link: keys[ids[link]] for link in links} == links


# --- A badge link that names no badge, opened by a person ---------------------------------------

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@API
@pytest.mark.parametrize("uid", ["0a1b2c3d4e5f", "0a1b2c3d4e5f%00", "%ff", "x" * 300])
def test_a_badge_link_that_names_no_badge_is_a_page_for_a_person(app, client, uid):
    """A badge's link is shared on profiles and opened in browsers, which get its page; one
    cut short, mistyped or mangled (or whose owner deleted their account) answered the JSON
    body {"error": …} in that browser. A page saying so now, with the same status; a
    verifier asking for JSON still gets JSON."""
    path = f"/badges/assertions/{uid}"
    page = client.get(path, headers={"Accept": BROWSER})
    assert page.status_code in (400, 404)
    assert page.mimetype == "text/html"
    assert "Badge not found" in page.text and "copied whole" in page.text
    for asked in ({"Accept": "application/ld+json"}, {}):
        document = client.get(path, headers=asked)
        assert document.status_code == page.status_code
        assert document.is_json and document.get_json()["error"]["message"]
    as_json = client.get(f"{path}?format=json", headers={"Accept": BROWSER})
    assert as_json.is_json
    jwt = client.get(f"{path}/credential.jwt", headers={"Accept": BROWSER})
    assert jwt.status_code in (400, 404) and jwt.is_json


# --- An import's titles and roles with an invisible character -----------------------------------


@API
def test_an_imports_role_or_title_with_an_invisible_character_is_read(
    app, client, make_user, clock
):
    """A cell pasted from a web page can carry a zero-width space: the role "Admin\u200b" was
    "unknown role “Admin”", a problem nobody could see the cause of, and a title "Email\u200b"
    was no column at all. Both are read as they show."""
    import io

    admin, _ = make_user("admin@example.com", role="admin")
    sign_in(client, app, admin, clock)
    data = "Email\u200b,Name,Role\nann@x.io,Ann,Admin\u200b\nbob@x.io,Bob,\ufeffManager\n"
    page = client.get("/console/people/import/")
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (io.BytesIO(data.encode()), "p.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302 and answer.headers["Location"][-1].isdigit(), answer.text
    preview = client.get(answer.headers["Location"])
    assert "unknown role" not in preview.text
    assert "Confirm: invite 2" in preview.text
    confirmed = client.post(
        answer.headers["Location"], data={"csrf_token": csrf_from(preview.text)}
    )
    assert confirmed.status_code == 302
    with app.app_context(), database.connection_context():
        roles = {u.email: u.role for u in User.select().where(User.email.endswith("@x.io"))}
    assert roles == {"ann@x.io": "admin", "bob@x.io": "manager"}
