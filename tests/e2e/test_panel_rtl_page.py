"""The panel and the share card on a right-to-left page (Hebrew or Arabic LinkedIn, `?dir=rtl`):
their words are the extension's (every UI language it ships is left to right), so they read left
to right whatever the page's direction; only the post quoted on the card follows its own words.
Once `:host { all: initial }` left `direction` inherited (`all` never resets it): questions read
"?What did you personally work on", compact titles were cut at their start ("…at surprised you
while building it") and the card said "points 45+"."""

import pytest

from e2e.browser import connect
from e2e.composer_checks import focused_in_panel, set_window, wait_for_placement, window_screenshot
from e2e.realistic import post
from e2e.test_composer_geometry import CLOSED, OPEN, became, state
from e2e.test_composer_placement import SETTLED
from e2e.test_linkedin_publish_realistic import card
from e2e.test_linkedin_real_geometry import open_share_box

# A post whose first line (the one the card quotes) is Hebrew, the rest English.
HEBREW_FIRST = "היום השקנו את מסך הייבוא החדש, ואני גאה בצוות שלנו ובכל מי שעזר לנו בדרך"
ENGLISH_NEXT = "I shipped the new import screen today and I learned a lot from Lea."

# In the page: each shown text of a Firsthand box (`host`, found in the page, a modal dialog or
# #interop-outlet's shadow root; `selector` picks its texts) with its computed direction and
# where its first and last characters are: a text read left to right starts at its box's left
# edge, its first character inside the box (an ellipsis cuts its end, not its start), and on
# one line its last character right of its first.
TEXTS = """([name, selector]) => {
    const outlet = document.getElementById('interop-outlet');
    const host = document.querySelector(name) || document.querySelector(`dialog[open] ${name}`)
        || (outlet && outlet.shadowRoot && outlet.shadowRoot.querySelector(name));
    const root = host.shadowRoot;
    // Not what is only read out: hidden from sight, or clipped to a pixel (compact's question).
    const hidden = (el) => el.closest('.sr, .sr-only, [aria-hidden=true], [hidden]')
        || el.getBoundingClientRect().width <= 1;
    const charRect = (node, i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getClientRects()[0];
    };
    const texts = [];
    for (const el of root.querySelectorAll(selector)) {
        if (!el.getClientRects().length || hidden(el)) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.data.trim() && !hidden(n.parentElement)) nodes.push(n);
        }
        if (!nodes.length) continue;
        const first = nodes[0], last = nodes[nodes.length - 1];
        const a = charRect(first, first.data.search(/\\S/));
        const z = charRect(last, last.data.trimEnd().length - 1);
        const box = el.getBoundingClientRect(), cs = getComputedStyle(el);
        const left = box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
        const right = box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
        texts.push({ text: el.textContent.trim().slice(0, 40), direction: cs.direction,
            lang: el.closest('[lang]') ? el.closest('[lang]').lang : host.lang,
            cut: el.scrollWidth > el.clientWidth + 0.5,
            first: a && [a.left, a.top, a.right], last: z && [z.left, z.top, z.right],
            left, right, box: [box.left, box.right] });
    }
    return { hostDir: getComputedStyle(host).direction, hostLang: host.lang,
        pageDir: getComputedStyle(document.documentElement).direction, texts };
}"""
PANEL_TEXTS = ".logo, header button, .chip, .why, .topic, .title, .prompt, .insert, .muted, .keys"
CARD_TEXTS = "h2, p:not([data-quote]), .points, .badge, button"


def left_to_right(found: dict, where: str) -> list[str]:
    """What of `found` (TEXTS) does not read left to right, one line each."""
    problems = []
    if found["hostDir"] != "ltr":
        problems.append(f"{where}: the box is {found['hostDir']}")
    for t in found["texts"]:
        what = f"{where}: {t['text']!r}"
        if t["direction"] != "ltr":
            problems.append(f"{what} is {t['direction']}")
        if not t["first"]:
            continue
        if t["first"][0] < t["box"][0] - 0.5:
            problems.append(f"{what} is cut at its start ({t['first'][0]:.0f} < {t['box'][0]:.0f})")
        elif t["first"][0] > t["left"] + 2:
            problems.append(f"{what} starts at {t['first'][0]:.0f}, not its left {t['left']:.0f}")
        if t["last"] and abs(t["last"][1] - t["first"][1]) < 1 and t["last"][0] <= t["first"][0]:
            problems.append(f"{what} ends left of its start (its last character at the left)")
    return problems


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def test_panel_and_share_card_read_left_to_right_on_a_right_to_left_page(employee, context):
    page, session = open_share_box(context, "gen=sdui&shell=box&dir=rtl")
    problems = []
    # 1280×720: beside the 744 px dialog; 1024×768: docked, opened by the shortcut, compact
    # (one line a suggestion, cut with an ellipsis at its end).
    for width, height in ((1280, 720), (1024, 768)):
        css = set_window(session, page, width, height, 1.0)
        wait_for_placement(page, css)
        if page.evaluate(CLOSED):
            page.keyboard.press("Alt+Shift+F")
            assert became(page, OPEN) and focused_in_panel(page), state(page)
        page.wait_for_function(SETTLED)
        window_screenshot(session, f"rtl-page-panel-{width}x{height}")
        found = page.evaluate(TEXTS, ["firsthand-panel", PANEL_TEXTS])
        assert found["pageDir"] == "rtl", found
        if found["hostLang"].split("-")[0] != "en":  # the UI's, for screen readers (en-US here)
            problems.append(f"panel {width}x{height}: lang is {found['hostLang']!r}")
        assert len(found["texts"]) >= 8, found  # the verdict, the topic, the suggestions
        problems += left_to_right(found, f"panel {width}x{height}")
        if width == 1024:
            page.keyboard.press("Escape")
    assert problems == [], "\n".join(problems)

    # The share card: its words left to right, the post it quotes in the post's own direction.
    set_window(session, page, 1280, 720, 1.0)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(HEBREW_FIRST)
    page.keyboard.press("Enter")
    page.keyboard.insert_text(ENGLISH_NEXT)
    post(page)
    card(page).locator("[data-action='log']").wait_for(timeout=10000)
    page.wait_for_function(SETTLED)
    for width, height in ((1280, 720), (1024, 768)):
        set_window(session, page, width, height, 1.0)
        page.wait_for_function(SETTLED)
        if card(page).locator("[data-points]").count() == 0:
            window_screenshot(session, f"rtl-page-card-offered-{width}x{height}")
            offered = page.evaluate(TEXTS, ["firsthand-share-card", CARD_TEXTS])
            problems += left_to_right(offered, f"offer {width}x{height}")
            quote = page.evaluate(TEXTS, ["firsthand-share-card", "[data-quote]"])["texts"][0]
            # Hebrew, right to left: it starts at the right and its ellipsis cuts its end.
            assert quote["direction"] == "rtl", quote
            assert quote["first"][2] >= quote["right"] - 2 and quote["first"][2] <= quote["box"][1]
            card(page).locator("[data-action='log']").click()
            card(page).locator("[data-points]").wait_for(timeout=15000)
            page.wait_for_function(SETTLED)
        window_screenshot(session, f"rtl-page-card-logged-{width}x{height}")
        logged = page.evaluate(TEXTS, ["firsthand-share-card", CARD_TEXTS])
        points = next(t for t in logged["texts"] if t["text"].startswith("+"))
        assert points["first"][0] < points["last"][0], points  # "+45 points", not "points 45+"
        problems += left_to_right(logged, f"logged {width}x{height}")
    assert problems == [], "\n".join(problems)
    assert page.page_errors == []
