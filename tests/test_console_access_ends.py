"""Deactivating a manager, or giving them a role without the console, ends their console
sessions and spends their unused sign-in links: a reactivation or a new promotion brought
back the old session, and a link issued before (still in a mailbox) signed them in."""

from urllib.parse import urlparse

import pytest

from console_helpers import csrf_from, post_form, sign_in, sign_in_link
from firsthand.db import database
from firsthand.imports import apply, batch_rows, plan, read_csv, save_preview
from firsthand.models import User
from firsthand.people import deactivate, reactivate, update_person


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


@pytest.fixture
def manager(make_user):
    return make_user("max@example.com", role="manager", name="Max Manager", team="Sales")[0]


def signed_in(client) -> bool:
    return client.get("/console/").status_code == 200


def link_works(app, path: str) -> bool:
    other = app.test_client()
    page = other.get(path)
    if page.status_code != 200:
        return False
    return other.post(path, data={"csrf_token": csrf_from(page.text)}).status_code == 302


def fresh(app, user) -> User:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user.id)


def change(app, clock, action, *args, **kwargs):
    with app.app_context(), database.connection_context():
        return action(*args, clock(), **kwargs)


def test_a_deactivation_ends_the_session_and_spends_links_for_good(
    app, client, admin, manager, clock
):
    sign_in(client, app, manager, clock)
    unused = urlparse(sign_in_link(app, manager, clock)).path
    change(app, clock, deactivate, fresh(app, manager), actor=admin)
    change(app, clock, reactivate, fresh(app, manager), actor=admin)
    answer = client.get("/console/")
    assert answer.status_code == 302 and "/console/sign-in" in answer.headers["Location"]
    assert not link_works(app, unused)
    assert link_works(app, urlparse(sign_in_link(app, manager, clock)).path)  # a new one does


def test_a_role_without_the_console_ends_the_session_and_spends_links(
    app, client, admin, manager, clock
):
    sign_in(client, app, manager, clock)
    unused = urlparse(sign_in_link(app, manager, clock)).path
    change(app, clock, update_person, fresh(app, manager), actor=admin, role="employee")
    change(app, clock, update_person, fresh(app, manager), actor=admin, role="manager")
    assert not signed_in(client)
    assert not link_works(app, unused)


def test_an_admin_made_a_manager_keeps_the_console_and_the_session(
    app, client, admin, make_user, clock
):
    other = make_user("bea@example.com", role="admin", name="Bea Admin", team="Office")[0]
    sign_in(client, app, other, clock)
    unused = urlparse(sign_in_link(app, other, clock)).path
    change(app, clock, update_person, fresh(app, other), actor=admin, role="manager")
    assert signed_in(client) and link_works(app, unused)


def test_the_person_page_and_an_import_end_it_too(app, client, admin, manager, clock):
    by_page = sign_in(app.test_client(), app, manager, clock)
    admins = sign_in(client, app, admin, clock)
    page = f"/console/people/{manager.id}"
    answer = post_form(admins, page, f"{page}/deactivate", {})
    assert answer.status_code == 302
    post_form(admins, page, f"{page}/reactivate", {})
    assert not signed_in(by_page)

    by_import = sign_in(app.test_client(), app, manager, clock)
    with app.app_context(), database.connection_context():
        rows = read_csv(b"email,name,role\nmax@example.com,Max Manager,employee\n")
        batch = save_preview(rows, "p.csv", admin, clock())
        assert plan(batch_rows(batch), admin, None).count("update") == 1
        apply(batch, admin, None, clock())
    assert not signed_in(by_import)
