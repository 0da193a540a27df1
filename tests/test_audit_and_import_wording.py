"""What the console says, read as it is meant (a cold hunt):

- The audit page showed a cleared link or end as "Link: None", and a story's questions joined
  with "; ", so a question holding "; " read as two.
"""

from __future__ import annotations

from html import unescape

from test_stories import post_story

from console_helpers import sign_in
from firsthand.audit import detail_text


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
