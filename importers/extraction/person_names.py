"""The shape of a personal name: Vietnamese syllables, capitalized name words, surnames, Latin names.

Kept apart from the rules that anchor a person (`people`) and read a title (`person_titles`):
places and organizations ask the same questions ("is this a Vietnamese syllable?").
"""

from __future__ import annotations

import re

from importers.extraction.lexicon import Lexicon
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


# An initial glued to a family name, as the press writes foreign names: "V.Volodin", "H.Marsh".
_INITIAL_AND_NAME = re.compile(r"^[A-Z]\.[A-Z][a-z]{2,}$")
_DIGIT_OR_DOT = re.compile(r"[\d.]")  # no name has them: "2025", "TP.HCM"


# Vowels that never end a Vietnamese syllable: "ă" needs a final consonant ("Văn", "Đắc"), "â" one or
# a glide ("Tân", "Châu"). A name ending in "Thă" was cut mid-word.
_OPEN_VOWEL_END = re.compile(r"[ăằắẳẵặ](?![cmnpt])|[âầấẩẫậ](?![cmnptuy])")


def is_vietnamese_syllable(word: str) -> bool:
    match = _SYLLABLE.match(strip_diacritics(word).lower())
    return match is not None and match["vowels"] in _VOWELS


def is_name_token(token: Token) -> bool:
    """A capitalized word that can be part of a personal name (not "UBND", "TP.HCM", "2025")."""
    text = token.text
    if not text[0].isupper() or (len(text) > 1 and text.isupper()):
        return False
    return _DIGIT_OR_DOT.search(text) is None or _INITIAL_AND_NAME.match(text) is not None


def middle_initial_dot(tokens: list[Token], index: int) -> bool:
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


def surname_suffix(
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


def latin_name_start(
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
    start = _past_a_vietnamese_word(tokens, start, run_end)
    if start == run_start:
        company, _ = lexicon.company_table.match(tokens, run_start)
        if company:
            start = run_start + company
        elif run_start > 0 and phrase_start_covering(tokens, run_start - 1, lexicon, heads_only=True) is not None:
            start = run_end - 2 if run_end - run_start >= 3 else run_end
        elif (
            run_start > 1
            and tokens[run_start - 1].is_lower
            and not tokens[run_start - 2].is_capitalized  # "Bộ trưởng Tài chính Arun Jaitley" goes on
            and not title_ends_at(tokens, run_start, lexicon)
        ):
            return None  # "lãnh đạo Warburg Pincus": a lower-case word before a firm's name
        last_firm_word = max((i for i in range(start, run_end) if tokens[i].text in lexicon.company_words), default=-1)
        start = max(start, last_firm_word + 1)  # "Chủ tịch New York Life Frederick J. Dievert"
    names = [t for t in tokens[start:run_end] if t.text != "."]
    words = len(names) + sum(1 for t in names if _INITIAL_AND_NAME.match(t.text))  # "V.Volodin" is two
    if not 2 <= words <= 4:
        return None
    if all(is_vietnamese_syllable(t.text) for t in names) and not _romanized_after_a_place(
        names, tokens, start, lexicon, place_spans
    ):
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


def title_ends_at(tokens: list[Token], index: int, lexicon: Lexicon, *, any_case: bool = False) -> bool:
    """Whether a title written with its capital ("Tổng thống", "Chủ tịch") ends right before tokens[index]."""
    table = lexicon.titles_any_case if any_case else lexicon.titles
    for start in range(max(0, index - 6), index):
        length, _ = table.match(tokens, start)
        if length and start + length == index:
            return True
    return False


def _latin_word(token: Token) -> bool:
    return token.text == "." or (is_name_token(token) and token.text.isascii())


def _in_spans(token: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= token.start < e for s, e in spans)


def phrase_start_covering(
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


def _past_a_vietnamese_word(tokens: list[Token], start: int, run_end: int) -> int:
    """Where a foreign name starts after a Vietnamese word that ends what stands before it: in "Bộ
    trưởng Bộ Phát triển kinh tế Nga Maksim Oreshkin", "Thủ tướng Anh Tony Blair", the country.

    Only when every word after it is foreign: Korean names are Vietnamese syllables ("Han Myoung-Sup").
    """
    rest = tokens[start + 1 : run_end]
    if (
        len(rest) >= 1
        and is_vietnamese_syllable(tokens[start].text)
        and all(t.text == "." or not is_vietnamese_syllable(t.text) for t in rest)
        and sum(2 if _INITIAL_AND_NAME.match(t.text) else 1 for t in rest if t.text != ".") >= 2
    ):
        return start + 1
    return start


def _romanized_after_a_place(
    names: list[Token], tokens: list[Token], start: int, lexicon: Lexicon, place_spans: tuple[tuple[int, int], ...]
) -> bool:
    """Whether words shaped like Vietnamese syllables but written without any diacritic, after a
    country or region, are a romanized foreign name: "Chủ tịch Ban X Singapore Teo Ming Kian".

    A Vietnamese name has its tone marks and starts with a listed surname.
    """
    return (
        start > 0
        and len(names) <= 3
        and _in_spans(tokens[start - 1], place_spans)
        and all(t.text.isascii() for t in names)
        and canonical_tones(names[0].text) not in lexicon.surnames
    )
