"""People named with their positions, in the forms Vietnamese news uses.

- title first: "Phó Thủ tướng Mai Văn Chính", "Thứ trưởng Bộ Khoa học và Công nghệ Bùi Hoàng
  Phương", "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng";
- honorific and apposition: "ông Nhậm Hồng Bân, Chủ tịch Ủy ban Xúc tiến Thương mại Quốc tế
  Trung Quốc", "bà Vương Hi, Phó Chủ tịch ..."; several positions joined by commas are kept;
- later short references: "Ông Dũng", "Thứ trưởng Bùi Hoàng Phương".

A person needs an anchor (a title or an honorific): bylines and photo credits ("Ảnh: Hương
Giang/TTXVN") name people too, but those are not contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.extraction.lexicon import Lexicon, is_stop_word
from importers.extraction.tokens import Token
from leads.text import canonical_tones, strip_diacritics

# The Vietnamese syllable shape, on a diacritic-free lower-case word: names made of such
# syllables get their last lower-case syllable back ("Công nghệ"); "Hub" does not, nor do
# romanized names whose vowels no Vietnamese syllable has ("Mei", "Chou").
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?P<vowels>[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$"
)
_VOWELS = frozenset(
    {
        "a", "e", "i", "o", "u", "y",
        "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "oo",
        "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye",
        "ieu", "oai", "oao", "oay", "oeo", "uay", "uoi", "uou", "uya", "uye", "uyu", "yeu",
    }
)  # fmt: skip
_DIGIT_OR_DOT = re.compile(r"[\d.]")  # no name has them: "2025", "TP.HCM"
# Punctuation that closes a title written after a name.
_TITLE_END = frozenset(",;:()[].“”\"'!?…")
_DASHES = frozenset("-–—")
# Words between the comma after a name and the title: "ông X, hiện đang là giám đốc ...".
_BEFORE_TITLE = frozenset({"hiện", "đang", "là", "nay", "vốn", "cũng"})
# Words between a name and "làm <title>": "ông X sẽ làm Chủ tịch", "bà Y được bổ nhiệm làm Giám đốc".
_BEFORE_ROLE = frozenset({"sẽ", "đã", "được", "bổ", "nhiệm", "hiện", "đang", "làm", "cũng"})
_MAX_TITLE_TOKENS = 30
# Vowels that never end a Vietnamese syllable: "ă" needs a final consonant ("Văn", "Đắc"), "â" one or
# a glide ("Tân", "Châu"). A name ending in "Thă" was cut mid-word.
_OPEN_VOWEL_END = re.compile(r"[ăằắẳẵặ](?![cmnpt])|[âầấẩẫậ](?![cmnptuy])")


@dataclass(frozen=True)
class PersonMatch:
    """A full name with its title span (offsets into the body; title empty when none is written)."""

    full_name: str
    start: int
    end: int
    title: str
    title_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ShortReference:
    """ "Ông Dũng": a given name alone, to attach to a person named in full elsewhere.

    A title written after it ("bà Mei, Tổng Giám đốc ...") is kept: a one-word foreign name that
    nobody's full name ends or starts with is the person's whole name.
    """

    name: str
    start: int
    end: int
    title: str = ""
    title_spans: tuple[tuple[int, int], ...] = ()


def is_vietnamese_syllable(word: str) -> bool:
    match = _SYLLABLE.match(strip_diacritics(word).lower())
    return match is not None and match["vowels"] in _VOWELS


def is_name_token(token: Token) -> bool:
    """A capitalized word that can be part of a personal name (not "UBND", "TP.HCM", "2025")."""
    text = token.text
    if not text[0].isupper() or (len(text) > 1 and text.isupper()):
        return False
    return _DIGIT_OR_DOT.search(text) is None


def find_people(
    tokens: list[Token], body: str, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> tuple[list[PersonMatch], list[ShortReference]]:
    """People anchored by a title or honorific in one sentence's tokens."""
    people: list[PersonMatch] = []
    shorts: list[ShortReference] = []
    index = 0

    def in_name(position: int) -> bool:
        return is_name_token(tokens[position]) and tokens[position].text not in lexicon.honorifics

    while index < len(tokens):
        if not in_name(index):
            index += 1
            continue
        run_end = index
        while run_end < len(tokens) and (in_name(run_end) or _middle_initial_dot(tokens, run_end)):
            run_end += 1
        found = _person_in_run(tokens, index, run_end, body, lexicon, place_spans)
        if isinstance(found, PersonMatch):
            people.append(found)
        elif isinstance(found, ShortReference):
            shorts.append(found)
        index = run_end
    return people, shorts


