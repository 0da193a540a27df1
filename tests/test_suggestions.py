"""POST /suggestions: voice, topic, angles per topic and language, the clone check, bad input."""

import json
from pathlib import Path

import pytest

from helpers import linkedin_url

SUGGESTIONS_DATA = Path(__file__).resolve().parents[1] / "server/firsthand/data/suggestions"
ANGLE_CATALOGUE = json.loads((SUGGESTIONS_DATA / "angles.json").read_text())


def suggest(client, headers, text, **extra):
    response = client.post("/api/v1/suggestions", json={"text": text, **extra}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


CORPORATE_LAUNCH = (
    "We are thrilled to announce the launch of Orbit Analytics 4.0, our most powerful release "
    "yet. Real-time dashboards, AI-powered forecasting and 50+ integrations. Start your free "
    "trial today: https://example.com/orbit #Analytics #Launch"
)
PERSONAL_LAUNCH = (
    "I spent the last seven months rebuilding the import screen that shipped today. I was "
    "convinced it would take six weeks. Honestly, watching the first customer use it without "
    "asking a single question made me a bit emotional."
)


def test_corporate_copy_is_called_corporate_with_reasons(client, auth):
    body = suggest(client, auth, CORPORATE_LAUNCH)
    voice = body["voice"]
    assert voice["label"] == "corporate" and voice["personal_score"] < 0.3
    ids = {s["id"] for s in voice["signals"]}
    assert {"press_release_phrase", "call_to_action", "no_first_person"} <= ids
    press = next(s for s in voice["signals"] if s["id"] == "press_release_phrase")
    assert "thrilled to announce" in press["evidence"].lower()
    assert press["label"] == "press-release phrasing" and press["leans"] == "corporate"
    assert body["topic"]["id"] == "product_launch" and body["lang"] == "en"


def test_personal_story_is_called_personal(client, auth):
    voice = suggest(client, auth, PERSONAL_LAUNCH)["voice"]
    assert voice["label"] == "personal" and voice["personal_score"] > 0.7
    assert {"first_person", "feelings"} <= {s["id"] for s in voice["signals"]}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # First-person press copy: the pronoun is part of an announcement formula.
        (
            "I'm thrilled to announce that Kestrel Bank has entered into a strategic partnership "
            "with Pay4 to bring instant payments to 2 million customers. Learn more: "
            "https://example.com/kestrel",
            "corporate",
        ),
        (
            "Please join me in congratulating Ana Ruiz on her promotion to Head of Sales! Ana "
            "joined Kestrel in 2018 and has built our Iberian team from scratch. #Promotion",
            "corporate",
        ),
        # An employee spotlight quoting someone else: the quote's "I" is not the author's.
        (
            "Meet Tom, one of our support heroes. “I love hearing a customer laugh at the end of a "
            "call,” says Tom. When he isn't on the phones you'll find him at the climbing wall. "
            "#MeetTheTeam #LifeAtKestrel",
            "corporate",
        ),
        # Personal posts full of company and product names, or hashtags.
        (
            "Kestrel Pay shipped its new Kestrel Wallet today and I keep rereading the first "
            "review. I designed the onboarding after my mum got stuck on our old one. Mum, this is "
            "for you.",
            "personal",
        ),
        (
            "Finished my first Ironman yesterday, two years after I couldn't swim a length. My "
            "coach Lise never gave up on me. #ironman #triathlon #swim #bike #run #grateful "
            "#nevergiveup #proud",
            "personal",
        ),
        ("https://example.com/kestrel/blog/open-banking #OpenBanking #Fintech", "corporate"),
        ("https://example.com/kestrel/jobs", "corporate"),
        ("Unpopular opinion: most roadmaps are wish lists.", "personal"),
        ("Visit us at booth 22! #FintechWeek", "corporate"),
    ],
)
def test_hard_cases(client, auth, text, label):
    assert suggest(client, auth, text)["voice"]["label"] == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # First-person press copy outside English: the "I" belongs to the formula.
        (
            "Ich freue mich, bekannt zu geben, dass die Nordwerk AG das Logistikzentrum in "
            "Kassel übernommen hat. Mehr dazu: https://example.com/nordwerk",
            "corporate",
        ),
        (
            "Me complace anunciar que Grupo Alba ha inaugurado su nueva planta en Zaragoza, "
            "con 200 puestos de trabajo.",
            "corporate",
        ),
        (
            "Ik ben verheugd te kunnen aankondigen dat Marit de Vries per 1 mei onze nieuwe "
            "directeur operations wordt.",
            "corporate",
        ),
        (
            "É com grande satisfação que anunciamos a abertura da nossa loja em Braga. "
            "Saiba mais em https://example.com/loja",
            "corporate",
        ),
        (
            "J'ai le plaisir de vous annoncer le lancement de notre nouvelle offre pour les "
            "artisans. Découvrez-la ici : https://example.com/offre",
            "corporate",
        ),
        # A personal line on top of company copy is still company copy.
        (
            "Tellement fière de mon équipe ! 🎉\nLa société Dumont Frères a été désignée "
            "entreprise de l'année par la CCI de Lyon pour sa croissance et ses 40 embauches "
            "en 2025. Le jury a salué la qualité de ses ateliers et son engagement local. "
            "https://example.com/dumont",
            "corporate",
        ),
        # Personal without "I": clipped news, "on" for a small team, an opinion.
        ("Permis poids lourd en poche. À 52 ans. Comme quoi.", "personal"),
        ("Vendredi, on a fêté le départ de Paulette. Le bureau va être bien vide. 🥲", "personal"),
        ("Opinião impopular: metade das reuniões podia ser um e-mail.", "personal"),
        # Short plain posts drop the pronoun; the same length with a link or hashtags is copy.
        ("Premier jour à la mairie de Nantes. Nouveau badge, nouveau bureau 🙂", "personal"),
        (
            "Patient walked out of physio today without her crutches for the first time in "
            "8 months. Didn't need to say anything, we both just grinned.",
            "personal",
        ),
        (
            "Neuer Standort in Graz eröffnet: 40 Arbeitsplätze und ein Schulungszentrum. "
            "https://example.com/graz",
            "corporate",
        ),
        (
            "Nieuwe vestiging in Utrecht geopend, met veertig werkplekken en een leslokaal. "
            "#Groei #Vacatures #Utrecht",
            "corporate",
        ),
    ],
)
def test_voice_outside_english(client, auth, text, label):
    assert suggest(client, auth, text)["voice"]["label"] == label


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        (
            "product_launch",
            "Introducing Kestrel Wallet: the new app for instant payments, "
            "now available on iOS and Android.",
        ),
        (
            "company_news",
            "Kestrel has closed a $40 million Series B funding round to expand "
            "into three new markets.",
        ),
        ("hiring", "We're hiring! Join our team as a backend engineer in Porto. Apply now."),
        (
            "event",
            "Our CTO will give a keynote at the Fintech Summit in Berlin next week. "
            "Register for the conference here.",
        ),
        ("award", "Kestrel won the Best Digital Bank award at the European Banking Awards."),
        (
            "work_anniversary_or_promotion",
            "Happy 10th work anniversary to Sara, who was promoted to Director this spring!",
        ),
        ("life_event", "Back from parental leave today after the birth of our daughter."),
        (
            "industry_insight",
            "Three lessons I learned about pricing: here's what actually "
            "works when you sell to banks.",
        ),
        # Half an event: the labelled drafts call a hackathon an event three times out of five,
        # so either reading is right (never a third topic, and team culture stays in the top 2).
        (
            "team_culture",
            "Our team offsite in the mountains: hiking, a hackathon and far too much cheese.",
        ),
        (
            "customer_story",
            "Read the case study: how a regional retailer cut fraud losses "
            "by 30% using our platform.",
        ),
    ],
)
def test_topics(client, auth, topic, text):
    body = suggest(client, auth, text)
    # Never a wrong topic stated as fact: the right one, or "unclear" with it among the
    # two likeliest (an offsite with a hackathon is half an event).
    allowed = (topic, "unclear") + (("event",) if "hackathon" in text else ())
    assert body["topic"]["id"] in allowed
    assert topic in [c["id"] for c in body["topic"]["candidates"][:2]]
    assert 0 < body["topic"]["confidence"] <= 1 and body["topic"]["label"]


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        # The misses issue 16 names: personal life, awards in other trades' words, bare events.
        ("life_event", "Passed my driving test on the third try! 🚗"),
        ("life_event", "Finished my first marathon in Rotterdam this morning. 4:12. Legs gone."),
        ("award", "Named Teacher of the Year by the county board. Still in shock."),
        ("event", "Booth C14, Hall 3. Come by 👋 #MedTech2026"),
        # Other languages, without the English keywords.
        ("award", "Elle a été élue meilleure apprentie boulangère de Bretagne 🥇"),
        ("hiring", "Wir suchen Verstärkung für unser Team in Graz: Bauleitung (m/w/d)."),
        (
            "work_anniversary_or_promotion",
            "Vandaag precies tien jaar bij Van Dijk Logistiek. Begonnen als chauffeur, nu planner.",
        ),
    ],
)
def test_topics_people_write_without_the_obvious_words(client, auth, topic, text):
    assert suggest(client, auth, text)["topic"]["id"] == topic


