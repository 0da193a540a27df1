"""People, imports and teams in the console, through Flask's test client."""

import io
import re
from html import unescape

import pytest

from console_helpers import csrf_from, post_form, sign_in
from firsthand.admin_models import AuditEvent, TeamManager
from firsthand.console.csv_export import safe_cell
from firsthand.db import database
from firsthand.imports import plan, read_csv
from firsthand.models import Kudos, PeriodStats, Share, Team, User
from helpers import linkedin_url, period_totals_match_recomputation


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def upload(client, text: str, name: str = "people.csv"):
    page = client.get("/console/people/import/")
    return client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_csv_reading_copes_with_real_files(app, admin):
    rows = read_csv("\ufeffE-mail;Full name;Department\r\nA@X.io;Ann;Ops\r\n\r\n".encode())
    assert rows == [{"line": 2, "email": "A@X.io", "name": "Ann", "team": "Ops", "role": ""}]
    plain = read_csv(b"b@x.io,Bob,Eng,manager\nc@x.io,Cy\n")
    assert [(r["line"], r["role"], r["team"]) for r in plain] == [
        (1, "manager", "Eng"),
        (2, "", ""),
    ]
    latin = read_csv("email,name\nz@x.io,Zo\xeb\n".encode("cp1252"))
    assert latin[0]["name"] == "Zoë"


def test_the_preview_names_every_problem(app, admin):
    raw = read_csv(
        b"email,name,team,role\n"
        b"ok@x.io,Ok,Sales,\n"
        b"bad,Bad,Sales,\n"
        b"ok@x.io,Again,Sales,\n"
        b"r@x.io,Role,Sales,boss\n"
        b"n@x.io,,Sales,\n"
        b"ada@example.com,Ada Admin,Office,employee\n"
    )
    with app.app_context(), database.connection_context():
        result = plan(raw, admin, None)
    problems = {r.line: r.problems for r in result.rows if r.problems}
    assert problems == {
        3: ["“bad” is not an email address"],
        4: ["duplicate of line 2"],
        5: ["unknown role “boss” (use employee, manager or admin)"],
        6: ["name is missing"],
        7: ["you cannot change your own role"],
    }
    assert [r.action for r in result.rows] == ["create", "skip", "skip", "skip", "skip", "skip"]
    assert result.new_teams == ["Sales"]


def test_import_preview_confirm_and_reupload(client, app, admin, make_user, clock):
    bob, headers = make_user("bob@example.com", name="Bob", team="Sales")
    assert (
        client.post(
            "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=headers
        ).status_code
        == 201
    )
    sign_in(client, app, admin, clock)
    text = "email,name,team,role\nnew@x.io,New Person,Eng,\nbob@example.com,Bob,Eng,\n"
    preview = upload(client, text)
    assert preview.status_code == 302
    page = client.get(preview.headers["Location"])
    assert "Nothing has been written yet." in page.text and "team: Sales → Eng" in page.text
    with app.app_context(), database.connection_context():
        assert User.select().count() == 2 and not Team.select().where(Team.name == "Eng").exists()
    done = client.post(preview.headers["Location"], data={"csrf_token": csrf_from(page.text)})
    assert done.status_code == 302
    with app.app_context(), database.connection_context():
        assert User.get(User.email == "new@x.io").team.name == "Eng"
        assert User.get_by_id(bob.id).team.name == "Eng"
        assert {p.team.name for p in PeriodStats.select().where(PeriodStats.user == bob.id)} == {
            "Eng"
        }
        period_totals_match_recomputation()
        events = AuditEvent.select().count()
    links_at = done.headers["Location"].replace("/done", "/links.csv")
    fetched = client.get(links_at)  # a prefetch or a bookmark issues no links
    assert fetched.status_code == 302 and fetched.headers["Location"].endswith("/done")
    with app.app_context(), database.connection_context():
        assert AuditEvent.select().count() == events
    assert client.post(links_at, data={"csrf_token": "forged"}).status_code == 400
    result_page = client.get(done.headers["Location"])
    links = client.post(links_at, data={"csrf_token": csrf_from(result_page.text)})
    assert links.headers["Content-Type"].startswith("text/csv")
    assert links.text.startswith("\ufeff")  # so Excel reads the accents as UTF-8
    assert links.text.lstrip("\ufeff").splitlines()[0] == "email,name,team,connect_link"
    assert "new@x.io" in links.text and "bob@example.com" not in links.text  # Bob connected
    again = client.post(done.headers["Location"].replace("/done", ""), data={"csrf_token": "x"})
    assert again.status_code == 400  # a stale form; and the import itself is single-use:
    second = client.get(upload(client, text).headers["Location"])
    assert "Nothing to change:" in second.text and "Confirm:" not in second.text
    with app.app_context(), database.connection_context():
        assert User.select().count() == 3
        assert AuditEvent.select().count() == events + 1  # the link issued; no import


