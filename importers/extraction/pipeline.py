"""The extract step: one cleaned article in, everything the rules found out.

The order matters and is the reason this module exists: people are found before places (so
"Nguyễn Lộc Hà" is not the place "Hà"), places before organizations (a name ends after
"Quảng Châu", and a place decides an organization's country), organizations and the names of
laws and events before sectors (their words are not the article's statements), and all of them
before opportunities, which join them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from importers.cleaning import caption_lines
from importers.extraction.amounts import find_amounts
from importers.extraction.article_leads import find_leads, merge_leads
from importers.extraction.dates import find_dates
from importers.extraction.gazetteer import Gazetteer, load_gazetteer
from importers.extraction.investors import own_name
from importers.extraction.lexicon import Lexicon, load_lexicon
from importers.extraction.local_bodies import WrittenPlace, qualify_local_bodies
from importers.extraction.opportunities import OpportunityInputs, PersonMention
from importers.extraction.organizations import (
    OrganizationMatch,
    find_organizations,
    organization_key,
    person_name_words,
)
from importers.extraction.people import (
    PersonMatch,
    ShortReference,
    attach_short_references,
    find_people,
    promote_foreign_single_names,
)
from importers.extraction.places import match_places, places_found, scan_place_names
from importers.extraction.sectors import SectorHit, quoted_and_named_spans, sector_hits, sectors_found
from importers.extraction.sentences import sentence_at, split_sentences
from importers.extraction.spans import SpanIndex
from importers.extraction.tokens import tokenize
from importers.types import (
    ArticleExtraction,
    ContactFound,
    Mention,
    OpportunityFound,
    OrganizationFound,
    ParsedArticle,
    Sentence,
)
from leads.text import normalize_name

T = TypeVar("T")


def extract_article(article: ParsedArticle, gazetteer: Gazetteer | None = None) -> ArticleExtraction:
    """Run every extraction rule over the article; all offsets point into `article.body`.

    A title that is not the body's first line is read too (titles often state the interest
    the lead repeats): what only the title names is added without mentions, and an opportunity
    only the title states has the title as evidence with an empty span at offset 0.
    """
    gazetteer = gazetteer or load_gazetteer()
    captions = caption_lines(article.raw_text) if article.raw_text else frozenset()
    title = article.title.strip()
    if not title or article.body.startswith(title):
        return _extract_text(article, gazetteer, captions)
    in_title = tuple(
        WrittenPlace(m.text, m.place) for m in match_places(title, gazetteer) if m.place.is_vietnamese
    )  # the article's provinces, for bodies named without theirs
    extraction = _extract_text(article, gazetteer, captions, elsewhere=in_title, title_provinces=in_title, title=title)
    in_body = tuple(
        WrittenPlace(m.text, gazetteer.places_by_slug[p.slug])
        for p in extraction.places
        if p.country == "VN" and p.slug in gazetteer.places_by_slug
        for m in p.mentions
    )
    from_title = _extract_text(replace(article, body=title), gazetteer, frozenset(), elsewhere=in_body)
    return _merge_title(extraction, from_title)


def _merge_title(extraction: ArticleExtraction, from_title: ArticleExtraction) -> ArticleExtraction:
    """Add what only the title names, without offsets (they would point into the title)."""
    title = Sentence(start=0, end=0, text=from_title.article.body)
    return replace(
        extraction,
        places=extraction.places + _only_new(from_title.places, extraction.places, lambda p: p.slug, mentions=()),
        sectors=extraction.sectors + _only_new(from_title.sectors, extraction.sectors, lambda s: s.slug, mentions=()),
        organizations=extraction.organizations
        + _only_new(from_title.organizations, extraction.organizations, lambda o: normalize_name(o.name), mentions=()),
        contacts=extraction.contacts
        + _only_new(from_title.contacts, extraction.contacts, lambda c: normalize_name(c.full_name), mentions=()),
        opportunities=_with_title_leads(extraction.opportunities, from_title.opportunities, title),
    )


def _with_title_leads(
    body: tuple[OpportunityFound, ...], titled: tuple[OpportunityFound, ...], title: Sentence
) -> tuple[OpportunityFound, ...]:
    """The body's leads, each completed by the title's lead of the same investor (a headline often
    states the furthest step: "X nhận giấy phép"), then the title's leads the body does not state.

    The title names the investor but often not the province the body gives, so the same
    investor is the same lead whatever province the title's lead has. The title is the first
    sentence stating it, so it is the evidence (an empty span at offset 0), the body's sentences
    further evidence.
    """

    def key_of(lead: OpportunityFound) -> str:  # "Sunrise" in the title is "Tập đoàn Sunrise" in the body
        return own_name(lead.organization) if lead.organization else lead.origin_slug or lead.origin

    by_who = _headline_names({key_of(o): o for o in titled}, {key_of(o) for o in body if o.organization})
    leads = []
    used: set[str] = set()
    for lead in body:
        who = key_of(lead)
        headline = by_who.get(who)
        if headline is None:
            leads.append(lead)
            continue
        used.add(who)
        merged = merge_leads(lead, replace(headline, evidence=lead.evidence, other_evidence=()))
        sectors = tuple(dict.fromkeys(headline.sectors + lead.sectors))  # the title is read first
        others = (lead.evidence, *lead.other_evidence)
        leads.append(replace(merged, sectors=sectors, evidence=title, other_evidence=others))
    only_title = tuple(replace(o, evidence=title) for who, o in by_who.items() if who not in used)
    return only_title + tuple(leads)


_COUNTRY_WORDS = frozenset({"vn", "việt", "nam"})


def _headline_names(by_who: dict[str, OpportunityFound], body_names: set[str]) -> dict[str, OpportunityFound]:
    """The title's leads keyed by the body's name of their investor: a headline shortens the name
    ("Sony VN" for "Công ty liên doanh điện tử Sony"), so a title's name all of whose words, less
    "VN" and "Việt Nam", are words of exactly one body investor's name is that investor."""
    keyed = dict(by_who)
    for who, lead in by_who.items():
        words = set(who.split()) - _COUNTRY_WORDS
        if who in body_names or not lead.organization or not words:
            continue
        matches = [name for name in body_names if words <= set(name.split())]
        if len(matches) == 1 and matches[0] not in keyed:
            keyed[matches[0]] = keyed.pop(who)
    return keyed


