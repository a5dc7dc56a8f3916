"""The `parse` step: a RawDocument becomes a ParsedArticle with title, date, outlet and byline.

Plain-text articles carry their metadata in the text, in the shapes the seed articles show:

- a ` date 2025-09-18 ` prefix before the title on the first line: the date is the
  publication date and is not part of the title;
- the title on the first line; metadata from HTML, JSON or a feed wins when present, and the
  text's first line is then dropped only if it repeats that title;
- right after the title, an author line and a "18/09/2025, 15:01" line (seed 001): they
  become the byline and, when no date is known yet, the publication date;
- date lines and lines without a letter before the title ("Thứ Hai, 03/03/2025", "."): they
  are dropped, the date kept; a date and time at the end of the title line ("... tại Đà Nẵng
  14/03/2025 08:15") are cut off the title;
- a "Theo dõi Báo Gia Lai trên Google News" prompt, which names the outlet; it is read from
  the raw text because cleaning drops the line;
- a closing source line such as "Theo Hương Giang (TTXVN/Vietnam+)": the byline, when the
  header gave none.

The body is the cleaned text without the title and byline lines. One exception, for texts
whose first line is not a headline but the article's first sentence (seeds 003 and 004): a
first line longer than 150 characters that ends like a sentence is kept as the body's first
paragraph as well as being the title, because it is content (seed 003's names a person and
an amount that appear nowhere else).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from importers.cleaning import clean_text, remove_invisible
from importers.types import ParsedArticle, RawDocument

# Leading whitespace includes blank lines before the first line of text; a file may end right after the date.
DATE_PREFIX = re.compile(r"\A\s*date (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:\s+|\Z)")

# A date line under the author's name: "18/09/2025, 15:01", "Thứ năm, 18/9/2025 - 15:01 (GMT+7)",
# "07:30 21/04/2025" (time first), "Cập nhật: 14:20, 03/05/2025 (GMT+7)" (with a label).
_DATE_LABEL = r"(?:(?:Cập nhật|Ngày đăng|Đăng(?: lúc| ngày)?|Xuất bản)(?: lúc)?\s*:?\s*)?"
_WEEKDAY = r"(?:(?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật),\s*)?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
BYLINE_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"^{_DATE_LABEL}(?:{_TIME}\s*[,|-]?\s*)?{_WEEKDAY}"
        r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
        rf"(?:\s*[,|-]?\s*{_TIME})?(?:\s*\(GMT[+-]\d{{1,2}}\))?$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
)
# The date and time some pages print at the end of the headline line: "... tại Đà Nẵng 14/03/2025 08:15".
TITLE_DATE_SUFFIX = re.compile(
    rf"\s+(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>\d{{4}})(?:\s*[,|-]?\s*{_TIME})?$"
)

# Lines that name the outlet the article was read from.
OUTLET_LINES: tuple[re.Pattern[str], ...] = (
    # "Theo dõi Báo Gia Lai trên Google News"
    re.compile(r"^Theo dõi (?P<outlet>.{2,60}?) trên Google News$", re.IGNORECASE),
)

# "Theo Hương Giang (TTXVN/Vietnam+)", "Theo TTXVN": who wrote it and for which agency.
SOURCE_LINE = re.compile(r"^Theo (?P<byline>(?P<name>[^\W\d_][^\d,;:.!?()]{0,50}?)\s*(?:\([^()]{1,40}\))?)\.?$")

MAX_AUTHOR_WORDS = 6
MAX_AUTHOR_LENGTH = 60
AUTHOR_FORBIDDEN = re.compile(r"[\d.,;:!?…\"“”()]")

FIRST_SENTENCE_MIN_LENGTH = 150
SENTENCE_END = re.compile(r"[.!?…][\"'”’)»]*$")

# Letters that mark Vietnamese rather than another Latin-script language: ă đ ơ ư ĩ ũ and the
# precomposed tone letters. French shares â ê ô and the plain acute and grave vowels.
VIETNAMESE_LETTERS = re.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
MIN_VIETNAMESE_LETTER_SHARE = 0.08


def parse_document(doc: RawDocument) -> ParsedArticle:
    """Split one document into title, body and metadata; the body is what extraction reads.

    A document of metadata alone (a ` date` line and nothing else) gives an empty title and body:
    the import refuses it (`importers.pipeline`).
    """
    raw_text = unicodedata.normalize("NFC", doc.text)
    published_on, text = _split_date_prefix(raw_text)
    metadata_date, metadata_title = _split_date_prefix(_one_line(doc.title))
    published_on = doc.published_on or metadata_date or published_on

    lines = clean_text(text).split("\n") if text.strip() else []
    leading_date, lines = _skip_leading_noise(lines)
    title_date, lines = _split_title_date(lines)
    published_on = published_on or leading_date or title_date
    title = metadata_title
    start = 0
    if lines and (not title or lines[0].casefold() == title.casefold()):
        title = title or lines[0]
        keep_as_content = not metadata_title and _is_first_sentence(lines[0])
        if len(lines) > 1 and not keep_as_content:
            start = 1

    byline, header_date, start = _read_header_byline(lines, start)
    published_on = published_on or header_date
    lines = lines[start:]
    if lines:
        source = SOURCE_LINE.match(lines[-1])
        if source and _is_name(source["name"]) and len(lines) > 1:
            byline = byline or source["byline"]
            lines = lines[:-1]

    body = "\n".join(lines)
    return ParsedArticle(
        source=doc.source,
        title=title,
        body=body,
        raw_text=raw_text,
        # A feed or JSON record states its title and URL beside the text: two entries with the same
        # teaser but another headline or address are two articles.
        content_hash=content_hash("\n".join(filter(None, [doc.title, doc.url, raw_text]))),
        published_on=published_on,
        outlet=_one_line(doc.outlet) or _outlet_from_text(raw_text),
        byline=byline,
        url=doc.url,
        language=detect_language(body or title),
    )


def content_hash(text: str) -> str:
    """SHA-256 of the NFC text with whitespace runs collapsed, so re-reading the same article
    (other line endings, trailing spaces, NBSPs) gives the same hash and so the same article."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str:
    """Return "vi" when Vietnamese-only letters make up a fair share of the letters, else "en".

    Crude on purpose: the sources are Vietnamese or English news, and an English article that
    quotes a few Vietnamese names stays well under the threshold.
    """
    letters = sum(char.isalpha() for char in text)
    if letters and len(VIETNAMESE_LETTERS.findall(text)) >= MIN_VIETNAMESE_LETTER_SHARE * letters:
        return "vi"
    return "en"


