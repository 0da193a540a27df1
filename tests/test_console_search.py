"""Console searches over names ignore case and accents in every script, on both back ends:
the people list and the audit log's filters, whichever way a name was written."""

from __future__ import annotations

import io
import re

import pytest
from playhouse.migrations import Runner

from console_helpers import csrf_from, post_form, sign_in
from firsthand.admin_models import AuditEvent
from firsthand.db import MIGRATIONS_DIR, database, migrate, open_database
from firsthand.folding import fold
from firsthand.models import User
from firsthand.privacy import erase_person


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def found(client, q: str) -> list[str]:
    """The names the people list shows for a search."""
    page = client.get("/console/people/", query_string={"q": q})
    assert page.status_code == 200, page.text[:300]
    return re.findall(r'<a href="/console/people/\d+">([^<]+)</a>', page.text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Émilie", "emilie"),
        ("CHLOÉ", "chloe"),
        ("Straße", "strasse"),
        ("ΣΟΦΊΑ", "σοφια"),
        ("İlkay", "ilkay"),
        ("Łódź Øre", "lodz ore"),
        ("ＡＢＣ ﬁ", "abc fi"),
        ("ガイ", "ガイ"),  # the voicing mark stays: ガ is not カ
        ("सुनील", "सुनील"),  # so do Devanagari's vowel signs
        ("Ğğ Şş", "gg ss"),
    ],
)
def test_fold_ignores_case_and_accents_but_keeps_letters(text, folded):
    assert fold(text) == folded


def test_people_search_ignores_case_and_accents(client, app, admin, make_user, clock):
    make_user("emilie@example.com", name="Émilie Roux")
    make_user("c.dupont@example.com", name="Chloé Dupont")
    make_user("sofia@example.com", name="Σοφία Παππά")
    make_user("chloe@example.com", name="Someone Else")
    sign_in(client, app, admin, clock)
    for q in ["émilie", "ÉMILIE", "emilie", "Emilie roux", "  émilie   ROUX "]:
        assert found(client, q) == ["Émilie Roux"], q
    for q in ["CHLOÉ DUPONT", "chloé", "Chloe Dupont", "DUPONT"]:
        assert "Chloé Dupont" in found(client, q), q
    # "Chloé" finds the name and, folded, the email chloe@ as well
    assert found(client, "CHLOÉ") == ["Chloé Dupont", "Someone Else"]
    assert found(client, "ΣΟΦΙΑ") == ["Σοφία Παππά"]
    assert found(client, "%") == [] and found(client, "_") == []  # no wildcards


def test_every_way_of_writing_a_name_keeps_it_searchable(client, app, admin, make_user, clock):
    """Created, renamed in the console, imported, re-imported, saved, erased."""
    emilie, _ = make_user("emilie@example.com", name="Émilie Roux")
    sign_in(client, app, admin, clock)
    page = f"/console/people/{emilie.id}"
    answer = post_form(client, page, page, {"name": "Émilie Été", "role": "employee"})
    assert answer.status_code == 302, answer.text[:300]
    assert found(client, "ete") == ["Émilie Été"] and found(client, "roux") == []
    text = "email,name,team,role\nzoe@x.io,Zoë Ølund,Eng,\nemilie@example.com,Émilie Ûnè,Eng,\n"
    form = client.get("/console/people/import/")
    preview = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(form.text), "file": (io.BytesIO(text.encode()), "p.csv")},
        content_type="multipart/form-data",
    )
    confirm = client.get(preview.headers["Location"])
    done = client.post(preview.headers["Location"], data={"csrf_token": csrf_from(confirm.text)})
    assert done.status_code == 302
    assert found(client, "ZOE OLUND") == ["Zoë Ølund"] and found(client, "UNE") == ["Émilie Ûnè"]
    with app.app_context(), database.connection_context():
        zoe = User.get(User.email == "zoe@x.io")
        zoe.name = "Zoë Åberg"
        zoe.save()
        User.update({User.name: "Émilie Çà"}).where(User.id == emilie.id).execute()
        erase_person(User.get_by_id(emilie.id), clock(), None)
        User.insert_many(
            [{"email": "li@x.io", "name": "LÍ Wéi", "created_at": clock(), "role": "employee"}]
        ).execute()
        User.insert(email="al@x.io", name="ÅL", created_at=clock(), role="employee").execute()
        assert {u.name_folded for u in User.select()} == {fold(u.name) for u in User.select()}
    assert found(client, "aberg") == ["Zoë Åberg"] and found(client, "ça") == []
    assert found(client, "li wei") == ["LÍ Wéi"] and found(client, "al") == ["ÅL"]


