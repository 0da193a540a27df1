"""A browser already connected is asked before a connect link switches it to someone else (a
hunt: Eve, connected as herself, opened a colleague's link to have a look; the page pressed
"Connect this browser" by itself, the extension became the colleague's, and her later shares,
with the post text she logged, went to the colleague's account). Keeping the connection leaves
the link unspent. The same person's new link, or a browser not connected, connects at once."""

import pytest

from e2e.browser import connect, launch, screenshot, set_server, storage
from e2e.conftest import EXTENSION
from e2e.console_steps import axe_violations
from firsthand.auth import connect_link
from firsthand.models import User

OTHER_SERVER = "http://127.0.0.1:7241"  # nothing listens there: the page only names it


def invites_used(firsthand, email: str) -> int:
    return firsthand.query(lambda: User.get(User.email == email).invites_used)


def posts(firsthand) -> int:
    return [c[:2] for c in firsthand.calls].count(("POST", "/connect"))


def test_a_colleagues_link_asks_first_and_keeping_spends_nothing(firsthand, context):
    connect(context, firsthand.add_user("eve@example.com", "Eve Okafor"))
    sam_link = firsthand.add_user("sam@example.com", "Sam Ortiz")
    page = context.new_page()
    page.goto(sam_link)
    status = page.locator("#firsthand-connect[data-state='switch']")
    status.wait_for(timeout=15000)
    assert status.inner_text() == (
        "This browser is connected to Firsthand as Eve Okafor. "
        "This link is for Sam Ortiz. Switch this browser to Sam Ortiz?"
    )
    switch = page.get_by_role("button", name="Switch to Sam Ortiz")
    keep = page.get_by_role("button", name="Stay connected as Eve Okafor")
    assert switch.is_visible() and keep.is_visible()
    # Nothing else on the page switches this browser without the question.
    assert not page.get_by_role("button", name="Connect this browser").is_visible()
    assert not page.get_by_text("Connect by hand instead").is_visible()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        screenshot(page, f"connect-switch-ask-{scheme}")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 320, "height": 700})  # a phone, or 400% zoom: buttons wrap
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    screenshot(page, "connect-switch-ask-narrow")
    page.set_viewport_size({"width": 1280, "height": 860})

    keep.click()
    kept = page.locator("#firsthand-connect[data-state='kept']")
    assert kept.inner_text() == (
        "This browser is connected to Firsthand as Eve Okafor. Nothing has changed, and this "
        "link has not been used: it still works for Sam Ortiz."
    )
    assert page.locator("#firsthand-switch").count() == 0
    assert axe_violations(page) == []
    screenshot(page, "connect-switch-kept")
    page.wait_for_timeout(500)
    assert storage(context, "user")["name"] == "Eve Okafor"
    assert (invites_used(firsthand, "sam@example.com"), posts(firsthand)) == (0, 1)

    page.goto(sam_link)  # the link still works: asked again, and switched this time
    page.get_by_role("button", name="Switch to Sam Ortiz").click()
    page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
    assert page.locator("#firsthand-connect").inner_text().startswith("Connected as Sam Ortiz.")
    assert storage(context, "user")["name"] == "Sam Ortiz"
    assert invites_used(firsthand, "sam@example.com") == 1
    page.close()


def test_the_same_persons_new_link_reconnects_without_asking(firsthand, context):
    connect(context, firsthand.add_user("eve@example.com", "Eve Okafor"))
    page = context.new_page()
    # A new link from the admin (the first is spent): the same person, so no question.
    page.goto(firsthand.query(lambda: connect_link(User.get(User.email == "eve@example.com"))))
    page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
    assert page.locator("#firsthand-switch").count() == 0
    assert storage(context, "user")["name"] == "Eve Okafor"
    assert (invites_used(firsthand, "eve@example.com"), posts(firsthand)) == (2, 2)
    page.close()


@pytest.fixture
def french_context(playwright_instance, tmp_path):
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang="fr")
    yield ctx
    ctx.close()


def test_connected_to_another_server_the_page_names_it_and_asks_in_its_language(
    firsthand, french_context
):
    """The page cannot know whom this browser is connected as on another server (the extension
    tells a server's pages no other server's person): it names the server, and asks."""
    ctx = french_context
    connect(ctx, firsthand.add_user("eve@example.com", "Eve Okafor"))
    set_server(ctx, OTHER_SERVER)  # as if Eve had connected there
    page = ctx.new_page()
    page.goto(firsthand.add_user("sam@example.com", "Sam Ortiz"))
    status = page.locator("#firsthand-connect[data-state='switch']")
    status.wait_for(timeout=15000)
    assert status.inner_text() == (
        f"Ce navigateur est connecté à un autre serveur Firsthand ({OTHER_SERVER}). "
        "Ce lien est destiné à Sam Ortiz. Passer ce navigateur à Sam Ortiz\u202f?"
    )
    assert "Eve" not in page.locator("main").inner_text()
    keep = page.get_by_role("button", name="Garder la connexion actuelle")
    assert keep.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "connect-switch-other-server-fr")
    keep.click()
    kept = page.locator("#firsthand-connect[data-state='kept']").inner_text()
    assert kept.endswith(
        "Rien n’a changé et ce lien n’a pas été utilisé\u00a0: il fonctionne toujours pour"
        " Sam Ortiz."
    )
    assert storage(ctx, "server") == OTHER_SERVER
    assert invites_used(firsthand, "sam@example.com") == 0

    page.reload()
    page.get_by_role("button", name="Passer à Sam Ortiz").click()
    page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
    assert (storage(ctx, "server"), storage(ctx, "user")["name"]) == (firsthand.url, "Sam Ortiz")