def test_an_unclear_topic_says_so_with_angles_that_fit_any_post(client, auth):
    generic = {a["id"] for a in ANGLE_CATALOGUE["angles"] if "*" in a["topics"]}
    # A greeting or a teaser has no topic (n-grams of a few words count for a few words).
    greetings = ("Hi", "hello there", "Good morning everyone")
    for text in ("Big day today.", "What a week. More soon.", *greetings):
        topic = suggest(client, auth, text)["topic"]
        assert topic["id"] == "unclear" and topic["label"] == "Topic unclear", (text, topic)
        probabilities = [c["confidence"] for c in topic["candidates"]]
        assert probabilities == sorted(probabilities, reverse=True)
        assert topic["confidence"] == probabilities[0]
    body = suggest(client, auth, "Big day today.")
    assert body["topic"]["id"] == "unclear", body["topic"]
    assert 3 <= len(body["angles"]) and {a["id"] for a in body["angles"]} <= generic
    # Trained on the w11-w14 drafts, the engine reads this one as company news (0.73): a
    # reading the labelling brief allows; what it must never be is another topic.
    vague = suggest(client, auth, "Exciting times ahead for our company and our customers.")
    assert vague["topic"]["id"] in {"unclear", "company_news"}, vague["topic"]
    # The eighth version (7,468 drafts, naive Bayes + 0.3 × a logistic regression) reads these
    # at about the commit threshold: thanks to "all" as team culture, "big news" as company
    # news. Readings the brief allows, never another topic, and never with confidence.
    for text, allowed in (
        ("We did it. Thank you all.", "team_culture"),
        ("Big news today!", "company_news"),
    ):
        topic = suggest(client, auth, text)["topic"]
        assert topic["id"] in {"unclear", allowed}, (text, topic)
        assert topic["confidence"] < 0.7, (text, topic)


