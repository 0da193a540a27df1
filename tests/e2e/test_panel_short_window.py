"""The opened panel on a short window: at 1024×640 LinkedIn's real 744 px share box (its
artdeco modal and the SDUI <dialog>) leaves the docked panel, kept off Post and the line being
typed, little height. Opened there (the shortcut), it shows the verdict and at least two whole
angles inside its box, a click on each reaches it, it covers neither Post nor the caret's line,
and the keyboard reaches the last angle with it in sight (the panel's body scrolls to it)."""

import pytest

from e2e.browser import connect
from e2e.composer_checks import focused_in_panel, set_window, wait_for_placement, window_screenshot
from e2e.test_composer_geometry import OPEN, became, state
from e2e.test_composer_placement import SETTLED
from e2e.test_linkedin_real_geometry import open_share_box

FIND = """const outlet = document.getElementById('interop-outlet');
    const host = document.querySelector('firsthand-panel')
        || document.querySelector('dialog[open] firsthand-panel')
        || (outlet && outlet.shadowRoot && outlet.shadowRoot.querySelector('firsthand-panel'));
    const root = host.shadowRoot;"""
# In the page, before the panel opens: the caret's line as far as the caret (the words typed on
# it and the caret itself, a few pixels wide), and Post.
KEEP_CLEAR = """() => {
    const range = getSelection().getRangeAt(0).cloneRange();
    range.collapse(false);
    const caret = range.getClientRects()[0] || range.getBoundingClientRect();
    const editor = document.querySelector('[contenteditable=true]').getBoundingClientRect();
    const post = document.querySelector('.share-actions__primary-action, .post-btn:not([hidden])')
        .getBoundingClientRect();
    const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    return { post: box(post), caretLine: { left: editor.left, top: caret.top,
        right: caret.right + 4, bottom: caret.bottom } };
}"""
# In the page, the panel opened: its box, and the angles wholly inside its box and its body's
# visible part whose centre a click reaches.
SHOWN = (
    """() => {
    """
    + FIND
    + """
    const p = host.getBoundingClientRect(), b = root.querySelector('.body').getBoundingClientRect();
    const top = Math.max(p.top, b.top), bottom = Math.min(p.bottom, b.bottom);
    const whole = (r) => r.top >= top - 0.5 && r.bottom <= bottom + 0.5
        && r.left >= p.left - 0.5 && r.right <= p.right + 0.5;
    const hit = (a) => { const r = a.getBoundingClientRect();
        return root.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2); };
    const angles = [...root.querySelectorAll('[data-angle]')];
    return {
        panel: { left: p.left, top: p.top, right: p.right, bottom: p.bottom },
        verdict: whole(root.querySelector('.chip').getBoundingClientRect()),
        whole: angles.filter((a) => whole(a.getBoundingClientRect())
            && a.contains(hit(a))).map((a) => a.dataset.angle),
        count: angles.length,
    };
}"""
)
# In the page: whether the focused angle is wholly in sight in the panel's body, and which it is.
FOCUSED = (
    """() => {
    """
    + FIND
    + """
    const a = root.activeElement, b = root.querySelector('.body').getBoundingClientRect();
    const p = host.getBoundingClientRect(), r = a.getBoundingClientRect();
    const top = Math.max(p.top, b.top), bottom = Math.min(p.bottom, b.bottom);
    const last = [...root.querySelectorAll('[data-angle]')].pop();
    return { angle: a.dataset.angle || null, last: a === last,
        inSight: r.top >= top - 0.5 && r.bottom <= bottom + 0.5 };
}"""
)


def overlaps(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and min(
        a["bottom"], b["bottom"]
    ) > max(a["top"], b["top"])


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


@pytest.mark.parametrize("query", ["gen=artdeco", "gen=sdui&shell=box&theme=dark"])
def test_two_angles_show_whole_in_the_opened_panel_at_1024x640(employee, context, query):
    page, session = open_share_box(context, query)
    css = set_window(session, page, 1024, 640, 1.0)
    wait_for_placement(page, css)
    keep_clear = page.evaluate(KEEP_CLEAR)
    page.keyboard.press("Alt+Shift+F")
    assert became(page, OPEN) and focused_in_panel(page), state(page)
    page.wait_for_function(SETTLED)
    shown = page.evaluate(SHOWN)
    window_screenshot(session, f"short-window-{query.split('&')[0][4:]}-1024x640-open")
    assert shown["verdict"], shown
    assert len(shown["whole"]) >= 2, shown
    assert not overlaps(shown["panel"], keep_clear["post"]), (shown, keep_clear)
    assert not overlaps(shown["panel"], keep_clear["caretLine"]), (shown, keep_clear)
    # The rest a scroll away, by the keyboard: each angle in sight as Tab reaches it.
    seen = []
    for _ in range(shown["count"]):
        focused = page.evaluate(FOCUSED)
        assert focused["inSight"], focused
        seen.append(focused["angle"])
        if focused["last"]:
            break
        page.keyboard.press("Tab")
    assert len(seen) == shown["count"] and all(seen), seen
    page.keyboard.press("Escape")
    assert page.page_errors == []
