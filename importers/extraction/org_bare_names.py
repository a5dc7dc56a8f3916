"""Companies written by their bare name: a listed one ("Samsung", "Hòa Phát") or a run of capitalized
Latin words that is no Vietnamese ("Comture", "Warburg Pincus", "PTT"), with its place and legal form.

Most capitalized Latin runs in the news are no company: people ("Paul Otellini"), places ("tại
Boston"), products ("Samsung Galaxy S8"), buildings and projects ("khách sạn Melia"), events.
"""

from __future__ import annotations

import re

from importers.extraction.lexicon import Lexicon
from importers.extraction.org_context import (
    COMPANY_ENDS,
    LATIN_CONNECTORS,
    LIMITED,
    NAME_SYMBOLS,
    OrganizationContext,
    company_suffix_end,
    foreign_word,
    latin_name_token,
)
from importers.extraction.org_credits import credited_at
from importers.extraction.person_names import is_vietnamese_syllable
from importers.extraction.tokens import Token

# Sentence-initial Vietnamese words written without diacritics, no part of a name after them.
_LEADING_WORDS = frozenset({"Tuy", "Con", "Nhu", "Ngoai"})
# A word before a bare Latin name that makes it a place: "tại Boston", "bang Texas", "thủ đô Paris".
_PLACE_BEFORE = frozenset({"tại", "ở", "bang", "thủ đô", "thành phố", "tỉnh", "vùng", "đảo", "quận", "tới", "đến"})
# Tokens of a Latin name after its known start: the longest real ones have about ten ("Imathia
# Construccion S.L"); tried from every word of a run of thousands ("A. A. A. ..."), an unbounded
# run made a sentence's cost quadratic.
_MAX_LATIN_RUN = 24
_MAX_DESCRIBING_WORDS = 6  # words between a thing word and its name: "cụm rạp chiếu phim đa năng Megastar"
_CODE = re.compile(r"^[A-Z]{1,5}-\d+[A-Z]?$")  # "KVT-1", "TGT-1X": a well, a block, a model
_INITIALS = re.compile(r"^[A-Z](?:\.[A-Z])+\.?$")  # "V.P", "H.V": an author's initials


