"""A people CSV whose columns are not the ones expected (the cold trial's finding 8): column
titles in the six languages, unknown titles and swapped columns said once above the preview,
and a closing line that says what is true when no row can be imported."""

import json
from html import unescape

import pytest

from console_helpers import confirm_import, csrf_from, preview_import, sign_in
from firsthand.admin_models import ImportBatch
from firsthand.db import database
from firsthand.errors import ApiError
from firsthand.import_file import COLUMNS_FILE, read_sheet
from firsthand.imports import batch_notes, batch_rows, plan
from firsthand.models import User


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def people(sheet) -> list[tuple]:
    return [(r["email"], r["name"], r["team"]) for r in sheet.rows]


@pytest.mark.parametrize(
    "header, row, expected",
    [
        ("First name,Last name,Email address,Department", "John,Doe,j@x.io,Sales", "John Doe"),
        ("Prénom;Nom;Courriel;Service", "Émilie;Roux;j@x.io;Sales", "Émilie Roux"),
        ("Name;Vorname;E-Mail-Adresse;Abteilung", "Müller;Anna;j@x.io;Sales", "Anna Müller"),
        ("Nombre,Apellidos,Correo electrónico,Departamento", "Ana,Gil,j@x.io,Sales", "Ana Gil"),
        ("Voornaam,Achternaam,E-mailadres,Afdeling", "Jan,Smit,j@x.io,Sales", "Jan Smit"),
        ("Nome,Sobrenome,E-mail corporativo,Setor", "João,Silva,j@x.io,Sales", "João Silva"),
        ("EMPLOYEE_NAME, Work  Email ,Team Name", "Bo Li,j@x.io,Sales", "Bo Li"),
    ],
)
def test_hr_export_titles_are_read_in_six_languages(header, row, expected):
    sheet = read_sheet(f"{header}\n{row}\n".encode())
    assert people(sheet) == [("j@x.io", expected, "Sales")] and sheet.notes == []


@pytest.mark.parametrize(
    "header, row, expected",
    [
        # "Name" beside a first-name column is the surname, in any language, either order.
        ("Name,First name,Email", "Müller,Anna,j@x.io", "Anna Müller"),
        ("Email,First Name,Name", "j@x.io,Anna,Müller", "Anna Müller"),
        ("Nachname;Vorname;E-Mail", "Müller;Anna;j@x.io", "Anna Müller"),
        ("Zuname;Rufname;E-Mail", "Müller;Anna;j@x.io", "Anna Müller"),
        ("Nom;Prénom;Courriel", "Roux;Émilie;j@x.io", "Émilie Roux"),
        ("Apellido(s),Nombre(s),Correo", "Gil Ruiz,Ana,j@x.io", "Ana Gil Ruiz"),
        ("Nombres,Apellidos,Correo", "Ana María,Gil,j@x.io", "Ana María Gil"),
        ("Nombre,Primer apellido,Segundo apellido,Correo", "Ana,Gil,Ruiz,j@x.io", "Ana Gil Ruiz"),
        ("Nombre,Apellido paterno,Apellido materno,Correo", "Ana,Gil,Ruiz,j@x.io", "Ana Gil Ruiz"),
        ("Achternaam,Voornaam,E-mail", "Smit,Jan,j@x.io", "Jan Smit"),
        ("Voornaam,Tussenvoegsel,Achternaam,E-mail", "Jan,van,Dijk,j@x.io", "Jan van Dijk"),
        ("Naam,Voornaam,E-mail", "Smit,Jan,j@x.io", "Jan Smit"),
        ("Sobrenome,Nome,E-mail", "Silva,João,j@x.io", "João Silva"),
        ("Nome,Apelido,E-mail", "João,Silva,j@x.io", "João Silva"),
        ("Last name(s),Given name(s),Work email address", "Doe,John,j@x.io", "John Doe"),
        # "Name" alone (or "Nom", "Naam") is the whole name.
        ("Name,Email", "Anna Müller,j@x.io", "Anna Müller"),
        ("Nom;Courriel", "Émilie Roux;j@x.io", "Émilie Roux"),
        ("Naam,E-mail", "Jan van Dijk,j@x.io", "Jan van Dijk"),
    ],
)
def test_surname_and_given_name_columns_make_the_name_in_any_language(header, row, expected):
    """A cold trial's file titled "Name,First name" (German: Name is the surname) was read as
    whole names; titles with "(s)", two Spanish surnames and a Dutch "van" were lost."""
    sheet = read_sheet(f"{header}\n{row}\n".encode())
    assert [(r["email"], r["name"]) for r in sheet.rows] == [("j@x.io", expected)]
    assert sheet.notes == []


