"""Showing why a record exists: evidence sentences and article bodies with the words marked.

Everything is escaped piece by piece (`conditional_escape`), and only the `<mark>`/`<a>` tags
built here are trusted, so an article can contain any markup without it reaching the page.
Offsets come from `Evidence` (into `SourceArticle.body`); when they do not match the text
(an article re-cleaned since, a hand-made record) the words are looked up in the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from leads.text import strip_diacritics


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: [start, end), where it links, and what it is."""

    start: int
    end: int
    url: str | None = None
    label: str = ""
    css: str = ""


def fold_same_length(text: str) -> str:
    """Case and diacritics folded character by character, so offsets stay valid.

    "Quảng Đông" → "quang dong". A character whose folding is not one character is kept.
    """
    folded = []
    for char in text:
        simple = strip_diacritics(unicodedata.normalize("NFC", char)).lower()
        folded.append(simple if len(simple) == 1 else char)
    return "".join(folded)


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of `terms` occurs in `text` as whole words, ignoring case and diacritics."""
    folded = fold_same_length(text)
    found: list[tuple[int, int]] = []
    for term in {fold_same_length(" ".join(term.split())) for term in terms if term and term.strip()}:
        if len(term) < 2:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in term.split()) + r"(?!\w)"
        found.extend(match.span() for match in re.finditer(pattern, folded))
    return found


def mark_spans(text: str, spans: Iterable[Span], offset: int = 0) -> SafeString:
    """`text` escaped, with every span wrapped in `<mark>` (and a link when it has a URL).

    `offset` is where `text` starts in the coordinates of the spans (a sentence inside a
    body). Overlapping spans are split at their boundaries; each piece links to the shortest
    span with a link covering it, and its title lists all of them.
    """
    length = len(text)
    local = [
        Span(max(span.start - offset, 0), min(span.end - offset, length), span.url, span.label, span.css)
        for span in spans
        if span.end - offset > 0 and span.start - offset < length and span.end > span.start
    ]
    if not local:
        return conditional_escape(text)
    cuts = sorted({0, length, *(span.start for span in local), *(span.end for span in local)})
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = conditional_escape(text[start:end])
        covering = [span for span in local if span.start <= start and end <= span.end]
        if not covering:
            pieces.append(piece)
            continue
        best = min(covering, key=lambda span: (span.url is None, span.end - span.start))
        title = "; ".join(dict.fromkeys(span.label for span in covering if span.label))
        css = " ".join(dict.fromkeys(span.css for span in covering if span.css))
        inner = format_html('<a href="{}">{}</a>', best.url, piece) if best.url else piece
        pieces.append(format_html('<mark class="{}" title="{}">{}</mark>', css, title, inner))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


def mention_span(evidence, body: str | None = None) -> tuple[int, int] | None:
    """Where the evidence's words are, in body coordinates; None when they cannot be found."""
    start, end, mention = evidence.mention_start, evidence.mention_end, evidence.mention or ""
    sentence_start = evidence.sentence_start
    sentence = evidence.sentence
    if start is not None and end is not None and end > start:
        relative = start - sentence_start
        inside = relative >= 0 and relative + (end - start) <= len(sentence)
        if inside and (not mention or sentence[relative : relative + (end - start)] == mention):
            return start, end
        if body is not None and body[start:end] == mention:
            return start, end
    if mention:
        found = find_terms(sentence, [mention])
        if found:
            first = min(found)
            return sentence_start + first[0], sentence_start + first[1]
    return None


def highlight_sentence(evidence, extra_terms: Iterable[str] = (), url: str | None = None) -> SafeString:
    """The evidence sentence, escaped, with its words (and any `extra_terms`) in `<mark>`."""
    spans: list[Span] = []
    located = mention_span(evidence)
    # A mention that is (nearly) the whole sentence says nothing more than the sentence itself.
    if located and (located[1] - located[0]) < 0.9 * len(evidence.sentence):
        spans.append(Span(located[0], located[1], url, evidence.mention, "crm-mention"))
    for start, end in find_terms(evidence.sentence, extra_terms):
        spans.append(Span(evidence.sentence_start + start, evidence.sentence_start + end, None, "", "crm-term"))
    return mark_spans(evidence.sentence, spans, offset=evidence.sentence_start)
