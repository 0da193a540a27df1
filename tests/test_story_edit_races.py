"""Two admins editing one story: an edit writes only the fields it was given, and an edit
read before another admin withdrew the story is refused rather than putting it back live.
Each test reads the story first (the slower admin's request), lets the other admin's PATCH
commit through the API, then saves the slower edit: the order a race gives, made certain."""

from datetime import timedelta

import pytest
from test_stories import post_story

from firsthand import stories as domain
from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.errors import ApiError
from firsthand.models import User
from firsthand.stories_links import match_story
from firsthand.stories_models import Story


@pytest.fixture
def people(make_user):
    return {
        "admin": make_user("admin@example.com", role="admin", team="Leadership", name="Ada"),
        "sales": make_user("sam@example.com", team="Sales", name="Sam Sales"),
    }


def patch(client, headers, story_id, **body):
    answer = client.patch(f"/api/v1/stories/{story_id}", json=body, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def slower_edit(app, clock, story_id, fields, between):
    """Read the story as the slower admin, run `between`, then save the slower edit."""
    with app.app_context(), database.connection_context():
        stale = Story.get_by_id(story_id)
    between()  # a request of its own (it opens and closes its connection)
    with app.app_context(), database.connection_context():
        admin = User.get(User.email == "admin@example.com")
        domain.update_story(admin, stale, fields, clock() + timedelta(seconds=1))


def stored(app, story_id) -> Story:
    with app.app_context(), database.connection_context():
        return Story.get_by_id(story_id)


def test_an_edit_of_other_fields_keeps_the_other_admins_change(app, client, people, clock):
    _, admin = people["admin"]
    story = post_story(client, admin)

    def other_admin():
        patch(client, admin, story["id"], context="A new context, written meanwhile.")

    slower_edit(app, clock, story["id"], domain.StoryFields(title="Atlas ships"), other_admin)
    saved = stored(app, story["id"])
    assert (saved.title, saved.context) == ("Atlas ships", "A new context, written meanwhile.")


def test_a_link_changed_meanwhile_keeps_its_key(app, client, people, clock):
    """The link's index key follows the stored link, not the slower edit's stale copy of it,
    so a share of the new link still finds the story."""
    _, admin = people["admin"]
    story = post_story(client, admin)

    def other_admin():
        patch(client, admin, story["id"], link="https://acme.example/atlas-launch")

    slower_edit(app, clock, story["id"], domain.StoryFields(title="Atlas ships"), other_admin)
    saved = stored(app, story["id"])
    assert (saved.link, saved.link_key) == (
        "https://acme.example/atlas-launch",
        "acme.example/atlas-launch",
    )
    with app.app_context(), database.connection_context():
        sam = User.get(User.email == "sam@example.com")
        found = match_story(sam, "https://acme.example/atlas-launch", None, None, clock())
    assert found is not None and found.story.id == story["id"]


@pytest.mark.parametrize("status", [None, "published"])
def test_an_edit_read_before_a_withdrawal_is_refused(app, client, people, clock, status):
    _, admin = people["admin"]
    story = post_story(client, admin)

    def other_admin():
        patch(client, admin, story["id"], status="withdrawn")

    with pytest.raises(ApiError) as refused:
        fields = domain.StoryFields(title="Typo fixed", status=status)
        slower_edit(app, clock, story["id"], fields, other_admin)
    assert refused.value.status == 409
    saved = stored(app, story["id"])
    assert saved.withdrawn_at is not None and saved.title == "Atlas is live"


def test_withdrawn_twice_answers_as_once_read_withdrawn_and_a_draft_still_revives_it(
    app, client, people, clock
):
    """A double-clicked Withdraw: the second is the 409 it gets when it reads the story
    withdrawn, whichever order the two reads came in; the first time and one audit event stay."""
    _, admin = people["admin"]
    story = post_story(client, admin)
    first = {}

    def other_admin():
        first["at"] = patch(client, admin, story["id"], status="withdrawn")["withdrawn_at"]

    with pytest.raises(ApiError) as refused:
        slower_edit(app, clock, story["id"], domain.StoryFields(status="withdrawn"), other_admin)
    assert refused.value.status == 409
    assert stored(app, story["id"]).withdrawn_at.strftime("%Y-%m-%dT%H:%M:%SZ") == first["at"]
    slower_edit(app, clock, story["id"], domain.StoryFields(status="draft"), lambda: None)
    saved = stored(app, story["id"])
    assert saved.withdrawn_at is None and saved.published_at is None
    with app.app_context(), database.connection_context():
        actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions.count("story.withdraw") == 1
