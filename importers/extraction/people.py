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
# Punctuation that closes a title written after a name.
_TITLE_END = frozenset(",;:()[].“”\"'!?…")
_DASHES = frozenset("-–—")
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
    return (
        token.is_word
        and token.is_capitalized
        and not any(ch.isdigit() for ch in text)
        and "." not in text
        and not (len(text) > 1 and text.isupper())
    )


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
            spans = tuple(_titles_after(tokens, _skip_position(tokens, name_end, lexicon), lexicon))
            title = ", ".join(body[s:e] for s, e in spans)
            return ShortReference(token.text, token.start, token.end, title, spans)
    else:
        name_start = _surname_suffix(tokens, run_start, run_end, lexicon, place_spans)
        if name_start is None:
            return None
        name_end = run_end
        if not plausible_name_end(tokens, name_end, body):
            return None
    prefix = _title_before(tokens, name_start, lexicon) if not honorific else None
    after = _skip_position(tokens, name_end, lexicon)
    appositions = _titles_after(tokens, after, lexicon, direct=cut_by_title)
    if anchor and not appositions and tokens[anchor - 1].text == "," and not _named_before(tokens, anchor - 1, lexicon):
        prefix = _title_before(tokens, anchor - 1, lexicon)  # "Giám đốc Sở X, ông Nguyễn Văn A cho biết"
    if prefix is None and not appositions:
        if not honorific:
            return None
        spans: list[tuple[int, int]] = []
    else:
        spans = ([prefix] if prefix else []) + appositions
    first, last = tokens[name_start], tokens[name_end - 1]
    return PersonMatch(
        full_name=body[first.start : last.end],
        start=first.start,
        end=last.end,
        title=", ".join(body[s:e] for s, e in spans),
        title_spans=tuple(spans),
    )


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
        if not token.is_word and token.text not in ("-", "&"):
            break
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
            and lexicon.titles.match(tokens, position + 1)[0]
        ):
            break  # "Giáo sư Nguyễn Văn Lâm và Tiến sĩ Hoàng Đức Minh": a new title after a name
        window_start = position
        position -= 1
    for start in range(window_start, name_start):
        length, _ = lexicon.titles.match(tokens, start)
        if length and start + length <= name_start:
            last = name_start - 1
            while last > start and tokens[last].text in _DASHES:
                last -= 1  # "Chủ tịch UBND tỉnh Bắc Giang - Lê Ánh Dương"
            return tokens[start].start, tokens[last].end
    return None


def _phrase_start_covering(tokens: list[Token], position: int, lexicon: Lexicon) -> int | None:
    """Start of a title or organization head that contains the token at `position`, if any."""
    for start in range(max(0, position - 3), position):
        for table in (lexicon.org_heads, lexicon.titles):
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


def _titles_after(tokens: list[Token], index: int, lexicon: Lexicon, *, direct: bool = False) -> list[tuple[int, int]]:
    """Titles written after a name, each after a comma or dash: ", Chủ tịch ..., Trưởng ban ...".

    A title in brackets ("ông Nguyễn Văn A (Giám đốc Sở Tài chính)") counts too, and, when
    `direct`, one written right after the name ("ông Henry Lau Chủ tịch Tập đoàn Sunrise").
    """
    spans = []
    if direct and lexicon.titles.match(tokens, index)[0]:
        length, _ = lexicon.titles.match(tokens, index)
        end = _title_extent(tokens, index + length, lexicon)
        spans.append((tokens[index].start, tokens[end - 1].end))
        index = end
    if index + 1 < len(tokens) and tokens[index].text == "(" and lexicon.titles.match(tokens, index + 1)[0]:
        length, _ = lexicon.titles.match(tokens, index + 1)
        end = _title_extent(tokens, index + 1 + length, lexicon)
        return [(tokens[index + 1].start, tokens[end - 1].end)]
    while index + 1 < len(tokens) and (tokens[index].text == "," or tokens[index].text in _DASHES):
        length, _ = lexicon.titles.match(tokens, index + 1)
        if not length:
            break
        end = _title_extent(tokens, index + 1 + length, lexicon)
        spans.append((tokens[index + 1].start, tokens[end - 1].end))
        index = end
        # A second role in brackets: "bà X, Chủ tịch Công ty Y (Trưởng đoàn)".
        length, _ = lexicon.titles.match(tokens, index + 1) if tokens[index].text == "(" else (0, None)
        close = _title_extent(tokens, index + 1 + length, lexicon) if length else index
        if length and close < len(tokens) and tokens[close].text == ")":
            spans.append((tokens[index + 1].start, tokens[close - 1].end))
            index = close + 1
    return spans


def _title_extent(tokens: list[Token], index: int, lexicon: Lexicon) -> int:
    """End (exclusive) of a title written after a name: up to punctuation or a verb."""
    end = index
    limit = min(len(tokens), index + _MAX_TITLE_TOKENS)
    while end < limit:
        token = tokens[end]
        if _bracketed_acronym(tokens, end) and end + 3 < len(tokens) and tokens[end + 3].is_word:
            end += 3  # "Tổ chức Xúc tiến Thương mại Nhật Bản (JETRO) tại TP.HCM"
            continue
        if token.text == "(" and end > index and lexicon.org_heads.match(tokens, end + 1)[0]:
            close = _closing_bracket(tokens, end + 1, limit)
            if close is not None:  # "Vụ trưởng Vụ Đông Nam Á (Bộ Ngoại giao)": the parent is part of the title
                end = close + 1
                continue
        if token.text in _TITLE_END or token.text in lexicon.honorifics:
            break
        if token.text == "của" and end > index and lexicon.org_heads.match(tokens, end + 1)[0]:
            end += 1  # "Chủ tịch kiêm Tổng Giám đốc của Công ty X"
            continue
        if token.text in _DASHES and (end + 1 >= len(tokens) or not tokens[end + 1].is_capitalized):
            break  # "Bà X - Phó Chủ tịch UBND TP.HCM - khẳng định"; "Việt Nam - Trung Quốc" goes on
        if is_stop_word(tokens, end, lexicon):
            break
        if token.text == "tại" and not (end + 1 < len(tokens) and tokens[end + 1].is_capitalized):
            break  # "Bí thư Thành ủy Nam Định tại chuyến công tác": where, not whose
        head, _ = lexicon.org_heads.match(tokens, end)
        if head > 1:  # "Liên đoàn", "Hội đồng": a head's lower-case syllables are no verbs
            end += head
            continue
        if token.text == "và" and end + 1 < len(tokens):
            following = tokens[end + 1]
            if following.is_lower or following.text in lexicon.honorifics or lexicon.titles.match(tokens, end + 1)[0]:
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
    for short in shorts:
        # Vietnamese names are shortened to the given name ("Ông Dũng"), Korean and Western ones to
        # the family name written first ("ông Park" for Park Sung-jin).
        owners = [name for name in mentions if name.split()[-1] == short.name]
        if not owners:
            owners = [name for name in mentions if name.split()[0] == short.name]
        if len(owners) == 1:
            mentions[owners[0]].append((short.start, short.end))
    return mentions