def _only_new(
    items: tuple[T, ...], existing: tuple[T, ...], key: Callable[[T], object], **changes: object
) -> tuple[T, ...]:
    """The `items` whose key is not among `existing`, with `changes` applied."""
    seen = {key(item) for item in existing}
    return tuple(replace(item, **changes) for item in items if key(item) not in seen)  # type: ignore[type-var]


def _extract_text(
    article: ParsedArticle,
    gazetteer: Gazetteer,
    captions: frozenset[str],
    elsewhere: tuple[WrittenPlace, ...] = (),
    title_provinces: tuple[WrittenPlace, ...] = (),
    title: str = "",
) -> ArticleExtraction:
    """Every rule over `article.body`; sentences on caption lines state no opportunity.

    `elsewhere`: the Vietnamese provinces the article writes outside this text (title or body);
    `title_provinces` and `title`: those of the title read apart from this body, and its text (a
    lead's last-resort target, also through a site the title names).
    """
    lexicon = load_lexicon()
    body = article.body
    sentences = split_sentences(body)
    tokens = {s.start: tokenize(s.text, s.start) for s in sentences}

    amounts = find_amounts(body)
    amount_spans = tuple((a.start, a.end) for a in amounts)  # "đô la Mỹ", "đô la Singapore": currencies
    names = scan_place_names(body, gazetteer)
    raw_places = match_places(body, gazetteer, exclude=amount_spans, names=names)
    # Names a person's name cannot start with: places, names of something else ("Thái Bình Dương"),
    # and place names of two words or more wherever they stand ("Chủ tịch Hiệp hội Khu công nghiệp
    # Vũ Hán": a site named after Wuhan, not a Mr Vũ).
    raw_spans = tuple((m.start, m.end) for m in raw_places) + tuple(
        (start, end) for start, end, form in names if form in gazetteer.not_places or " " in form
    )
    people: list[PersonMatch] = []
    shorts: list[ShortReference] = []
    raw_index = SpanIndex(raw_spans)
    for sentence in sentences:
        found, short = find_people(
            tokens[sentence.start], body, lexicon, tuple(raw_index.overlapping(sentence.start, sentence.end))
        )
        people += found
        shorts += short
    people, shorts = promote_foreign_single_names(people, shorts)
    person_spans = tuple((p.start, p.end) for p in people) + tuple((s.start, s.end) for s in shorts)
    places = match_places(body, gazetteer, exclude=person_spans + amount_spans, names=names)

    org_matches: list[OrganizationMatch] = []
    excluded: dict[int, list[tuple[int, int]]] = {}
    hits: dict[int, list[SectorHit]] = {}
    person_words = person_name_words(body, person_spans)
    place_index, person_index = SpanIndex(places), SpanIndex(person_spans)
    for sentence in sentences:
        sentence_orgs = find_organizations(
            tokens[sentence.start],
            body,
            lexicon,
            gazetteer,
            tuple(place_index.starting_in(sentence.start, sentence.end)),
            tuple(person_index.starting_in(sentence.start, sentence.end)),
            person_words=person_words,
        )
        org_matches += sentence_orgs
        excluded[sentence.start] = [(o.start, o.end) for o in sentence_orgs] + quoted_and_named_spans(
            tokens[sentence.start], body
        )
        hits[sentence.start] = sector_hits(sentence, excluded[sentence.start], gazetteer)

    org_matches = qualify_local_bodies(org_matches, places, sentences, body, gazetteer, lexicon, elsewhere)
    organizations, org_by_key = _organizations(org_matches, body, sentences)
    org_index = SpanIndex(org_matches)
    people = [_title_with_organizations(person, org_index, body) for person in people]
    contacts, person_mentions = _contacts(people, shorts, org_index, org_by_key, body, sentences, lexicon, gazetteer)
    opportunities = find_leads(
        OpportunityInputs(
            sentences=sentences,
            hits=hits,
            organizations=org_matches,
            places=places,
            people=person_mentions,
            amounts=amounts,
            excluded=excluded,
            captions=_caption_sentences(sentences, body, captions),
            body=body,
            tokens=tokens,
            title_provinces=tuple(written.place for written in title_provinces),
            title=title,
        ),
        gazetteer,
    )
    return ArticleExtraction(
        article=article,
        sentences=sentences,
        organizations=organizations,
        contacts=contacts,
        places=places_found(places, sentences),
        sectors=sectors_found([h for sentence in sentences for h in hits[sentence.start]]),
        amounts=amounts,
        dates=find_dates(body, article.published_on),
        opportunities=opportunities,
    )