@pytest.mark.parametrize(
    "header, rows, expected",
    [
        # An English "Name" beside "Surname" (and no first-name column) is the given name ...
        (
            "Name,Surname,Email",
            ["Anna,Müller,a@x.io", "Jo Ann,Li,b@x.io"],
            ["Anna Müller", "Jo Ann Li"],
        ),
        ("Email,Last name,Name", ["a@x.io,Smit,Jan"], ["Jan Smit"]),
        ("Naam,Achternaam,E-mail", ["Jan,Smit,a@x.io"], ["Jan Smit"]),
        ("Name,Tussenvoegsel,Achternaam,E-mail", ["Jan,van,Dijk,a@x.io"], ["Jan van Dijk"]),
        # ... unless a row's name already ends with the surname: then it is the whole name.
        (
            "Name,Surname,Email",
            ["Anna Müller,Müller,a@x.io", "Anna Muller,MÜLLER,b@x.io"],
            ["Anna Müller", "Anna Muller"],
        ),
        ("First name,Last name,Email", ["Jo Li,Li,a@x.io", "Li,Li,b@x.io"], ["Jo Li", "Li Li"]),
    ],
)
def test_name_beside_a_surname_column_is_the_given_name(header, rows, expected):
    """A cold trial's English file titled "Name,Surname" kept only the given names (the whole
    "Name" column won and the surnames were said to be left out)."""
    sheet = read_sheet(("\n".join([header, *rows]) + "\n").encode())
    assert [r["name"] for r in sheet.rows] == expected
    assert sheet.notes == []


def test_a_whole_name_wins_over_every_part_and_the_parts_are_said_left_out():
    sheet = read_sheet(
        b"Email,Full name,Voornaam,Tussenvoegsel,Achternaam\nj@x.io,Jan van Dijk,Jan,van,Dijk\n"
    )
    assert [r["name"] for r in sheet.rows] == ["Jan van Dijk"]
    assert sheet.notes == [
        "The “Full name” column is read as the name, so these are left out: “Voornaam”, "
        "“Tussenvoegsel”, “Achternaam”."
    ]


def test_unknown_titles_are_named_once_with_what_is_expected():
    sheet = read_sheet(b"Email address,Pronouns,Cost centre\nj@x.io,he/him,42\n")
    assert people(sheet) == [("j@x.io", "", "")]
    assert sheet.notes == [
        "Columns not recognised, and left out: “Pronouns”, “Cost centre”. No name or team "
        "column was found. The columns read are email (or e-mail, email address…), name (or "
        "first name and last name), team (or department) and role."
    ]


def test_name_parts_beside_a_whole_name_are_said_to_be_left_out_not_unknown():
    """A whole name wins over its parts; the parts were listed as "not recognised", though
    they are titles the import knows, and the admin could not tell which name was used."""
    sheet = read_sheet(b"Email,Full name,First name,Last name,Cost centre\nj@x.io,Jo Li,Jo,Li,4\n")
    assert people(sheet) == [("j@x.io", "Jo Li", "")]
    assert sheet.notes[0] == (
        "The “Full name” column is read as the name, so these are left out: “First name”, "
        "“Last name”."
    )
    assert "“Cost centre”" in sheet.notes[1] and "First name" not in sheet.notes[1]
    both = read_sheet(b"Display name,First name,Email,Team\nJo Li,Jo,j@x.io,Sales\n")
    assert people(both) == [("j@x.io", "Jo Li", "Sales")]
    assert both.notes == [
        "The “Display name” column is read as the name, so these are left out: “First name”."
    ]


def test_a_header_without_an_email_column_is_refused_by_name():
    with pytest.raises(ApiError) as refused:
        read_sheet(b"Full name,Work address\nBob,bob@x.io\n")
    assert refused.value.status == 422
    assert "“Full name”, “Work address”" in refused.value.message


def test_swapped_columns_are_said_with_or_without_a_header():
    bare = read_sheet(b"John Doe,john@x.io,Sales\nAnn Bell,ann@x.io,Ops\n")
    assert people(bare)[0] == ("John Doe", "john@x.io", "Sales")  # read as the file says
    assert bare.notes[0].startswith("Column 2 holds the email addresses, but a file without")
    titled = read_sheet(b"Name,Email\nbob@x.io,Bob\n")
    assert titled.notes == [
        "The column “Email” holds few email addresses, but column 1 (“Name”) holds many: "
        "are the titles swapped?"
    ]
    # A headerless first row whose cell happens to be a known title is still a person.
    assert people(read_sheet(b"ann@x.io,Ann,Service\n")) == [("ann@x.io", "Ann", "Service")]


