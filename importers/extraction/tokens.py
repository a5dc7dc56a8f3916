"""Word tokens with offsets, and the capitalization facts the name rules are built on.

Vietnamese proper names are runs of capitalized syllables ("Bộ Khoa học và Công nghệ" has
lower-case syllables inside, but each component word starts with a capital). The rules for
people and organizations walk these tokens instead of re-scanning raw text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from leads.text import canonical_tones

# A compound token ("TP.HCM", "KH-CN", "57-NQ/TW", "Jae-yong"), an abbreviation with its
# period ("TP.", "PGS."), a word, or one punctuation character.
_TOKEN = re.compile(r"[^\W_]+(?:[-.'’/&][^\W_]+)+|(?:TP|Tp|TS|PGS|GS|ThS|BS|KS)\.|[^\W_]+|[^\w\s]")


class Token(NamedTuple):
    """One word or punctuation character (a tuple: articles have tens of thousands, built quickly)."""

    text: str
    start: int
    end: int
    key: str = ""  # `text` with canonical tone marks, what word lists are compared with

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        """Starts with a capital letter (acronyms and "TP.HCM" count; numbers do not)."""
        return self.text[0].isupper()

    @property
    def is_lower(self) -> bool:
        return self.text[0].islower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset` (so sentence tokens point into the body)."""
    canonical = canonical_tones(text)
    if len(canonical) != len(text):
        canonical = text
    return [
        Token(m.group(0), m.start() + offset, m.end() + offset, canonical[m.start() : m.end()])
        for m in _TOKEN.finditer(text)
    ]
