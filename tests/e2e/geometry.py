"""Bounding boxes of a composer's parts and of Firsthand's panel, and their overlaps: the panel
must cover none of the editor's text, Post, Close, the toolbar or the other controls (whole
boxes, not only their centres), and lie inside the window."""

from __future__ import annotations

from playwright.sync_api import Page

# In the page: the rects of the composer's parts (the editor's text line by line, as the page
# lays it out, clipped to what its scrolling boxes show; each control of the frame by name) and
# of the panel. `frameSelector` picks the composer's box (in #interop-outlet's shadow root too;
# the last one shown: X's compose modal over the timeline's composer).
BOXES = """([frameSelector, controlSelector]) => {
    const scopes = [document];
    const outlet = document.getElementById('interop-outlet');
    if (outlet && outlet.shadowRoot) scopes.push(outlet.shadowRoot);
    const visible = (e) => e && e.getClientRects().length > 0;
    let frame = null;
    for (const s of scopes) {
        frame = frame || [...s.querySelectorAll(frameSelector)].filter(visible).pop();
    }
    if (!frame) return { error: `no ${frameSelector} open` };
    const plain = (r) => [r.left, r.top, r.right, r.bottom].map((v) => Math.round(v * 10) / 10);
    const clip = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]),
        Math.min(a[2], b[2]), Math.min(a[3], b[3])];
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    // What of an element can be seen: its box within every scrolling ancestor and the window.
    const shown = (el) => {
        let r = plain(el.getBoundingClientRect());
        for (let a = el.parentElement; a; a = a.parentElement) {
            const o = getComputedStyle(a).overflowY;
            if (o !== 'visible') r = clip(r, plain(a.getBoundingClientRect()));
        }
        return clip(r, [0, 0, vw, vh]);
    };
    const parts = [];
    const editor = frame.querySelector('[contenteditable=true]');
    if (editor) {
        const view = shown(editor);
        const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            if (!text.data.trim()) continue;
            range.selectNodeContents(text);
            for (const line of range.getClientRects()) {
                const r = clip(plain(line), view);
                if (r[2] - r[0] < 1 || r[3] - r[1] < 1) continue;
                parts.push({ name: 'editor text', rect: r });
            }
        }
    }
    for (const c of frame.querySelectorAll(controlSelector)) {
        if (!visible(c) || (editor && editor.contains(c))) continue;
        const r = shown(c);
        if (r[2] - r[0] < 1 || r[3] - r[1] < 1) continue; // scrolled out of the composer's view
        const name = c.getAttribute('aria-label') || c.getAttribute('data-testid')
            || c.textContent.trim().slice(0, 20);
        parts.push({ name, rect: r });
    }
    const host = document.querySelector('firsthand-panel')
        || frame.closest('dialog') && frame.closest('dialog').querySelector('firsthand-panel');
    const panel = host ? { rect: plain(host.getBoundingClientRect()), mode: host.dataset.mode,
        open: host.dataset.open } : null;
    return { parts, panel, frame: plain(frame.getBoundingClientRect()), viewport: [vw, vh],
        scroll: [scrollX, scrollY], dir: getComputedStyle(document.documentElement).direction };
}"""

