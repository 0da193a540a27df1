"""The refusals a person reads (the extension's share card, popup and options page) come in
the caller's language (Accept-Language, which the extension sets to its UI language): the
same `code` and `details` in every language, English for a language it does not speak."""

import json
import re
from pathlib import Path

import peewee
import psycopg.errors
from test_limits import hammer, limited_app

from firsthand.auth import issue_token
from firsthand.page_language import LANGUAGES, LOCALES
from helpers import linkedin_url

SERVER = Path(__file__).resolve().parents[1] / "server" / "firsthand"
GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
FRENCH = {"Accept-Language": "fr-CA"}
DUTCH = {"Accept-Language": "nl"}
SPANISH = {"Accept-Language": "es"}
NO_LINK = {"url": "https://www.linkedin.com/in/ann-example/", "network": "linkedin"}


def error_of(answer) -> dict:
    return answer.get_json()["error"]


def test_a_refused_post_link_is_said_in_german_and_french(client, auth):
    said = {}
    for name, accept in (("de", GERMAN), ("fr", FRENCH), ("en", {})):
        answer = client.post("/api/v1/shares", json=NO_LINK, headers={**auth, **accept})
        assert answer.status_code == 422
        assert "Accept-Language" in answer.headers["Vary"]
        said[name] = error_of(answer)
    assert said["de"]["message"] == (
        "Der Link führt nicht zu einem LinkedIn-Beitrag: Öffnen Sie den Beitrag und kopieren "
        "Sie seinen Link (er enthält urn:li:activity:… oder -activity-…)."
    )
    assert said["fr"]["message"].startswith(
        "Ce lien ne mène pas à une publication LinkedIn\u00a0: ouvrez la publication"
    )
    assert said["en"]["message"].startswith("The link does not lead to a LinkedIn post: open")
    # For programs, nothing changes with the language: the code and the fields named.
    assert said["de"]["code"] == said["fr"]["code"] == said["en"]["code"] == "validation_failed"
    assert said["de"]["details"] == said["fr"]["details"] == said["en"]["details"]
    assert said["de"]["details"][0]["field"] == "url"


def test_a_language_it_does_not_speak_gets_english(client, auth):
    body = {"url": "https://lnkd.in/abc123", "network": "linkedin"}

    def said(accept: str | None) -> str:
        headers = {**auth, "Accept-Language": accept} if accept else auth
        return error_of(client.post("/api/v1/shares", json=body, headers=headers))["message"]

    english = (
        "The link is a shortened link, which does not say which post it is: open the post "
        "and copy its own link."
    )
    for accept in (None, "ja-JP,ja;q=0.9", "x-klingon", "*", "pt-BR;q=0"):
        assert said(accept) == english, accept
    assert said("ja-JP,ja;q=0.9,pt;q=0.5").startswith("O link é um link encurtado")


def test_network_names_are_put_in_each_languages_own_way(client, auth):
    body = {"url": "https://x.com/ann/status/20", "network": "linkedin"}
    spanish = client.post("/api/v1/shares", json=body, headers={**auth, "Accept-Language": "es"})
    assert error_of(spanish)["message"] == (
        "El enlace no es de LinkedIn: elige la red en la que está la publicación."
    )
    english = client.post("/api/v1/shares", json=body, headers=auth)
    assert error_of(english)["message"] == (
        "The link is not a LinkedIn link; choose the network the post is on."
    )


def test_kudos_refusals_in_dutch_and_spanish(client, make_user):
    ann, ann_auth = make_user("ann@example.com", name="Ann")
    bea, _ = make_user("bea@example.com", name="Bea")
    to_self = {"to_user_id": ann.id, "message": "Thanks!"}
    dutch = client.post("/api/v1/kudos", json=to_self, headers={**ann_auth, **DUTCH})
    assert error_of(dutch) == {
        "code": "self_kudos",
        "message": "Kudos zijn voor collega’s: je kunt jezelf niet bedanken.",
        "details": [{"field": "to_user_id", "message": "is you"}],
    }
    blank = {"to_user_id": bea.id, "message": "   "}
    spanish = client.post("/api/v1/kudos", json=blank, headers={**ann_auth, **SPANISH})
    assert error_of(spanish)["message"] == "Di por qué le das las gracias."


def test_a_revoked_or_bad_token_is_said_in_portuguese(client, app, make_user):
    user, headers = make_user("ann@example.com", name="Ann")
    portuguese = {"Accept-Language": "pt-PT,pt;q=0.9"}
    bad = {"Authorization": "Bearer not-a-token", **portuguese}
    assert error_of(client.get("/api/v1/me", headers=bad)) == {
        "code": "token_invalid",
        "message": "O token não é válido: conecte de novo com um link novo.",
    }
    with app.app_context():
        stale = issue_token(user)
    user.token_generation += 1
    with app.app_context():
        user.save()
    revoked = {"Authorization": f"Bearer {stale}", **portuguese}
    assert error_of(client.get("/api/v1/me", headers=revoked))["message"] == (
        "Este token foi revogado: peça um novo link de conexão."
    )


def test_two_faults_together_are_each_said_in_the_language(client, auth):
    body = {"line": "   ", "link": "http://10.0.0.1/x"}
    answer = client.post("/api/v1/story-suggestions", json=body, headers={**auth, **GERMAN})
    said = error_of(answer)
    assert answer.status_code == 422 and [d["field"] for d in said["details"]] == ["line", "link"]
    assert said["message"].startswith("Sagen Sie in einer Zeile, worum es in der Geschichte geht.")


def test_too_many_requests_in_german_with_the_limit_for_programs(tmp_path, monkeypatch, clock):
    app, headers = limited_app(tmp_path, monkeypatch, clock)
    answers = hammer(app.test_client(), {**headers[0], **GERMAN}, 4)
    assert answers[-1].status_code == 429
    assert error_of(answers[-1]) == {
        "code": "rate_limited",
        "message": "Zu viele Anfragen auf einmal. Warten Sie einen Moment und versuchen Sie es "
        "dann erneut.",
        "details": {"limit": "3 per 1 minute"},
    }


def test_a_busy_database_is_said_in_french(client, auth, monkeypatch):
    def rolled_back(*args, **kwargs):
        with peewee.__exception_wrapper__:
            raise psycopg.errors.DeadlockDetected("deadlock detected")

    monkeypatch.setattr("firsthand.api.shares.write_share", rolled_back)
    body = {"url": linkedin_url(3), "network": "linkedin"}
    answer = client.post("/api/v1/shares", json=body, headers={**auth, **FRENCH})
    assert answer.status_code == 503 and error_of(answer)["code"] == "busy"
    assert error_of(answer)["message"].startswith("Le serveur est occupé")


def test_every_message_the_server_says_by_key_is_in_every_language():
    """say("error.…") in the code names a message each locale has (an f-string's key: the
    messages starting with its fixed part)."""
    catalogues = {
        language: json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
        for language in LANGUAGES
    }
    said = set()
    for path in SERVER.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        said |= set(re.findall(r'say\(f?"([^"{]+)', source))
        said |= {f"error.link.{key}" for key in re.findall(r'_invalid\(f?"([^"{]+)', source)}
    assert len(said) > 25
    for key in said:
        for language, words in catalogues.items():
            assert any(k == key or k.startswith(key) for k in words), (language, key)
