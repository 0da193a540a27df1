"""Hostile and careless use, twelfth round (SQLite and PostgreSQL): what the contract's
patterns let through, as an outsider sending odd strings would find it."""

from __future__ import annotations

import re

import pytest

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import Share, Team
from helpers import activity_id, linkedin_url

# Not module-wide: no_rate_limits needs the app, which migrates the database, and the
# migration test below must see it before 0029.
API = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@API
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


# --- One Facebook post, whatever host it was copied from -------------------------------------

FACEBOOK_POST = "https://www.facebook.com/jane/posts/123"


@API
@pytest.mark.parametrize(
    "again",
    [
        "https://web.facebook.com/jane/posts/123",
        "https://free.facebook.com/jane/posts/123?fbclid=zz",
        "https://fb.com/jane/posts/123",
        "https://WWW.FB.COM/jane/posts/123/",
    ],
)
def test_a_facebook_post_copied_from_another_of_its_hosts_is_one_share(
    app, client, make_user, again
):
    """web.facebook.com (where Facebook sends some countries' browsers), free.facebook.com
    and fb.com (which redirects to www.facebook.com, path and all) open the same post as
    www.facebook.com, but kept their host: logging the post again from one was a second share,
    with its points, and a colleague could claim it."""
    _, ann = make_user("ann@example.com")
    _, bob = make_user("bob@example.com")
    first = client.post(
        "/api/v1/shares", json={"url": FACEBOOK_POST, "network": "facebook"}, headers=ann
    )
    assert first.status_code == 201
    retry = client.post("/api/v1/shares", json={"url": again, "network": "facebook"}, headers=ann)
    assert retry.status_code == 200, retry.get_json()
    assert retry.get_json()["duplicate"] is True
    assert retry.get_json()["share"]["id"] == first.get_json()["share"]["id"]
    claim = client.post("/api/v1/shares", json={"url": again, "network": "facebook"}, headers=bob)
    assert claim.status_code == 409
    assert claim.get_json()["error"]["code"] == "already_claimed"
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1


def test_upgrade_to_0029_moves_stored_facebook_links_to_www(db_url):
    """Links stored from those hosts take www.facebook.com, so a later log from www finds
    its share; a row whose new link another row holds keeps its own (as 0018)."""
    from datetime import UTC, datetime

    from playhouse.migrations import Runner

    from firsthand.db import MIGRATIONS_DIR, migrate, open_database
    from firsthand.models import User

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0028_tidy_names")
        ann, ben = (
            User.create(email=f"{n}@x.io", name=n, role="employee", created_at=now).id
            for n in ("ann", "ben")
        )

        def stored(user: int, link: str, network: str = "facebook", live: bool = True) -> int:
            row = {"url": link, "canonical_url": link, "network": network, "logged_at": now}
            return Share.create(user=user, deleted_at=None if live else now, **row).id

        web = stored(ann, "https://web.facebook.com/ann/posts/1")
        fb = stored(ann, "https://fb.com/ann/posts/2?a=1")
        mine = stored(ben, "https://www.facebook.com/ben/posts/3", live=False)
        clash_mine = stored(ben, "https://www.fb.com/ben/posts/3")
        live = stored(ann, "https://www.facebook.com/team/posts/4")
        clash_live = stored(ben, "https://free.facebook.com/team/posts/4")
        other = stored(ann, "https://fb.com.example/x", network="other")
    assert migrate()[:1] == ["0029_facebook_hosts"]
    with db.connection_context():
        links = {s.id: s.canonical_url for s in Share.select()}
    assert links[web] == "https://www.facebook.com/ann/posts/1"
    assert links[fb] == "https://www.facebook.com/ann/posts/2?a=1"
    assert links[mine] == links[clash_mine].replace("www.fb.com", "www.facebook.com")
    assert links[clash_mine] == "https://www.fb.com/ben/posts/3"  # ben's own row holds it
    assert links[live] == "https://www.facebook.com/team/posts/4"
    assert links[clash_live] == "https://free.facebook.com/team/posts/4"  # two live shares
    assert links[other] == "https://fb.com.example/x"
    assert migrate() == []


