"""Lowercasing a draft whole is the fast path; İ and Σ are where it differs from word by word."""

import pytest

from firsthand.analysis.text import WORD, lower_words, lowers_word_by_word, prepare

TEXTS = [
    "İstanbul'da ekibimle harika bir gün geçirdim.",
    "ΟΔΥΣΣΕΑΣ and I shipped it. ΣΟΦΙΑΣ.Α said so.",
    "Plain English with nothing special in it.",
    'Proud of İlkay: "İNANILMAZ bir ekip" she said.\nWe launched ΑΘΗΝΑΣ today.',
]


@pytest.mark.parametrize("text", TEXTS)
def test_own_words_are_each_word_lowercased(text: str) -> None:
    draft = prepare(text)
    assert draft.own_words == [w.lower() for w in WORD.findall(draft.own_prose)]
    assert lower_words(text) == [w.lower() for w in WORD.findall(text)]


def test_only_dotted_capital_i_and_sigma_lower_unevenly() -> None:
    assert lowers_word_by_word("İzmir")
    assert lowers_word_by_word("ΟΔΥΣΣΕΑΣ")
    assert not lowers_word_by_word("Straße, Ǆemal, ÆØÅ, Ĳssel")
    # the claim itself: whole-text lowering differs exactly where the check says
    for text in TEXTS:
        if not lowers_word_by_word(text):
            assert WORD.findall(text.lower()) == [w.lower() for w in WORD.findall(text)]
    # and why it matters: whole, a Σ before a full stop is read across it (σ), and İ becomes
    # two characters that the word pattern splits
    for text in ("ΑΣ.Α", "İA"):
        assert WORD.findall(text.lower()) != [w.lower() for w in WORD.findall(text)]
