"""Query parameters most endpoints use, declared once: documented and parsed alike."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import ApiError
from ..pages import Cursor
from .contract import Param


def choice(name: str, values: Iterable[str], default: str, description: str = "") -> Param:
    """A query parameter that is one of a few words."""
    values = tuple(values)

    def read(raw: str | None) -> str:
        value = default if raw is None else raw
        if value not in values:
            raise ApiError(400, f"{name} must be one of {', '.join(values)}.")
        return value

    schema = {"type": "string", "enum": list(values), "default": default}
    return Param(name, "query", schema, read, description)


def whole_number(
    name: str, default: int, low: int, high: int, description: str = "", *, clamp: int = 0
) -> Param:
    """A query parameter that is a whole number from low to high (then at most `clamp`)."""

    def read(raw: str | None) -> int:
        if raw is None:
            return default
        # ASCII digits only: str.isdigit() also accepts '²', which int() refuses.
        if not re.fullmatch(r"[0-9]{1,10}", raw) or not low <= int(raw) <= high:
            beyond = f" (more than {clamp} counts as {clamp})" if clamp else ""
            raise ApiError(400, f"{name} must be a whole number from {low:,} to {high:,}{beyond}.")
        return min(int(raw), clamp) if clamp else int(raw)

    schema = {"type": "integer", "minimum": low, "maximum": high, "default": default}
    return Param(name, "query", schema, read, description)


def cursor_param() -> Param:
    """?cursor= from a page's pagination.next_cursor: the next page starts after that item,
    found by an index (keyset), so every page costs the same however deep."""

    def read(raw: str | None):
        if raw is None:
            return None
        found = re.fullmatch(r"([0-9]{1,18})\.([0-9]{1,19})", raw)
        refusal = ApiError(400, "cursor must be a pagination.next_cursor from a previous page.")
        if not found or not 0 < int(found[2]) < 2**63:
            raise refusal
        cursor = Cursor(int(found[1]), int(found[2]))
        try:
            cursor.moment  # noqa: B018 - 18 digits of microseconds reach past the year 9999
        except OverflowError as error:
            raise refusal from error
        return cursor

    schema = {"type": "string", "pattern": r"^[0-9]{1,18}\.[0-9]{1,19}$"}
    return Param("cursor", "query", schema, read, "Start after this item: a page's next_cursor.")


def page_params(default_limit: int = 20, max_limit: int = 100) -> list[Param]:
    """?limit=&offset=&cursor= for listings; a limit above max_limit counts as max_limit."""
    most = 10**9
    return [
        cursor_param(),
        whole_number(
            "limit",
            default_limit,
            1,
            most,
            f"How many items (at most {max_limit}; larger values count as {max_limit}).",
            clamp=max_limit,
        ),
        whole_number("offset", 0, 0, most, "How many items to skip."),
    ]
