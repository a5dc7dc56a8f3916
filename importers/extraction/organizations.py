"""Organizations: a head word ("Bộ", "Sở", "Tổng Lãnh sự quán", "Tập đoàn") and the name after it.

A Vietnamese organization name runs while its words are capitalized, with lower-case syllables
inside ("Bộ Khoa học và Công nghệ": each word starts with a capital, its second syllable does
not) and connectors ("và", "thuộc", "tại", "khu tự trị dân tộc") when a capitalized word
follows. It ends at punctuation, at a verb or function word, at a person's name ("UBND Hà Nội
Nguyễn Mạnh Quyền") and at a second organization ("... và Ủy ban ..."). Events, laws and
policies have heads too ("Hội nghị", "Nghị quyết"): they are not organizations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.lexicon import Lexicon, is_stop_word
from importers.extraction.people import is_vietnamese_syllable
from importers.extraction.places import PlaceMatch
from importers.extraction.spans import SpanIndex
from importers.extraction.tokens import Token, tokenize
from leads.text import normalize_name

# Lower-case words allowed between two capitalized words of one name, or between its head and a
# capitalized word: "Dịch vụ tư vấn đầu tư quốc tế tỉnh ...", "Hiệp hội giao lưu văn hóa Việt Nam - Hàn Quốc".
_MAX_LOWER_GAP = 4
_MAX_LOWER_TAIL = 6  # ... and before an abbreviation in brackets: "Cục Đầu tư nước ngoài (FIA)"
# Symbols that join two capitalized words of one name: "Kaida Tools & Parts", "Bệnh viện Nhi - Sản Hải Phòng".
_NAME_SYMBOLS = frozenset({"&", "+", "-", "–"})
_MAX_LIST_ITEM = 6  # words of one item in a name that lists its fields: "Bộ Văn hóa, Thể thao và Du lịch"
# An ordinal number inside a name: "lần thứ 4", "thứ IV".
_ORDINAL = re.compile(r"^(?:\d{1,2}|[IVX]{1,5}|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)$")
# Unit words that, ending a name, point back at the province or city of the text.
_UNIT_WORDS = frozenset({"tỉnh", "thành phố"})
# A company's legal form written after its name, kept in the name: "Co., Ltd", "Co, Ltd", "Corp.", "Inc.".
_COMPANY_FORMS = frozenset({"Co", "CO"})
_LIMITED = frozenset({"Ltd", "LTD", "Limited"})
_COMPANY_ENDS = frozenset({"Co", "CO", "Corp", "Inc", "Ltd", "LTD", "Pte", "Bhd"})
# Lower-case words inside a Latin name: "Bank of Tokyo-Mitsubishi UFJ", "Procter & Gamble".
_LATIN_CONNECTORS = frozenset({"of", "and", "for", "de", "du", "la", "der", "von", "van"})
# Sentence-initial Vietnamese words written without diacritics, no part of a name after them.
_LEADING_WORDS = frozenset({"Tuy", "Con", "Nhu", "Ngoai"})
# A word before a bare Latin name that makes it a place: "tại Boston", "bang Texas", "thủ đô Paris".
_PLACE_BEFORE = frozenset({"tại", "ở", "bang", "thủ đô", "thành phố", "tỉnh", "vùng", "đảo", "quận", "tới", "đến"})
# Words for the kind of unit before a place name, dropped from keys: "UBND Thành phố Hà Nội".
_PLACE_TYPE_WORDS = ("Thành phố", "thành phố", "TP.", "TP", "Tp.", "tỉnh", "Tỉnh")


@dataclass(frozen=True)
class OrganizationMatch:
    """One organization mention. `key` groups mentions of the same organization."""

    name: str
    kind: str
    country: str
    start: int
    end: int
    key: str
    alias: str = ""  # an abbreviation written in brackets after the name: "(FIA)"


def person_name_words(body: str, person_spans: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """The words of the people's names ("Otellini"), which on their own name no organization."""
    return frozenset(word for s, e in person_spans for word in body[s:e].split())


@dataclass(frozen=True)
class _Context:
    body: str
    lexicon: Lexicon
    gazetteer: Gazetteer
    places: tuple[PlaceMatch, ...]
    person_starts: frozenset[int]  # body offsets where a person's name begins
    person_spans: tuple[tuple[int, int], ...]
    person_words: frozenset[str] = frozenset()  # words of the article's people's names ("Otellini")
    latin_tokens: dict[int, bool] = field(default_factory=dict)  # `_latin_name_token` by token position

    # Looked up by offset, not scanned: a sentence of thousands of names made each scan quadratic.
    @cached_property
    def place_index(self) -> SpanIndex[PlaceMatch]:
        return SpanIndex(self.places)

    @cached_property
    def person_index(self) -> SpanIndex[tuple[int, int]]:
        return SpanIndex(self.person_spans)


