"""Bottom-k sketches of post text, to spot the same announcement pasted by many.

A sketch keeps the K smallest hashes of a text's word triples. The share of a
draft's sketch hashes that another text also has estimates how much of the draft
that text contains, and each hash can be indexed, so finding colleagues' posts
that share hashes is an index lookup, not a scan.
"""

from __future__ import annotations

import hashlib
import re

K = 32
MIN_WORDS = 8  # shorter drafts ("Congrats team!") are alike by nature, not copied
_WORD = re.compile(r"\w+")
_BITS = (1 << 63) - 1  # fits a signed BIGINT column on every database


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big") & _BITS


def sketch(text: str) -> list[int]:
    """The K smallest hashes of the text's word triples (case and punctuation ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    # Each distinct triple hashed once: 20,000 characters of "I I I…" hashed one triple
    # 10,000 times (10 ms); a real draft's triples are nearly all distinct.
    triples = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    return sorted(set(map(_hash, triples)))[:K]
