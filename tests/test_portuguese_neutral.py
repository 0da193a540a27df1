"""Firsthand's Portuguese reads naturally in Brazil and in Portugal: the words it shows use
neither country's own vocabulary where a word common to both exists, and the phrase lists it
matches against drafts know both countries' forms, so a Brazilian draft gets the tips a
European one does."""

import json
import re
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "server" / "firsthand" / "data"
CATALOGUE = json.loads((DATA / "suggestions" / "angles.json").read_text(encoding="utf-8"))

# Words only one side uses, where a word both use exists (the rewrite's choice in brackets).
EUROPEAN_ONLY = {
    "equipa": r"equipas?",  # [colegas, grupo]
    "partilhar": r"partilh\w*",  # [publicar, publicação]
    "registar": r"regist[ao]\w*",  # [adicionar]
    "ligar/ligação (connect)": r"(?:des)?liga(?:ção|ções|d[oa]s?|r|r-se|-se)",  # [conectar]
    "utilizador": r"utilizador\w*",  # [login, pessoa]
    "palavra-passe": r"palavra-passe",  # [senha, used in both]
    "está a + infinitive": r"(?:está|estão|estou|estamos|estava|estavam) a \w+[aei]r",
    "a carregar": r"a carregar",  # [um momento]
    "ecrã": r"ecrãs?",  # [página]
    "telemóvel": r"telemóve(?:l|is)",
    "contactar/contacto": r"contact\w*",  # [responder, falar com]
    "para si": r"para si",  # [para você, pessoalmente]
    "gostava": r"gostava",  # [gostaria]
    "na altura": r"na altura",  # [naquela época]
    "pormenor": r"pormenor\w*",  # [detalhe]
    "porque é que / porquê": r"porque é que|porquê",  # [o que, o motivo]
    "por palavras suas": r"por palavras suas",  # [com as suas palavras]
    "fique-se por": r"fique-se",  # [use só]
    "separador (tab)": r"separador\w*",  # [página]
    "consola": r"consolas?",  # [painel de administração]
    "definições (settings)": r"definições",  # [opções]
    "demasiado": r"demasiad\w*",  # [muito, demais]
    "entretanto (meanwhile; 'however' in Brazil)": r"entretanto",
    "prémio": r"prémios?",  # [reconhecimento]
    "facto": r"factos?",
}
BRAZILIAN_ONLY = {
    "equipe": r"equipes?",
    "registrar": r"registr\w*",
    "usuário": r"usuári[oa]s?",
    "tela": r"telas?",
    "celular": r"celular(?:es)?",
    "contato": r"contat\w*",
    "time (team)": r"times?",
    "prêmio": r"prêmios?",
    "fato": r"fatos?",
}
# The gerund reads Brazilian in Portugal as "estar a" reads European in Brazil: both are
# rephrased. Words ending like a gerund that are not one are listed.
GERUND = re.compile(r"\b\w+(?:ando|endo|indo)\b", re.IGNORECASE)
NOT_GERUNDS = {"quando", "segundo", "segundos", "fundo", "mundo", "lindo", "bem-vindo"}


def _shown_texts() -> list[tuple[str, str]]:
    """Every Portuguese text a person reads: the angles' words, the server's messages (the
    connect page and errors), the extension's, the badges' and levels' names."""
    texts = []
    for angle in CATALOGUE["angles"]:
        for part, text in angle["text"]["pt"].items():
            texts.append((f"angles.json {angle['id']}.{part}", text))
    server = json.loads((ROOT / "server/firsthand/locales/pt.json").read_text(encoding="utf-8"))
    for key, text in server.items():
        for one in [text] if isinstance(text, str) else text:
            texts.append((f"locales/pt.json {key}", one))
    extension = json.loads(
        (ROOT / "extension/_locales/pt/messages.json").read_text(encoding="utf-8")
    )
    for key, entry in extension.items():
        if key != "langCode":  # a language tag, not words
            texts.append((f"_locales/pt {key}", entry["message"]))
    for name in ("badges", "levels"):
        catalogue = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        for item in catalogue[name]:
            for field, text in item.get("translations", {}).get("pt", {}).items():
                texts.append((f"{name}.json {item.get('id', item['name'])}.{field}", text))
    # Placeholders ({time}, $1) are not words.
    return [(where, PLACEHOLDER.sub(" ", text)) for where, text in texts]