def find_organizations(
    tokens: list[Token],
    body: str,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    places: tuple[PlaceMatch, ...],
    person_spans: tuple[tuple[int, int], ...],
    *,
    person_words: frozenset[str] | None = None,
) -> list[OrganizationMatch]:
    """Organization mentions in one sentence's tokens, in order.

    `places` and `person_spans` need only hold those of the sentence; `person_words`, the words of
    every person's name in the article, is computed from `person_spans` when not given (a caller
    going sentence by sentence computes it once: per sentence it made long articles quadratic).
    """
    if person_words is None:
        person_words = person_name_words(body, person_spans)
    if tokens:  # only what stands in this sentence: the rules look at places and people token by token
        first, last = tokens[0].start, tokens[-1].end
        places = tuple(p for p in places if first <= p.start < last)
        person_spans = tuple((s, e) for s, e in person_spans if first <= s < last)
    context = _Context(
        body, lexicon, gazetteer, places, frozenset(s for s, _ in person_spans), person_spans, person_words
    )
    found: list[OrganizationMatch] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lower_head = _lower_head(tokens, index, context)
        if (not (token.is_word and token.is_capitalized) and not lower_head[0]) or _in_person(context, token):
            index += 1
            continue
        blocked, _ = lexicon.not_organizations.match(tokens, index)
        head, kind = lower_head if lower_head[0] else lexicon.org_heads.match(tokens, index)
        title, _ = lexicon.titles.match(tokens, index)
        if title > head:  # "Bộ trưởng Bộ Kế hoạch và Đầu tư": the position, then the ministry
            index += _head_inside_title(tokens, index, title, lexicon) or title
            continue
        if blocked and blocked >= head:
            index = max(index + blocked, _extend(tokens, index + blocked, context)[0])
            continue
        if head and _bracketed_after(tokens, index, found) and _text(tokens, index, head) in lexicon.branch_heads:
            index += head  # "Hiệp hội X tại Việt Nam (Chi hội TP.HCM)": a branch written as part of the name
            continue
        if head:
            head_text = body[token.start : tokens[index + head - 1].end]
            known, _ = lexicon.known_names.match(tokens, index)
            if known > head and not (
                _starts_name(tokens, index + known, context) or lexicon.glue.match(tokens, index + known)[0]
            ):
                end, alias = index + known, _abbreviation(tokens, index + known)  # "Bộ Y tế xin ..." ends there
            else:
                legal = head_text in lexicon.legal_form_heads
                start = _after_business_lines(tokens, index + head, context) if legal else None
                end, alias = _extend(tokens, start or index + max(head, known), context, located=kind != "company")
            skip = 3 if alias else 0  # "(EVN)" is this organization, not another
            if not alias:
                cut = _trailing_acronym(tokens, index + head, end, lexicon)
                if cut:  # "Ngân hàng Thế giới WB", "Tổng công ty Khí Việt Nam - PVGas": the short name
                    end, alias, skip = cut, tokens[end - 1].text, end - cut
            has_complement = end > index + head or known > head
            if kind == "company" and _only_a_country(tokens, index + head, end, context):
                index = end  # "Tập đoàn Singapore", "các Tập đoàn Hàn Quốc": firms of a country, no name
                continue
            if not has_complement and head_text in lexicon.standalone and _generic_use(tokens, index, head, lexicon):
                index += head  # "xây dựng Chính phủ điện tử", "Chính phủ hai nước": no one body
                continue
            if has_complement or head_text in lexicon.standalone:
                found.extend(_organizations(tokens, index, head, end, str(kind), alias, context))
                index = end + skip
                continue
            index += head
            continue
        end, is_name = _bare_name_end(tokens, index, context)
        if end and not is_name:
            index = end  # "Big Data", "tại New York": the whole run is something else
            continue
        if end and _defines_something_else(tokens, index, end, found):
            index = end + 1  # "Chỉ số đổi mới sáng tạo toàn cầu (GII)": the abbreviation of an index
            continue
        if end:
            name = body[token.start : tokens[end - 1].end]
            kind, country = lexicon.known_bodies.get(name, ("company", ""))
            match = _organization(name, kind, token.start, tokens[end - 1].end, _abbreviation(tokens, end), context)
            found.append(replace(match, country=country) if country else match)
            index = end + (3 if match.alias else 0)
            continue
        index += 1
    return found


# Tokens of a Latin name after its known start: the longest real ones have about ten ("Imathia
# Construccion S.L"); tried from every word of a run of thousands ("A. A. A. ..."), an unbounded
# run made a sentence's cost quadratic.
_MAX_LATIN_RUN = 24
_MAX_BUSINESS_WORDS = 9  # "Công ty TNHH thương mại, dịch vụ và sản xuất Tiến Thịnh"


