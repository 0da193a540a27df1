"""Steps on the realistic LinkedIn fixture (fixtures/linkedin-real.html and .js): the feed behind
the composer, the SDUI <dialog> as a box, as a full-window layer or centred by a transform, a
ProseMirror-like editor that re-renders on input, toasts that go quickly, failed posts."""

from __future__ import annotations

from playwright.sync_api import Page

from e2e.browser import FIXTURES, serve_fixture
from e2e.composer_checks import DEEP_AT

DRAFT = "I shipped the new import screen today and I am proud of the team."
# Posts of their own for tests that publish several: the same words logged again on the network
# would be a repeat post, refused (409 repeat_post).
OTHER_DRAFTS = (
    "I finally fixed the flaky export job after three weeks of chasing it, and I slept well.",
    "Pairing with Lea on the parser taught me more in two days than a month of reading.",
    "My first conference talk is done: my hands shook, but the questions were wonderful.",
    "Our night shift cleared the whole backlog, and I brought pastries to say thank you.",
    "I mentored two interns this summer and both just accepted offers. I am so proud.",
    "I ran my first half marathon on Sunday and our CTO cheered me on at mile ten.",
    "Twelve years ago I joined as a trainee; today I am teaching the new trainees myself.",
)


def serve_real(route) -> None:
    """Pages from the realistic fixture; its scripts and LinkedIn's requests as serve_fixture."""
    if route.request.resource_type == "document":
        route.fulfill(path=str(FIXTURES / "linkedin-real.html"), content_type="text/html")
    else:
        serve_fixture(route)


def open_real(context, query: str) -> Page:
    page = context.new_page()
    page.route("https://www.linkedin.com/**", serve_real)
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    page.goto(f"https://www.linkedin.com/feed/?{query}")
    return page


def start_post(page: Page):
    """Open the composer from "Start a post" (it appears once the page hydrates; its words
    follow the page's language), click in."""
    page.locator(".share-box-feed-entry__trigger").click()
    editor = page.locator("[contenteditable=true]:visible").first
    editor.click()
    return editor


def post(page: Page) -> None:
    button = page.locator(".post-btn:visible").first
    page.wait_for_function("(b) => !b.disabled", arg=button.element_handle(), timeout=5000)
    button.click()


# In the page: every visible button of the composer's box and five points of its editor hit
# themselves (through shadow roots), and where the panel is, whether it lies inside the window
# and whether its top is really on screen (not hidden or clipped by the page).
COMPOSER_CLEAR = (
    """() => {
    """
    + DEEP_AT
    + """
    const scopes = [document];
    const outlet = document.getElementById('interop-outlet');
    if (outlet && outlet.shadowRoot) scopes.push(outlet.shadowRoot);
    let box = null;
    for (const s of scopes) {
        box = box || [...s.querySelectorAll('.share-card-box')]
            .find((b) => b.getClientRects().length);
    }
    if (!box) return { failures: ['no composer open'] };
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const body = box.querySelector('.body').getBoundingClientRect();
    const failures = [];
    for (const b of box.querySelectorAll('button')) {
        const r = b.getBoundingClientRect();
        const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        if (!r.width || x >= vw || y >= vh) continue;
        if (b.closest('.body') && (y < body.top || y > body.bottom)) continue; // scrolled away
        const hit = deepAt(x, y);
        if (!hit || !b.contains(hit)) {
            failures.push(`${b.getAttribute('aria-label') || b.textContent.trim()} hits `
                + `<${hit ? hit.tagName.toLowerCase() : 'nothing'}>`);
        }
    }
    const editor = box.querySelector('[contenteditable=true]');
    const e = editor.getBoundingClientRect();
    const top = Math.max(body.top, e.top), bottom = Math.min(body.bottom, e.bottom);
    for (const [fx, fy] of [[0.05, 0.1], [0.5, 0.1], [0.95, 0.1], [0.95, 0.6], [0.5, 0.9]]) {
        const hit = deepAt(e.left + (e.right - e.left) * fx, top + (bottom - top) * fy);
        if (!hit || !box.querySelector('.body').contains(hit)) {
            const what = hit ? hit.tagName.toLowerCase() : 'nothing';
            failures.push(`editor at ${fx},${fy} hits <${what}>`);
        }
    }
    const host = document.querySelector('firsthand-panel') || box.closest('dialog')
        && box.closest('dialog').querySelector('firsthand-panel');
    if (!host) return { failures: failures.concat('no panel') };
    const p = host.getBoundingClientRect();
    if (p.left < -0.5 || p.top < -0.5 || p.right > vw + 0.5 || p.bottom > vh + 0.5) {
        failures.push(`the panel lies outside the window: ${[p.left, p.top, p.right, p.bottom]}`);
    }
    const seen = deepAt((p.left + p.right) / 2, Math.min(p.top + 20, (p.top + p.bottom) / 2));
    if (!seen || !(host === seen || host.shadowRoot.contains(seen))) {
        failures.push('the panel is not on screen');
    }
    const b = box.getBoundingClientRect();
    return { failures, mode: host.dataset.mode, open: host.dataset.open,
        panel: [p.left, p.top, p.right, p.bottom].map(Math.round),
        box: [b.left, b.top, b.right, b.bottom].map(Math.round), viewport: [vw, vh],
        scroll: [scrollX, scrollY] };
}"""
)


def composer_clear(page: Page) -> dict:
    return page.evaluate(COMPOSER_CLEAR)


def editor_text(page: Page) -> str:
    return page.evaluate(
        """() => [...document.querySelectorAll('[contenteditable=true]')]
            .filter((e) => e.getClientRects().length).map((e) => [...e.querySelectorAll('p')]
            .map((p) => p.textContent).join('\\n')).join('')"""
    )
