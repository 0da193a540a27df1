"""What the console says, read as it is meant (a cold hunt):

- The audit page showed a cleared link or end as "Link: None", and a story's questions joined
  with "; ", so a question holding "; " read as two.
- A people file with a quote left open (x15@example.com,"abc) read the next person into a
  name ("abc x16@example.com,def") and offered to invite the one so named.
- A cp1252 file with a byte that encoding has no letter for (0x81, 0x8D, 0x8F, 0x90, 0x9D)
  invited people with a � in their name, without a word.
"""

from __future__ import annotations

import io
import re
from html import unescape

from test_stories import post_story

from console_helpers import csrf_from, sign_in
from firsthand.audit import detail_text
from firsthand.import_cells import ADDRESS_IN_NAME, cell_problems


def test_a_cleared_link_and_end_read_as_a_dash_and_each_question_stays_one(
    app, client, make_user, clock
):
    admin, headers = make_user("root@example.com", role="admin", team="Sales", name="Root")
    story = post_story(client, headers, ends_at="2030-12-30T00:00:00Z")
    questions = ["What did you build?", "Who helped you; and how?"]
    answer = client.patch(
        f"/api/v1/stories/{story['id']}",
        json={"link": None, "ends_at": None, "questions": questions},
        headers=headers,
    )
    assert answer.status_code == 200, answer.get_json()
    sign_in(client, app, admin, clock)
    page = unescape(client.get("/console/audit/?action=story.update").text)
    assert "Link: —" in page and "Ends: —" in page
    assert "None" not in page.split("<tbody>")[1]
    assert "Questions: “What did you build?” “Who helped you; and how?”" in page


def test_a_details_list_shows_each_item_whole():
    assert detail_text("questions", ["A; B?", "C?"]) == "“A; B?” “C?”"
    assert detail_text("channels", []) == "—"
    assert detail_text("ends_at", None) == "—"
    assert detail_text("team", [None, "Sales"]) == "— → Sales"


def preview_of(client, data: bytes) -> str:
    """The preview page of `data` uploaded as a people file, as text without its tags."""
    page = client.get("/console/people/import/")
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (io.BytesIO(data), "people.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302, answer.text
    html = client.get(answer.headers["Location"]).text
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_quote_left_open_in_a_people_file_is_a_problem_not_a_name(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", team="Ops", name="Ada")[0]
    sign_in(client, app, admin, clock)
    data = b'email,name\nx14@example.com,Fine\nx15@example.com,"abc\nx16@example.com,def\n'
    page = preview_of(client, data)
    assert "1 to invite" in page and "1 with problems" in page
    assert 'is a quotation mark (") left open' in page
    assert "the name holds an email address" in page


def test_a_name_holding_someone_s_address_is_a_problem():
    row = {"email": "a@example.com", "name": "Ann (b@example.com)", "team": "", "role": ""}
    assert cell_problems(row) == [ADDRESS_IN_NAME]
    assert cell_problems(row | {"name": "Ann @ Sales"}) == []


def test_a_byte_cp1252_has_no_letter_for_is_a_problem_on_its_row(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", team="Ops", name="Ada")[0]
    sign_in(client, app, admin, clock)
    data = b"email;name;team\nx9@example.com;M\xfcller;Vertrieb\nx10@example.com;A\x81\x8d;V\n"
    page = preview_of(client, data)
    assert "1 to invite" in page and "1 with problems" in page
    assert "name has a character the file's encoding could not give" in page
    assert "Müller" in page  # the line cp1252 reads is read as it