def _after_business_lines(tokens: list[Token], index: int, context: _Context) -> int | None:
    """Where the proper name starts after the lower-case business lines a company's legal name lists
    ("Công ty cổ phần tư vấn xây dựng cầu đường Minh An"), or None when no name follows them."""
    lexicon = context.lexicon
    position = index
    while position < len(tokens) and position - index < _MAX_BUSINESS_WORDS:
        token = tokens[position]
        if token.text in ("và", ",") or _inner_lower(tokens, position, lexicon):
            position += 1
            continue
        break
    if position == index or tokens[position - 1].text in ("và", ","):
        return None
    if _starts_name(tokens, position, context) and not lexicon.org_heads.match(tokens, position)[0]:
        return position
    return None


def _lower_head(tokens: list[Token], index: int, context: _Context) -> tuple[int, object]:
    """A head written in lower case right before a capitalized name ("tập đoàn Windhorst"), or (0, None)."""
    token = tokens[index]
    if (token.key or token.text) not in context.lexicon.lower_heads.first_words or token.text[0].isupper():
        return (0, None)
    if index > 0 and tokens[index - 1].text in ("các", "những", "nhiều"):
        return (0, None)
    length, kind = context.lexicon.lower_heads.match(tokens, index)
    if not length or not _starts_name(tokens, index + length, context):
        return (0, None)
    return (length, kind)


def _bare_name_end(tokens: list[Token], index: int, context: _Context) -> tuple[int, bool]:
    """End of a company written by its bare name and True, or the end of a Latin run that is no
    such name and False, or (0, False): a listed one ("Samsung", "Hòa Phát") or a run
    of capitalized Latin words that is no Vietnamese ("Comture", "Warburg Pincus", "PTT").

    The name takes the Latin words after it ("Samsung Display"), "Việt Nam"/"VN" (the Vietnamese
    subsidiary: "Toyota Việt Nam") and a legal form ("Co., Ltd"). It ends at "và" ("Boeing và
    Airbus" are two) and at a person's name. A run after an honorific or a degree is a person.
    """
    if tokens[index].text.lower() in context.lexicon.stop_words or tokens[index].text in _LEADING_WORDS:
        return (index + 1, False)  # "Theo WSJ", "Sau Intel": the sentence's first word is no name
    known, _ = context.lexicon.company_table.match(tokens, index)
    country_prefix = 0 if known else _latin_country_prefix(tokens, index, context)  # "China Zhongwang Holdings"
    known = known or country_prefix
    position = index + known
    if position < len(tokens) and tokens[position].text in context.lexicon.product_lines:
        return (_product_end(tokens, position, context), False)  # "Samsung Galaxy S8", "Honda Civic": a product
    limit = min(len(tokens), position + _MAX_LATIN_RUN)
    while position < limit:
        if _latin_name_token(tokens, position, context):
            position += 1
        elif (
            tokens[position].text in _LATIN_CONNECTORS
            and position > index
            and position + 1 < len(tokens)
            and _latin_name_token(tokens, position + 1, context)
        ):
            position += 2  # "Bank of Tokyo"
        elif _legal_form_period(tokens, position, context):
            position += 1  # "Luxstay Pte. Ltd", "Imathia Construccion S.L"
        elif (
            tokens[position].text in _NAME_SYMBOLS
            and position > index
            and position + 1 < len(tokens)
            and _latin_name_token(tokens, position + 1, context)
        ):
            position += 2
        else:
            break
    if position == index:
        return (0, False)
    run = tokens[index:position]
    lexicon = context.lexicon
    if country_prefix and (
        (run[-1].text not in context.lexicon.company_words and _title_ends_at(tokens, index, context))
        or not any(_foreign_word(t.text) for t in run[country_prefix:])
        or " ".join(t.text for t in run) in context.lexicon.bare_stop
    ):
        return (position, False)  # "Thủ tướng Malaysia Mahathir": a country and a person; "VN Xem": no name
    if not known:
        written = " ".join(t.text for t in run)
        before = tokens[index - 1].text if index > 0 else ""
        if not any(_foreign_word(t.text) for t in run):
            return (0, False)
        if all(t.text in _COMPANY_ENDS | _LIMITED | {"LLC", "Corp"} for t in run):
            return (position, False)  # "Ltd." cut off from its name by the sentence splitter
        if written in lexicon.bare_stop or before in lexicon.honorifics or before.lower() in _PLACE_BEFORE:
            return (position, False)  # "Big Data"; "ông Otellini": a person; "tại Boston": a place
        if (
            all(t.text in context.person_words for t in run)
            or (len(run) <= 3 and run[-1].text in context.person_words)  # "Paul Otellini", later "ông Otellini"
            or _after_a_thing_word(tokens, index, lexicon)
            or _after_a_thing_word(tokens, index, lexicon, lexicon.person_nouns)
            or _western_and_family_name(run, lexicon)
        ):
            return (position, False)  # "Theo Otellini": a person named before; "khách sạn Melia": a place
        if _numbered_event_after(tokens, position):
            return (position, False)  # "CAEXPO và CABIS lần thứ 22": events
    if position < len(tokens):  # "Toyota Việt Nam", "Samsung Bắc Ninh": a subsidiary named by its place
        place = next(iter(context.place_index.starting_at(tokens[position].start)), None)
        while place is not None:  # "LG Display Việt Nam Hải Phòng"
            while position < len(tokens) and tokens[position].end <= place.end:
                position += 1
            at = tokens[position].start if position < len(tokens) else -1
            place = next(iter(context.place_index.starting_at(at)), None)
        if position < len(tokens) and tokens[position].text in _COMPANY_ENDS | _LIMITED:
            position += 1  # "Panasonic AVC Networks Vietnam Co."
    return (_company_suffix_end(tokens, position), True)


