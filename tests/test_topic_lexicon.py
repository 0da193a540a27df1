"""The concept lexicon: folding, pattern kinds, and the fast matcher against a plain one."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from firsthand.analysis.lexicon import Lexicon, draft_words, words_of
from firsthand.analysis.text import prepare

TOPICS = Path(__file__).resolve().parents[1] / "server/firsthand/data/suggestions/topics.json"
DATA = TOPICS.parents[1]
CORPUS = Path(__file__).resolve().parent / "data" / "topic_corpus"


def test_folding_reads_accents_elisions_and_numbers_alike():
    assert words_of("L'équipe fête ses 12 ans, Größe, three lessons") == [
        "equipe", "fete", "ses", "0", "ans", "grosse", "0", "lessons",
    ]  # fmt: skip


def test_pattern_kinds():
    lexicon = Lexicon(
        {
            "tenure": ["0 years at", "*jubiläum"],
            "launch": ["launch*", "ist da"],
            "nothing": ["0", "0 0"],  # only numbers: would match every draft, so refused
        }
    )
    found = lexicon.find(draft_words(prepare("12 years at Acme and our Firmenjubiläum! Launched.")))
    assert found == {"tenure": 2, "launch": 1}
    assert lexicon.find(words_of("Sie ist da")) == {"launch": 1}
    assert lexicon.find(words_of("Jubiläum")) == {}  # a suffix needs something before it


def _plain(concepts: dict[str, list[str]], words: list[str]) -> set[str]:
    """Every pattern tried at every position: slow and obviously right."""

    def fits(word: str, token: str) -> bool:
        if token.endswith("*"):
            return word.startswith(token[:-1])
        if token.startswith("*"):
            return word.endswith(token[1:]) and len(word) > len(token)
        return word == token

    found = set()
    for concept, patterns in concepts.items():
        for pattern in patterns:
            tokens = [t for part in pattern.split() for t in _fold(part)]
            if not tokens or all(t.strip("*") == "0" for t in tokens):
                continue
            for i in range(len(words) - len(tokens) + 1):
                if len(tokens) == 1 and tokens[0].startswith("*") and len(tokens[0]) <= 2:
                    continue
                if all(fits(w, t) for w, t in zip(words[i:], tokens, strict=False)):
                    found.add(f"{concept}\t{' '.join(tokens)}")
    return found


def _fold(token: str) -> list[str]:
    folded = words_of(token.strip("*"))
    if folded and token.startswith("*"):
        folded[0] = "*" + folded[0]
    if folded and token.endswith("*") and len(token) > 1:
        folded[-1] += "*"
    return folded


def test_the_shipped_lexicon_matches_like_a_plain_scan():
    spec = json.loads(TOPICS.read_text())
    concepts = {
        name: [p for patterns in by_lang.values() for p in patterns]
        for topic in spec["topics"].values()
        for name, by_lang in topic["concepts"].items()
    }
    lexicon = Lexicon(concepts)
    patterns = sorted({p for ps in concepts.values() for p in ps})
    # Phrases with a wildcard after their first word take the matcher's slower path: all in.
    wild = [p for p in patterns if "*" in p.split(" ", 1)[-1] and " " in p]
    rng = random.Random(16)
    for n in range(12):
        words = []  # whole patterns (wildcards filled in) and stray words
        for pattern in rng.sample(patterns, 12) + wild[n::12]:
            tokens = [t for part in pattern.split() for t in _fold(part)]
            whole = [t.rstrip("*") + "s" if t.endswith("*") else t for t in tokens]
            whole = ["ab" + t[1:] if t.startswith("*") else t for t in whole]
            words += whole if rng.random() < 0.7 else whole[:1]
        assert lexicon.find_patterns(words) == _plain(concepts, words), words
        # Again, from the words' remembered lookups.
        assert lexicon.find_patterns(words) == _plain(concepts, words), words


PROBABILITIES_OF_DRAFTS = """
import json, sys
from firsthand.analysis import Analyzer
from firsthand.analysis.text import prepare
analyzer = Analyzer.load(sys.argv[1])
drafts = json.loads(sys.stdin.read())
print(json.dumps([analyzer.topics.probabilities(prepare(d)) for d in drafts]))
"""


def test_topic_probabilities_do_not_depend_on_the_hash_seed():
    """Every gunicorn worker has its own hash seed; a draft near the commit threshold must get
    the same answer from each, to the last bit of its probabilities."""
    rows = [
        json.loads(line)
        for line in (CORPUS / "w42.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    # Drafts that name many concepts, where the order of a float sum can show.
    drafts = sorted((r["text"] for r in rows), key=len)[-40:]
    answers = []
    for seed in ("1", "2", "3"):
        out = subprocess.run(
            [sys.executable, "-c", PROBABILITIES_OF_DRAFTS, str(DATA)],
            input=json.dumps(drafts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        answers.append(json.loads(out))
    assert answers[0] == answers[1] == answers[2]