def test_team_rename_and_merge_keep_team_boards(client, app, admin, make_user, clock):
    ann, ann_h = make_user("ann@example.com", name="Ann", team="Sales")
    cy, cy_h = make_user("cy@example.com", name="Cy", team="Sales EMEA")
    for n, headers in enumerate((ann_h, cy_h)):
        client.post(
            "/api/v1/shares", json={"url": linkedin_url(n), "network": "linkedin"}, headers=headers
        )
    sign_in(client, app, admin, clock)
    sales, emea = ann.team_id, cy.team_id
    renamed = post_form(
        client, f"/console/teams/{sales}", f"/console/teams/{sales}/rename", {"name": "Sales UK"}
    )
    assert renamed.status_code == 302
    clash = post_form(
        client, f"/console/teams/{sales}", f"/console/teams/{sales}/rename", {"name": "sales emea"}
    )
    assert "already a team called" in client.get(clash.headers["Location"]).text
    unconfirmed = post_form(
        client, f"/console/teams/{emea}", f"/console/teams/{emea}/merge", {"into": str(sales)}
    )
    assert "tick the box" in client.get(unconfirmed.headers["Location"]).text
    with app.app_context(), database.connection_context():
        assert Team.select().where(Team.id == emea).exists()  # nothing merged yet
    merged = post_form(
        client,
        f"/console/teams/{emea}",
        f"/console/teams/{emea}/merge",
        {"into": str(sales), "confirm": "1"},
    )
    assert merged.status_code == 302
    board = client.get("/api/v1/leaderboard?scope=team&period=all", headers=cy_h).get_json()
    assert board["team"] == "Sales UK" and sorted(e["name"] for e in board["entries"]) == [
        "Ann",
        "Cy",
    ]
    with app.app_context(), database.connection_context():
        assert not Team.select().where(Team.id == emea).exists()
        period_totals_match_recomputation()
        actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
        assert actions[-2:] == ["team.rename", "team.merge"]
    log = client.get("/console/audit/?action=team.merge").text
    assert log.count("<td>merged teams into</td>") == 1 and "Sales EMEA" in log
    assert "<td>renamed the team</td>" not in log


def test_csv_cells_never_start_a_formula():
    rows = ['=HYPERLINK("http://x")', "+Plus Name", "-1+2", "@SUM(A1)", "\tTab", "Ann", 42, None]
    assert [safe_cell(value) for value in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+Plus Name",
        "'-1+2",
        "'@SUM(A1)",
        "'\tTab",
        "Ann",
        42,
        "",
    ]


def test_managers_invited_or_imported_into_a_team_manage_it(client, app, admin, clock):
    app.config["PUBLIC_URL"] = "http://127.0.0.1:5077"  # not the CLI's default :5000
    sign_in(client, app, admin, clock)
    with app.app_context(), database.connection_context():
        eng = Team.create(name="Eng", created_at=clock())
    invited = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "meg@x.io", "name": "Meg", "team": str(eng.id), "role": "manager"},
    )
    assert invited.status_code == 200
    # The connect link is the extension's: the page says where a manager signs in, and what.
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", invited.text)).split())
    assert "As a manager, Meg also uses the console, where they see the team Eng" in said
    assert "http://127.0.0.1:5077/console/sign-in" in said
    # The command gives a link to this server, as the sign-in page's does (it pointed at :5000).
    assert (
        "FIRSTHAND_PUBLIC_URL=http://127.0.0.1:5077 .venv/bin/firsthand console-link meg@x.io"
        in said
    )
    employee = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "eve@x.io", "name": "Eve", "team": str(eng.id)},
    )
    assert employee.status_code == 200 and "also uses the console" not in employee.text
    text = "email,name,team,role\ntom@x.io,Tom Berg,Ops,manager\nemp@x.io,Em,Ops,employee\n"
    preview = upload(client, text)
    page = client.get(preview.headers["Location"])
    confirm = client.post(preview.headers["Location"], data={"csrf_token": csrf_from(page.text)})
    assert confirm.status_code == 302
    with app.app_context(), database.connection_context():
        managing = {
            (Team.get_by_id(m.team_id).name, User.get_by_id(m.user_id).email)
            for m in TeamManager.select()
        }
    assert ("Eng", "meg@x.io") in managing and ("Ops", "tom@x.io") in managing
    assert not any(email == "emp@x.io" for _, email in managing)
    assert "Tom Berg" in client.get("/console/teams/").text


