"""Titles written before or after a person's name: "Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền",
"ông X, Chủ tịch Tập đoàn Y, Trưởng đoàn", "bà X (Giám đốc Sở Z)", "ông X được bổ nhiệm làm Giám đốc".

A title runs to punctuation or a verb, takes the organization written with it, and stops before the
next person's title in a list of guests.
"""

from __future__ import annotations

from importers.extraction.lexicon import Lexicon, is_stop_word
from importers.extraction.person_names import (
    is_name_token,
    latin_name_start,
    middle_initial_dot,
    phrase_start_covering,
    surname_suffix,
    title_ends_at,
)
from importers.extraction.tokens import Token

# Punctuation that closes a title written after a name.
_TITLE_END = frozenset(",;:()[].“”\"'!?…")


DASHES = frozenset("-–—")
_OPENING_QUOTES = frozenset('“"')
_CLOSING_QUOTES = frozenset('”"')
_MAX_QUOTED_NAME_WORDS = 6


# Words between the comma after a name and the title: "ông X, hiện đang là giám đốc ...".
_BEFORE_TITLE = frozenset({"hiện", "đang", "là", "nay", "vốn", "cũng"})


# Words between a name and "làm <title>": "ông X sẽ làm Chủ tịch", "bà Y được bổ nhiệm làm Giám đốc".
_BEFORE_ROLE = frozenset({"sẽ", "đã", "được", "bổ", "nhiệm", "hiện", "đang", "làm", "cũng"})


_MAX_TITLE_TOKENS = 30


def _title_ending_at(tokens: list[Token], end: int, lexicon: Lexicon) -> int | None:
    """Start of a listed title that ends right before tokens[end] and starts the clause, or None."""
    for start in range(max(0, end - 6), end):
        length, _ = lexicon.titles.match(tokens, start)
        if length == end - start and (start == 0 or not is_name_token(tokens[start - 1])):
            return start
    return None


