"""Language detection's letter hints: the one-scan regexes against a plain test per word."""

import json
import random
from pathlib import Path

from firsthand.analysis.text import HINT_NEEDS, LANGUAGE_HINTS, WORD_HINTS, prepare

DATA = Path(__file__).resolve().parent / "data"
PLAIN = {
    "pt": lambda w: "ã" in w or "õ" in w or w.endswith(("ção", "ções")),
    "es": lambda w: "ñ" in w or w.endswith("ción"),
    "de": lambda w: "ß" in w or "ä" in w or "ö" in w or "ü" in w,
    "fr": lambda w: "è" in w or "ê" in w or "œ" in w or w.startswith(("j'", "d'", "l'", "qu'")),
    "nl": lambda w: "ij" in w or "aa" in w or "uu" in w or w == "één",
}


def test_hints_count_the_words_a_plain_test_counts():
    rng = random.Random(16)
    letters = "aijuçãõñcióéèêœßäöüdlq'-x"
    words = {"".join(rng.choices(letters, k=rng.randint(1, 7))) for _ in range(20_000)}
    for path in sorted(DATA.rglob("*.jsonl"))[:4]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.update(prepare(json.loads(line)["text"]).words)
    ordered = sorted(words)
    joined = "\n".join(ordered)
    for code, plain in PLAIN.items():
        found = len(LANGUAGE_HINTS[code].findall(joined))
        found += WORD_HINTS.get(code) in words  # a whole word, looked up apart (as detection does)
        assert found == sum(map(plain, ordered)), code
        # The cheap gate before each scan never skips a word the plain test counts.
        counted = [w for w in ordered if plain(w)]
        assert all(any(need in "\n" + w for need in HINT_NEEDS[code]) for w in counted), code