def _caption_sentences(sentences: tuple[Sentence, ...], body: str, captions: frozenset[str]) -> frozenset[int]:
    """Starts of the sentences on caption lines (the lines are found once: a search back to the
    line's start from every sentence was quadratic on a long line)."""
    if not captions:
        return frozenset()
    line_starts = [0, *(match.end() for match in re.finditer("\n", body))]
    lines = body.split("\n")
    return frozenset(s.start for s in sentences if lines[bisect_right(line_starts, s.start) - 1] in captions)


def _organizations(
    matches: list[OrganizationMatch], body: str, sentences: tuple[Sentence, ...]
) -> tuple[tuple[OrganizationFound, ...], dict[str, OrganizationFound]]:
    """Group mentions by key; "Bộ X Việt Nam" joins "Bộ X"; "(FIA)" mentions join their organization."""
    groups: dict[str, list[OrganizationMatch]] = {}
    for match in matches:
        groups.setdefault(match.key, []).append(match)
    for key in list(groups):
        for suffix in (" vn", " viet nam"):
            if key.endswith(suffix) and key[: -len(suffix)] in groups:
                groups[key[: -len(suffix)]] += groups.pop(key)
                break
    found: dict[str, OrganizationFound] = {}
    for key, group in groups.items():
        group.sort(key=lambda m: m.start)
        spans = [(m.start, m.end) for m in group]
        for alias in dict.fromkeys(m.alias for m in group if m.alias):
            spans += _word_occurrences(body, alias, after=group[0].end)
        first = group[0]
        found[key] = OrganizationFound(
            name=first.name,
            kind=first.kind,
            country=first.country,
            mentions=tuple(Mention(s, e, body[s:e], sentence_at(sentences, s)) for s, e in sorted(set(spans))),
        )
    return tuple(found.values()), found


def _word_occurrences(body: str, word: str, after: int) -> list[tuple[int, int]]:
    """Offsets of `word` standing alone (an abbreviation used on its own later in the text)."""
    spans, position = [], body.find(word, after)
    while position != -1:
        end = position + len(word)
        before = body[position - 1] if position else " "
        following = body[end] if end < len(body) else " "
        if not before.isalnum() and not following.isalnum():
            spans.append((position, end))
        position = body.find(word, end)
    return spans


