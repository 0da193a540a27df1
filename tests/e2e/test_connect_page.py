"""The connect page in real Chromium: link scanners opening a connect link spend nothing; the
extension connects by pressing "Connect this browser" itself; without it, a person can, and
the page the press leads to (/connect/done) survives a reload. A French browser gets it all in
French, with or without the extension."""

import json

import pytest
import requests

from e2e.browser import connect, launch, screenshot, storage
from e2e.conftest import EXTENSION
from e2e.console_steps import axe_violations
from firsthand.models import User

SCANNERS = [
    "Mozilla/5.0 (compatible; Microsoft Office Protocol Discovery; SafeLinks)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "python-requests",
]


def invites_used(firsthand, email: str) -> int:
    return firsthand.query(lambda: User.get(User.email == email).invites_used)


def connected_at(firsthand, email: str):
    return firsthand.query(lambda: User.get(User.email == email).connected_at)


def test_without_the_extension_the_link_stays_unspent_and_nobody_is_connected(
    firsthand, browser_page
):
    """Cold trial finding 2: a person without the extension is told to install it first, and
    their link still works afterwards, in a browser with the extension."""
    page = browser_page
    link = firsthand.add_user("carla@example.com", "Carla Diaz")
    page.goto(link)
    notice = page.locator("#firsthand-no-extension")
    notice.wait_for()
    assert "Load unpacked" in notice.inner_text() and "open this link again" in notice.inner_text()
    assert not page.locator("#firsthand-connect-form").is_visible()
    assert page.locator("html").get_attribute("data-firsthand-extension") is None
    assert axe_violations(page) == []
    screenshot(page, "connect-no-extension")
    page.reload()
    assert (
        invites_used(firsthand, "carla@example.com"),
        connected_at(firsthand, "carla@example.com"),
    ) == (0, None)
    assert not [c for c in firsthand.calls if c[:2] == ("POST", "/connect")]


def test_with_the_extension_the_install_notice_goes_and_the_person_is_connected(firsthand, context):
    link = firsthand.add_user("dora@example.com", "Dora Evans")
    page = context.new_page()
    # Hold the extension's press (a 204 leaves the page as it is) to see the page it marked.
    held = f"{firsthand.url}/connect"
    page.route(
        held, lambda r: r.fulfill(status=204) if r.request.method == "POST" else r.continue_()
    )
    page.goto(link, wait_until="commit")  # its press cancels the wait for "load"
    page.locator("html[data-firsthand-extension='present']").wait_for()
    assert page.get_by_role("button", name="Connect this browser").is_visible()
    assert not page.locator("#firsthand-no-extension").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "connect-with-extension-marked")
    assert invites_used(firsthand, "dora@example.com") == 0

    page.unroute(held)
    page.goto(link)  # still unspent: the extension connects this time
    page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
    assert storage(context, "user")["name"] == "Dora Evans"
    # Connected, the token leaves the page (a cold trial saw it under "Connecting by hand").
    assert storage(context, "token") not in page.content()
    assert page.locator("#firsthand-token-by-hand").count() == 0
    assert invites_used(firsthand, "dora@example.com") == 1
    assert connected_at(firsthand, "dora@example.com") is not None  # the extension used the token
    page.close()


def test_scanners_leave_the_link_for_the_extension(firsthand, context):
    link = firsthand.add_user("bob@example.com", "Bob Builder")
    for agent in SCANNERS:
        assert requests.head(link, headers={"User-Agent": agent}, timeout=10).status_code == 200
        seen = requests.get(link, headers={"User-Agent": agent}, timeout=10)
        assert seen.status_code == 200 and "data-token" not in seen.text
    assert invites_used(firsthand, "bob@example.com") == 0

    connect(context, link)  # the person, later: the extension presses the button
    assert storage(context, "user")["name"] == "Bob Builder"
    posts = [c for c in firsthand.calls if c[:2] == ("POST", "/connect")]
    assert len(posts) == 1
    assert invites_used(firsthand, "bob@example.com") == 1
    again = requests.get(link, timeout=10)
    assert again.status_code == 410 and "already used" in again.text


def test_without_the_extension_a_person_connects_by_hand(firsthand, browser_page):
    page = browser_page
    link = firsthand.add_user("ann@example.com", "Ann Example")
    page.goto(link)
    # Without the extension, "Connect this browser" is not offered (a press would spend the
    # link for a token nobody receives): the page says to install the extension first.
    page.get_by_role(
        "heading", name="First install the Firsthand extension in this browser"
    ).wait_for()
    assert page.get_by_role("button", name="Connect this browser").count() == 0
    assert "Ann Example" in page.locator("h1").inner_text()
    page.get_by_text("Connect by hand instead").click()
    button = page.get_by_role("button", name="Use the link and show the token")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        screenshot(page, f"connect-confirm-{scheme}")
    page.emulate_media(color_scheme="light")
    page.reload()  # a second look spends nothing either
    assert invites_used(firsthand, "ann@example.com") == 0

    page.get_by_text("Connect by hand instead").click()  # closed again after the reload
    button.click()
    page.get_by_text("Connecting by hand").wait_for()
    assert page.url == f"{firsthand.url}/connect/done"  # a 303: no invite, no token in it
    token = page.locator("#firsthand-connect").get_attribute("data-token")
    assert token and token not in page.url
    page.get_by_text("Connecting by hand").click()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        screenshot(page, f"connect-token-{scheme}")
    page.emulate_media(color_scheme="light")
    assert invites_used(firsthand, "ann@example.com") == 1
    assert connected_at(firsthand, "ann@example.com") is None  # shown, not yet used anywhere

    page.reload()  # no "already used", no second POST: the token is still there
    page.get_by_role("heading", name="Hello Ann Example, your connection is ready").wait_for()
    assert page.locator("#firsthand-connect").get_attribute("data-token")
    assert [c[:2] for c in firsthand.calls].count(("POST", "/connect")) == 1
    assert invites_used(firsthand, "ann@example.com") == 1

    page.goto(link)
    page.get_by_role("heading", name="This connect link was already used").wait_for()
    assert axe_violations(page) == []


