"""The leads of one article: the steps of named investors' projects (`investments`) and the interests
stated at forums and meetings (`opportunities.find_opportunities`), joined into one lead per
investor and target.

Both rules may read the same investor and target, or the same sentence: that is one lead, the
project's, with the interest's sectors and sentences added and the furthest status of the two.
Governments, people and retold country-level stories are no investors of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.investments import find_investment_leads
from importers.extraction.investors import (
    canonical_names,
    not_investor_names,
    own_name,
    same_investors,
    vietnamese_names,
)
from importers.extraction.lead_status import done_status, status_hits
from importers.extraction.lexicon import cue_finder
from importers.extraction.opportunities import OpportunityInputs, find_opportunities
from importers.extraction.tokens import tokenize
from importers.types import OpportunityFound, Sentence
from leads.choices import STATUS_ORDER


def find_leads(inputs: OpportunityInputs, gazetteer: Gazetteer) -> tuple[OpportunityFound, ...]:
    """Every lead of one article: the steps of named investors' projects (`investments`) and the
    interests stated at forums and meetings (`find_opportunities`), one per investor and target.

    Both rules may find the same investor and target: that is one lead, the project's, with the
    interest's sectors and sentences added and the furthest status of the two. Firms of a country
    whose step a named firm of that country already reports for the same target ("những đề xuất
    này từ phía Quảng Châu" after "Hội Hữu nghị ... Quảng Châu đã đưa ra hai đề xuất") are that firm.
    """
    same = same_investors(inputs.organizations, inputs.body)
    steps = list(find_investment_leads(inputs, gazetteer, same))
    index = {_lead_key(lead): position for position, lead in enumerate(steps)}
    interests = []
    not_investors = not_investor_names(inputs)
    names = canonical_names(inputs, same)
    not_parties = _not_party_names(inputs)
    for lead in find_opportunities(inputs, gazetteer):
        if (not lead.organization and _called_by_host(lead.evidence, inputs)) or lead.organization in not_investors:
            continue
        if lead.organization in not_parties:
            if not lead.origin_slug:
                continue
            lead = replace(lead, organization="")  # "Chính phủ Tây Ban Nha mong muốn ...": firms of that country
        lead = replace(lead, organization=names.get(lead.organization, lead.organization))
        position = index.get(_lead_key(lead))
        if position is None and lead.organization and _inferred_province(lead, inputs):
            position = _same_statement(lead, steps)
        if position is None:
            interests.append(replace(lead, status=_stated_status(lead)) if lead.organization else lead)
            continue
        steps[position] = merge_leads(steps[position], lead)
    named = {(lead.origin_slug, lead.province_slug) for lead in steps + interests if lead.organization}
    steps = [s for s in steps if s.organization or (s.origin_slug, s.province_slug) not in named]
    carried = _carried_sectors(steps + interests, inputs)
    steps, interests = ([s for s in leads if not _retold(s, carried)] for leads in (steps, interests))
    unstated = {s.organization for s in steps + interests if s.organization and not s.origin_slug}
    vietnamese = vietnamese_names(inputs, unstated) if unstated else frozenset()
    kept = [s for s in steps + interests if not (s.organization in vietnamese and not s.origin_slug)]
    return tuple(sorted(_without_subsidiaries(_unique(kept)), key=lambda lead: lead.evidence.start))


def _inferred_province(lead: OpportunityFound, inputs: OpportunityInputs) -> bool:
    """Whether the interest's province is not written in its sentence (the article's only province,
    one named earlier): a guess that the step rule's reading of the same sentence overrides."""
    if not lead.province_slug:
        return False
    written = inputs.vietnamese_place_index.within(lead.evidence.start, lead.evidence.end)
    return all(p.place.slug != lead.province_slug for p in written)


def _same_statement(lead: OpportunityFound, steps: list[OpportunityFound]) -> int | None:
    """The step lead of the same named investor that reads the interest's own sentence: one sentence
    states one intention, and the step rule's target (it tells a dateline or the article's province
    from the project's) is kept over the interest rule's guess."""
    return next(
        (
            position
            for position, step in enumerate(steps)
            if step.organization == lead.organization
            and (step.evidence == lead.evidence or lead.evidence in step.other_evidence)
        ),
        None,
    )


def _carried_sectors(leads: list[OpportunityFound], inputs: OpportunityInputs) -> dict[str, set[str]]:
    """Each country a named company or fund of which has a lead → the sectors of those leads. An
    association or a local body ("Hội Hữu nghị ... Quảng Châu") speaks for its country's firms, whose
    interest stays a lead of its own."""
    firms = {org.name for org in inputs.organizations if org.kind in _FIRM_KINDS}
    carried: dict[str, set[str]] = {}
    for lead in leads:
        if lead.organization in firms and lead.origin_slug:
            carried.setdefault(lead.origin_slug, set()).update(lead.sectors)
    return carried