def _title_ends_at(tokens: list[Token], index: int, context: _Context) -> bool:
    """Whether a position ("Thủ tướng", "cựu Chủ tịch") ends right before tokens[index]."""
    table = context.lexicon.titles_any_case
    return any(table.match(tokens, start)[0] == index - start for start in range(max(0, index - 6), index))


def _western_and_family_name(run: list[Token], lexicon: Lexicon) -> bool:
    """Whether the run reads as a person: a given name and a listed family name ("Jason Liang")."""
    return (
        len(run) == 2
        and run[1].text in lexicon.surnames
        and not run[0].text.isupper()
        and not is_vietnamese_syllable(run[0].text)
        and run[0].text not in lexicon.companies
    )


def _latin_country_prefix(tokens: list[Token], index: int, context: _Context) -> int:
    """Length of a country written in Latin letters that starts a bare name ("Vietnam Partners LLC"), or 0."""
    place = next((p for p in context.place_index.starting_at(tokens[index].start) if p.text.isascii()), None)
    if place is None:
        return 0
    length = 0
    while index + length < len(tokens) and tokens[index + length].end <= place.end:
        length += 1
    following = index + length
    if following < len(tokens) and _latin_name_token(tokens, following, context):
        return length
    return 0


def _after_a_thing_word(
    tokens: list[Token], index: int, lexicon: Lexicon, words_before: frozenset[str] | None = None
) -> bool:
    """Whether a word for a place, building, project or product stands before the name: "khách sạn
    Melia", "dự án City Gate", "dòng MacBook" (or, given `words_before`, one of those words: a
    person's trade, "luật sư Thierry Gougy")."""
    wanted = lexicon.thing_words if words_before is None else words_before
    for length in range(1, 4):
        if index - length < 0:
            return False
        words = " ".join(t.key or t.text for t in tokens[index - length : index]).lower()
        if words in wanted:
            return True
    return False


def _trailing_acronym(tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> int:
    """Where a Vietnamese name ends when its short form is written after a dash right after it
    ("Tổng công ty Khí Việt Nam - PVGas"), or 0. Without the dash a trailing acronym is often part
    of the name ("Tập đoàn Dữ liệu Quốc tế IDG"); "VN" is a country. The name before the acronym
    must have Vietnamese words of its own beyond heads ("Tập đoàn - FLC" is no such name)."""
    if end - start < 3 or tokens[end - 2].text not in ("-", "–"):
        return 0
    text = tokens[end - 1].text
    capitals = sum(c.isupper() for c in text)
    if not (2 <= len(text) <= 8 and text.isascii() and text.isalnum() and text[:2].isupper() and capitals >= 2):
        return 0
    if text in lexicon.bare_stop:
        return 0
    cut = end - 2
    if cut <= start or not tokens[cut - 1].is_word or not is_vietnamese_syllable(tokens[cut - 1].text):
        return 0
    position = start
    while position < cut and lexicon.org_heads.match(tokens, position)[0]:
        position += lexicon.org_heads.match(tokens, position)[0]
    words = tokens[position:cut]
    if not any(t.is_capitalized for t in words) or not any(not t.text.isascii() for t in words):
        return 0
    return cut


def _generic_use(tokens: list[Token], index: int, head: int, lexicon: Lexicon) -> bool:
    """Whether a head standing alone ("Chính phủ") names a concept or several bodies: "các Chính phủ",
    "Chính phủ số", "Chính phủ hai nước"."""
    if index > 0 and tokens[index - 1].text.lower() in ("các", "những", "nhiều"):
        return True
    after = index + head
    for length in (2, 1):
        if after + length <= len(tokens):
            words = " ".join(t.text for t in tokens[after : after + length])
            if all(t.is_lower for t in tokens[after : after + length]) and words in lexicon.generic_after:
                return True
    return False


def _product_end(tokens: list[Token], position: int, context: _Context) -> int:
    """End of a product's name after its maker: the line and its model words ("Galaxy S8", "Civic
    Type R"), Latin words and numbers only."""
    while position < len(tokens) and (
        _latin_name_token(tokens, position, context) or tokens[position].text in context.lexicon.product_lines
    ):
        position += 1
    return position


def _defines_something_else(tokens: list[Token], start: int, end: int, found: list[OrganizationMatch]) -> bool:
    """Whether the bare name stands alone in brackets after words that are no organization found."""
    return (
        start > 1
        and end < len(tokens)
        and tokens[start - 1].text == "("
        and tokens[end].text == ")"
        and not (found and found[-1].end == tokens[start - 2].end)
    )


def _legal_form_period(tokens: list[Token], position: int, context: _Context) -> bool:
    """Whether tokens[position] is the period of an abbreviated legal form inside a name ("Pte." "S.L")."""
    return (
        0 < position < len(tokens) - 1
        and tokens[position].text == "."
        and tokens[position].start == tokens[position - 1].end
        and (tokens[position - 1].text in _COMPANY_ENDS or len(tokens[position - 1].text) == 1)
        and tokens[position + 1].text in (_LIMITED | _COMPANY_ENDS | {"L", "A", "V"})
    )


def _numbered_event_after(tokens: list[Token], end: int) -> bool:
    """ "lần thứ 22" within a few words after a name: the name is an event's."""
    for position in range(end, min(len(tokens) - 1, end + 5)):
        if tokens[position].text == "lần" and tokens[position + 1].text == "thứ":
            return True
    return False


def _latin_name_token(tokens: list[Token], position: int, context: _Context) -> bool:
    """A capitalized word in Latin letters that can be part of a company's name.

    Kept per position of the sentence: a run of Latin words is tried from each of its words.
    """
    known = context.latin_tokens.get(position)
    if known is None:
        known = context.latin_tokens[position] = _is_latin_name_token(tokens, position, context)
    return known


def _is_latin_name_token(tokens: list[Token], position: int, context: _Context) -> bool:
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
        and not _in_person(context, token)
        and not context.place_index.holding(token.start)
        and not lexicon.titles.match(tokens, position)[0]
        and not lexicon.org_heads.match(tokens, position)[0]
    )


