"""Console CSV downloads for Excel in French, German, Spanish, Dutch or Portuguese (a console
hunt's finding: a comma-separated file opened there is one column, "0.5" is text and an ISO
time stays text): `sep=semicolon` gives semicolons, decimal commas and "2026-12-05 03:00:00"."""

from __future__ import annotations

import csv
import io

from test_stories import post_story

from console_helpers import sign_in
from firsthand.console.csv_export import csv_response


def _rows(answer) -> tuple[str, list[list[str]]]:
    text = answer.get_data(as_text=True)
    assert text.startswith("\ufeff")  # UTF-8 with its BOM, so Excel reads accents
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return delimiter, list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_semicolons_decimal_commas_and_dates_excel_reads(app):
    rows = [['Zoë; "the" lead', 0.25, 3, "2026-12-05T03:00:00Z", "=SUM(A1)"]]
    header = ["name", "ratio", "count", "starts_at", "note"]
    with app.test_request_context("/x.csv?sep=semicolon"):
        delimiter, found = _rows(csv_response("x.csv", header, rows))
    assert delimiter == ";"
    assert found[1] == ['Zoë; "the" lead', "0,25", "3", "2026-12-05 03:00:00", "'=SUM(A1)"]
    with app.test_request_context("/x.csv"):  # as before: commas, points, ISO times
        delimiter, found = _rows(csv_response("x.csv", header, rows))
    assert delimiter == ","
    assert found[1] == ['Zoë; "the" lead', "0.25", "3", "2026-12-05T03:00:00Z", "'=SUM(A1)"]


def test_only_a_time_column_is_rewritten_as_a_time(app, client, make_user, clock):
    # A cold hunt: a story titled as an ISO time had its title rewritten "2026-11-18 09:00:00".
    admin = make_user("ada@example.com", role="admin", team="Comms", name="Ada")
    post_story(client, admin[1], title="2026-11-18T09:00:00Z")
    sign_in(client, app, admin[0], clock)
    _, found = _rows(client.get("/console/stories/?format=csv&sep=semicolon"))
    assert found[1][1] == "2026-11-18T09:00:00Z"
    assert " " in found[1][3] and "T" not in found[1][3]  # starts_at: a time Excel reads


def test_the_stories_page_offers_both_and_the_export_follows(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", team="Comms", name="Ada")
    post_story(client, admin[1])
    sign_in(client, app, admin[0], clock)
    page = client.get("/console/stories/").text
    assert "sep=semicolon" in page and "CSV for Excel (;)" in page
    delimiter, found = _rows(client.get("/console/stories/?format=csv&sep=semicolon"))
    assert delimiter == ";" and found[0][:4] == ["id", "title", "state", "starts_at"]
    assert " " in found[1][3] and "T" not in found[1][3]
    delimiter, found = _rows(client.get("/console/stories/?format=csv"))
    assert delimiter == "," and found[1][3].endswith("Z")
