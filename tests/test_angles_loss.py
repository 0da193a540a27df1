"""A post about a death gets a few gentle angles, never the achievement or debate ones.

A hunt of 150 drafts by people far from tech (a social worker who lost a young person, a
daughter whose mother died, "nous a quittés", "ist verstorben", "falleció", "is overleden",
"faleceu") found them asked "Name who stood by you", "Add a detail only you know — the early
mornings, the second attempt…", "End with a question to your network" or "Invite people to
disagree". The catalogue's `cases.loss` patterns (six languages) now stand for the topic,
whatever the model read, and only the angles listed for `loss` are offered.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
LOSS = {"loss_one_memory", "loss_what_you_carry", "loss_word_for_others", "loss_few_lines"}


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def angle_ids(engine: Analyzer, text: str) -> list[str]:
    return [a["id"] for a in engine.analyze(text)["angles"]]


@pytest.mark.parametrize(
    "text",
    [
        "My grandad passed away on Tuesday. He ran the corner shop on Elm Street for 52 years "
        "and never once closed on a Saturday. I'm off for a few days.",
        "RIP Coach Daniels. You taught half this town how to throw a curveball and all of us "
        "how to lose with grace.",
        "Lost my dad last month. He was a welder at the shipyard for 40 years. Thank you to "
        "everyone at Dock 4 who came to the service.",
        "We lost one of our residents last night, Mr. Hale, 97. He read the paper to the whole "
        "ward every morning. The night team is taking it hard. Be gentle with each other today.",
        "Mon père nous a quittés dimanche. Il a été facteur pendant 35 ans dans le même "
        "village. Je prends quelques jours pour être avec ma famille.",
        "Triste nouvelle ce matin : Sylvie, notre aide-soignante de nuit, est décédée. Elle "
        "connaissait le prénom de chaque résident. Toutes nos pensées vont à ses enfants.",
        "Unsere Kollegin Petra ist am Wochenende völlig unerwartet verstorben. Sie war 22 Jahre "
        "lang die gute Seele unserer Station. Wir sind fassungslos.",
        "Heute war die Beerdigung meines Meisters. Ohne ihn hätte ich nie eine Kelle in die "
        "Hand genommen. Ruhe in Frieden, Heinz.",
        "Hoy ha fallecido mi compañero Julián, conductor de ambulancia durante 28 años. Nadie "
        "conducía con más calma que él. Descansa en paz, amigo.",
        "Perdí a mi madre el lunes. Cosió uniformes para el hospital durante media vida. Gracias "
        "a mis compañeras de planta por cubrirme los turnos.",
        "Gisteren is mijn oom overleden. Hij was dertig jaar loodgieter in Zwolle en leerde mij "
        "solderen toen ik twaalf was.",
        "Vandaag was de uitvaart van Kees, onze vaste chauffeur. Rust zacht, Kees, de route "
        "naar Venlo is niet meer hetzelfde.",
        "Minha avó faleceu ontem, aos 94 anos. Foi costureira a vida toda e fez o meu vestido "
        "de formatura. Vou ficar uns dias afastada.",
        "Perdemos o nosso colega Rui esta semana, depois de 20 anos na oficina. Descansa em "
        "paz, mestre.",
    ],
)
def test_a_death_gets_only_gentle_angles(engine, text):
    ids = angle_ids(engine, text)
    assert len(ids) >= 3
    assert set(ids) <= LOSS, ids


def test_loss_angles_never_ask_the_network_anything(engine):
    """No question, no 'disagree', no hashtag tip, whatever the voice (company copy gets
    them too: an obituary from the employer)."""
    obituary = (
        "It is with great sadness that Brightwater Health announces that our founder, Dr. "
        "Alan Reyes, passed away on 3 March. #RIP #Brightwater #Healthcare #Leadership #Legacy"
    )
    answer = engine.analyze(obituary)
    assert {a["id"] for a in answer["angles"]} <= LOSS
    for angle in engine.angles["angles"]:
        if angle["id"] in LOSS:
            assert angle["fills"] not in {"question", "thanks", "hashtags"}
            assert angle["voice"] == "any" and angle["topics"] == ["loss"]


@pytest.mark.parametrize(
    "text",
    [
        "Our battery died halfway through the demo, and we still closed the deal. Lesson "
        "learned: always bring a spare.",
        "Hemos perdido el 40% de las ventas este trimestre. Toca replantear la estrategia.",
        "Got called out to an old lady's house last night. She showed me photos of her late "
        "husband, a plumber too. Didn't charge her.",
        "Wir haben das Finale verloren, aber was für eine Saison! Danke an die ganze Mannschaft.",
        "Nous avons perdu notre plus gros client en mars. Six mois plus tard, on a rebondi.",
        "Today we said goodbye to Mrs. Patel, who taught chemistry for 35 years. Enjoy every "
        "minute of retirement!",
        "Partiu férias! Duas semanas sem e-mail. 🏖️",
        "C'est parti ! Notre atelier de réparation de vélos ouvre ses portes aux habitants.",
        "Two years of the bakery today! 3,000 loaves, 1 stolen bike (RIP), one great team.",
        "O varejo físico não morreu, virou mídia. Três reflexões depois da feira.",
        "We're hiring a Bereavement Services Officer for the council's registry team.",
        "Des mariages, des naissances, des décès : vingt ans à l'état civil de la mairie.",
    ],
)
def test_other_losses_and_farewells_are_not_a_death(engine, text):
    assert not set(angle_ids(engine, text)) & LOSS


def test_loss_angles_in_six_languages_in_the_catalogue_register():
    """Every loss angle speaks the six languages; German titles and prompts say Sie (never
    du/dein), as the rest of the catalogue does."""
    engine = Analyzer.load(DATA)
    for angle in engine.angles["angles"]:
        if angle["id"] not in LOSS:
            continue
        assert set(angle["text"]) == {"en", "fr", "de", "es", "nl", "pt"}
        german = angle["text"]["de"]
        said = f"{german['title']} {german['prompt']}"
        assert not re.search(r"\b(?:du|dein\w*|dich|dir)\b", said, re.I), said
