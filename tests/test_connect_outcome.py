"""Pressing "Connect this browser" answers 303 See Other to /connect/done, which shows what
happened from a short-lived signed cookie: a reload shows the token again instead of sending the
spent link twice, neither URL carries the token, and every guarantee of the link still holds.
The pages speak the browser's language (Accept-Language), English for any other."""

from __future__ import annotations

import html
import json
import re
import time
from datetime import UTC, datetime

import pytest

from firsthand import page_language
from firsthand.accounts import revoke_tokens
from firsthand.api.connect import CSRF_COOKIE, RESULT_COOKIE
from firsthand.auth import issue_invite
from firsthand.db import database
from firsthand.models import User
from helpers import connect_by_hand, form_field

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"}


def invite_for(app, user) -> str:
    with app.app_context(), database.connection_context():
        return issue_invite(User.get_by_id(user.id))


def token_on(page) -> str | None:
    found = re.search(r'data-token="([^"]+)"', page.get_data(as_text=True))
    return found[1] if found else None


def invites_used(app, user) -> int:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user.id).invites_used


def press_connect(client, invite: str, headers: dict | None = None):
    """Open the link and press the button; answer the POST itself (not where it leads)."""
    page = client.get(f"/connect?invite={invite}", headers=headers or {})
    fields = {name: form_field(page.text, name) for name in ("invite", "csrf_token")}
    return client.post("/connect", data=fields, headers=headers or {})


def works(client, token: str) -> bool:
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    return me.status_code == 200


def test_pressing_connect_answers_see_other_and_the_url_carries_no_token(app, client, make_user):
    user, _ = make_user()
    posted = press_connect(client, invite_for(app, user))
    assert posted.status_code == 303 and posted.headers["Location"] == "/connect/done"
    assert token_on(posted) is None and posted.headers["Cache-Control"] == "no-store"
    cookie = posted.headers["Set-Cookie"]
    assert cookie.startswith(f"{RESULT_COOKIE}=")
    for part in ("HttpOnly", "SameSite=Strict", "Path=/connect", "Max-Age=900"):
        assert part in cookie, cookie
    page = client.get("/connect/done")
    assert page.status_code == 200 and works(client, token_on(page))
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_reloading_the_result_shows_the_token_again_and_spends_nothing(app, client, make_user):
    user, _ = make_user(name="Ann Example")
    first = connect_by_hand(client, f"/connect?invite={invite_for(app, user)}")
    assert first.status_code == 200 and works(client, token_on(first))
    for _ in range(3):  # the person reloads: no "already used", no second POST
        again = client.get("/connect/done")
        assert again.status_code == 200 and works(client, token_on(again))
        assert "Hello Ann Example, your connection is ready" in again.text
    assert client.head("/connect/done").status_code == 200
    assert invites_used(app, user) == 1


@pytest.mark.parametrize("method", ["get", "head"])
def test_the_result_page_shows_nothing_to_another_browser(app, client, make_user, method):
    # A scanner, a shared history entry, another browser: no cookie, no token, nothing spent.
    user, _ = make_user()
    invite = invite_for(app, user)
    page = getattr(app.test_client(), method)("/connect/done")
    assert page.status_code == 410 and token_on(page) is None
    if method == "get":
        assert "Nothing to show here any more" in page.text
        assert "open your connect link again" in page.text
    assert invites_used(app, user) == 0
    assert token_on(connect_by_hand(client, f"/connect?invite={invite}"))  # still unspent


def test_the_result_is_shown_for_fifteen_minutes(app, client, make_user, monkeypatch):
    user, _ = make_user()
    sixteen_minutes_ago = time.time() - 16 * 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: sixteen_minutes_ago)
    press_connect(client, invite_for(app, user))  # signed sixteen minutes ago
    monkeypatch.undo()
    page = client.get("/connect/done")
    assert page.status_code == 410 and token_on(page) is None


