"""Sectors named as the content of an investment, project or cooperation.

A sector keyword counts only in a sentence that speaks of investing or cooperating, and only
after the words that say so ("mong muốn hợp tác ... trong phát triển AI") or in the description
of the firms that say so ("Các doanh nghiệp Hàn Quốc về bán dẫn ... muốn đầu tư"): the same keyword in
background statistics ("kim ngạch", "dòng vốn"), in an organization's name ("Ủy ban Xúc tiến
Thương mại"), in a law or policy ("Nghị quyết ... chuyển đổi số quốc gia") or in an event's
name or theme does not make the article about that sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from importers.extraction.gazetteer import Gazetteer, Sector
from importers.extraction.lexicon import PhraseFinder, PhraseTable, cue_finder, load_lexicon
from importers.extraction.tokens import Token
from importers.types import Mention, SectorFound, Sentence
from leads.text import canonical_tones

_MAX_NAME_TOKENS = 30
# Function words that may stand in that description ("lớn của Đài Loan", "đến từ Hàn Quốc").
_SUBJECT_LINKS = frozenset({"của", "các", "những", "nhiều", "tại", "ở", "đến", "từ"})
_MAX_SUBJECT_WORDS = 5  # words between "doanh nghiệp" and "về" in "Các doanh nghiệp lớn của Hàn Quốc về ..."
_CLAUSE_PUNCTUATION = frozenset(';:.!?()[]"“”…')
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class SectorHit:
    """A sector keyword where it counts: its slug, offsets and sentence."""

    slug: str
    start: int
    end: int
    text: str
    sentence: Sentence
    subject: bool = False  # named in the subject before the interest cue ("Các doanh nghiệp về bán dẫn muốn ...")


@lru_cache(maxsize=4)
def _keyword_finder(sectors: tuple[Sector, ...]) -> PhraseFinder:
    return PhraseFinder({keyword: sector.slug for sector in sectors for keyword in sector.keywords})


def quoted_and_named_spans(tokens: list[Token], body: str) -> list[tuple[int, int]]:
    """Spans of policy, law and event names and of quoted themes in one sentence.

    A policy name ("Nghị quyết số 57 ... về ... chuyển đổi số quốc gia") runs to the end of
    its clause; an event name ("Tọa đàm Xúc tiến đầu tư, thương mại ... Việt Nam - Trung
    Quốc") runs to the word that starts the rest of the sentence ("do", "tại", "diễn ra").
    """
    cues = load_lexicon().cues
    policy_heads = _heads(tuple(cues["policy_heads"]))
    event_heads = _heads(tuple(cues["event_heads"]))
    policy_ends, clause_ends = set(cues["policy_ends"]), set(cues["clause_ends"])
    named_events = _lower_heads(tuple(cues["named_event_words"]))
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.text in ("“", '"') and index > 0:
            close = next((j for j in range(index + 1, len(tokens)) if tokens[j].text in ("”", '"')), None)
            if close is not None and _is_theme(tokens, index):
                spans.append((token.start, tokens[close].end))
            continue
        length, _ = named_events.match(tokens, index) if token.is_lower else (0, None)
        if length:
            end = _clause_end(tokens, index + length, clause_ends)
            if _names_a_dated_event(tokens[index + length : end]):
                spans.append((token.start, tokens[end - 1].end))
        for heads, ends, needs_name in ((policy_heads, policy_ends, False), (event_heads, clause_ends, True)):
            length, _ = heads.match(tokens, index)
            if not length:
                continue
            following = index + length
            if needs_name and not (following < len(tokens) and tokens[following].is_capitalized):
                continue
            end = _clause_end(tokens, following, ends)
            spans.append((token.start, tokens[end - 1].end))
    return spans


@lru_cache(maxsize=8)
def _heads(phrases: tuple[str, ...]) -> PhraseTable:
    return PhraseTable({p: p for p in phrases}, case="all")


@lru_cache(maxsize=8)
def _lower_heads(phrases: tuple[str, ...]) -> PhraseTable:
    return PhraseTable({p: p for p in phrases}, case="none")


def _names_a_dated_event(tokens: list[Token]) -> bool:
    """Whether the words after a lower-case event word hold a proper name and a year: an event's name."""
    return any(t.is_capitalized for t in tokens) and any(_YEAR.match(t.text) for t in tokens)


def _is_theme(tokens: list[Token], index: int) -> bool:
    """Whether an opening quote follows "chủ đề" (a theme) rather than introducing speech."""
    before = " ".join(t.text for t in tokens[max(0, index - 3) : index]).lower()
    return "chủ đề" in before or "khẩu hiệu" in before


def _clause_end(tokens: list[Token], index: int, ends: set[str]) -> int:
    """Token index where a policy or event name stops (names hold comma lists, so not at commas)."""
    position = index
    limit = min(len(tokens), index + _MAX_NAME_TOKENS)
    while position < limit:
        token = tokens[position]
        if token.text in _CLAUSE_PUNCTUATION:
            break
        pair = f"{token.text} {tokens[position + 1].text}" if position + 1 < len(tokens) else ""
        if token.text in ends or pair in ends:
            break
        position += 1
    return max(position, index)


def sector_hits(sentence: Sentence, excluded: list[tuple[int, int]], gazetteer: Gazetteer) -> list[SectorHit]:
    """Keywords of `sentence` that count: after an investment/cooperation cue, outside names."""
    if cue_finder("background").find(sentence.text):
        return []
    cues = [c for c in cue_finder("sector_cues").find(sentence.text, sentence.start) if not _inside(c, excluded)]
    if not cues:
        return []
    first_cue = cues[0][0]
    subject = _subject_span(sentence)
    sites = {canonical_tones(k).lower() for k in load_lexicon().cues["site_keywords"]}
    hits = []
    for start, end, slug in _keyword_finder(gazetteer.sectors).find(sentence.text, sentence.start):
        text = sentence.text[start - sentence.start : end - sentence.start]
        in_subject = subject is not None and subject[0] <= start and end <= subject[1]
        if (start < first_cue and not in_subject) or _inside((start, end), excluded):
            continue
        if canonical_tones(text).lower() in sites and _named_after(sentence, end) and not _plural(sentence, start):
            continue  # "tại Khu công nghiệp Tràng Duệ": where, not what ("các khu công nghiệp VSIP": what)
        hits.append(SectorHit(str(slug), start, end, text, sentence, subject=in_subject))
    return hits


def _subject_span(sentence: Sentence) -> tuple[int, int] | None:
    """The sectors a subject is described by, when it states an interest right after them.

    "Các doanh nghiệp lớn của Đài Loan về linh kiện điện tử, bán dẫn ... muốn mở rộng nhà
    máy": firms (a business noun), a few describing words, a marker ("về", "trong lĩnh
    vực", "chuyên"), the sectors, then the first interest cue. The span runs from the marker
    to that cue; a verb between the firms and the marker ("Công ty đánh giá cao về ...") makes
    it an assessment instead.
    """
    interest = cue_finder("opportunity_cues").find(sentence.text, sentence.start)
    if not interest:
        return None
    cue = interest[0][0]
    stop_words = load_lexicon().stop_words
    nouns = [n for n in cue_finder("business_nouns").find(sentence.text, sentence.start) if n[1] <= cue]
    for start, end, _ in cue_finder("subject_sector_markers").find(sentence.text, sentence.start):
        if end > cue:
            break
        for noun in nouns:
            between = sentence.text[noun[1] - sentence.start : start - sentence.start].split()
            verbs = stop_words.intersection(between) - _SUBJECT_LINKS
            if noun[1] <= start and len(between) <= _MAX_SUBJECT_WORDS and not verbs:
                clause = sentence.text[end - sentence.start : cue - sentence.start]
                return None if any(p in clause for p in ";:") else (end, cue)
    return None


def _plural(sentence: Sentence, start: int) -> bool:
    before = sentence.text[: start - sentence.start].split()
    return bool(before) and before[-1].lower() in ("các", "những", "nhiều", "mọi")


def _named_after(sentence: Sentence, end: int) -> bool:
    """Whether a proper name (a capitalized word) follows the keyword ending at `end`."""
    following = sentence.text[end - sentence.start :].split(maxsplit=1)
    return bool(following) and following[0][0].isupper()


def _inside(span: tuple[int, int, object] | tuple[int, int], excluded: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in excluded)


def sectors_found(hits: list[SectorHit]) -> tuple[SectorFound, ...]:
    """One SectorFound per slug, in order of first mention, with every counted mention."""
    grouped: dict[str, list[SectorHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.slug, []).append(hit)
    return tuple(
        SectorFound(
            slug=slug,
            mention=group[0].text,
            mentions=tuple(Mention(h.start, h.end, h.text, h.sentence) for h in group),
        )
        for slug, group in grouped.items()
    )
