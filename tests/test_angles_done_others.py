"""What a draft already does, in drafts written by other people (a hunt of 223 drafts by
writers who had not seen the engine, six languages): tips asked for what the draft did.

- "Quote what the customer said" on customer stories that quote the customer word for word
  (gap `quote`: a quotation of three words or more in “…”, „…“, «…», »…«, "…", or in '…' when
  it ends a sentence or a speech verb follows).
- "Say who or what you're looking for" on hiring posts that say it in words the patterns did
  not know ("I'm looking for my next role.", "Je cherche un(e) aide-soignant(e)", "Wir suchen
  Verstärkung", "ando buscando un químico", "Wij zoeken versterking", "Preciso de um
  cozinheiro").
- After-the-event tips ("Name the one idea you took home") on posts written before it that open
  with a bare weekday and a verb in the present ("Zondag sta ik op…", "Thursday I'm giving…",
  "Quinta-feira apresento…": `skip_when_patterns`), and "Say what you want to learn there" or
  "why you're going" to speakers ("I'm giving a talk", "ich spreche", "doy una charla").
- "Back it with one example" on insight posts built on first-hand cases (gap `example`: "for
  example", "I've watched…", "Letztes Jahr hatten wir…", "Já vi…", or a long post, 700
  characters or more, with a figure), and "One moment, not the whole agenda" on a post that
  singles one out (gap `moment`: "Ce que je retiens : une intervention…", "Das Beste war…",
  "Lo que más me marcó…"; not a list of takeaways).
- "Name the people in the story" on German posts that name them (German had no names pattern:
  its nouns are capitalised; now a list of common first names, "Frau Öztürk", "Kollegin
  Aylin", "Mach's gut, Torsten", "Abschied von Jonas", "haben wir Yusuf verabschiedet"), on
  compound first names (Jean-Luc, José María, Jan-Willem) and on "Afscheid van Jan"; a country
  ("leaves for Italy") no longer counts as a name.
"""

from __future__ import annotations

import pytest
from test_angles_done_more import AFTER_THE_EVENT, DATA, fills

from firsthand.analysis import Analyzer


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def angle_ids(engine: Analyzer, text: str, topic: str) -> set[str]:
    answer = engine.analyze(text)
    assert answer["topic"]["id"] == topic, answer["topic"]
    return {a["id"] for a in answer["angles"]}


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", 'Mrs Okafor rang about the boiler. "First warm bath since October," she said.'),
        ("en", "Her verdict on the new kitchen: 'Finally I can reach the top shelf.'"),
        ("en", "The text I got at 11pm: “the van made it to Leeds, you legend”"),
        ("fr", "Il m'a regardé et m'a dit : « Vous êtes le premier à m'expliquer mon contrat. »"),
        ("de", "„Endlich kann ich wieder selbst einkaufen gehen“, sagte sie beim Abschied."),
        ("de", "Sein Kommentar: »So schnell war noch kein Handwerker hier.«"),
        ("es", 'Me escribió anoche: "Gracias por no rendirte con mi caso."'),
        ("es", "«Ahora duermo tranquila», me dijo doña Carmen."),
        ("nl", "'Nu kan ik weer zelf de trap op,' zei meneer Bakker trots."),
        ("nl", "'Die lift had er tien jaar eerder moeten zijn' zei ze."),
        ("pt", "A cliente respondeu: “Agora sei para onde vai o meu dinheiro.”"),
    ],
)
def test_a_quotation_fills_quote(lang, prose):
    assert fills("quote", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", 'Our "smart" meter finally works, and the customer is happy.'),
        ("en", "She told me it was the best haircut she'd had in years."),
        ("en", "We read 'The Very Hungry Caterpillar' with the reception class."),
        ("en", "It's the kids' favourite and the parents' too, isn't it."),
        ("de", "Das Projekt „Digitale Schule“ läuft endlich."),
        ("fr", "Le client était ravi et nous a remerciés pour le délai."),
        ("nl", "Hij zei dat hij heel tevreden was over de nieuwe keuken."),
        ("pt", 'O cliente disse que estava feliz com o "novo" sistema.'),
        ("es", 'La clienta me dijo "gracias" y "hasta pronto".'),
    ],
)
def test_reported_speech_a_title_or_a_word_in_quotes_is_not_a_quotation(lang, prose):
    assert not fills("quote", lang, prose)