def altered_spellings(signed: str) -> list[str]:
    """The signed cookie with one signature character changed (always a different one), each
    other spelling of its last character's spare bits, and a character outside base64 added."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    middle = len(signed) - 10
    changed = alphabet[(alphabet.index(signed[middle]) + 1) % 64]
    last = alphabet.index(signed[-1])
    spares = [alphabet[last & ~3 | bits] for bits in range(4) if last & 3 != bits]
    return [
        signed[:middle] + changed + signed[middle + 1 :],
        *(signed[:-1] + spare for spare in spares),
        signed + "\u00e9",
    ]


def test_a_forged_or_altered_result_is_refused(app, client, make_user):
    user, _ = make_user()
    press_connect(client, invite_for(app, user))
    kept = client.get_cookie(RESULT_COOKIE, path="/connect").value
    forged = json.dumps({"uid": user.id, "gen": 0, "use": 1})
    for value in (*altered_spellings(kept), forged, ""):
        client.set_cookie(RESULT_COOKIE, value, path="/connect")
        page = client.get("/connect/done")
        assert page.status_code == 410 and token_on(page) is None, value


def test_a_newer_link_or_revoked_tokens_retire_the_shown_result(app, client, make_user):
    user, _ = make_user()
    connect_by_hand(client, f"/connect?invite={invite_for(app, user)}")
    elsewhere = app.test_client()  # another browser spends a newer link
    assert token_on(connect_by_hand(elsewhere, f"/connect?invite={invite_for(app, user)}"))
    assert client.get("/connect/done").status_code == 410
    with app.app_context(), database.connection_context():
        revoke_tokens(User.get_by_id(user.id))
    assert elsewhere.get("/connect/done").status_code == 410


def test_a_refused_press_also_lands_on_a_page_that_says_why(app, client, make_user):
    user, _ = make_user()
    invite = invite_for(app, user)
    elsewhere = app.test_client()  # another browser, showing the button too
    elsewhere.get(f"/connect?invite={invite}")
    assert token_on(connect_by_hand(client, f"/connect?invite={invite}"))
    csrf = elsewhere.get_cookie(CSRF_COOKIE, path="/connect").value
    second_tab = elsewhere.post("/connect", data={"invite": invite, "csrf_token": csrf})
    assert second_tab.status_code == 303
    page = elsewhere.get("/connect/done")
    assert page.status_code == 410 and token_on(page) is None
    assert "already used" in page.text and "18\u00a0November 2026 at 09:00 UTC" in page.text


def test_a_french_browser_gets_every_connect_page_in_french(app, client, make_user):
    user, _ = make_user(name="Amélie Durand")
    invite = invite_for(app, user)
    confirm = client.get(f"/connect?invite={invite}", headers=FRENCH)
    assert '<html lang="fr">' in confirm.text
    assert confirm.headers["Content-Language"] == "fr"
    assert "Accept-Language" in confirm.headers["Vary"]
    assert "Bonjour Amélie Durand, connecter ce navigateur\u00a0?" in confirm.text
    assert ">Connecter ce navigateur</button>" in confirm.text
    press_connect(client, invite, FRENCH)
    done = client.get("/connect/done", headers=FRENCH)
    assert "Bonjour Amélie Durand, votre connexion est prête" in done.text
    assert "Se connecter à la main" in done.text and works(client, token_on(done))
    used = client.get(f"/connect?invite={invite}", headers=FRENCH)
    assert used.status_code == 410
    assert "Ce lien de connexion a déjà été utilisé" in used.text
    assert "le 18\u00a0novembre 2026 à 09:00 UTC" in used.text
    broken = client.get("/connect?invite=broken", headers=FRENCH)
    assert "Nous n’avons pas pu vous connecter" in broken.text
    assert "Plus rien à afficher ici" in app.test_client().get("/connect/done", headers=FRENCH).text


@pytest.mark.parametrize(
    ("accept", "language", "heading"),
    [
        ("de-DE,de;q=0.9", "de", "Hallo Kim Lee, diesen Browser verbinden?"),
        ("es-MX", "es", "Hola, Kim Lee: ¿conectar este navegador?"),
        ("nl-BE,nl;q=0.9", "nl", "Hallo Kim Lee, deze browser verbinden?"),
        ("pt-BR,pt;q=0.9", "pt", "Olá Kim Lee, conectar este navegador?"),
        ("it-IT,it;q=0.9,de;q=0.5", "de", "Hallo Kim Lee"),  # no Italian: the next one asked
        ("it-IT,ja;q=0.5", "en", "Hello Kim Lee, connect this browser?"),  # none: English
        ("", "en", "Hello Kim Lee, connect this browser?"),
    ],
)
def test_the_browsers_preferred_language_among_the_six(
    app, client, make_user, accept, language, heading
):
    user, _ = make_user(name="Kim Lee")
    page = client.get(
        f"/connect?invite={invite_for(app, user)}", headers={"Accept-Language": accept}
    )
    assert f'<html lang="{language}">' in page.text and heading in page.text


def test_every_language_has_every_message_with_the_same_placeholders():
    english = json.loads((page_language.LOCALES / "en.json").read_text(encoding="utf-8"))
    for language in page_language.LANGUAGES:
        own = json.loads((page_language.LOCALES / f"{language}.json").read_text(encoding="utf-8"))
        assert own.keys() == english.keys(), language
        assert len(own["months"]) == 12, language
        for key, message in english.items():
            if isinstance(message, str):
                placeholders = set(re.findall(r"\{(\w+)\}", message))
                theirs = set(re.findall(r"\{(\w+)\}", own[key]))
                if key == "date.first":  # the first of the month: French writes 1er, no {day}
                    assert theirs <= placeholders, (language, key)
                else:
                    assert theirs == placeholders, (language, key)


def test_a_message_a_language_lacks_is_shown_in_english(tmp_path, monkeypatch):
    (tmp_path / "en.json").write_text('{"greeting": "Hello {name}", "bye": "Goodbye"}', "utf-8")
    (tmp_path / "fr.json").write_text('{"greeting": "Bonjour {name}"}', "utf-8")
    monkeypatch.setattr(page_language, "LOCALES", tmp_path)
    page_language.catalogue.cache_clear()
    try:
        words = page_language.Words("fr")
        assert words("greeting", name="{bye}") == "Bonjour {bye}"  # names are not templates
        assert words("bye") == "Goodbye"
    finally:
        page_language.catalogue.cache_clear()


@pytest.mark.parametrize(
    ("language", "day", "written"),
    [
        ("en", 18, "18\u00a0November 2026"),
        ("fr", 18, "18\u00a0novembre 2026"),
        ("fr", 1, "1er\u00a0décembre 2026"),
        ("de", 1, "1.\u00a0Dezember 2026"),
        ("es", 1, "1\u00a0de diciembre de 2026"),
        ("nl", 18, "18\u00a0november 2026"),
        ("pt", 18, "18\u00a0de novembro de 2026"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, day, written):
    moment = datetime(2026, 11 if day == 18 else 12, day, 9, tzinfo=UTC)
    assert page_language.Words(language).date(moment) == written


def say_words(page) -> dict[str, str]:
    """The data-say-* words the extension's content script shows on a connect page."""
    box = re.search(r'<div id="firsthand-connect"[^>]*>', page.text)[0]
    pairs = re.findall(r'data-say-([\w-]+)="([^"]*)"', box)
    return {name: html.unescape(value) for name, value in pairs}