def _contacts(
    people: list[PersonMatch],
    shorts: list[ShortReference],
    org_matches: SpanIndex[OrganizationMatch],
    org_by_key: dict[str, OrganizationFound],
    body: str,
    sentences: tuple[Sentence, ...],
    lexicon: Lexicon,
    gazetteer: Gazetteer,
) -> tuple[tuple[ContactFound, ...], list[PersonMention]]:
    """One contact per full name: the first title written, the organization inside it, every mention.

    A person named with "ông"/"bà" and no position is still a contact (with an empty title):
    staff want every named participant; bylines and credits have no honorific and are not here.
    A position that implies its office ("Tổng Lãnh sự Việt Nam tại Quảng Châu") gives that
    office as the organization only when the article names it; no organization is invented.
    """
    mentions = attach_short_references(people, shorts)
    contacts: dict[str, ContactFound] = {}
    organization_of: dict[str, OrganizationMatch | None] = {}
    for person in people:
        known = contacts.get(person.full_name)
        if known is not None and known.title and not person.title.startswith(known.title + " "):
            continue  # the first title written, unless a later one spells it out ("Chủ tịch Hiệp hội ...")
        org = next(
            (o for s, e in person.title_spans for o in org_matches.within(s, e)),
            None,
        ) or _named_before(person, org_matches, body, lexicon)
        organization_of[person.full_name] = org
        name = org_by_key[_group_key(org, org_by_key)].name if org is not None else ""
        if not name and person.title:
            implied = _implied_name(person.title, lexicon)
            key = organization_key(implied, gazetteer, lexicon.abbreviations) if implied else ""
            name = org_by_key[key].name if key in org_by_key else ""
        contacts[person.full_name] = ContactFound(full_name=person.full_name, title=person.title, organization=name)
    # Mentions once each contact is settled (built per mention of a name, they made the cost quadratic).
    found = tuple(
        replace(
            contact,
            mentions=tuple(Mention(s, e, body[s:e], sentence_at(sentences, s)) for s, e in sorted(mentions[name])),
        )
        for name, contact in contacts.items()
    )
    body_mentions = [
        PersonMention(s, e, organization_of.get(name)) for name, spans in mentions.items() for s, e in spans
    ]
    return found, body_mentions


def _title_with_organizations(person: PersonMatch, org_matches: SpanIndex[OrganizationMatch], body: str) -> PersonMatch:
    """A title that stops inside an organization's name goes on to its end: the person rule stops
    at a comma, "Giám đốc Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch ..." does not."""
    spans = []
    for start, end in person.title_spans:
        inside = [o.end for o in org_matches.starting_in(start, end) if end < o.end]
        spans.append((start, max(inside, default=end)))
    if spans == list(person.title_spans):
        return person
    return replace(person, title=", ".join(body[s:e] for s, e in spans), title_spans=tuple(spans))


def _named_before(
    person: PersonMatch, org_matches: SpanIndex[OrganizationMatch], body: str, lexicon: Lexicon
) -> OrganizationMatch | None:
    """The organization a bare head in a title points back to.

    "... Hiệp hội Doanh nghiệp Thâm Quyến do bà Trương Lệ Hoa, Phó Chủ tịch Hiệp hội làm trưởng
    đoàn": "Hiệp hội" is the association just named.
    """
    if not person.title_spans:
        return None
    start, end = person.title_spans[0]
    tokens = tokenize(body[start:end], start)
    title, _ = lexicon.titles.match(tokens, 0)
    head, _ = lexicon.org_heads.match(tokens, title)
    if not title or not head or title + head != len(tokens):
        return None
    head_text = " ".join(t.text for t in tokens[title:]).lower()
    earlier = org_matches.latest_first_ending_by(start)
    return next((o for o in earlier if o.name.lower().startswith(head_text + " ")), None)


def _group_key(org: OrganizationMatch, org_by_key: dict[str, OrganizationFound]) -> str:
    """The key an organization match was grouped under (its own, or the one without "Việt Nam")."""
    if org.key in org_by_key:
        return org.key
    return next(k for k in org_by_key if org.key.startswith(k + " "))


def _implied_name(title: str, lexicon: Lexicon) -> str:
    """ "Tổng Lãnh sự Việt Nam tại Quảng Châu" → "Tổng Lãnh sự quán Việt Nam tại Quảng Châu"."""
    for position, organization in sorted(lexicon.title_organizations.items(), key=lambda i: -len(i[0])):
        rest = title[len(position) :]
        if title.startswith(position + " ") and rest.strip():
            return organization + rest
    return ""
