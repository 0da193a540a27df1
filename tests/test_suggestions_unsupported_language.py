"""POST /suggestions on a draft in none of the six languages (Polish, Turkish, Czech,
Swedish): an unclear topic and tips that fit any post, in the reader's language (Accept-Language,
else English), rather than a confident topic and tips in the nearest language. Drafts of the
six, short drafts and a given `lang` are read as before (a real HTTP server on SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.language import FOREIGN_FROM_WORDS
from firsthand.analysis.text import prepare

TESTS = Path(__file__).resolve().parent
DATA = TESTS.parent / "server" / "firsthand" / "data"
# Posts written for this test, 30-120 words each, like LinkedIn posts.
POSTS = [
    json.loads(line)
    for line in (TESTS / "data" / "unsupported_languages.jsonl").read_text("utf-8").splitlines()
]
# Told apart by their spelling; Italian and Catalan spell too much like Spanish, French and
# Portuguese (docs/suggestions-quality.md): they are read as before, the nearest language, and
# so is one Swedish post of two (too few of its words are foreign to the six).
TOLD = [post for post in POSTS if post["id"] in {"u01", "u02", "u08", "u09", "u10", "u11"}]
# A cold check's posts in Czech, Hungarian, Turkish, Finnish, Romanian, Danish and Norwegian
# (all but 8 of its 21 had fallen short of 60% foreign words: their short words, "v", "a", "se",
# "og", are each nearest another of the six, which the rule now reads as not agreeing).
SECOND = [
    json.loads(line)
    for line in (TESTS / "data" / "unsupported_languages_2.jsonl").read_text("utf-8").splitlines()
]


@pytest.fixture
def ask(ask_suggestions):
    return ask_suggestions


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


@pytest.mark.parametrize("post", TOLD, ids=lambda post: f"{post['id']}-{post['lang']}")
def test_a_draft_in_another_language_gets_general_tips_in_the_readers_language(ask, post):
    answer = ask(post["text"], "fr-FR,fr;q=0.9").json()
    assert answer["topic"]["id"] == "unclear" and answer["language_supported"] is False
    assert answer["lang"] == "fr"
    assert "Accept-Language" in ask(post["text"], "fr").headers.get("Vary", "")
    catalogue = json.loads((DATA / "suggestions" / "angles.json").read_text("utf-8"))
    general = {a["id"] for a in catalogue["angles"] if "*" in a["topics"]}
    assert {angle["id"] for angle in answer["angles"]} <= general
    # Without a language of the six in Accept-Language: English.
    assert ask(post["text"]).json()["lang"] == "en"
    assert ask(post["text"], "pl").json()["lang"] == "en"


@pytest.mark.parametrize("post", SECOND, ids=lambda post: f"{post['id']}-{post['lang']}")
def test_more_latin_script_languages_are_told(engine, post):
    answer = engine.analyze(post["text"])
    assert answer["language_supported"] is False and answer["topic"]["id"] == "unclear"


def test_a_given_lang_is_taken_as_before(ask):
    answer = ask(TOLD[0]["text"], "fr", lang="de")
    assert answer.json()["lang"] == "de" and answer.json()["language_supported"] is True
    assert "Accept-Language" not in answer.headers.get("Vary", "")


def test_short_drafts_are_never_called_unsupported(engine):
    words = TOLD[0]["text"].split()
    for size in range(1, FOREIGN_FROM_WORDS):
        assert not engine.language.unsupported(prepare(" ".join(words[:size])))
    assert engine.language.unsupported(prepare(TOLD[0]["text"]))


def test_drafts_of_the_six_are_not_unsupported(engine):
    # The hardest drafts of the labelled ones: Swiss German, a list of vacancies, code-switching.
    drafts = [
        "Mir händ hüt im Team es Fondue gmacht, im Stall, zwüsche de Chüeh. Üse Lehrling het "
        "vorgschlage, und es isch de schönst Abig vom ganze Jahr gsi.",
        "Vacature: Chauffeur CE (m/v/x), Genk. Dagritten, elke avond thuis, nieuwe trucks, "
        "een vast contract en een team dat voor elkaar klaarstaat.",
        "I work in Lisboa since two years as data analyst. Aqui, as reuniões começam sempre com "
        "10 minutos de conversa sobre o fim de semana. For me, at first it was strange.",
    ]
    # Half in Hebrew, half in English: the English is read (a few words of another script
    # pulled the average down however many were ours).
    drafts.append("אני גאה בצוות שלנו 🎉 I am proud of my team today: we shipped it together 🚀")
    # Names are spelt in their own language whatever the post's: they do not count.
    drafts.append(
        "Huge thanks to Krzysztof Wojciechowski, Małgorzata Szczepańska, Nguyễn Thị Hương, "
        "Żaneta Kędzierska, Jiří Dvořák and Gülşen Yıldırım: the Łódź and Brno lines ran "
        "again within a week, and nobody on the night shift had to stay a minute longer."
    )
    # Handles and lower-case names are names too (a cold check of the first version).
    drafts += [
        "huge shoutout to @kwojciechowski @mszczepanska @gbrzeczyszczykiewicz @pklosowski "
        "@awroblewska @lzoltowski @tkowalczyk @jdabrowski for the gdansk launch, you rock!",
        "thanks so much to krzysztof wojciechowski, małgorzata szczepańska, grzegorz "
        "brzęczyszczykiewicz, przemysław kłosowski, agnieszka wróblewska and łukasz żółtowski "
        "for the amazing work on the gdańsk launch!",
        "WIR SIND SO STOLZ AUF UNSER TEAM. NACH MONATEN HARTER ARBEIT IST DIE NEUE VERSION "
        "ENDLICH DA. DANKE AN ALLE!",
        # 41% foreign words, but the rest agree on English (0.85; foreign languages' rest do not).
        "big thanks to wojciech, małgorzata, przemek, agnieszka, grzegorz, łukasz, krzysztof and "
        "bożena from the kraków office for the warm welcome this week",
        # A long quote in Polish in an English post (a cold check's).
        "My grandmother's advice before my first day as a teacher, in her words: \"nie bój się "
        "dzieci, one się ciebie bardziej boją, a jak będą hałasować to po prostu poczekaj w "
        'ciszy aż skończą". Fifteen years later, still the best classroom management tip I know.',
    ]
    for text in drafts:
        assert not engine.language.unsupported(prepare(text))
        assert engine.analyze(text)["lang"] in {"de", "nl", "pt", "en"}


def test_a_draft_in_another_script_or_in_capitals_is_unsupported(engine):
    # Chinese and Japanese have few "words" between stops: their script tells them.
    for text in (
        "チームをとても誇りに思います。何ヶ月もの努力の末、本日アプリの新しいバージョンを"
        "リリースしました。皆さんのご支援に感謝します！",
        "我为我们的团队感到非常自豪。经过几个月的努力，我们今天终于发布了新版本的应用程序。",
        "Горжусь командой! Новая версия приложения уже доступна. Спасибо всем за поддержку!",
        # Title Case and capitals throughout leave few words in lower case: all are read.
        "Nowa Wersja Naszej Aplikacji Już Dostępna! Sprawdźcie Nowe Funkcje, Które Przygotował "
        "Nasz Zespół W Ostatnich Miesiącach. Dziękujemy Wszystkim Za Wsparcie I Cierpliwość!",
        "JESTEM BARDZO DUMNY Z NASZEGO ZESPOŁU. PO WIELU MIESIĄCACH CIĘŻKIEJ PRACY WRESZCIE "
        "URUCHOMILIŚMY NOWĄ WERSJĘ APLIKACJI. DZIĘKUJĘ WSZYSTKIM!",
    ):
        assert engine.language.unsupported(prepare(text)), text
    for text in (
        "אני גאה בצוות שלנו. השקנו היום את הגרסה החדשה של האפליקציה אחרי שמונה חודשים של "
        "עבודה קשה, תודה לכולם על הסבלנות והתמיכה",
        "Я очень горжусь нашей командой: сегодня мы выпустили новую версию приложения после "
        "восьми месяцев работы, спасибо всем",
    ):
        assert engine.language.unsupported(prepare(text))


@pytest.mark.parametrize(
    "text",
    [
        "我为我们的团队感到非常自豪。经过几个月的努力，我们今天终于发布了新版本的应用程序。",
        "チームをとても誇りに思います。何ヶ月もの努力の末、本日アプリの新しいバージョンを"
        "リリースしました。皆さんのご支援に感謝します！",
        "Спасибо коллегам за поддержку сегодня",
        "我们发布了新版本" * 2500,  # 20,000 characters, no stop: one "word"
    ],
    ids=["zh", "ja", "ru-short", "zh-20000"],
)
def test_a_few_words_of_another_script_are_told_through_the_api(ask, text):
    # A cold check: the route read drafts of under six "words" in the reader's language before
    # asking whether they were in another, and a Chinese post has few words between its stops.
    answer = ask(text, "de-DE,de;q=0.9").json()
    assert answer["language_supported"] is False and answer["topic"]["id"] == "unclear"
    assert answer["lang"] == "de"  # tips in the reader's language


def test_a_short_draft_of_the_six_still_takes_the_readers_language(ask):
    answer = ask("Montag.", "de-DE,de;q=0.9").json()
    assert answer["lang"] == "de" and answer["language_supported"] is True
    assert ask("Montag.").json()["lang"] == "en"
