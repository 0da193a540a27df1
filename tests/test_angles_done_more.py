"""More of what a draft already does (a hunt of 150 drafts by people far from tech, six
languages): thanks to a group, a role or a lower-case name ("Merci à ma brigade", "Credit to
jo", "Vielen Dank an mein Team", "Gracias a mis compañeras", "Dank aan iedereen", "Obrigada a
todas as colegas") were not seen, so "Name who helped you" and the like asked for them again.
Thanks for messages or reading, and "thanks to" a tool, are not thanking someone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firsthand.analysis.angles import Filled

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
CATALOGUE = json.loads((DATA / "suggestions" / "angles.json").read_text(encoding="utf-8"))


def fills(gap: str, lang: str, prose: str) -> bool:
    return Filled({"signals": []}, set(), CATALOGUE, lang, prose)(gap)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Our shed won best allotment. Credit to jo and sam for the drawings."),
        ("en", "Made sergeant today. Grateful to the whole crew at Station 9."),
        ("en", "Passed my boards! Shout-out to the night shift who quizzed me on breaks."),
        ("en", "5 yrs at the depot today. thank u to everyone who covered for me, esp marta"),
        ("en", "first solo flight done. thx guys, couldn't have done it without you"),
        ("en", "Huge thanks to my apprentices for the tiling."),
        ("en", "This award belongs to my whole kitchen."),
        ("fr", "Dix ans de boulangerie. Merci à toute l'équipe de nuit, vous êtes incroyables."),
        ("fr", "Un grand merci aux bénévoles du marché de Noël."),
        ("fr", "Ce prix revient aussi à mes apprentis."),
        ("de", "Meisterprüfung bestanden! Vielen Dank an mein Team in der Werkstatt."),
        ("de", "Ein großes Dankeschön an alle Fahrerinnen und Fahrer!"),
        ("de", "20 Jahre im Betrieb. Danke dir, Chefin, du hast an mich geglaubt."),
        ("de", "Ich bin dankbar für jeden Kunden, der uns treu geblieben ist."),
        ("es", "Diez años en planta. Gracias a mis compañeras de turno por aguantarme."),
        ("es", "Este reconocimiento es de todo el taller."),
        ("nl", "Diploma binnen! Dank aan iedereen die heeft meegeholpen."),
        ("nl", "Shout-out naar de nachtploeg, jullie zijn top."),
        ("nl", "Beste werkgever van de regio! Dank aan al onze monteurs en planners."),
        ("pt", "Dez anos de hospital. Obrigada a todas as colegas do turno da noite."),
        ("pt", "Fechámos o mês! Valeu, galera!"),
        ("pt", "Dedico este prémio à minha equipa."),
    ],
)
def test_thanks_to_a_group_a_role_or_a_lower_case_name_fills_thanks(lang, prose):
    assert fills("thanks", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Thanks for reading!"),
        ("en", "I'm grateful to be part of this."),
        ("en", "Thanks to the new scheduling tool, we cut overtime by half."),
        ("fr", "Merci pour vos messages."),
        ("de", "Danke für die Geduld."),
        ("es", "Gracias a la nueva maquinaria, hemos ganado dos horas."),
        ("es", "¡Gracias por compartir!"),
        ("nl", "Bedankt voor jullie berichten."),
        ("pt", "Obrigado pelo carinho de todos."),
    ],
)
def test_thanks_for_messages_or_a_tool_is_not_thanking_someone(lang, prose):
    assert not fills("thanks", lang, prose)


AFTER_THE_EVENT = {
    "one_takeaway",
    "who_you_met",
    "moment_you_remember",
    "event_idea_taken_home",
    "event_who_you_met",
    "event_one_moment",
}


@pytest.mark.parametrize(
    "text",
    [
        "Plant sale at the allotments this Saturday, 9 till 1. Tomato seedlings, jam and Bill's "
        "famous onion bhajis. Hope to see lots of you there!",
        "Our choir sings at St Anne's next Sunday at 4. Free entry, tea after. See you on Sunday!",
        "Portes ouvertes à la caserne ce samedi ! Démonstrations de désincarcération, visite "
        "des camions. Venez nombreux avec les enfants.",
        "Tag der offenen Tür in unserer Gärtnerei diesen Sonntag von 10 bis 16 Uhr. Kommt "
        "zahlreich, es gibt Kuchen!",
        "Este sábado hacemos jornada de puertas abiertas en la granja escuela. Habrá talleres "
        "de queso para los peques. ¡No te lo perdáis!",
        "Aanstaande zaterdag open dag bij onze brandweerkazerne! Kom allemaal, er is koffie.",
        "Neste sábado tem feira de adoção de cães na nossa clínica veterinária, das 9h às "
        "14h. Apareçam!",
    ],
)
def test_an_event_still_to_come_gets_no_after_the_event_tips(text):
    from firsthand.analysis import Analyzer

    answer = Analyzer.load(DATA).analyze(text)
    assert answer["topic"]["id"] == "event", answer["topic"]
    assert not {a["id"] for a in answer["angles"]} & AFTER_THE_EVENT


@pytest.mark.parametrize(
    "text",
    [
        "After 9 years as a school librarian, I'm looking for a new role in public libraries or "
        "archives around Leeds. Any leads or intros would mean a lot.",
        "Après 10 ans comme cheffe de rang, je cherche un poste de maître d'hôtel à Lyon. "
        "N'hésitez pas à partager ou à me contacter !",
        "Ich bin auf der Suche nach einer neuen Stelle als Zahnmedizinische Fachangestellte in "
        "Köln. Über Tipps und Kontakte freue ich mich!",
        "Busco trabajo como cocinero en Valencia. Diez años en hostelería. Cualquier pista es "
        "bienvenida, ¡gracias!",
        "Na 8 jaar als buschauffeur ben ik op zoek naar een nieuwe uitdaging als "
        "rijinstructeur. Delen wordt gewaardeerd!",
        "Estou em busca de recolocação como técnica de enfermagem em Curitiba. Se souberem de "
        "algo, agradeço a indicação!",
    ],
)
def test_a_job_seeker_who_says_the_role_and_asks_for_intros_is_not_asked_again(text):
    from firsthand.analysis import Analyzer

    answer = Analyzer.load(DATA).analyze(text)
    assert answer["topic"]["id"] == "hiring", answer["topic"]
    ids = {a["id"] for a in answer["angles"]}
    assert not ids & {"hiring_pass_it_on", "hiring_who_you_seek"}, ids


def test_a_team_hiring_still_gets_pass_it_on():
    from firsthand.analysis import Analyzer

    text = (
        "My ward is hiring two night nurses. I've been here 6 years and nobody is left alone "
        "on a bad shift. Come and see for yourself."
    )
    ids = [a["id"] for a in Analyzer.load(DATA).analyze(text)["angles"]]
    assert "hiring_pass_it_on" in ids, ids


@pytest.mark.parametrize(
    ("lang", "prose", "named"),
    [
        ("en", "Long night in A&E, and Kofi still found time to sort the supply cupboard.", True),
        ("en", "Farewell lunch for Deirdre today after 19 years on reception.", True),
        ("en", "Big day with @Lena and the whole stockroom.", True),
        ("fr", "Soirée d'équipe hier, et c'est Mathilde qui a gagné le quiz.", True),
        ("nl", "Vrijdagmiddag taart gegeten omdat Sanne haar diploma heeft gehaald.", True),
        ("en", "Spent today planting 300 trees along the River Tees with the crew.", False),
        ("en", "Team trip to Blackpool on Saturday. Rollercoasters and chips.", False),
        ("fr", "Journée de bénévolat à la Banque Alimentaire de Lille avec l'équipe.", False),
        ("es", "Comida de equipo en Sevilla, qué bien lo pasamos.", False),
        ("pt", "Churrasco da equipe em Campinas, que dia.", False),
    ],
)
def test_a_name_in_the_middle_of_a_sentence_fills_names(lang, prose, named):
    """'Name the people in the story' asked a draft that named them; a place does not
    count (a word after 'in', 'at', 'à', 'en'… or in a run of capitalised words)."""
    assert fills("names", lang, prose) is named