@pytest.mark.parametrize(
    "text",
    [
        "Een klant belde vanmiddag over de cv-ketel die we vorige week hebben vervangen. 'Voor "
        "het eerst in jaren een warme badkamer,' zei mevrouw Jansen. Daar doe ik het voor.",
        "Ce matin, une cliente est repassée à l'agence pour le prêt de son atelier. Elle m'a "
        "dit : « Sans vous, je n'aurais jamais osé signer. » Voilà pourquoi je fais ce métier.",
        "Hoy vino a la farmacia la señora que ayudamos con su medicación hace un mes. «Por fin "
        "duermo toda la noche», me dijo con una sonrisa. Por estas cosas sigo en el mostrador.",
        "A cliente da padaria que ajudámos com a contabilidade mandou-me uma mensagem: “Pela "
        "primeira vez tirei férias sem medo das contas.” Ganhei o dia.",
    ],
)
def test_a_customer_story_that_quotes_the_customer_is_not_asked_for_a_quote(engine, text):
    assert "customer_their_words" not in angle_ids(engine, text, "customer_story")


def test_a_customer_story_in_reported_speech_is_still_asked_for_a_quote(engine):
    text = (
        "Een klant belde vanmiddag over de cv-ketel die we vorige week hebben vervangen. Mevrouw "
        "Jansen zei dat ze voor het eerst in jaren een warme badkamer heeft. Daar doe ik het voor."
    )
    assert "customer_their_words" in angle_ids(engine, text, "customer_story")


@pytest.mark.parametrize(
    "text",
    [
        "My contract at the library ends in March and I'm looking for my next role. Nine years "
        "of story times, school visits and fixing the photocopier. Shares appreciated!",
        "Notre cuisine cherche deux commis pour l'été à Annecy. Logés, nourris, et une brigade "
        "qui rigole. Écrivez-moi !",
        "Ab August suche ich eine Ausbildungsstelle als Tischler im Raum Freiburg. Ich habe "
        "schon zwei Praktika gemacht und liebe Holz. Über Tipps freue ich mich!",
        "Wir suchen Verstärkung für unser Pflegeteam in Graz! Ich arbeite seit fünf Jahren "
        "hier und würde es jedem empfehlen. Schreibt mir.",
        "Andamos buscando una cocinera para el turno de noche en nuestra fonda de Puebla. "
        "Sueldo justo y buen ambiente. Mándenme mensaje.",
        "Wij zoeken een nieuwe collega voor de kinderopvang in Zwolle! Ik werk er zelf al zes "
        "jaar met veel plezier. Stuur me een berichtje.",
        "Estamos precisando de um padeiro para o turno da madrugada aqui em Campinas. Quem "
        "souber de alguém, me chama!",
    ],
)
def test_a_hiring_post_that_says_whom_or_what_it_seeks_is_not_asked_again(engine, text):
    assert "hiring_who_you_seek" not in angle_ids(engine, text, "hiring")


def test_a_job_hunting_diary_that_names_no_role_is_still_asked_what_it_seeks(engine):
    text = (
        "Job hunting update, week 9: 41 applications, 3 interviews, one offer that vanished. "
        "Still going. Shares appreciated!"
    )
    assert "hiring_who_you_seek" in angle_ids(engine, text, "hiring")


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "We need two more drivers before Christmas."),
        ("en", "Anyone know a good farm vet near Hexham?"),
        ("fr", "Il nous manque encore une paire de bras pour les vendanges."),
        ("de", "Unsere Backstube braucht dringend eine Konditorin."),
        ("es", "En el taller nos faltan manos para el verano."),
        ("nl", "Onze school heeft vanaf januari een conciërge nodig."),
        ("pt", "A minha equipa precisa de duas enfermeiras para o verão."),
    ],
)
def test_a_need_or_a_question_for_someone_fills_seeking(lang, prose):
    assert fills("seeking", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Sixty applications and two interviews so far. Onwards."),
        ("fr", "Quatre mois de recherche, et toujours rien. Je garde le moral."),
        ("de", "Bewerbung Nummer 40 ist raus. Daumen drücken!"),
    ],
)
def test_a_job_hunt_without_its_aim_does_not_fill_seeking(lang, prose):
    assert not fills("seeking", lang, prose)