@lru_cache(maxsize=4096)
def _foreign_word(text: str) -> bool:
    """An acronym ("PTT", "BP") or a word no Vietnamese syllable is ("Comture", "Pincus")."""
    letters = text.replace("-", "").replace("&", "").replace(".", "")
    if len(letters) > 1 and letters.isupper():
        return True
    return any(not is_vietnamese_syllable(part) for part in re.split(r"[-.'’/&]", text) if part)


def _only_a_country(tokens: list[Token], start: int, end: int, context: _Context) -> bool:
    """Whether tokens[start:end] is exactly one country's name."""
    if end <= start:
        return False
    first, last = tokens[start].start, tokens[end - 1].end
    return any(p.end == last and p.place.kind == "country" for p in context.place_index.starting_at(first))


def _company_suffix_end(tokens: list[Token], end: int) -> int:
    """End of a company's legal suffix written after its name: "Co., Ltd", "Co, Ltd", "Corp.", "Inc."."""
    if end == 0 or end >= len(tokens):
        return end
    last = tokens[end - 1].text
    if last in _COMPANY_FORMS:
        position = end
        if tokens[position].text == "." and tokens[position].start == tokens[position - 1].end:
            position += 1
        if position < len(tokens) and tokens[position].text == ",":
            position += 1
        if position < len(tokens) and tokens[position].text in _LIMITED:
            end = position + 1
            last = tokens[position].text
    if (
        last in _COMPANY_ENDS
        and end < len(tokens)
        and tokens[end].text == "."
        and tokens[end].start == tokens[end - 1].end
    ):
        end += 1
    return end


def _head_inside_title(tokens: list[Token], index: int, title: int, lexicon: Lexicon) -> int:
    """Offset of an organization head that a listed title ends inside or with, or 0.

    "Trưởng Ban Kinh tế ...", "Trưởng Đoàn ĐBQH thành phố", "Ủy viên Trung ương Đảng": the title
    names its body, which is an organization of its own.
    """
    for offset in range(1, title):
        head, _ = lexicon.org_heads.match(tokens, index + offset)
        if head and offset + head >= title:
            return offset
    return 0


def _text(tokens: list[Token], index: int, length: int) -> str:
    return " ".join(t.text for t in tokens[index : index + length])


def _bracketed_after(tokens: list[Token], index: int, found: list[OrganizationMatch]) -> bool:
    """Whether tokens[index] opens a bracket right after the organization found last."""
    return index >= 2 and tokens[index - 1].text == "(" and bool(found) and found[-1].end == tokens[index - 2].end


def _in_person(context: _Context, token: Token) -> bool:
    return bool(context.person_index.holding(token.start))


