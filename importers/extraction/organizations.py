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
from dataclasses import replace

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.lexicon import Lexicon, is_stop_word
from importers.extraction.org_bare_names import bare_name_end
from importers.extraction.org_context import (
    LATIN_CONNECTORS,
    NAME_SYMBOLS,
    OrganizationContext,
    company_suffix_end,
    foreign_word,
    in_person,
)
from importers.extraction.org_credits import is_credit_or_link
from importers.extraction.org_lists import list_mates
from importers.extraction.org_name_ends import (
    abbreviation,
    country_gloss_after_dash,
    known_short_form_last,
    number_ending_a_name,
    of_the_national_assembly,
    trailing_acronym,
)
from importers.extraction.org_records import OrganizationMatch, organization_key, organization_match
from importers.extraction.person_names import is_vietnamese_syllable
from importers.extraction.places import PlaceMatch
from importers.extraction.tokens import Token

__all__ = ["OrganizationMatch", "find_organizations", "organization_key", "person_name_words"]

# Lower-case words allowed between two capitalized words of one name, or between its head and a
# capitalized word: "Dịch vụ tư vấn đầu tư quốc tế tỉnh ...", "Hiệp hội giao lưu văn hóa Việt Nam - Hàn Quốc".
_MAX_LOWER_GAP = 4
_MAX_LOWER_TAIL = 6  # ... and before an abbreviation in brackets: "Cục Đầu tư nước ngoài (FIA)"
_MAX_LIST_ITEM = 6  # words of one item in a name that lists its fields: "Bộ Văn hóa, Thể thao và Du lịch"
# An ordinal number inside a name: "lần thứ 4", "thứ IV".
_ORDINAL = re.compile(r"^(?:\d{1,2}|[IVX]{1,5}|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)$")
# Words whose last syllable is a lower-case head: "cán bộ" (officials), "toàn bộ" (all), "nội bộ" (internal).
_WORDS_ENDING_LIKE_A_HEAD = frozenset({"cán bộ", "toàn bộ", "nội bộ", "đồng bộ", "tiến bộ", "sơ bộ", "bản hãng"})
# Unit words that, ending a name, point back at the province or city of the text.
_UNIT_WORDS = frozenset({"tỉnh", "thành phố"})


