"""Language detection (firsthand.analysis.language, language_model.json): drafts the old
common-word test left to English, English kept English, and the scoring's own rules."""

import json
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.language import MAX_WORDS, LanguageModel, draft_words, word_grams
from firsthand.analysis.text import prepare

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer.load(DATA)


# None of these holds one of the old lists' common words or tell-tale letters (the old test
# read each of them as English); none is in the training drafts.
NO_COMMON_WORD = [
    ("de", "Messe vorbei. Füße kaputt. Auftragsbuch voll."),
    ("de", "Neu im Sortiment: Laugenbrezel vegan. Ab Samstag in allen Filialen."),
    ("de", "Grüezi mitenand! Hüt isch min letschte Arbeitstag."),
    ("fr", "https://example.com/chu/offres/infirmier #Recrutement #Infirmier #Urgences #Bordeaux"),
    ("nl", "Vandaag twintig jaar bij de gemeente. Koffie staat klaar."),
    ("pt", "Vaga aberta: enfermeiro(a) no turno da noite. Candidaturas até sexta."),
    ("es", "Hoy cumplo diez años en el hospital. Gracias, equipo."),
]
ENGLISH = [
    "Big week ahead.",
    "Shipped it.",
    "Wow.",
    "Onwards 🚀",
    "Back in Munich for Oktoberfest with the crew, Prost!",
    "Merci to the Lyon team and danke to Berlin: what a launch week.",
]


@pytest.mark.parametrize(("lang", "text"), NO_COMMON_WORD)
def test_a_draft_is_read_in_its_language_by_its_spelling(analyzer, lang, text):
    assert analyzer.language.detect(prepare(text)) == lang


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_foreign_names_and_short_lines_stays_english(analyzer, text):
    assert analyzer.language.detect(prepare(text)) == "en"


@pytest.mark.parametrize("text", ["", "🎉🎉🎉", "12345", "https://example.com/x"])
def test_nothing_to_read_is_english_the_default(analyzer, text):
    assert analyzer.analyze(text)["lang"] == "en"


def test_the_detected_language_chooses_the_angles(analyzer):
    text = "Messe vorbei. Füße kaputt. Auftragsbuch voll."
    found = analyzer.analyze(text)
    assert found["lang"] == "de"
    assert found["angles"] == analyzer.analyze(text, "de")["angles"]
    assert found["angles"] != analyzer.analyze(text, "en")["angles"]


def test_word_grams_mark_where_a_word_starts_and_ends():
    assert word_grams("ab") == ["a", "b", " a", "ab", "b ", " ab", "ab "]
    # "ng" ending a word counts apart from "ng" inside one.
    assert "ng " in word_grams("zeitung") and "ng " not in word_grams("ungefähr")


def test_a_long_draft_is_read_from_its_first_words_and_its_hashtags():
    german = "Wir haben heute unsere neue Werkstatt eröffnet und freuen uns sehr. " * 30
    english = "And then the rest of this very long post goes on in English instead. " * 80
    draft = prepare(german + english + " #Werkstatt")
    words = draft_words(draft)
    assert len(words) == MAX_WORDS + 1 and words[-1] == "werkstatt"
    assert Analyzer.load(DATA).language.detect(draft) == "de"


def test_english_must_be_beaten_by_the_margin():
    spec = {
        "languages": ["en", "de"],
        "scale": 10,
        "english_margin": 6.0,
        "ngrams": {"x": [0, -70], "y": [-50, 0]},
    }
    model = LanguageModel(spec)
    assert model.scores(["x"]) == [0.0, -7.0]
    assert model.detect(prepare("y")) == "en"  # German ahead by 5: not enough
    assert model.detect(prepare("yy")) == "de"  # two letters y: ahead by 10
    assert model.detect(prepare("y y")) == "de"  # ahead by 10


def test_remembered_word_scores_give_the_same_answers(analyzer):
    model = LanguageModel(json.loads((DATA / "suggestions" / "language_model.json").read_text()))
    texts = [text for _, text in NO_COMMON_WORD] + ENGLISH
    first = [model.detect(prepare(t)) for t in texts]
    assert model._words  # the words met are remembered …
    assert [model.detect(prepare(t)) for t in texts] == first  # … and read the same again
