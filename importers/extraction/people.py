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
from functools import lru_cache

from importers.extraction.lexicon import Lexicon
from importers.extraction.person_names import (
    is_name_token,
    is_vietnamese_syllable,
    latin_name_start,
    middle_initial_dot,
    plausible_name_end,
    surname_suffix,
    title_ends_at,
)
from importers.extraction.person_titles import role_taken, skip_position, title_before, titles_after
from importers.extraction.tokens import Token
from leads.text import canonical_tones

# Re-exported: callers import the name shape from here.
__all__ = [
    "PersonMatch",
    "ShortReference",
    "attach_short_references",
    "find_people",
    "is_name_token",
    "is_vietnamese_syllable",
    "plausible_name_end",
    "promote_foreign_single_names",
]


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
    written_in_full: tuple[str, int, int] | None = None  # "Eric Shen" elsewhere, without an honorific


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
        while run_end < len(tokens) and (in_name(run_end) or middle_initial_dot(tokens, run_end)):
            run_end += 1
        found = _person_in_run(tokens, index, run_end, body, lexicon, place_spans)
        if isinstance(found, PersonMatch):
            people.append(found)
        elif isinstance(found, ShortReference):
            shorts.append(found)
        index = run_end
    return people, shorts


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
            spans = tuple(titles_after(tokens, skip_position(tokens, name_end, lexicon), lexicon, place_spans))
            if (
                not spans
                and anchor
                and tokens[anchor - 1].text in _AFTER_A_TITLE
                and not _named_before(tokens, anchor - 1, lexicon)
            ):
                before = title_before(tokens, anchor - 1, lexicon)  # "Tổng giám đốc Tập đoàn X, ông Ikuharu"
                spans = (before,) if before else ()
            title = ", ".join(body[s:e] for s, e in spans)
            full = None if is_vietnamese_syllable(token.text) else _written_in_full(body, token.text, lexicon)
            return ShortReference(token.text, token.start, token.end, title, spans, full)
    else:
        name_start = surname_suffix(tokens, run_start, run_end, lexicon, place_spans)
        if name_start is None:
            name_start = latin_name_start(tokens, run_start, run_end, lexicon, place_spans)
        if name_start is None and _person_named_like_a_place(tokens, run_start, run_end, lexicon, place_spans):
            name_start = run_start
        if name_start is None or _named_after_a_site(tokens, name_start):
            return None
        name_end = run_end
        if not plausible_name_end(tokens, name_end, body):
            return None
    prefix = title_before(tokens, name_start, lexicon) if not honorific else None
    if prefix is not None and name_start == run_start and _ends_with_a_legal_form(body[prefix[0] : prefix[1]], lexicon):
        return None  # "Chủ tịch Công ty TNHH Hòa Bình": the words after a legal form are the company's name
    after = skip_position(tokens, name_end, lexicon)
    appositions = titles_after(tokens, after, lexicon, place_spans, direct=cut_by_title)
    if (
        anchor
        and not appositions
        and tokens[anchor - 1].text in _AFTER_A_TITLE
        and not _named_before(tokens, anchor - 1, lexicon)
    ):
        prefix = title_before(tokens, anchor - 1, lexicon)  # "Giám đốc Sở X, ông Nguyễn Văn A cho biết"
    if honorific and prefix is None and not appositions:
        appositions = role_taken(tokens, after, lexicon)  # "Bà X (phía Y) sẽ làm Chủ tịch HĐQT"
    if (
        prefix is None
        and not appositions
        and not honorific
        and _foreign_name_after_a_title_and_comma(tokens, name_start, name_end, lexicon)
    ):
        prefix = title_before(tokens, name_start - 1, lexicon)  # "Phó Chủ tịch PTT, Chitrapongse K. hy vọng"
    if prefix is None and not appositions:
        if not honorific:
            return None
        spans: list[tuple[int, int]] = []
    else:
        if prefix and appositions and _only_a_degree(tokens, prefix, lexicon):
            prefix = None  # "Giáo sư Trần Văn A, Thứ trưởng Bộ X": the position, not the degree
        elif (
            prefix
            and appositions
            and (len(appositions) > 1 or _guest_list_after(tokens, after, appositions[-1][1], lexicon))
        ):
            # "Thứ trưởng Bộ X Lê Văn A, Đại sứ tại Y, ...": the next guests' titles (a position
            # written before the name is rarely followed by two more of the same person)
            appositions = []
        spans = ([prefix] if prefix else []) + appositions
    first, last = tokens[name_start], tokens[name_end - 1]
    return PersonMatch(
        full_name=body[first.start : last.end],
        start=first.start,
        end=last.end,
        title=", ".join(body[s:e] for s, e in spans),
        title_spans=tuple(spans),
    )


