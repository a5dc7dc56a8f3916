"""What the organization rules share about one sentence: the body, the lexicon, the places and people
found in it, and the word-level tests both the headed and the bare-name rules ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.lexicon import Lexicon
from importers.extraction.person_names import is_vietnamese_syllable
from importers.extraction.places import PlaceMatch
from importers.extraction.spans import SpanIndex
from importers.extraction.tokens import Token

# Symbols that join two capitalized words of one name: "Kaida Tools & Parts", "Bệnh viện Nhi - Sản Hải Phòng".
NAME_SYMBOLS = frozenset({"&", "+", "-", "–"})


# A company's legal form written after its name, kept in the name: "Co., Ltd", "Co, Ltd", "Corp.", "Inc.".
COMPANY_FORMS = frozenset({"Co", "CO"})


LIMITED = frozenset({"Ltd", "LTD", "Limited"})


COMPANY_ENDS = frozenset({"Co", "CO", "Corp", "Inc", "Ltd", "LTD", "Pte", "Bhd"})


# Lower-case words inside a Latin name: "Bank of Tokyo-Mitsubishi UFJ", "Procter & Gamble".
LATIN_CONNECTORS = frozenset({"of", "and", "for", "de", "du", "la", "der", "von", "van"})


@dataclass(frozen=True)
class OrganizationContext:
    body: str
    lexicon: Lexicon
    gazetteer: Gazetteer
    places: tuple[PlaceMatch, ...]
    person_starts: frozenset[int]  # body offsets where a person's name begins
    person_spans: tuple[tuple[int, int], ...]
    person_words: frozenset[str] = frozenset()  # words of the article's people's names ("Otellini")
    latin_tokens: dict[int, bool] = field(default_factory=dict)  # `latin_name_token` by token position

    # Looked up by offset, not scanned: a sentence of thousands of names made each scan quadratic.
    @cached_property
    def place_index(self) -> SpanIndex[PlaceMatch]:
        return SpanIndex(self.places)

    @cached_property
    def person_index(self) -> SpanIndex[tuple[int, int]]:
        return SpanIndex(self.person_spans)


def latin_name_token(tokens: list[Token], position: int, context: OrganizationContext) -> bool:
    """A capitalized word in Latin letters that can be part of a company's name.

    Kept per position of the sentence: a run of Latin words is tried from each of its words.
    """
    known = context.latin_tokens.get(position)
    if known is None:
        known = context.latin_tokens[position] = _is_latin_name_token(tokens, position, context)
    return known


def _is_latin_name_token(tokens: list[Token], position: int, context: OrganizationContext) -> bool:
    token = tokens[position]
    lexicon = context.lexicon
    return (
        token.is_word
        and token.is_capitalized
        and token.text.isascii()
        and "/" not in token.text  # "TTXVN/Tin Tức": a credit
        and not (token.text in lexicon.bare_stop and (token.text.isupper() or len(token.text) < 4))
        and token.text not in lexicon.bare_breaks
        and token.start not in context.person_starts
        and not in_person(context, token)
        and not context.place_index.holding(token.start)
        and not lexicon.titles.match(tokens, position)[0]
        and not lexicon.org_heads.match(tokens, position)[0]
    )


@lru_cache(maxsize=4096)
def foreign_word(text: str) -> bool:
    """An acronym ("PTT", "BP") or a word no Vietnamese syllable is ("Comture", "Pincus")."""
    letters = text.replace("-", "").replace("&", "").replace(".", "")
    if len(letters) > 1 and letters.isupper():
        return True
    return any(not is_vietnamese_syllable(part) for part in re.split(r"[-.'’/&]", text) if part)


def company_suffix_end(tokens: list[Token], end: int) -> int:
    """End of a company's legal suffix written after its name: "Co., Ltd", "Co, Ltd", "Corp.", "Inc."."""
    if end == 0 or end >= len(tokens):
        return end
    last = tokens[end - 1].text
    if last in COMPANY_FORMS:
        position = end
        if tokens[position].text == "." and tokens[position].start == tokens[position - 1].end:
            position += 1
        if position < len(tokens) and tokens[position].text == ",":
            position += 1
        if position < len(tokens) and tokens[position].text in LIMITED:
            end = position + 1
            last = tokens[position].text
    if (
        last in COMPANY_ENDS
        and end < len(tokens)
        and tokens[end].text == "."
        and tokens[end].start == tokens[end - 1].end
    ):
        end += 1
    return end


def in_person(context: OrganizationContext, token: Token) -> bool:
    return bool(context.person_index.holding(token.start))
