"""The angle patterns' cheap first test: a text every match must hold (angles._needles). A
pattern opening with a lookbehind or a list of pronouns ("(?<!her )…(mum|…|he|she) … died")
was tried at every position of a long draft; a draft without "died" is now passed over."""

import re

import pytest

from firsthand.analysis.angles import _needles


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"(?i:\bpassed away\b|\brest in peace\b)", ("passed away", "rest in peace")),
        (r"(?<!\bher )\b(?:mum|dad) (?:has |sadly )?died\b", ("died",)),
        (r"\b(?:Thank|Merci) you\b", ("thank", "merci")),  # longer than " you"
        (r"(?:optional )?required", ("required",)),
        (r"(?:ab)+c", ("ab",)),
        (r"x*y?", None),  # nothing mandatory: always tried
        (r"(?:a|b*)z", ("z",)),  # an alternative with nothing mandatory: the run after it
    ],
)
def test_every_match_holds_one_of_the_needles(pattern, needles):
    assert _needles(pattern) == needles


@pytest.mark.parametrize(
    "text",
    [
        "Today my dad sadly died at home.",
        "RIP. Rest in Peace, Anouk.",
        "Merci you all",
        "optional required",
        "ababc",
    ],
)
def test_a_text_a_pattern_matches_holds_a_needle(text):
    patterns = [
        r"(?i:\bpassed away\b|\brest in peace\b)",
        r"(?<!\bher )\b(?:mum|dad) (?:has |sadly )?died\b",
        r"\b(?:Thank|Merci) you\b",
        r"(?:optional )?required",
        r"(?:ab)+c",
    ]
    for pattern in patterns:
        if re.search(pattern, text):
            assert any(needle in text.casefold() for needle in _needles(pattern)), pattern


def test_an_ascii_digit_class_needs_one_of_the_ten_digits():
    """The example gap's "a long post with a figure" ran over all of a long post without a
    figure (0.3 ms); without a digit in the draft it is now passed over."""
    pattern = r"\A(?=[\s\S]{700})[^0-9]{0,20000}[0-9]"
    assert _needles(pattern) == tuple("0123456789")
    assert _needles(r"\d") is None  # any digit, not only 0-9: no needles
