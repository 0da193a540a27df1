"""POST /suggestions on the first words of a post: "too early to tell" rather than a verdict
read from nothing, short posts with a signal still judged, and a post of hashtags read
(served by a real HTTP server on a SQLite database, every answer checked against its schema)."""

from __future__ import annotations

import copy

import pytest
import requests

from firsthand.analysis import Analyzer
from firsthand.validation import validator


@pytest.fixture
def ask(live_server, auth):
    def ask(text: str, **extra) -> requests.Response:
        body = {"text": text, **extra}
        return requests.post(f"{live_server}/api/v1/suggestions", json=body, headers=auth)

    return ask


def read(ask, text: str, **extra) -> dict:
    answer = ask(text, **extra)
    assert answer.status_code == 200, answer.text
    return answer.json()


# A handful of words with no signal either way, in the six languages: nothing was read.
# (A signal may come from the learned wording lean alone: "Big news. More on Monday." leaned
# 0.99 towards people's own posts, just under the 1.0 at which it is named, and 1.19 after the
# twenty-second retraining, so it is read now. These lean 0.81 at most either way.)
NOTHING_READ = [
    "Monday.",
    "Big news",
    "Thrilled!",
    "Big news. Stay tuned.",
    "So proud of this team!",
    "Heute.",
    "Große Neuigkeiten!",
    "Lundi.",
    "Grande nouvelle !",
    "¡Gran noticia!",
    "Groot nieuws!",
    "Grande novidade!",
]


@pytest.mark.parametrize("text", NOTHING_READ)
def test_a_few_words_with_no_signal_are_too_early_to_tell(ask, text):
    voice = read(ask, text)["voice"]
    assert voice["signals"] == [] and voice["too_early"] is True
    # The label stays for clients that read only it (a verdict, though one read from nothing).
    assert voice["label"] in ("personal", "corporate")


# Short posts that do carry a signal keep their verdict, in every language.
SHORT_WITH_SIGNALS = [
    ("Thrilled to announce our new CEO!", "corporate"),
    ("We're hiring! Apply now: https://example.com/jobs", "corporate"),
    ("Proud of my team.", "personal"),
    ("Stolz auf mein Team.", "personal"),
    ("Nous sommes ravis d'annoncer notre nouveau PDG !", "corporate"),
    ("Orgulloso de mi equipo.", "personal"),
    ("Met trots kondigen wij onze nieuwe CEO aan.", "corporate"),
    ("Orgulhoso da minha equipa.", "personal"),
]


@pytest.mark.parametrize(("text", "label"), SHORT_WITH_SIGNALS)
def test_short_posts_with_a_signal_keep_their_verdict(ask, text, label):
    voice = read(ask, text)["voice"]
    assert voice["too_early"] is False and voice["signals"]
    assert voice["label"] == label


def test_six_words_of_ones_own_are_a_post_even_with_no_signal(ask):
    five, six = "So proud of this team!", "So proud of this whole team!"
    assert read(ask, five)["voice"]["too_early"] is True
    voice = read(ask, six)["voice"]
    assert voice["signals"] == [] and voice["too_early"] is False


def test_hashtags_and_links_are_not_words_of_ones_own(ask):
    # A link with a few words is a signal (a link with little text of one's own): judged.
    voice = read(ask, "Read more: https://example.com/news")["voice"]
    assert voice["too_early"] is False and voice["label"] == "corporate"
    # Hashtags add no words of one's own: "Monday" and two tags is still one word.
    assert read(ask, "Monday #motivation #team")["voice"]["too_early"] is True


def test_the_verdict_itself_is_the_analysis_unchanged(ask, app):
    engine = Analyzer.load(app.config["DATA_DIR"])
    for text in ["Monday.", "Heute.", "Proud of my team.", "#hiring"]:
        answer = read(ask, text)
        assert answer["voice"].pop("too_early") in (True, False)
        assert answer == engine.analyze(text)


