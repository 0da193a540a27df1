"""The voice blend's cues for company copy that says "I" or reads warm (issue 16): each cue
reads what it is meant to, and the trained blend leans on it the way it means."""

from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.text import prepare

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"

AWARD = (
    "I'm proud to share that our workshop in Leeds has been named Employer of the Year for "
    "the region. I started here as an apprentice in 1994."
)


def read(text: str) -> tuple[dict, dict]:
    """The draft's cues (wording lean left out) and its verdict."""
    analyzer = Analyzer.load(DATA)
    answer = analyzer.analyze(text)
    return analyzer.judge.cues(prepare(text), answer["lang"], 0.0), answer["voice"]


def test_a_sign_off_under_the_post_marks_a_signed_company_page_post():
    signed, voice = read(AWARD + " — Helen Marsh, Managing Director #Leeds")
    unsigned, own = read(AWARD)
    assert signed["signed"] == 1.0 and unsigned["signed"] == 0.0
    assert voice["label"] == "corporate" and own["label"] == "personal"
    assert voice["personal_score"] < own["personal_score"]
    german, _ = read(
        "Ich freue mich, dass unsere Schreinerei in Ulm den Landespreis bekommen hat. "
        "– Petra Lang, Geschäftsführerin"
    )
    assert german["signed"] == 1.0
    # A dash inside the post, or one before words in lower case, is no sign-off.
    for text in (
        "Ran my first 10k today – slowly – and loved it.",
        "Ran my first 10k today. Legs gone — worth it",
    ):
        assert read(text)[0]["signed"] == 0.0, text


@pytest.mark.parametrize(
    "text",
    [
        '"The best ideas come from the people who do the work," says our founder Ana Ruiz. '
        "So every quarter the whole warehouse votes on one change.",
        "„Wir suchen Menschen, die Verantwortung übernehmen“, sagt unsere Gründerin Anna Weiß.",
        "« On apprend en faisant » — Claire Dubois, directrice de l'atelier.",
    ],
)
def test_quoted_speech_with_its_attribution_is_press_copy(text):
    cues, voice = read(text)
    assert cues["attributed_quote"] == 1.0
    assert voice["label"] == "corporate"


def test_a_quote_without_attribution_is_not_an_attributed_quote():
    cues, _ = read('My daughter asked me "why do you fix trains?" and I had no good answer.')
    assert cues["attributed_quote"] == 0.0


def test_a_story_about_someone_else_with_no_i_is_a_spotlight():
    spotlight = {
        "en": "Thirty years ago Rosa joined our bakery as a Saturday girl. She has since trained "
        "every baker we have and she still opens the shop at five. Happy anniversary, Rosa!",
        "fr": "Il y a vingt ans, Marc est arrivé à l'atelier pour un remplacement d'été. Il "
        "connaît chaque machine par son bruit et il forme encore nos apprentis. Bravo Marc !",
    }
    for lang, text in spotlight.items():
        cues, voice = read(text)
        assert cues["third_person"] > 0, lang
        assert voice["label"] == "corporate", lang
    # The same words about someone else, by someone who says "I": not a spotlight.
    mine, voice = read(
        "Thirty years ago Rosa taught me to bake. She still opens her shop at five and I "
        "still call her when my sourdough fails."
    )
    assert mine["third_person"] == 0.0
    assert voice["label"] == "personal"


def test_we_over_i_is_the_share_of_sentences_in_we_less_those_in_i():
    wrapper, _ = read(
        "So proud of my team! We opened our new depot in Leeds today. We now deliver to the "
        "whole county overnight. Our drivers start on Monday."
    )
    assert wrapper["we_over_i"] == pytest.approx((3 - 1) / 4)
    mine, _ = read("I finished my first marathon. I cried. We had cake after.")
    assert mine["we_over_i"] == pytest.approx((1 - 2) / 3)
    assert read("Finished the marathon. Legs gone.")[0]["we_over_i"] == 0.0


def test_you_beside_i_counts_apart_from_a_page_speaking_to_you():
    network, _ = read("I'm looking for a new role in logistics. If you hear of anything, tell me!")
    page, _ = read("Looking for a new role in logistics? Apply today, we want to meet you.")
    assert network["you_with_i"] > 0 and page["you_with_i"] == 0.0
    assert network["you"] > 0 and page["you"] > 0


def test_the_trained_blend_leans_on_each_cue_the_way_it_means():
    weights = Analyzer.load(DATA).judge.weights["weights"]
    for copy_cue in ("signed", "attributed_quote", "third_person", "we_over_i"):
        assert weights[copy_cue] < 0, copy_cue
    assert weights["you_with_i"] > 0