def test_every_draft_gets_three_angles_even_with_every_gap_filled(client, auth):
    text = (
        "I am so proud and honestly moved: thank you, Priya and Tom, for everything. "
        "What would you have done? Lesson learned: ask early."
    )
    assert len(suggest(client, auth, text)["angles"]) >= 3


def test_corporate_launch_gets_angles_about_the_employees_part(client, auth):
    angles = suggest(client, auth, CORPORATE_LAUNCH)["angles"]
    assert 3 <= len(angles) <= 5
    assert [a["id"] for a in angles[:2]] == ["your_part", "surprise_building"]
    assert "thank_by_name" in [a["id"] for a in angles]
    assert angles[0]["title"] == "What did you personally work on?"
    assert angles[0]["starter"].startswith("The part I worked on")


def test_personal_draft_gets_light_touch_tips_for_its_topic(client, auth):
    # A launch the author built: the launch's own tips (who built it with them, who it is for),
    # then a tip for any post; it already says what it taught them, so that tip is left out.
    angles = suggest(client, auth, PERSONAL_LAUNCH)["angles"]
    assert [a["id"] for a in angles] == [
        "launch_who_built_it",
        "launch_who_it_is_for",
        "ask_your_network",
    ]
    voices = {a["id"]: a["voice"] for a in ANGLE_CATALOGUE["angles"]}
    assert {voices[a["id"]] for a in angles} == {"personal"}  # never the corporate angles


def test_angles_skip_what_the_draft_already_has(client, auth):
    thanked = suggest(client, auth, PERSONAL_LAUNCH + " Thank you, Priya, for the late reviews.")
    assert "thank_someone" not in [a["id"] for a in thanked["angles"]]
    asks = suggest(client, auth, PERSONAL_LAUNCH + " Has anyone else had that feeling?")
    assert "ask_your_network" not in [a["id"] for a in asks["angles"]]


