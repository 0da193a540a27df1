"""What the placement tests ask of a page: the composer's controls, what is under their centres
(through shadow roots), and the window's size with zoom emulated as a smaller CSS viewport."""

from __future__ import annotations

import base64

from playwright.sync_api import Page

from e2e.browser import ARTIFACTS

# Viewports people use (1024×640 to 2560×1440) and the browser zooms they use them at.
VIEWPORTS = [
    (1024, 640),
    (1024, 768),
    (1280, 720),
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1536, 864),
    (1920, 1080),
    (2560, 1440),
]
ZOOMS = [1.0, 1.25, 1.5, 2.0]
# The realistic sites' sweep (window in device pixels, zoom): the narrowest, the common laptops,
# full HD and 1440p, then zoomed.
SWEEP = [
    (1024, 640, 1.0),
    (1280, 720, 1.0),
    (1366, 768, 1.0),
    (1920, 1080, 1.0),
    (2560, 1440, 1.0),
    (1280, 720, 1.25),
    (1366, 768, 1.5),
    (1920, 1080, 2.0),
    (2560, 1440, 2.0),
]

# In the page: the element at a point, through shadow roots (what a click there would reach).
DEEP_AT = """const deepAt = (x, y) => {
        let el = document.elementFromPoint(x, y);
        while (el && el.shadowRoot) {
            const inner = el.shadowRoot.elementFromPoint(x, y);
            if (!inner || inner === el) break;
            el = inner;
        }
        return el;
    };"""

# In the page: each composer control whose centre must hit the composer, and Firsthand's boxes.
HITS = (
    """(hostSelectors) => {
    """
    + DEEP_AT
    + """
    const scopes = [document];
    const outlet = document.getElementById('interop-outlet');
    if (outlet && outlet.shadowRoot) scopes.push(outlet.shadowRoot);
    const visible = (e) => e && e.getClientRects().length > 0;
    let dialog = null;
    for (const scope of scopes) {
        dialog = dialog || [...scope.querySelectorAll('dialog[open], .artdeco-modal[role=dialog]')]
            .find((d) => visible(d) && d.querySelector('[contenteditable=true]'));
    }
    if (!dialog) return { error: 'no composer open' };
    const targets = [
        ['Post', dialog.querySelector('.share-actions__primary-action, .post-btn')],
        ['Dismiss', dialog.querySelector('[aria-label=Dismiss]')],
        ['audience', dialog.querySelector('.audience')],
        ['schedule', dialog.querySelector('.schedule')],
        ...[...dialog.querySelectorAll('.toolbar button')]
            .map((b) => [b.getAttribute('aria-label'), b]),
    ];
    const failures = [];
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const check = (name, target, r, within) => {
        const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        if (x < 0 || y < 0 || x >= vw || y >= vh) return; // scrolled out of the dialog's view
        const hit = deepAt(x, y);
        if (!hit || !(within || target).contains(hit)) {
            failures.push(`${name} centre (${Math.round(x)},${Math.round(y)}) hits `
                + (hit ? `<${hit.tagName.toLowerCase()} ${hit.className || ''}>` : 'nothing'));
        }
    };
    for (const [name, target] of targets) {
        if (!target) { failures.push(`${name} missing`); continue; }
        check(name, target, target.getBoundingClientRect());
    }
    const editor = dialog.querySelector('[contenteditable=true]');
    const frame = editor.parentElement.getBoundingClientRect();
    const own = editor.getBoundingClientRect();
    const visibleEditor = {
        left: Math.max(frame.left, own.left), right: Math.min(frame.right, own.right),
        top: Math.max(frame.top, own.top), bottom: Math.min(frame.bottom, own.bottom) };
    check('editor', editor, visibleEditor, editor.parentElement);
    // Boxes Firsthand put on the page, and whether any lies outside the window.
    const boxes = {};
    for (const selector of hostSelectors) {
        const host = document.querySelector(selector) || dialog.querySelector(selector);
        if (!host) continue;
        const r = host.getBoundingClientRect();
        boxes[selector] = { left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            mode: host.dataset.mode, open: host.dataset.open, compact: host.dataset.compact };
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
            failures.push(`${selector} outside the window: ${JSON.stringify(boxes[selector])}`);
        }
    }
    const d = dialog.getBoundingClientRect();
    return { failures, boxes,
        dialog: { left: d.left, right: d.right, top: d.top, bottom: d.bottom },
        viewport: [vw, vh], scroll: [scrollX, scrollY] };
}"""
)

