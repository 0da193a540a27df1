"""The clone check's sketch hashes each distinct word triple once: 20,000 characters of
"I I I…" hashed the same triple 9,998 times (10 ms a draft). The sketch is the one it was (its
hashes are stored with each share, so they must not change)."""

from __future__ import annotations

import random

import pytest

from firsthand.analysis import fingerprint


def sketch_as_it_was(text: str) -> list[int]:
    words = fingerprint._WORD.findall(text.lower())
    if len(words) < fingerprint.MIN_WORDS:
        return []
    triples = (" ".join(words[i : i + 3]) for i in range(len(words) - 2))
    return sorted({fingerprint._hash(t) for t in triples})[: fingerprint.K]


def test_a_repeated_triple_is_hashed_once(monkeypatch):
    hashed = []
    plain = fingerprint._hash
    monkeypatch.setattr(fingerprint, "_hash", lambda s: hashed.append(s) or plain(s))
    assert fingerprint.sketch(("I " * 10_000)[:20_000]) == [plain("i i i")]
    assert hashed == ["i i i"]


@pytest.mark.parametrize("seed", range(200))
def test_the_sketch_is_the_one_it_was(seed):
    rng = random.Random(seed)
    words = ["I", "we", "Ünité", "x1", "2", "launch", "the", "team", "d'équipe", "ß", "İ"]
    text = " ".join(rng.choices(words, k=rng.randint(0, 60)))
    assert fingerprint.sketch(text) == sketch_as_it_was(text)


def test_the_hashes_are_those_stored_before():
    # blake2b, 8 bytes, big-endian, 63 bits: what ShareSketch rows already hold
    assert fingerprint._hash("we are thrilled") == 3672782262414391007