def _ends_with_a_name(
    tokens: list[Token], start: int, end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> bool:
    """Whether tokens[start:end], read as a title after a name, ends with someone else's name: in
    "Bộ trưởng A Nguyễn Chí Dũng, Bộ trưởng B Trần Tuấn Anh" the second title is Trần Tuấn Anh's
    (also when a verb the title rule did not stop at follows the name: "Trần Tuấn Anh trực tiếp")."""
    while end > start and tokens[end - 1].is_lower:
        end -= 1
    run = end
    while run > start and (is_name_token(tokens[run - 1]) or middle_initial_dot(tokens, run - 1)):
        run -= 1
    if run in (end, start):
        return False
    if (
        tokens[run - 1].is_lower
        and not tokens[run - 2].is_capitalized  # "Bộ trưởng Công thương Trần Tuấn Anh"
        and not title_ends_at(tokens, run, lexicon, any_case=True)
    ):
        return False  # "Tổng giám đốc khu công nghiệp Lê Minh Xuân": a site named after a person
    if surname_suffix(tokens, run, end, lexicon, place_spans) is not None:
        return True
    latin = latin_name_start(tokens, run, end, lexicon, place_spans)
    after_a_body = tokens[run - 1].text == ")" or not is_name_token(tokens[run - 1])  # "(JETRO) Hiroyuki Ishige"
    return latin is not None and (latin > run or after_a_body)


def title_before(tokens: list[Token], name_start: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The title written right before a name ("Phó Chủ tịch UBND Hà Nội" Nguyễn Mạnh Quyền).

    Walks back over the name-like words before the name (capitalized words, lower-case words
    inside names, connectors) and takes the leftmost listed title in that stretch.
    """
    if name_start >= 2 and tokens[name_start - 1].text == ":":
        labelled = _title_ending_at(tokens, name_start - 1, lexicon)
        if labelled is not None:  # "CEO: Steven Nguyen", as a company's facts are listed
            return tokens[labelled].start, tokens[name_start - 2].end
    position = name_start - 1
    window_start = name_start
    while position >= 0 and name_start - position <= _MAX_TITLE_TOKENS:
        token = tokens[position]
        opening = _bracket_opening(tokens, position, lexicon)
        if (
            opening is not None
        ):  # "Chủ tịch Phòng ... (VCCI) Vũ Tiến Lộc", "Bí thư Khu ủy ... (Trung Quốc) Tào Bá Thuần"
            window_start = position = opening
            position -= 1
            continue
        if token.text == "," and window_start < name_start:
            joined = _title_ending_at(tokens, position, lexicon)
            if joined is not None:  # "Phó Thủ tướng, Bộ trưởng Ngoại giao Trần Văn An": two roles
                window_start = joined
                break
        if not token.is_word and token.text not in ("-", "&"):
            break
        if token.text == "của" and position + 1 < name_start and tokens[position + 1].is_capitalized:
            window_start = position  # "Giám đốc tài chính của Bayer, ông ..."
            position -= 1
            continue
        if token.text in ("tại", "ở") and position + 1 < name_start and tokens[position + 1].is_capitalized:
            window_start = position  # "đại diện Hiệp hội X ở VN, ông ...": where the body is, part of the title
            position -= 1
            continue
        if token.is_lower and token.text in lexicon.stop_words:
            inside = phrase_start_covering(tokens, position, lexicon)
            if inside is None:
                break
            position = inside  # "đoàn" of "Tập đoàn", "đồng" of "Hội đồng": part of a name
            window_start = position
            position -= 1
            continue
        if token.text in lexicon.honorifics:
            break
        if (
            token.text == "và"
            and position > 0
            and is_name_token(tokens[position - 1])
            and lexicon.titles_any_case.match(tokens, position + 1)[0]
        ):
            break  # "Giáo sư Nguyễn Văn Lâm và Tiến sĩ Hoàng Đức Minh": a new title after a name
        if token.text == "và" and _full_name_ends_at(tokens, position, lexicon):
            break  # "Thủ tướng Lê Văn An và Đoàn ...": the title before "và" is that person's
        window_start = position
        position -= 1
    for start in range(window_start, name_start):
        length, _ = lexicon.titles_any_case.match(tokens, start)
        if length and all(t.text in lexicon.academic_words for t in tokens[start : start + length]):
            position = start + length + (start + length < name_start and tokens[start + length].text == ",")
            if position < name_start and lexicon.titles_any_case.match(tokens, position)[0]:
                continue  # "Giáo sư, Thứ trưởng Bộ X Trần Văn A": the degree is no part of the position
        if length and start + length <= name_start:
            last = name_start - 1
            while last > start and tokens[last].text in DASHES:
                last -= 1  # "Chủ tịch UBND tỉnh Bắc Giang - Lê Ánh Dương"
            opening = _bracket_opening(tokens, last, lexicon)
            if opening is not None and opening > start and not _bracketed_acronym(tokens, opening):
                last = opening - 1  # a country gloss "(Trung Quốc)" is no part of the title
            return tokens[start].start, tokens[last].end
    return None


def skip_position(tokens: list[Token], index: int, lexicon: Lexicon) -> int:
    """Skip a photo position after a name: "Nguyễn Mạnh Quyền (phải)"."""
    if index < len(tokens) and tokens[index].text == "(":
        length, _ = lexicon.positions.match(tokens, index + 1)
        close = index + 1 + length
        if length and close < len(tokens) and tokens[close].text == ")":
            return close + 1
    return index


def titles_after(
    tokens: list[Token],
    index: int,
    lexicon: Lexicon,
    place_spans: tuple[tuple[int, int], ...] = (),
    *,
    direct: bool = False,
) -> list[tuple[int, int]]:
    """Titles written after a name, each after a comma or dash: ", Chủ tịch ..., Trưởng ban ...".

    A title in brackets ("ông Nguyễn Văn A (Giám đốc Sở Tài chính)") counts too, and, when
    `direct`, one written right after the name ("ông Henry Lau Chủ tịch Tập đoàn Sunrise").
    """
    spans = []
    if direct and lexicon.titles_any_case.match(tokens, index)[0]:
        length, _ = lexicon.titles_any_case.match(tokens, index)
        end = _title_extent(tokens, index + length, lexicon)
        spans.append((tokens[index].start, tokens[end - 1].end))
        index = end
    if index + 1 < len(tokens) and tokens[index].text == "(" and lexicon.titles_any_case.match(tokens, index + 1)[0]:
        length, _ = lexicon.titles_any_case.match(tokens, index + 1)
        end = _title_extent(tokens, index + 1 + length, lexicon)
        return [(tokens[index + 1].start, tokens[end - 1].end)]
    while index + 1 < len(tokens) and (tokens[index].text == "," or tokens[index].text in DASHES):
        while index + 2 < len(tokens) and tokens[index + 1].text in _BEFORE_TITLE:
            index += 1  # "ông T. Brown, hiện là giám đốc điều hành ..."
        length, _ = lexicon.titles_any_case.match(tokens, index + 1)
        if not length:
            break
        end = _title_extent(tokens, index + 1 + length, lexicon)
        if tokens[index + 1].is_lower and end == index + 1 + length and is_stop_word(tokens, end, lexicon):
            break  # "..., đại diện cho nhóm doanh nghiệp": a verb, not a position
        if _ends_with_a_name(tokens, index + 1, end, lexicon, place_spans) or _name_after_gloss(
            tokens, end, lexicon, place_spans
        ):
            break  # the next person's title, before the next person's name
        spans.append((tokens[index + 1].start, tokens[end - 1].end))
        index = end
        # A second role in brackets: "bà X, Chủ tịch Công ty Y (Trưởng đoàn)".
        opens = index < len(tokens) and tokens[index].text == "("  # the text may end with the title
        length, _ = lexicon.titles_any_case.match(tokens, index + 1) if opens else (0, None)
        close = _title_extent(tokens, index + 1 + length, lexicon) if length else index
        if length and close < len(tokens) and tokens[close].text == ")":
            spans.append((tokens[index + 1].start, tokens[close - 1].end))
            index = close + 1
    return spans


def _bracket_opening(tokens: list[Token], close: int, lexicon: Lexicon) -> int | None:
    """Index of the "(" of a short bracket of words ending with the ")" at `close`, or None.

    A photo position ("(phải)") is no gloss: the title before it is someone else's.
    """
    if close < 2 or tokens[close].text != ")":
        return None
    for position in range(close - 1, max(-1, close - 9), -1):
        if tokens[position].text == "(":
            if position == close - 1 or lexicon.positions.match(tokens, position + 1)[0] == close - position - 1:
                return None
            return position
        if not tokens[position].is_word:
            return None
    return None


def role_taken(tokens: list[Token], index: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The position a person is said to take right after the name: "bà X (phía Y) sẽ làm Chủ tịch
    HĐQT", "ông X được bổ nhiệm làm Giám đốc điều hành"."""
    if index < len(tokens) and tokens[index].text == "(":
        close = next((i for i in range(index + 1, min(len(tokens), index + 8)) if tokens[i].text == ")"), None)
        index = close + 1 if close is not None else index
    if index + 2 < len(tokens) and tokens[index].text == "," and tokens[index + 1].text == "người":
        nationality = index + 2  # "ông X, người Trung Quốc làm Chủ tịch HĐQT": the person's nationality
        while nationality < len(tokens) and nationality - index < 5 and tokens[nationality].is_capitalized:
            nationality += 1
        index = nationality if nationality > index + 2 else index
    for position in range(index, min(len(tokens) - 1, index + 5)):
        if tokens[position].text not in _BEFORE_ROLE:
            return []
        if tokens[position].text == "làm":
            length, _ = lexicon.titles_any_case.match(tokens, position + 1)
            if not length:
                return []
            end = _title_extent(tokens, position + 1 + length, lexicon)
            return [(tokens[position + 1].start, tokens[end - 1].end)]
    return []


def _name_after_gloss(
    tokens: list[Token], end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> bool:
    """Whether a person's name follows a title's bracketed gloss: "..., Bí thư Khu ủy X (Trung Quốc) Tào Bá
    Thuần": that title is the next person's."""
    if end >= len(tokens) or tokens[end].text != "(":
        return False
    close = next((i for i in range(end + 1, min(len(tokens), end + 6)) if tokens[i].text == ")"), None)
    if close is None:
        return False
    run = close + 1
    while run < len(tokens) and is_name_token(tokens[run]):
        run += 1
    return run - close > 2 and surname_suffix(tokens, close + 1, run, lexicon, place_spans) == close + 1


def _title_extent(tokens: list[Token], index: int, lexicon: Lexicon) -> int:
    """End (exclusive) of a title written after a name: up to punctuation or a verb."""
    end = index
    limit = min(len(tokens), index + _MAX_TITLE_TOKENS)
    while end < limit:
        token = tokens[end]
        if _bracketed_acronym(tokens, end) and end > index:
            end += 3  # "Tổ chức Xúc tiến Thương mại Nhật Bản (JETRO) tại TP.HCM"
            continue
        if token.text == "(" and end > index and lexicon.org_heads.match(tokens, end + 1)[0]:
            close = _closing_bracket(tokens, end + 1, limit)
            if close is not None:  # "Vụ trưởng Vụ Đông Nam Á (Bộ Ngoại giao)": the parent is part of the title
                end = close + 1
                continue
        if token.text in _OPENING_QUOTES and end > index:
            close = _quoted_name_end(tokens, end, limit, lexicon)
            if close is not None:  # "sáng lập công ty “Mekong Foods”": the quoted name is the company's
                end = close + 1
                continue
        if token.text in _TITLE_END or token.text in lexicon.honorifics:
            break
        if (
            token.text == "của"
            and end + 1 < len(tokens)
            and (tokens[end + 1].is_capitalized or lexicon.lower_heads.match(tokens, end + 1)[0])
            and tokens[end + 1].text not in lexicon.honorifics
        ):
            end += 1  # "Chủ tịch kiêm Tổng Giám đốc của Công ty X", "Giám đốc tài chính của Bayer"
            continue
        if token.text in DASHES and (end + 1 >= len(tokens) or not tokens[end + 1].is_capitalized):
            break  # "Bà X - Phó Chủ tịch UBND TP.HCM - khẳng định"; "Việt Nam - Trung Quốc" goes on
        if (
            token.text == "và"
            and end + 2 < len(tokens)
            and tokens[end + 1].text == "là"
            and lexicon.titles_any_case.match(tokens, end + 2)[0]
        ):
            end += 2 + lexicon.titles_any_case.match(tokens, end + 2)[0]  # "... và là người sáng lập Công ty X"
            continue
        if token.text in ("và", "tại") and _region_after(tokens, end + 1):
            end += 3  # "Tổng giám đốc X Nhật Bản và khu vực châu Á", "lãnh đạo của Y tại khu vực châu Á"
            continue
        if is_stop_word(tokens, end, lexicon):
            break
        if token.text == "tại" and not (end + 1 < len(tokens) and tokens[end + 1].is_capitalized):
            break  # "Bí thư Thành ủy Nam Định tại chuyến công tác": where, not whose
        head = max(lexicon.org_heads.match(tokens, end)[0], lexicon.lower_heads.match(tokens, end)[0])
        if head > 1:  # "Liên đoàn", "tập đoàn": a head's lower-case syllables are no verbs
            end += head
            continue
        if token.text == "và" and end + 1 < len(tokens):
            following = tokens[end + 1]
            if (
                following.is_lower
                or following.text in lexicon.honorifics
                or lexicon.titles_any_case.match(tokens, end + 1)[0]
            ):
                break
        end += 1
    while end > index and tokens[end - 1].text in ("và", "-", "&"):
        end -= 1
    return end


def _quoted_name_end(tokens: list[Token], opening: int, limit: int, lexicon: Lexicon) -> int | None:
    """Index of the closing quote of a quoted name right after an organization word ("công ty “X”").

    Only a name: capitalized words up to the closing quote. A quotation ("… nói: “Chúng tôi …”")
    follows a verb or a colon, not an organization word.
    """
    head = lexicon.lower_heads
    if not any(head.match(tokens, start)[0] == opening - start for start in range(max(0, opening - 3), opening)):
        return None
    for position in range(opening + 1, min(limit, opening + 1 + _MAX_QUOTED_NAME_WORDS + 1)):
        token = tokens[position]
        if token.text in _CLOSING_QUOTES:
            return position if position > opening + 1 else None
        if not (token.is_word and (token.is_capitalized or token.text.isupper() or token.text[0].isdigit())):
            return None
    return None


def _full_name_ends_at(tokens: list[Token], end: int, lexicon: Lexicon) -> bool:
    """Whether a Vietnamese full name (a surname and one to three more name words) ends right before tokens[end]."""
    start = end
    while start > 0 and end - start < 4 and is_name_token(tokens[start - 1]):
        start -= 1
    return end - start >= 2 and surname_suffix(tokens, start, end, lexicon, ()) is not None


def _region_after(tokens: list[Token], index: int) -> bool:
    """Whether "khu vực" and a region's name start at tokens[index]: the area a position covers."""
    return (
        index + 2 < len(tokens)
        and tokens[index].text == "khu"
        and tokens[index + 1].text == "vực"
        and (tokens[index + 2].is_capitalized or tokens[index + 2].text == "châu")
    )


def _closing_bracket(tokens: list[Token], start: int, limit: int) -> int | None:
    """Index of the ")" closing a bracket of capitalized and inner words opened before `start`."""
    for position in range(start, limit):
        text = tokens[position].text
        if text == ")":
            return position
        if not tokens[position].is_word:
            return None
    return None


def _bracketed_acronym(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index:index + 3] is "( JETRO )"."""
    return (
        index + 2 < len(tokens)
        and tokens[index].text == "("
        and tokens[index + 2].text == ")"
        and tokens[index + 1].text.isupper()
        and len(tokens[index + 1].text) > 1
    )