LEARN_OR_WHY = {"event_what_to_learn", "event_why_going"}


@pytest.mark.parametrize(
    "text",
    [
        "Thursday I'm on stage at the county library conference with our reading-group "
        "project. Slightly terrified. Come and find me at lunch.",
        "Samedi je tiens le stand de la boulangerie au marché de Noël de Colmar. Il y aura du "
        "vin chaud !",
        "Am Donnerstag halte ich auf dem Pflegetag in Kassel einen Vortrag über Nachtdienste. "
        "Wer ist auch da?",
        "El sábado presento mi libro de recetas en la feria de Logroño. ¡Pasad a saludar!",
        "Donderdag geef ik een lezing over zwerfkatten op het congres in Utrecht. Wie komt er ook?",
        "Sexta-feira estou na feira do livro de Braga a assinar exemplares do meu primeiro "
        "livro. Apareçam!",
    ],
)
def test_a_weekday_and_a_verb_in_the_present_is_before_the_event(engine, text):
    """'Zondag sta ik op…', 'Donnerstag halte ich…', 'Quinta-feira apresento…': no
    after-the-event tips."""
    assert not angle_ids(engine, text, "event") & AFTER_THE_EVENT


@pytest.mark.parametrize(
    "text",
    [
        "Samstag war ich mit unserer Imkerei auf dem Bauernmarkt in Lüneburg. So viele nette "
        "Gespräche!",
        "Zaterdag stond ik met ons orkest op het dorpsfeest in Boxtel. Wat een avond!",
        "Jeudi j'ai présenté notre projet de jardin partagé au congrès de Rennes. Quelle journée !",
    ],
)
def test_a_weekday_and_a_verb_in_the_past_is_after_the_event(engine, text):
    assert angle_ids(engine, text, "event") & AFTER_THE_EVENT


@pytest.mark.parametrize(
    "text",
    [
        "Thursday I'm on stage at the county library conference with our reading-group "
        "project. Slightly terrified. Come and find me at lunch.",
        "Am Donnerstag halte ich auf dem Pflegetag in Kassel einen Vortrag über Nachtdienste. "
        "Wer ist auch da?",
        "El sábado presento mi libro de recetas en la feria de Logroño. ¡Pasad a saludar!",
        "Donderdag geef ik een lezing over zwerfkatten op het congres in Utrecht. Wie komt er ook?",
        "Quinta-feira falo sobre hortas urbanas no congresso de agricultura em Évora. Quem for, "
        "diga olá!",
        "Jeudi je présente notre projet de jardin partagé au congrès de Rennes. Qui vient ?",
    ],
)
def test_a_speaker_is_not_asked_what_to_learn_there_or_why_they_go(engine, text):
    assert not angle_ids(engine, text, "event") & (AFTER_THE_EVENT | LEARN_OR_WHY)


def test_someone_going_to_listen_is_still_asked_what_to_learn_there(engine):
    text = "Next week I'm at the county library conference for the first time. Can't wait."
    assert "event_what_to_learn" in angle_ids(engine, text, "event")


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Ward rotas are built for the spreadsheet. I've watched a colleague do six nights."),
        ("en", "Small shops lose out online. For example, my cousin's bakery pays 30% to the app."),
        ("fr", "Les pharmacies rurales manquent de remplaçants. J'ai vu trois officines fermer."),
        ("de", "Handwerk hat ein Imageproblem. Letztes Jahr hatten wir elf Bewerbungen."),
        ("es", "La formación se queda en papel. He visto a chavales subir sin arnés."),
        ("nl", "Thuiszorg draait op goodwill, bijvoorbeeld veertig onbetaalde kilometers per dag."),
        (
            "pt",
            "A escola precisa de menos papelada. Já vi professoras passarem o recreio a preencher",
        ),
        (
            "en",
            "My view, in six points. " + "A long point about the job, from the floor. " * 16 + "1.",
        ),
    ],
)
def test_a_first_hand_case_or_a_long_post_with_figures_fills_example(lang, prose):
    assert fills("example", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Most hospital IT projects fail because nobody asks the porters."),
        ("en", "I've seen the future and it's paperwork."),
        ("fr", "Les pharmacies rurales ne ferment pas faute de clients. On en parle ?"),
        ("de", "Die meisten Digitalprojekte scheitern nicht an der Technik."),
        ("es", "Nadie te dice que la mitad del trabajo es explicar por qué no."),
        ("nl", "Elke gemeente wil datagedreven werken, niemand wil ervoor betalen."),
        ("pt", "Todo mundo quer ônibus elétrico. Ninguém quer treinar os motoristas."),
        ("en", "A long opinion with no figure in it at all. " * 20),
    ],
)
def test_an_opinion_without_a_case_does_not_fill_example(lang, prose):
    assert not fills("example", lang, prose)


