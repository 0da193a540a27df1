"""Steps a program admin takes in the console, and the checks every console page gets:
screenshots in light and dark, and axe-core with no serious or critical violations."""

from __future__ import annotations

import asyncio
import email
import threading
import time
from email.policy import default
from pathlib import Path

from playwright.sync_api import Page

from e2e.browser import ARTIFACTS

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default)
        with self.lock:
            self.messages.append(message)
        await asyncio.sleep(0)
        return "250 Message accepted"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20.0):
        """The `count`th message to `address`, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no message {count} to {address} within {timeout} s")


def link_in(message, marker: str) -> str:
    body = message.get_body(("plain",)).get_content()
    return next(word for word in body.split() if marker in word)


def check_page(page: Page, name: str) -> None:
    """Screenshot the page in light and dark, and fail on serious or critical axe issues."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # A click that submits a form may still be navigating: check the page it lands on.
    page.wait_for_load_state("load")
    # Pico fades colours when the scheme changes: take the picture of the settled page.
    page.add_style_tag(content="*, *::before { transition: none !important; }")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=str(ARTIFACTS / f"console-{name}-{scheme}.png"), full_page=True)
        problems = axe_violations(page)
        assert not problems, f"{name} ({scheme}): {problems}"
    page.emulate_media(color_scheme="light")


# Colours mid-transition are not the page's: a link's colour easing from the dark scheme's to
# the light one's (Pico's transitions, which check_page turns off before its pictures) read as
# too little contrast once, on a busy machine. axe is called on pages check_page never saw, so
# it ends finite transitions and animations itself (by the CSSOM: no <style> a CSP may refuse).
SETTLED_COLOURS = """() => document.getAnimations()
  .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
  .forEach((a) => a.finish())"""


def axe_violations(page: Page, within: str | None = None) -> list[str]:
    """Serious and critical axe-core findings on the page, or only in the element `within`
    selects (a shadow host: axe reads its open shadow root)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        # Evaluated rather than added as a <script>: extension pages' CSP refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    page.evaluate(SETTLED_COLOURS)
    results = page.evaluate(
        "(within) => axe.run(within ? document.querySelector(within) : document,"
        " {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)})))",
        within,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def axe_violations_light_and_dark(page: Page) -> dict[str, list[str]]:
    """axe_violations in each colour scheme (the page left in light)."""
    problems = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        problems[scheme] = axe_violations(page)
    page.emulate_media(color_scheme="light")
    return problems


# The focused element, and whether it shows that it is: an outline or a focus shadow (a ring
# of 2 px or more) whose colour stands 3:1 against what is behind the element (WCAG 1.4.11).
# Pico's rings were its colours at 25-50% opacity, a secondary button's 1.2:1 on white.
FOCUSED = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const rgba = (text) => { const m = /rgba?\\(([^)]*)\\)/.exec(text || '');
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = (c) => [c.r, c.g, c.b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let back = {r: 255, g: 255, b: 255, a: 1};
  for (let n = e.parentElement; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c && c.a === 1) { back = c; break; }
  }
  const ratio = (c) => { const o = {r: c.r * c.a + back.r * (1 - c.a),
      g: c.g * c.a + back.g * (1 - c.a), b: c.b * c.a + back.b * (1 - c.a)};
    const [hi, lo] = [lum(o), lum(back)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05); };
  let best = 0;
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
    const c = rgba(s.outlineColor); if (c) best = Math.max(best, ratio(c));
  }
  for (const shadow of s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/)) {
    const c = rgba(shadow);
    const sizes = shadow.replace(/rgba?\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
    if (c && sizes.length >= 4 && sizes[3] >= 2 && !sizes[2]) best = Math.max(best, ratio(c));
  }
  return {what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' +
          (e.innerText || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 30) +
          ' (' + best.toFixed(1) + ':1)',
          ring: best >= 3};
}"""


def unringed_focus_stops(page: Page, limit: int = 120) -> list[str]:
    """Tab through the page (at most `limit` stops): the controls focus reaches without
    showing it. Transitions off, so a ring is read as it ends, not as it fades in."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    found = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None:
            break
        if not stop["ring"]:
            found.append(stop["what"])
    return found


def sign_in_with(page: Page, link: str) -> None:
    """Open a sign-in link and confirm it."""
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("nav[aria-label='Console'] >> text=Sign out")
