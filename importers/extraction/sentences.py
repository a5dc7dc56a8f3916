"""Sentence splitting with offsets into the cleaned body.

Every evidence record points at a sentence by character offsets, so sentences are slices of
the body, never rewritten text. Lines are always boundaries (titles, captions and paragraphs
are separate lines in cleaned articles); inside a line a sentence ends at `.`, `!`, `?` or `…`
followed by space and a capital letter or opening quote, unless the word before the period is
an abbreviation that Vietnamese news puts before names ("TP.", "TS.", "PGS.", "Th.S") or an
initial followed by the rest of a name ("Nguyễn V. Bình"; "Đông Nam Á. “Chúng tôi" ends).
"""

from __future__ import annotations

import bisect
import re

from importers.types import Sentence

# Abbreviations whose period does not end a sentence (compared case-sensitively, without ".").
ABBREVIATIONS = frozenset(
    {
        "TP", "Tp", "TS", "PGS", "GS", "ThS", "Th.S", "Th.s", "ThS.BS", "BS", "KS", "CN", "NCS", "Q", "P",
        "TT", "Mr", "Mrs", "Ms", "Dr", "St", "Co", "Ltd", "Inc", "Corp", "No", "Jr", "Sr", "vs", "tr", "Tr",
        "Pte", "Pty", "Sdn",
    }
)  # fmt: skip

_LINE = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation (with closing quotes/brackets) then whitespace, then
# the start of the next sentence (a capital, a digit, an opening quote or a dash).
_END = re.compile(r"""(?:[.!?]+|…)["”’»)\]]*(?=\s+["“‘«(\[\-–—]?[\d\w])""")
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_LAST_WORD_WINDOW = 64  # longer than any abbreviation


def split_sentences(body: str) -> tuple[Sentence, ...]:
    """Split `body` into sentences whose `start`/`end` slice the body exactly."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(body):
        start = line.start()
        for end_match in _END.finditer(line.group(0)):
            end = line.start() + end_match.end()
            if not _ends_sentence(body, start, line.start() + end_match.start(), end):
                continue
            _append(sentences, body, start, end)
            start = end
        _append(sentences, body, start, line.end())
    return tuple(sentences)


def _ends_sentence(body: str, start: int, punct_start: int, end: int) -> bool:
    """Whether the punctuation ending at `end` closes a sentence (not an abbreviation or initial)."""
    following = _NEXT_CHARACTER.match(body, end)  # not body[end:].lstrip(): a copy of the rest per period
    if following is None:
        return False
    first = following.group(1)
    if not (first.isupper() or first.isdigit() or not first.isalnum()):
        return False
    if body[punct_start] != ".":
        return True
    # The word before the period, looked for in a bounded window: a longer word is no abbreviation
    # either, and a window from the sentence's start made a run of initials ("A. B. C. ...") quadratic.
    word = _LAST_WORD.search(body[max(start, punct_start + 1 - _LAST_WORD_WINDOW) : punct_start + 1])
    if word is None:
        return True
    token = word.group(1)
    # "Nguyễn V. Bình" style initials: a single capital letter before the period and a name after it.
    # A quote or a number after the period ("... Đông Nam Á. “Chúng tôi ...") starts a sentence.
    initial = len(token) == 1 and token.isupper() and first.isalpha()
    return not (token in ABBREVIATIONS or initial)


def _append(sentences: list[Sentence], body: str, start: int, end: int) -> None:
    """Append the trimmed slice body[start:end] if it holds any text."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start=start, end=end, text=body[start:end]))


def sentence_at(sentences: tuple[Sentence, ...], offset: int) -> Sentence:
    """The sentence holding body offset `offset` (the nearest one before it if it falls between)."""
    if not sentences:
        return Sentence(start=offset, end=offset, text="")
    index = bisect.bisect_right(_starts(sentences), offset) - 1
    return sentences[max(index, 0)]


_last_starts: tuple[tuple[Sentence, ...], list[int]] = ((), [])


def _starts(sentences: tuple[Sentence, ...]) -> list[int]:
    """The sentences' starts, kept for the article asked about last: every mention of an article asks
    `sentence_at`, and listing them anew each time made a long article's cost quadratic."""
    global _last_starts
    cached = _last_starts  # one read: another thread may replace it meanwhile
    if cached[0] is not sentences:
        cached = _last_starts = (sentences, [s.start for s in sentences])
    return cached[1]
