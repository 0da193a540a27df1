"""Steps an employee takes in the browser, for the end-to-end tests."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "artifacts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CREATE_POST = "/voyager/api/contentcreation/normShares"
CHROMIUM = os.environ.get("FIRSTHAND_CHROMIUM", "/usr/bin/chromium")
# A draft that reads like a press release (the panel calls it corporate, topic product launch).
CORPORATE = (
    "We are thrilled to announce Orbit 4.0, our most powerful release yet. "
    "Learn more on our website! #Launch #Analytics"
)
# Typed after CORPORATE: personal enough that the verdict turns clearly, not at the line
# (a personal line on pasted company copy is still company copy: the labelling brief).
PERSONAL = (
    " I spent six months on the import screen and I was nervous all morning. It is my first "
    "big feature here, and I learned more from it than from anything I built before. "
    "Thank you, Lea, for every review."
)
# Without the background-networking switches Chromium keeps calling out to Google's hosts,
# which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(
    playwright: Playwright,
    profile: Path | str,
    extension: Path | str | None = None,
    lang: str | None = None,
    page_languages: str | None = None,
) -> BrowserContext:
    """Debian's Chromium in new headless mode, with an unpacked extension loaded if given, in
    another UI language if given (Linux Chromium reads it from LANGUAGE; --lang elsewhere).
    `page_languages` ("de-DE,de") are the languages preferred for pages, when they are not the
    UI's: set as a person sets them (chrome://settings/languages, the profile's
    intl.accept_languages), they are what every request sends as Accept-Language, the
    extension's service worker's included, and what navigator.languages answers."""
    if page_languages:
        settings = Path(profile) / "Default" / "Preferences"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"intl": {"accept_languages": page_languages}}))
    args = list(CHROMIUM_ARGS) + ([f"--lang={lang}"] if lang else [])
    env = {**os.environ, "LANGUAGE": lang, "LANG": f"{lang}.UTF-8"} if lang else None
    if extension is not None:
        args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    # headless=False because --headless=new is passed: the old headless mode cannot load
    # extensions.
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=False,
        args=args,
        viewport={"width": 1280, "height": 860},
        env=env,
        # Not with page_languages: Playwright's locale overrides every request's
        # Accept-Language, even one the extension's fetch sets itself, which Chromium does not.
        locale=None if page_languages else lang,
    )


def launch_browser(playwright: Playwright) -> Browser:
    """Debian's Chromium as launch() starts it, without an extension or a profile folder:
    each of its contexts (browser.new_context()) is a fresh profile of its own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=False, args=CHROMIUM_ARGS)


def create_post_answer(scheduled: bool = False) -> dict:
    """What LinkedIn's create-post request (normShares) answers, with ids of now (unix_ms << 22):
    the share's URN, the "View post" link and, for a published post, its feed update (which
    holds the activity URN). A scheduled post links to the scheduled posts and has no update."""
    share = (int(time.time() * 1000) << 22) + 17
    status = {
        "urn": f"urn:li:share:{share}",
        "toastCtaUrl": f"https://www.linkedin.com/feed/update/urn:li:share:{share}/",
    }
    if scheduled:
        status["toastCtaUrl"] = "https://www.linkedin.com/feed/?shareActive=true&view=management"
        return {"data": {"status": status}}
    update = f"urn:li:fsd_update:(urn:li:activity:{share + 1000},MAIN_FEED,EMPTY,DEFAULT,false)"
    return {"data": {"status": status, "*updateV2": update}}


def serve_fixture(route) -> None:
    """Answer https://www.linkedin.com/* with the fixture page and its scripts."""
    path = route.request.url.split("linkedin.com", 1)[1].split("?", 1)[0]
    if path == CREATE_POST:
        route.fulfill(json=create_post_answer("SCHEDULED" in (route.request.post_data or "")))
    elif path.startswith("/fixture/"):
        route.fulfill(
            path=str(FIXTURES / path.removeprefix("/fixture/")),
            content_type="application/javascript",
        )
    elif path.endswith((".ico", ".png", ".svg")):
        route.fulfill(status=404, body="")
    else:
        route.fulfill(path=str(FIXTURES / "linkedin.html"), content_type="text/html")


def extension_id(ctx: BrowserContext) -> str:
    worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
    return worker.url.split("/")[2]


def connect(ctx: BrowserContext, link: str, switch: bool = False) -> None:
    """Open the connect link as the employee would; the extension picks up the token.
    `switch`: the browser is connected as someone else, so the page asks first
    (content/connect.js); answer "Switch to …"."""
    page = ctx.new_page()
    page.goto(link)
    if switch:
        page.locator("#firsthand-switch button:not(.secondary)").click()
    page.wait_for_selector("#firsthand-connect[data-state='connected']", timeout=15000)
    page.close()


