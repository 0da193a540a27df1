"""Who learns that a story exists, and when two angle questions are the same question."""

from __future__ import annotations

import pytest
from test_stories import people, post_story, story_body, team_id  # noqa: F401 (people is a fixture)


def test_a_story_for_other_teams_is_not_found_by_a_manager_outside_it(app, client, people):  # noqa: F811
    engineering = team_id(app, "Engineering")
    admin, manager = people["admin"][1], people["manager"][1]  # Max manages Sales
    theirs = post_story(client, admin, title="Eng only", everyone=False, team_ids=[engineering])
    missing = client.get("/api/v1/stories/99999", headers=manager)
    assert missing.status_code == 404
    for response in (
        client.get(f"/api/v1/stories/{theirs['id']}", headers=manager),
        client.patch(f"/api/v1/stories/{theirs['id']}", json={"title": "x"}, headers=manager),
    ):
        # The same answer as a story that does not exist: nothing confirms it is there.
        assert response.status_code == 404, response.get_json()
        assert response.get_json()["error"]["message"] == (f"There is no story {theirs['id']}.")
    assert client.get(f"/api/v1/stories/{theirs['id']}", headers=admin).get_json()["title"] == (
        "Eng only"
    )
    # A story meant for him (everyone's) that he may not manage is still a 403 that says why.
    everyone = post_story(client, admin, title="For all")
    seen = client.get(f"/api/v1/stories/{everyone['id']}", headers=manager)
    assert seen.status_code == 403
    assert "teams you manage" in seen.get_json()["error"]["message"]


@pytest.mark.parametrize(
    "twin",
    [
        "Ｗｈａｔ ｄｉｄ ｙｏｕ ｂｕｉｌｄ ｆｏｒ ｔｈｉｓ ｌａｕｎｃｈ？",  # full-width letters
        "WHAT DID YOU BUILD FOR THIS LAUNCH?",
        "What did you build\u200b for this launch?",  # a zero-width space inside
    ],
)
def test_the_same_question_in_other_letter_forms_is_a_repeat(client, people, twin):  # noqa: F811
    questions = ["What did you build for this launch?", twin]
    response = client.post(
        "/api/v1/stories", json=story_body(questions=questions), headers=people["admin"][1]
    )
    assert response.status_code == 422, response.get_json()
    details = response.get_json()["error"]["details"]
    assert {"field": "questions", "message": "must not repeat a question"}.items() <= (
        details[0].items()
    )
