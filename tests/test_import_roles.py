"""A people CSV's role column in the six languages (a cold trial's German HR export: its
"Rolle" held "Mitarbeiter" / "Führungskraft", was taken for job titles and left out, so a
manager joined as an employee). Role words map to Firsthand's roles; admin only from words
that plainly mean it; anything else stays an unknown role on its row."""

import json

import pytest

from console_helpers import confirm_import, preview_import, sign_in
from firsthand.db import database
from firsthand.import_file import ROLES_FILE, firsthand_role, read_sheet
from firsthand.imports import plan
from firsthand.models import User


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


ROLE_WORDS = {  # "|" between the words as HR exports write them
    "employee": (
        "employee|EMPLOYEE|Mitarbeiter|Mitarbeiterin|Mitarbeitende|Mitarbeiter(in)|"
        "collaborateur|Collaboratrice|salarié|Salariée|salarié(e)|employé|Employée|"
        "employé(e)|empleado|Empleada|empleado/a|colaborador|Colaboradora|colaborador/a|"
        "medewerker|Medewerker|funcionário|Funcionária|funcionario/a|  Mitarbeiter  |"
        # Interns and apprentices join as employees (a cold trial's "Becario" was refused).
        "Intern|Trainee|Stagiaire|Alternante|Praktikantin|Werkstudent|Azubi|Auszubildende|"
        "Becario|Becaria|Practicante|Stagiair|Estagiária|estagiario"
    ).split("|"),
    "manager": (
        "manager|Manager|Führungskraft|FUHRUNGSKRAFT|Teamleiter|Teamleiterin|"
        "Teamleiter(in)|Managerin|Manager(in)|Vorgesetzte|Vorgesetzter|Vorgesetzte(r)|"
        "responsable|Responsable|chef d'équipe|Chef d’équipe|gerente|Gerente|"
        "jefe de equipo|Jefa de equipo|mánager|MANAGER|leidinggevende|Leidinggevende|"
        "teamleider|gestor|Gestora|gestor/a|chefe de equipa|Chefe de equipe|"
        "Jefe  de  equipo"
    ).split("|"),
    "admin": (
        "admin|Admin|ADMIN|Administrator|Administratorin|administrateur|Administratrice|"
        "administrador|Administradora|administrador/a|beheerder|Beheerder"
    ).split("|"),
}
# Near an admin word but not plainly one: a job title or a department, never a grant.
VAGUE = (
    "Administration|administratif|Administrative|administrativo|Administrativa|"
    "administratief|Verwaltung|Leitung|Direktor|Geschäftsführer|Systemadmin|"
    "IT admin|Super admin|owner|beheer|Sachbearbeiter|Head of Sales"
).split("|")


@pytest.mark.parametrize(
    "word, role", [(w, role) for role, words in ROLE_WORDS.items() for w in words]
)
def test_role_words_in_six_languages_name_firsthand_roles(app, admin, word, role):
    sheet = read_sheet(f"E-Mail;Name;Rolle\nneu@x.io;Neu Person;{word}\n".encode())
    assert sheet.notes == []  # the column is read, not left out as job titles
    with app.app_context(), database.connection_context():
        (row,) = plan(sheet.rows, admin, None).rows
    assert (row.action, row.role, row.problems) == ("create", role, [])


@pytest.mark.parametrize("word", VAGUE)
def test_vague_words_are_never_read_as_admin(app, admin, word):
    assert firsthand_role(word) == word.strip()
    rows = [{"line": 2, "email": "v@x.io", "name": "Vi", "team": "", "role": word}]
    with app.app_context(), database.connection_context():
        (row,) = plan(rows, admin, None).rows
    assert row.action == "skip"
    assert row.problems == [f"unknown role “{word}” (use employee, manager or admin)"]


def test_each_role_word_names_one_role():
    data = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    assert set(data["roles"]) == {"employee", "manager", "admin"}
    for role, words in data["roles"].items():
        assert all(firsthand_role(w) == role for w in words), role


def test_a_manager_importing_german_staff_still_cannot_grant_roles(app, make_user):
    boss = make_user("bo@x.io", role="manager", name="Bo", team="Sales")[0]
    rows = [
        {"line": 2, "email": "a@x.io", "name": "An", "team": "Sales", "role": "Mitarbeiterin"},
        {"line": 3, "email": "b@x.io", "name": "Bea", "team": "Sales", "role": "Administrator"},
    ]
    with app.app_context(), database.connection_context():
        team_ids = {User.get(User.email == "bo@x.io").team_id}
        first, second = plan(rows, boss, team_ids).rows
    assert (first.action, first.role, first.problems) == ("create", "employee", [])
    assert second.action == "skip" and "only admins can set roles" in second.problems


def test_the_german_hr_export_imports_its_manager(client, app, admin, clock):
    sign_in(client, app, admin, clock)
    preview = preview_import(
        client,
        "Vorname;Nachname;E-Mail-Adresse;Abteilung;Rolle\n"
        "Fatma;Yılmaz;fatma.yilmaz@x.io;Vertrieb;Führungskraft\n"
        "Jonas;Weber;jonas.weber@x.io;Vertrieb;Mitarbeiter\n"
        "Fatma;Yılmaz;FATMA.YILMAZ@x.io;Vertrieb;Führungskraft\n",
    )
    assert "job titles" not in preview and "Confirm: invite 2, update 0" in preview
    problems = preview.split('<table class="problems">')[1].split("</table>")[0]
    # The skipped duplicate is shown as the file wrote it, so it can be found there.
    assert "duplicate of line 2" in problems and "FATMA.YILMAZ@x.io" in problems
    assert "fatma.yilmaz@x.io" not in problems
    confirm_import(client, app, preview)
    with app.app_context(), database.connection_context():
        roles = {u.email: u.role for u in User.select().where(User.email.endswith("@x.io"))}
    assert roles == {"fatma.yilmaz@x.io": "manager", "jonas.weber@x.io": "employee"}
