"""Who invests: the foreign firms of a sentence (their country from the text around their names, see
`nationality`), or firms of a stated country when no firm is named ("nhà đầu tư Singapore"), and
the spellings of one investor in one article ("Tập đoàn Samsung", "Samsung").

A Vietnamese-registered firm counts as foreign when its name is a foreign firm's or a joint
venture's ("Công ty TNHH Denso Việt Nam"); products, projects and outlets written with a capital
("dự án City Gate", "tờ Nikkei") are no investors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from importers.extraction.gazetteer import Place
from importers.extraction.lead_context import INVESTOR_KINDS, Investor, LeadContext
from importers.extraction.lexicon import cue_finder, load_lexicon
from importers.extraction.nationality import looks_foreign, stated_origin
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.sentences import sentence_at
from importers.types import Sentence

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_UNSTATED = Place(slug="", name="", kind="country", country="")  # a foreign firm whose country the text does not say


def sentence_investors(sentence: Sentence, context: LeadContext) -> list[Investor]:
    """The foreign organizations of the sentence, or else the countries whose firms it speaks of."""
    inputs = context.inputs
    orgs = [
        o
        for o in context.orgs[sentence.start]
        if (o.kind in INVESTOR_KINDS or o.name.startswith(("Ngân hàng", "Bệnh viện", "Cảng")))
    ]
    orgs = [o for o in orgs if not any(p is not o and p.start <= o.start and o.end <= p.end for p in orgs)]
    orgs = [o for o in orgs if not inputs.people_index.overlapping(o.start, o.end)]
    origins: dict[int, Place] = {}
    for position, org in enumerate(orgs):
        key = context.same_as.get(org.key, org.key)
        first = context.first_orgs.get(key, org)
        origin = _foreign_origin(first, context)
        if origin is None and not _vietnamese(first):
            origin = _foreign_origin(org, context)  # "Samsung" first, then "Samsung Display (Hàn Quốc)"
        if origin is not None:
            origins[position] = origin
    _listed_with_foreign(orgs, origins, inputs.body, context)
    found: list[Investor] = []
    for position, org in enumerate(orgs):
        origin = origins.get(position)
        if origin is None or _not_an_investor(org, inputs.body):
            continue
        key = context.same_as.get(org.key, org.key)
        found.append(
            Investor(
                context.first_names.get(key, org.name), key, origin if origin.country else None, org.start, org.end
            )
        )
    if found:
        return _without_subsidiaries(found)
    return _origin_investors(sentence, context)


def _without_subsidiaries(investors: list[Investor]) -> list[Investor]:
    """ "Tập đoàn Intel ... Intel Products Việt Nam ... Intel" in one sentence: one group, one lead (the
    group's; the evaluation and staff find the subsidiary through it)."""
    owns = {i.key: own_name(i.name) for i in investors}
    return [
        i
        for i in investors
        if not any(o.key != i.key and owns[o.key] and owns[i.key].startswith(owns[o.key] + " ") for o in investors)
    ]


def same_investors(organizations: list[OrganizationMatch], body: str = "") -> dict[str, str]:
    """Org key → the key of the firm first written that it names too.

    "Công ty Điện lực Nam Hàn Quốc (KOSPO)" then "KOSPO"; "Tập đoàn Samsung" then "Samsung";
    "Tập đoàn Ngân hàng ... Citigroup" then "Citigroup"; "Công ty Kỹ nghệ thực phẩm Việt Nam (Vifon)"
    then "Vifon" (a short name in brackets after it): the firm's own name, without its head
    and legal form, is the same or ends the earlier one. A subsidiary named with "Việt Nam"
    ("Canon Việt Nam") is its own firm only when it is written so; "Coca Cola Sabco" is not
    "Coca Cola" (the shorter name does not end the longer).
    """
    same: dict[str, str] = {}
    firms: list[tuple[str, str, str]] = []  # (key, own name, alias) of the firms first written
    for org in sorted(organizations, key=lambda o: o.start):
        if org.key in same:
            continue
        own = own_name(org.name)
        match = next(
            (
                key
                for key, earlier, alias in firms
                if own == earlier or (alias and own == alias.lower()) or (earlier.endswith(" " + own) and own)
            ),
            None,
        )
        if match is None:
            bracket = re.match(r"\s*\(([^()]{2,30})\)", body[org.end : org.end + 34]) if body else None
            firms.append((org.key, own, org.alias or (bracket.group(1).strip() if bracket else "")))
            same[org.key] = org.key
        else:
            same[org.key] = match
    return same


@lru_cache(maxsize=1)
def _heads_and_tails() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cues = load_lexicon().cues
    return (
        tuple(sorted((h.lower() for h in cues["investor_heads"]), key=len, reverse=True)),
        tuple(sorted((t.lower() for t in cues["investor_tails"]), key=len, reverse=True)),
    )


def own_name(name: str) -> str:
    """A firm's name without its head ("Tập đoàn", "Công ty TNHH") and legal form ("Co., Ltd")."""
    own = " ".join(name.lower().split())
    heads, tails = _heads_and_tails()
    for head in heads:
        if own.startswith(head.lower() + " "):
            own = own[len(head) + 1 :]
            break
    for tail in tails:
        if own.endswith(" " + tail):
            own = own[: -len(tail) - 1].rstrip(" ,")
            break
    return own


def _foreign_origin(org: OrganizationMatch, context: LeadContext) -> Place | None:
    """Where a firm is from when it is foreign (`_UNSTATED` when the text does not say), else None."""
    if org.start not in context.origins:
        context.origins[org.start] = _find_foreign_origin(org, context)
    return context.origins[org.start]


def _find_foreign_origin(org: OrganizationMatch, context: LeadContext) -> Place | None:
    near = context.places.get(_sentence_of(org, context), [])
    origin = stated_origin(org, context.inputs.body, tuple(near), context.gazetteer)
    if origin is not None and origin.country != "VN":
        return origin
    if not looks_foreign(org.name):
        return None
    if org.country == "VN" and not _tied_abroad(org):
        return None
    return _UNSTATED


def _listed_with_foreign(
    orgs: list[OrganizationMatch], origins: dict[int, Place], body: str, context: LeadContext
) -> None:
    """Firms listed with a foreign investor ("như Unocal, AIG, ACE") are foreign too, from the same
    country, unless the text makes them Vietnamese; `origins` is completed in place."""
    for order in (range(1, len(orgs)), range(len(orgs) - 2, -1, -1)):
        for position in order:
            if position in origins:
                continue
            neighbour = position - 1 if order.step == 1 else position + 1
            if neighbour not in origins:
                continue
            left, right = sorted((orgs[position], orgs[neighbour]), key=lambda o: o.start)
            first = context.first_orgs.get(context.same_as.get(orgs[position].key, orgs[position].key), orgs[position])
            gap = body[left.end : right.start].strip()
            if gap in (",", "và") and (first.name.isupper() or looks_foreign(first.name)):
                origins[position] = origins[neighbour]


def _sentence_of(org: OrganizationMatch, context: LeadContext) -> int:
    """The start of the sentence holding `org` (its places are the ones that can state its country)."""
    sentences = context.inputs.sentences
    return sentence_at(sentences, org.start).start if sentences else 0


def _vietnamese(org: OrganizationMatch) -> bool:
    """A firm the organization rule places in Việt Nam and whose name is Vietnamese ("Vifon" later is it too)."""
    return org.country == "VN" and not looks_foreign(org.name)


def canonical_names(inputs: OpportunityInputs, same: dict[str, str]) -> dict[str, str]:
    """Each organization name → the name first written of the firm it names ("Intel" → "Tập đoàn Intel");
    `same` is `same_investors` of the article's organizations."""
    first: dict[str, str] = {}
    for org in inputs.organizations:
        first.setdefault(same.get(org.key, org.key), org.name)
    return {org.name: first[same.get(org.key, org.key)] for org in inputs.organizations}


def not_investor_names(inputs: OpportunityInputs) -> frozenset[str]:
    """Names every mention of which is a product, project or outlet ("khu công nghiệp VSIP")."""
    names: dict[str, bool] = {}
    for org in inputs.organizations:
        names[org.name] = names.get(org.name, True) and _not_an_investor(org, inputs.body)
    return frozenset(name for name, never in names.items() if never)


_NOUN_WORDS = 6  # words before a name that may say what it names ("khu vui chơi giải trí Wonderful World")


def _not_an_investor(org: OrganizationMatch, body: str) -> bool:
    """A product, project, news outlet or the target of an investment written with a capital:
    "dự án City Gate", "tờ Nikkei", "đầu tư vào Luxstay"."""
    before = " ".join(body[max(0, org.start - 60) : org.start].split()[-_NOUN_WORDS:]).rstrip(" \"“‘'")
    headed = org.name.lower().startswith(_heads_and_tails()[0])  # "dự án Công ty TNHH X": the project's firm
    if not headed and any(before.endswith(noun) for noun in cue_finder("not_investor_before").values):
        return True
    after = body[org.end : org.end + 20]
    return any(after.lstrip().startswith(words) for words in cue_finder("not_investor_after").values)


def vietnamese_names(inputs: OpportunityInputs, among: set[str]) -> frozenset[str]:
    """Names of firms and bodies named in Vietnamese ("Ngân hàng Đầu tư và Phát triển Việt Nam") and not
    placed abroad: a lead of theirs whose origin the text does not state is no foreign investor's."""
    return frozenset(
        org.name
        for org in inputs.organizations
        if org.name in among
        and "liên doanh" not in org.name.lower()
        and (
            (org.country == "VN" and not _tied_abroad(org) and not _money_name(org))  # "VNG", "Vietnam Airlines"
            or (
                org.country == ""
                and not org.name.isupper()  # "AIG", "ACE": an acronym says nothing of its nationality
                and not looks_foreign(org.name)
            )
        )
    )


def _money_name(org: OrganizationMatch) -> bool:
    """A fund or investment firm ("Vietnam Opportunity Fund"): named for Việt Nam, it invests foreign money."""
    words = org.name.lower().split()
    return org.kind == "fund" or any(word in words for word in cue_finder("money_name_words").values)


def _tied_abroad(org: OrganizationMatch) -> bool:
    """A Vietnamese-registered company counts as foreign when its name is a foreign firm's
    ("Công ty TNHH Denso Việt Nam") or a joint venture's; a name in Vietnamese words ending in
    "Việt Nam" ("Công ty Kỹ nghệ thực phẩm Việt Nam") is a Vietnamese firm's."""
    lowered = org.name.lower()
    if "liên doanh" in lowered:
        return True
    return lowered.endswith((" việt nam", " vn", " vietnam")) and looks_foreign(org.name)


def _origin_investors(sentence: Sentence, context: LeadContext) -> list[Investor]:
    """ "nhà đầu tư Singapore", "một dự án của Hàn Quốc", "do Singapore đầu tư", or the country opening
    the sentence ("Australia muốn đầu tư ..."): firms of a country."""
    text = sentence.text
    if all(p.place.is_vietnamese or p.place.slug == "vn" for p in context.places[sentence.start]):
        return []
    nouns = cue_finder("origin_nouns").find(text, sentence.start)
    found: dict[str, Investor] = {}
    for place in context.places[sentence.start]:
        if place.place.is_vietnamese:
            continue
        if place.place.slug == "vn":
            continue
        before = text[: place.start - sentence.start].rstrip()
        before = before.removesuffix("của").removesuffix("từ").rstrip()
        subject = not before.strip(' -–:"“') or before.endswith(("Phía", "phía"))
        if not subject and not any(end - sentence.start == len(before) for _, end, _ in nouns):
            continue  # "Australia muốn đầu tư ...": the country as the subject; else firms of it
        key = f"origin:{place.place.slug}"
        found.setdefault(key, Investor("", key, place.place, place.start, place.end))
    if found and _between_others(sentence, context):
        return []
    return list(found.values())


def _between_others(sentence: Sentence, context: LeadContext) -> bool:
    """A cooperation of others ("Trung Quốc và ASEAN") with nothing pointing at Vietnam."""
    if not cue_finder("third_parties").find(sentence.text):
        return False
    if any(p.place.country == "VN" for p in context.places[sentence.start]):
        return False
    return not cue_finder("vietnam_references").find(sentence.text)
