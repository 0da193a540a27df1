"""A request body read as JSON, as this API reads it and nothing else: UTF-8 (RFC 8259), no
name given twice, no NaN or Infinity, whole numbers as ints. Each refusal is a 400 that says
what to change."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from ..errors import ApiError
from ..input_guard import INT64_MAX, INT64_MIN

# What json.loads reads from bytes besides UTF-8: it guesses UTF-16 and UTF-32 from the NUL
# bytes they have around ASCII. JSON exchanged between systems is UTF-8 (RFC 8259, 8.1),
# and UTF-8 JSON never holds a NUL byte (one in a string is written \u0000). Every body that
# is not UTF-8 meets one refusal, 400 `malformed_json`, saying why and what to send.
NOT_UTF8 = (
    "The body is not UTF-8 text: {why}. Send the JSON encoded as UTF-8 (with no charset in its "
    "Content-Type, or charset=utf-8)."
)
HOLDS_NULS = "it holds NUL bytes, as UTF-16 or UTF-32 text does"
# Charsets a UTF-8 body may be labelled with (ASCII is UTF-8). RFC 8259 defines no charset
# for JSON; one naming another encoding (utf-16 on a UTF-8 body) was read as UTF-8 regardless.
UTF8_LABELS = {"utf-8", "utf8", "us-ascii", "ascii"}


def not_utf8(why: str) -> ApiError:
    return ApiError(400, NOT_UTF8.format(why=why), code="malformed_json")


def read_json(raw: bytes, charset: str | None = None) -> object:
    """The body's JSON value, or the ApiError(400) saying why it cannot be read. `charset`:
    the Content-Type's, if it gives one."""
    if charset is not None and charset.strip().lower() not in UTF8_LABELS:
        shown = json.dumps(charset[:40], ensure_ascii=True)
        raise not_utf8(f"its Content-Type says it is charset={shown}")
    if b"\x00" in raw:
        raise not_utf8(HOLDS_NULS)
    try:
        return json.loads(
            raw, parse_constant=_no_constant, parse_float=_number, object_pairs_hook=_once_each
        )
    except RecursionError as exc:
        raise ApiError(400, "The JSON body is nested too deeply.", code="malformed_json") from exc
    except UnicodeDecodeError as exc:  # Latin-1 or Windows text, say
        raise not_utf8(f"byte {exc.start + 1} is not part of a UTF-8 character") from exc
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            code="malformed_json",
            details={"line": exc.lineno, "column": exc.colno, "position": exc.pos},
        ) from exc
    except ValueError as exc:  # an integer past Python's int_max_str_digits (4,300 digits)
        limit = f"{sys.get_int_max_str_digits():,}"
        raise ApiError(
            400,
            f"The body holds a number too long to read (more than {limit} digits); "
            "no field takes a number that long.",
            code="malformed_json",
        ) from exc


def _number(text: str) -> int | float:
    """A JSON number written with a fraction or exponent. A whole one (2.0, 2e0) is the same
    JSON number as 2 and fits an "integer" field: read as a Python int, so it is stored, and
    answered, as 2, not 2.0. No request field is a fractional number; 2.5 is refused."""
    exact = Decimal(text)  # not float: 9007199254740993.0 is a float of ...992, another id
    if exact == exact.to_integral_value() and INT64_MIN <= exact <= INT64_MAX:
        return int(exact)
    return float(text)  # a fraction, or out of range: refused by its field or by check_json


def _no_constant(name: str) -> object:
    # json.loads takes NaN and Infinity by default; they are not JSON and fit no field.
    raise ApiError(
        400, f"The body is not valid JSON: {name} is not a JSON number.", code="malformed_json"
    )


def _once_each(pairs: list[tuple[str, object]]) -> dict:
    # A name given twice: JSON parsers differ on which value counts (Python's the last, others
    # the first), so a proxy and this server could each act on another; refused, not guessed.
    body = dict(pairs)
    if len(body) < len(pairs):
        seen: set[str] = set()
        name = next(key for key, _ in pairs if key in seen or seen.add(key))
        shown = json.dumps(name if len(name) <= 40 else name[:40] + "…", ensure_ascii=False)
        message = f"The body is not valid JSON for this API: {shown} is given twice; send it once."
        raise ApiError(400, message, code="malformed_json")
    return body
