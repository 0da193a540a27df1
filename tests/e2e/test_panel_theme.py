"""The panel and the share card take the page's own theme, not the OS's: LinkedIn in its dark
theme (a class on <html>, fixtures/linkedin-real.html) with the OS light gives a dark panel, the
light page with the OS dark a light one, and the panel follows when the page switches theme
while the composer is open, the composer in #interop-outlet's shadow root too. axe-core finds no
contrast problem either way."""

from e2e.browser import connect, screenshot, wait_for_verdict
from e2e.console_steps import axe_violations
from e2e.realistic import DRAFT, open_real, post, start_post
from e2e.test_linkedin_publish_realistic import card

# How light a Firsthand box's card is: the relative luminance of its background, 0 to 1.
LIGHTNESS = """(host) => {
    const box = document.querySelector(host).shadowRoot.querySelector('.card');
    const [r, g, b] = getComputedStyle(box).backgroundColor.match(/[\\d.]+/g).map(Number)
        .map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""
THEME = "(host) => document.querySelector(host).dataset.theme"
OPEN = "() => document.querySelector('firsthand-panel').dataset.open === 'true'"


def write(page) -> None:
    start_post(page)
    page.keyboard.type(DRAFT)
    wait_for_verdict(page, "personal")
    page.wait_for_function(OPEN)


def switch_page_theme(page, dark: bool) -> None:
    """The employee switches LinkedIn's theme: the class on <html> changes, nothing else."""
    page.evaluate("(dark) => document.documentElement.classList.toggle('theme--dark', dark)", dark)
    theme = "dark" if dark else "light"
    page.wait_for_function(f"() => ({THEME})('firsthand-panel') === '{theme}'")


def test_the_panel_is_dark_on_a_dark_page_and_light_on_a_light_one_whatever_the_os(
    firsthand, context
):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    problems = {}

    dark = open_real(context, "theme=dark")
    dark.emulate_media(color_scheme="light")
    write(dark)
    assert dark.evaluate(THEME, "firsthand-panel") == "dark"
    assert dark.evaluate(LIGHTNESS, "firsthand-panel") < 0.05
    problems["panel, dark page, light OS"] = axe_violations(dark, "firsthand-panel")
    screenshot(dark, "panel-theme-dark-page-light-os")
    switch_page_theme(dark, False)  # switched with the composer open: the panel follows
    assert dark.evaluate(LIGHTNESS, "firsthand-panel") > 0.9
    switch_page_theme(dark, True)
    post(dark)  # the share card after the post is the page's theme too
    card(dark).locator("[data-action='log']").wait_for(timeout=15000)
    assert dark.evaluate(LIGHTNESS, "firsthand-share-card") < 0.05
    problems["share card, dark page, light OS"] = axe_violations(dark, "firsthand-share-card")
    screenshot(dark, "panel-theme-dark-page-card")

    light = open_real(context, "")
    light.emulate_media(color_scheme="dark")
    write(light)
    assert light.evaluate(THEME, "firsthand-panel") == "light"
    assert light.evaluate(LIGHTNESS, "firsthand-panel") > 0.9
    problems["panel, light page, dark OS"] = axe_violations(light, "firsthand-panel")
    screenshot(light, "panel-theme-light-page-dark-os")
    switch_page_theme(light, True)
    assert light.evaluate(LIGHTNESS, "firsthand-panel") < 0.05
    problems["panel, switched dark, dark OS"] = axe_violations(light, "firsthand-panel")
    assert {k: v for k, v in problems.items() if v} == {}
    assert dark.page_errors == [] and light.page_errors == []


def test_the_composer_in_interop_outlets_shadow_root_on_a_dark_page(firsthand, context):
    """LinkedIn's current composer lives in #interop-outlet's shadow root, painted by the site's
    colour tokens (custom properties that reach into it): the panel and the card are dark there
    too, follow a switch, and axe-core finds nothing."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, "gen=interop&theme=dark")
    page.emulate_media(color_scheme="light")
    write(page)
    assert page.evaluate(THEME, "firsthand-panel") == "dark"
    assert page.evaluate(LIGHTNESS, "firsthand-panel") < 0.05
    problems = {"panel, shadow-root composer, dark": axe_violations(page, "firsthand-panel")}
    screenshot(page, "panel-theme-interop-dark")
    switch_page_theme(page, False)
    assert page.evaluate(LIGHTNESS, "firsthand-panel") > 0.9
    problems["panel, shadow-root composer, light"] = axe_violations(page, "firsthand-panel")
    switch_page_theme(page, True)
    post(page)
    card(page).locator("[data-action='log']").wait_for(timeout=15000)
    assert page.evaluate(LIGHTNESS, "firsthand-share-card") < 0.05
    problems["share card, after the shadow-root composer"] = axe_violations(
        page, "firsthand-share-card"
    )
    assert {k: v for k, v in problems.items() if v} == {}
    assert page.page_errors == []
