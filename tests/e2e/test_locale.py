"""The extension speaks the browser's language (chrome.i18n, extension/_locales/): the panel and
the share card, the popup's every tab and the options page, in French and German, with the
pages' <html lang>, no word pushed past the popup's edge and axe-core clean in light and dark."""

import json

import pytest

from e2e.browser import (
    ARTIFACTS,
    CORPORATE,
    connect,
    extension_id,
    fresh_post,
    open_composer,
    open_feed,
    popup,
    screenshot,
    type_draft,
    wait_for_verdict,
)
from e2e.conftest import EXTENSION, extension_context
from e2e.console_steps import axe_violations

LOCALES = EXTENSION / "_locales"
DATA = EXTENSION.parent / "server" / "firsthand" / "data"


def test_french_keeps_its_punctuation_with_the_word_before_it():
    # French sets a space before : ; ! ? and inside « »; a plain one lets the panel's narrow
    # column break the line before the sign ("Sujet" / ": lancement…"). No-break spaces
    # (U+00A0 before the colon, the narrow U+202F before ; ! ?), as the server's fr.json has.
    messages = json.loads((LOCALES / "fr" / "messages.json").read_text(encoding="utf-8"))
    for key, entry in messages.items():
        text = entry["message"]
        for sign in ":;!?»":
            assert f" {sign}" not in text, (key, sign)
        assert "« " not in text, key
    assert messages["topicLabel"]["message"].startswith("Sujet\u00a0:")


@pytest.fixture
def french_context(playwright_instance, tmp_path):
    with extension_context(playwright_instance, tmp_path / "profile", lang="fr") as ctx:
        yield ctx


def test_every_locale_has_every_message_and_keeps_its_placeholders():
    english = json.loads((LOCALES / "en" / "messages.json").read_text(encoding="utf-8"))
    for lang in ("fr", "de", "es", "nl", "pt"):
        messages = json.loads((LOCALES / lang / "messages.json").read_text(encoding="utf-8"))
        assert messages.keys() == english.keys(), lang
        for key, entry in english.items():
            for n in ("$1", "$2"):
                assert (n in entry["message"]) == (n in messages[key]["message"]), (lang, key)