def _middle_initial_dot(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is the period of a middle initial: "Karen B. Wilson"."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index].text == "."
        and len(tokens[index - 1].text) == 1
        and tokens[index - 1].text.isupper()
        and tokens[index].start == tokens[index - 1].end
        and is_name_token(tokens[index + 1])
    )


def plausible_name_end(tokens: list[Token], end: int, body: str) -> bool:
    """Whether a name ending at tokens[end - 1] ends where a word does, on a whole syllable.

    A text cut off mid-name ("... Bà Trần Thị Hă") leaves a syllable no Vietnamese word ends with,
    or nothing at all after it.
    """
    last = tokens[end - 1]
    return bool(body[last.end :].strip()) and not _OPEN_VOWEL_END.search(last.text.lower())


def _person_in_run(
    tokens: list[Token],
    run_start: int,
    run_end: int,
    body: str,
    lexicon: Lexicon,
    place_spans: tuple[tuple[int, int], ...],
) -> PersonMatch | ShortReference | None:
    """The person named by the capitalized run tokens[run_start:run_end], if it is anchored."""
    anchor = _anchor_before(tokens, run_start, lexicon)
    honorific = anchor is not None
    cut_by_title = False
    if honorific:
        name_start = run_start
        name_end = min(run_end, run_start + 4)
        for position in range(name_start + 1, name_end):
            if lexicon.titles.match(tokens, position)[0]:  # "ông Henry Lau Chủ tịch Tập đoàn Sunrise"
                name_end, cut_by_title = position, True
                break
        if not plausible_name_end(tokens, name_end, body):
            return None
        if _place_before(tokens, name_start, place_spans):
            return None  # "Bà Rịa - Vũng Tàu": the honorific is part of a place name
        if name_end - name_start == 1:
            token = tokens[name_start]
            spans = tuple(_titles_after(tokens, _skip_position(tokens, name_end, lexicon), lexicon, place_spans))
            if (
                not spans
                and anchor
                and tokens[anchor - 1].text == ","
                and not _named_before(tokens, anchor - 1, lexicon)
            ):
                before = _title_before(tokens, anchor - 1, lexicon)  # "Tổng giám đốc Tập đoàn X, ông Ikuharu"
                spans = (before,) if before else ()
            title = ", ".join(body[s:e] for s, e in spans)
            return ShortReference(token.text, token.start, token.end, title, spans)
    else:
        name_start = _surname_suffix(tokens, run_start, run_end, lexicon, place_spans)
        if name_start is None:
            name_start = _latin_name_start(tokens, run_start, run_end, lexicon, place_spans)
        if name_start is None and _person_named_like_a_place(tokens, run_start, run_end, lexicon, place_spans):
            name_start = run_start
        if name_start is None:
            return None
        name_end = run_end
        if not plausible_name_end(tokens, name_end, body):
            return None
    prefix = _title_before(tokens, name_start, lexicon) if not honorific else None
    after = _skip_position(tokens, name_end, lexicon)
    appositions = _titles_after(tokens, after, lexicon, place_spans, direct=cut_by_title)
    if anchor and not appositions and tokens[anchor - 1].text == "," and not _named_before(tokens, anchor - 1, lexicon):
        prefix = _title_before(tokens, anchor - 1, lexicon)  # "Giám đốc Sở X, ông Nguyễn Văn A cho biết"
    if honorific and prefix is None and not appositions:
        appositions = _role_taken(tokens, after, lexicon)  # "Bà X (phía Y) sẽ làm Chủ tịch HĐQT"
    if prefix is None and not appositions:
        if not honorific:
            return None
        spans: list[tuple[int, int]] = []
    else:
        if prefix and appositions and _only_a_degree(tokens, prefix, lexicon):
            prefix = None  # "Giáo sư Trần Văn A, Thứ trưởng Bộ X": the position, not the degree
        elif prefix and appositions and _guest_list_after(tokens, after, appositions[-1][1], lexicon):
            appositions = []  # "Thứ trưởng Bộ X Lê Văn A, Đại sứ tại Y, ...": the next guest's title
        spans = ([prefix] if prefix else []) + appositions
    first, last = tokens[name_start], tokens[name_end - 1]
    return PersonMatch(
        full_name=body[first.start : last.end],
        start=first.start,
        end=last.end,
        title=", ".join(body[s:e] for s, e in spans),
        title_spans=tuple(spans),
    )