def test_a_refused_kudos_keeps_the_message_on_their_page(client, app, admin, make_user, clock):
    """A message over 280 characters (maxlength bypassed) comes back on the person's page,
    typed text kept, the reason beside the form, not on a dead-end error page."""
    bob, headers = make_user("bob@example.com", name="Bob")
    client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=headers
    )
    sign_in(client, app, admin, clock)
    page = f"/console/people/{bob.id}"
    with app.app_context(), database.connection_context():
        share_id = Share.get(Share.user == bob.id).id
    long = "Thank you for <sharing> this! " * 10  # 300 characters
    refused = post_form(client, page, f"{page}/kudos", {"message": long, "share": str(share_id)})
    assert refused.status_code == 422
    text = refused.text
    assert "Recognise <bdi>Bob</bdi>" in text and "That did not work" not in text
    assert "Message is too long: at most 280 characters, and it has 299" in text
    assert 'id="message-error"' in text and 'aria-invalid="true"' in text
    assert "Thank you for &lt;sharing&gt; this!" in text  # kept, escaped
    assert f'<option value="{share_id}" selected>' in text
    with app.app_context(), database.connection_context():
        assert Kudos.select().count() == 0
    sent = post_form(client, page, f"{page}/kudos", {"message": long[:280], "share": ""})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(page)
    with app.app_context(), database.connection_context():
        assert Kudos.get().message == long[:280].strip()
    again = client.get(page).text
    assert 'aria-invalid="true"' not in again and "<textarea" in again


def test_team_and_manager_names_are_listed_as_a_person_sorts_them(
    client, app, admin, make_user, clock
):
    """Accents and case folded: "équipe Lyon" between "Achats" and "ops", not after "Zürich"
    (cold trial: names sorted by code point). The same in every list and on every back end."""
    teams = ["Ventes", "équipe Lyon", "Zürich", "ops", "Achats"]
    for n, team in enumerate(teams):
        make_user(f"p{n}@example.com", team=team)
    make_user("tom@example.com", role="manager", team="Ventes", name="Tom Tailor")
    make_user("emi@example.com", role="manager", team="Ventes", name="Émilie Roux")
    want = ["Achats", "équipe Lyon", "Office", "ops", "Ventes", "Zürich"]

    def order(html: str) -> list[str]:
        return sorted(want, key=lambda name: html.index(f">{name}<"))

    sign_in(client, app, admin, clock)
    listing = client.get("/console/teams/").text
    assert order(listing) == want
    assert "<bdi>Émilie Roux</bdi>, <bdi>Tom Tailor</bdi>" in listing  # Ventes' managers
    people = client.get("/console/people/").text.split('id="team"')[1].split("</select>")[0]
    assert order(people.replace("</option>", "<")) == want
    story_form = client.get("/console/stories/new").text.replace("</label>", "<")
    assert order(story_form.replace('"> ', '">')) == want
    headers = make_user("x@example.com", role="admin", team="Office")[1]
    api = client.get("/api/v1/teams", headers=headers).get_json()["data"]
    assert [t["name"] for t in api] == want


def test_people_waiting_after_an_import_are_listed_as_a_person_sorts_them(
    client, app, admin, clock
):
    sign_in(client, app, admin, clock)
    text = "email,name\nt@x.io,Tom Tailor\ne@x.io,Émilie Roux\na@x.io,adam Smith\n"
    preview = upload(client, text).headers["Location"]
    page = client.get(preview)
    done = client.post(preview, data={"csrf_token": csrf_from(page.text)}).headers["Location"]
    result = client.get(done).text
    assert result.index("adam Smith") < result.index("Émilie Roux") < result.index("Tom Tailor")


def test_inviting_someone_already_in_links_their_page_for_a_new_link(client, app, admin, clock):
    # A cold trial reloaded the connect-link page: the form went again, and the answer was the
    # API's words, a shell command in backticks, with no way on to the person.
    sign_in(client, app, admin, clock)
    form = {"email": "ana@x.io", "name": "Ana"}
    first = post_form(client, "/console/people/invite", "/console/people/invite", form)
    assert first.status_code == 200
    again = post_form(
        client, "/console/people/invite", "/console/people/invite", {**form, "email": "ANA@x.io"}
    )
    assert again.status_code == 409
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", again.text)).split())
    assert "Ana is already in Firsthand" in said and "`" not in said
    assert 'value="ANA@x.io"' in again.text  # what was typed stays, a typo to correct
    with app.app_context(), database.connection_context():
        ana = User.get(User.email == "ana@x.io")
    assert f'href="/console/people/{ana.id}"' in again.text  # on to a new connect link
    with app.app_context(), database.connection_context():
        assert User.select().where(User.email == "ana@x.io").count() == 1


def test_ones_own_page_offers_no_deactivate_nor_its_help(client, app, admin, clock, make_user):
    """A cold trial: the demo admin's own page said "Deactivating disconnects their extension…"
    with no Deactivate button (nor Delete) on it."""
    bob = make_user("bob@example.com", name="Bob")[0]
    sign_in(client, app, admin, clock)
    own = client.get(f"/console/people/{admin.id}").text
    assert "Deactivate</button>" not in own and "Deactivating disconnects" not in own
    assert (
        "Another admin, signed in as themselves, can deactivate or delete your own account" in own
    )
    other = client.get(f"/console/people/{bob.id}").text
    assert "Deactivate</button>" in other and "Deactivating disconnects" in other
    assert "your own account" not in other
