"""The console's header at every window from 1024×640 to 2560×1440, at 100% to 200% zoom.
One line from 1280 px; at 1024 px two rows (brand and who is signed in, then the areas) with
room between the links and the whole name; at 200% zoom one compact row whose Menu
disclosure holds the areas and Sign out, opened by keyboard. Nothing overlaps, nothing
scrolls sideways. Screenshots go to tests/artifacts/console-header-*.png."""

from __future__ import annotations

import pytest

from e2e.browser import ARTIFACTS
from e2e.console_steps import axe_violations, sign_in_with

LONG_NAME = "Maximiliane Alexandra Featherstonehaugh-Worthington de la Vega y Montoya"
ONE_LINE = [(1280, 720), (1366, 768), (1440, 900), (1920, 1080), (2560, 1440)]
TWO_ROWS = [(1024, 640), (1024, 768), (1152, 720)]

# Each shown item of the header (brand, each area, who, Sign out) with its box; the gaps
# between the area links' words; whether the name is cut; the header's height.
BOXES = r"""() => {
  const nav = document.querySelector("nav[aria-label='Console']");
  const shown = (e) => e.getClientRects().length > 0;
  const box = (e) => { const r = e.getBoundingClientRect();
    return {text: e.innerText.replace(/\s+/g, " ").trim(), top: r.top, bottom: r.bottom,
            left: r.left, right: r.right}; };
  const items = [...nav.querySelectorAll(':scope > ul > li')].filter(shown).map(box);
  const range = document.createRange();
  const words = [...nav.querySelectorAll(':scope > ul.areas a')].filter(shown).map(a => {
    range.selectNodeContents(a); return range.getBoundingClientRect(); });
  const gaps = words.slice(1).map((r, i) => Math.abs(r.top - words[i].top) > 4 ? null
    : r.left - words[i].right).filter(g => g !== null);
  const name = nav.querySelector(':scope > ul.who .who-name');
  const doc = document.documentElement;
  const main = document.querySelector('main');
  const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  const button = [...nav.querySelectorAll('button')].filter(shown)[0];
  return {items, gaps, edge, signOutRight: button && button.getBoundingClientRect().right,
          nameCut: name && shown(name) ? name.scrollWidth > name.clientWidth : null,
          overflow: doc.scrollWidth - doc.clientWidth,
          header: document.querySelector('.console-header').getBoundingClientRect().height};
}"""


