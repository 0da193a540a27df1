"""Every page the server shows an employee (the connect page in each of its states, the badge
page, the posting guidelines, the console's sign-in), in a French and a German Chromium, at
1024×640 and 1280×720, at 100% and 200% zoom, light and dark: nothing runs past the window's
right edge, the connect pages are in the browser's language, and axe-core finds nothing serious.
Screenshots: tests/artifacts/server-<lang>-<page>-<width>-<zoom>x-<scheme>.png."""

from __future__ import annotations

import base64

import pytest

from e2e.browser import ARTIFACTS, fresh_post, launch
from e2e.console_steps import axe_violations
from firsthand.models import User, UserBadge

GEOMETRIES = [(1024, 640, 1), (1280, 720, 1), (1024, 640, 2), (1280, 720, 2)]
HEADINGS = {
    "fr": {
        "confirm": "Bonjour Amélie Durand-Lefèvre, connecter ce navigateur\u00a0?",
        "connected": "Bonjour Amélie Durand-Lefèvre, votre connexion est prête",
        "used": "Ce lien de connexion a déjà été utilisé",
        "problem": "Nous n’avons pas pu vous connecter",
        "gone": "Plus rien à afficher ici",
    },
    "de": {
        "confirm": "Hallo Amélie Durand-Lefèvre, diesen Browser verbinden?",
        "connected": "Hallo Amélie Durand-Lefèvre, Ihre Verbindung ist bereit",
        "used": "Dieser Verbindungslink wurde bereits verwendet",
        "problem": "Wir konnten Sie nicht verbinden",
        "gone": "Hier gibt es nichts mehr anzuzeigen",
    },
}
# What sticks out past the window's right edge (the page scrolls sideways), or is cut by it.
OVERFLOW = """() => {
    const doc = document.documentElement, width = doc.clientWidth;
    const out = [...document.querySelectorAll('body *')]
        .filter((el) => el.getClientRects().length
            && el.getBoundingClientRect().right > width + 0.5)
        .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''));
    return {scrolls: doc.scrollWidth > width, out: out.slice(0, 5)};
}"""


def set_window(page, session, width: int, height: int, zoom: int) -> None:
    """A window of width×height device pixels at a browser zoom: a smaller CSS viewport."""
    metrics = {"width": width // zoom, "height": height // zoom, "deviceScaleFactor": zoom}
    session.send("Emulation.setDeviceMetricsOverride", {**metrics, "mobile": False})


def window_screenshot(session, name: str) -> None:
    """The window as emulated (Playwright's own screenshot puts its viewport back first)."""
    shot = session.send("Page.captureScreenshot", {"format": "png"})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def pages_of(firsthand, page, lang: str) -> list[tuple[str, str]]:
    """(name, URL) of each page, in an order that reaches every connect state in one browser."""
    email = f"amelie.{lang}@example.com"
    link = firsthand.add_user(email, "Amélie Durand-Lefèvre", team="Customer Success")
    firsthand.api(email, "POST", "/shares", json={"url": fresh_post(7), "network": "linkedin"})
    uid = firsthand.query(
        lambda: UserBadge.get(UserBadge.user == User.get(User.email == email).id).uid
    )
    page.goto(link)
    # No extension here: the by-hand path spends the link, and /connect/done shows the token.
    page.locator("#firsthand-by-hand summary").click()
    page.locator("#firsthand-by-hand button").click()
    page.wait_for_url("**/connect/done")
    return [
        ("connected", f"{firsthand.url}/connect/done"),
        ("used", link),
        ("problem", f"{firsthand.url}/connect?invite=cut-short"),
        ("badge", f"{firsthand.url}/badges/assertions/{uid}"),
        ("guidelines", f"{firsthand.url}/guidelines"),
        ("sign-in", f"{firsthand.url}/console/sign-in"),
    ]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_server_pages_fit_and_speak_the_browsers_language(
    firsthand, playwright_instance, tmp_path, lang
):
    ctx = launch(playwright_instance, tmp_path / f"{lang}-profile", lang=lang)
    try:
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        session = ctx.new_cdp_session(page)
        confirm_link = firsthand.add_user(f"other.{lang}@example.com", "Amélie Durand-Lefèvre")
        pages = [("confirm", confirm_link), *pages_of(firsthand, page, lang)]
        problems = []
        for name, url in [*pages, ("gone", f"{firsthand.url}/connect/done")]:
            if name == "gone":
                ctx.clear_cookies()  # another browser, or the result's 15 minutes are over
            page.goto(url)
            if name in HEADINGS[lang]:
                assert page.locator("html").get_attribute("lang") == lang, name
                page.get_by_role("heading", name=HEADINGS[lang][name]).wait_for()
            if name == "connected":
                page.locator("summary").click()  # the server and the long token, by hand
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                for width, height, zoom in GEOMETRIES:
                    set_window(page, session, width, height, zoom)
                    found = page.evaluate(OVERFLOW)
                    if found["scrolls"] or found["out"]:
                        problems.append((name, width, zoom, scheme, found))
                    if (width, zoom) in ((1024, 2), (1280, 1)):
                        shot = f"server-{lang}-{name}-{width}-{zoom}x-{scheme}"
                        window_screenshot(session, shot)
                set_window(page, session, 1280, 720, 1)
                violations = axe_violations(page)
                assert violations == [], (name, scheme, violations)
        assert problems == []
    finally:
        ctx.close()
