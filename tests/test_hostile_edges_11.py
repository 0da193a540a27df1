"""Hostile and careless use, eleventh round (SQLite and PostgreSQL): what the newest code
paths (the language model of drafts) met from a client sending odd drafts on purpose."""

from __future__ import annotations

import random
import string
import tracemalloc

import pytest

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _nonsense(rng: random.Random, letters: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(letters))


@pytest.mark.parametrize("where", ["hashtag", "prose"])
def test_drafts_of_endless_made_up_words_do_not_grow_the_server(client, auth, where):
    """The analyses remember each word's letter runs (words recur from draft to draft), up
    to 50,000 or 65,536 words. A word of 19,980 made-up letters was remembered too, with its
    80,000 letter runs: some 5.7 MB a draft (as a hashtag; 0.3 MB in the prose), so one
    employee's token, within the 120 suggestions a minute, grew a worker by 0.7 GB a minute
    until it ran out of memory. Words longer than any real one are read, not remembered."""
    rng = random.Random(11)

    def suggest(word: str) -> None:
        text = f"I built this #{word}" if where == "hashtag" else f"I built {word} today."
        answer = client.post("/api/v1/suggestions", json={"text": text}, headers=auth)
        assert answer.status_code == 200, answer.get_json()

    for _ in range(2):  # anything built once, for the first drafts, first
        suggest(_nonsense(rng, 19_980))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(8):
            suggest(_nonsense(rng, 19_980))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"{grown:,} bytes kept after eight drafts"
