#!/usr/bin/env python3
"""Compare Analyzer.analyze answers of this tree and of a baseline checkout, byte for byte.

    PYTHONPATH=server .venv/bin/python scripts/check_analysis_same.py /tmp/base-speed

Drafts: train/dev of the topic corpus (the test part's ids skipped, never printed; blind/
never opened), tests/data/fresh_drafts*.jsonl, and synthetic drafts (long mixes, emoji,
İ/Σ, quotes, URLs, hashtags). Every fifth draft is also analysed with each language forced
and with the clone check answering "clone".
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from bench_suggestions import load_baseline  # noqa: E402 (the same loader as the bench)

from firsthand.analysis import Analyzer  # noqa: E402

CORPUS = REPO / "tests" / "data" / "topic_corpus"


def texts() -> list[str]:
    held_out = set(json.loads((CORPUS / "split.json").read_text())["test"])
    found = []
    for path in sorted(CORPUS.glob("w*.jsonl")):  # blind/ is a folder: not globbed
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["id"] not in held_out:
                    found.append(row["text"])
    for path in sorted((REPO / "tests" / "data").glob("fresh_drafts*.jsonl")):
        found += [json.loads(x)["text"] for x in path.read_text().splitlines() if x.strip()]
    return found


def synthetic(real: list[str], count: int = 600) -> list[str]:
    rng = random.Random(7)
    extras = [
        "İstanbul'da İLK günüm! İ İİ i̇",
        "ΣΟΦΙΑ ΟΔΥΣΣΕΑΣ. Σ σ ς ΣΑΣ.",
        '“We are thrilled,” says our CEO. „Wir freuen uns“ «Nous sommes fiers» "quoted"',
        "https://example.com/a?b=1 www.Example.ORG/x HTTPS://X.COM/Y",
        "#LifeAtKestrel #AI #2024Goals #équipe #Ünité #ß",
        "🎉🚀💪✅👉🔹 ❤️ 🙂 ⭐",
        "I I I me my mine moi je j'ai ich mein yo mi ik mijn eu meu",
        "We our us nous notre wir unser nosotros nuestro wij onze nós nosso",
        "l'équipe d'Anna qu'il jusqu'à — Ruth Halvorsen, Managing Director",
        "three lessons, 12 years at, twenty-two, 3.5 million, 1,200",
        "\u200bzero\u200dwidth\ufeff and ’curly‘ apostrophes ʼ´`",
        "- one\n- two\n• three\n✅ four\n👉 five",
        "Ça, ÇA, ção, ções, señor, ÑANDÚ, straße, STRASSE, één, œuvre, Ærø, Łódź, Đak",
        "Sub-3. Finally. Legs gone.",
        "What do you think? Would you? ?",
        "",
        "   \n\n  ",
        "x" * 50,
        "a" * 1300 + " b",
    ]
    out = list(extras)
    for _ in range(count):
        size = rng.choice((200, 1000, 1199, 1200, 1201, 3000, 5000))
        parts = []
        while sum(map(len, parts)) < size:
            pick = rng.random()
            if pick < 0.75:
                source = rng.choice(real)
                start = rng.randrange(max(1, len(source) - 40))
                parts.append(source[start : start + rng.randint(20, 600)])
            else:
                parts.append(rng.choice(extras))
            parts.append(rng.choice(("\n\n", " ", "\n", ". ", "")))
        text = "".join(parts)[:size]
        if rng.random() < 0.2:
            text = text.upper() if rng.random() < 0.5 else text.title()
        out.append(text)
    return out


def answers(analyzer, text: str, lang: str | None, clone: bool) -> str:
    seen = []

    def lookup(sketch):
        seen.append(sketch)
        return {"is_clone": True, "similarity": 0.9, "matches": 3}

    answer = analyzer.analyze(text, lang, lookup if clone else None)
    return json.dumps([answer, seen], ensure_ascii=False, sort_keys=True)


def main() -> int:
    base = load_baseline(Path(sys.argv[1]).resolve())
    mine = Analyzer.load(REPO / "server" / "firsthand" / "data")
    real = texts()
    drafts = real + synthetic(real)
    codes = list(mine.languages)
    cases = differ = 0
    for n, text in enumerate(drafts):
        runs = [(None, False)]
        if n % 5 == 0:
            runs += [(code, n % 10 == 0) for code in codes]
        for lang, clone in runs:
            cases += 1
            # Twice each: a second analysis goes through the caches the first filled.
            a = [answers(base, text, lang, clone) for _ in range(2)]
            b = [answers(mine, text, lang, clone) for _ in range(2)]
            if a != b or a[0] != a[1]:
                differ += 1
                if differ <= 5:
                    print(f"DIFFERS: draft {n} lang={lang} clone={clone}")
                    print(" base:", a[0][:400])
                    print(" mine:", b[0][:400])
    print(f"{cases} analyses of {len(drafts)} drafts ({len(real)} real), {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
