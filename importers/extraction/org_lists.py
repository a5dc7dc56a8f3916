"""Companies named bare in a list whose other members are recognised organizations.

"Liên doanh gồm 4 công ty (FPT, CMC, Hòa Phát và Sao Mai)": a list announced by a word for
companies, in brackets or after "như"/"gồm"/":", names companies only. Vietnamese firms are often
written by their bare name, which alone reads like a place or a person ("Sao Mai"); standing in
such a list beside names already recognised as organizations, they are companies too.
"""

from __future__ import annotations

from importers.extraction.org_context import OrganizationContext, in_person
from importers.extraction.org_records import OrganizationMatch, organization_match
from importers.extraction.tokens import Token

# Words for companies that announce the list, looked for just before its opener.
_COMPANY_NOUNS = frozenset({"công ty", "doanh nghiệp", "tập đoàn", "hãng", "nhà đầu tư", "đối tác"})
_OPENERS = frozenset({"(", ":", "như", "gồm", "là"})
_SEPARATORS = frozenset({",", "và"})
_CLOSERS = frozenset({")", ".", ";"})
_NOUN_DISTANCE = 4  # "6 công ty Việt Nam (": a count or a country may stand between noun and list
_MAX_ITEM_WORDS = 4
_MIN_KNOWN_ITEMS = 2


def list_mates(
    tokens: list[Token], found: list[OrganizationMatch], context: OrganizationContext
) -> list[OrganizationMatch]:
    """The bare items of company lists in the sentence that are not organizations yet."""
    added: list[OrganizationMatch] = []
    for opener, token in enumerate(tokens):
        if token.text in _OPENERS and _company_noun_before(tokens, opener):
            added += _unnamed_items(tokens, opener, found, context)
    return added


def _company_noun_before(tokens: list[Token], opener: int) -> bool:
    words = [t.text.lower() for t in tokens[max(0, opener - _NOUN_DISTANCE - 1) : opener]]
    pairs = {" ".join(words[i : i + length]) for length in (1, 2, 3) for i in range(len(words) - length + 1)}
    return bool(pairs & _COMPANY_NOUNS)


def _unnamed_items(
    tokens: list[Token], opener: int, found: list[OrganizationMatch], context: OrganizationContext
) -> list[OrganizationMatch]:
    items = _items(tokens, opener + 1)
    if len(items) < 3:
        return []
    spans = {(o.start, o.end) for o in found}
    known = [(s, e) for s, e in items if (tokens[s].start, tokens[e - 1].end) in spans]
    if len(known) < _MIN_KNOWN_ITEMS:
        return []
    added = []
    for start, end in items:
        first, last = tokens[start], tokens[end - 1]
        if (first.start, last.end) in spans or any(o.start < last.end and first.start < o.end for o in found):
            continue
        if any(in_person(context, t) for t in tokens[start:end]) or _a_place(first.start, last.end, context):
            return []  # a place or a person in the list: it is not a list of companies
        name = context.body[first.start : last.end]
        added.append(organization_match(name, "company", first.start, last.end, "", context))
    return added


def _items(tokens: list[Token], start: int) -> list[tuple[int, int]]:
    """The items ([start, end) token ranges) of "A, B C và D" from `start`, or [] when the run is no
    list of capitalized names ending at a closer or the sentence's end."""
    items: list[tuple[int, int]] = []
    position = start
    while position < len(tokens):
        item_end = position
        while item_end < len(tokens) and _name_word(tokens[item_end], item_end == position):
            item_end += 1
        if item_end == position or item_end - position > _MAX_ITEM_WORDS:
            return []
        items.append((position, item_end))
        if item_end >= len(tokens) or tokens[item_end].text in _CLOSERS:
            return items
        if tokens[item_end].text not in _SEPARATORS:
            return []
        position = item_end + 1
    return []


def _name_word(token: Token, first: bool) -> bool:
    """A capitalized word, or a number after one ("May 10")."""
    return token.is_word and (token.is_capitalized or (not first and token.text.isdigit()))


def _a_place(start: int, end: int, context: OrganizationContext) -> bool:
    return any(p.start < end and start < p.end for p in context.places)
