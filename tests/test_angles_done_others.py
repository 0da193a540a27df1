"""What a draft already does, in drafts written by other people (a hunt of 223 drafts by
writers who had not seen the engine, six languages): tips asked for what the draft did.

- "Quote what the customer said" on customer stories that quote the customer word for word
  (gap `quote`: a quotation of three words or more in “…”, „…“, «…», »…«, "…", or in '…' when
  it ends a sentence or a speech verb follows).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.angles import Filled

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"
CATALOGUE = json.loads((DATA / "suggestions" / "angles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def fills(gap: str, lang: str, prose: str) -> bool:
    return Filled({"signals": []}, set(), CATALOGUE, lang, prose)(gap)


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