@pytest.fixture
def french_browser(playwright_instance, tmp_path):
    """Plain Chromium (no extension) in French: it sends Accept-Language: fr."""
    ctx = launch(playwright_instance, tmp_path / "fr-profile", lang="fr")
    yield ctx.pages[0] if ctx.pages else ctx.new_page()
    ctx.close()


def test_a_french_browser_gets_the_connect_pages_in_french(firsthand, french_browser):
    page = french_browser
    link = firsthand.add_user("amelie@example.com", "Amélie Durand")
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role(
        "heading", name="Bonjour Amélie Durand, connecter ce navigateur\u00a0?"
    ).wait_for()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        screenshot(page, f"connect-confirm-fr-{scheme}")
    page.emulate_media(color_scheme="light")

    page.get_by_role(
        "heading", name="Installez d’abord l’extension Firsthand dans ce navigateur"
    ).wait_for()
    assert page.get_by_role("button", name="Connecter ce navigateur").count() == 0
    page.get_by_text("Se connecter plutôt à la main").click()
    page.get_by_role("button", name="Utiliser le lien et afficher le jeton").click()
    page.get_by_role("heading", name="Bonjour Amélie Durand, votre connexion est prête").wait_for()
    page.get_by_text("Se connecter à la main").click()
    assert page.title() == "Connecté à Firsthand"
    assert axe_violations(page) == []
    screenshot(page, "connect-token-fr")

    page.goto(link)
    page.get_by_role("heading", name="Ce lien de connexion a déjà été utilisé").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "connect-used-fr")


def test_the_extension_connects_in_a_french_browser_and_says_so_in_french(
    firsthand, playwright_instance, tmp_path
):
    french = json.loads((EXTENSION / "_locales" / "fr" / "messages.json").read_text("utf-8"))
    ctx = launch(playwright_instance, tmp_path / "profile", EXTENSION, lang="fr")
    try:
        page = ctx.new_page()
        page.goto(firsthand.add_user("amelie@example.com", "Amélie Durand"))
        box = page.locator("#firsthand-connect[data-state='connected']")
        box.wait_for(timeout=15000)
        done = french["connectDone"]["message"].replace("$1", "Amélie Durand")
        assert box.inner_text() == done
        assert page.url == f"{firsthand.url}/connect/done"
        assert axe_violations(page) == []
        screenshot(page, "connect-extension-fr")
        assert storage(ctx, "user")["name"] == "Amélie Durand"
    finally:
        ctx.close()


def test_a_used_link_opened_again_in_the_connected_browser_says_who_it_is_connected_as(
    firsthand, context
):
    """Cold trial: a person opening their used link again (from the same email) was only told
    the link was used, and to check the popup. In the browser it connected, the page now says
    so by name; in a browser it did not connect, the page stays as the server wrote it."""
    link = firsthand.add_user("eve@example.com", "Eve Okafor")
    connect(context, link)
    page = context.new_page()
    page.goto(link)
    page.get_by_role("heading", name="This connect link was already used").wait_for()
    status = page.locator("#firsthand-connect[data-state='used']")
    status.wait_for(state="visible", timeout=15000)
    assert status.inner_text() == (
        "This browser is already connected to Firsthand as Eve Okafor: "
        "there is nothing more to do here."
    )
    assert status.get_attribute("role") == "status"
    assert axe_violations(page) == []
    screenshot(page, "connect-used-link-connected-browser")
    page.close()


def test_a_used_link_in_a_browser_without_the_extension_names_nobody(firsthand, browser_page):
    link = firsthand.add_user("finn@example.com", "Finn Berg")
    spend = requests.Session()  # spent in another browser, by hand
    page_one = spend.get(link, timeout=10)
    csrf = spend.cookies.get("firsthand_connect_csrf", path="/connect")
    invite = link.split("invite=", 1)[1]
    spend.post(f"{firsthand.url}/connect", data={"invite": invite, "csrf_token": csrf}, timeout=10)
    assert page_one.status_code == 200 and invites_used(firsthand, "finn@example.com") == 1
    browser_page.goto(link)
    browser_page.get_by_role("heading", name="This connect link was already used").wait_for()
    assert browser_page.locator("#firsthand-connect").is_hidden()
    assert "Finn Berg" not in browser_page.locator("main").inner_text()
