"""The `clean` step: keep the article, drop what the page put around it.

Cleaning only drops lines, cuts photo credits off caption lines, removes invisible format
characters and normalizes Unicode and whitespace; it never rewrites a word. The cleaned text is
the body every extraction offset points into, so the same input must always give the same output.

The rules are data, in the lists below, each with the real line it was written for:

- `DROPPED_LINES`: whole lines that are page furniture (Google News prompts, image file
  names, a stray `null`, inline "Xem thêm: ..." links, the dated headlines of a related-articles
  list: "Khởi công cảng cá mới(12/04/2005)").
- `RELATED_TAIL_HEADINGS`: a heading such as "Có thể bạn quan tâm" starts the list of other
  articles; it and everything after it go.
- `CAPTION_CREDITS`: the photo credit at the end of a caption ("- Ảnh: ...", "(Ảnh: ...)",
  "ẢNH: NHẬT THỊNH"). A line carrying one is a caption.
- `OUTLET_TAGS`: the outlet's tag before the first paragraph ("(NLĐO)- Sáng 5/3, ...",
  "(Chinhphu.vn) - ..."): it names the outlet, not a party, and would start the first sentence.

Captions: the credit goes, the descriptive text stays as its own line. Captions name people
and organizations ("Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền (phải) tại làm việc với Ông
Vương Hoán Thanh (trái)...") and staff want those names even when the body never repeats them;
the credit, on the other hand, names the photographer or the photo's owner, who is nobody's
lead. Captions do repeat facts of the body, so a caption repeated word for word is kept once,
and `caption_lines` tells the extractor which body lines are captions, so it can take names
from them without taking a second opportunity from the same fact.

Source lines such as "Theo Hương Giang (TTXVN/Vietnam+)" stay: they are byline information
about the article, and the parse step moves them from the body into the byline. When the page ran
the author's signature into that line ("Minh AnhTheo Reuters", `GLUED_SIGNATURE`), the signature
goes and the source line stays: glued, the two would read as one name ("AnhTheo Reuters").
"""

from __future__ import annotations

import re
import unicodedata

# Characters with no visible width (Unicode's format characters, category Cf): what web pages leave
# inside words (zero-width space, a stray BOM, word joiner, soft hyphen) and the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F)
# that can reorder or hide a name on screen, so a reader sees "Tập đoàn X" where the text stores
# something else and the rules, reading the stored text, miss the name. None of them is a letter a
# name is made of; removing them before anything else is read keeps every offset consistent.
_FORMAT_CHARACTER_RANGES = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
INVISIBLE_CHARACTERS = dict.fromkeys(
    code for first, last in _FORMAT_CHARACTER_RANGES for code in range(first, last + 1)
)

DROPPED_LINES: tuple[re.Pattern[str], ...] = (
    # "Theo dõi Báo Gia Lai trên Google News"
    re.compile(r"^Theo dõi\s.{1,80}\strên\s(?:Google News|Zalo|Facebook|YouTube|TikTok)$", re.IGNORECASE),
    # "nestle-viet-namdd.jpg": the file name of a photo, left where the photo was.
    re.compile(r"^\S+\.(?:jpe?g|png|webp|gif|avif|bmp|svg)(?:\?\S*)?$", re.IGNORECASE),
    # "null": an empty field printed by the page's template.
    re.compile(r"^(?:null|undefined)$"),
    # "Xem thêm: Hà Nội đề xuất ...": a link to another article inside the text.
    re.compile(r"^(?:>>\s*)?(?:Xem thêm|Đọc thêm|Tin liên quan|Bài viết liên quan)\s*:\s*\S.*$", re.IGNORECASE),
    # "Khởi công cảng cá mới(12/04/2005)": another article's headline with its date, as a
    # related-articles list prints it. A headline has no full stop; a body paragraph ends with one,
    # so a sentence that mentions a date in brackets is never matched.
    re.compile(r"^[\"'“‘]?[^\W\d_](?:(?!\.(?:\s|$))[^\n]){3,200}?\s*\(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\)$"),
)

# "Minh AnhTheo Reuters": a signature of one to four capitalized words, the last run into "Theo"
# (lower case then capital, which no Vietnamese word has), then a short source with no sentence
# punctuation. The signature is cut; "Theo Reuters" stays as the closing source line.
GLUED_SIGNATURE = re.compile(
    r"^(?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_]\w*?(?<=[a-zà-ỹđ])(?=(?:Theo|Nguồn)\s)"
    r"(?=\w+\s+[^\W\d_][^.,;:!?\n]{0,60}$)"
)