def test_an_insight_backed_by_a_case_is_not_asked_for_an_example(engine):
    bare = "Most hospital IT projects fail because nobody asks the porters."
    backed = (
        "Unpopular opinion: most ward rotas are designed for the spreadsheet, not the nurse. "
        "I've watched a colleague work six nights in a row because the template said so."
    )
    assert "insight_one_example" in angle_ids(engine, bare, "industry_insight")
    assert "insight_one_example" not in angle_ids(engine, backed, "industry_insight")


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "The best part was a nine-year-old asking how the milking robot knows each cow."),
        ("en", "The session that stayed with me was on night-shift handovers."),
        ("fr", "Ce que je retiens : un atelier de dix minutes sur le sommeil des bébés."),
        ("de", "Am meisten beeindruckt hat mich eine Stationsleiterin aus Rostock."),
        ("es", "Lo que más me marcó fue una matrona de un pueblo de Soria."),
        ("nl", "Het mooiste moment was een voorleessessie voor een zaal vol peuters."),
        ("pt", "O que mais me marcou foi um senhor de 90 anos a comprar poesia."),
    ],
)
def test_one_moment_singled_out_fills_moment(lang, prose):
    assert fills("moment", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Back from three days at the county show. Sore feet, full notebook."),
        ("fr", "Ce que je retiens : 1. l'IA partout 2. les stands avec des chaises 3. le café"),
        ("de", "Wer war noch da? Was ist bei euch hängen geblieben?"),
        ("nl", "Wat ik meeneem: - meer robots - minder papier - betere koffie"),
    ],
)
def test_a_list_of_takeaways_or_a_question_does_not_fill_moment(lang, prose):
    assert not fills("moment", lang, prose)


def test_an_event_post_that_tells_one_moment_is_not_asked_for_one(engine):
    told = (
        "Back from the county show. The best part was a nine-year-old who asked me how a "
        "milking robot knows which cow is which."
    )
    untold = (
        "Back from three days at the county show. Sore feet, full notebook, lots of new contacts."
    )
    assert "event_one_moment" not in angle_ids(engine, told, "event")
    assert "event_one_moment" in angle_ids(engine, untold, "event")


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("de", "Abschied von Sabine gestern im Lager. 19 Jahre Frühschicht."),
        ("de", "Ausstand gestern für Hakan, der zu einem Start-up wechselt."),
        ("de", "Gestern haben wir Yusuf verabschiedet, mit Torte und Tränen."),
        (
            "de",
            "Zwanzig Jahre Werkstatt, und heute räumt Torsten seinen Spind. Mach's gut, Torsten!",
        ),
        ("de", "Unsere Kollegin Aylin hat den Grill angeworfen."),
        ("de", "Frau Öztürk aus der Kantine hat für alle Kuchen gebacken."),
        ("en", "Farewell drinks for Jean-Luc tonight, after nine years on nights."),
        ("en", "Cake in the break room because Mary-Kate finally passed her HGV test."),
        ("es", "Hoy se jubila José María después de 30 años en el almacén."),
        ("pt", "O bolo de despedida foi feito pelo João-Pedro, claro."),
        ("nl", "Afscheid van Jan vandaag, na 25 jaar bij de buitendienst."),
        ("nl", "Taart voor Jan-Willem, die vandaag vijftig wordt."),
        ("fr", "Pot de départ pour Marie-Claire, vingt ans à l'accueil."),
    ],
)
def test_a_name_german_compound_or_after_van_fills_names(lang, prose):
    assert fills("names", lang, prose)


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Our head chef leaves for Italy next month, and the kitchen is not ready."),
        ("fr", "Notre chef part pour Italie le mois prochain."),
        ("es", "Nuestro jefe de cocina se va para Italia en marzo."),
        ("nl", "Onze kok vertrekt naar Italië en wij blijven achter met de pizzaoven."),
        ("pt", "O nosso chefe de cozinha vai embora para Itália no mês que vem."),
        ("nl", "Vandaag afscheid van Rotterdam: het team verhuist naar Utrecht."),
        (
            "de",
            "Gestern mit Kollegen und Kunden auf der Messe in Stuttgart. Kaffee und Kuchen gab es.",
        ),
        ("de", "Heute verabschieden wir Kollegen aus drei Abteilungen in den Ruhestand."),
        ("de", "Sommerfest in der Halle 4: Grill, Musik und Sonne für die ganze Belegschaft."),
    ],
)
def test_a_country_a_city_or_a_german_noun_does_not_fill_names(lang, prose):
    assert not fills("names", lang, prose)