def open_feed(ctx: BrowserContext, generation: str, confirm: str = "toast") -> Page:
    """The fixture feed; `confirm` is how it confirms a publish: toast, fetch or xhr."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"https://www.linkedin.com/feed/?generation={generation}&confirm={confirm}")
    page.page_errors = errors
    return page


def open_composer(page: Page) -> None:
    page.get_by_role("button", name="Start a post").click()


def editor(page: Page):
    return page.locator(
        ".ql-editor[contenteditable='true']:visible, [componentkey='ShareBox_textEditor']:visible, "
        "[role=dialog] .tiptap[contenteditable='true']:visible"
    ).first


def popup(ctx: BrowserContext) -> Page:
    page = ctx.new_page()
    page.set_viewport_size({"width": 380, "height": 700})
    page.goto(f"chrome-extension://{extension_id(ctx)}/popup/popup.html")
    return page


def screenshot(target, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path


def type_draft(page: Page, text: str) -> None:
    editor(page).click()
    page.keyboard.type(text)


def panel(page: Page):
    return page.locator("firsthand-panel")


def wait_for_verdict(page: Page, voice: str, showing: str = "") -> None:
    """Wait until the panel gives `voice` and shows `showing`.

    Typing on a loaded machine can pause long enough for a refresh on half a draft, so a test
    that checks what the whole draft earns names something only the whole draft gives.
    """
    page.wait_for_function(
        """([voice, showing]) => {
            const outlet = document.getElementById('interop-outlet'); // composer in its shadow
            const inner = outlet && outlet.shadowRoot;
            const host = document.querySelector('firsthand-panel')
                || (inner && inner.querySelector('firsthand-panel'));
            const card = host && host.shadowRoot && host.shadowRoot.querySelector('.card');
            return Boolean(card && card.querySelector(`[data-voice='${voice}']`)
                && card.innerText.includes(showing));
        }""",
        arg=[voice, showing],
        timeout=15000,
    )


def publish(page: Page) -> None:
    """Click Post once the editor has committed the text (the button enables a tick later)."""
    post = page.locator(
        "button.share-actions__primary-action:visible, dialog button.post-btn, "
        "[role=dialog] button.post-btn"
    ).first
    post.wait_for(state="visible")
    page.wait_for_function("(b) => !b.disabled", arg=post.element_handle(), timeout=5000)
    post.click()


def set_server(ctx: BrowserContext, url: str) -> None:
    """Point the extension at another server address (as the options page would)."""
    worker = ctx.service_workers[0]
    worker.evaluate("(url) => chrome.storage.local.set({server: url})", url)


def storage(ctx: BrowserContext, key: str):
    worker = ctx.service_workers[0]
    return worker.evaluate("(key) => chrome.storage.local.get(key).then((s) => s[key])", key)


def wait_for_storage(ctx: BrowserContext, key: str, test: str, timeout_ms: int = 30000):
    """Wait until chrome.storage.local[key] passes `test` (a JS expression of `value`).

    Listens to storage changes in the service worker rather than polling; answers the value.
    """
    worker = ctx.service_workers[0]
    return worker.evaluate(
        f"""([key, timeoutMs]) => new Promise((resolve, reject) => {{
            const passes = (value) => {{ value = value ?? null; return ({test}); }};
            const done = (value) => {{
                chrome.storage.onChanged.removeListener(heard);
                clearTimeout(deadline);
                resolve(value);
            }};
            const heard = (changes, area) => {{
                if (area === 'local' && key in changes && passes(changes[key].newValue)) {{
                    done(changes[key].newValue);
                }}
            }};
            const deadline = setTimeout(() => {{
                chrome.storage.onChanged.removeListener(heard);
                chrome.storage.local.get(key).then((s) => reject(new Error(
                    `${{key}} never passed: {test}; it is ${{JSON.stringify(s[key])}}`)));
            }}, timeoutMs);
            chrome.storage.onChanged.addListener(heard);
            chrome.storage.local.get(key).then((s) => {{ if (passes(s[key])) done(s[key]); }});
        }})""",
        [key, timeout_ms],
    )


def record_panels(page: Page) -> None:
    """From now on, note the page's path each time the extension puts its panel in the page."""
    page.evaluate(
        """() => {
            window.panelsSeen = [];
            new MutationObserver((records) => {
                for (const record of records) {
                    for (const node of record.addedNodes) {
                        if (node.nodeName !== 'FIRSTHAND-PANEL') continue;
                        window.panelsSeen.push(location.pathname);
                    }
                }
            }).observe(document.documentElement, { childList: true });
        }"""
    )


def panels_seen(page: Page) -> list[str]:
    return page.evaluate("() => window.panelsSeen")


def extension_page(ctx: BrowserContext) -> Page:
    """An extension page (the options page) to send the service worker messages from."""
    page = ctx.new_page()
    page.goto(f"chrome-extension://{extension_id(ctx)}/options/options.html")
    return page


def send_together(page: Page, messages: list[dict]) -> list[dict]:
    """Send messages to the service worker all at once, as tabs logging together would."""
    return page.evaluate(
        "(messages) => Promise.all(messages.map((m) => chrome.runtime.sendMessage(m)))", messages
    )


def fresh_post(n: int) -> str:
    """A LinkedIn post link with an id of today (ids encode their time: unix_ms << 22)."""
    activity = (int(time.time() * 1000) << 22) + n
    return f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/"