def test_audit_log_filters_ignore_case_and_accents(client, app, admin, make_user, clock):
    emilie, _ = make_user("emilie@example.com", name="Émilie Roux")
    sign_in(client, app, admin, clock)
    page = f"/console/people/{emilie.id}"
    post_form(client, page, f"{page}/deactivate", {})
    for args in [{"target": "ÉMILIE"}, {"target": "emilie roux"}, {"actor": "ADA ADMIN"}]:
        log = client.get("/console/audit/", query_string={**args, "action": "person.deactivate"})
        assert log.text.count("person.deactivate") >= 1 and "Émilie Roux" in log.text, args
    log = client.get("/console/audit/", query_string={"target": "chloé"})
    assert "Émilie Roux" not in log.text


def test_migration_folds_the_names_already_there(db_url):
    db = open_database(db_url)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0014_click_journal")
        for n, name in enumerate(["Émilie Roux", "CHLOÉ Dupont", "Σοφία"], start=1):
            db.execute_sql(
                'INSERT INTO "user" (email, name, role, token_generation, created_at, '
                "leaderboard_opt_out, invites_used) VALUES "
                "(%s, %s, 'employee', 0, '2026-11-02 10:00:00', %s, 0)".replace("%s", db.param),
                (f"p{n}@x.io", name, False),
            )
        db.execute_sql(
            "INSERT INTO audit_event (at, actor_label, action, target_type, target_label, "
            "details) VALUES ('2026-11-02 10:00:00', 'Ådå', 'person.invite', 'person', "
            "'Émilie Roux', '{}')"
        )
    database.initialize(db)
    assert "0016_folded_search" in migrate()
    with db.connection_context():
        assert [u.name_folded for u in User.select().order_by(User.id)] == [
            "emilie roux",
            "chloe dupont",
            "σοφια",
        ]
        event = AuditEvent.get()
        assert (event.actor_label_folded, event.target_label_folded) == ("ada", "emilie roux")


def test_team_names_ignore_case_in_every_script(app, make_user):
    """One team whatever the case of its accented letters, on SQLite as on PostgreSQL."""
    first, _ = make_user("elo@example.com", team="Équipe Été")
    second, _ = make_user("ines@example.com", team="ÉQUIPE  ÉTÉ")
    third, _ = make_user("jo@example.com", team="équipe été")
    assert first.team_id == second.team_id == third.team_id
    with app.app_context(), database.connection_context():
        from firsthand.teams import find_team

        assert find_team(" équipe ÉTÉ ").name == "Équipe Été"
        assert find_team("Equipe Ete") is None  # case only: accents still tell teams apart


def test_a_writer_that_does_not_name_the_folded_columns_still_writes(app):
    """The folded copies have a default in the database, not only in peewee: a worker of the
    previous version during a rolling restart (or a raw INSERT, as the benchmark seeds) still
    creates people and audit events."""
    with app.app_context(), database.connection_context():
        p = database.param
        database.execute_sql(
            'INSERT INTO "user" ("email", "name", "role", "token_generation", "created_at", '
            f'"leaderboard_opt_out", "invites_used") VALUES ({p}, {p}, {p}, 0, {p}, {p}, 0)',
            ["old@example.com", "Old Worker", "employee", "2026-12-01 10:00:00", False],
        )
        assert User.get(User.email == "old@example.com").name_folded == ""
        columns = [c.name for c in database.get_columns("audit_event")]
        assert "actor_label_folded" in columns
        defaults = {
            c.name: c.default for c in database.get_columns("audit_event") if "folded" in c.name
        }
        assert all(d is not None for d in defaults.values()), defaults
