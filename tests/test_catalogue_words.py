"""Badge and level names in the employee's language: the catalogue's translations, chosen by
the browser's Accept-Language (which the extension's requests carry), English otherwise."""

import json
from pathlib import Path

from firsthand.catalogue_words import translated
from helpers import linkedin_url

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
OTHER_LANGUAGES = ("fr", "de", "es", "nl", "pt")
FRENCH = {"Accept-Language": "fr-CH,fr;q=0.9,en;q=0.5"}


def with_language(headers: dict, accept: dict) -> dict:
    return {**headers, **accept}


def test_the_first_share_answers_with_its_badge_and_level_in_german(client, auth):
    body = {"url": linkedin_url(1), "network": "linkedin"}
    german = with_language(auth, {"Accept-Language": "de-AT,de;q=0.9"})
    answer = client.post("/api/v1/shares", json=body, headers=german)
    assert answer.status_code == 201, answer.get_json()
    shared = answer.get_json()
    assert [(b["name"], b["description"]) for b in shared["new_badges"]] == [
        ("Erster Beitrag", "Sie haben Ihren ersten geteilten Beitrag erfasst.")
    ]
    assert shared["level"]["name"] == "Neuling"
    assert "Accept-Language" in answer.headers["Vary"]
    # What earned the points, in the rules file's labels (what the share card lists).
    assert shared["points_breakdown"] == [
        {"rule": "share_logged", "points": 10, "label": "Beitrag erfasst"},
        {"rule": "first_share", "points": 20, "label": "Ihr erster Beitrag"},
    ]


def test_me_and_the_catalogue_speak_french_and_english_without_a_preference(client, auth):
    first = {"url": linkedin_url(1), "network": "linkedin"}
    assert client.post("/api/v1/shares", json=first, headers=auth).status_code == 201
    me = client.get("/api/v1/me", headers=with_language(auth, FRENCH)).get_json()
    assert me["level"]["name"] == "Nouveau venu"
    assert [b["name"] for b in me["badges"]] == ["Premier partage"]
    mine = client.get("/api/v1/me/badges", headers=with_language(auth, FRENCH)).get_json()
    assert mine["earned"][0]["name"] == "Premier partage"
    names = {b["id"]: b["name"] for b in mine["in_progress"]}
    assert names["amplifier"] == "Porte-voix"
    catalogue = client.get("/api/v1/badges", headers=with_language(auth, FRENCH)).get_json()
    assert {b["id"]: b["name"] for b in catalogue["badges"]}["storyteller"] == "Belle plume"
    # No preference, or one the extension does not speak: the catalogue's own English.
    for accept in ({}, {"Accept-Language": "ja-JP,ja;q=0.9"}):
        me = client.get("/api/v1/me", headers=with_language(auth, accept)).get_json()
        assert me["level"]["name"] == "Newcomer"
        assert [b["name"] for b in me["badges"]] == ["First Share"]


def test_the_open_badges_record_keeps_the_catalogues_english(client, auth):
    first = {"url": linkedin_url(1), "network": "linkedin"}
    assert client.post("/api/v1/shares", json=first, headers=auth).status_code == 201
    earned = client.get("/api/v1/me/badges", headers=with_language(auth, FRENCH)).get_json()
    assertion = client.get(
        "/badges/" + earned["earned"][0]["assertion_url"].split("/badges/", 1)[1],
        headers={"Accept": "application/ld+json", **FRENCH},
    ).get_json()
    badge_class = client.get(
        "/" + assertion["badge"].split("/", 3)[3], headers={"Accept": "application/ld+json"}
    ).get_json()
    assert badge_class["name"] == "First Share"


def test_every_shipped_badge_level_and_rule_label_has_every_language():
    badges = json.loads((DATA / "badges.json").read_text(encoding="utf-8"))["badges"]
    levels = json.loads((DATA / "levels.json").read_text(encoding="utf-8"))["levels"]
    rules = json.loads((DATA / "points_rules.json").read_text(encoding="utf-8"))["rules"]
    for entry in badges + levels + rules:
        named = entry.get("name", entry.get("id"))
        assert set(entry.get("translations", {})) == set(OTHER_LANGUAGES), named
    for language in OTHER_LANGUAGES:
        # Two badges with one name would read as one badge earned twice.
        assert len({translated(b, "name", language) for b in badges}) == len(badges), language
        assert len({translated(lv, "name", language) for lv in levels}) == len(levels), language


def test_a_language_the_entry_lacks_falls_back_to_its_english():
    entry = {"name": "Pioneer", "translations": {"fr": {"name": "Pionnier"}}}
    assert translated(entry, "name", "fr") == "Pionnier"
    assert translated(entry, "name", "de") == "Pioneer"
    assert translated({"name": "Pioneer"}, "name", "fr") == "Pioneer"