RELATED_TAIL_HEADINGS: tuple[re.Pattern[str], ...] = (
    # "Có thể bạn quan tâm" and its kin: a heading alone on its line.
    re.compile(
        r"^(?:Có thể bạn quan tâm|Tin liên quan|Xem thêm|Đọc thêm|Bài viết liên quan|Tin cùng chuyên mục)\s*:?$",
        re.IGNORECASE,
    ),
)

# The credit runs to the end of the line and is short: a name, an agency, an office.
_CREDIT_WORD = r"(?:Ảnh|ẢNH|Nguồn ảnh|Photo|PHOTO)(?:\s+(?:minh họa|minh hoạ|tư liệu|MINH HỌA|TƯ LIỆU))?"
_CREDIT_TEXT = r"(?:(?!\.\s)[^\n]){1,80}"
_CREDIT_TEXT_IN_BRACKETS = r"(?:(?!\.\s)[^()\n]){1,80}"
CAPTION_CREDITS: tuple[re.Pattern[str], ...] = (
    # "... Quảng Châu (Trung Quốc). (Ảnh: UBND Thành phố Hà Nội)" and "(Ảnh minh họa)"
    re.compile(rf"\s*\({_CREDIT_WORD}(?:\s*:\s*{_CREDIT_TEXT_IN_BRACKETS})?\)$"),
    # "... tại buổi tọa đàm - Ảnh: Tổng Lãnh sự quán Việt Nam tại Quảng Châu",
    # "... ký kết hợp tác. Ảnh: Hương Giang/TTXVN", "... công nghệ cao ẢNH: NHẬT THỊNH"
    re.compile(rf"(?:\s+[-–—|])?\s*(?<!\w){_CREDIT_WORD}\s*:\s*{_CREDIT_TEXT}$"),
)

# The tag is short, in brackets, and a dash follows it: "(NLĐO)-", "(GLO) -", "(VTC News) –".
OUTLET_TAGS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\((?=[^()]{2,25}\))[^\W\d_][\w.+&]*(?: [\w.+&]+){0,2}\)\s*[-–—]\s*(?=\S)"),
)


def remove_invisible(text: str) -> str:
    """`text` without its format characters (zero-width, bidirectional controls): for titles and
    other metadata that do not go through `clean_text`."""
    return text.translate(INVISIBLE_CHARACTERS)


def clean_text(text: str) -> str:
    """The article text alone: NFC, one paragraph per line, no blank lines, noise removed."""
    return "\n".join(line for line, _ in _clean_lines(text))


def caption_lines(text: str) -> frozenset[str]:
    """The caption lines of a text as they appear in its cleaned form (credit removed).

    Cleaning is deterministic and works line by line, so a line of the cleaned body that is
    in this set came from a caption: names found there are real, but the fact it states is
    (usually) already stated by the body.
    """
    return frozenset(line for line, caption in _clean_lines(text) if caption)


def _clean_lines(text: str) -> list[tuple[str, bool]]:
    """Each kept line, whitespace-normalized, with whether it is a caption."""
    text = unicodedata.normalize("NFC", remove_invisible(text))
    kept: list[tuple[str, bool]] = []
    captions_seen: set[str] = set()
    for raw_line in text.splitlines():
        line = _normalize_line(raw_line)
        if not line or any(pattern.match(line) for pattern in DROPPED_LINES):
            continue
        if any(heading.match(line) for heading in RELATED_TAIL_HEADINGS):
            break
        line, caption = _strip_credit(line)
        line = _strip_outlet_tag(GLUED_SIGNATURE.sub("", line, count=1))
        if not line or (caption and line in captions_seen) or (kept and kept[-1][0] == line):
            continue
        if caption:
            captions_seen.add(line)
        kept.append((line, caption))
    return kept


def _strip_credit(line: str) -> tuple[str, bool]:
    for credit in CAPTION_CREDITS:
        stripped = credit.sub("", line)
        if stripped != line:
            return stripped.strip(), True
    return line, False


def _strip_outlet_tag(line: str) -> str:
    for tag in OUTLET_TAGS:
        line = tag.sub("", line, count=1)
    return line


def _normalize_line(line: str) -> str:
    """One space between words: tabs, non-breaking and other Unicode spaces included."""
    return " ".join(line.split())
