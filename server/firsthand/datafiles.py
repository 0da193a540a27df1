"""The data files admins edit (points rules, levels, badges, suggestion data), checked
against their JSON Schemas.

Each file has one schema, found by name: `data/<name>.json` is checked against
`data_schemas/<name>.schema.json` (`suggestions/angles.json` against
`data_schemas/suggestions/angles.schema.json`). A new data file needs only its schema beside
the others; a data file without a schema, or a schema whose file is missing, is a problem.
What a schema cannot say (unique ids, rising thresholds) is a function registered with
`@checks(name)`, run once the file passes its schema (rules.py registers those of its files).
The server checks its data folder at start-up, and `firsthand check-data [PATH]` checks an
edited copy the same way. Each problem names the file, the JSON path and what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

from .analysis.scan import check_bounded

SCHEMA_DIR = Path(__file__).parent / "data_schemas"
SUFFIX = ".schema.json"

FORMATS = FormatChecker()


@FORMATS.checks("regex", raises=re.error)
def _python_regex(value: object) -> bool:
    """Patterns are compiled by Python's `re`, so that is what must accept them; and none may
    repeat, without bound, a class of word characters and joiners such as [\\w'.-]+."""
    if isinstance(value, str):
        re.compile(value)
        check_bounded(value)
    return True


@dataclass(frozen=True)
class Problem:
    file: str  # as named under the data folder, e.g. "suggestions/angles.json"
    path: str  # a JSON path, e.g. "$.rules[4].when"
    message: str

    def __str__(self) -> str:
        return f"{self.file} at {self.path}: {self.message}"


# What a schema cannot say about a file (unique ids, rising thresholds): name -> check(content).
CHECKS: dict[str, Callable[[object], list[Problem]]] = {}


def checks(name: str):
    """Register a check of a data file's content that runs after its schema passes."""

    def register(check: Callable[[object], list[Problem]]):
        CHECKS[name] = check
        return check

    return register


class DataFileError(ValueError):
    """One or more data files are not usable; the message lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def data_file_names() -> list[str]:
    """The data files there are schemas for, as paths under the data folder."""
    return sorted(
        path.relative_to(SCHEMA_DIR).as_posix().removesuffix(SUFFIX) + ".json"
        for path in SCHEMA_DIR.rglob(f"*{SUFFIX}")
    )


# The bounds a list of plain numbers may be checked against in one pass: keyword -> (test,
# whether the list's least (else its greatest) value is the one to test).
_BOUNDS: dict[str, tuple[Callable[[float, float], bool], bool]] = {
    "minimum": (lambda value, bound: value >= bound, True),
    "exclusiveMinimum": (lambda value, bound: value > bound, True),
    "maximum": (lambda value, bound: value <= bound, False),
    "exclusiveMaximum": (lambda value, bound: value < bound, False),
}
_PLAIN = {"integer": {int}, "number": {int, float}}


def _plainly_valid(items: object, instance: list) -> bool:
    """Whether every entry is a plain number that `items` (a type and bounds) accepts.

    The topic model holds ~195,000 document counts; jsonschema checks each through three
    keyword functions (~2.4 s of CPU in every process that starts). This pass says only
    "all fine": anything else (1.0 for an integer, a bool, NaN, a schema with other keywords)
    is left to jsonschema, so its errors are exactly what they were.
    """
    if not isinstance(items, dict) or items.get("type") not in _PLAIN:
        return False
    if not instance or not set(items) <= {"type", "description", *_BOUNDS}:
        return False
    kinds = set(map(type, instance))
    if not kinds <= _PLAIN[items["type"]]:
        return False
    if float in kinds and any(value != value for value in instance):
        return False  # NaN compares false with every bound
    least, greatest = min(instance), max(instance)
    return all(
        test(least if on_least else greatest, bound)
        for key, bound in items.items()
        if key in _BOUNDS
        for test, on_least in [_BOUNDS[key]]
    )


def _items(validator, items, instance, schema):
    if isinstance(instance, list) and not schema.get("prefixItems"):
        if _plainly_valid(items, instance):
            return
    yield from Draft202012Validator.VALIDATORS["items"](validator, items, instance, schema)


_DataFileValidator = validators.extend(Draft202012Validator, {"items": _items})


@cache
def _validator(name: str, formats: bool) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / (name.removesuffix(".json") + SUFFIX)).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return _DataFileValidator(schema, format_checker=FORMATS if formats else None)


def read(path: Path, name: str, formats: bool = True) -> tuple[object, list[Problem]]:
    """Parse a data file, check it by the schema of `name`, then by its registered check.

    `formats=False` skips compiling every regular expression (most of the time a check
    takes); the start-up check does, as the suggestion engine compiles them anyway.
    """
    try:
        text = path.read_text(encoding="utf-8")
        content = json.loads(text)
    except OSError as exc:
        return None, [Problem(name, "$", f"cannot be read ({exc.strerror or exc})")]
    except UnicodeDecodeError:
        return None, [Problem(name, "$", "is not UTF-8 text")]
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, [Problem(name, "$", f"is not valid JSON: {exc.msg} at {where}")]
    key = (name, formats, hashlib.sha256(text.encode("utf-8")).digest())
    if key not in _PROBLEMS:
        if len(_PROBLEMS) >= 64:
            _PROBLEMS.clear()
        _PROBLEMS[key] = tuple(_content_problems(name, content, formats))
    return content, list(_PROBLEMS[key])


# The problems of each file text already checked, by (name, formats, SHA-256 of the text): the
# same text always has the same problems (the schemas and checks are fixed for the process),
# and a process checking many copies of a data folder (`check-data` on edited copies, an app
# per copy in the tests) need not check the same text twice.
_PROBLEMS: dict[tuple[str, bool, bytes], tuple[Problem, ...]] = {}


def _content_problems(name: str, content: object, formats: bool) -> list[Problem]:
    from . import rules  # noqa: F401 (registers the checks of its files)

    validator = _validator(name, formats)
    errors = sorted(validator.iter_errors(content), key=lambda e: list(e.absolute_path))
    if errors:
        return [_problem(name, content, error) for error in errors]
    return CHECKS[name](content) if name in CHECKS else []


def load(data_dir: str | Path, name: str) -> dict:
    """Read one data file, or raise DataFileError naming everything wrong with it."""
    content, problems = read(Path(data_dir) / name, name)
    if problems:
        raise DataFileError(problems)
    return content


def check_dir(data_dir: str | Path, formats: bool = True) -> list[Problem]:
    """Check every data file of a folder: each present, valid JSON, valid by its schema."""
    folder = Path(data_dir)
    if not folder.is_dir():
        return [Problem(str(folder), "$", "is not a folder")]
    expected = data_file_names()
    present = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.json"))
    problems = [
        Problem(name, "$", f"has no schema (add data_schemas/{name.removesuffix('.json')}{SUFFIX})")
        for name in present
        if name not in expected
    ]
    for name in expected:
        if name in present:
            problems += read(folder / name, name, formats)[1]
        else:
            problems.append(Problem(name, "$", "is missing"))
    return problems


@lru_cache(maxsize=16)
def _checked(folder: Path, formats: bool, _stamp: tuple) -> tuple[Problem, ...]:
    return tuple(check_dir(folder, formats))


def check_at_start(data_dir: str | Path, formats: bool = False) -> None:
    """Raise DataFileError unless every data file is valid (cached per file version)."""
    folder = Path(data_dir).resolve()
    stamp = tuple(sorted((p.as_posix(), p.stat().st_mtime_ns) for p in folder.rglob("*.json")))
    problems = _checked(folder, formats, stamp)
    if problems:
        raise DataFileError(list(problems))


def name_for(path: Path) -> str | None:
    """The data file a lone file stands for, by its name (and its folder's, if needed)."""
    names = [n for n in data_file_names() if Path(n).name == path.name]
    if len(names) > 1:
        names = [n for n in names if Path(n).parent.name == path.parent.name]
    return names[0] if len(names) == 1 else None


def json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _problem(name: str, content: object, error: ValidationError) -> Problem:
    if error.context:  # anyOf/oneOf: the branch that came closest says the most
        error = best_match(error.context)
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    if error.validator == "format" and error.cause is not None:
        message += f" ({error.cause})"  # e.g. what the regular expression lacks
    return Problem(name, json_path(error.absolute_path) + _entry_id(content, error), message)


def _entry_id(content: object, error: ValidationError) -> str:
    """Name the list entry an error is in by its id, which is how admins find it."""
    node, found = content, None
    for part in error.absolute_path:
        if isinstance(node, dict | list):
            node = node[part]
            if isinstance(part, int) and isinstance(node, dict) and "id" in node:
                found = node["id"]
    return f" (the entry with id {found!r})" if found is not None else ""
