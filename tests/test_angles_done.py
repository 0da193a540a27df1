"""A tip is not offered for what the draft already does (a cold review of the angles on 5
December 2026, 94 drafts of a reviewer's own: 35 were asked for something they did).

- A tip stayed after the person had typed its own starter (the panel's button types it) and
  finished the sentence: 131 of 191 times.
- Thanks with a title or a relation before the name ("a la Dra. Elena Ruiz", "to my wife
  Anna", "I want to thank Sarah") were not seen; company copy was asked who should be thanked
  when it thanked people by name.
- "Add one concrete detail" on drafts full of figures; "Name the one idea you took home"
  after "The one idea I took home: …".
- Company copy inviting people to a fair got after-the-fair questions; past talks in Spanish
  and Portuguese a before-the-event tip; a bare link to an article "Who on the team should be
  thanked by name?"; one's employer's news "Here's where I'd push back a little".
- Company copy under a wall of hashtags never got the hashtag tip.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.angles import _may_match, _openings, pick_angles

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


def angle_ids(engine: Analyzer, text: str) -> list[str]:
    return [a["id"] for a in engine.analyze(text)["angles"]]


def test_no_tip_stays_once_its_starter_is_written(engine):
    """Every angle with a starter, in every language: the draft that holds its starter (as
    the button types it, then finished) is not offered it again."""
    catalogue = engine.angles
    checked = 0
    for angle in catalogue["angles"]:
        for lang, words in angle["text"].items():
            if len(words["starter"].strip()) < 8:
                continue
            topic = angle["topics"][0] if angle["topics"][0] != "*" else "unclear"
            label = "personal" if angle["voice"] == "any" else angle["voice"]
            prose = f"Some news from our side. {words['starter']}Maria Lopez, truly."
            offered = pick_angles(
                catalogue, topic, {"label": label, "signals": []}, lang, 0, (), prose
            )
            assert angle["id"] not in [a["id"] for a in offered], (angle["id"], lang)
            checked += 1
    assert checked > 300  # sixty-odd angles in six languages


@pytest.mark.parametrize(
    ("text", "not_offered"),
    [
        (
            "Ten years at Acme today. I started on the night shift in the warehouse. I wouldn't "
            "be here without Maria Lopez, who trained me in my first week.",
            {"milestone_who_helped", "thank_someone"},
        ),
        (
            "Passed my CPA exam today, on the second attempt. I'm grateful to my wife Anna, who "
            "took the kids every Saturday for a year.",
            {"life_who_stood_by_you", "thank_someone"},
        ),
        (
            "Hoy cumplo cinco años en el hospital. Gracias a la Dra. Elena Ruiz por enseñarme "
            "a no tener miedo en urgencias.",
            {"milestone_who_helped", "thank_someone"},
        ),
        (
            "Shipped it. 14 months, 3 rewrites and one very patient product manager later, the "
            "search page loads in 400 ms instead of 3.2 s.",
            {"one_concrete_detail"},
        ),
        (
            "Back from the ASE conference in Harrogate. The one idea I took home: stop marking "
            "every piece of homework and start asking the class what they found hard.",
            {"event_idea_taken_home"},
        ),
        (
            "El jueves pasado di mi primera charla en el Congreso de Enfermería de Madrid. "
            "Estaba muy nerviosa.",
            {"event_who_to_meet", "event_why_going", "event_what_to_learn"},
        ),
        (
            "Na quinta-feira passada dei a minha primeira palestra no Congresso de Enfermagem. "
            "Estava nervosa.",
            {"event_who_to_meet", "event_why_going", "event_what_to_learn"},
        ),
    ],
)
def test_a_draft_is_not_asked_for_what_it_already_does(engine, text, not_offered):
    assert not set(angle_ids(engine, text)) & not_offered


def test_company_copy_before_a_fair_asks_whether_one_will_be_there(engine):
    for text in (
        "Join us at Booth #512 at AWS re:Invent in Las Vegas, December 2-6. Book a demo today!",
        "Besuchen Sie uns nächste Woche auf der Hannover Messe, Halle 9, Stand B14!",
        "Retrouvez-nous du 12 au 14 mars sur le stand C22 du salon VivaTech !",
    ):
        ids = angle_ids(engine, text)
        assert "will_you_be_there" in ids, (text, ids)
        assert not {"one_takeaway", "who_you_met", "moment_you_remember"} & set(ids), text


def test_a_link_to_an_article_is_not_asked_who_on_the_team_to_thank(engine):
    ids = angle_ids(engine, "https://www.ft.com/content/3f1c2a7e-energy-markets-2027")
    assert "thank_by_name" not in ids and len(ids) >= 3


def test_company_copy_under_a_hashtag_wall_gets_the_hashtag_tip(engine):
    text = (
        "Proud to announce our new plant in Ohio! #manufacturing #ohio #jobs #growth #industry "
        "#steel #careers #proud #team #future #usa"
    )
    answer = engine.analyze(text)
    assert answer["voice"]["label"] == "corporate"
    assert [a["id"] for a in answer["angles"]][0] == "fewer_hashtags"


def test_a_pattern_s_openings_gate_it_and_never_hide_a_match():
    """Each gap pattern runs only on a draft that holds one of the texts its matches start
    with: the gate may let a draft through that the pattern then refuses, never the reverse."""
    catalogue = json.loads((DATA / "suggestions" / "angles.json").read_text("utf-8"))
    drafts = [
        "THANK YOU, Maria!",
        "Merci à toute l'équipe, surtout Karim.",
        "Ein besonderer Dank geht an Anna Schmidt.",
        "Quiero dar las GRACIAS a la Dra. Elena Ruiz.",
        "What I learned: ship small.",
        "Mein Highlight: ein Gespräch mit einem Bäcker.",
        "Wat vinden jullie?",
        "Nothing to see here at all.",
        "42",
    ]
    gated = 0
    for by_lang in catalogue["gap_patterns"].values():
        for patterns in by_lang.values():
            for pattern in patterns:
                openings = _openings(pattern)
                for draft in drafts:
                    if re.search(pattern, draft):
                        assert _may_match(openings, draft.casefold()), (pattern, draft)
                    elif openings is not None and not _may_match(openings, draft.casefold()):
                        gated += 1
    assert gated > 50  # the gates do turn drafts away
    assert _openings(r"\b(?i:thank you|grateful to)\b") == ("thank you", "grateful to")
    assert _openings(r"\d") is None  # no literal to look for: the pattern runs


def test_a_pattern_s_openings_read_on_past_its_first_group():
    """ "i " opened "i (?:want|would like) to thank": 20,000 characters of "I I I…" held it
    everywhere and the pattern ran over all of them; its openings are now read on."""
    thanks = r"\b(?i:i (?:want|would like) to thank|big thanks to)\b"
    assert _openings(thanks) == ("i want to thank", "i would like to thank", "big thanks to")
    assert not _may_match(_openings(thanks), ("I " * 10_000).casefold())
    assert _openings(r"ab(?:c|d?)e") == ("ab",)  # an alternative that opens with no letter
    many = "x(?:" + "|".join(f"{c}{d}" for c in "abcde" for d in "fghi") + ")"
    assert _openings(many) == ("x",)  # 20 ways: the first letters only


def test_read_on_openings_never_hide_a_match_on_real_drafts():
    catalogue = json.loads((DATA / "suggestions" / "angles.json").read_text("utf-8"))
    drafts = [
        json.loads(line)["text"]
        for path in sorted((Path(__file__).parent / "data").glob("fresh_drafts*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    drafts += [d.upper() for d in drafts] + ["I want to thank Ana. I'd love to hear yours!"]
    for by_lang in catalogue["gap_patterns"].values():
        for patterns in by_lang.values():
            for pattern in patterns:
                for draft in drafts:
                    if re.search(pattern, draft):
                        assert _may_match(_openings(pattern), draft.casefold()), (pattern, draft)