def _extend(tokens: list[Token], index: int, context: _Context, *, located: bool = True) -> tuple[int, str]:
    """End (exclusive token index) of a name whose head ends before `index`, and its "(ABBR)".

    `located`: whether "tại <place>" can belong to the name ("Tổng Lãnh sự quán Việt Nam tại
    Quảng Châu"); for a company it says where the company is ("Foxconn tại Đài Bắc").
    """
    lexicon = context.lexicon
    end = index
    position = index
    while position < len(tokens):
        token = tokens[position]
        if token.start in context.person_starts or _honorific(token, context):
            break
        if token.is_word and token.is_capitalized:
            head, _ = lexicon.org_heads.match(tokens, position)  # "Hội đồng" inside a name
            position += max(head, 1)
            end = position
            continue
        if token.text in _NAME_SYMBOLS and end > index and _starts_name(tokens, position + 1, context):
            position += 1  # "Kaida Tools & Parts"
            continue
        if (
            token.text in _LATIN_CONNECTORS
            and end > index
            and tokens[position - 1].text.isascii()
            and position + 1 < len(tokens)
            and tokens[position + 1].is_capitalized
            and tokens[position + 1].text.isascii()
        ):
            position += 1  # "Ngân hàng Bank of Tokyo-Mitsubishi UFJ"
            continue
        if token.text == "," and end > index:
            listed = _listed_field_end(tokens, position, context)
            if listed is not None:  # "Trung tâm Xúc tiến thương mại, Du lịch và Hỗ trợ ..."
                position = listed
                continue
        if not (token.is_word and token.is_lower):
            break
        if token.text == "tại" and not located:
            break
        ordinal = _ordinal_end(tokens, position, lexicon) if position == end > index else None
        if ordinal is not None:
            position = end = ordinal  # "Viện Nghiên cứu Công nghiệp lần thứ 4 tại Cần Thơ"
            continue
        after_place = bool(context.place_index.ending_at(tokens[position - 1].end))
        if after_place and not lexicon.glue.match(tokens, position)[0]:
            break  # "Chính phủ Việt Nam khuyến khích ...": a verb after the country ends the name
        resumed = _resume_after_lower(tokens, position, context, named=end > index)
        if resumed is not None:
            position = resumed
            continue
        gap_end = position
        while gap_end < len(tokens) and _inner_lower(tokens, gap_end, lexicon) and gap_end - position < _MAX_LOWER_TAIL:
            gap_end += 1
        abbreviation = _abbreviation(tokens, gap_end)
        if position == end and gap_end > position and abbreviation:
            return gap_end, abbreviation
        if position == end > index:  # a head followed by a lower-case word ("Tập đoàn nắm giữ") names nothing
            end += 1 if _completes_word(tokens, end, context) else 0  # "Công nghệ"
            end += _anaphoric_unit(tokens, end, context)  # "Hội Nông dân tỉnh,": the text's province
        elif position == end == index:
            end += _anaphoric_unit(tokens, end, context)  # "UBND tỉnh": the province of the text
        break
    if end > index:
        end = _company_suffix_end(tokens, end)
    return end, _abbreviation(tokens, end)


def _ordinal_end(tokens: list[Token], position: int, lexicon: Lexicon) -> int | None:
    """End of "(nghiệp) lần thứ 4" inside a name, when the name goes on after it ("tại ...", "(ABBR)")."""
    cursor = position
    while cursor < len(tokens) and tokens[cursor].text != "thứ" and cursor - position < _MAX_LOWER_TAIL:
        if not _inner_lower(tokens, cursor, lexicon):
            return None
        cursor += 1
    if cursor + 1 >= len(tokens) or tokens[cursor].text != "thứ" or not _ORDINAL.match(tokens[cursor + 1].text):
        return None
    after = cursor + 2
    if _abbreviation(tokens, after) or (
        after + 1 < len(tokens) and tokens[after].text == "tại" and tokens[after + 1].is_capitalized
    ):
        return after
    return None


def _anaphoric_unit(tokens: list[Token], end: int, context: _Context) -> int:
    """Length of a "tỉnh"/"thành phố" that ends a name, pointing back at the province ("..., tỉnh,")."""
    length, _ = context.lexicon.glue.match(tokens, end)
    if not length or " ".join(t.text for t in tokens[end : end + length]) not in _UNIT_WORDS:
        return 0
    following = end + length
    if (
        following < len(tokens)
        and tokens[following].is_word
        and tokens[following].is_capitalized
        and tokens[following].start not in context.person_starts  # "UBND tỉnh Trần Quốc Bảo"
    ):
        return 0
    return length


