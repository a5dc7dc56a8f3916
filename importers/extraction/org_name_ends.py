"""Where a headed organization name ends, and the short form written with it: "(FIA)", "(CIENCO 6)",
"- PVGas", a known acronym after the name ("Ngân hàng Thế giới WB"), a number ending a state firm's
name, "của Quốc hội" after a committee, a country glossed after a dash.
"""

from __future__ import annotations

from importers.extraction.lexicon import Lexicon
from importers.extraction.org_context import OrganizationContext
from importers.extraction.person_names import is_vietnamese_syllable
from importers.extraction.tokens import Token


def known_short_form_last(tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the name's last word is a known body's acronym written after a Vietnamese name of
    two words or more ("Ngân hàng Thế giới WB", "Quỹ Tiền tệ Quốc tế IMF"): the short form, not a
    part of the name ("Tập đoàn Dữ liệu Quốc tế IDG" keeps an acronym no list knows)."""
    return (
        end - start >= 3
        and tokens[end - 1].text in lexicon.known_bodies
        and all(is_vietnamese_syllable(t.text) for t in tokens[start : end - 1])
    )


def trailing_acronym(tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> int:
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


def of_the_national_assembly(tokens: list[Token], position: int) -> bool:
    """Whether "của Quốc hội" starts at tokens[position]."""
    return (
        position + 2 < len(tokens)
        and tokens[position].text == "của"
        and tokens[position + 1].text == "Quốc"
        and tokens[position + 2].text == "hội"
    )


def country_gloss_after_dash(tokens: list[Token], position: int, context: OrganizationContext) -> bool:
    """Whether a dash at `position` is followed by a country written in Vietnamese alone, then the end
    of the phrase: a gloss of where the body is from ("Ngân hàng BTMU – Nhật Bản")."""
    if position + 1 >= len(tokens) or tokens[position].text not in ("-", "–"):
        return False
    country = next(
        (
            p
            for p in context.place_index.starting_at(tokens[position + 1].start)
            if p.place.kind == "country" and not p.text.isascii()  # "Phương Anh - Korea" is the name itself
        ),
        None,
    )
    if country is None:
        return False
    after = next((i for i in range(position + 1, len(tokens)) if tokens[i].start >= country.end), len(tokens))
    return after == len(tokens) or not tokens[after].is_word


def abbreviation(tokens: list[Token], index: int) -> str:
    """ "FIA" when tokens[index:] is "( FIA )", "CIENCO 6" when it is "( CIENCO 6 )"."""
    if index + 2 < len(tokens) and tokens[index].text == "(":
        text = tokens[index + 1].text
        if not (2 <= len(text) <= 10 and text.replace("-", "").replace("&", "").isupper()):
            return ""
        if tokens[index + 2].text == ")":
            return text
        if index + 3 < len(tokens) and tokens[index + 3].text == ")" and number_ending_a_name(tokens, index + 2):
            return f"{text} {tokens[index + 2].text}"
    return ""


def number_ending_a_name(tokens: list[Token], position: int, *, after_name: bool = False) -> bool:
    """Whether tokens[position] is a number of one to three digits that closes a name: punctuation,
    "và" or the end of the sentence follows ("... Giao thông 6 (CIENCO 6)", "Tổng công ty 36,").
    `after_name`: the words before are a name already read (its last syllable may be lower case)."""
    token = tokens[position]
    if not (token.text.isdigit() and len(token.text) <= 3 and position > 0):
        return False
    if not (after_name or tokens[position - 1].is_capitalized):
        return False
    following = position + 1
    return following >= len(tokens) or not tokens[following].is_word or tokens[following].text == "và"