def test_a_business_signing_its_own_last_line_is_a_signature_line():
    owner = (
        "Liebe Kundinnen und Kunden, ich ziehe um! Ab dem 3. Juni findet ihr mich in der "
        "Bahnhofstraße 12, direkt neben der Apotheke.\nSalon Vanessa Ruhl"
    )
    cues, _ = read(owner)
    assert cues["signature_line"] == 1.0 and cues["signed"] == 0.0
    assert read("Ich freu mich auf euch!\nEure Backstube Hubmann, Kassel")[0]["signature_line"]
    # Not a signature: a closing sentence, a closing line with an emoji, a one-line post, or
    # a last line that is only hashtags and links (the prose's last line is the one above).
    for text in (
        "Ran my first marathon today.\nThank you all for cheering, it carried me!",
        "Zwei Tage Hofflohmarkt.\nBeste Brigade im ganzen Berner Oberland ❤️",
        "Salon Vanessa Ruhl",
        "Finished the audit today.\nNext: sleep.\n#audit https://example.com/audit",
    ):
        assert read(text)[0]["signature_line"] == 0.0, text


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Vorbestellen unter 0561 4478 21, wir backen dienstags.", 1.0),
        ("Call us on +44 20 7946 0958 to book.", 1.0),
        ("Réservez au 01.23.45.67.89 !", 1.0),
        ("Eröffnung am 03.06.2026 um 10 Uhr, 28.000 Besucher erwartet.", 0.0),
        ("Our 2024-2025 season: 0 to 10 in a year.", 0.0),
    ],
)
def test_a_telephone_number_to_call_is_read_as_one(text, phone):
    assert read(text)[0]["phone"] == phone


def test_the_blend_reads_a_signature_and_a_telephone_number_as_a_business_speaking():
    weights = Analyzer.load(DATA).judge.weights["weights"]
    assert weights["signature_line"] < 0 and weights["phone"] < 0


@pytest.mark.parametrize(
    ("text", "formal"),
    [
        # The reader addressed formally mid-sentence: counted (three here; at most six).
        ("Besuchen Sie uns am Stand 4 und sichern Sie sich Ihren Rabatt.", 1.0),
        ("Wir freuen uns auf Sie.", 1 / 3),
        ("Fragen? Rufen Sie an, " * 8, 2.0),
        # At a sentence's start a capital says nothing ("Sie" may be "she" or "they").
        ("Meine Kollegin ist toll. Sie hat gestern den Preis bekommen.", 0.0),
        ("Sie hat es geschafft!", 0.0),
        # After a no-break space, an ellipsis, a quote closed with « or a line separator too.
        ("Danke an Lisa.\u00a0Sie hat das Projekt geleitet.", 0.0),
        ("Und dann… Sie kam zurück, mit dem Pokal.", 0.0),
        ("»Ich schaffe das.« Sie hat es geschafft.", 0.0),
        ("Das war mein Jahr.\u2028Sie war immer dabei.", 0.0),
        ("Wir freuen uns auf\u00a0Sie.", 1 / 3),
        ("Unsere Azubis waren klasse: „Sie haben alles gegeben“, sagt der Meister.", 0.0),
        # Lowercase "sie" and "ihr" are "she", "they", "her": not the reader.
        ("Gestern hat sie mir gezeigt, wie ihr Team arbeitet.", 0.0),
    ],
)
def test_a_formal_address_is_counted_only_where_its_capital_tells(text, formal):
    assert Analyzer.load(DATA).analyze(text)["lang"] == "de"
    assert read(text)[0]["formal_you"] == pytest.approx(formal)


def test_formal_address_is_a_german_cue_only_and_leans_corporate():
    english = "Visit us at booth 4 in Hall B, Sie are welcome, says Ihr Team from Leeds."
    assert Analyzer.load(DATA).analyze(english)["lang"] == "en"
    assert read(english)[0]["formal_you"] == 0.0
    weights = Analyzer.load(DATA).judge.weights["weights"]
    assert weights["formal_you"] < 0


@pytest.mark.parametrize(
    ("lang", "words", "mine"),
    [
        # Spanish says "I" with the verb alone: -é (pasé, estaré) and -í (aprendí) ...
        ("es", ["pasé", "estaré", "aprendí", "dije", "sé", "mí"], True),
        # ... but not café, aquí, a nationality or a voseo imperative (conocé, vení).
        ("es", ["café", "aquí", "marroquí", "conocé", "vení", "comité", "esté"], False),
        # Portuguese: -er/-ir verbs (aprendi), -ei with a pronoun after it (tomei-a).
        ("pt", ["aprendi", "recebi", "consegui", "tomei-a", "expliquei-lhe", "dei", "sei"], True),
        # "quis" and "soube" are also his and hers; aqui, táxi, júri are no verbs.
        ("pt", ["aqui", "daqui", "táxi", "júri", "quis", "soube", "emoji"], False),
    ],
)
def test_a_verb_alone_says_i_in_spanish_and_portuguese(lang, words, mine):
    first_person = Analyzer.load(DATA).judge.first_person[lang]
    assert {w for w in words if w in first_person} == (set(words) if mine else set())


def test_a_spanish_post_whose_verbs_say_i_is_read_as_ones_own():
    # No "yo", no "me", no "mi": only the verbs tell who lived it.
    _, voice = read(
        "Cerré la tienda hoy después de once años. Lloré un poco al bajar la persiana. "
        "Gracias a todos los clientes del barrio."
    )
    first_person = next(s for s in voice["signals"] if s["id"] == "first_person")
    assert voice["label"] == "personal" and first_person["leans"] == "personal"