PLACEHOLDER = re.compile(r"\{\w+\}|\$\d")
SHOWN = _shown_texts()


def test_the_texts_are_all_read():
    assert len(SHOWN) > 400
    assert {where.split()[0] for where, _ in SHOWN} >= {
        "angles.json",
        "locales/pt.json",
        "_locales/pt",
        "badges.json",
        "levels.json",
    }


@pytest.mark.parametrize(
    ("side", "words"), [("European", EUROPEAN_ONLY), ("Brazilian", BRAZILIAN_ONLY)]
)
def test_no_text_uses_one_countrys_word_where_both_share_one(side, words):
    found = []
    for name, pattern in words.items():
        word = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
        found += [(name, where, text) for where, text in SHOWN if word.search(text)]
    assert not found, f"{side}-only words: " + "\n".join(map(str, found))


def test_no_text_uses_the_gerund():
    found = [
        (where, match.group(0))
        for where, text in SHOWN
        for match in GERUND.finditer(text)
        if match.group(0).lower() not in NOT_GERUNDS
    ]
    assert not found, found


# European phrase -> the Brazilian way of saying it; wherever a skip_when list has the first,
# it has the second too (the lists are matched against the draft's own words).
SAID_BOTH_WAYS = {
    "mal posso esperar": "não vejo a hora",
    "para a semana": "semana que vem",
    "nosso stand": "nosso estande",
    "no stand": "no estande",
    "esperamos por si": "esperamos vocês",
    "vou ao": "vou participar",
    "fui ao": "fui no",
    "fui à": "fui na",
    "dei a minha": "dei minha",
    "dei o meu": "dei meu",
    "o que levo": "o que eu levo",
}


def test_the_skip_lists_know_the_brazilian_forms():
    checked = 0
    for angle in CATALOGUE["angles"]:
        listed = angle.get("skip_when", {}).get("pt", [])
        for european, brazilian in SAID_BOTH_WAYS.items():
            if european in listed:
                checked += 1
                assert brazilian in listed, (angle["id"], european, brazilian)
    assert checked >= 40


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


BEFORE = ["event_what_to_learn", "event_who_to_meet", "event_why_going"]

# The same draft as written in Portugal and in Brazil, and the tips both get.
BOTH_WAYS = [
    (
        "Muito orgulho da minha equipa. Ontem fizemos o nosso primeiro jantar de Natal todos "
        "juntos, e foi ótimo.",
        "Muito orgulho da minha equipe. Ontem fizemos a nossa primeira confraternização de fim "
        "de ano todos juntos, e foi ótimo.",
        "team_culture",
        ["team_name_the_people", "team_one_scene", "team_why_it_matters"],
    ),
    (  # before the event: the tips for after it are skipped ("não vejo a hora")
        "Mal posso esperar pelo congresso de enfermagem em Lisboa! É a primeira vez que vou e "
        "estou um pouco nervosa.",
        "Não vejo a hora do congresso de enfermagem em Recife! É a primeira vez que vou e estou "
        "um pouco nervosa.",
        "event",
        BEFORE,
    ),
    (  # "vou participar", said both ways
        "Vou participar no congresso de enfermagem em Coimbra, pela primeira vez. Confesso que "
        "estou nervosa.",
        "Vou participar do congresso de enfermagem em Recife, pela primeira vez. Confesso que "
        "estou nervosa.",
        "event",
        BEFORE,
    ),
    (  # after it, with the lesson told: no tip asks for the lesson, nor for one moment
        "De volta do congresso de enfermagem em Coimbra. O que levo: ouvir mais os doentes.",
        "Voltei do congresso de enfermagem em Recife. Meu maior aprendizado: ouvir mais os "
        "pacientes.",
        "event",
        ["event_who_you_met", "ask_your_network", "one_concrete_detail"],
    ),
]


@pytest.mark.parametrize(("european", "brazilian", "topic", "angles"), BOTH_WAYS)
def test_a_brazilian_draft_gets_the_tips_a_european_one_does(
    engine, european, brazilian, topic, angles
):
    for text in (european, brazilian):
        answer = engine.analyze(text)
        assert (answer["lang"], answer["topic"]["id"]) == ("pt", topic), (text, answer["topic"])
        assert [a["id"] for a in answer["angles"]] == angles, text