def test_a_post_of_hashtags_is_read_too_early_with_its_topic(ask):
    answer = read(ask, "#MondayMotivation #hiring")
    assert answer["voice"]["too_early"] is True and answer["voice"]["signals"] == []
    assert len(answer["angles"]) >= 3
    hiring = read(ask, "#hiring")
    assert hiring["voice"]["too_early"] is True and hiring["topic"]["id"] == "hiring"
    assert read(ask, "#Heute #Team", lang="de")["lang"] == "de"


# A few words, or hashtags alone, whose only signals lean against the label (the review's
# "Estamos contratando." and hashtag wall were "Sounds like you (though: …)"): too early, in
# the six languages; the signals stay, for the panel's "so far". (Dutch was "#vacature #werken
# #Utrecht #ICT" until the twenty-third retraining, which reads it as company copy worded like
# company copy: its signal now backs its label, so it is a verdict, as the rule says.)
AGAINST_THEIR_LABEL = [
    "Estamos contratando.",
    "#hiring #jobs #Berlin #tech #startup",
    "#jobs #careers #hiring",
    "Apply now.",
    "Postulez dès maintenant !",
    "Jetzt bewerben!",
    "Vagas abertas!",
    "#vagas #emprego #Lisboa #TI",
    "Solliciteer nu!",
]


@pytest.mark.parametrize("text", AGAINST_THEIR_LABEL)
def test_a_few_words_whose_signals_all_lean_against_the_label_are_too_early(ask, text):
    voice = read(ask, text)["voice"]
    assert voice["signals"] and voice["too_early"] is True
    assert all(s["leans"] != voice["label"] for s in voice["signals"])


# Short posts as people write them, each with a signal its way: a verdict, not "too early".
SHORT_AND_CLEAR = [
    ("Passed my exam today!", "personal"),
    ("I got the job!", "personal"),
    ("Miss you all already.", "personal"),
    ("Ich habe bestanden!", "personal"),
    ("Mein erster Tag heute.", "personal"),
    ("J'ai eu mon diplôme !", "personal"),
    ("Premier jour pour moi.", "personal"),
    ("¡Aprobé mi examen!", "personal"),
    ("Mi primer día hoy.", "personal"),
    ("Ik ben geslaagd!", "personal"),
    ("Mijn eerste werkdag.", "personal"),
    ("Passei no exame!", "personal"),
    ("Meu primeiro dia hoje.", "personal"),
    ("Join our team!", "corporate"),
    ("Nous recrutons !", "corporate"),
    ("Wij nemen mensen aan.", "corporate"),
    ("Estamos a recrutar!", "corporate"),
    ("#Karriere #Jobs #München #IT", "corporate"),
]


@pytest.mark.parametrize(("text", "label"), SHORT_AND_CLEAR)
def test_short_posts_with_a_signal_their_way_keep_their_verdict(ask, text, label):
    voice = read(ask, text)["voice"]
    assert voice["too_early"] is False and voice["label"] == label
    assert any(s["leans"] == label for s in voice["signals"])


def test_a_wall_of_hashtags_keeps_its_signal_though_too_early(ask):
    voice = read(ask, "#hiring #jobs #Berlin #tech #startup")["voice"]
    assert voice["too_early"] is True
    assert "hashtag_wall" in {s["id"] for s in voice["signals"]}


@pytest.mark.parametrize("text", ["...", "🎉🚀", " !!! ??? ", "# # #", "—"])
def test_a_draft_with_nothing_to_read_is_still_refused(ask, text):
    answer = ask(text)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "no_words"


def test_the_schema_requires_too_early_and_a_boolean(ask):
    answer = read(ask, "Monday.")
    check = validator("suggestion.response")
    assert check.is_valid(answer)
    missing = copy.deepcopy(answer)
    del missing["voice"]["too_early"]
    assert not check.is_valid(missing)  # an answer without it breaks the contract
    wrong = copy.deepcopy(answer)
    wrong["voice"]["too_early"] = "yes"
    assert not check.is_valid(wrong)
