"""Someone who connected the extension moments ago is not "quiet" (a cold trial: the Overview
said "1 connected person has not shared in 30 days" of a person connected seconds before, and
Analytics counted them among those who "would like to, but don't", now "Connected but quiet").

A connected person who has not shared in the last 30 days is quiet only once connected for
people.SETTLING_DAYS (30: the whole window in which they could have shared, and when the "what
holds you back?" question is asked); before that they are "new" and shown as such, so nobody
drops out of the figures. Overview, people list, Analytics and its CSV say the same."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest

from console_helpers import sign_in
from firsthand import analytics, directory
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.people import SETTLING_DAYS, deactivate
from helpers import linkedin_url

GROUP_NAMES = ["Already share", "Just connected", "Connected but quiet", "Not on board"]


def connect(client, clock, headers, days_ago: float) -> None:
    """The person's browser uses their token `days_ago` days before now (it connects then)."""
    now = clock()
    clock.set(now - timedelta(days=days_ago))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    clock.set(now)


def share(client, clock, headers, n: int, days_ago: float) -> None:
    now = clock()
    clock.set(now - timedelta(days=days_ago))
    url = linkedin_url(n, at=clock())
    body = {"url": url, "network": "linkedin"}
    answer = client.post("/api/v1/shares", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    clock.set(now)


def stat(page: str, label: str) -> str:
    found = re.search(
        r'<span class="stat-number">([^<]+)</span>\s*<span class="stat-label">' + re.escape(label),
        page,
    )
    assert found, f"no card {label!r}"
    return found[1]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def groups_on_page(html: str) -> dict[str, str]:
    body = html.split('id="table-groups"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S) for r in rows]
    return {text(c[0]).strip(): text(c[1]).strip() for c in cells}


def groups_csv(client) -> dict[str, str]:
    answer = client.get("/console/analytics/groups.csv")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff"))))
    return {row[0]: row[1] for row in rows[1:]}


def listed(client, status: str) -> list[str]:
    page = client.get(f"/console/people/?status={status}").text
    return sorted(re.findall(r'<a href="/console/people/\d+">([^<]+)</a>', page))


def counts(app, clock, scope=None) -> dict[str, int]:
    """The rollups' counts (Overview, Analytics), checked against the people list's."""
    with app.app_context(), database.connection_context():
        counted = analytics.status_counts(clock(), scope)
        assert counted == directory.status_counts(clock(), scope)
        return counted


@pytest.fixture
def ada(client, app, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")
    sign_in(client, app, admin[0], clock)
    return admin


def test_a_person_connected_today_is_new_not_quiet(client, app, make_user, clock, ada):
    nia = make_user("nia@example.com", name="Nia New")[1]
    connect(client, clock, nia, days_ago=0)
    for name in ("Ola", "Per"):  # invited too: three people, the smallest group shown
        make_user(f"{name.lower()}@example.com", name=name)

    assert counts(app, clock)["quiet"] == 0 and counts(app, clock)["new"] == 1
    overview = client.get("/console/").text
    assert stat(overview, "Connected, no share in 30 days") == "0"
    assert stat(overview, "Connected in the last 30 days, no share yet") == "1"
    said = text(overview)
    assert "not shared in the last 30 days" not in said
    assert "1 person connected in the last 30 days and has not shared yet" in said
    assert listed(client, "quiet") == [] and listed(client, "new") == ["Nia New"]

    page = client.get("/console/analytics/").text
    assert groups_on_page(page) == dict(zip(GROUP_NAMES, ["0", "1", "0", "2"], strict=True))
    assert groups_csv(client) == groups_on_page(page)
    # Someone has connected: the page does not say that nobody has.
    assert "data-nothing-yet" not in page


def test_quiet_needs_the_whole_window_connected_and_no_share_in_it(
    client, app, make_user, clock, ada
):
    people = {
        name: make_user(f"{name.lower()}@example.com", name=name)[1]
        for name in ["Olu", "Pat", "Quinn", "Rae", "Sol", "Uma"]
    }
    connect(client, clock, people["Olu"], days_ago=40)  # no share: quiet
    connect(client, clock, people["Pat"], days_ago=40)
    share(client, clock, people["Pat"], 1, days_ago=10)  # shared 10 days ago: active
    # The boundary: connected exactly SETTLING_DAYS ago is quiet; a minute later, new.
    connect(client, clock, people["Quinn"], days_ago=SETTLING_DAYS)
    connect(client, clock, people["Rae"], days_ago=SETTLING_DAYS - 1 / 1440)
    connect(client, clock, people["Sol"], days_ago=2)
    share(client, clock, people["Sol"], 2, days_ago=1)  # new and already sharing: active
    # Uma is invited and never connects.

    got = counts(app, clock)
    assert (got["active"], got["new"], got["quiet"], got["invited"]) == (2, 1, 2, 1)
    assert got["connected"] == got["active"] + got["new"] + got["quiet"]
    assert listed(client, "quiet") == ["Olu", "Quinn"]
    assert listed(client, "new") == ["Rae"]
    assert listed(client, "active") == ["Pat", "Sol"]

    overview = client.get("/console/").text
    said = text(overview)
    assert "2 people, connected for 30 days or more, have not shared in the last 30 days" in said
    assert "1 person connected in the last 30 days and has not shared yet" in said
    assert stat(overview, "Connected, no share in 30 days") == "2"
    page = client.get("/console/analytics/").text
    assert groups_on_page(page) == dict(zip(GROUP_NAMES, ["2", "1", "2", "1"], strict=True))
    assert groups_csv(client) == groups_on_page(page)

    # "What holds you back?" is asked of exactly the quiet, so its answers speak for them.
    asked = [
        name
        for name, headers in people.items()
        if name != "Uma"  # any request from her browser would connect her
        and client.get("/api/v1/me/question", headers=headers).json["ask"]
    ]
    assert sorted(asked) == listed(client, "quiet")

    # A minute on, Rae has been connected for the whole window too: quiet.
    clock.advance(minutes=2)
    assert listed(client, "quiet") == ["Olu", "Quinn", "Rae"]
    assert counts(app, clock)["quiet"] == 3 and counts(app, clock)["new"] == 0


def test_a_managers_teams_count_their_own_new_people(client, app, make_user, clock, ada):
    sam = make_user("sam@example.com", name="Sam Sales", team="Sales")[1]
    eve = make_user("eve@example.com", name="Eve Eng", team="Engineering")[1]
    connect(client, clock, sam, days_ago=1)
    connect(client, clock, eve, days_ago=45)
    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
        engineering = Team.get(Team.name == "Engineering").id
    in_sales, in_engineering = counts(app, clock, {sales}), counts(app, clock, {engineering})
    assert (in_sales["new"], in_sales["quiet"]) == (1, 0)
    assert (in_engineering["new"], in_engineering["quiet"]) == (0, 1)
    # A deactivated newcomer is neither new nor quiet.
    with app.app_context(), database.connection_context():
        deactivate(User.get(User.email == "sam@example.com"), clock(), ada[0])
    assert counts(app, clock, {sales})["new"] == 0
