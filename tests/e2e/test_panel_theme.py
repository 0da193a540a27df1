"""The panel and the share card take the page's own theme, not the OS's: LinkedIn in its dark
theme (a class on <html>, fixtures/linkedin-real.html) with the OS light gives a dark panel, the
light page with the OS dark a light one, and the panel follows when the page switches theme
while the composer is open, the composer in #interop-outlet's shadow root too. axe-core finds no
contrast problem either way."""

import pytest

from e2e.browser import connect, publish, screenshot, wait_for_verdict
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


# Every frame from Post on, for 3 s: where the panel shows (null while out of sight) and in what
# theme, and the share card's theme.
SAMPLE_FRAMES = """() => {
    const deep = (name) => document.querySelector(name)
        || document.getElementById('interop-outlet')?.shadowRoot?.querySelector(name);
    const frames = (window.firsthandFrames = []);
    const start = performance.now();
    const tick = () => {
        const panel = deep('firsthand-panel');
        const card = deep('firsthand-share-card');
        const box = panel && panel.isConnected && getComputedStyle(panel).display !== 'none'
            && panel.getBoundingClientRect();
        frames.push({
            panel: box ? [panel.dataset.theme, Math.round(box.left), Math.round(box.top)] : null,
            card: card && card.isConnected ? card.dataset.theme : null,
        });
        if (performance.now() - start < 3000) requestAnimationFrame(tick);
        else window.firsthandSampled = true;
    };
    tick();
}"""


@pytest.mark.parametrize("gen", ["artdeco", "artdeco-interop"])
def test_after_post_panel_and_card_keep_the_light_pages_theme_and_place(firsthand, context, gen):
    """Post removes the composer; until the next rescan it was still the watcher's. Its
    detached editor computed no background, read as black: for ~150 ms the panel showed dark at
    the window's corner (12, 8) over the page's header with the old angles, and the share card
    came up dark for 600 ms on this light page. Now the panel stays where it was or goes, and
    both keep the page's theme in every frame."""
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_real(context, f"gen={gen}")
    page.emulate_media(color_scheme="dark")  # the OS is dark; the page is light
    start_post(page)
    page.keyboard.type(DRAFT)
    wait_for_verdict(page, "personal")
    page.wait_for_function(OPEN)
    box = page.locator("firsthand-panel").bounding_box()
    beside = ["light", round(box["x"]), round(box["y"])]
    page.evaluate(SAMPLE_FRAMES)
    publish(page)
    page.wait_for_function("() => window.firsthandSampled === true", timeout=10000)
    frames = page.evaluate("window.firsthandFrames")
    assert any(f["card"] for f in frames), "the share card came within the 3 s sampled"
    assert frames[-1]["panel"] is None, "the composer is gone, and the panel with it"
    moved = [f["panel"] for f in frames if f["panel"] not in (None, beside)]
    assert moved == [], f"the panel showed elsewhere or dark: {moved[:3]}"
    assert {f["card"] for f in frames} <= {None, "light"}
    screenshot(page, f"panel-theme-after-post-{gen}")
    assert page.page_errors == []