HOSTS = ["firsthand-panel", "firsthand-share-card"]


def composer_hits(page: Page) -> dict:
    """Which composer controls are covered, where Firsthand's boxes are, the page's scroll."""
    return page.evaluate(HITS, HOSTS)


def set_window(session, page: Page, width: int, height: int, zoom: float) -> tuple[int, int]:
    """A window of width×height device pixels at a browser zoom: a smaller CSS viewport."""
    css = (round(width / zoom), round(height / zoom))
    session.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": css[0], "height": css[1], "deviceScaleFactor": zoom, "mobile": False},
    )
    return css


def wait_for_placement(page: Page, css: tuple[int, int]) -> None:
    """Until the panel has been laid out for this window (its host says which)."""
    page.wait_for_function(
        """(size) => {
            const outlet = document.getElementById('interop-outlet'); // composer in its shadow
            const inner = outlet && outlet.shadowRoot;
            const host = document.querySelector('firsthand-panel')
                || (inner && inner.querySelector('firsthand-panel'));
            const doc = document.documentElement;
            const vw = doc.clientWidth, vh = doc.clientHeight;
            return host && host.dataset.viewport === `${vw}x${vh}` && innerWidth === size[0];
        }""",
        arg=list(css),
        timeout=5000,
    )


def focused_in_editor(page: Page) -> bool:
    """Whether keyboard focus is in the composer's editor (through shadow roots)."""
    return page.evaluate(
        """() => {
            let el = document.activeElement;
            while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                el = el.shadowRoot.activeElement;
            }
            return Boolean(el && el.isContentEditable);
        }"""
    )


def focused_in_panel(page: Page) -> str | None:
    """The label or text of the panel's focused control, or None when focus is elsewhere."""
    return page.evaluate(
        """() => {
            const outlet = document.getElementById('interop-outlet'); // composer in its shadow
            const inner = outlet && outlet.shadowRoot;
            const host = document.querySelector('firsthand-panel')
                || (inner && inner.querySelector('firsthand-panel'));
            const el = host && host.shadowRoot.activeElement;
            if (!el) return null;
            return el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40);
        }"""
    )


def window_screenshot(session, name: str) -> None:
    """Screenshot the window as emulated (Playwright's own screenshot would reset the emulation)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = session.send("Page.captureScreenshot", {"format": "png"})
    (ARTIFACTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


# In the page: whether the centre of each selected element hits that element (through shadow
# roots), and where the panel is.
CENTRES = """(selectors) => {
    const deepAt = (x, y) => {
        let el = document.elementFromPoint(x, y);
        while (el && el.shadowRoot) {
            const inner = el.shadowRoot.elementFromPoint(x, y);
            if (!inner || inner === el) break;
            el = inner;
        }
        return el;
    };
    const failures = [];
    for (const selector of selectors) {
        for (const target of document.querySelectorAll(selector)) {
            const r = target.getBoundingClientRect();
            const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
            if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
            const hit = deepAt(x, y);
            if (!hit || !target.contains(hit)) {
                const what = hit ? hit.tagName.toLowerCase() : 'nothing';
                failures.push(`${selector} centre hits <${what}>`);
            }
        }
    }
    const host = document.querySelector('firsthand-panel');
    return { failures, mode: host && host.dataset.mode, scroll: [scrollX, scrollY] };
}"""


def centres_hit(page: Page, selectors: list[str]) -> dict:
    """Which of the selected controls' centres are covered (by Firsthand or anything else)."""
    return page.evaluate(CENTRES, selectors)
