"""The `read` step: bytes from files, folders, globs, feeds or stdin become RawDocuments.

Nothing here raises for bad input. Every problem a person could cause (a wrong path, an empty
or binary file, a file too large, malformed JSON, a page without text) becomes a ReadError
whose message is one sentence, so an import run can report it and go on with the next source.

A source may hold several articles (a JSON list, JSON Lines, a feed): each becomes its own
RawDocument whose `source` is the path plus `#n`, counting from 1, so the preview and the
saved article say exactly where the text came from (a file holding one JSON object, or one
plain-text or HTML article, keeps the bare path).

Encoding detection, in order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM when the NUL
bytes of its ASCII letters all fall on one side of each pair; strict UTF-8; Windows-1258 when the
decoded text reads as Vietnamese; charset-normalizer; last, UTF-8 damaged in a few places (a
stray byte, a cut character), whose bad bytes become U+FFFD. Windows-1258 writes most tones
as combining marks after the letter, so every text is NFC-normalized after decoding; the same
normalization turns NFD input (as macOS tools write it) into the composed form the rest of the
pipeline compares against.

Hostile input is bounded here: a file over `max_bytes` is not read; a file that is mostly control
characters is binary; the few control characters of a text file (and lone surrogates a JSON file
can spell) are removed from everything read, since no database stores NUL in text and no person
wrote them; JSON nested past `MAX_JSON_DEPTH` is refused before it is parsed; a URL or an outlet
longer than the column that keeps it is refused in words rather than cut.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import glob
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from typing import Any, BinaryIO

import charset_normalizer
import feedparser
import trafilatura

from importers.types import RawDocument, ReadError

STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"
GLOB_MAGIC = re.compile(r"[*?[]")

# Known extensions decide the format; anything else is recognized by its content.
EXTENSION_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".rss": "feed",
    ".atom": "feed",
}
JSON_LINES_EXTENSIONS = frozenset({".jsonl", ".ndjson"})

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Letters that only Vietnamese writes: the precomposed tone letters of Latin Extended Additional.
# Windows-1258 has none of them as single bytes, so they appear only when a letter and a
# combining tone mark compose, which is what Vietnamese text does on nearly every word.
VIETNAMESE_TONE_LETTERS = re.compile(r"[\u1ea0-\u1ef9]")
MIN_TONE_LETTERS_PER_WORD = 0.05
MIN_UTF16_ZERO_SHARE = 0.3
# Invalid UTF-8 tolerated as damage: a few bytes, at most one character in a thousand.
MIN_TOLERATED_DAMAGE = 4
MAX_DAMAGE_SHARE = 0.001

# Control characters other than tab and line breaks: text files have (almost) none.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_CHARACTER_SHARE = 0.01
# What becomes of them once read: vertical tab and form feed (left by PDF copies) break the line,
# the four separators U+001C-U+001F separate words, the others and lone surrogates ("\ud800" in
# JSON, which no encoding can store) are removed.
UNSTORABLE_CHARACTERS = {
    **dict.fromkeys([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1C), 0x7F, *range(0xD800, 0xE000)]),
    **dict.fromkeys([0x0B, 0x0C], "\n"),
    **dict.fromkeys(range(0x1C, 0x20), " "),
}

# An article file is a list of objects of strings: two levels. Deeper nesting is refused before
# parsing, so no file can reach Python's recursion limit.
MAX_JSON_DEPTH = 20
JSON_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')

# The longest URL and outlet name a SourceArticle keeps (its `url` and `outlet` columns).
MAX_URL_LENGTH = 1000
MAX_OUTLET_LENGTH = 200

ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>/]", re.IGNORECASE)
XML_UNCOUNTED = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)  # what may quote a tag
FEED_MARKERS = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
HTML_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p)\b", re.IGNORECASE)
JSON_START = re.compile(r"\A(?:\{|\[\s*(?:[{\]]|\Z))")
HTML_FRAGMENT = re.compile(r"<(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|img|figure|table)\b[^>]*>", re.I)
ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\Z")

# Parts of a page that are never the article; trafilatura drops most of them itself, but on a
# short page its fallback extractor would return the menu as if it were the main text.
HTML_PRUNE_XPATH = ["//nav", "//header", "//footer", "//aside", "//menu"]

JSON_BODY_KEYS = ("body", "text", "content")


def read_sources(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, max_bytes: int = 5_000_000
) -> Iterator[RawDocument | ReadError]:
    """Yield the documents, or an error, for each path in order.

    A path is a file, a folder (read recursively in sorted order, hidden files and folders
    skipped), a glob pattern, or `-` for stdin (`stdin` if given, else the process's stdin).
    A broken file yields one ReadError and reading goes on with the next file.
    """
    for path in paths:
        if path == STDIN_PATH:
            yield from _read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif os.path.isdir(path):
            yield from _read_folder(path, max_bytes)
        elif os.path.exists(path):
            yield from _read_file(path, max_bytes)
        elif GLOB_MAGIC.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield ReadError(path, "No file matches this pattern.")
            for match in matches:
                if os.path.isdir(match):
                    yield from _read_folder(match, max_bytes)
                else:
                    yield from _read_file(match, max_bytes)
        else:
            yield ReadError(path, "No file or folder exists at this path.")


class TooManyArticles(Exception):
    """A source holds more articles than the caller takes at once (`max_documents`); nothing was read."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(f"The import holds {count:,} articles, more than the limit of {limit:,} per request.")
        self.count, self.limit = count, limit


def read_bytes(
    data: bytes, *, source: str, filename: str = "", max_bytes: int = 5_000_000, max_documents: int | None = None
) -> list[RawDocument] | ReadError:
    """Decode and split one upload or file into documents.

    `filename` (its extension) decides the format when it is a known one; otherwise the
    content does. A file is read whole or not at all: if any of its records is unusable the
    result is a ReadError naming that record, so a half-imported upload never happens.
    `max_bytes` is checked here too, so an upload meets the same limit as a file on disk.
    `max_documents`, when given, raises `TooManyArticles` for a feed or JSON Lines file with
    more entries, counted before they are parsed (a 10,000-item feed takes seconds to parse).
    """
    if len(data) > max_bytes:
        return ReadError(source, _too_large_message(len(data), max_bytes))
    try:
        text = _decode(data)
    except _NotText as error:
        return ReadError(source, str(error))
    if not text.strip():
        return ReadError(source, "The file is empty.")

    extension = os.path.splitext(filename)[1].lower()
    file_format = EXTENSION_FORMATS.get(extension) or _sniff_format(text)
    if max_documents is not None:
        _check_count(_entry_count(data, text, file_format, extension), max_documents)
    if file_format == "json":
        return _read_json(text, source, json_lines=extension in JSON_LINES_EXTENSIONS)
    if file_format == "html":
        return _read_html(text, source)
    if file_format == "feed":
        return _read_feed(data, source)
    return [RawDocument(source=source, text=text, format="text")]


class _NotText(ValueError):
    """Raised inside this module only: the bytes are not text; the message says why."""


def _entry_count(data: bytes, text: str, file_format: str, extension: str) -> int:
    """The entries of a feed or the records of a JSON Lines file, counted without parsing them (else 0)."""
    if file_format == "feed":
        return len(FEED_ENTRY.findall(XML_UNCOUNTED.sub(b"", data)))
    if file_format == "json" and extension in JSON_LINES_EXTENSIONS:
        return sum(1 for line in text.split("\n") if line.strip())
    return 0


def _check_count(count: int, limit: int) -> None:
    if count > limit:
        raise TooManyArticles(count, limit)


def _read_stream(stream: BinaryIO, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadError(STDIN_SOURCE, f"The input is more than {max_bytes:,} bytes, over the limit.")
        return
    yield from _items(read_bytes(data, source=STDIN_SOURCE, max_bytes=max_bytes))


def _read_folder(folder: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    found = False
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield from _read_file(os.path.join(root, name), max_bytes)
    if not found:
        yield ReadError(folder, "The folder contains no files to read.")


def _read_file(path: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    # A name that is not UTF-8 reaches Python as surrogate escapes, which no database can store:
    # the source names it with U+FFFD instead.
    source = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            yield ReadError(source, _too_large_message(size, max_bytes))
            return
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        yield ReadError(source, f"The file could not be read: {error.strerror or error}.")
        return
    yield from _items(read_bytes(data, source=source, filename=source, max_bytes=max_bytes))


def _items(result: list[RawDocument] | ReadError) -> Iterator[RawDocument | ReadError]:
    if isinstance(result, ReadError):
        yield result
    else:
        yield from result


def _too_large_message(size: int, max_bytes: int) -> str:
    return f"The file is {size:,} bytes, over the limit of {max_bytes:,} bytes."


def _decode(data: bytes) -> str:
    """Bytes to NFC text with universal newlines; raises _NotText saying why they are not text."""
    text = _decode_with_bom(data)
    if text is None and b"\x00" in data:
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise _NotText("The file is binary (it contains NUL bytes), not text.")
    if text is None:
        text = _decode_without_bom(data)
    if text is None:
        raise _NotText("The file is not text: its bytes do not decode in any known encoding.")
    if len(CONTROL_CHARACTERS.findall(text)) > MAX_CONTROL_CHARACTER_SHARE * len(text):
        raise _NotText("The file is binary (it is full of control characters), not text.")
    return _normalize(text)


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_without_bom(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    vietnamese = _decode_windows_1258(data)
    if vietnamese is not None:
        return vietnamese
    match = charset_normalizer.from_bytes(data).best()
    return str(match) if match is not None else _decode_damaged_utf8(data)


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a byte-order mark, or None.

    ASCII and Latin-1 letters (spaces, most of a Vietnamese text) have a NUL high byte, so in
    UTF-16 the NULs fall on one side of each pair and never on the other; binary data has NULs
    on both sides.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if not other.count(0) and zeros.count(0) >= MIN_UTF16_ZERO_SHARE * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes (U+FFFD in their place), or None when they are more than a few."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode())
    return text if damaged <= max(MIN_TOLERATED_DAMAGE, MAX_DAMAGE_SHARE * len(text)) else None


def _decode_windows_1258(data: bytes) -> str | None:
    """The text if the bytes are Windows-1258 Vietnamese, else None.

    Western Windows-1252 text also decodes as Windows-1258 (the tables share most bytes), so
    the decoded text must look Vietnamese: tone marks that all composed onto a letter, and
    tone letters on a fair share of words.
    """
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(char) == "Mn" for char in text):
        return None
    words = len(text.split())
    if words and len(VIETNAMESE_TONE_LETTERS.findall(text)) >= MIN_TONE_LETTERS_PER_WORD * words:
        return text
    return None


def _sniff_format(text: str) -> str:
    start = text.lstrip()
    if JSON_START.match(start):
        return "json"
    if start.startswith("<"):
        head = start[:4000]
        if FEED_MARKERS.search(head):
            return "feed"
        if HTML_MARKERS.search(head):
            return "html"
    return "text"


def _read_json(text: str, source: str, *, json_lines: bool) -> list[RawDocument] | ReadError:
    """One object, a list of objects, or JSON Lines (one object per line).

    JSON nested deeper than articles need (a hostile file) is refused in words before parsing,
    instead of stopping the import with a RecursionError; the parser's own RecursionError, should
    a malformed file slip past the count, gives the same answer.
    """
    too_deep = ReadError(
        source, f"The JSON is nested too deeply to be articles (more than {MAX_JSON_DEPTH} levels; articles need 2)."
    )
    if _nested_deeper_than(text, MAX_JSON_DEPTH):
        return too_deep
    if not json_lines:
        try:
            value = json.loads(text)
        except RecursionError:
            return too_deep
        except json.JSONDecodeError as error:
            if not error.msg.startswith("Extra data"):
                return ReadError(source, _json_error_message(error, error.lineno))
            json_lines = True
        else:
            if isinstance(value, list):
                if not value:
                    return ReadError(source, "The JSON list is empty, so there is no article to read.")
                return _json_records(value, source, numbered=True)
            return _json_records([value], source, numbered=False)

    records: list[Any] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except RecursionError:
                return too_deep
            except json.JSONDecodeError as error:
                return ReadError(source, _json_error_message(error, line_number))
    return _json_records(records, source, numbered=True)


def _nested_deeper_than(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than `limit`: one linear pass, no recursion."""
    depth = 0
    for match in JSON_STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


def _json_error_message(error: json.JSONDecodeError, line_number: int) -> str:
    return f"The JSON is malformed at line {line_number}, column {error.colno}: {error.msg[:1].lower()}{error.msg[1:]}."


def _json_records(records: list[Any], source: str, *, numbered: bool) -> list[RawDocument] | ReadError:
    documents = []
    for number, record in enumerate(records, start=1):
        name = f"Record {number}" if numbered else "The JSON object"
        record_source = f"{source}#{number}" if numbered else source
        if not isinstance(record, dict):
            return ReadError(source, f"{name} is not a JSON object with article fields.")
        body = next((record[key] for key in JSON_BODY_KEYS if isinstance(record.get(key), str)), "")
        if HTML_FRAGMENT.search(body):
            body = html_to_text(body)
        body = _normalize(body)
        if not body.strip():
            return ReadError(source, f'{name} has no article text: give it a "body", "text" or "content" key.')
        published = _string_field(record, "published_on")
        published_on = _iso_date(published)
        if published and published_on is None:
            return ReadError(source, f'{name} has published_on "{published}", which is not a date like 2025-09-18.')
        document = RawDocument(
            source=record_source,
            text=body,
            format="json",
            title=_normalize(_string_field(record, "title")).strip(),
            url=_normalize(_string_field(record, "url")).strip(),
            published_on=published_on,
            outlet=_normalize(_string_field(record, "outlet")).strip(),
        )
        too_long = _overlong_metadata(document, name)
        if too_long:
            return ReadError(source, too_long)
        documents.append(document)
    return documents


def _overlong_metadata(document: RawDocument, name: str) -> str:
    """Why the document's URL or outlet cannot be kept whole, or "": they are never cut."""
    for field, value, limit in (("url", document.url, MAX_URL_LENGTH), ("outlet", document.outlet, MAX_OUTLET_LENGTH)):
        if len(value) > limit:
            return f"{name}: its {field} is {len(value):,} characters long; at most {limit:,} can be kept."
    return ""


def _string_field(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _iso_date(value: str) -> dt.date | None:
    match = ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _read_html(text: str, source: str) -> list[RawDocument] | ReadError:
    """The page's main text and metadata, as trafilatura finds them."""
    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_images=False, prune_xpath=HTML_PRUNE_XPATH
    )
    main_text = _normalize(getattr(extracted, "text", None) or "")
    if not main_text.strip():
        return ReadError(source, "The HTML page has no main text to extract, only markup, scripts or navigation.")
    document = RawDocument(
        source=source,
        text=main_text,
        format="html",
        title=_normalize(extracted.title or "").strip(),
        url=_normalize(extracted.url or "").strip(),
        published_on=_iso_date(extracted.date or ""),
        outlet=_normalize(extracted.sitename or "").strip(),
    )
    too_long = _overlong_metadata(document, "The page")
    return ReadError(source, too_long) if too_long else [document]


def _read_feed(data: bytes, source: str) -> list[RawDocument] | ReadError:
    """Each entry of an RSS or Atom feed becomes a document.

    The raw bytes go to feedparser, not the decoded text: a feed declares its own encoding
    and feedparser follows the XML rules for it. An entry without content or summary keeps
    its headline as text (a headline still names who and where); entries with neither are
    skipped, since they carry nothing to import. A feed that declares XML entities is refused
    before parsing: no news feed needs them, and ten nested ones expand to gigabytes.
    """
    if ENTITY_DECLARATION.search(data):
        return ReadError(source, "The feed declares XML entities (<!ENTITY>), which no news feed needs; not read.")
    parsed = feedparser.parse(io.BytesIO(data))
    outlet = _normalize(parsed.feed.get("title", "")).strip()
    documents = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = _normalize(entry.get("title", "")).strip()
        text = _entry_text(entry) or title
        if text:
            document = RawDocument(
                source=f"{source}#{number}",
                text=text,
                format="feed",
                title=title,
                url=_normalize(entry.get("link") or "").strip(),
                published_on=_entry_date(entry),
                outlet=outlet,
            )
            too_long = _overlong_metadata(document, f"Entry {number}")
            if too_long:
                return ReadError(source, too_long)
            documents.append(document)
    if not documents:
        return ReadError(source, "The feed has no entries.")
    return documents


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The longest content of an entry, else its summary, as plain text."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for detail in sorted(candidates, key=lambda item: len(item.get("value", "")), reverse=True):
        value = detail.get("value", "")
        text = html_to_text(value) if "html" in detail.get("type", "text/html") else value
        text = _normalize(text).strip()
        if text:
            return text
    return ""


def _entry_date(entry: feedparser.FeedParserDict) -> dt.date | None:
    """The publication day as the feed writes it, in the publisher's own time zone.

    feedparser's `published_parsed` is converted to UTC, which moves an article published at
    06:00 in Hà Nội (UTC+7) to the previous day; the written date is parsed first for that reason.
    """
    for key in ("published", "updated"):
        written = entry.get(key, "")
        if written:
            try:
                return email.utils.parsedate_to_datetime(written).date()
            except (TypeError, ValueError):
                pass
            try:
                return dt.datetime.fromisoformat(written.strip()).date()
            except ValueError:
                pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment, one line per block element."""

    BLOCKS = frozenset(
        {
            *("address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure"),
            *("footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p"),
            *("pre", "section", "table", "td", "th", "tr", "ul"),
        }
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template", "iframe", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a JSON body): scripts and styles dropped,
    one line per paragraph or other block, inline markup removed, entities decoded."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _normalize(text: str) -> str:
    """NFC, universal newlines, and nothing a database cannot store or a person did not write."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(UNSTORABLE_CHARACTERS)
    return unicodedata.normalize("NFC", text)
