"""Hostile and careless use, thirteenth round (SQLite and PostgreSQL): tokens with something
after them, stacked combining marks, Facebook's share links, the console's email search, and
deleting an account whose address cannot be typed."""

from __future__ import annotations

import pytest

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import Share, User

API = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


# --- A token is the issued token, nothing more ---------------------------------------------------


def _last_char_twin(token: str) -> str:
    """The token with its signature's last character swapped for one that decodes the same:
    27 base64 characters hold the HMAC's 20 bytes and 2 bits to spare."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    return token[:-1] + alphabet[last ^ 1]


@API
@pytest.mark.parametrize(
    "spoil",
    [
        lambda t: t + "é",
        lambda t: t + "\u200b",
        lambda t: t + "\xa0",
        lambda t: t + "\u3000",
        lambda t: t + "!",
        lambda t: t[:10] + "*" + t[10:],
        _last_char_twin,
    ],
    ids=["e-acute", "zero-width-space", "nbsp", "ideographic-space", "bang", "inside", "twin"],
)
def test_a_token_with_anything_added_or_changed_is_refused(client, make_user, spoil):
    """The signature is base64, and base64 decoding skips what is not in its alphabet: the
    issued token with "é" or a zero-width space after it (or a "*" inside it) still
    authenticated, and str.strip() took a no-break space off. The last character of the
    signature carries two spare bits, so four spellings of it decoded alike."""
    _, headers = make_user("ann@example.com")
    token = headers["Authorization"].removeprefix("Bearer ")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    spoilt = spoil(token)
    assert spoilt != token
    answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {spoilt}"})
    assert answer.status_code == 401, answer.get_json()
    assert answer.get_json()["error"]["code"] == "token_invalid"


# --- The console's email search ----------------------------------------------------------------


@API
@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("max@", "Max Pizza"),
        ("max@🍕", "Max Pizza"),
        ("max@🍕.ex", "Max Pizza"),
        ("ann@ex😀", None),
        ("😀@", None),
        ("zoë@xn--bcher-kva.example", "Zoë Bücher"),
        ("ZOË@XN--BCHER-KVA.EX", "Zoë Bücher"),
        ("zoë@xn--bcher-kva", "Zoë Bücher"),
        ("@xn--bcher-kva.example", "Zoë Bücher"),
        ("xn--bcher-kva", "Zoë Bücher"),
        ("zoë@bücher.ex", "Zoë Bücher"),
    ],
)
def test_an_email_search_with_an_emoji_or_a_dns_spelt_domain(
    app, client, make_user, clock, q, found
):
    """An address prefix is searched as an index range, [prefix, prefix + U+FFFF): on SQLite
    (UTF-8 bytes) an emoji sorts after U+FFFF, so "max@" missed max@🍕.example. An
    international domain typed as DNS spells it (xn--…) found nobody: accounts (and 0030)
    store its Unicode name."""
    admin, _ = make_user("ada@example.com", role="admin", name="Ada")
    people = {"Zoë Bücher": "zoë@bücher.example", "Max Pizza": "max@🍕.example"}
    for name, email in people.items():
        make_user(email, name=name)
    make_user("ann@example.com", name="Ann Example")
    sign_in(client, app, admin, clock)
    page = client.get("/console/people/", query_string={"q": q})
    assert page.status_code == 200, page.text[:500]
    shown = {name for name in people if name in page.text}
    assert shown == ({found} if found else set())


# --- A Facebook share link is one post, whatever its parameters ---------------------------------

SHARE_LINK = "https://www.facebook.com/share/p/1AbCdEfGhJ/"


@API
@pytest.mark.parametrize(
    "again",
    [
        "https://www.facebook.com/share/p/1AbCdEfGhJ/?mibextid=WC7FNe",
        "https://m.facebook.com/share/p/1AbCdEfGhJ?rdid=Xy12&share_url=https%3A%2F%2Fx",
        "https://web.facebook.com/share/p/1AbCdEfGhJ/?wtsid=rdr_0",
    ],
)
def test_a_facebook_share_link_with_other_parameters_is_one_share(app, client, make_user, again):
    """Facebook's share links (/share/p/ID/ for a post, r/ a reel, v/ a video, /share/ID/)
    name the post by the ID alone; the parameters Facebook adds (rdid, share_url, wtsid…)
    differ from one copy to the next, so one post logged twice was two shares, each with
    its points."""
    _, ann = make_user("ann@example.com")
    body = {"url": SHARE_LINK + "?rdid=first", "network": "facebook"}
    first = client.post("/api/v1/shares", json=body, headers=ann)
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["share"]["canonical_url"] == SHARE_LINK.rstrip("/")
    retry = client.post("/api/v1/shares", json={"url": again, "network": "facebook"}, headers=ann)
    assert retry.status_code == 200, retry.get_json()
    assert retry.get_json()["duplicate"] is True
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1


def test_upgrade_to_0031_drops_stored_facebook_share_links_parameters(db_url):
    """Share links stored with their parameters lose them, so the next log of the link finds
    its share; a row whose new link another row holds keeps its own (as 0018, 0029)."""
    from datetime import UTC, datetime

    from playhouse.migrations import Runner

    from firsthand.db import MIGRATIONS_DIR, migrate, open_database

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 3, 9, tzinfo=UTC)
    fb = "https://www.facebook.com"
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0030_email_unicode_domain")
        ann, ben = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "ben")
        )

        def stored(user: int, link: str, network: str = "facebook") -> int:
            row = {"url": link, "canonical_url": link, "network": network, "logged_at": now}
            return Share.create(user=user, **row).id

        post = stored(ann, f"{fb}/share/p/AbC1?rdid=1")
        bare = stored(ann, f"{fb}/share/XyZ9?mibextid=q")
        twice = stored(ben, f"{fb}/share/p/AbC1?rdid=2")  # ann's live row takes the link
        reel = stored(ben, f"{fb}/share/r/Reel_1?a=1&b=2")
        page = stored(ann, f"{fb}/share/p/AbC1/more?x=1")
        other = stored(ann, "https://blog.example/share/p/AbC1?x=1", network="other")
    assert migrate()[:1] == ["0031_facebook_share_links"]
    with db.connection_context():
        links = {s.id: s.canonical_url for s in Share.select()}
    assert links[post] == f"{fb}/share/p/AbC1"
    assert links[bare] == f"{fb}/share/XyZ9"
    assert links[twice] == f"{fb}/share/p/AbC1?rdid=2"
    assert links[reel] == f"{fb}/share/r/Reel_1"
    assert links[page] == f"{fb}/share/p/AbC1/more?x=1"
    assert links[other] == "https://blog.example/share/p/AbC1?x=1"
    assert migrate() == []


# --- Deleting an account a migration left in its old spelling ----------------------------------

# (as stored, as the person types what they see)
KEPT = [
    ("dee@xn--mller-kva.example", "dee@xn--mller-kva.example"),
    ("Dee@Example.com", "Dee@Example.com"),
    ("dee\u200b@example.com", "dee@example.com"),
]


def _kept_spelling(app, make_user, kept: str):
    """An account as 0020 or 0030 left it: another account held its new spelling."""
    make_user(kept.replace("xn--mller-kva", "müller").lower().replace("\u200b", ""), name="Other")
    user, headers = make_user("dee.tmp@example.com", name="Dee")
    with app.app_context(), database.connection_context():
        User.update(email=kept).where(User.id == user.id).execute()
    return user, headers


@API
@pytest.mark.parametrize(("kept", "typed"), KEPT)
def test_an_account_kept_in_its_old_spelling_can_confirm_its_own_deletion(
    app, client, make_user, kept, typed
):
    """DELETE /me compared the typed address, respelt (NFKC, lower case, the domain's Unicode
    name), with the stored one as it is: an account kept in its old spelling could type
    nothing that matched, so it could never delete itself."""
    user, headers = _kept_spelling(app, make_user, kept)
    answer = client.delete("/api/v1/me", json={"confirm_email": typed}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    with app.app_context(), database.connection_context():
        assert User.get_by_id(user.id).erased_at is not None
        assert User.select().where(User.name == "Other").count() == 1


@API
@pytest.mark.parametrize(("kept", "typed"), KEPT)
def test_an_admin_can_confirm_deleting_an_account_kept_in_its_old_spelling(
    app, client, make_user, clock, kept, typed
):
    admin, _ = make_user("ada@example.com", role="admin", name="Ada")
    user, _ = _kept_spelling(app, make_user, kept)
    sign_in(client, app, admin, clock)
    page = f"/console/people/{user.id}/delete"
    other = post_form(client, page, page, {"confirm_email": "ada@example.com"})
    assert other.status_code in (302, 422)
    with app.app_context(), database.connection_context():
        assert User.get_by_id(user.id).erased_at is None  # another's address confirms nothing
    answer = post_form(client, page, page, {"confirm_email": typed})
    assert answer.status_code == 302, answer.text[:500]
    with app.app_context(), database.connection_context():
        assert User.get_by_id(user.id).erased_at is not None
        assert User.select().where(User.name == "Other").count() == 1


# --- Stacked combining marks ("Zalgo") ---------------------------------------------------------

PILE = "\u0301\u0300\u0302\u0303\u0308\u030a\u0327\u0328\u0331\u0334\u0336\u0338" * 3  # 36
ZALGO = "Z" + PILE + "oë" + PILE


def _piles(text: str) -> int:
    """The most combining marks stacked on one character in `text`."""
    import unicodedata

    most = pile = 0
    for char in text:
        pile = pile + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        most = max(most, pile)
    return most


@API
def test_stacked_combining_marks_are_cut_to_a_few_wherever_text_is_kept(
    app, client, make_user, clock
):
    """A name, team, kudos message, story title and context, or the posting guidelines with
    dozens of combining marks on one letter were kept whole: the marks pile above and below
    the line in every list, chat message and CSV that shows them. At most six stay on each
    character (pointed Hebrew, the most real writing stacks, has five); real accents stay."""
    admin, admin_auth = make_user("ada@example.com", role="admin", name="Ada")
    invited = client.post(
        "/api/v1/users",
        json={"email": "zoe@example.com", "name": ZALGO, "team": "Team " + ZALGO},
        headers=admin_auth,
    )
    assert invited.status_code == 201, invited.get_json()
    zoe = invited.get_json()["user"]
    _, ann = make_user("ann@example.com", name="Ann")
    thanks = client.post(
        "/api/v1/kudos", json={"to_user_id": zoe["id"], "message": ZALGO}, headers=ann
    )
    assert thanks.status_code == 201, thanks.get_json()
    story = {
        "title": ZALGO,
        "context": "Context " + ZALGO,
        "questions": ["What did you build?", "Who " + ZALGO + "?"],
        "everyone": True,
    }
    told = client.post("/api/v1/stories", json=story, headers=admin_auth)
    assert told.status_code == 201, told.get_json()
    sign_in(client, app, admin, clock)
    page = "/console/analytics/guidelines"
    written = post_form(client, page, page, {"title": ZALGO, "body": "Be " + ZALGO})
    assert written.status_code == 302
    with app.app_context(), database.connection_context():
        from firsthand.models import Kudos, Team
        from firsthand.stories_models import Story

        kept = [User.get_by_id(zoe["id"]).name, Team.select().order_by(Team.id.desc()).get().name]
        kept.append(Kudos.get().message)
        found = Story.get()
        kept += [found.title, found.context, found.questions]
    guidelines = client.get("/guidelines").text
    assert max(_piles(text) for text in kept) == 6, kept
    assert _piles(guidelines) == 6
    assert kept[0] == "Z" + PILE[:6] + "oë" + PILE[:6]


@API
def test_an_imported_files_name_is_kept_tidy(app, client, make_user, clock):
    """An import's file name is shown in the imports list and the audit log, but was kept
    as uploaded: a direction override ("people\\u202ecsv.exe" reads "peopleexe.vsc"), control
    characters and a pile of combining marks went through."""
    import io

    from console_helpers import csrf_from
    from firsthand.admin_models import ImportBatch

    admin, _ = make_user("ada@example.com", role="admin", name="Ada")
    sign_in(client, app, admin, clock)
    page = client.get("/console/people/import/")
    name = "team\u202e\x1b[31m" + ZALGO + ".csv"
    csv = io.BytesIO(b"email,name\nbo@example.com,Bo\n")
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (csv, name)},
        content_type="multipart/form-data",
    )
    assert answer.status_code in (200, 302), answer.text[:500]
    with app.app_context(), database.connection_context():
        kept = ImportBatch.get().filename
    assert "\u202e" not in kept and "\x1b" not in kept and _piles(kept) == 6, kept