# --- One mailbox, one account ------------------------------------------------------------------


@API
def test_an_international_domain_in_either_spelling_is_one_account(app, client, make_user):
    """ann@xn--bcher-kva.example is ann@bücher.example (DNS's spelling of the same domain):
    inviting both made two accounts for one mailbox, and signing in found only the one
    typed the same way."""
    _, admin = make_user("ada@example.com", role="admin")
    first = client.post(
        "/api/v1/users", json={"email": "zoë@bücher.example", "name": "Zoë"}, headers=admin
    )
    assert first.status_code == 201
    assert first.get_json()["user"]["email"] == "zoë@bücher.example"
    for again in ("zoë@xn--bcher-kva.example", "ZOË@XN--BCHER-KVA.EXAMPLE", "zoë@bücher。example"):
        answer = client.post("/api/v1/users", json={"email": again, "name": "Zoë"}, headers=admin)
        assert answer.status_code == 409, (again, answer.get_json())
    by_dns = client.post(
        "/api/v1/users", json={"email": "max@xn--mller-kva.example", "name": "Max"}, headers=admin
    )
    assert by_dns.get_json()["user"]["email"] == "max@müller.example"


@API
@pytest.mark.parametrize("email", ["ann@example.com.", "ann@example..com", "ann@.example.com"])
def test_a_domain_with_an_empty_label_is_no_address(client, make_user, email):
    """ "ann@example.com." was invited beside ann@example.com: a second account for one
    mailbox (RFC 5321 has no empty label in a domain)."""
    _, admin = make_user("ada@example.com", role="admin")
    answer = client.post("/api/v1/users", json={"email": email, "name": "Ann"}, headers=admin)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["error"]["details"][0]["field"] == "email"


def test_upgrade_to_0030_gives_stored_international_domains_their_unicode_name(db_url):
    from datetime import UTC, datetime

    from playhouse.migrations import Runner

    from firsthand.db import MIGRATIONS_DIR, migrate, open_database
    from firsthand.models import User

    db = open_database(db_url)
    database.initialize(db)
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    emails = {
        "ann@xn--bcher-kva.example": "ann@bücher.example",
        "bob@bücher.example": "bob@bücher.example",
        "cy@example.com": "cy@example.com",
        "dee@müller.example": "dee@müller.example",
        "dee@xn--mller-kva.example": "dee@xn--mller-kva.example",  # the other is Dee's: kept
        "eve@xn--zz.example": "eve@xn--zz.example",  # no domain name: as it was
    }
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0029_facebook_hosts")
        for email in emails:
            User.create(email=email, name="P", role="employee", created_at=now)
    assert migrate()[:1] == ["0030_email_unicode_domain"]
    with db.connection_context():
        stored = [u.email for u in User.select().order_by(User.id)]
    assert stored == list(emails.values())
    assert migrate() == []


# --- A story's link that is this server, spelt with its port -----------------------------------


@API
@pytest.mark.parametrize(
    "link",
    [
        "https://firsthand.acme.example:443/r/abc",
        "https://FIRSTHAND.acme.example:0443/r/abc",
        "http://firsthand.acme.example:80/r/abc",
        "https://firsthand.acme.example:443",
    ],
)
def test_a_story_link_to_this_server_with_its_default_port_is_refused(app, client, make_user, link):
    """A story's link (or a suggested one) must not be this server: an employee's tracked link
    there would credit the clicks of every colleague's link to them. The check compared the
    typed host and port with the configured address, so the same address with its default
    port written out (":443", ":0443") went through."""
    app.config["PUBLIC_URL"] = "https://firsthand.acme.example"
    _, admin = make_user("ada@example.com", role="admin")
    _, ann = make_user("ann@example.com")
    story = {
        "title": "Atlas is live",
        "context": "We launched Atlas today.",
        "link": link,
        "questions": ["What did you build?", "Who made it happen?"],
        "everyone": True,
    }
    answer = client.post("/api/v1/stories", json=story, headers=admin)
    assert answer.status_code == 422, answer.get_json()
    assert "Firsthand itself" in answer.get_json()["error"]["details"][0]["message"]
    suggested = client.post(
        "/api/v1/story-suggestions", json={"line": "Atlas", "link": link}, headers=ann
    )
    assert suggested.status_code == 422, suggested.get_json()