def _resume_after_lower(tokens: list[Token], position: int, context: _Context, *, named: bool) -> int | None:
    """Where the name goes on after lower-case words at `position`, or None if it ends there.

    A few lower-case syllables ("Trung tâm hỗ trợ Khởi nghiệp") or a connector ("và", "thuộc",
    "các", "khu tự trị dân tộc") may stand inside a name when a capitalized word follows; "và"
    before another head joins two organizations instead. `named`: whether a capitalized word
    follows the head already; "tại <place>" alone names no organization ("Văn phòng giao
    dịch tại Hà Nội").
    """
    lexicon = context.lexicon
    cursor = position
    # A syllable finishing the capitalized word before it ("Thế giới", "Du lịch") is no gap.
    completes = position > 0 and tokens[position - 1].is_capitalized and _completes_word(tokens, position, context)
    longest = _MAX_LOWER_GAP + completes
    while cursor < len(tokens) and cursor - position <= longest:
        glue, _ = lexicon.glue.match(tokens, cursor) if tokens[cursor].is_lower else (0, None)
        if glue:
            following = cursor + glue
            if tokens[cursor].text == "các" or (tokens[cursor].text == "và" and named):
                # "Hiệp hội các nhà đầu tư Nhật Bản", "Hội Quy hoạch và phát triển Đô thị": lower-case words may follow
                while following - cursor <= _MAX_LOWER_GAP and _inner_lower(tokens, following, lexicon):
                    following += 1
            if not _starts_name(tokens, following, context):
                return None
            if tokens[cursor].text == "và" and (
                lexicon.org_heads.match(tokens, following)[0]
                or lexicon.not_organizations.match(tokens, following)[0]
                or _second_name_after_va(tokens, cursor, following, context)
            ):
                return None  # "Công ty A và Công ty B", "Công ty A và Dự án B", "Tập đoàn A và Nichimen"
            if tokens[cursor].text == "tại" and (not named or cursor > position + completes):
                return None  # "Văn phòng giao dịch tại Hà Nội"; "Công ty A mở rộng sản xuất tại Hà Nội"
            return following
        if not _inner_lower(tokens, cursor, lexicon):
            break
        cursor += 1
    if cursor > position and cursor < len(tokens) and tokens[cursor].text == ",":
        return cursor if named and _listed_field_end(tokens, cursor, context) is not None else None
    if cursor > position and cursor - position <= longest and _starts_name(tokens, cursor, context):
        return cursor
    return None


def _second_name_after_va(tokens: list[Token], va: int, following: int, context: _Context) -> bool:
    """Whether the name after "và" is a second organization: a listed company or a Latin name
    ("Tập đoàn Nissho Iwai và Nichimen"), or a second country after a country ("Chính phủ Việt Nam
    và Tây Ban Nha")."""
    token = tokens[following]
    if context.lexicon.company_table.match(tokens, following)[0]:
        return True
    if token.text.isascii() and _foreign_word(token.text) and tokens[va - 1].text.isascii():
        return True
    before = any(p.place.kind == "country" for p in context.place_index.ending_at(tokens[va - 1].end))
    return before and any(p.place.kind == "country" for p in context.place_index.starting_at(token.start))


def _inner_lower(tokens: list[Token], position: int, lexicon: Lexicon) -> bool:
    """A lower-case syllable that may stand inside a name (no verb or function word)."""
    if position >= len(tokens):
        return False
    token = tokens[position]
    return (
        token.is_word
        and token.is_lower
        and not is_stop_word(tokens, position, lexicon)
        and is_vietnamese_syllable(token.text)
    )


def _listed_field_end(tokens: list[Token], comma: int, context: _Context) -> int | None:
    """Where a name that lists its fields goes on after the comma at `comma`, or None.

    "Bộ Văn hóa, Thể thao và Du lịch": after the comma come capitalized Vietnamese words (no
    head, title, person or company), then "và" and a capitalized word, or another such comma.
    """
    lexicon = context.lexicon
    start = comma + 1
    if not _starts_name(tokens, start, context) or not is_vietnamese_syllable(tokens[start].text):
        return None
    if lexicon.org_heads.match(tokens, start)[0] or lexicon.company_table.match(tokens, start)[0]:
        return None
    if context.place_index.starting_at(tokens[start].start):
        return None
    cursor = start + 1
    while cursor < len(tokens) and cursor - start < _MAX_LIST_ITEM:
        token = tokens[cursor]
        if token.text == "và" and _starts_name(tokens, cursor + 1, context):
            return None if lexicon.org_heads.match(tokens, cursor + 1)[0] else start
        if token.text == ",":
            return start if _listed_field_end(tokens, cursor, context) is not None else None
        if not ((token.is_word and token.is_capitalized) or _inner_lower(tokens, cursor, lexicon)):
            return None
        cursor += 1
    return None


def _starts_name(tokens: list[Token], index: int, context: _Context) -> bool:
    if index >= len(tokens):
        return False
    token = tokens[index]
    return (
        token.is_word
        and token.is_capitalized
        and token.start not in context.person_starts
        and not _honorific(token, context)
        and not context.lexicon.titles.match(tokens, index)[0]
    )


def _honorific(token: Token, context: _Context) -> bool:
    """An "ông"/"bà" that introduces a person, not the first word of a place ("Bà Rịa - Vũng Tàu")."""
    return token.text in context.lexicon.honorifics and not context.place_index.starting_at(token.start)