# What stands between a title and the "ông"/"bà" of the name it belongs to: "Giám đốc Sở X, ông A",
# "Cục trưởng Cục Y - ông B - cho biết".
_AFTER_A_TITLE = frozenset({",", "-", "–", "—"})
# Sites and streets are often named after people: "khu công nghiệp Lê Minh Xuân", "đường Lê Duẩn".
_SITE_WORDS = frozenset(
    {
        "khu công nghiệp",
        "khu chế xuất",
        "khu kinh tế",
        "khu công nghệ cao",
        "cụm công nghiệp",
        "KCN",
        "KCX",
        "KKT",
        "CCN",
    }
    | {"đường", "phố", "cầu", "cảng", "sân bay", "quảng trường"}
)
_LIST_WORDS = frozenset({"và", "cùng", "với", "hay", "hoặc"})  # "A, B và C": a list of names, no person
_LIST_GOES_ON = frozenset({"cùng", "và", "với"})


def _foreign_name_after_a_title_and_comma(tokens: list[Token], run_start: int, run_end: int, lexicon: Lexicon) -> bool:
    """Whether the run is a foreign name of two or three words set off by a comma after a title, with
    a verb or a comma after it: "Phó Chủ tịch PTT, Chitrapongse Kwangsukstith hy vọng ..."."""
    run = tokens[run_start:run_end]
    following = tokens[run_end] if run_end < len(tokens) else None
    return (
        2 <= len(run) <= 3
        and run_start >= 2
        and tokens[run_start - 1].text == ","
        and following is not None
        and ((following.is_lower and following.text not in _LIST_WORDS) or following.text == ",")
        and all(t.text.isascii() and not t.text.isupper() and not is_vietnamese_syllable(t.text) for t in run)
        and not any(t.text in lexicon.company_words or t.text in lexicon.companies for t in run)
        and not lexicon.company_table.match(tokens, run_start)[0]
    )


def _ends_with_a_legal_form(title: str, lexicon: Lexicon) -> bool:
    """Whether a title ends with a company's legal form written as part of its name ("Công ty TNHH"):
    lower-case "công ty" is a common noun, and "Chủ tịch công ty Kenji Mori" names the person."""
    return any(title.endswith(" " + head) for head in lexicon.legal_form_heads if head[0].isupper())


def _named_after_a_site(tokens: list[Token], name_start: int) -> bool:
    """Whether a site or street word stands right before the name: it is the site's name, not a person."""
    return any(
        " ".join(t.text for t in tokens[name_start - length : name_start]) in _SITE_WORDS
        for length in (1, 2, 3, 4)
        if name_start - length >= 0
    )


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
    return named and title_ends_at(tokens, run_start, lexicon)


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
    return start < end - 1 and surname_suffix(tokens, start, end, lexicon, ()) is not None


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