@pytest.mark.parametrize(
    ("lang", "text", "label", "starter"),
    [
        (
            "fr",
            "Nous sommes heureux d'annoncer l'ouverture de notre nouveau bureau à Nantes ! "
            "Découvrez nos offres : https://example.com/x #Croissance",
            "corporate",
            "Pour mon équipe et moi",
        ),
        (
            "de",
            "Wir freuen uns, bekannt zu geben, dass unsere neue Plattform ab sofort "
            "verfügbar ist. Mehr erfahren: https://example.com/x",
            "corporate",
            "Mein Teil daran war",
        ),
        (
            "es",
            "Hoy cumplo cinco años en la empresa. Entré sin saber nada de logística y "
            "aprendí de compañeros increíbles. Gracias a Marta por su paciencia.",
            "personal",
            None,
        ),
        (
            "nl",
            "Ik heb vandaag mijn eerste marathon gelopen, drie jaar nadat ik met hardlopen "
            "begon. Ik was zo zenuwachtig dat ik niet kon ontbijten.",
            "personal",
            None,
        ),
        (
            "nl",  # shares 'de', 'en' and 'je' with French; 'je' is "you" here, not "I"
            "Nieuw: de SlimWonen app! Beheer je energieverbruik, verwarming en verlichting "
            "vanaf één plek. Download hem nu gratis in de App Store.",
            "corporate",
            None,
        ),
        (
            "pt",
            "Temos o prazer de anunciar o lançamento da nossa nova plataforma de pagamentos. "
            "Saiba mais: https://example.com/x #Fintech",
            "corporate",
            "A parte em que trabalhei",
        ),
    ],
)
def test_other_languages_get_verdict_and_angles_in_their_language(
    client, auth, lang, text, label, starter
):
    body = suggest(client, auth, text)
    assert body["lang"] == lang
    assert body["voice"]["label"] == label
    english = {"title": "What did you personally work on?", "starter": "Thank you to "}
    for angle in body["angles"]:
        assert angle["title"] not in english.values() and angle["starter"] != english["starter"]
    if starter:
        assert any(a["starter"].startswith(starter) for a in body["angles"]), body["angles"]


def test_explicit_language_is_used(client, auth):
    body = suggest(client, auth, "Big news today", lang="fr")
    assert body["lang"] == "fr"
    assert all(a["title"] for a in body["angles"])


ANNOUNCEMENT = (
    "Harborline is proud to announce our partnership with Meridian Health, bringing remote "
    "monitoring to 40 hospitals across Europe. Together we will help thousands of patients "
    "stay safely at home. Learn more at https://example.com/harborline/meridian"
)


def log(client, headers, n, text):
    response = client.post(
        "/api/v1/shares",
        headers=headers,
        json={"url": linkedin_url(n), "network": "linkedin", "text": text},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_clone_check_flags_what_colleagues_already_posted(client, auth, make_user):
    for n in range(2):
        _, colleague = make_user()
        log(client, colleague, n, ANNOUNCEMENT + ("" if n else " #Partnership"))
    body = suggest(client, auth, "Exciting! " + ANNOUNCEMENT)
    assert body["clone"]["is_clone"] is True
    assert body["clone"]["matches"] == 2 and body["clone"]["similarity"] >= 0.8
    assert "copied_boilerplate" in {s["id"] for s in body["voice"]["signals"]}
    fresh = suggest(client, auth, PERSONAL_LAUNCH)
    assert fresh["clone"] == {"is_clone": False, "similarity": 0.0, "matches": 0}


def test_clone_check_ignores_own_and_old_shares(client, auth, make_user, clock):
    log(client, auth, 1, ANNOUNCEMENT)
    assert suggest(client, auth, ANNOUNCEMENT)["clone"]["is_clone"] is False  # own share
    _, colleague = make_user()
    log(client, colleague, 2, ANNOUNCEMENT + " Proud of this team.")
    clock.advance(days=31)
    assert suggest(client, auth, ANNOUNCEMENT)["clone"]["is_clone"] is False  # too old


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"text": ""}, 422, "text"),
        ({}, 422, "text"),
        ({"text": "   \n\t  "}, 422, "text"),
        ({"text": "\u0000\u0001\u0002\u0003"}, 422, "text"),
        ({"text": "word " * 4001}, 422, "text"),
        ({"text": 42}, 422, "text"),
        ({"text": "hello there", "network": "myspace"}, 422, "network"),
        ({"text": "hello there", "lang": "xx"}, 422, "lang"),
        ({"text": "hello there", "voice": "personal"}, 422, "voice"),
    ],
)
def test_bad_input_is_a_clear_4xx(client, auth, body, status, field):
    response = client.post("/api/v1/suggestions", json=body, headers=auth)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert field in {d["field"] for d in error["details"]}


def test_binary_junk_with_some_letters_gets_a_sensible_answer(client, auth):
    junk = "\x00\x07ÿþ\ufffd" * 50 + " hello world " + "\ud7ff" * 20
    body = suggest(client, auth, junk)
    assert body["voice"]["label"] in ("personal", "corporate") and len(body["angles"]) >= 3


def test_suggestions_need_a_token(client):
    assert client.post("/api/v1/suggestions", json={"text": "hi"}).status_code == 401


def test_a_specific_cue_counts_where_a_general_one_matches_too():
    from firsthand.analysis.scan import Scanner

    scanner = Scanner([("general", [r"\bwon the\b"]), ("specific", [r"\bwon the cup\b"])], True)
    assert [key for key, _ in scanner.matches("We won the cup!")] == ["general", "specific"]
