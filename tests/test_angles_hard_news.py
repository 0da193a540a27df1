"""Bad news told by the person who made it or lives it gets angles that fit it.

A hunt of drafts by other writers found a closing shop, an insolvency and layoffs (told by the
owner, the managing director or an employee) asked "How did it land with you?", "Offer to
answer questions" (after "Wer Fragen hat, ruft mich an"), "Invite people to disagree", "Say
what you look forward to" or "Name who helped you get there". The catalogue's
`cases.hard_news` (six languages: a closure, layoffs, an insolvency or bankruptcy) stands for
the topic; its angles say what you want people to know, how to help the people affected,
thanks to those who were part of it and what comes next, and each is left out when the draft
already does it (its `skip_when`: an offer of intros or answers, thanks, what comes next).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
HARD = {"hard_what_to_know", "hard_how_to_help", "hard_thank_them", "hard_what_next"}
HARD_ALL = HARD | {"hard_plain_words"}
TONE_DEAF = {
    "news_first_reaction",
    "news_offer_answers",
    "insight_invite_disagreement",
    "milestone_looking_forward",
    "milestone_who_helped",
    "ask_your_network",
}


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def angle_ids(engine: Analyzer, text: str) -> list[str]:
    return [a["id"] for a in engine.analyze(text)["angles"]]


@pytest.mark.parametrize(
    "text",
    [
        "Some news I didn't want to write. After eleven years, we're closing the shop on "
        "Castle Road at the end of April. Business rates went up again and the footfall never "
        "came back.",
        "Our depot in Grimsby closes in the summer. 140 of us. I've driven out of that yard "
        "since 2009. Not sure what to say yet.",
        "We had to let go of nine people today at Fernleaf. I signed off on a growth plan that "
        "didn't happen, and they're the ones paying for it.",
        "Nous fermons notre atelier de reliure de Besançon à la fin du mois. Quarante ans de "
        "cuir, de colle et de patience. Le loyer a doublé, voilà.",
        "L'entrepôt de Vierzon va fermer en octobre. J'y suis cariste depuis 2006. On est 90 "
        "à l'apprendre ce matin.",
        "Wir haben gestern Insolvenz angemeldet. 14 Jahre, 30 Leute, und am Ende hat ein "
        "einziger Großauftrag gefehlt.",
        "Unser Standort in Hameln wird Ende März geschlossen. Ich bin seit der Ausbildung dort, "
        "19 Jahre Montage. Heute ist einfach ein schwerer Tag.",
        "Hoy cerramos la panadería del barrio después de 38 años. Mi abuela amasaba aquí a las "
        "cuatro de la mañana. La luz y la harina han podido con nosotros.",
        "Nos dijeron ayer que cierran la planta de Rosario en junio. Llevo doce años en "
        "mantenimiento. Somos 300 familias.",
        "Vandaag hebben we het faillissement aangevraagd van ons installatiebedrijf. 22 jaar "
        "en 15 vakmensen. Ik had het graag anders gezien.",
        "Onze vestiging in Deventer sluit per 1 juni. Ik sta er al veertien jaar achter de "
        "balie. Raar idee.",
        "Vamos fechar a nossa padaria de Braga no fim do mês. Foram 19 anos de fornadas às "
        "cinco da manhã. As contas da luz não deixam outra saída.",
        "Hoje a empresa demitiu 45 pessoas, metade do meu setor. Eu continuo, mas o dia foi "
        "pesado demais.",
    ],
)
def test_bad_news_gets_angles_that_fit_it(engine, text):
    ids = angle_ids(engine, text)
    assert ids and set(ids) <= HARD_ALL, ids
    assert not set(ids) & TONE_DEAF


@pytest.mark.parametrize(
    ("text", "done"),
    [
        # an offer of intros or answers already made
        (
            "We let go of 20 people at Tandem this morning. If you're hiring support or QA, "
            "message me and I'll introduce you to people I'd hire again tomorrow.",
            "hard_how_to_help",
        ),
        (
            "Wir müssen 40 Stellen abbauen, das habe ich heute der Belegschaft gesagt. Wer "
            "Fragen hat, ruft mich an, meine Durchwahl ist die alte.",
            "hard_how_to_help",
        ),
        (
            "Cerramos la librería el sábado. Si buscáis a alguien que sepa de libros y de "
            "clientes, escribidme: Marta y Óscar valen oro.",
            "hard_how_to_help",
        ),
        (
            "Onze afdeling wordt opgeheven. Zoek je een sterke planner of inkoper in de regio, "
            "stuur me een bericht.",
            "hard_how_to_help",
        ),
        # thanks already given
        (
            "Après 31 ans, je ferme ma mercerie de la rue Nationale. Merci aux clientes de "
            "toujours, et à Josette qui tenait la caisse le samedi.",
            "hard_thank_them",
        ),
        (
            "Fechamos a nossa loja de Coimbra no sábado. Obrigado a todos os clientes que "
            "entravam só para conversar.",
            "hard_thank_them",
        ),
        # what comes next already said
        (
            "Our site in Telford will close next spring. I'm one of the lucky ones: I'm staying "
            "on to run the handover, then moving to the Shrewsbury plant.",
            "hard_what_next",
        ),
    ],
)
def test_an_angle_the_draft_already_does_is_left_out(engine, text, done):
    ids = angle_ids(engine, text)
    assert ids and set(ids) <= HARD_ALL, ids
    assert done not in ids, ids


def test_bad_news_that_does_everything_still_gets_a_plain_word(engine):
    """What it means, an offer to answer, thanks: what is left is what comes next and a
    reminder that plain words are enough (no other angle comes back to make up three)."""
    text = (
        "Wir haben heute Insolvenz in Eigenverwaltung beantragt. Was das heißt: Der Betrieb "
        "läuft weiter, die Löhne sind gesichert. Danke an alle, die heute in der Halle waren. "
        "Wer Fragen hat, ruft mich an."
    )
    assert angle_ids(engine, text) == ["hard_what_next", "hard_plain_words"]


@pytest.mark.parametrize(
    "text",
    [
        # closed for a while, a round closed, the year closed, a rescue, no layoffs, a move
        "The café is closing for two weeks over Christmas. Back on 3 January with the new "
        "winter menu!",
        "Our office closes at 2pm on Friday for the summer party. See you all by the river.",
        "Tessaly closes a £12m Series A to bring its soil sensor to 400 farms.",
        "Cerramos el año con récord de ventas y dos tiendas nuevas. Gracias, equipo.",
        "A startup Colheita fecha rodada de 3 milhões para crédito rural.",
        "Our client, a family bakery in Derby, was about to close after 40 years. We rebuilt "
        "their online orders and sales are up 35%.",
        "Die Stadtwerke Aue und Schwarzenberg legen ihren Kundenservice zusammen. "
        "Betriebsbedingte Kündigungen sind ausgeschlossen.",
        "De twee zorggroepen gaan per 1 januari samen verder. Er vallen geen gedwongen ontslagen.",
        "We're moving! From May our Bristol office closes and the whole team moves to the new "
        "studio on Harbourside, with twice the space.",
        "Le cabinet fermera ses portes le vendredi à 13 h à partir du 1er mars : on a testé "
        "la semaine de quatre jours et demi, et ça marche.",
    ],
)
def test_other_closings_are_not_bad_news(engine, text):
    assert not set(angle_ids(engine, text)) & HARD_ALL


@pytest.mark.parametrize(
    "text",
    [
        "My factory closed in March and I'm looking for maintenance fitter roles around "
        "Stoke. 18 years on packaging lines, 17th edition, happy to do nights.",
        "Suite à la fermeture de notre site, je suis à la recherche d'un poste de technicienne "
        "qualité en Bretagne. Douze ans d'agroalimentaire.",
        "Unser Standort wird geschlossen, deshalb suche ich eine neue Stelle als "
        "Lagerleiterin im Raum Kassel. Über Hinweise freue ich mich.",
    ],
)
def test_a_job_seeker_whose_workplace_closed_keeps_the_hiring_angles(engine, text):
    ids = angle_ids(engine, text)
    assert not set(ids) & HARD_ALL, ids


def test_hard_news_angles_in_six_languages_and_for_any_voice(engine):
    """Company copy about a closure gets them too (voice any), and no angle asks the network
    a question or for hashtags."""
    notice = (
        "After 52 years, Barton & Webb Hardware will close its doors on 28 February. Thank you "
        "to three generations of customers. #Hardware #ShopLocal #Community #Thanks #Local"
    )
    assert set(angle_ids(engine, notice)) <= HARD_ALL
    for angle in engine.angles["angles"]:
        if angle["id"] in HARD_ALL:
            assert set(angle["text"]) == {"en", "fr", "de", "es", "nl", "pt"}
            assert angle["voice"] == "any" and angle["topics"] == ["hard_news"]
            assert angle["fills"] not in {"question", "hashtags"}