_LIST_GOES_ON = frozenset({"cùng", "và", "với"})


def _guest_list_after(tokens: list[Token], after: int, title_end: int, lexicon: Lexicon) -> bool:
    """Whether "Title Name, Title2" is a list of guests rather than a second role: the person has a
    title before the name, and Title2 is followed by a further title (", Phó Thủ tướng Thái Lan") or
    by "cùng"/"và" rather than by the verb ("..., Trưởng ban tổ chức, cho biết": a second role)."""
    if after >= len(tokens) or tokens[after].text != ",":
        return False
    following = next((i for i in range(after, len(tokens)) if tokens[i].start >= title_end), len(tokens))
    if following >= len(tokens):
        return False
    if tokens[following].text in _LIST_GOES_ON:
        return True
    return (
        tokens[following].text == ","
        and following + 1 < len(tokens)
        and bool(lexicon.titles_any_case.match(tokens, following + 1)[0])
    )


def _person_named_like_a_place(
    tokens: list[Token], run_start: int, run_end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> bool:
    """Whether a three-word full name that is also a city's name follows a title directly: "Chủ tịch
    Hồ Chí Minh" is the president; the city takes "TP"/"thành phố" ("Chủ tịch UBND TP Hồ Chí Minh")."""
    if run_end - run_start != 3 or canonical_tones(tokens[run_start].text) not in lexicon.surnames:
        return False
    start, end = tokens[run_start].start, tokens[run_end - 1].end
    named = any(s <= start and e == end for s, e in place_spans)  # the gazetteer may hold the whole phrase
    return named and _title_ends_at(tokens, run_start, lexicon)


def _only_a_degree(tokens: list[Token], span: tuple[int, int], lexicon: Lexicon) -> bool:
    """Whether the title span is an academic degree alone ("Giáo sư", "Tiến sĩ")."""
    inside = [t for t in tokens if span[0] <= t.start and t.end <= span[1]]
    return bool(inside) and all(t.text in lexicon.academic_words for t in inside)


def _named_before(tokens: list[Token], end: int, lexicon: Lexicon) -> bool:
    """Whether a person's name ends right before tokens[end] ("... Hoàng Minh Đức, ông X"): the title
    before it is that person's, not the next one's."""
    start = end
    while start > 0 and is_name_token(tokens[start - 1]):
        start -= 1
    return start < end - 1 and _surname_suffix(tokens, start, end, lexicon, ()) is not None


def _anchor_before(tokens: list[Token], index: int, lexicon: Lexicon) -> int | None:
    """Index of the "ông"/"bà" or degree ("TS.", "PGS.TS") that introduces a name at `index`."""
    position = index - 1
    while position >= 0 and (tokens[position].text in lexicon.academic_words or tokens[position].text == "."):
        position -= 1
    if position >= 0 and tokens[position].text in lexicon.honorifics:
        return position
    degree = position + 1
    if (
        degree < index
        and tokens[degree].text.rstrip(".").replace(".", "").isalpha()
        and tokens[degree].text[:2].isupper()
    ):
        return degree  # an abbreviated degree alone: "TS. Nguyễn Văn An"
    return None


def _surname_suffix(
    tokens: list[Token], run_start: int, run_end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> int | None:
    """Start of the longest 2-4 word tail of the run that begins with a surname that starts no place.

    A place after the surname is a given name ("Lê Văn Sơn", "Nguyễn Thái Bình"); a surname
    that starts a place or another name ("Hà Tĩnh", "Thái Bình Dương") is no surname there.
    """
    for start in range(max(run_start, run_end - 4), run_end - 1):
        if canonical_tones(tokens[start].text) not in lexicon.surnames:
            continue
        if not any(s <= tokens[start].start < e for s, e in place_spans):
            return start
    return None


def _latin_name_start(
    tokens: list[Token], run_start: int, run_end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> int | None:
    """Start of a foreign name in Latin letters that ends the run: "Thủ tướng Nhật Bản Shinzo Abe",
    "Chủ tịch Tập đoàn Intel Craig Barrett", "Tổng thống Donald Trump".

    The name is the run's last 2-4 Latin words after a place, a listed company or a Vietnamese
    word of the run; a run that is all Latin words after a company head ("Công ty Comture Taro
    Yamada") keeps its last two for the person. A title must stand before it (checked by the caller).
    """
    start = run_end
    while start > run_start and _latin_word(tokens[start - 1]) and not _in_spans(tokens[start - 1], place_spans):
        start -= 1
    if start == run_start:
        company, _ = lexicon.company_table.match(tokens, run_start)
        if company:
            start = run_start + company
        elif run_start > 0 and _phrase_start_covering(tokens, run_start - 1, lexicon, heads_only=True) is not None:
            start = run_end - 2 if run_end - run_start >= 3 else run_end
        elif (
            run_start > 1
            and tokens[run_start - 1].is_lower
            and not tokens[run_start - 2].is_capitalized  # "Bộ trưởng Tài chính Arun Jaitley" goes on
            and not _title_ends_at(tokens, run_start, lexicon)
        ):
            return None  # "lãnh đạo Warburg Pincus": a lower-case word before a firm's name
        last_firm_word = max((i for i in range(start, run_end) if tokens[i].text in lexicon.company_words), default=-1)
        start = max(start, last_firm_word + 1)  # "Chủ tịch New York Life Frederick J. Dievert"
    names = [t for t in tokens[start:run_end] if t.text != "."]
    if not 2 <= len(names) <= 4 or all(is_vietnamese_syllable(t.text) for t in names):
        return None
    if any(t.text in lexicon.company_words for t in names):
        return None  # "Chủ tịch New York Life"
    if (
        tokens[start].text == "."
        or len(tokens[start].text) == 1
        and start + 1 < run_end
        and tokens[start + 1].text == "."
    ):
        return start if tokens[start].text != "." else None
    return start


def _title_ending_at(tokens: list[Token], end: int, lexicon: Lexicon) -> int | None:
    """Start of a listed title that ends right before tokens[end] and starts the clause, or None."""
    for start in range(max(0, end - 6), end):
        length, _ = lexicon.titles.match(tokens, start)
        if length == end - start and (start == 0 or not is_name_token(tokens[start - 1])):
            return start
    return None


def _title_ends_at(tokens: list[Token], index: int, lexicon: Lexicon, *, any_case: bool = False) -> bool:
    """Whether a title written with its capital ("Tổng thống", "Chủ tịch") ends right before tokens[index]."""
    table = lexicon.titles_any_case if any_case else lexicon.titles
    for start in range(max(0, index - 6), index):
        length, _ = table.match(tokens, start)
        if length and start + length == index:
            return True
    return False


def _ends_with_a_name(
    tokens: list[Token], start: int, end: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> bool:
    """Whether tokens[start:end], read as a title after a name, ends with someone else's name: in
    "Bộ trưởng A Nguyễn Chí Dũng, Bộ trưởng B Trần Tuấn Anh" the second title is Trần Tuấn Anh's
    (also when a verb the title rule did not stop at follows the name: "Trần Tuấn Anh trực tiếp")."""
    while end > start and tokens[end - 1].is_lower:
        end -= 1
    run = end
    while run > start and (is_name_token(tokens[run - 1]) or _middle_initial_dot(tokens, run - 1)):
        run -= 1
    if run in (end, start):
        return False
    if (
        tokens[run - 1].is_lower
        and not tokens[run - 2].is_capitalized  # "Bộ trưởng Công thương Trần Tuấn Anh"
        and not _title_ends_at(tokens, run, lexicon, any_case=True)
    ):
        return False  # "Tổng giám đốc khu công nghiệp Lê Minh Xuân": a site named after a person
    if _surname_suffix(tokens, run, end, lexicon, place_spans) is not None:
        return True
    latin = _latin_name_start(tokens, run, end, lexicon, place_spans)
    after_a_body = tokens[run - 1].text == ")" or not is_name_token(tokens[run - 1])  # "(JETRO) Hiroyuki Ishige"
    return latin is not None and (latin > run or after_a_body)


def _latin_word(token: Token) -> bool:
    return token.text == "." or (is_name_token(token) and token.text.isascii())


def _in_spans(token: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= token.start < e for s, e in spans)


def _place_before(tokens: list[Token], start: int, place_spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a place name that began before tokens[start] runs into it ("Bà Rịa")."""
    first = tokens[start].start
    return any(s < first < e for s, e in place_spans)


def _title_before(tokens: list[Token], name_start: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The title written right before a name ("Phó Chủ tịch UBND Hà Nội" Nguyễn Mạnh Quyền).

    Walks back over the name-like words before the name (capitalized words, lower-case words
    inside names, connectors) and takes the leftmost listed title in that stretch.
    """
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
        if token.is_lower and token.text in lexicon.stop_words:
            inside = _phrase_start_covering(tokens, position, lexicon)
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
            while last > start and tokens[last].text in _DASHES:
                last -= 1  # "Chủ tịch UBND tỉnh Bắc Giang - Lê Ánh Dương"
            opening = _bracket_opening(tokens, last, lexicon)
            if opening is not None and opening > start and not _bracketed_acronym(tokens, opening):
                last = opening - 1  # a country gloss "(Trung Quốc)" is no part of the title
            return tokens[start].start, tokens[last].end
    return None


def _phrase_start_covering(
    tokens: list[Token], position: int, lexicon: Lexicon, *, heads_only: bool = False
) -> int | None:
    """Start of a title or organization head that contains the token at `position`, if any."""
    tables = (lexicon.org_heads,) if heads_only else (lexicon.org_heads, lexicon.titles_any_case)
    for start in range(max(0, position - 3), position + 1):
        for table in tables:
            length, _ = table.match(tokens, start)
            if start + length > position:
                return start
    return None


def _skip_position(tokens: list[Token], index: int, lexicon: Lexicon) -> int:
    """Skip a photo position after a name: "Nguyễn Mạnh Quyền (phải)"."""
    if index < len(tokens) and tokens[index].text == "(":
        length, _ = lexicon.positions.match(tokens, index + 1)
        close = index + 1 + length
        if length and close < len(tokens) and tokens[close].text == ")":
            return close + 1
    return index


def _titles_after(
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
    while index + 1 < len(tokens) and (tokens[index].text == "," or tokens[index].text in _DASHES):
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


def _role_taken(tokens: list[Token], index: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The position a person is said to take right after the name: "bà X (phía Y) sẽ làm Chủ tịch
    HĐQT", "ông X được bổ nhiệm làm Giám đốc điều hành"."""
    if index < len(tokens) and tokens[index].text == "(":
        close = next((i for i in range(index + 1, min(len(tokens), index + 8)) if tokens[i].text == ")"), None)
        index = close + 1 if close is not None else index
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
    return run - close > 2 and _surname_suffix(tokens, close + 1, run, lexicon, place_spans) == close + 1


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
        if token.text in _DASHES and (end + 1 >= len(tokens) or not tokens[end + 1].is_capitalized):
            break  # "Bà X - Phó Chủ tịch UBND TP.HCM - khẳng định"; "Việt Nam - Trung Quốc" goes on
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


def promote_foreign_single_names(
    people: list[PersonMatch], shorts: list[ShortReference]
) -> tuple[list[PersonMatch], list[ShortReference]]:
    """ "bà Mei, Tổng Giám đốc ...": a one-word name that is no Vietnamese syllable and shortens
    nobody's full name is the person's whole name. The first such mention with a title (or the
    first at all) becomes the person; the others stay short references to it.
    """
    promoted: dict[str, PersonMatch] = {}
    for short in shorts:
        if short.name in promoted or is_vietnamese_syllable(short.name):
            continue
        if any(short.name in (p.full_name.split()[0], p.full_name.split()[-1]) for p in people):
            continue
        mentions = [s for s in shorts if s.name == short.name]
        chosen = next((s for s in mentions if s.title), mentions[0])
        promoted[short.name] = PersonMatch(chosen.name, chosen.start, chosen.end, chosen.title, chosen.title_spans)
    if not promoted:
        return people, shorts
    chosen_starts = {p.start for p in promoted.values()}
    return (
        sorted([*people, *promoted.values()], key=lambda p: p.start),
        [s for s in shorts if s.start not in chosen_starts],
    )


def attach_short_references(
    people: list[PersonMatch], shorts: list[ShortReference]
) -> dict[str, list[tuple[int, int]]]:
    """Mentions of each full name, short references included ("Ông Dũng" → Nguyễn Việt Dũng)."""
    mentions: dict[str, list[tuple[int, int]]] = {}
    for person in people:
        mentions.setdefault(person.full_name, []).append((person.start, person.end))
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for name in mentions:
        by_last.setdefault(name.split()[-1], []).append(name)
        by_first.setdefault(name.split()[0], []).append(name)
    for short in shorts:
        # Vietnamese names are shortened to the given name ("Ông Dũng"), Korean and Western ones to
        # the family name written first ("ông Park" for Park Sung-jin).
        owners = by_last.get(short.name) or by_first.get(short.name, [])
        if len(owners) == 1:
            mentions[owners[0]].append((short.start, short.end))
    return mentions