def test_the_synonyms_are_data_and_name_one_column_each():
    from firsthand.import_file import _title

    data = json.loads(COLUMNS_FILE.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    for key, titles in data["columns"].items():
        for title in titles:
            assert owner.setdefault(_title(title), key) == key, title


def test_the_preview_says_why_no_row_can_be_imported(client, app, admin, clock):
    sign_in(client, app, admin, clock)
    swapped = preview_import(client, "John Doe,john@x.io,Sales\nAnn Bell,ann@x.io,Ops\n")
    assert "Column 2 holds the email addresses" in swapped
    assert "No row can be imported:" in swapped and "Nothing to change" not in swapped
    # The problem comes before the row's cells, so it stays on screen when the table scrolls.
    problems = swapped.split('<table class="problems">')[1]
    assert problems.index(">Problem<") < problems.index(">Email<")
    unknown = preview_import(client, "Email address,Pronouns\nj@x.io,he/him\n")
    assert "Columns not recognised, and left out: “Pronouns”" in unknown
    assert "No row can be imported:" in unknown and "name is missing" in unknown
    hr = preview_import(
        client, "First name,Last name,Email address,Department\nJohn,Doe,jd@x.io,Sales\n"
    )
    assert "Confirm: invite 1, update 0" in hr and "John Doe" in hr
    partly = preview_import(client, "email,name\nada@example.com,Ada Admin\nbad,Bad\n")
    assert "Nothing to change:</strong> the one row without a problem is already" in partly
    with app.app_context(), database.connection_context():
        assert User.select().count() == 1  # previews write no one
        kept = ImportBatch.select().order_by(ImportBatch.id).first()
        assert batch_notes(kept)[0].startswith("Column 2 holds")
        assert plan(batch_rows(kept), admin, None).importable == 0


def test_a_preview_saved_before_the_notes_still_opens(client, app, admin, clock):
    with app.app_context(), database.connection_context():
        old = ImportBatch.create(
            actor=admin.id,
            created_at=clock(),
            filename="old.csv",
            rows=json.dumps([{"line": 2, "email": "o@x.io", "name": "O", "team": "", "role": ""}]),
        )
        assert batch_notes(old) == [] and batch_rows(old)[0]["email"] == "o@x.io"
    sign_in(client, app, admin, clock)
    page = client.get(f"/console/people/import/{old.id}")
    assert page.status_code == 200 and "Confirm: invite 1" in page.text


def test_a_role_column_of_job_titles_is_left_out_and_said_once():
    """An HR export's "Role" (Designer, Head of Sales…) made every row "unknown role"."""
    csv = "Email,Name,Department,Role\na@x.io,Ann,Sales,Designer\nb@x.io,Bob,Sales,Head of Sales\n"
    sheet = read_sheet(csv.encode())
    assert [r["role"] for r in sheet.rows] == ["", ""]
    assert people(sheet)[0] == ("a@x.io", "Ann", "Sales")
    assert sheet.notes == [
        "The column “Role” holds job titles, not Firsthand roles (employee, manager or admin), "
        "so it was left out: new people join as employees and no one's role changes. Title it "
        "“role” only for Firsthand roles."
    ]
    roles = read_sheet(b"email,name,role\na@x.io,Ann,Manager\nb@x.io,Bob,admn\nc@x.io,Cy,\n")
    assert [r["role"] for r in roles.rows] == ["Manager", "admn", ""] and roles.notes == []


def test_the_import_result_names_only_the_ways_links_can_be_had(client, app, admin, clock):
    """Without mail set up there is no "Email each of them" button, so the result page must
    not say links are issued "when you download or email them"."""
    sign_in(client, app, admin, clock)
    preview = preview_import(client, "email,name\nnew@x.io,New Person\n")
    _, done = confirm_import(client, app, preview)
    result = unescape(client.get(done.headers["Location"]).text)
    assert "Download their connect links (CSV)" in result
    assert "Email each of them" not in result
    assert "Links are issued when you download them," in result and "or email" not in result


def test_analytics_comes_before_the_audit_log_in_the_navigation(client, app, admin, clock):
    """Analytics is where a program is seen to work; the audit log is a record kept aside."""
    sign_in(client, app, admin, clock)
    page = client.get("/console/").text
    assert page.index(">Analytics</a>") < page.index(">Audit log</a>") < page.index(">Settings</a>")


def test_admins_who_run_the_console_are_named_apart_not_handed_links(client, app, admin, clock):
    """A cold trial's import listed its admins, who had never connected, among the people to
    hand connect links to. Program staff (staff.py) need no link: they are named apart, and
    the CSV of links leaves them out; an employee who never connected is there as before."""
    sign_in(client, app, admin, clock)
    preview = preview_import(
        client,
        "email,name,role\nada@example.com,Ada Admin,admin\nboss@x.io,Bo Boss,admin\n"
        "new@x.io,New Person,employee\n",
    )
    batch, done = confirm_import(client, app, preview)
    result = unescape(client.get(done.headers["Location"]).text)
    waiting = result.split("Who is waiting to connect")[1].split("</details>")[0]
    assert "New Person" in waiting and "Bo Boss" not in waiting and "Ada Admin" not in waiting
    assert "1 person has not connected yet." in result
    apart = result.split('class="import-staff"')[1].split("</section>")[0]
    assert "Console only (2):" in apart and "They need no connect link" in apart
    assert "Ada Admin" in apart and "Bo Boss" in apart and "New Person" not in apart
    links = client.post(
        f"/console/people/import/{batch.id}/links.csv",
        data={"csrf_token": csrf_from(result)},
    )
    assert links.status_code == 200
    lines = links.text.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("new@x.io,New Person,")
    # Made an employee since, Bo is a participant like anyone: waiting, with a link to hand out.
    with app.app_context(), database.connection_context():
        User.update(role="employee").where(User.email == "boss@x.io").execute()
    result = unescape(client.get(done.headers["Location"]).text)
    assert "2 people have not connected yet." in result and "Console only (1):" in result
