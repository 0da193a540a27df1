"""How a case of angles.json is told: `when` patterns, `unless` patterns, the model's topics.

A case stands for the topic the model read and offers only its own angles (tests/
test_angles_loss.py: a death). A case may be told only on some topics (a post congratulating
a colleague on an award is about someone else; a launch congratulating the team is still a
launch) and not when the draft says one of its `unless` patterns (the author's own award,
with a word for the other finalists). An angle's `skip_when` holds in the fallback that fills
a short list too: an offer already made is not offered again to make up three.
"""

from __future__ import annotations

from firsthand.analysis.angles import pick_angles

PERSONAL = {"label": "personal", "signals": []}


def angle(id_: str, topics: list[str], starter: str = "", **more) -> dict:
    text = {"title": id_, "prompt": id_, "starter": starter}
    return {"id": id_, "topics": topics, "voice": "any", "fills": id_, "text": {"en": text}, **more}


CATALOGUE = {
    "limits": {"corporate": 5, "personal": 3},
    "cases": {
        "someone": {
            "topics": ["award"],
            "when": {"en": [r"\bCongrats to [A-Z]"]},
            "unless": {"en": [r"\bI won\b"]},
        },
        "closing": {"when": {"*": [r"(?i:\bwe close\b)"]}},
    },
    "angles": [
        angle("award_tip", ["award"]),
        angle("launch_tip", ["product_launch"]),
        angle("any_tip", ["*"]),
        angle("someone_a", ["someone"]),
        angle("someone_b", ["someone"]),
        angle("someone_c", ["someone"]),
        angle("closing_a", ["closing"]),
        angle("closing_offer", ["closing"], skip_when={"en": ["call me"]}),
        angle("closing_b", ["closing"]),
    ],
}


def ids(topic: str, prose: str) -> list[str]:
    words = tuple(prose.lower().replace(".", "").split())
    return [a["id"] for a in pick_angles(CATALOGUE, topic, PERSONAL, "en", 0, words, prose)]


def test_a_case_with_topics_holds_only_on_those_topics():
    assert ids("award", "Congrats to Ana on the prize.") == ["someone_a", "someone_b", "someone_c"]
    assert ids("product_launch", "Congrats to Ana on the launch.") == ["launch_tip", "any_tip"]


def test_a_case_is_not_told_when_the_draft_says_one_of_its_unless_patterns():
    assert ids("award", "I won! Congrats to Ana too.") == ["award_tip", "any_tip"]


def test_a_case_without_topics_holds_on_any_topic():
    assert ids("hiring", "We close in May.") == ["closing_a", "closing_offer", "closing_b"]


def test_the_fallback_leaves_out_an_angle_the_draft_says_it_has_done():
    """Two of three angles left: the offer the draft makes is not offered to make up three."""
    assert ids("hiring", "We close in May. Call me.") == ["closing_a", "closing_b"]
