"""The status a lead's sentences report: the wording of each step ("được cấp giấy chứng nhận đầu
tư", "ký biên bản ghi nhớ", "khởi công"), and whether it is done or only planned ("sẽ khởi công").

The wording lists are `lead_<status>` in `data/cues.json`; a lead's status is the furthest step
its sentences report as done (`leads.choices.STATUS_ORDER`, furthest last).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from importers.extraction.lead_context import Claim
from importers.extraction.lexicon import PhraseFinder, cue_finder, load_lexicon
from importers.extraction.tokens import Token, tokenize
from importers.types import Sentence
from leads.choices import STATUS_ORDER

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_PLANNED_WINDOW = 3  # words before a step that may say it is only planned


_LICENSED_OBJECT_WORDS = 20  # words between a licence and the step it allows ("cấp phép cho X mở ...")


@lru_cache(maxsize=1)
def _status_phrases() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word → (words, status) of the status phrases starting with it, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, status in status_finder().values.items():
        words = tuple(t.key.lower() for t in tokenize(phrase))
        if words:
            by_first.setdefault(words[0], []).append((words, str(status)))
    return {first: tuple(sorted(items, key=lambda i: -len(i[0]))) for first, items in by_first.items()}


def status_hits(tokens: list[Token]) -> list[tuple[int, int, object]]:
    """(start, end, status) of the status phrases in a sentence's tokens, longest first, no overlaps.

    One lower-casing pass and one dictionary lookup per word: most words start no phrase.
    """
    phrases = _status_phrases()
    words = [(t.key or t.text).lower() for t in tokens]
    hits: list[tuple[int, int, object]] = []
    index = 0
    while index < len(words):
        for candidate, status in phrases.get(words[index], ()):
            end = index + len(candidate)
            if tuple(words[index:end]) == candidate:
                hits.append((tokens[index].start, tokens[end - 1].end, status))
                index = end
                break
        else:
            index += 1
    return hits


@lru_cache(maxsize=1)
def status_finder() -> PhraseFinder:
    """Every status phrase of `cues.json` mapped to its status; "lead_neutral" phrases map to ""."""
    cues = load_lexicon().cues
    phrases: dict[str, object] = {}
    for status in STATUS_ORDER:  # a phrase listed twice keeps the furthest status
        for phrase in cues.get(f"lead_{status}", []):
            phrases[phrase] = status
    for phrase in cues.get("lead_neutral", []):
        phrases[phrase] = ""
    return PhraseFinder(phrases)


def sentence_status_hits(sentence: Sentence, inputs: OpportunityInputs) -> list[tuple[int, int, object]]:
    """Status phrases of the sentence outside the names of organizations, laws and events."""
    excluded = inputs.excluded.get(sentence.start, [])
    tokens = inputs.tokens.get(sentence.start)
    if tokens is None:
        tokens = tokenize(sentence.text, sentence.start)
    return [hit for hit in status_hits(tokens) if not any(s <= hit[0] and hit[1] <= e for s, e in excluded)]


def done_status(sentence: Sentence, hit: tuple[int, int, object]) -> str:
    """The hit's status, or "interest" when the words right before it say it is only planned."""
    status = str(hit[2])
    if status in ("interest", "proposal"):
        return status
    window = " ".join(sentence.text[: hit[0] - sentence.start].split()[-_PLANNED_WINDOW:])
    for compound in cue_finder("planned_compounds_done").find(window)[::-1]:  # "quyết định": decided
        window = window[: compound[0]] + window[compound[1] :]
    if not _planned_pattern().search(window):
        return status
    if status == "withdrawn" and cue_finder("revocation_proposed").find(window):
        return status  # "đề nghị thu hồi giấy phép": a revocation proposed counts
    return "interest"


def without_licensed_objects(sentence: Sentence, hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """The hits less the steps a licence written before them allows: "ký giấy phép cho ngân hàng X mở
    văn phòng đại diện" reports a licence, not an office already open."""
    kept = []
    licence_end = None
    for hit in hits:
        if hit[2] == "licensed":
            licence_end = hit[1]
        elif hit[2] in ("construction", "operating") and licence_end is not None:
            between = sentence.text[licence_end - sentence.start : hit[0] - sentence.start]
            words = between.split()
            if ";" not in between and "đã" not in words and len(words) <= _LICENSED_OBJECT_WORDS:
                continue  # "... và đã đi vào hoạt động" is a step of its own
        kept.append(hit)
    return kept


@lru_cache(maxsize=1)
def _planned_pattern() -> re.Pattern[str]:
    """The planned markers as written (lower case: "định" plans, "Bình Định" is a place)."""
    markers = sorted(load_lexicon().cues["planned_markers"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in markers) + r")(?!\w)")


def licensed_in_roundup(claim: Claim) -> Claim:
    """A project listed after "Một số dự án lớn được cấp phép trong tháng ... là ..." in its paragraph
    ("X đầu tư dự án ... với tổng vốn 220 triệu USD") is one of the licensed projects: its plain
    "đầu tư" with a registered amount reports the licence, not a wish."""
    if claim.value is None or not set(claim.statuses) <= {"interest"}:
        return claim
    return replace(claim, statuses=("licensed",))