def _split_date_prefix(text: str) -> tuple[dt.date | None, str]:
    """The ` date YYYY-MM-DD ` prefix of the first non-empty line, and the text after it."""
    match = DATE_PREFIX.match(text)
    day = _date(match) if match else None
    if match is None or day is None:
        return None, text
    return day, text[match.end() :]


def _skip_leading_noise(lines: list[str]) -> tuple[dt.date | None, list[str]]:
    """Drop date lines ("Thứ Hai, 03/03/2025") and lines without a letter (".") before the headline."""
    day = None
    while len(lines) > 1 and (_byline_date(lines[0]) or not any(c.isalpha() for c in lines[0])):
        day = day or _byline_date(lines[0])
        lines = lines[1:]
    return day, lines


def _split_title_date(lines: list[str]) -> tuple[dt.date | None, list[str]]:
    """Cut the date and time printed at the end of the headline line off it."""
    match = TITLE_DATE_SUFFIX.search(lines[0]) if lines else None
    if match is None or not any(c.isalpha() for c in lines[0][: match.start()]):
        return None, lines
    return _date(match), [lines[0][: match.start()], *lines[1:]]


def _read_header_byline(lines: list[str], start: int) -> tuple[str, dt.date | None, int]:
    """An author line followed by a date line, or a date line alone, right after the title."""
    candidates = lines[start : start + 2]
    if candidates:
        day = _byline_date(candidates[0])
        if day is not None:
            return "", day, start + 1
    if len(candidates) == 2 and _is_name(candidates[0]):
        day = _byline_date(candidates[1])
        if day is not None:
            return candidates[0], day, start + 2
    return "", None, start


def _byline_date(line: str) -> dt.date | None:
    for pattern in BYLINE_DATES:
        match = pattern.match(line)
        if match:
            return _date(match)
    return None


def _is_name(text: str) -> bool:
    """A short run of capitalized words without digits or sentence punctuation: "Bạch Dương"."""
    words = text.replace("-", " ").replace("/", " ").split()
    return (
        0 < len(words) <= MAX_AUTHOR_WORDS
        and len(text) <= MAX_AUTHOR_LENGTH
        and not AUTHOR_FORBIDDEN.search(text)
        and all(word[0].isupper() for word in words)
    )


def _is_first_sentence(line: str) -> bool:
    return len(line) > FIRST_SENTENCE_MIN_LENGTH and bool(SENTENCE_END.search(line))


def _outlet_from_text(text: str) -> str:
    for line in text.splitlines():
        line = _one_line(line)
        for pattern in OUTLET_LINES:
            match = pattern.match(line)
            if match:
                return match["outlet"]
    return ""


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", remove_invisible(text)).split())
