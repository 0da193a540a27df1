"""The admin-editable data files: schemas, start-up checks, `firsthand check-data`, and
documentation that names only facts, metrics and commands that exist."""

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from firsthand import cli, create_app, kudos, rescore, scoring, sharing
from firsthand.badges import metric_value
from firsthand.datafiles import SCHEMA_DIR, DataFileError, check_dir, data_file_names
from firsthand.models import UserStats
from firsthand.scoring import facts

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "server" / "firsthand" / "data"
FIRSTHAND = REPO / ".venv" / "bin" / "firsthand"


@pytest.fixture
def data(tmp_path) -> Path:
    """An editable copy of the shipped data folder."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def edit(path: Path, change) -> None:
    content = json.loads(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def check(path: Path):
    return CliRunner().invoke(cli.check_data_command, [str(path)])


def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def test_every_data_file_has_a_schema_and_the_shipped_data_is_valid():
    shipped = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.json"))
    assert shipped == data_file_names()
    assert {"points_rules.json", "badges.json", "levels.json"} <= set(shipped)
    assert check_dir(DATA) == []
    result = check(DATA)
    assert result.exit_code == 0 and "is valid" in result.output


def test_start_up_refuses_broken_data_naming_file_path_and_fault(data, tmp_path, monkeypatch):
    edit(data / "points_rules.json", lambda c: c["rules"][1].update(points="twenty"))
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(DataFileError) as caught:
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "DATA_DIR": str(data)})
    assert str(caught.value) == (
        "points_rules.json at $.rules[1].points (the entry with id 'first_share'): "
        "'twenty' is not of type 'integer'"
    )


def test_start_up_names_a_broken_regular_expression(data, tmp_path, monkeypatch):
    press = lambda c: c["signals"][0]["patterns"]["en"].append("(open")  # noqa: E731
    edit(data / "suggestions" / "voice_signals.json", press)
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(DataFileError, match=r"voice_signals.json at \$.signals\[0\].patterns"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "DATA_DIR": str(data)})


@pytest.mark.parametrize(
    ("name", "change", "where"),
    [
        (
            "voice_signals.json",
            lambda c: c["signals"][0]["patterns"]["de"].append(r"\b[A-Z][\w-]+ hat\b"),
            r"voice_signals.json at \$.signals\[0\].patterns.de\[",
        ),
        (
            "angles.json",
            lambda c: c["gap_patterns"]["thanks"]["en"].append(r"\bI [a-z'-]+ proud\b"),
            r"angles.json at \$.gap_patterns.thanks.en\[",
        ),
        (
            "angles.json",  # event_idea_taken_home
            lambda c: c["angles"][25]["skip_when_patterns"]["en"].append(r" [\w-]+ i'm "),
            r"angles.json at \$.angles\[25\].skip_when_patterns.en\[",
        ),
    ],
)
def test_start_up_refuses_a_pattern_that_runs_across_joined_words(
    data, tmp_path, monkeypatch, name, change, where
):
    """A pattern repeating word characters and joiners without bound took seconds on a draft
    of "I-I-I-…": the server does not start with one, and says where it is and what to do."""
    edit(data / "suggestions" / name, change)
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(DataFileError, match=where) as caught:
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "DATA_DIR": str(data)})
    assert "is repeated without bound" in str(caught.value)
    assert "give it a bound, e.g. {1,63}+" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "points_rules.json",
            lambda c: c["rules"].append({"id": "odd", "points": 1, "when": {"moon_phase": 1}}),
            "points_rules.json at $.rules[4].when (the entry with id 'odd'): "
            "'moon_phase' is not one of",
        ),
        (
            "points_rules.json",
            lambda c: c["rules"].append({"id": "stale_post", "points": 5}),
            "points_rules.json at $.rules[4].id (the entry with id 'stale_post'): "
            "'stale_post' should not be valid",
        ),
        (
            "points_rules.json",
            lambda c: c["rules"].append({"id": "share_logged", "points": 5}),
            "points_rules.json at $.rules: the id 'share_logged' is used more than once",
        ),
        ("points_rules.json", lambda c: c.pop("daily_cap"), "'daily_cap' is a required property"),
        (
            # A rule taking points away made a total below 0: no level, and /me a 500.
            "points_rules.json",
            lambda c: c["rules"].append({"id": "company_copy", "points": -15}),
            "points_rules.json at $.rules[4].points (the entry with id 'company_copy'): "
            "-15 is less than the minimum of 0",
        ),
        (
            "badges.json",
            lambda c: c["badges"][0].update(metric="likes"),
            "badges.json at $.badges[0].metric (the entry with id 'first-share'): "
            "'likes' is not one of",
        ),
        (
            "levels.json",
            lambda c: c["levels"][2].update(min_points=10),
            "levels.json at $.levels: min_points must rise strictly",
        ),
        (
            "levels.json",
            lambda c: c["levels"][0].update(min_points=5),
            "levels.json at $.levels[0].min_points: 0 was expected",
        ),
        (
            "suggestions/voice_signals.json",
            lambda c: c["signals"][0]["patterns"]["en"].append("(unclosed"),
            "suggestions/voice_signals.json at $.signals[0].patterns.en[",
        ),
        (
            "suggestions/voice_signals.json",
            lambda c: c["signals"][0]["patterns"]["en"].append("(unclosed"),
            "'(unclosed' is not a 'regex' (missing ), unterminated subpattern at position 0)",
        ),
        (
            # Tried from each word start of "I-I-I-…" to its end: seconds a draft.
            "suggestions/voice_signals.json",
            lambda c: c["signals"][0]["patterns"]["de"].append(r"\b[A-Z][\w-]+ hat\b"),
            "is not a 'regex' ([\\w-] is repeated without bound: across a run of words "
            "joined by - it is tried from each word start to the run's end; give it a bound",
        ),
        (
            "suggestions/topics.json",
            lambda c: c["topics"]["hiring"]["concepts"]["hiring_call"].update(EN=["hiring"]),
            "suggestions/topics.json at $.topics.hiring.concepts.hiring_call",
        ),
        (
            # "none" is the model's class for drafts with no topic: a topic of that name would
            # be read as "no topic" (and "unclear" is the engine's answer when unsure).
            "suggestions/topics.json",
            lambda c: c["topics"].update(none=c["topics"]["hiring"]),
            "suggestions/topics.json at $.topics: 'none' should not be valid under",
        ),
        (
            "suggestions/topic_model.json",
            lambda c: c.update(commit_above=1.5),
            "suggestions/topic_model.json at $.commit_above",
        ),
        (
            "suggestions/angles.json",
            lambda c: c["angles"][0]["text"].pop("en"),
            "suggestions/angles.json at $.angles[0].text (the entry with id 'your_part'): "
            "'en' is a required property",
        ),
        (
            # skip_when phrases are matched against the draft's lowercased words
            "suggestions/angles.json",
            lambda c: c["angles"][25]["skip_when"]["en"].insert(0, "Back from!"),
            "suggestions/angles.json at $.angles[25].skip_when.en[0] (the entry with id "
            "'event_idea_taken_home'): 'Back from!' does not match",
        ),
        (
            "suggestions/voice_model.json",
            lambda c: c["clone"].update(threshold=2),
            "suggestions/voice_model.json at $.clone.threshold: 2 is greater than the maximum of 1",
        ),
    ],
)
def test_check_data_names_the_file_the_path_and_the_fault(data, name, change, expected):
    edit(data / name, change)
    for target in (data, data / name):  # the whole folder, or the one file on its own
        result = check(target)
        assert result.exit_code == 1, result.output
        assert expected in result.output, result.output


def test_check_data_reports_json_syntax_missing_and_unknown_files(data):
    (data / "levels.json").write_text('{"levels": [', encoding="utf-8")
    (data / "suggestions" / "angles.json").unlink()
    (data / "suggestions" / "notes.json").write_text("{}", encoding="utf-8")
    output = check(data).output
    assert "levels.json at $: is not valid JSON: Expecting value at line 1, column 13" in output
    assert "suggestions/angles.json at $: is missing" in output
    assert (
        "suggestions/notes.json at $: has no schema "
        "(add data_schemas/suggestions/notes.schema.json)" in output
    )
    assert check(data / "suggestions" / "notes.json").exit_code == 1


def test_check_data_catches_what_only_the_engine_notices(data):
    # Each file is valid alone, but the trained model no longer fits the topics.
    edit(data / "suggestions" / "topics.json", lambda c: c["topics"].pop("customer_story"))
    result = check(data)
    assert result.exit_code == 1, result.output
    assert "suggestions at $: ValueError: topic_model.json does not fit" in result.output


def test_the_command_works_even_when_the_servers_own_data_is_broken(data, tmp_path):
    edit(data / "badges.json", lambda c: c["badges"][0].pop("icon"))
    env = {**os.environ, "FIRSTHAND_DATA_DIR": str(data), "FIRSTHAND_INSTANCE_PATH": str(tmp_path)}
    broken = subprocess.run([FIRSTHAND, "check-data"], env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert (
        "Error: badges.json at $.badges[0] (the entry with id 'first-share'): "
        "'icon' is a required property" in broken.stderr
    )
    fine = subprocess.run(
        [FIRSTHAND, "check-data", str(DATA)], env=env, capture_output=True, text=True
    )
    assert fine.returncode == 0 and "is valid" in fine.stdout


def test_the_documented_facts_are_the_facts_the_code_provides():
    share = SimpleNamespace(network="x", voice=None, is_clone=None)
    provided = set(facts(UserStats(), share, date(2026, 11, 18)))
    rules = schema("points_rules.schema.json")
    assert set(rules["$defs"]["fact"]["enum"]) == provided
    assert set(rules["$defs"]["rule"]["properties"]["per"]["enum"]) <= provided
    comment = json.loads((DATA / "points_rules.json").read_text())["$comment"]
    listed = comment.split("Facts, as they stand before the share:")[1].split(". `daily_cap`")[0]
    assert set(re.findall(r"(?:^ |, )(\w+) \(", listed)) == provided


def test_the_documented_metrics_are_the_counters_badges_can_measure():
    metrics = set(
        schema("badges.schema.json")["properties"]["badges"]["items"]["properties"]["metric"][
            "enum"
        ]
    )
    stats = UserStats()
    for metric in metrics:
        assert isinstance(metric_value(stats, metric), int)
    comment = json.loads((DATA / "badges.json").read_text())["$comment"]
    listed = comment.split("Metrics:")[1].split(". ")[0]
    assert set(re.findall(r"(?:^ |, )(\w+)", listed)) == metrics


def test_reserved_rule_ids_are_the_servers_own_entries():
    reserved = {
        scoring.DAILY_CAP_RULE,
        scoring.STALE_RULE,
        sharing.DELETED_RULE,
        kudos.KUDOS_RULE,
        kudos.KUDOS_CAP_RULE,
        rescore.RESCORE_RULE,
    }
    rule_id = schema("points_rules.schema.json")["$defs"]["rule"]["properties"]["id"]
    assert set(rule_id["not"]["enum"]) == reserved


def test_data_files_mention_only_commands_that_exist(app):
    known = set(app.cli.commands) | {cli.check_data_command.name}
    mentioned = set()
    for path in DATA.rglob("*.json"):
        mentioned |= set(re.findall(r"firsthand ([a-z][a-z-]+)", path.read_text(encoding="utf-8")))
    assert {"check-data", "rescore"} <= mentioned <= known, mentioned - known