def _retold(lead: OpportunityFound, carried: dict[str, set[str]]) -> bool:
    """A lead of a country's firms ("các doanh nghiệp Nhật Bản") with no sector beyond those of a named
    firm of that country retells that firm's story: it is no second investor."""
    return not lead.organization and lead.origin_slug in carried and set(lead.sectors) <= carried[lead.origin_slug]


_FIRM_KINDS = frozenset({"company", "fund"})


def _unique(leads: list[OpportunityFound]) -> list[OpportunityFound]:
    """One lead per investor and target: a body turned into its country may meet that country's lead."""
    found: dict[tuple[str, str], OpportunityFound] = {}
    for lead in leads:
        key = _lead_key(lead)
        found[key] = merge_leads(found[key], lead) if key in found else lead
    return list(found.values())


# Bodies that speak for a country but invest nothing themselves: a government, a parliament, a ministry.
# (Associations and promotion agencies stay parties: the seeds' gold counts them, "Hội Hữu nghị ...".)
_NOT_PARTY_KINDS = frozenset({"government"})


def _not_party_names(inputs: OpportunityInputs) -> frozenset[str]:
    """Names every mention of which is a public body or association, or lies on a person's name
    ("ông Eric Shen"): no investor of its own."""
    names: dict[str, bool] = {}
    for org in inputs.organizations:
        person = bool(inputs.people_index.overlapping(org.start, org.end))
        names[org.name] = names.get(org.name, True) and (org.kind in _NOT_PARTY_KINDS or person)
    return frozenset(name for name, never in names.items() if never)


def _without_subsidiaries(leads: list[OpportunityFound]) -> list[OpportunityFound]:
    """A group and its subsidiary stated in one sentence toward one target ("Tập đoàn Intel ... Intel
    Products Việt Nam ..."): one lead, the group's."""
    owns = [own_name(lead.organization) if lead.organization else "" for lead in leads]
    return [
        lead
        for i, lead in enumerate(leads)
        if not any(
            j != i
            and owns[j]
            and owns[i].startswith(owns[j] + " ")
            and other.evidence == lead.evidence
            and other.province_slug == lead.province_slug
            for j, other in enumerate(leads)
        )
    ]


def _stated_status(lead: OpportunityFound) -> str:
    """A named party's interest that is a proposal ("đã đưa ra hai đề xuất", "đề nghị"): its first
    cue as a step (`lead_status.status_hits`), when that step is one reported as done."""
    sentence = lead.evidence
    cues = cue_finder("opportunity_cues").find(sentence.text, sentence.start)
    if not cues:
        return lead.status
    start = cues[0][0]
    hits = [h for h in status_hits(tokenize(sentence.text, sentence.start)) if h[0] <= start < h[1] and h[2]]
    status = done_status(sentence, hits[0]) if hits else lead.status
    return max((status, lead.status), key=STATUS_ORDER.index)


def _called_by_host(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether a country's interest is only a Vietnamese host's call: "Thủ tướng mong Đức sẽ hỗ trợ
    ...", "Việt Nam muốn thu hút nhà đầu tư ..." (a host before the cue; no firms and no
    foreign place before it)."""
    cues = cue_finder("opportunity_cues").find(sentence.text)
    if not cues:
        return False
    before = sentence.text[: cues[0][0]]
    cue_at = sentence.start + cues[0][0]
    before_cue = inputs.place_index.starting_in(sentence.start, cue_at)
    abroad = any(not p.place.is_vietnamese and p.place.slug != "vn" for p in before_cue)
    host = cue_finder("vietnamese_hosts").find(before)
    side = re.search(r"(?<!\w)phía\s+[A-ZĐ]", sentence.text)  # "đề nghị phía Singapore": the foreign side answers
    return bool(host) and not abroad and side is None and not cue_finder("business_nouns").find(before)


def _lead_key(lead: OpportunityFound) -> tuple[str, str]:
    return (lead.organization or f"origin:{lead.origin_slug}", lead.province_slug)


def merge_leads(kept: OpportunityFound, other: OpportunityFound) -> OpportunityFound:
    """`kept` with what `other` (the same investor and target) adds: sectors, sentences, a further
    status, and the facts `kept` lacks."""
    status = max((kept.status, other.status), key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else -1)
    sentences = [kept.evidence, other.evidence, *kept.other_evidence, *other.other_evidence]
    evidence = min(sentences[:2], key=lambda s: s.start)
    return replace(
        kept,
        evidence=evidence,
        sectors=tuple(dict.fromkeys(kept.sectors + other.sectors)),
        status=status,
        origin=kept.origin or other.origin,
        origin_slug=kept.origin_slug or other.origin_slug,
        site=kept.site or other.site,
        site_slug=kept.site_slug or other.site_slug,
        project=kept.project or other.project,
        value=kept.value if kept.value is not None else other.value,
        currency=kept.currency if kept.value is not None else other.currency,
        land_area_ha=kept.land_area_ha if kept.land_area_ha is not None else other.land_area_ha,
        jobs=kept.jobs if kept.jobs is not None else other.jobs,
        other_evidence=tuple(s for s in dict.fromkeys(sentences) if s != evidence),
    )
