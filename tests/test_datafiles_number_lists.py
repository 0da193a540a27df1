"""The one-pass check of long lists of plain numbers (the topic model's document counts)
says exactly what jsonschema says: it may only skip lists that are wholly valid."""

import json
import random
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from firsthand.datafiles import _DataFileValidator, check_dir

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"

ITEM_SCHEMAS = [
    {"type": "integer", "minimum": 1},
    {"type": "number", "exclusiveMinimum": 0},
    {"type": "number", "minimum": -1, "maximum": 1},
    {"type": "integer", "exclusiveMaximum": 10, "description": "a count"},
    {"type": "integer", "multipleOf": 2},  # a keyword the one pass does not know
    {"type": "string"},
]
ODD_VALUES = [
    0,
    1,
    -1,
    2,
    9,
    10,
    11,
    1.0,
    1.5,
    0.0,
    -0.0,
    True,
    False,
    None,
    "3",
    [],
    {},
    float("nan"),
    float("inf"),
    float("-inf"),
    2**70,
    -(2**70),
    1e308,
]


def _errors(validator_class, schema, instance):
    found = validator_class(schema).iter_errors(instance)
    return sorted((list(e.absolute_path), e.message, e.validator) for e in found)


@pytest.mark.parametrize("items", ITEM_SCHEMAS, ids=lambda s: json.dumps(s, sort_keys=True))
def test_every_list_gets_the_errors_jsonschema_gives(items):
    chooser = random.Random(20261202)
    lists = [[]] + [[v] for v in ODD_VALUES]
    lists += [
        [chooser.choice(ODD_VALUES) for _ in range(chooser.randint(1, 12))] for _ in range(300)
    ]
    lists += [[chooser.randint(1, 9) for _ in range(50)] for _ in range(20)]  # wholly valid ones
    schema = {"type": "object", "properties": {"df": {"type": "array", "items": items}}}
    with_prefix = {"type": "array", "prefixItems": [{"type": "string"}], "items": items}
    for instance in lists:
        assert _errors(_DataFileValidator, schema, {"df": instance}) == _errors(
            Draft202012Validator, schema, {"df": instance}
        ), instance
        assert _errors(_DataFileValidator, with_prefix, instance) == _errors(
            Draft202012Validator, with_prefix, instance
        ), instance


def test_a_bad_count_in_the_shipped_topic_model_is_named_where_it_is(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    model_path = data / "suggestions" / "topic_model.json"
    model = json.loads(model_path.read_text("utf-8"))
    model["ngrams"]["char"]["df"][1234] = 0
    model["ngrams"]["word"]["df"][7] = 2.5
    model_path.write_text(json.dumps(model), "utf-8")
    found = [str(p) for p in check_dir(data, formats=False)]
    assert found == [
        "suggestions/topic_model.json at $.ngrams.char.df[1234]: 0 is less than the minimum of 1",
        "suggestions/topic_model.json at $.ngrams.word.df[7]: 2.5 is not of type 'integer'",
    ]
