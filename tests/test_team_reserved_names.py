"""A team cannot take a name the console gives rows that are no team ("(all)" and "(no team)"
in the stories CSV, "No team" in the people filter, "Other teams" in analytics): in any case
or spacing, created, renamed to, or new in an import."""

import re
from html import unescape

import pytest

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.imports import plan, read_csv
from firsthand.models import Team
from firsthand.teams import create_team, find_or_create_team

RESERVED = ["(ALL)", "(all)", " no   team ", "(No Team)", "OTHER TEAMS", "Other teams\u200b"]


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def team_names(app) -> set[str]:
    with app.app_context(), database.connection_context():
        return {t.name for t in Team.select()}


def said(answer) -> str:
    return re.sub(r"\s+", " ", unescape(answer.text))


@pytest.mark.parametrize("name", RESERVED)
def test_a_reserved_name_is_refused_saying_why(app, client, admin, clock, name):
    sign_in(client, app, admin, clock)
    before = team_names(app)
    answer = post_form(client, "/console/teams/", "/console/teams/", {"name": name})
    page = said(client.get(answer.headers["Location"]))
    assert "cannot be a team's name: the console's pages and files use it for" in page
    assert team_names(app) == before


def test_renaming_to_a_reserved_name_is_refused(app, client, admin, clock):
    sign_in(client, app, admin, clock)
    with app.app_context(), database.connection_context():
        team_id = Team.get(Team.name == "Office").id
    page = f"/console/teams/{team_id}"
    answer = post_form(client, page, f"{page}/rename", {"name": "Other Teams"})
    shown = said(client.get(answer.headers["Location"]))
    assert "“Other Teams” cannot be a team's name" in shown
    assert "the teams too small to be shown on their own" in shown
    assert "Office" in team_names(app) and "Other Teams" not in team_names(app)


def test_names_near_them_are_teams_like_any(app, clock):
    with app.app_context(), database.connection_context():
        for name in ("All", "No teams", "Other team", "(all) of us"):
            create_team(name, clock(), None)
    assert {"All", "No teams", "Other team", "(all) of us"} <= team_names(app)


def test_an_import_refuses_a_new_team_so_named_but_not_a_team_already_so_named(app, admin, clock):
    raw = read_csv(b"email,name,team\nann@x.io,Ann,No Team\nbob@x.io,Bob,(all)\n")
    with app.app_context(), database.connection_context():
        result = plan(raw, admin, None)
        assert [r.problems for r in result.rows] == [
            [
                "“No Team” cannot be a team's name (the console uses it for people without a "
                "team): leave the cell empty for no team"
            ],
            [
                "“(all)” cannot be a team's name (the console uses it for every team together): "
                "leave the cell empty for no team"
            ],
        ]
        assert result.new_teams == []
        Team.create(name="No team", created_at=clock())  # from before names were reserved
        again = plan(raw, admin, None)
        assert again.rows[0].problems == [] and again.rows[0].action == "create"
        assert find_or_create_team("no team", clock()).name == "No team"
