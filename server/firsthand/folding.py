"""Search and sort keys: text folded so that a search ignores case and accents in every
script, and names are listed the way a person expects.

SQLite's LIKE ignores case for ASCII letters only ("émilie" did not find "Émilie"), and
PostgreSQL's ILIKE follows the database's locale. Names are searched through a second
column holding `fold(name)`, written with the name (FoldedColumns below): both backends
then compare plain folded text, and PostgreSQL's trigram index covers that column.
"""

from __future__ import annotations

import unicodedata
from typing import ClassVar

# Letters with a stroke or ligatures that have no decomposition to strip an accent from.
_PLAIN = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe"}
)


def fold(text: str) -> str:
    """Case-folded, without the accents of the combining diacritical marks (U+0300–U+036F),
    compatibility forms made plain ("ﬁ" → "fi", full-width letters → ASCII).

    Only that block of marks is dropped: the vowel signs of Indic scripts and the kana
    voicing marks are combining marks too, and dropping them would change the letters.
    """
    spread = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in spread if not "\u0300" <= c <= "\u036f")
    return unicodedata.normalize("NFC", bare.translate(_PLAIN))


def sort_key(name: str | None) -> str:
    """Where a name goes in an alphabetical list, as a person expects it: case and accents
    folded, so "Émilie" sits beside "emilie" and before "Tom" (by code point it came after
    "Tom"). The same key as the `name_folded` column the people list is paged by, so Python
    and SQL agree; callers break ties with the row's id (or the name as written), so equal
    keys come out the same way every time."""
    return fold(name or "")


class FoldedColumns:
    """A model mixin: every write that sets a source field also sets its folded copy.

    Model.create, save, insert and update all pass their values through peewee's
    `_normalize_data`; insert_many and db.insert_rows (bulk inserts) call `fold_rows`.
    """

    folded: ClassVar[dict[str, str]] = {}  # source field name -> folded field name

    @classmethod
    def _normalize_data(cls, data, kwargs):
        normalized = super()._normalize_data(data, kwargs)
        if isinstance(normalized, dict):
            fields = cls._meta.fields
            for source, target in cls.folded.items():
                value = normalized.get(fields[source])
                if isinstance(value, str):
                    normalized[fields[target]] = fold(value)
        return normalized

    @classmethod
    def insert_many(cls, rows, fields=None):
        rows = [cls._normalize_data(r, {}) if isinstance(r, dict) else r for r in rows]
        return super().insert_many(rows, fields)

    @classmethod
    def fold_rows(cls, rows: list[dict]) -> list[dict]:
        """Plain rows (field name -> value) with their folded copies added."""
        pairs = [(s, t) for s, t in cls.folded.items() if rows and s in rows[0]]
        if not pairs:
            return rows
        return [{**row, **{t: fold(row[s]) for s, t in pairs}} for row in rows]
