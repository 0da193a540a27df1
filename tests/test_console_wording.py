"""The console says what a step did (a console hunt): a manager's import row that moves
someone already in the program out of their team is a move, not an invite; a story published
with a From date still ahead is scheduled, not posted."""

from __future__ import annotations

import re
from html import unescape

from test_console_stories import FORM, create
from test_hostile_edges import _upload

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import Team
from firsthand.stories_models import Story
from firsthand.teams import add_manager


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_managers_import_moving_someone_out_says_so(client, app, make_user, clock):
    make_user("ada@example.com", role="admin", team="Office")
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Sales")[0]
    make_user("hana.sato@example.com", name="Hana Sato", team="Sales")
    make_user("sam@example.com", name="Sam", team="Sales")
    make_user("eng@example.com", name="Eve", team="Engineering")
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Sales"), meg, clock(), None)
    sign_in(client, app, meg, clock)
    body = (
        b"email,name,team\n"
        b"hana.sato@example.com,Hana Sato,Engineering\n"
        b"sam@example.com,Sam Renamed,\n"  # no team given: Sam stays in Sales
        b"new@example.com,New Person,Engineering\n"
    )
    preview = text(client.get(_upload(client, body).headers["Location"]).text)
    assert "you can only move people into the teams you manage" in preview
    assert preview.count("you can only invite people into the teams you manage") == 1  # new@
    assert preview.count("teams you manage") == 2  # Sam's rename is no move


def test_a_story_from_a_later_date_is_scheduled_not_posted(client, app, make_user, clock):
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, ada, clock)  # 18 Nov 2026
    answer = create(client, starts_at="2026-12-10T09:00")
    page = text(client.get(answer.headers["Location"]).text)
    assert "Story “Atlas is live” scheduled for 10 Dec 2026." in page
    assert "posted." not in page

    answer = create(client, title="Lyon office", starts_at="2026-12-10T09:00", action="draft")
    with app.app_context(), database.connection_context():
        story_id = Story.get(Story.title == "Lyon office").id
    url = f"/console/stories/{story_id}"
    published = post_form(client, url, f"{url}/state", {"status": "published"})
    assert "Story scheduled for 10 Dec 2026." in text(
        client.get(published.headers["Location"]).text
    )

    answer = create(client, title="Now live", starts_at=FORM["starts_at"])
    assert "Story “Now live” posted." in text(client.get(answer.headers["Location"]).text)
