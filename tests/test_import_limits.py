"""A people file is read within limits (import_records.py): a file of separators or line breaks
is refused at the first record over a limit, with a message naming it, instead of being
parsed whole into millions of cells first."""

import io
import re
from html import unescape

import pytest

from console_helpers import csrf_from, sign_in
from firsthand import import_records
from firsthand.errors import ApiError
from firsthand.import_file import read_sheet
from firsthand.import_records import MAX_COLUMNS, MAX_RECORD_CHARS, MAX_ROWS

# A cell over csv's own limit (128 KiB): refused as "cannot be read as CSV" if csv reached it.
UNREADABLE = b"x@x.io," + b"N" * 200_000 + b"\n"


def refusal(data: bytes) -> ApiError:
    with pytest.raises(ApiError) as caught:
        read_sheet(data)
    assert caught.value.status == 422
    return caught.value


def test_reading_stops_at_the_row_limit_before_the_rest_of_the_file():
    # Blank lines count as rows (as they always have), and reading stops past the limit: the
    # unreadable cell after them is never parsed.
    error = refusal(b"email,name\n" + b"\n" * (MAX_ROWS + 5) + UNREADABLE)
    assert error.code == "too_many" and "50,000" in error.message


def test_a_line_of_separators_is_refused_before_it_is_split_into_cells():
    for data in (b"a," * (MAX_RECORD_CHARS * 4), b"," * (MAX_RECORD_CHARS * 4)):
        error = refusal(data + b"\n" + UNREADABLE)
        assert error.code == "too_wide"
        assert f"Row 1 of this file is longer than {MAX_RECORD_CHARS:,} characters" in error.message


def test_a_record_spread_over_lines_by_quotes_is_bounded_too():
    # Each line is short, but quotes left open join them into one record of many cells.
    line = b"a," * 1000 + b'"\n",'
    error = refusal(b"email,name\nx@x.io,X\n" + line * (MAX_RECORD_CHARS // len(line) + 2))
    assert error.code == "too_wide" and "Row 3 " in error.message


def test_too_many_columns_are_refused_naming_the_limit_and_none_are_folded(monkeypatch):
    import firsthand.import_file as import_file

    folded = []
    monkeypatch.setattr(import_file, "_title", lambda cell: folded.append(cell) or cell)
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)).encode()
    error = refusal(header + b"\n" + UNREADABLE)
    assert error.code == "too_wide" and folded == []
    assert error.message == (
        f"Row 1 of this file has {MAX_COLUMNS + 1} columns: a file of people may have at most "
        f"{MAX_COLUMNS}. Keep the columns to import (email, name, team, role) and upload it again."
    )


def test_a_file_at_the_column_limit_is_read():
    wide = ",".join(["email", "name"] + [f"c{i}" for i in range(MAX_COLUMNS - 2)])
    sheet = read_sheet(f"{wide}\nw@x.io,W\n".encode())
    assert [(r["line"], r["email"], r["name"]) for r in sheet.rows] == [(2, "w@x.io", "W")]


def test_a_cell_over_csvs_limit_keeps_its_message():
    error = refusal(b"email,name\n" + UNREADABLE)
    assert error.message.startswith("This file cannot be read as CSV: field larger than")


def test_blank_lines_above_the_header_are_not_its_titles():
    # The header was the first record even when blank: the file was refused as having no
    # email column ("its header has ."), though its first line with words was one.
    sheet = read_sheet(b"\n\r\n,,\nemail,name\nann@x.io,Ann\n\nbob@x.io,Bob\n")
    assert [(r["line"], r["email"]) for r in sheet.rows] == [(5, "ann@x.io"), (7, "bob@x.io")]
    assert read_sheet(b"\n\nann@x.io,Ann\n").rows[0]["line"] == 3


def test_a_file_of_blank_lines_has_no_rows_and_an_empty_one_is_said_to_be():
    assert read_sheet(b"\n\n,,\n").rows == []
    assert refusal(b"").code == "empty_csv"


def test_a_file_not_all_utf8_is_decoded_a_block_of_lines_at_a_time(monkeypatch):
    monkeypatch.setattr(import_records, "BLOCK", 16)
    data = "email,name\nann@x.io,Ännä\n".encode() + "bob@x.io,Zoë\n".encode("cp1252") * 3
    rows = read_sheet(data + "cy@x.io,Çy\r\n".encode()).rows
    assert [r["name"] for r in rows] == ["Ännä", "Zoë", "Zoë", "Zoë", "Çy"]


def test_the_console_says_which_limit_a_file_met(client, app, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, admin, clock)
    page = client.get("/console/people/import/")
    answer = client.post(
        "/console/people/import/",
        data={
            "csrf_token": csrf_from(page.text),
            "file": (io.BytesIO(b"a," * (MAX_RECORD_CHARS * 2)), "wide.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    text = re.sub(r"\s+", " ", unescape(answer.text))
    assert f"Row 1 of this file is longer than {MAX_RECORD_CHARS:,} characters" in text


def test_a_header_without_email_is_refused_naming_its_first_titles(client, app, make_user, clock):
    # Every title was quoted: 150 of them made a 6.6 KB session cookie, which Chromium drops
    # whole (the page showed no message, and the person was signed out).
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, admin, clock)
    titles = ["Name"] + [f"T{i:03d}-" + "x" * 35 for i in range(150)]
    page = client.get("/console/people/import/")
    answer = client.post(
        "/console/people/import/",
        data={
            "csrf_token": csrf_from(page.text),
            "file": (io.BytesIO((",".join(titles) + "\nAna\n").encode()), "wide.csv"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    cookie = answer.headers["Set-Cookie"]
    assert len(cookie) < 2000, len(cookie)
    text = re.sub(r"\s+", " ", unescape(client.get(answer.headers["Location"]).text))
    shown = ", ".join(f"“{t}”" for t in titles[:8])
    assert f"its header has {shown} and 143 more. Title the columns email" in text
    assert "T008" not in text


def test_every_flash_is_kept_short_and_only_the_latest_few(app):
    from flask import Response, flash, session

    from firsthand.console.ui import FLASH_CHARS, FLASHES_KEPT

    with app.test_request_context("/console/people/"):
        for n in range(FLASHES_KEPT + 2):
            flash(f"Message {n}: " + "word " * 2000, "error")
        app.process_response(Response())
        kept = session["_flashes"]
    assert [m.split(":")[0] for _, m in kept] == [
        f"Message {n}" for n in range(2, FLASHES_KEPT + 2)
    ]
    assert all(len(m) <= FLASH_CHARS and m.endswith("word…") for _, m in kept)
    with app.test_request_context("/console/people/"):
        flash("Saved.", "success")
        app.process_response(Response())
        assert session["_flashes"] == [("success", "Saved.")]
