"""Vietnamese alphabetical order, in the database and in Python.

Vietnamese readers expect "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y": `Ă`/`Â`
come after `A`, `Đ` after `D` ("Đà Nẵng" after "Dak" and before "Gia Lai"), and tone marks
only break ties (no mark, huyền, hỏi, ngã, sắc, nặng). A byte or code-point sort puts every
accented capital after "Z"; sorting by the accent-folded name mixes `D` and `Đ`.

- `vietnamese_sort_key(text)` is the key for lists sorted in Python (sectors, small choices).
- `VietnameseCollate("name")` orders a queryset: on PostgreSQL through the ICU collation
  `vi-x-icu` (when the server has ICU; otherwise by the folded name), on SQLite through a
  collation named `vi` that this module registers on each connection from the same Python key.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Combining marks that make a different letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# Tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
ICU_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"


@functools.lru_cache(maxsize=4096)
def vietnamese_sort_key(text: str) -> tuple[tuple[Any, ...], tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese text the way Vietnamese dictionaries and ICU do.

    Three levels, compared in turn: letters (with ă, â, đ, ê, ô, ơ, ư as letters of their
    own; spaces and punctuation before digits before letters), then tones, then case
    (lower case first).
    """
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFC", text):
        lower = char.lower()
        cases.append(0 if char == lower else 1)
        decomposed = unicodedata.normalize("NFD", lower)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter = base
        for mark in marks:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            elif mark in _LETTER_MARKS:
                letter += mark
        letter = unicodedata.normalize("NFC", letter)
        if letter in _LETTER_RANK:
            letters.append((3, _LETTER_RANK[letter]))
        elif letter.isdigit():
            letters.append((2, ord(letter)))
        elif letter.isalpha():
            letters.append((3, len(ALPHABET) + ord(letter)))
        else:
            letters.append((1, ord(letter)))
        tones.append(tone)
    return tuple(letters), tuple(tones), tuple(cases)


def vietnamese_sorted(items, key=str):
    """`sorted()` in Vietnamese order; `key` gives the text of each item (default: `str`)."""
    return sorted(items, key=lambda item: vietnamese_sort_key(key(item)))


def _sqlite_compare(left: str, right: str) -> int:
    left_key, right_key = vietnamese_sort_key(left), vietnamese_sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def _prepare_connection(sender, connection, **kwargs) -> None:
    """Register the SQLite collation, or note whether PostgreSQL has the ICU one."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _sqlite_compare)
        connection.crm_vi_collation_on = id(connection.connection)
    elif connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [ICU_COLLATION])
            connection.crm_has_vi_collation = cursor.fetchone() is not None


connection_created.connect(_prepare_connection, dispatch_uid="leads.collation.prepare_connection")


class VietnameseCollate(Func):
    """`ORDER BY name COLLATE <Vietnamese>` on PostgreSQL and SQLite; the plain column elsewhere."""

    template = "%(expressions)s"
    output_field = TextField()

    def __init__(self, expression: str, **extra: Any) -> None:
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        if getattr(connection, "crm_vi_collation_on", None) != id(connection.connection):
            # A connection opened before this module was imported has not had the signal.
            _prepare_connection(None, connection)
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f'{sql} COLLATE "{SQLITE_COLLATION}"', params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        if getattr(connection, "crm_has_vi_collation", True):
            return f'{sql} COLLATE "{ICU_COLLATION}"', params
        return sql, params
