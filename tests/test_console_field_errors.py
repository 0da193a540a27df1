"""A refused invite, story or settings form says why beside the field (aria-invalid,
aria-describedby naming the message, autofocus on the first), as the kudos form does; only
a refusal that names no field is said above the form."""

import re
from html import unescape

import pytest

from console_helpers import post_form, sign_in

FORM = {
    "title": "Atlas is live",
    "context": "We shipped Atlas to every customer this week.",
    "question_1": "What did you build for Atlas?",
    "question_2": "Who made it happen?",
    "audience": "everyone",
    "starts_at": "2026-12-20T09:00",
    "action": "publish",
}


@pytest.fixture
def ada(app, client, make_user, clock):
    user = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, user, clock)
    return user


def field(html: str, tag: str, id_: str) -> str:
    return re.search(rf'<{tag} id="{id_}"[^>]*>', html)[0]


def said(html: str, id_: str) -> str:
    found = re.search(rf'<p id="{id_}-error" class="field-error" role="alert">(.*?)</p>', html)
    return unescape(found[1]) if found else ""


def test_an_invite_says_each_fault_beside_its_field(client, ada, make_user):
    make_user("bob@example.com", name="Bob")
    cases = {
        "email": ({"email": "new@acme.invalid", "name": "New"}, "reserved for addresses"),
        "name": ({"email": "new@x.io", "name": "N" * 121}, "Name is too long: at most 120"),
        "role": ({"email": "new@x.io", "name": "New", "role": "boss"}, "role must be one of"),
    }
    for name, (typed, words) in cases.items():
        answer = post_form(client, "/console/people/invite", "/console/people/invite", typed)
        html = answer.text
        assert answer.status_code == 422 and words in said(html, name), (name, said(html, name))
        tag = "select" if name == "role" else "input"
        attrs = field(html, tag, name)
        assert f'aria-describedby="{name}-error"' in attrs and 'aria-invalid="true"' in attrs
        assert "autofocus" in attrs and html.count("autofocus") == 1
        assert "flash-error" not in html and 'value="new@' in html  # what was typed is kept
    taken = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "bob@example.com", "name": "Bob"},
    )
    assert said(taken.text, "email").startswith("A user with the email bob@example.com already")
    assert "data-existing" in taken.text  # and the way on to their page, above


def test_a_managers_invite_without_a_team_names_the_team_field(app, client, make_user, clock):
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Sales")[0]
    sign_in(client, app, meg, clock)
    answer = post_form(
        client, "/console/people/invite", "/console/people/invite", {"email": "n@x.io", "name": "N"}
    )
    assert said(answer.text, "team") == "Choose one of your teams."
    assert 'aria-invalid="true"' in field(answer.text, "select", "team")


def test_a_story_says_each_fault_beside_its_field_the_first_focused(client, ada):
    typed = {**FORM, "question_2": "", "link": "javascript:alert(1)", "ends_at": "2026-12-19T09:00"}
    answer = post_form(client, "/console/stories/new", "/console/stories/", typed)
    html = answer.text
    assert answer.status_code == 422 and "flash-error" not in html
    assert said(html, "link").startswith("Link ")
    assert said(html, "questions") == "Angle questions must hold 2 to 4 angle questions."
    assert said(html, "ends_at") == "Until must be after From."
    link = field(html, "input", "link")
    assert 'aria-describedby="link-error link-help"' in link and "autofocus" in link
    assert html.count("autofocus") == 1  # the form's first fault
    assert '<fieldset aria-describedby="questions-error">' in html
    first = field(html, "input", "question_1")
    assert 'aria-describedby="questions-error question_1-help"' in first
    assert 'aria-invalid="true"' in field(html, "input", "ends_at")
    assert 'aria-invalid="true"' not in field(html, "input", "title")


def test_an_audience_fault_is_said_in_its_fieldset(client, ada, make_user):
    make_user("sam@example.com", team="Sales")
    typed = {**FORM, "audience": "teams"}
    answer = post_form(client, "/console/stories/new", "/console/stories/", typed)
    assert said(answer.text, "team_ids").startswith("Chosen teams: tick at least one team")
    assert '<fieldset aria-describedby="team_ids-error">' in answer.text


def test_a_too_long_field_is_named_beside_it(client, ada):
    answer = post_form(
        client, "/console/stories/new", "/console/stories/", {**FORM, "title": "T" * 300}
    )
    assert said(answer.text, "title").startswith("Title is too long: at most")


def test_a_fault_that_names_no_field_is_said_above_the_form(app, client, make_user, clock):
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Sales")[0]
    sign_in(client, app, meg, clock)
    answer = post_form(client, "/console/stories/new", "/console/stories/", FORM)
    above = re.search(
        r'<p class="flash flash-error" role="alert" id="form-error">(.*?)</p>', answer.text
    )
    assert above and "Only admins post stories for everyone" in above[1]
    assert "field-error" not in answer.text and "aria-invalid" not in answer.text


def test_settings_say_which_address_is_wrong_beside_it(client, ada):
    typed = {"slack_url": "ftp://hooks.example/a", "teams_url": "https://hooks.example/b"}
    answer = post_form(client, "/console/settings/", "/console/settings/", typed)
    assert answer.status_code == 422 and "Slack webhook" in said(answer.text, "slack_url")
    slack = field(answer.text, "input", "slack_url")
    assert 'aria-describedby="slack_url-error slack-help"' in slack and "autofocus" in slack
    assert said(answer.text, "teams_url") == ""
    assert "aria-invalid" not in field(answer.text, "input", "teams_url")