def bare_name_end(tokens: list[Token], index: int, context: OrganizationContext) -> tuple[int, bool]:
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
        if latin_name_token(tokens, position, context):
            position += 1
        elif (
            tokens[position].text in LATIN_CONNECTORS
            and position > index
            and position + 1 < len(tokens)
            and latin_name_token(tokens, position + 1, context)
        ):
            position += 2  # "Bank of Tokyo"
        elif _legal_form_period(tokens, position, context):
            position += 1  # "Luxstay Pte. Ltd", "Imathia Construccion S.L"
        elif _html_ampersand(tokens, position) and position > index and latin_name_token(tokens, position + 3, context):
            position += 4  # "Procter &amp; Gamble": an ampersand as a web page escapes it
        elif (
            tokens[position].text in NAME_SYMBOLS
            and position > index
            and position + 1 < len(tokens)
            and latin_name_token(tokens, position + 1, context)
            and not (known and context.lexicon.company_table.match(tokens, position + 1)[0])
        ):
            position += 2  # "Kaida Tools & Parts"; "Samsung - Apple" are two listed companies
        else:
            break
    if position == index:
        return (0, False)
    run = tokens[index:position]
    lexicon = context.lexicon
    if country_prefix and (
        (run[-1].text not in context.lexicon.company_words and _title_ends_at(tokens, index, context))
        or not any(foreign_word(t.text) for t in run[country_prefix:])
        or " ".join(t.text for t in run) in context.lexicon.bare_stop
    ):
        return (position, False)  # "Thủ tướng Malaysia Mahathir": a country and a person; "VN Xem": no name
    if not known:
        written = " ".join(t.text for t in run)
        before = tokens[index - 1].text if index > 0 else ""
        if not any(foreign_word(t.text) for t in run):
            return (0, False)
        if all(t.text in COMPANY_ENDS | LIMITED | {"LLC", "Corp"} for t in run):
            return (position, False)  # "Ltd." cut off from its name by the sentence splitter
        if credited_at(tokens, index):
            return (position, False)  # "Ảnh: Reuters": a photo credit
        if index >= 2 and before == ":" and _title_ends_at(tokens, index - 1, context):
            return (position, False)  # "CEO: SOICHI TAJIMA": a person under a labelled position
        if len(run) == 1 and run[0].text.rstrip(".") in lexicon.academic_words:
            return (position, False)  # "GS. Nguyễn Mại": a degree
        if written in lexicon.bare_stop or before in lexicon.honorifics or before.lower() in _PLACE_BEFORE:
            return (position, False)  # "Big Data"; "ông Otellini": a person; "tại Boston": a place
        if (
            all(t.text in context.person_words for t in run)
            or (len(run) <= 3 and run[-1].text in context.person_words)  # "Paul Otellini", later "ông Otellini"
            or _thing_word_further_back(tokens, index, context, lexicon.thing_words)
            or _thing_word_further_back(tokens, index, context, lexicon.person_nouns)
            or _names_something_else(run, tokens, position, context)
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
        if position < len(tokens) and tokens[position].text in COMPANY_ENDS | LIMITED:
            position += 1  # "Panasonic AVC Networks Vietnam Co."
    return (company_suffix_end(tokens, position), True)


def _title_ends_at(tokens: list[Token], index: int, context: OrganizationContext) -> bool:
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


def _latin_country_prefix(tokens: list[Token], index: int, context: OrganizationContext) -> int:
    """Length of a country written in Latin letters that starts a bare name ("Vietnam Partners LLC"), or 0."""
    place = next((p for p in context.place_index.starting_at(tokens[index].start) if p.text.isascii()), None)
    if place is None:
        return 0
    length = 0
    while index + length < len(tokens) and tokens[index + length].end <= place.end:
        length += 1
    following = index + length
    if following < len(tokens) and latin_name_token(tokens, following, context):
        return length
    return 0


def _thing_word_further_back(
    tokens: list[Token], index: int, context: OrganizationContext, words_before: frozenset[str]
) -> bool:
    """Whether a thing word (or a person's trade) stands before the name behind words describing it:
    lower-case ones ("căn hộ cao cấp Waterina", "cụm rạp chiếu phim đa năng Megastar"), a place
    ("khu du lịch Sài Gòn Atlantis", "văn hào Đức Wolfgang von Goethe") or an item listed before
    it ("khách sạn Kim Đô và Eden")."""
    lexicon = context.lexicon
    position = index
    while position > 0 and index - position < _MAX_DESCRIBING_WORDS:
        if _thing_word_of_its_own(tokens, position, lexicon, words_before):
            return True
        previous = tokens[position - 1]
        if previous.is_capitalized and is_vietnamese_syllable(previous.text) and not previous.text.isupper():
            position -= 1  # a Vietnamese name before the Latin one: "khu du lịch Sài Gòn Atlantis", "nhà văn Pháp X"
            continue
        if previous.text == "và" and position >= 2 and tokens[position - 2].is_capitalized:
            position -= 2  # "khách sạn Kim Đô và Eden": walk back over the item before
            while position > 0 and tokens[position - 1].is_capitalized and tokens[position - 1].is_word:
                position -= 1
            continue
        if not (previous.is_word and previous.is_lower and is_vietnamese_syllable(previous.text)):
            return False
        if previous.text in lexicon.stop_words or _lower_head_ends_at(tokens, position, lexicon):
            return False  # "của", "do"; "công ty X": the company's own name
        position -= 1
    return False


def _lower_head_ends_at(tokens: list[Token], position: int, lexicon: Lexicon) -> bool:
    """Whether a head written in lower case ("công ty", "hãng") ends right before tokens[position]."""
    return any(
        lexicon.lower_heads.match(tokens, start)[0] == position - start
        for start in range(max(0, position - 3), position)
    )


def _thing_word_of_its_own(tokens: list[Token], position: int, lexicon: Lexicon, words_before: frozenset[str]) -> bool:
    """Whether a thing word ends before tokens[position] and describes no company named with a head
    before it: "hãng xe hơi Ford" names the carmaker, "dòng xe hơi Ford" its cars."""
    for length in range(1, 4):
        start = position - length
        if start < 0:
            return False
        words = " ".join(t.key or t.text for t in tokens[start:position]).lower()
        if words in words_before:
            return not _lower_head_ends_at(tokens, start, lexicon) and not any(
                lexicon.org_heads.match(tokens, s)[0] == start - s for s in range(max(0, start - 3), start)
            )
    return False


def _names_something_else(run: list[Token], tokens: list[Token], end: int, context: OrganizationContext) -> bool:
    """Whether a bare Latin run (no listed company) is no company by its own shape:

    - a single letter ("hạng B") or initials only ("V.P", a byline);
    - a code of letters, a dash and digits ("lô KVT-1", "giếng TGT-1X"): wells, blocks, models;
    - an acronym glossed by lower-case words in brackets ("AMF (air flow meter)"): a technical term;
    - a name ending with a word for a building, street or resort ("International Plaza", "Anson
      Road", "Lien Resort"): a place, unless a legal form follows.
    """
    first = run[0].text
    if len(run) == 1 and (len(first) == 1 or _INITIALS.match(first)):
        return True
    if len(run) == 1 and _CODE.match(first):
        return True
    if (
        len(run) == 1
        and first.isupper()
        and end + 1 < len(tokens)
        and tokens[end].text == "("
        and tokens[end + 1].is_lower
        and tokens[end + 1].text.isascii()
    ):
        return True
    legal_form_after = end < len(tokens) and tokens[end].text in COMPANY_ENDS | LIMITED
    return len(run) > 1 and run[-1].text in context.lexicon.facility_words and not legal_form_after


def _product_end(tokens: list[Token], position: int, context: OrganizationContext) -> int:
    """End of a product's name after its maker: the line and its model words ("Galaxy S8", "Civic
    Type R"), Latin words and numbers only."""
    while position < len(tokens) and (
        latin_name_token(tokens, position, context) or tokens[position].text in context.lexicon.product_lines
    ):
        position += 1
    return position


def _html_ampersand(tokens: list[Token], position: int) -> bool:
    """Whether tokens[position:position + 3] is "&amp;" and a word follows."""
    return (
        position + 3 < len(tokens)
        and tokens[position].text == "&"
        and tokens[position + 1].text == "amp"
        and tokens[position + 2].text == ";"
    )


def _legal_form_period(tokens: list[Token], position: int, context: OrganizationContext) -> bool:
    """Whether tokens[position] is the period of an abbreviated legal form inside a name ("Pte." "S.L")."""
    return (
        0 < position < len(tokens) - 1
        and tokens[position].text == "."
        and tokens[position].start == tokens[position - 1].end
        and (tokens[position - 1].text in COMPANY_ENDS or len(tokens[position - 1].text) == 1)
        and tokens[position + 1].text in (LIMITED | COMPANY_ENDS | {"L", "A", "V"})
    )


def _numbered_event_after(tokens: list[Token], end: int) -> bool:
    """ "lần thứ 22" within a few words after a name: the name is an event's."""
    for position in range(end, min(len(tokens) - 1, end + 5)):
        if tokens[position].text == "lần" and tokens[position + 1].text == "thứ":
            return True
    return False
