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