def _completes_word(tokens: list[Token], end: int, context: _Context) -> bool:
    """Whether the lower-case word after the name finishes its last word ("Công nghệ")."""
    if end == 0 or end >= len(tokens):
        return False
    last, following = tokens[end - 1], tokens[end]
    if context.place_index.ending_at(last.end) or not is_vietnamese_syllable(last.text) or last.text.isupper():
        return False
    connector = context.lexicon.glue.match(tokens, end)[0]
    return not connector and _inner_lower(tokens, end, context.lexicon) and following.start == last.end + 1


def _abbreviation(tokens: list[Token], index: int) -> str:
    """ "FIA" when tokens[index:] is "( FIA )"."""
    if index + 2 < len(tokens) and tokens[index].text == "(" and tokens[index + 2].text == ")":
        text = tokens[index + 1].text
        if 2 <= len(text) <= 10 and text.replace("-", "").replace("&", "").isupper():
            return text
    return ""


def _organizations(
    tokens: list[Token], start: int, head: int, end: int, kind: str, alias: str, context: _Context
) -> list[OrganizationMatch]:
    """The organization tokens[start:end], and the parent named inside it ("X thuộc Hội đồng Y")."""
    body, lexicon = context.body, context.lexicon
    first, last = tokens[start], tokens[end - 1]
    complement = body[tokens[start + head].start : last.end] if end > start + head else ""
    if complement in lexicon.companies:  # "Tập đoàn Intel": the legal form is part of the name
        kind = "company"
    found = [_organization(body[first.start : last.end], kind, first.start, last.end, alias, context)]
    for position in range(start + head, end - 1):
        if tokens[position].text in ("thuộc",):
            inner_head, inner_kind = lexicon.org_heads.match(tokens, position + 1)
            if inner_head:
                inner_start = tokens[position + 1].start
                name = body[inner_start : last.end]
                found.append(_organization(name, str(inner_kind), inner_start, last.end, "", context))
            break
    return found


def _organization(name: str, kind: str, start: int, end: int, alias: str, context: _Context) -> OrganizationMatch:
    lexicon = context.lexicon
    for phrase, override in lexicon.kind_overrides.items():
        if phrase.lower() in name.lower():
            kind = override
    return OrganizationMatch(
        name=name,
        kind=kind,
        country=_country(name, kind, start, end, context),
        start=start,
        end=end,
        key=_company_key(organization_key(name, context.gazetteer, lexicon.abbreviations), kind),
        alias=alias,
    )


def _country(name: str, kind: str, start: int, end: int, context: _Context) -> str:
    """The organization's country: from a place in its name, a "(Trung Quốc)" after it, or its kind.

    A consulate belongs to the country named first ("Tổng Lãnh sự quán Việt Nam tại Quảng
    Châu" is Vietnam's); another body to the last foreign place in its name.
    """
    inside = [p.place for p in context.place_index.within(start, end)]
    if kind == "company":
        known = [c for c in context.lexicon.companies if c in name.split() or f" {c} " in f" {name} "]
        if known:  # "Công ty TNHH Samsung Display Việt Nam" is Korean-owned
            return context.lexicon.companies[max(known, key=len)]
    if kind == "consulate" and inside:
        return inside[0].country
    foreign = [p for p in inside if p.country != "VN"]
    if foreign:
        return foreign[-1].country
    following = [
        p.place
        for p in context.place_index.starting_in(end + 1, end + 7)
        if context.body[end : p.start].strip() in ("(", "của", "(Trung Quốc) của")
    ]
    if following and following[0].country != "VN":
        return following[0].country
    if inside:
        return "VN"
    return "VN" if kind in ("government", "local_authority") else ""


def _company_key(key: str, kind: str) -> str:
    """A company's Vietnamese subsidiary is a company of its own: "Toyota Việt Nam" keeps apart from
    "Toyota" (keys ending in "vn" meet the key without it, as "Bộ X Việt Nam" meets "Bộ X")."""
    return f"{key} subsidiary" if kind == "company" and key.endswith(" vn") else key


def organization_key(name: str, gazetteer: Gazetteer, abbreviations: dict[str, str]) -> str:
    """The key under which two spellings of one organization meet.

    Abbreviations are expanded ("UBND" → "Ủy ban nhân dân"), a place is reduced to its slug
    ("TP.HCM", "Thành phố Hồ Chí Minh" → "ho-chi-minh") and the words "Thành phố"/"tỉnh" before
    it are dropped: "UBND Hà Nội" and "Ủy ban nhân dân Thành phố Hà Nội" share a key.
    """
    search = name
    for match in reversed(list(gazetteer.place_pattern.finditer(name))):
        places = gazetteer.places_for(match.group(0))
        if places:
            search = search[: match.start()] + f" {places[0].slug} " + search[match.end() :]
    words = []
    for token in tokenize(search):
        words.append(abbreviations.get(token.text, token.text))
    text = " ".join(words)
    for word in _PLACE_TYPE_WORDS:
        text = text.replace(f"{word} ", " ")
    return normalize_name(text)
