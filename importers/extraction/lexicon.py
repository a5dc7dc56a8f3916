"""The word lists of `data/*.json`, loaded once and indexed for token-by-token matching.

Rules read phrases ("Phó Chủ tịch", "Tổng Lãnh sự quán", "khu tự trị dân tộc") at a token
position; a `PhraseTable` answers "which listed phrase starts here" in one dictionary lookup
per length instead of scanning the list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from importers.extraction.tokens import Token, tokenize
from leads.text import canonical_tones

DATA_DIR = Path(__file__).resolve().parent / "data"


def _key(words: list[str], case: str) -> tuple[str, ...]:
    """The lookup key of tone-canonical words, lower-cased as `case` says.

    "first": the first word as written, the rest lower-cased; "none": all lower-cased;
    "all": every word as written (company names, acronyms).
    """
    if case == "all":
        return tuple(words)
    if case == "first":
        return (words[0], *(w.lower() for w in words[1:]))
    return tuple(w.lower() for w in words)


class PhraseTable:
    """Phrases (sequences of tokens) mapped to a value, matched at token positions.

    By default (`case="first"`) the first word must match as written (so "Chủ tịch" matches
    and "chủ tịch" does not) while the following words match case-insensitively ("Phó chủ tịch").
    """

    def __init__(self, phrases: dict[str, object], *, case: str = "first") -> None:
        self.case = case
        self.values: dict[tuple[str, ...], object] = {}
        self.max_length = 1
        for phrase, value in phrases.items():
            words = [canonical_tones(w) for w in _split(phrase)]
            self.values[_key(words, case)] = value
            self.max_length = max(self.max_length, len(words))
        self.first_words = frozenset(key[0] for key in self.values)  # most positions start no phrase
        # Every beginning of a listed phrase: the walk along the tokens stops where none goes on.
        self.prefixes = frozenset(key[:length] for key in self.values for length in range(1, len(key) + 1))

    def match(self, tokens: list[Token], index: int) -> tuple[int, object]:
        """(length, value) of the longest phrase starting at `index`, or (0, None)."""
        if index >= len(tokens):
            return (0, None)
        first = tokens[index].key or tokens[index].text
        first = first if self.case != "none" else first.lower()
        if first not in self.first_words:
            return (0, None)
        best: tuple[int, object] = (0, None)
        key: tuple[str, ...] = (first,)
        for length in range(1, min(self.max_length, len(tokens) - index) + 1):
            if length > 1:
                word = tokens[index + length - 1].key or tokens[index + length - 1].text
                key = (*key, word if self.case == "all" else word.lower())
            if key not in self.prefixes:
                break
            if key in self.values:
                best = (length, self.values[key])
        return best


def _split(phrase: str) -> list[str]:
    """Split a listed phrase the way the tokenizer splits text ("TP." stays one token)."""
    return [t.text for t in tokenize(phrase)]


@dataclass(frozen=True)
class Lexicon:
    titles: PhraseTable
    titles_any_case: PhraseTable  # "tổng giám đốc", "giám đốc điều hành": older news writes titles in lower case
    title_organizations: dict[str, str]
    honorifics: frozenset[str]
    academic_words: frozenset[str]
    surnames: frozenset[str]
    company_words: frozenset[str]
    positions: PhraseTable
    stop_words: frozenset[str]
    stop_compounds: PhraseTable
    org_heads: PhraseTable
    standalone: frozenset[str]
    provincial_heads: tuple[str, ...]  # bodies every province has: "UBND", "Sở", "Đoàn ĐBQH"
    branch_heads: frozenset[str]
    not_organizations: PhraseTable
    glue: PhraseTable
    kind_overrides: dict[str, str]
    companies: dict[str, str]
    company_table: PhraseTable
    abbreviations: dict[str, str]
    cues: dict[str, list[str]]
    lower_heads: PhraseTable  # "tập đoàn", "bộ": heads written in lower case before a capitalized name
    bare_stop: frozenset[str]  # Latin words and acronyms that name no organization alone ("USD", "FDI")
    bare_breaks: frozenset[str]  # words that end a bare name wherever they stand ("Website")
    legal_form_heads: frozenset[str]  # "Công ty TNHH": business lines may follow before the proper name
    thing_words: frozenset[str]  # words before a bare name that make it a place or a product ("khách sạn")
    known_bodies: dict[str, tuple[str, str]]  # bare names of non-companies: kind and country ("JETRO")
    known_names: PhraseTable  # official names with lower-case words: "Cục Đầu tư nước ngoài", "Bộ Y tế"
    person_nouns: frozenset[str] = frozenset()  # "luật sư", "thương gia": a bare Latin name after them is a person
    product_lines: frozenset[str] = frozenset()  # "Galaxy", "Civic": after a company's name, a product of it
    generic_after: frozenset[str] = frozenset()  # "Chính phủ điện tử", "Chính phủ hai nước": no one body
    facility_words: frozenset[str] = frozenset()  # "Plaza", "Road": a bare Latin name ending so is a place


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read `data/*.json` once per process."""
    people = json.loads((DATA_DIR / "people.json").read_text(encoding="utf-8"))
    orgs = json.loads((DATA_DIR / "organizations.json").read_text(encoding="utf-8"))
    cues = json.loads((DATA_DIR / "cues.json").read_text(encoding="utf-8"))
    return Lexicon(
        titles=PhraseTable({t: t for t in people["titles"]}),
        titles_any_case=PhraseTable({t: t for t in people["titles"] + people["lower_case_titles"]}, case="none"),
        title_organizations=people["title_organizations"],
        honorifics=frozenset(people["honorifics"]),
        academic_words=frozenset(w for a in people["academic"] for w in _split(a)),
        surnames=frozenset(canonical_tones(s) for s in people["surnames"]),
        company_words=frozenset(people["company_words"]),
        positions=PhraseTable({p: p for p in people["positions"]}, case="none"),
        stop_words=frozenset(people["stop_words"]),
        stop_compounds=PhraseTable({c: c for c in people["stop_compounds"]}, case="none"),
        org_heads=PhraseTable(orgs["heads"]),
        standalone=frozenset(orgs["standalone"]),
        provincial_heads=tuple(orgs["provincial_heads"]),
        branch_heads=frozenset(orgs["branch_heads"]),
        not_organizations=PhraseTable({n: n for n in orgs["not_organizations"]}),
        glue=PhraseTable({g: g for g in orgs["glue"]}, case="none"),
        kind_overrides=orgs["kind_overrides"],
        companies=orgs["companies"],
        company_table=PhraseTable({c: c for c in orgs["companies"]}, case="all"),
        abbreviations=orgs["abbreviations"],
        cues={k: v for k, v in cues.items() if isinstance(v, list)},
        lower_heads=PhraseTable(orgs["lower_heads"], case="none"),
        bare_stop=frozenset(orgs["bare_stop"]),
        bare_breaks=frozenset(orgs["bare_breaks"]),
        legal_form_heads=frozenset(orgs["legal_form_heads"]),
        thing_words=frozenset(canonical_tones(w).lower() for w in orgs["thing_words"]),
        known_bodies={name: (kind, country) for name, (kind, country) in orgs["known_bodies"].items()},
        known_names=PhraseTable({n: n for n in orgs["known_names"]}, case="none"),
        person_nouns=frozenset(canonical_tones(w).lower() for w in orgs["person_nouns"]),
        product_lines=frozenset(orgs["product_lines"]),
        generic_after=frozenset(orgs["generic_after"]),
        facility_words=frozenset(orgs["facility_words"]),
    )


