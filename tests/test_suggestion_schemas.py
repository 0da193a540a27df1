"""The suggestion data files this branch reshaped or added, against their JSON Schemas.

The start-up data check (issue 9) validates every data file by its schema in data_schemas/;
these schemas follow that layout, and this test keeps them and the files in step until then.
"""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

SERVER = Path(__file__).resolve().parents[1] / "server" / "firsthand"


@pytest.mark.parametrize("name", ["topics", "topic_model", "voice_model"])
def test_the_shipped_file_fits_its_schema(name):
    schema = json.loads((SERVER / "data_schemas/suggestions" / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    data = json.loads((SERVER / "data/suggestions" / f"{name}.json").read_text())
    assert [e.message for e in Draft202012Validator(schema).iter_errors(data)] == []


@pytest.mark.parametrize(
    ("name", "break_it"),
    [
        ("topics", lambda d: d["topics"]["award"].pop("concepts")),
        ("topics", lambda d: d["topics"]["award"]["concepts"]["award_word"].update(EN=["x"])),
        ("topic_model", lambda d: d.update(commit_above=1.5)),
        ("voice_model", lambda d: d["thin_wrapper"].pop("weight")),
    ],
)
def test_a_broken_file_is_refused(name, break_it):
    schema = json.loads((SERVER / "data_schemas/suggestions" / f"{name}.schema.json").read_text())
    data = json.loads((SERVER / "data/suggestions" / f"{name}.json").read_text())
    break_it(data)
    assert list(Draft202012Validator(schema).iter_errors(data))