def test_a_french_browser_gets_the_panel_and_card_in_french(firsthand, french_context):
    connect(french_context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(french_context, "classic")
    open_composer(page)
    panel = page.locator("firsthand-panel")
    panel.get_by_text("Écrivez une ligne ou deux").wait_for(timeout=15000)
    type_draft(page, CORPORATE)
    # Typing on a loaded machine can pause long enough for an answer on part of the draft:
    # from its 8th character it reads as a press release, but only from "release yet" (its
    # 68th) is its topic a product launch (before, "unclear" or company news, and its reasons
    # differ before the 27th). So the wait is for the topic only the whole sentence earns, in
    # French (it once failed under load, reading the card a half-draft's answer had filled).
    wait_for_verdict(page, "corporate", showing="Sujet\u00a0: Lancement de produit")
    card = panel.locator(".card").inner_text()
    # The topic (above) and the verdict and its reasons in French too, not the server's English.
    assert "Ressemble à un communiqué de presse" in card
    assert "(formulé comme un texte d’entreprise · tournures de communiqué de presse)" in card
    assert panel.get_by_role("region", name="Suggestions Firsthand").count() == 1
    assert panel.get_by_role("button", name="Masquer les suggestions").count() == 1
    assert page.page_errors == []


# The corporate verdict's line stands alone: it names the post, never "it"/"ihn"/"le" with
# nothing on screen for the pronoun to point at (the cold review's German "Machen Sie ihn …").
POST_WORD = {
    "en": "this post",
    "de": "den Beitrag",
    "fr": "cette publication",
    "es": "esta publicación",
    "nl": "dit bericht",
    "pt": "esta publicação",
}


def test_the_corporate_verdict_line_names_the_post_in_every_language():
    for lang, words in POST_WORD.items():
        assert words in messages(lang)["verdictCorporateLine"], lang


def test_a_german_browser_gets_a_corporate_line_that_stands_alone(firsthand, german_context):
    connect(german_context, firsthand.add_user("ann@example.com", "Ann Example"))
    page = open_feed(german_context, "classic")
    open_composer(page)
    type_draft(page, CORPORATE)
    wait_for_verdict(page, "corporate", showing="Produkteinführung")
    why = page.locator("firsthand-panel .why").inner_text()
    line = "Machen Sie den Beitrag mit einem dieser Blickwinkel zu Ihrem eigenen."
    assert why.startswith(line), why
    screenshot(page, "panel-de-corporate")


# Anything laid out past the popup's or the page's right edge: a word that does not fit.
OVERFLOW = """() => {
    const limit = document.documentElement.clientWidth + 0.5;
    const clipped = (e) => { const s = getComputedStyle(e);
        return s.textOverflow === 'ellipsis' || s.overflowX === 'hidden'; };
    return [...document.body.querySelectorAll('*')].filter((e) => {
        if (!e.getClientRects().length || e.getBoundingClientRect().right <= limit) return false;
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (clipped(a) && a.getBoundingClientRect().right <= limit) return false;
        }
        return true;
    }).map((e) => `<${e.tagName.toLowerCase()} ${e.className}> ${e.textContent.slice(0, 30)}`);
}"""


def messages(lang: str) -> dict[str, str]:
    data = json.loads((LOCALES / lang / "messages.json").read_text(encoding="utf-8"))
    return {key: entry["message"] for key, entry in data.items()}


def say(text: str, *subs) -> str:
    """A message with its $1, $2… filled in, as chrome.i18n would."""
    for n, sub in enumerate(subs, 1):
        text = text.replace(f"${n}", str(sub))
    return text


@pytest.fixture(params=["fr", "de"])
def foreign(request, firsthand, playwright_instance, tmp_path):
    """The extension in a French or German Chromium, connected, with a share and a colleague."""
    lang = request.param
    with extension_context(playwright_instance, tmp_path / "profile", lang=lang) as ctx:
        connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
        firsthand.add_user("bob@example.com", "Bob Builder")
        for email, n in (("ann@example.com", 1), ("bob@example.com", 2)):
            share = {"url": fresh_post(n), "network": "linkedin"}
            assert firsthand.api(email, "POST", "/shares", json=share).status_code == 201
        yield lang, ctx, messages(lang), firsthand


def check_axe(page, problems: dict, name: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        problems[f"{name} {scheme}"] = axe_violations(page)
    page.emulate_media(color_scheme="light")


# Placeholders wider than their field, which Chromium cuts off ("Collez le lien de votre publica").
CUT_PLACEHOLDERS = """() => [...document.querySelectorAll('input[placeholder]')].filter((i) => {
    if (!i.getClientRects().length) return false;
    const s = getComputedStyle(i, '::placeholder');
    const pen = document.createElement('canvas').getContext('2d');
    pen.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return pen.measureText(i.placeholder).width > room;
}).map((i) => i.placeholder)"""


def test_the_popup_speaks_the_browsers_language_in_every_tab(foreign):
    lang, ctx, m, _ = foreign
    english = messages("en")
    page = popup(ctx)
    page.locator("[data-points]").wait_for(timeout=15000)
    # Chrome sizes a popup to its content, its scroll bar beside the 380 px, not over them.
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 380 + bar, "height": 700})
    assert page.evaluate("document.documentElement.lang") == m["langCode"]
    problems, overflow = {}, {}
    # The You tab: points, level, recent shares, "Log a share made elsewhere".
    for key in ("recentShares", "badgesHeading", "nextBadges", "logElsewhere"):
        if key == "nextBadges" and not page.locator(".progress-list").count():
            continue
        assert page.get_by_role("heading", name=m[key], exact=True).count() == 1, key
    assert page.get_by_role("region", name=m["heroLabel"]).count() == 1
    assert m["pointsUnit_other"] in page.locator(".points").inner_text()
    assert page.locator(".shares .when").first.inner_text() == m["timeJustNow"]
    # A share logged by its link alone is named in the language: "Publication sur LinkedIn, …"
    where = m["sharePostOn"].replace("$1", "LinkedIn").split("$2")[0]
    assert page.locator(".shares a").first.inner_text().startswith(where)
    assert page.get_by_placeholder(m["logPlaceholder"]).count() == 1
    assert page.get_by_role("link", name=m["popSettings"]).count() == 1
    # The level and the badges by their names in the language (the catalogue's translations).
    level = json.loads((DATA / "levels.json").read_text(encoding="utf-8"))["levels"][0]
    assert level["translations"][lang]["name"] in page.locator(".level").inner_text()
    badge = json.loads((DATA / "badges.json").read_text(encoding="utf-8"))["badges"][0]
    shown = page.locator("main, body").first.inner_text()
    assert badge["translations"][lang]["name"] in shown and badge["name"] not in shown
    screenshot(page, f"popup-{lang}-you")
    overflow["you"] = page.evaluate(OVERFLOW) + page.evaluate(CUT_PLACEHOLDERS)
    check_axe(page, problems, "you")
    # A link that is not one: the answer is in the language too.
    page.get_by_placeholder(m["logPlaceholder"]).fill("ftp://example.com/my-post")
    page.get_by_role("button", name=m["logButton"], exact=True).click()
    page.get_by_text(m["notALink"]).wait_for()

    page.get_by_role("tab", name=m["tabLeaderboard"]).click()
    page.locator("ol.board li").first.wait_for()
    assert page.get_by_role("group", name=m["scopeLabel"]).count() == 1
    assert page.get_by_role("button", name=m["scopeTeam"]).count() == 1
    assert page.get_by_label(m["boardOptIn"]).is_checked()
    assert page.get_by_role("button", name=say(m["thankLabel"], "Bob Builder")).count() == 1
    screenshot(page, f"popup-{lang}-leaderboard")
    overflow["leaderboard"] = page.evaluate(OVERFLOW)
    check_axe(page, problems, "leaderboard")

    page.get_by_role("tab", name=m["tabIdeas"]).click()
    page.get_by_text(m["storiesEmpty"]).wait_for()
    assert page.get_by_text(m["suggestSummary"]).count() == 1
    overflow["ideas"] = page.evaluate(OVERFLOW)

    page.get_by_role("tab", name=m["tabReach"]).click()
    page.get_by_role("heading", name=m["reachHeading"]).wait_for()
    assert page.get_by_role("button", name=m["checkReach"]).count() == 1
    assert page.get_by_role("table", name=m["reachCompareLabel"]).count() == 1
    screenshot(page, f"popup-{lang}-reach")
    overflow["reach"] = page.evaluate(OVERFLOW)
    check_axe(page, problems, "reach")

    page.get_by_role("tab", name=m["tabKudos"]).click()
    page.get_by_role("heading", name=m["kudosHeading"]).wait_for()
    assert page.get_by_text(m["kudosEmpty"]).count() == 1
    overflow["kudos"] = page.evaluate(OVERFLOW)

    # Nothing English left in the tab bar, and nothing pushed past the popup's edge.
    tabs = page.get_by_role("tab").all_inner_texts()
    assert tabs == [m[k] for k in ("tabYou", "tabIdeas", "tabReach", "tabLeaderboard", "tabKudos")]
    assert not set(tabs) & {english["tabYou"], english["tabReach"], english["tabLeaderboard"]}
    assert {k: v for k, v in overflow.items() if v} == {}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_options_page_speaks_the_browsers_language(foreign):
    lang, ctx, m, firsthand = foreign
    page = ctx.new_page()
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"chrome-extension://{extension_id(ctx)}/options/options.html")
    connected = say(m["optConnected"], firsthand.url, "Ann Example", "ann@example.com")
    page.wait_for_function(
        "(text) => document.getElementById('status').textContent === text", arg=connected
    )
    assert page.title() == m["optTitle"]
    assert page.evaluate("document.documentElement.lang") == m["langCode"]
    for key in ("optConnection", "optManual", "optWritingHelp", "optReach", "optData"):
        assert page.get_by_role("heading", name=m[key], exact=True).count() == 1, key
    assert page.get_by_label(m["optLive"]).is_checked()
    assert page.get_by_label(m["optServer"]).count() == 1
    assert page.get_by_placeholder(m["optTokenPlaceholder"]).count() == 1
    assert page.get_by_label(say(m["optAlsoHelp"], "Facebook")).count() == 1
    assert page.get_by_role("button", name=m["optExport"]).count() == 1
    page.get_by_text(m["optDelete"], exact=True).click()
    assert page.get_by_role("button", name=m["optDeleteButton"]).is_visible()
    # The wrong email: the refusal is in the language too.
    page.get_by_label(m["optDeleteConfirm"]).fill("someone@example.com")
    page.get_by_role("button", name=m["optDeleteButton"]).click()
    page.get_by_text(m["optTypeEmail"]).wait_for()
    page.screenshot(path=str(ARTIFACTS / f"options-{lang}.png"), full_page=True)
    delete = page.get_by_role("button", name=m["optDeleteButton"]).bounding_box()
    export = page.get_by_role("button", name=m["optExport"]).bounding_box()
    assert delete["height"] <= export["height"] + 1  # one line, not stretched beside the field
    assert page.evaluate(CUT_PLACEHOLDERS) == []
    page.set_viewport_size({"width": 380, "height": 900})  # a narrow window: words still fit
    assert page.evaluate(OVERFLOW) == []
    assert page.evaluate(CUT_PLACEHOLDERS) == []
    problems = {}
    check_axe(page, problems, "options")
    assert {k: v for k, v in problems.items() if v} == {}