def _place_before(tokens: list[Token], start: int, place_spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a place name that began before tokens[start] runs into it ("Bà Rịa")."""
    first = tokens[start].start
    return any(s < first < e for s, e in place_spans)


def promote_foreign_single_names(
    people: list[PersonMatch], shorts: list[ShortReference]
) -> tuple[list[PersonMatch], list[ShortReference]]:
    """ "bà Mei, Tổng Giám đốc ...": a one-word name that is no Vietnamese syllable and shortens
    nobody's full name is the person's whole name. The first such mention with a title (or the
    first at all) becomes the person; the others stay short references to it. Before that, a second
    written form of a full name ("ông E. Bower", "Yuji Kuroiwa" after "Kuroiwa Yuji") becomes a
    short reference to it.
    """
    people, shorts = _variants_as_short_references(people, shorts)
    promoted: dict[str, PersonMatch] = {}
    for short in shorts:
        if short.name in promoted or is_vietnamese_syllable(short.name):
            continue
        if any(short.name in (p.full_name.split()[0], p.full_name.split()[-1]) for p in people):
            continue
        mentions = [s for s in shorts if s.name == short.name]
        chosen = next((s for s in mentions if s.title), mentions[0])
        if chosen.written_in_full:  # "Eric Shen ... ông Shen": the full name, every "ông Shen" a mention of it
            name, start, end = chosen.written_in_full
            promoted[short.name] = PersonMatch(name, start, end, chosen.title, chosen.title_spans)
            continue
        promoted[short.name] = PersonMatch(chosen.name, chosen.start, chosen.end, chosen.title, chosen.title_spans)
    if not promoted:
        return people, shorts
    chosen_starts = {p.start for p in promoted.values()}
    return (
        sorted([*people, *promoted.values()], key=lambda p: p.start),
        [s for s in shorts if s.start not in chosen_starts],
    )


def _written_in_full(body: str, family_name: str, lexicon: Lexicon) -> tuple[str, int, int] | None:
    """The first "Eric Shen" of the body for "ông Shen": translated news often names a foreigner in
    full once without "ông"/"bà" ("thương gia Mỹ Eric Shen") and with the honorific and family name
    after. One or two Latin given names, each capitalized, with no capitalized word before them (a
    longer run is a company or a place: "Global Pacific Aluminum Shen")."""
    pattern = _full_name_pattern(family_name)
    searched = 0  # the regex has no literal start: try it only in a window before each "Shen"
    for occurrence in re.finditer(re.escape(family_name), body):
        end = occurrence.end()
        window = pattern.finditer(body, max(searched, occurrence.start() - _GIVEN_NAMES_REACH), end + 1)
        match = next((m for m in window if m.end() == end), None)
        if match is None:
            continue
        searched = end
        given = match.group(0).split()[:-1]
        before = body[max(0, match.start() - _GIVEN_NAMES_REACH) : match.start()].split()[-1:]
        if before and before[0][:1].isupper() and before[0][-1:].isalpha():
            continue
        if any(
            w in lexicon.honorifics or w in lexicon.company_words or w in lexicon.companies or is_vietnamese_syllable(w)
            for w in given
        ):
            continue
        return match.group(0), match.start(), match.end()
    return None


# Two given names of the form "Jean-Pierre" fit in this many characters, with room to spare.
_GIVEN_NAMES_REACH = 64


@lru_cache(maxsize=256)
def _full_name_pattern(family_name: str) -> re.Pattern[str]:
    """One or two capitalized Latin given names and the family name, ending where it ends (the end
    of the searched window is the character after it, so the look-ahead sees it)."""
    return re.compile(rf"(?<![\w.])(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)? ){{1,2}}{re.escape(family_name)}(?![\w-])")


def _variants_as_short_references(
    people: list[PersonMatch], shorts: list[ShortReference]
) -> tuple[list[PersonMatch], list[ShortReference]]:
    """A second written form of a name already found becomes a mention of that person:

    - initials for given names the article wrote out: "ông E. Bower" after "ông Ernest Bower";
    - the same two or three foreign words in the other order: "Kuroiwa Yuji" and "Yuji Kuroiwa"
      (Japanese and Korean names are written family name first or last, often in one article);
    - a Korean name cut at the hyphen of its given name: "Park Ji-won" written "Park Ji – won"
      reads as "Park Ji".

    The later form goes; the first written stays the contact.
    """
    full_names = [p.full_name for p in people]
    hyphenated = _hyphen_prefixes(full_names)
    demoted: dict[int, ShortReference] = {}
    for person in people:
        owner = (
            _initialed_owner(person.full_name, full_names)
            or _reversed_owner(person, people)
            or _hyphenated_owner(person.full_name, hyphenated)
        )
        if owner is not None:
            # named by the owner's last word, so `attach_short_references` finds the owner
            demoted[person.start] = ShortReference(
                owner.split()[-1], person.start, person.end, person.title, person.title_spans
            )
    if not demoted:
        return people, shorts
    return [p for p in people if p.start not in demoted], sorted([*shorts, *demoted.values()], key=lambda s: s.start)


def _initialed_owner(name: str, full_names: list[str]) -> str | None:
    initials, _, rest = name.rpartition(". ")
    letters = initials.replace(".", " ").split()
    if not rest or not letters or any(len(letter) != 1 or not letter.isupper() for letter in letters):
        return None
    owners = {
        other
        for other in full_names
        if other != name
        and other.endswith(" " + rest)
        and [w[0] for w in other[: -len(rest) - 1].split()][: len(letters)] == letters
    }
    return owners.pop() if len(owners) == 1 else None


def _hyphen_prefixes(full_names: list[str]) -> dict[str, set[str]]:
    """Each cut of a name's last word at a hyphen ("Park Ji" of "Park Ji-won") → the names cut so:
    one pass, so a long article's hundreds of names are not compared pair by pair."""
    prefixes: dict[str, set[str]] = {}
    for name in full_names:
        last_word = name.rfind(" ") + 1
        for at, char in enumerate(name[last_word:], last_word):
            if char == "-":
                prefixes.setdefault(name[:at], set()).add(name)
    return prefixes


def _hyphenated_owner(name: str, hyphenated: dict[str, set[str]]) -> str | None:
    owners = hyphenated.get(name, set())
    return next(iter(owners)) if len(owners) == 1 else None


def _reversed_owner(person: PersonMatch, people: list[PersonMatch]) -> str | None:
    words = person.full_name.split()
    if not 2 <= len(words) <= 3 or any(is_vietnamese_syllable(w) for w in words):
        return None
    turned = " ".join(reversed(words))
    return next((p.full_name for p in people if p.full_name == turned and p.start < person.start), None)


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
