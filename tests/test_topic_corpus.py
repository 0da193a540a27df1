"""The labelled drafts are sound before anything learns from them (check_topic_corpus.py)."""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import check_topic_corpus  # noqa: E402


def test_the_corpus_has_valid_labels_unique_ids_and_no_near_copies():
    assert check_topic_corpus.check([]) == []


def test_the_check_names_bad_lines_and_near_copies(tmp_path):
    # A writer no corpus file will ever be (w99 is a real one now).
    corpus = check_topic_corpus.CORPUS
    existing = json.loads((corpus / "w2.jsonl").read_text().splitlines()[3])
    good = {
        "id": "w999-001",
        "text": "Finished my first marathon in Lisbon today, four hours and change, legs gone.",
        "voice": "personal",
        "topic": "life_event",
        "lang": "en",
        "hard_case": None,
        "writer": "w999",
    }
    lines = [
        good,
        {**good, "id": "w999-002", "topic": "gossip", "text": "Heard a rumour, will not say."},
        {**good, "id": "w999-003", "mood": "happy", "text": "Sunny day at the office."},
        {**good, "id": existing["id"], "text": "Something else entirely, said differently."},
        {**good, "id": "w999-004", "text": existing["text"] + " Plus one line."},
        {**good, "id": "w999-005", "writer": "w998", "text": "A draft from another hand."},
    ]
    path = tmp_path / "w999.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    problems = check_topic_corpus.check([path])
    assert "w999.jsonl:2: label personal/gossip/en" in problems
    assert any(p.startswith("w999.jsonl:3: keys") for p in problems)
    assert f"id {existing['id']} is used twice" in problems
    assert any(existing["id"] in p and "w999-004" in p for p in problems if "near" in p)
    assert "w999.jsonl:6: writer 'w998' in w999.jsonl" in problems
    assert any(p.startswith("w999.jsonl:7: not JSON") for p in problems)
    assert not any("w999-001" in p for p in problems)


def test_the_check_reads_topic_less_drafts_with_their_own_keys_and_label(tmp_path):
    corpus = check_topic_corpus.CORPUS
    existing = json.loads((corpus / "w3.jsonl").read_text().splitlines()[5])
    good = {
        "id": "z-001",
        "text": "Long week, short post. Back on Monday.",
        "lang": "en",
        "voice": "personal",
        "topic": "none",
        "writer": "z",
    }
    lines = [
        good,
        {**good, "id": "z-002", "topic": "award", "text": "Well, well, well."},
        {**good, "id": "z-003", "hard_case": None, "text": "Just saying hello."},
        {**good, "id": "z-004", "text": existing["text"]},
    ]
    path = tmp_path / "z.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    problems = check_topic_corpus.check([], [path])
    assert "z.jsonl:2: label personal/award/en" in problems
    assert any(p.startswith("z.jsonl:3: keys") for p in problems)
    assert any(existing["id"] in p and "z-004" in p for p in problems if "near" in p)
    assert not any("z-001" in p for p in problems)
    # A topical file may not hold a topic-less draft, nor the other way round.
    topical = tmp_path / "w98.jsonl"
    row = {**good, "id": "w98-001", "hard_case": None, "writer": "w98"}
    topical.write_text(json.dumps(row) + "\n")
    assert "w98.jsonl:1: label personal/none/en" in check_topic_corpus.check([topical])