# --- A team's next page, behind a proxy ----------------------------------------------------------


@API
def test_a_teams_next_page_is_a_path_on_this_server_not_the_requests_host(
    app, client, make_user, clock
):
    """A team's page linked its next 50 people as request.base_url + "?after=…": the Host
    header's site and scheme. Behind a proxy that passes its own (http://127.0.0.1:8000), the
    admin's "Next →" led there, off the site they use; any Host header was echoed. The people
    list's pager is a path on this server, and so is a team's now."""
    admin, _ = make_user("ada@example.com", role="admin", name="Ada")
    for n in range(50):
        make_user(f"p{n}@example.com", name=f"Person {n:02}")
    sign_in(client, app, admin, clock)
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
    # The browser's session cookie, filed by the test client for the proxy's host too.
    session = client.get_cookie("firsthand_console", path="/console").value
    client.set_cookie("firsthand_console", session, domain="127.0.0.1", path="/console")
    page = client.get(f"/console/teams/{sales}", headers={"Host": "127.0.0.1:8000"})
    assert page.status_code == 200
    pager = re.search(r'<a href="([^"]*)" rel="next"', page.text)
    assert pager is not None, "a team of 51 has a second page"
    assert pager[1].startswith(f"/console/teams/{sales}?after="), pager[1]
    assert "127.0.0.1:8000" not in page.text
    second = client.get(pager[1].replace("&amp;", "&"))
    assert second.status_code == 200 and "Person 49" in second.text


@API
def test_too_many_teams_for_a_story_says_how_many_may_be_named(client, make_user):
    """201 team ids (the contract allows 200) were refused as "team_ids: is not valid":
    nothing a person could act on."""
    _, admin = make_user("ada@example.com", role="admin")
    story = {
        "title": "Atlas is live",
        "context": "We launched Atlas today.",
        "questions": ["What did you build?", "Who made it happen?"],
        "team_ids": list(range(1, 202)),
    }
    answer = client.post("/api/v1/stories", json=story, headers=admin)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"] == [
        {"field": "team_ids", "message": "must hold at most 200 items"}
    ]


# --- The links the console shows for a post -----------------------------------------------------


@API
def test_the_top_posts_link_each_post_as_identified_not_as_typed(app, client, make_user, clock):
    """Top posts (analytics, and its CSV) showed each post's link as the employee typed it:
    one typed "HTTP://…" (or "http://") was printed as text rather than linked, with whatever
    it held, such as a direction override (U+202E) that turns the rest of the line around.
    The post's identity (its canonical link: https, the id, nothing else) is what is shown."""
    admin, _ = make_user("ada@example.com", role="admin", name="Ada")
    _, ann = make_user("ann@example.com", name="Ann")
    post = f"urn:li:activity:{activity_id(1)}"
    typed = f"HTTP://www.linkedin.com/feed/update/{post}/?x=\u202egnp.exe"
    logged = client.post("/api/v1/shares", json={"url": typed, "network": "linkedin"}, headers=ann)
    assert logged.status_code == 201
    share = logged.get_json()["share"]
    counts = {"comments": {"value": 12, "raw": "12 comments"}}
    reading = {"source": "post", "counts": counts}
    read = client.post(f"/api/v1/shares/{share['id']}/reach", json=reading, headers=ann)
    assert read.status_code == 201, read.get_json()
    sign_in(client, app, admin, clock)
    page = client.get("/console/analytics/").text
    table = page.split('id="table-top_posts"', 1)[1].split("</table>", 1)[0]
    assert f'<a href="{share["canonical_url"]}"' in table
    assert "\u202e" not in table and "HTTP://" not in table
    csv = client.get("/console/analytics/top_posts.csv").text
    assert share["canonical_url"] in csv and "\u202e" not in csv
