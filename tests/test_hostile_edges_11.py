"""Hostile and careless use, eleventh round (SQLite and PostgreSQL): drafts made to cost a
worker its memory or its time (the readings of POST /suggestions), and the console's sign-in
page and page cursors, as someone probing them from outside would use them."""

from __future__ import annotations

import base64
import random
import re
import string
import threading
import time
import tracemalloc

import pytest

from console_helpers import csrf_from, sign_in
from firsthand import mail
from firsthand.admin_models import SignInLink
from firsthand.analysis.text import unquote
from firsthand.db import database
from firsthand.models import Team

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _nonsense(rng: random.Random, letters: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(letters))


@pytest.mark.parametrize("where", ["hashtag", "prose"])
def test_drafts_of_endless_made_up_words_do_not_grow_the_server(client, auth, where):
    """The analyses remember each word's letter runs (words recur from draft to draft), up
    to 50,000 or 65,536 words. A word of 19,980 made-up letters was remembered too, with its
    80,000 letter runs: some 5.7 MB a draft (as a hashtag; 0.3 MB in the prose), so one
    employee's token, within the 120 suggestions a minute, grew a worker by 0.7 GB a minute
    until it ran out of memory. Words longer than any real one are read, not remembered."""
    rng = random.Random(11)

    def suggest(word: str) -> None:
        text = f"I built this #{word}" if where == "hashtag" else f"I built {word} today."
        answer = client.post("/api/v1/suggestions", json={"text": text}, headers=auth)
        assert answer.status_code == 200, answer.get_json()

    for _ in range(2):  # anything built once, for the first drafts, first
        suggest(_nonsense(rng, 19_980))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(8):
            suggest(_nonsense(rng, 19_980))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"{grown:,} bytes kept after eight drafts"


# What quoted speech was read as: the regex whose work grew with each opening mark.
QUOTED_BEFORE = re.compile(r"“[^”]{0,800}”|„[^“”]{0,800}[“”]|«[^»]{0,800}»|\"[^\"\n]{0,800}\"")


def test_quoted_speech_is_found_as_before_without_trying_each_mark_over_800_characters():
    """A draft of 20,000 opening marks with no end ("„„„…", 60 KB) was tried from each mark
    over the next 800 characters: 0.23 s a reading and three readings a draft, 120 times a
    minute a token. unquote looks each mark's end up instead (7 ms for that draft, measured
    once; speed is for benchmarks, not asserts): here it leaves out exactly what the regex
    did, on texts dense with every kind of mark, nested, unclosed and beyond reach."""
    rng = random.Random(11)
    marks = ["“", "”", "„", "«", "»", '"', "\n", "a", " "]
    for _ in range(1500):
        weights = [rng.random() for _ in marks]
        text = "".join(rng.choices(marks, weights=weights, k=rng.choice([3, 40, 900, 2500])))
        assert unquote(text) == QUOTED_BEFORE.sub(" ", text), text


def test_a_draft_of_opening_quotes_is_answered(client, auth):
    """The 60 KB draft of opening marks gets its suggestions, and quoted words still leave
    the voice: "„Wir sind stolz“" is someone else's pride."""
    body = {"text": "Ich habe das gebaut. " + "„" * 19_970}
    answer = client.post("/api/v1/suggestions", json=body, headers=auth)
    assert answer.status_code == 200, answer.get_json()
    quoted = {"text": "Sie sagte: „Wir sind so stolz auf unser Team.“ Ich war dabei."}
    plain = {"text": "Sie sagte: Wir sind so stolz auf unser Team. Ich war dabei."}
    read = [
        client.post("/api/v1/suggestions", json=b, headers=auth).get_json() for b in (quoted, plain)
    ]
    assert read[0]["voice"] != read[1]["voice"]  # the quote is not the author's "wir"


# --- Console sign-in: who may sign in is not told by the time taken ---------------------------


def test_asking_for_a_sign_in_link_takes_the_same_work_for_anyone(
    app, client, make_user, monkeypatch
):
    """ "The answer is the same whether or not they exist", but for a console user's address
    the answer waited while a link was issued (a write and an audit event): some 35 ms more
    than a stranger's on SQLite, which told anyone who an admin or manager is. The page now
    does the same work for any address (the same statements on its thread) and the link is
    issued, and emailed, after it."""
    app.config["SMTP_URL"] = "smtp://127.0.0.1:9"
    boss, _ = make_user("boss@example.com", role="admin")
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(
        mail,
        "send_many",
        lambda messages, url=None: (
            sent.extend((to, body) for to, _subject, body in messages)
            or mail.Delivery(sent=[to for to, _subject, _body in messages])
        ),
    )
    statements: list[tuple[int, str]] = []
    real = database.obj.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        statements.append((threading.get_ident(), sql.split(" ", 1)[0].upper()))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", execute_sql)
    token = csrf_from(client.get("/console/sign-in").text)
    work = {}
    for email in ("nobody@example.com", "boss@example.com"):
        statements.clear()
        answer = client.post("/console/sign-in", data={"csrf_token": token, "email": email})
        assert answer.status_code == 200
        work[email] = [sql for thread, sql in statements if thread == threading.get_ident()]
    assert work["boss@example.com"] == work["nobody@example.com"]
    deadline = time.monotonic() + 10
    while not sent and time.monotonic() < deadline:  # the link, after the answer
        time.sleep(0.02)
    assert [to for to, _ in sent] == ["boss@example.com"]
    assert "/console/sign-in/" in sent[0][1]
    with app.app_context(), database.connection_context():
        assert SignInLink.select().where(SignInLink.user == boss.id).count() == 1


# --- Console cursors ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["after", "before"])
def test_a_cursor_nested_past_pythons_depth_shows_the_first_page(
    client, app, make_user, clock, name
):
    """People, and a team's people, are paged by a cursor of base64 JSON; one nested 1,500
    deep (2,000 characters, in a link anyone can send an admin) made json.loads raise
    RecursionError, which decode_cursor did not catch: a 500. It is a cursor that is not one
    of ours: the first page."""
    admin, _ = make_user("ada@example.com", role="admin", name="Ada Admin")
    make_user("bob@example.com", name="Bob Bright", team="Sales")
    sign_in(client, app, admin, clock)
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
    deep = base64.urlsafe_b64encode(b"[" * 1500 + b"]" * 1500).decode().rstrip("=")
    for path in ("/console/people/", f"/console/teams/{sales}"):
        page = client.get(f"{path}?{name}={deep}")
        assert page.status_code == 200, (path, page.text[:300])
        assert "Bob Bright" in page.text