def is_stop_word(tokens: list[Token], position: int, lexicon: Lexicon) -> bool:
    """Whether tokens[position] is a lower-case verb or function word that ends a name or title.

    A listed word inside a noun it is a syllable of is no stop: "bị" in "thiết bị", "phát" in
    "phát triển", "nhà" in "nhà đầu tư".
    """
    token = tokens[position]
    if not (token.is_lower and token.text in lexicon.stop_words):
        return False
    table = lexicon.stop_compounds
    for start in range(max(0, position - table.max_length + 1), position + 1):
        length, _ = table.match(tokens, start)
        if start + length > position:
            return False
    return True


class PhraseFinder:
    """Finds listed phrases in raw text on word boundaries, longest first, without overlaps.

    A phrase with a capital letter ("AI", "IoT", "Big Data") matches only as written, so the
    pronoun "ai" is never artificial intelligence; a lower-case phrase matches in any case
    ("Trí tuệ nhân tạo" at the start of a sentence). Text is compared tone-canonically.
    """

    def __init__(self, phrases: dict[str, object]) -> None:
        self.values: dict[str, object] = {}
        sensitive, insensitive = [], []
        for phrase, value in phrases.items():
            canonical = canonical_tones(phrase)
            self.values[canonical if canonical != canonical.lower() else canonical.lower()] = value
            (sensitive if canonical != canonical.lower() else insensitive).append(canonical)
        self.patterns = [
            re.compile(_alternation(sensitive)) if sensitive else None,
            re.compile(_alternation(insensitive), re.IGNORECASE) if insensitive else None,
        ]

    def find(self, text: str, offset: int = 0) -> list[tuple[int, int, object]]:
        """(start, end, value) of each phrase in `text`, offsets shifted by `offset`."""
        search = _searchable(text)
        hits: list[tuple[int, int, object]] = []
        for pattern in self.patterns:
            if pattern is None:
                continue
            for match in pattern.finditer(search):
                written = match.group(0)
                value = self.values.get(written, self.values.get(written.lower()))
                hits.append((match.start() + offset, match.end() + offset, value))
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        kept: list[tuple[int, int, object]] = []
        for hit in hits:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept


@lru_cache(maxsize=512)
def _searchable(text: str) -> str:
    """`text` with canonical tone marks (or as written when that would move offsets), computed once
    per sentence although every word list is looked up in it."""
    search = canonical_tones(text)
    return search if len(search) == len(text) else text


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])"


@lru_cache(maxsize=64)
def phrase_finder(phrases: tuple[str, ...]) -> PhraseFinder:
    """A PhraseFinder whose values are the phrases themselves, built once per phrase list."""
    return PhraseFinder({p: p for p in phrases})


def cue_finder(name: str) -> PhraseFinder:
    """The finder for one list of `data/cues.json` ("sector_cues", "opportunity_cues", ...)."""
    return phrase_finder(tuple(load_lexicon().cues[name]))