def person_name_words(body: str, person_spans: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """The words of the people's names ("Otellini"), which on their own name no organization."""
    return frozenset(word for s, e in person_spans for word in body[s:e].split())


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
    context = OrganizationContext(
        body, lexicon, gazetteer, places, frozenset(s for s, _ in person_spans), person_spans, person_words
    )
    found: list[OrganizationMatch] = []
    if is_credit_or_link(tokens, body):
        return found
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lower_head = _lower_head(tokens, index, context)
        if (not (token.is_word and token.is_capitalized) and not lower_head[0]) or in_person(context, token):
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
                end, alias = index + known, abbreviation(tokens, index + known)  # "Bộ Y tế xin ..." ends there
            else:
                legal = head_text in lexicon.legal_form_heads
                start = _after_business_lines(tokens, index + head, context) if legal else None
                end, alias = _extend(tokens, start or index + max(head, known), context, located=kind != "company")
            if not alias and of_the_national_assembly(tokens, end):
                end, alias = end + 3, abbreviation(tokens, end + 3)  # "Ủy ban Kinh tế của Quốc hội"
            skip = 3 if alias else 0  # "(EVN)" is this organization, not another
            if not alias and known_short_form_last(tokens, index + head, end, lexicon):
                end, alias, skip = end - 1, tokens[end - 1].text, 1  # "Ngân hàng Thế giới WB": its known short form
            if not alias:
                cut = trailing_acronym(tokens, index + head, end, lexicon)
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
        end, is_name = bare_name_end(tokens, index, context)
        if end and not is_name:
            index = end  # "Big Data", "tại New York": the whole run is something else
            continue
        if end and _defines_something_else(tokens, index, end, found):
            index = end + 1  # "Chỉ số đổi mới sáng tạo toàn cầu (GII)": the abbreviation of an index
            continue
        if end:
            name = body[token.start : tokens[end - 1].end]
            kind, country = lexicon.known_bodies.get(name, ("company", ""))
            match = organization_match(name, kind, token.start, tokens[end - 1].end, abbreviation(tokens, end), context)
            found.append(replace(match, country=country) if country else match)
            index = end + (3 if match.alias else 0)
            continue
        index += 1
    mates = list_mates(tokens, found, context)  # "(FPT, CMC, Sao Mai)": bare firms beside known ones
    return sorted([*found, *mates], key=lambda o: o.start) if mates else found


_MAX_BUSINESS_WORDS = 9  # "Công ty TNHH thương mại, dịch vụ và sản xuất Tiến Thịnh"


def _after_business_lines(tokens: list[Token], index: int, context: OrganizationContext) -> int | None:
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


def _lower_head(tokens: list[Token], index: int, context: OrganizationContext) -> tuple[int, object]:
    """A head written in lower case right before a capitalized name ("tập đoàn Windhorst"), or (0, None)."""
    token = tokens[index]
    if (token.key or token.text) not in context.lexicon.lower_heads.first_words or token.text[0].isupper():
        return (0, None)
    if index > 0 and tokens[index - 1].text in ("các", "những", "nhiều"):
        return (0, None)
    if index > 0 and f"{tokens[index - 1].text} {token.text}" in _WORDS_ENDING_LIKE_A_HEAD:
        return (0, None)  # "đoàn cán bộ Việt Nam": a delegation of officials, no ministry
    length, kind = context.lexicon.lower_heads.match(tokens, index)
    if not length or not _starts_name(tokens, index + length, context):
        return (0, None)
    return (length, kind)


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


def _defines_something_else(tokens: list[Token], start: int, end: int, found: list[OrganizationMatch]) -> bool:
    """Whether the bare name stands alone in brackets after words that are no organization found."""
    return (
        start > 1
        and end < len(tokens)
        and tokens[start - 1].text == "("
        and tokens[end].text == ")"
        and not (found and found[-1].end == tokens[start - 2].end)
    )


def _only_a_country(tokens: list[Token], start: int, end: int, context: OrganizationContext) -> bool:
    """Whether tokens[start:end] is exactly one country's name."""
    if end <= start:
        return False
    first, last = tokens[start].start, tokens[end - 1].end
    return any(p.end == last and p.place.kind == "country" for p in context.place_index.starting_at(first))


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


def _extend(tokens: list[Token], index: int, context: OrganizationContext, *, located: bool = True) -> tuple[int, str]:
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
        if country_gloss_after_dash(tokens, position, context) and end > index:
            break  # "Ngân hàng BTMU – Nhật Bản": the country is a gloss, not part of the name
        if token.text in NAME_SYMBOLS and end > index and _starts_name(tokens, position + 1, context):
            position += 1  # "Kaida Tools & Parts"
            continue
        if (
            token.text in LATIN_CONNECTORS
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
        short_form = abbreviation(tokens, gap_end)
        if position == end and gap_end > position and short_form:
            return gap_end, short_form
        if position == end > index:  # a head followed by a lower-case word ("Tập đoàn nắm giữ") names nothing
            end += 1 if _completes_word(tokens, end, context) else 0  # "Công nghệ"
            end += _anaphoric_unit(tokens, end, context)  # "Hội Nông dân tỉnh,": the text's province
        elif position == end == index:
            end += _anaphoric_unit(tokens, end, context)  # "UBND tỉnh": the province of the text
        break
    if index < end < len(tokens) and number_ending_a_name(tokens, end, after_name=True):
        end += 1  # "Tổng công ty Xây dựng Công trình Giao thông 6": state firms are numbered
    if end > index:
        end = company_suffix_end(tokens, end)
    return end, abbreviation(tokens, end)


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
    if abbreviation(tokens, after) or (
        after + 1 < len(tokens) and tokens[after].text == "tại" and tokens[after + 1].is_capitalized
    ):
        return after
    return None


def _anaphoric_unit(tokens: list[Token], end: int, context: OrganizationContext) -> int:
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


def _resume_after_lower(tokens: list[Token], position: int, context: OrganizationContext, *, named: bool) -> int | None:
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


def _second_name_after_va(tokens: list[Token], va: int, following: int, context: OrganizationContext) -> bool:
    """Whether the name after "và" is a second organization: a listed company or a Latin name
    ("Tập đoàn Nissho Iwai và Nichimen"), or a second country after a country ("Chính phủ Việt Nam
    và Tây Ban Nha")."""
    token = tokens[following]
    if context.lexicon.company_table.match(tokens, following)[0]:
        return True
    if token.text.isascii() and foreign_word(token.text) and tokens[va - 1].text.isascii():
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


def _listed_field_end(tokens: list[Token], comma: int, context: OrganizationContext) -> int | None:
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


def _starts_name(tokens: list[Token], index: int, context: OrganizationContext) -> bool:
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


def _honorific(token: Token, context: OrganizationContext) -> bool:
    """An "ông"/"bà" that introduces a person, not the first word of a place ("Bà Rịa - Vũng Tàu")."""
    return token.text in context.lexicon.honorifics and not context.place_index.starting_at(token.start)


def _completes_word(tokens: list[Token], end: int, context: OrganizationContext) -> bool:
    """Whether the lower-case word after the name finishes its last word ("Công nghệ")."""
    if end == 0 or end >= len(tokens):
        return False
    last, following = tokens[end - 1], tokens[end]
    if context.place_index.ending_at(last.end) or not is_vietnamese_syllable(last.text) or last.text.isupper():
        return False
    connector = context.lexicon.glue.match(tokens, end)[0]
    return not connector and _inner_lower(tokens, end, context.lexicon) and following.start == last.end + 1


def _organizations(
    tokens: list[Token], start: int, head: int, end: int, kind: str, alias: str, context: OrganizationContext
) -> list[OrganizationMatch]:
    """The organization tokens[start:end], and the parent named inside it ("X thuộc Hội đồng Y")."""
    body, lexicon = context.body, context.lexicon
    first, last = tokens[start], tokens[end - 1]
    complement = body[tokens[start + head].start : last.end] if end > start + head else ""
    if complement in lexicon.companies:  # "Tập đoàn Intel": the legal form is part of the name
        kind = "company"
    found = [organization_match(body[first.start : last.end], kind, first.start, last.end, alias, context)]
    for position in range(start + head, end - 1):
        if tokens[position].text in ("thuộc",):
            inner_head, inner_kind = lexicon.org_heads.match(tokens, position + 1)
            if inner_head:
                inner_start = tokens[position + 1].start
                name = body[inner_start : last.end]
                found.append(organization_match(name, str(inner_kind), inner_start, last.end, "", context))
            break
    return found