def test_what_the_extension_says_on_the_page_is_in_the_pages_language(app, client, make_user):
    # A German page in an English browser once said "Connected as Jonas Weber. You can close this
    # tab…" from the extension's own words: the page now gives the script its words, in its own.
    user, _ = make_user(name='Jonas "JW" <Weber>')
    invite = invite_for(app, user)
    german = {"Accept-Language": "de-DE,de;q=0.9"}
    confirm = say_words(client.get(f"/connect?invite={invite}", headers=german))
    assert confirm["connecting"] == "Ihre Firsthand-Erweiterung wird verbunden…"
    # A browser connected as someone else is asked first, in these words: the link's person named
    # by the server, {current} and {origin} left for the script (only the extension knows them).
    jonas = 'Jonas "JW" <Weber>'
    assert {k: v for k, v in confirm.items() if k.startswith("switch-")} == {
        "switch-current": "Dieser Browser ist als {current} mit Firsthand verbunden.",
        "switch-elsewhere": (
            "Dieser Browser ist mit einem anderen Firsthand-Server verbunden ({origin})."
        ),
        "switch-question": f"Dieser Link ist für {jonas}. Diesen Browser auf {jonas} umstellen?",
        "switch-button": f"Zu {jonas} wechseln",
        "switch-keep": "Als {current} verbunden bleiben",
        "switch-keep-elsewhere": "Aktuelle Verbindung behalten",
        "switch-kept": (
            "Es hat sich nichts geändert, und dieser Link wurde nicht verbraucht: Er funktioniert"
            f" weiterhin für {jonas}."
        ),
    }
    assert set(confirm) == {"connecting"} | {k for k in confirm if k.startswith("switch-")}
    press_connect(client, invite, german)
    done = say_words(client.get("/connect/done", headers=german))
    assert done["done"] == (
        'Verbunden als Jonas "JW" <Weber>. Sie können diesen Tab schließen und mit dem Schreiben'
        " beginnen."
    )  # the name as written: an attribute's escaping undone, nothing of it parsed
    assert done["failed-offline"].startswith("Die Erweiterung konnte keine Verbindung herstellen.")
    assert set(done) == {
        "connecting", "done", "reload",
        "failed-offline", "failed-unauthorized", "failed-bad-request", "failed-server-error",
    }  # fmt: skip
    english = say_words(client.get("/connect/done"))
    assert english["done"].startswith('Connected as Jonas "JW" <Weber>. You can close this tab')


def test_the_confirm_page_says_whose_link_it_is_to_the_extension(app, client, make_user):
    """The extension compares the link's person with the one this browser is connected as,
    before pressing: a colleague's link asks first (content/connect.js)."""
    user, _ = make_user(name='Jonas "JW" <Weber>')
    page = client.get(f"/connect?invite={invite_for(app, user)}")
    box = re.search(r'<div id="firsthand-connect"[^>]*>', page.text)[0]
    assert f'data-user-id="{user.id}"' in box
    assert 'data-user-name="Jonas &#34;JW&#34; &lt;Weber&gt;"' in box
