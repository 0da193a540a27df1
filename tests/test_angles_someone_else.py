"""A post about someone else's award, retirement or milestone gets angles about that person.

A hunt of drafts by other writers found every award post written about a colleague in the
third person offered "Name who shares it with you", whose starter claims the prize ("Este
reconocimiento es tanto mío como de…"), and "How did you hear?"; colleagues' retirements
were offered "Name who stood by you". The catalogue's `cases.about_someone_else` (six
languages: congratulating someone, being proud of them, their award, retirement or
anniversary in the third person), told on the award, life-event and anniversary topics only
and not when the author says they won ("I'm honoured to receive", "Ich wurde ausgezeichnet",
"Gané"), stands for the topic; its angles are in the author's voice about the other person.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
SOMEONE = {
    "someone_what_they_did",
    "someone_moment_together",
    "someone_what_you_learned",
    "someone_tag_them",
}
CLAIMS_IT = {
    "award_who_shares_it",
    "award_how_you_heard",
    "award_what_it_took",
    "life_who_stood_by_you",
    "life_what_it_means",
    "milestone_who_helped",
    "milestone_looking_forward",
    "milestone_since_day_one",
}


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def answer(engine: Analyzer, text: str) -> tuple[str, list[str]]:
    found = engine.analyze(text)
    return found["topic"]["id"], [a["id"] for a in found["angles"]]


@pytest.mark.parametrize(
    "text",
    [
        # awards
        "Huge congrats to Priya Shah, our night-shift pharmacist, who picked up the regional "
        "Patient Safety award last night. Nobody double-checks a dose like she does.",
        "So proud of my apprentice Kieran, who won gold at the county bricklaying finals on "
        "Saturday. Two years ago he couldn't lay a straight course.",
        "Félicitations à Nadia, notre aide-soignante de nuit, élue soignante de l'année par "
        "les familles du service ! Elle connaît chaque résident par son histoire.",
        "Herzlichen Glückwunsch an unsere Kollegin Sabine, die gestern mit dem Pflegepreis "
        "des Landkreises ausgezeichnet wurde. Niemand verdient das mehr.",
        "¡Enhorabuena, Rocío! Mi compañera de turno ha ganado el premio a la mejor enfermera "
        "de urgencias de Andalucía. Lo sabíamos todos desde hace años.",
        "Gefeliciteerd, Bram! Mijn collega is gisteren uitgeroepen tot beste leerkracht van "
        "Utrecht. Zijn klas wist het al lang.",
        "Parabéns, Beatriz! A minha colega foi eleita a melhor professora do distrito. Há "
        "vinte anos que dá aulas de matemática como quem conta histórias.",
        # retirements, told without an "I"
        "Our Maureen retires on Friday after 33 years on the switchboard. Enjoy the caravan, Mo!",
        "Notre Josette part à la retraite ce vendredi. 29 ans à la cantine, et pas un gamin "
        "qui ne connaisse son prénom.",
        "Nach 41 Jahren geht unser Hausmeister Uwe in Rente. Danke für jede reparierte Tür!",
        "Hoy se jubila Manolo, el conserje del instituto. 36 años abriendo la puerta a las "
        "siete en punto.",
        "Onze Gerrit gaat na 38 jaar met pensioen. Geen lamp in het gemeentehuis die hij "
        "niet zelf heeft vervangen.",
        "A Dona Fernanda se aposenta hoje, depois de 30 anos na recepção do posto de saúde. "
        "Vai fazer muita falta!",
        # a colleague's promotion or anniversary
        "Congratulations to my colleague Dev on his promotion to Head of Maintenance! He "
        "taught me how to read a wiring diagram in my first week.",
        "Glückwunsch, Ahmet! 25 Jahre bei uns in der Werkstatt, und noch immer der Erste, "
        "der morgens das Tor aufschließt.",
    ],
)
def test_someone_elses_milestone_gets_angles_about_them(engine, text):
    topic, ids = answer(engine, text)
    assert topic in {"award", "life_event", "work_anniversary_or_promotion"}, topic
    assert ids and set(ids) <= SOMEONE, ids
    assert not set(ids) & CLAIMS_IT


@pytest.mark.parametrize(
    "text",
    [
        # the author's own award, with a word for the other finalists
        "I'm honoured to receive the Young Engineer of the Year award tonight. "
        "Congratulations to Tom and Aisha, fellow finalists, whose projects were brilliant.",
        "I was named Nurse of the Year at the regional awards last night. Congrats to Ellie "
        "and Sam, who were shortlisted with me.",
        "J'ai reçu hier le prix du meilleur apprenti boulanger de la région. Bravo à Lucas et "
        "Inès, finalistes avec moi !",
        "Ich wurde gestern als Ausbilderin des Jahres ausgezeichnet. Glückwunsch an Jana und "
        "Felix, die mit mir im Finale standen!",
        "¡Gané el premio a la mejor tesis del año! Felicidades a Marta y a Luis, que también "
        "eran finalistas.",
        "Ik heb gisteren de prijs voor beste stagiair van het jaar gewonnen. Gefeliciteerd, "
        "Daan en Sara, jullie waren sterke finalisten!",
        "Recebi ontem o prémio de melhor técnica de laboratório do ano. Parabéns à Inês e ao "
        "Rui, que estiveram na final comigo.",
    ],
)
def test_the_authors_own_award_keeps_its_award_angles(engine, text):
    topic, ids = answer(engine, text)
    assert not set(ids) & SOMEONE, ids
    if topic == "award":
        assert set(ids) & {"award_who_shares_it", "award_what_it_took", "award_how_you_heard"}


@pytest.mark.parametrize(
    "text",
    [
        "I retire today after 30 years at the county council. Thank you all for the cards.",
        "Je pars à la retraite vendredi, après 37 ans à la mairie. Merci pour tout.",
        "Ich gehe Ende des Monats in Rente, nach 42 Jahren im Betrieb. Es war mir eine Ehre.",
        "Me jubilo hoy después de 35 años en el ayuntamiento. Qué rápido ha pasado.",
        "Ik ga vrijdag met pensioen na 40 jaar bij de gemeente. Wat een reis.",
        "Hoje me aposento depois de 34 anos como enfermeira. Que caminho bonito.",
    ],
)
def test_a_retiree_writing_about_their_own_retirement_keeps_its_angles(engine, text):
    assert not set(answer(engine, text)[1]) & SOMEONE


@pytest.mark.parametrize(
    "text",
    [
        # a launch that congratulates the team is still a launch
        "Congratulations to our team on shipping Ledgerline 2.0! Faster invoicing, offline "
        "mode and a dark theme, available now in the app store.",
        "Félicitations à toute l'équipe : notre nouvelle appli de réservation est disponible "
        "dès aujourd'hui sur iOS et Android !",
        # a branch's award, and a team award the author is part of
        "Wir gratulieren unserer Filiale in Lüneburg: Sie wurde zum Supermarkt des Jahres in "
        "Niedersachsen gewählt. Danke an alle 40 Kolleginnen und Kollegen!",
        "Our little team of four just won Best Small Agency at the Northern Digital Awards. "
        "Congrats to Ana and Joe, who did the heavy lifting.",
    ],
)
def test_a_team_or_a_product_is_not_someone_else(engine, text):
    assert not set(answer(engine, text)[1]) & SOMEONE


def test_company_copy_about_a_colleague_gets_them_too(engine):
    """Voice 'any': a company page's retirement post, re-shared by an employee, gets the four
    (a corporate draft may have up to five angles)."""
    text = (
        "After 35 years at our Wexford plant, Seamus Doyle retires this Friday. Seamus joined "
        "as an apprentice fitter in 1990 and leaves as our longest-serving engineer. "
        "#Retirement #ThankYou"
    )
    found = engine.analyze(text)
    assert [a["id"] for a in found["angles"]] == [
        "someone_what_they_did",
        "someone_moment_together",
        "someone_what_you_learned",
        "someone_tag_them",
    ]
    for angle in engine.angles["angles"]:
        if angle["id"] in SOMEONE:
            assert set(angle["text"]) == {"en", "fr", "de", "es", "nl", "pt"}
            assert angle["voice"] == "any" and angle["topics"] == ["about_someone_else"]