# In the page: the line the caret is on in the composer's editor, across the editor (the words
# typed there run on into its blank end) and within what of it its scrolling boxes show; null when
# the selection is not in the editor or the line is out of sight. Opened by the keyboard, the
# panel has the focus; the selection stays in the editor.
CARET_LINE = """(frameSelector) => {
    const scopes = [document];
    const outlet = document.getElementById('interop-outlet');
    if (outlet && outlet.shadowRoot) scopes.push(outlet.shadowRoot);
    const visible = (e) => e && e.getClientRects().length > 0;
    let frame = null;
    for (const s of scopes) {
        frame = frame || [...s.querySelectorAll(frameSelector)].filter(visible).pop();
    }
    const editor = frame && frame.querySelector('[contenteditable=true]');
    if (!editor) return null;
    const root = editor.getRootNode();
    const selection = root.getSelection ? root.getSelection() : document.getSelection();
    if (!selection || !selection.rangeCount || !editor.contains(selection.focusNode)) return null;
    const range = document.createRange();
    range.setStart(selection.focusNode, selection.focusOffset);
    let at = [...range.getClientRects()].find((r) => r.height > 0);
    if (!at) { // an empty line has no caret box: its element's
        const node = selection.focusNode.nodeType === 3 ? selection.focusNode.parentElement
            : selection.focusNode.childNodes[selection.focusOffset] || selection.focusNode;
        at = (node.getBoundingClientRect ? node : node.parentElement).getBoundingClientRect();
    }
    const e = editor.getBoundingClientRect();
    let line = [e.left, at.top, e.right, at.bottom];
    for (let a = editor.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        line = [Math.max(line[0], b.left), Math.max(line[1], b.top),
            Math.min(line[2], b.right), Math.min(line[3], b.bottom)];
    }
    line = line.map((v) => Math.round(v * 10) / 10);
    return line[2] - line[0] >= 1 && line[3] - line[1] >= 1 ? line : null;
}"""

LINKEDIN_FRAME = ".share-card-box"
LINKEDIN_CONTROLS = "button"
X_MODAL_FRAME = "[role=dialog] [aria-labelledby='modal-header']"
X_INLINE_FRAME = "#inline .composer"
X_CONTROLS = "[role=button]"


def boxes(page: Page, frame: str, controls: str) -> dict:
    return page.evaluate(BOXES, [frame, controls])


def overlap(a: list[float], b: list[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# Post and the close button, by the names the fixtures give them (LinkedIn's and X's).
ESSENTIAL = {"Post", "Dismiss", "Close", "tweetButton", "tweetButtonInline", "app-bar-close"}


def covered(result: dict, only_essential: bool = False) -> list[str]:
    """What the panel covers of the composer (with only_essential: of Post and the close button
    only), and whether it leaves the window or the page scrolled: one line each, empty when all
    is clear."""
    if "error" in result:
        return [result["error"]]
    panel = result["panel"]
    if not panel:
        return ["no panel"]
    p, (vw, vh) = panel["rect"], result["viewport"]
    failures = []
    for part in result["parts"]:
        if only_essential and part["name"] not in ESSENTIAL:
            continue
        area = overlap(p, part["rect"])
        if area > 1:
            failures.append(f"covers {part['name']} {part['rect']} by {area:.0f} px²")
    if p[0] < -0.5 or p[1] < -0.5 or p[2] > vw + 0.5 or p[3] > vh + 0.5:
        failures.append(f"the panel {p} leaves the window {vw}x{vh}")
    if result["scroll"] != [0, 0]:
        failures.append(f"the page scrolled to {result['scroll']}")
    return sorted(set(failures))


def free_spot(result: dict, size: tuple[int, int] = (232, 180), margin: int = 8) -> list | None:
    """A spot of the opened panel's smallest size (panel.js, placement.js), inside the window's
    margins, over none of the composer's parts (its words, its controls), if there is one."""
    (vw, vh), (w, h) = result["viewport"], size
    parts = [p["rect"] for p in result["parts"]]
    for top in range(margin, vh - margin - h + 1, 8):
        for left in range(margin, vw - margin - w + 1, 8):
            spot = [left, top, left + w, top + h]
            if not any(overlap(spot, part) > 0 for part in parts):
                return spot
    return None


def caret_line(page: Page, frame: str) -> list[float] | None:
    return page.evaluate(CARET_LINE, frame)


def spot_clear_of(result: dict, rects: list[list[float]], size: tuple[int, int] = (232, 180)):
    """A spot of the opened panel's smallest size inside the window's margins over none of
    these rects (other parts of the composer may be under it), if there is one."""
    return free_spot({**result, "parts": [{"name": "", "rect": r} for r in rects]}, size)
