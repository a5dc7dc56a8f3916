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
from dataclasses import dataclass

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.lexicon import Lexicon, is_stop_word
from importers.extraction.people import is_vietnamese_syllable
from importers.extraction.places import PlaceMatch
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


@dataclass(frozen=True)
class _Context:
    body: str
    lexicon: Lexicon
    gazetteer: Gazetteer
    places: tuple[PlaceMatch, ...]
    person_starts: frozenset[int]  # body offsets where a person's name begins
    person_spans: tuple[tuple[int, int], ...]


def find_organizations(
    tokens: list[Token],
    body: str,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    places: tuple[PlaceMatch, ...],
    person_spans: tuple[tuple[int, int], ...],
) -> list[OrganizationMatch]:
    """Organization mentions in one sentence's tokens, in order."""
    context = _Context(body, lexicon, gazetteer, places, frozenset(s for s, _ in person_spans), person_spans)
    found: list[OrganizationMatch] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not (token.is_word and token.is_capitalized) or _in_person(context, token):
            index += 1
            continue
        blocked, _ = lexicon.not_organizations.match(tokens, index)
        head, kind = lexicon.org_heads.match(tokens, index)
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
            end, alias = _extend(tokens, index + head, context, located=kind != "company")
            head_text = body[token.start : tokens[index + head - 1].end]
            has_complement = end > index + head
            if kind == "company" and _only_a_country(tokens, index + head, end, context):
                index = end  # "Tập đoàn Singapore", "các Tập đoàn Hàn Quốc": firms of a country, no name
                continue
            if has_complement or head_text in lexicon.standalone:
                found.extend(_organizations(tokens, index, head, end, str(kind), alias, context))
                index = end + (3 if alias else 0)  # "(EVN)" is this organization, not another
                continue
            index += head
            continue
        company, _ = lexicon.company_table.match(tokens, index)
        if company:
            end, _ = _extend(tokens, index + company, context, located=False)
            name = body[token.start : tokens[end - 1].end]
            found.append(_organization(name, "company", token.start, tokens[end - 1].end, "", context))
            index = end
            continue
        index += 1
    return found


def _only_a_country(tokens: list[Token], start: int, end: int, context: _Context) -> bool:
    """Whether tokens[start:end] is exactly one country's name."""
    if end <= start:
        return False
    first, last = tokens[start].start, tokens[end - 1].end
    return any(p.start == first and p.end == last and p.place.kind == "country" for p in context.places)


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
    return any(s <= token.start < e for s, e in context.person_spans)


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
        if token.start in context.person_starts or token.text in lexicon.honorifics:
            break
        if token.is_word and token.is_capitalized:
            head, _ = lexicon.org_heads.match(tokens, position)  # "Hội đồng" inside a name
            position += max(head, 1)
            end = position
            continue
        if token.text in _NAME_SYMBOLS and end > index and _starts_name(tokens, position + 1, context):
            position += 1  # "Kaida Tools & Parts"
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
            if tokens[cursor].text == "các":  # "Hiệp hội các nhà đầu tư Nhật Bản": lower-case words may follow
                while following - cursor <= _MAX_LOWER_GAP and _inner_lower(tokens, following, lexicon):
                    following += 1
            if not _starts_name(tokens, following, context):
                return None
            if tokens[cursor].text == "và" and (
                lexicon.org_heads.match(tokens, following)[0] or lexicon.not_organizations.match(tokens, following)[0]
            ):
                return None  # "Công ty A và Công ty B", "Công ty A và Dự án B"
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
    if any(p.start == tokens[start].start for p in context.places):
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
        and token.text not in context.lexicon.honorifics
        and not context.lexicon.titles.match(tokens, index)[0]
    )


def _completes_word(tokens: list[Token], end: int, context: _Context) -> bool:
    """Whether the lower-case word after the name finishes its last word ("Công nghệ")."""
    if end == 0 or end >= len(tokens):
        return False
    last, following = tokens[end - 1], tokens[end]
    if any(p.end == last.end for p in context.places) or not is_vietnamese_syllable(last.text) or last.text.isupper():
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
    if complement in lexicon.companies:
        return [_organization(complement, "company", first.start, last.end, alias, context)]
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
        key=organization_key(name, context.gazetteer, lexicon.abbreviations),
        alias=alias,
    )


def _country(name: str, kind: str, start: int, end: int, context: _Context) -> str:
    """The organization's country: from a place in its name, a "(Trung Quốc)" after it, or its kind.

    A consulate belongs to the country named first ("Tổng Lãnh sự quán Việt Nam tại Quảng
    Châu" is Vietnam's); another body to the last foreign place in its name.
    """
    inside = [p.place for p in context.places if start <= p.start and p.end <= end]
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
        for p in context.places
        if end < p.start <= end + 6 and context.body[end : p.start].strip() in ("(", "của", "(Trung Quốc) của")
    ]
    if following and following[0].country != "VN":
        return following[0].country
    if inside:
        return "VN"
    return "VN" if kind in ("government", "local_authority") else ""


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