def test_a_german_farewell_that_names_the_colleague_is_not_asked_for_names(engine):
    text = (
        "Abschied von Torsten gestern im Betrieb. Zwanzig Jahre Werkstatt, jetzt geht er an die "
        "Ostsee. Die Azubis haben ihm einen Schraubenschlüssel vergoldet. Mach's gut, Torsten."
    )
    assert "team_name_the_people" not in angle_ids(engine, text, "team_culture")


def test_a_hall_number_alone_is_no_call_to_action_but_a_stand_is(engine):
    """'Halle 8, 14 Uhr' in a speaker's own post read as marketing (a German-only cue: the
    other languages count a stand or a booth, not a hall); 28 train/dev drafts say 'Halle N'
    without a stand, 21 of them personal."""

    def cues(text: str) -> set[str]:
        return {s["id"] for s in engine.analyze(text)["voice"]["signals"]}

    assert "call_to_action" not in cues(
        "Donnerstag spreche ich auf der Didacta in Köln über Lesen im Sportunterricht. Halle 7, "
        "14 Uhr. Ich freu mich auf euch!"
    )
    assert "call_to_action" in cues(
        "Besuchen Sie uns auf der EMO in Hannover, Halle 9, Stand B14! Wir zeigen unsere neue "
        "Fräsmaschine."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a plan for after the event, late in the post, is not the event
        "Net terug van het congres voor wijkverpleging in Ede. Veel gehoord over zelfroosteren en "
        "over de tekorten op het platteland, en ik heb drie collega's uit Drenthe leren kennen. "
        "Maandag ga ik het met mijn team bespreken.",
        "Zurück vom Pflegetag in Kassel. Das halte ich für die wichtigste Erkenntnis: "
        "Nachtdienste brauchen eigene Pausenräume.",
    ],
)
def test_a_post_after_the_event_keeps_its_after_the_event_tips(engine, text):
    assert {"event_idea_taken_home", "event_who_you_met"} <= angle_ids(engine, text, "event")


def test_a_post_after_the_event_that_singles_out_a_moment_gets_no_before_the_event_tips(engine):
    """With "One moment" left out, the next tip was one for before the event, the post saying
    none of the listed after-the-event phrases ("Das Highlight war…" now is one)."""
    text = (
        "Drei Tage Didacta in Köln. Das Highlight war ein kleiner Stand einer Grundschule aus "
        "Sachsen mit Lesepaten."
    )
    ids = angle_ids(engine, text, "event")
    assert "event_one_moment" not in ids
    assert not ids & {"event_what_to_learn", "event_who_to_meet", "event_why_going"}


@pytest.mark.parametrize(
    ("lang", "prose"),
    [
        ("en", "Our away day had a session called 'Resilience and Self-Care' that overran."),
        ("fr", "Atelier Follow-Up avec toute l'équipe, puis apéro."),
    ],
)
def test_a_hyphenated_title_is_not_a_compound_first_name(lang, prose):
    assert not fills("names", lang, prose)
