"""Every corporate verdict of six words or more names a reason leaning its way: when no phrase
or rule explains it, the blend's cue that tipped it (analysis.voice_reasons). A warm post in
"we" read as company copy said "Sounds like a press release" with no reason, or only one
against it; the verdict itself is never changed by its explanation."""

import json
import random
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "server" / "firsthand" / "data"
CORPUS = ROOT / "tests" / "data" / "topic_corpus"


def voice_of(text: str) -> dict:
    return Analyzer.load(DATA).analyze(text)["voice"]


def leaning(voice: dict, side: str) -> list[str]:
    return [s["id"] for s in voice["signals"] if s["leans"] == side]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Rest in peace, Anouk. The warmest district nurse this city ever had. We will "
            "miss you every single day.",
            "no_first_person",
        ),
        (
            "Huge thanks to everyone who came out to the Harvest Supper on Saturday! 300 plates "
            "served, £4,200 raised for the food bank, and not a single pie left. Volunteers, "
            "you were incredible. Same time next year? 🥧🍂",
            "no_first_person",
        ),
    ],
)
def test_a_corporate_verdict_no_signal_explained_names_the_cue_that_tipped_it(
    text, reason, monkeypatch
):
    with monkeypatch.context() as without:
        without.setitem(Analyzer.load(DATA).judge.model, "blend_reasons", [])
        bare = voice_of(text)
    assert bare["label"] == "corporate" and leaning(bare, "corporate") == []
    told = voice_of(text)
    assert leaning(told, "corporate") == [reason]
    # The explanation changes nothing else.
    assert (told["label"], told["personal_score"]) == (bare["label"], bare["personal_score"])


def test_a_few_words_stay_too_early_rather_than_get_a_reason():
    # Under six words of one's own a named reason would turn "too early" into a verdict.
    assert leaning(voice_of("Great week with the crew."), "corporate") in ([], ["wording"])


def corpus_sample(n: int) -> list[dict]:
    held_out = set(json.loads((CORPUS / "split.json").read_text())["test"])
    rows = [
        json.loads(line)
        for path in sorted(CORPUS.glob("w*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows = [r for r in rows if r["id"] not in held_out]
    return random.Random(16).sample(rows, n)


def test_every_corporate_verdict_of_six_words_or_more_gives_a_reason_its_way():
    analyzer = Analyzer.load(DATA)
    unexplained = []
    for row in corpus_sample(1500):
        answer = analyzer.analyze(row["text"], row["lang"])
        voice = answer["voice"]
        if voice["label"] == "corporate" and not leaning(voice, "corporate"):
            unexplained.append(row["text"][:80])
    # Left: drafts of a few words only, where no cue moves the score 0.3 (at most a handful).
    assert len(unexplained) <= 2, unexplained
