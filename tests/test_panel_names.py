"""Every topic and voice reason the server can name has a name in the panel's six languages:
the server's labels are English, and a German panel that says "Thema: Product launch
(tells a first-hand story)" is half translated. A topic or reason added to the data files
without a panel name fails here (the panel would fall back to the English label)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "server" / "firsthand" / "data" / "suggestions"
PANEL = (ROOT / "extension" / "content" / "panel-names.js").read_text(encoding="utf-8")
LANGS = ("en", "de", "fr", "es", "nl", "pt")


def table(name: str) -> dict[str, str]:
    """The panel's `const NAME = { id: 'key', … };` lookup table."""
    body = re.search(rf"const {name} = \{{(.*?)\}};", PANEL, re.S)
    assert body, name
    return dict(re.findall(r"(\w+): '(\w+)'", body[1]))


def messages(lang: str) -> dict[str, str]:
    path = ROOT / "extension" / "_locales" / lang / "messages.json"
    return {k: v["message"] for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_every_topic_has_a_panel_name_in_every_language():
    topics = set(read("topics.json")["topics"])
    names = table("TOPIC_NAMES")
    assert set(names) == topics
    for lang in LANGS:
        words = messages(lang)
        assert all(words.get(key) for key in names.values()), lang


def test_every_voice_reason_has_a_panel_name_in_every_language():
    rules = {s["id"] for s in read("voice_signals.json")["signals"]}
    shape = read("voice_model.json")
    model = {k for k, v in shape.items() if isinstance(v, dict) and "label" in v}
    blend = {reason["id"] for reason in shape["blend_reasons"]}  # analysis.voice_reasons
    names = table("SIGNAL_NAMES")
    assert set(names) == rules | model | blend
    keys = list(names.values()) + list(table("WORDING_NAMES").values())
    english = messages("en")
    for lang in LANGS[1:]:
        words = messages(lang)
        untranslated = [k for k in keys if not words.get(k) or words[k] == english[k]]
        assert untranslated == [], lang


def test_topic_names_read_as_labels_in_every_language():
    """A label starts with a capital, as each of the six languages writes one: "Topic: Event",
    "Sujet : Événement" (the English panel said "Topic: event")."""
    for lang in LANGS:
        words = messages(lang)
        lower = [words[key] for key in table("TOPIC_NAMES").values() if not words[key][0].isupper()]
        assert lower == [], lang