def _overlaps(items: list[dict]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            apart = (
                a["right"] <= b["left"] + 0.5
                or b["right"] <= a["left"] + 0.5
                or a["bottom"] <= b["top"] + 0.5
                or b["bottom"] <= a["top"] + 0.5
            )
            if not apart:
                found.append((a["text"], b["text"]))
    return found


def _rows(items: list[dict]) -> list[list[str]]:
    rows: list[list[dict]] = []
    for item in sorted(items, key=lambda i: (i["top"], i["left"])):
        middle = (item["top"] + item["bottom"]) / 2
        if rows and abs((rows[-1][0]["top"] + rows[-1][0]["bottom"]) / 2 - middle) <= 6:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [[i["text"] for i in sorted(row, key=lambda i: i["left"])] for row in rows]


@pytest.fixture
def admin_site(site, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the layout is the same on PostgreSQL")
    site.add_user("demo@example.com", "Demo Admin", role="admin", team="People Ops")
    site.add_user("long@example.com", LONG_NAME, role="manager", team="People Ops")
    return site


def test_one_line_from_1280_px_and_two_roomy_rows_at_1024(admin_site, browser_page):
    site, page = admin_site, browser_page
    sign_in_with(page, site.console_link("demo@example.com"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ONE_LINE + TWO_ROWS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{site.url}/console/people/")
        page.screenshot(path=str(ARTIFACTS / f"console-header-{width}x{height}.png"))
        found = page.evaluate(BOXES)
        rows = _rows(found["items"])
        if (width, height) in ONE_LINE:
            assert len(rows) == 1, f"the header wraps at {width}×{height}: {rows}"
        else:
            assert len(rows) == 2, (width, rows)
            assert rows[0] == ["Firsthand console", "Demo Admin · admin", "Sign out"], rows
            assert rows[1][:2] == ["Overview", "People"] and rows[1][-1] == "Settings", rows
            assert found["header"] <= height * 0.2, (width, found["header"])
        # Room between the links (0.4rem, 6 px, on one line at 1024), and the whole name.
        assert min(found["gaps"]) >= 16, (width, found["gaps"])
        assert found["nameCut"] is False, width
        assert not _overlaps(found["items"]), (width, _overlaps(found["items"]))
        assert found["overflow"] <= 0, f"scrolls sideways at {width}×{height}"
        # within the page's column: Sign out lines up with the content's right edge
        assert found["signOutRight"] <= found["edge"] + 0.5, (width, found)


def test_a_long_name_is_cut_not_the_line(admin_site, browser_page):
    site, page = admin_site, browser_page
    sign_in_with(page, site.console_link("long@example.com"))
    for width, height in ((1024, 640), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{site.url}/console/people/")
        page.screenshot(path=str(ARTIFACTS / f"console-header-long-name-{width}.png"))
        found = page.evaluate(BOXES)
        assert len(_rows(found["items"])) == (2 if width == 1024 else 1), found["items"]
        assert found["nameCut"] is True and not _overlaps(found["items"])
        assert found["signOutRight"] <= found["edge"] + 0.5, (width, found)
        assert page.locator("ul.who .who-name").first.get_attribute("title") == LONG_NAME
        assert page.locator("ul.who .who-role").first.inner_text().strip() == "· manager"


@pytest.mark.parametrize("width", [1024, 1280])
def test_at_200_percent_zoom_a_menu_opened_by_keyboard(admin_site, browser_page, width):
    """200% zoom of a window `width`×720: a CSS viewport half as wide, pixels twice as dense."""
    site, page = admin_site, browser_page
    sign_in_with(page, site.console_link("demo@example.com"))
    page.set_viewport_size({"width": width // 2, "height": 360})
    page.goto(f"{site.url}/console/people/")
    page.screenshot(path=str(ARTIFACTS / f"console-header-{width}-zoom200.png"))
    found = page.evaluate(BOXES)
    # Wrapped it took 155 of the 360 CSS px (43%) before any content: now one row.
    assert _rows(found["items"]) == [["Firsthand console"]], found["items"]
    assert found["header"] <= 360 * 0.2, found["header"]
    assert found["overflow"] <= 0
    menu = page.locator("details.menu > summary")
    assert menu.is_visible() and menu.inner_text().strip() == "Menu"
    assert not page.get_by_role("link", name="Teams").is_visible()
    # Keyboard only: Tab to Menu, Enter opens it, Tab reaches each area and Sign out.
    page.keyboard.press("Tab")  # the skip link
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('details.menu > summary')"):
            break
    assert page.evaluate("() => document.activeElement.matches('details.menu > summary')")
    page.keyboard.press("Enter")
    panel = page.locator(".menu-panel")
    assert panel.is_visible()
    page.screenshot(path=str(ARTIFACTS / f"console-header-{width}-zoom200-menu.png"))
    reached = []
    for _ in range(9):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.innerText.trim()"))
    assert reached[:8] == [
        "Overview", "People", "Teams", "Stories", "Recognition", "Analytics", "Audit log",
        "Settings",
    ]  # fmt: skip
    assert reached[8] == "Sign out"
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width // 2
    assert box["y"] + box["height"] <= 360, box
    assert page.evaluate("() => document.activeElement.closest('.menu-panel') !== null")
    assert not axe_violations(page)
    # Esc closes it, the keyboard back on Menu; a click opens and closes it again.
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("() => document.activeElement.matches('details.menu > summary')")
    page.locator("details.menu > summary").click()
    assert panel.is_visible()
    page.locator("details.menu > summary").click()
    assert not panel.is_visible()


@pytest.mark.parametrize("zoom", [1, 1.25, 1.5, 2])
def test_nothing_scrolls_sideways_at_any_window_and_zoom(admin_site, browser_page, zoom):
    site, page = admin_site, browser_page
    sign_in_with(page, site.console_link("long@example.com"))
    for width, height in [(1024, 640), (1152, 720), *ONE_LINE]:
        page.set_viewport_size({"width": int(width / zoom), "height": int(height / zoom)})
        for path in ("/console/", "/console/people/", "/console/analytics/", "/console/stories/"):
            page.goto(site.url + path)
            found = page.evaluate(BOXES)
            assert found["overflow"] <= 0, (width, zoom, path)
            assert not _overlaps(found["items"]), (width, zoom, path, found["items"])
