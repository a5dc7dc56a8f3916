"""Investment news: what a named foreign investor's project went through, as one lead per target.

Most foreign-investment news is not an interest stated at a forum but a step of a named
company's project: a licence ("được cấp giấy chứng nhận đầu tư"), a proposal or survey ("đề
xuất", "xin phép", "khảo sát"), an MOU or contract ("ký biên bản ghi nhớ", "ký hợp đồng liên
doanh"), more capital ("tăng vốn", "đầu tư thêm"), a stake ("mua lại", "nắm 8,56% cổ phần"),
ground-breaking ("khởi công"), an opening ("khánh thành", "đi vào hoạt động") or a withdrawal
("thu hồi giấy phép"). The wording lists are `lead_<status>` in `data/cues.json`.

A sentence with such wording and a foreign investor states a claim for each investor: the
investor is a foreign company or fund the organization rule found (its country from the text
around its name, see `nationality`), or, when no firm is named, firms of a stated country ("nhà
đầu tư Singapore", "một công ty Nhật Bản"). Several investors in one sentence split it into
segments, so each gets the amount, site and project written next to it; investors listed
together ("Mitsubishi, Mitsui và Sumitomo") share theirs. A sentence that names no investor
but points back at the project ("Dự án này có tổng vốn ...") adds to the claim right before it; a
sentence listing investors ("Những nhà đầu tư này gồm A và B", "Liên doanh gồm ...") gives each of
them the step stated just before.

The claims of one investor are one lead per target province; its status is the furthest step
its sentences report as done ("sẽ khởi công" is only planned), its value the project's amount as
first written ("3.150 tỷ đồng (150 triệu USD)" is one value), its land in hectares, its jobs.
Statistics roundups, contractors, suppliers, fined firms and investments abroad state no lead.

The rule is split by concern: `lead_context` (the claims and what is known while reading),
`investors` (who), `lead_status` (which step), `lead_targets` (where), `project_facts` (what, how
much); this module reads the sentences and joins their claims into leads.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from importers.extraction.gazetteer import Gazetteer, Place, Sector
from importers.extraction.investors import same_investors, sentence_investors
from importers.extraction.investors import vietnamese_names as vietnamese_names  # kept importable from here
from importers.extraction.lead_context import INVESTOR_KINDS, Claim, Investor, LeadContext, by_sentence
from importers.extraction.lead_status import (
    done_status,
    licensed_in_roundup,
    sentence_status_hits,
    without_licensed_objects,
)
from importers.extraction.lead_targets import (
    article_province,
    clause,
    context_province,
    national_target,
    part_provinces,
    town_province,
)
from importers.extraction.lexicon import PhraseFinder, cue_finder
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.project_facts import (
    investment_type,
    is_stake,
    jobs,
    land_area_ha,
    project_as_written,
    project_value,
)
from importers.extraction.sites import SiteMatch
from importers.types import OpportunityFound, Sentence
from leads.choices import STATUS_ORDER  # furthest last: a lead's status is the furthest step reported as done

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_LIST_GAP = re.compile(r"^\s*(?:,|và|cùng|&|cùng với|với)?\s*$")


_MAX_LINK_WORDS = 15  # words between an investor and its step in one clause


_MAX_FAR_LINK_WORDS = 40  # ... when a linking word ("cho", "là") stands right before the investor


def find_investment_leads(
    inputs: OpportunityInputs, gazetteer: Gazetteer, same: dict[str, str] | None = None
) -> tuple[OpportunityFound, ...]:
    """Leads of one article from the steps its sentences report for named foreign investors.

    `same` is `same_investors` of the article's organizations, when the caller has it already.
    """
    context = LeadContext(inputs, gazetteer)
    starts = [s.start for s in inputs.sentences]
    context.orgs = by_sentence(inputs.organizations, inputs.sentences, starts)
    context.places = by_sentence(list(inputs.places), inputs.sentences, starts)
    context.same_as.update(same if same is not None else same_investors(inputs.organizations, inputs.body))
    for org in inputs.organizations:
        key = context.same_as.get(org.key, org.key)
        context.first_names.setdefault(key, org.name)
        context.first_orgs.setdefault(key, org)
    claims: list[Claim] = []
    last: tuple[int, list[Claim]] | None = None  # index of the last sentence with claims, its claims
    roundup = -1  # start of the last sentence opening a list of licensed projects
    for index, sentence in enumerate(inputs.sentences):
        if sentence.start in inputs.captions:
            continue
        made = _sentence_claims(sentence, context)
        if cue_finder("licensed_roundup_openings").find(sentence.text):
            roundup = sentence.start
        elif made and roundup > inputs.body.rfind("\n", 0, sentence.start):
            made = [licensed_in_roundup(c) for c in made]
        if not made and index > 0 and _lists_investors(sentence, inputs):
            made = _listed_claims(sentence, inputs.sentences[max(0, index - 2) : index], context)
        if (
            not made
            and last is not None
            and last[0] == index - 1
            and _points_back(sentence, inputs)
            and not _names_another_firm(sentence, last[1], context)
        ):
            made = [_claim(c.investor, sentence, sentence.start, sentence.end, context) for c in last[1]]
            made = [c for c in made if c.statuses or c.value or c.site]
            if not made:  # "Đây là dự án 100% vốn nước ngoài. Vốn đầu tư ... là ...": still the same project
                last = (index, last[1])
        if made:
            claims += made
            context.followed.update(c.investor.key for c in made)
            last = (index, made)
    return _leads(claims, context)


def _names_another_firm(sentence: Sentence, claims: list[Claim], context: LeadContext) -> bool:
    """Whether the sentence names a firm other than the investors just followed ("Trong đó, Công ty
    thép X đang xin phép ..."): its step is that firm's, not theirs."""
    followed = {c.investor.key for c in claims}
    return any(
        o.kind in INVESTOR_KINDS and context.same_as.get(o.key, o.key) not in followed
        for o in context.orgs[sentence.start]
    )


def _lists_investors(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether the sentence opens by naming the investors the sentence before spoke of ("Những nhà
    đầu tư này gồm A, B và C")."""
    opening = sentence.text[:45]
    if "gồm" not in opening and " là" not in opening:
        return False  # most sentences: no list opening, no phrase lookup
    return bool(cue_finder("investor_list_openings").find(opening) or cue_finder("venture_list_openings").find(opening))


def _listed_claims(sentence: Sentence, before: tuple[Sentence, ...], context: LeadContext) -> list[Claim]:
    """The claims of the investors a listing sentence names, with the step, place and project of the
    nearest of the two sentences `before` it that states a step (the one that spoke of them as "6 nhà
    đầu tư Mỹ" or of their venture). An amount of a group of investors is no one's; a venture's capital,
    written up to the list, is each member's."""
    if not _may_name_investor(sentence, context):
        return []
    for previous in reversed(before):
        hits = [h for h in sentence_status_hits(previous, context.inputs) if h[2]]
        if hits and previous.start not in context.inputs.captions:
            break
    else:
        return []
    investors = [i for i in sentence_investors(sentence, context) if i.name]
    claims = [_claim(i, previous, previous.start, previous.end, context, hits) for i in investors]
    if cue_finder("venture_list_openings").find(sentence.text[:45]):  # "Liên doanh gồm ...": each member's
        value = project_value(previous.start, sentence.start, context.inputs, context.orgs[previous.start])
        claims = [replace(c, value=value) for c in claims]  # value is the venture's capital
    elif len(claims) > 1:  # "6 nhà đầu tư sẽ rót 1 tỷ USD": the amount of all, not each one's
        claims = [replace(c, value=None) for c in claims]
    return [replace(c, listed=True) for c in claims]


def _may_name_investor(sentence: Sentence, context: LeadContext) -> bool:
    """A cheap first look: a firm or a foreign place in the sentence (most sentences have neither)."""
    return any(
        o.kind in INVESTOR_KINDS or o.name.startswith(("Ngân hàng", "Bệnh viện", "Cảng"))
        for o in context.orgs[sentence.start]
    ) or any(not p.place.is_vietnamese for p in context.places[sentence.start])


def _sentence_claims(sentence: Sentence, context: LeadContext) -> list[Claim]:
    """The claims of the sentence's investors whose step the sentence states (or who already have one)."""
    inputs = context.inputs
    if not _may_name_investor(sentence, context):
        return []
    known = context.followed
    hits = [h for h in sentence_status_hits(sentence, inputs) if h[2]]
    if not hits and not any(context.same_as.get(o.key, o.key) in known for o in context.orgs[sentence.start]):
        return []  # no step and no investor already followed: nothing to say (and nothing more to compute)
    if _abroad(sentence, context):
        return []
    investors = sentence_investors(sentence, context)
    if not investors or (not investors[0].name and _statistics(sentence)):
        return []
    claims = []
    parts = _segments(sentence, investors)
    linked = {investor.key: [h for h in hits if _linked(sentence, investor, h)] for investor, _, _ in parts}
    for investor, start, end in parts:
        mates = [i for i, s, _ in parts if s == start]  # listed together: a step of the list is each one's
        steps = next((linked[m.key] for m in mates if linked[m.key]), [])
        if _in_passing(sentence.text[start - sentence.start : end - sentence.start]):
            continue
        if not steps and investor.key not in known:
            continue
        if investor.name and _background_example(sentence, investor):
            continue
        claim = _claim(investor, sentence, start, end, context, steps, hits)
        if set(claim.statuses) <= {"interest"} and _addressed_by_host(sentence, investor):
            continue  # "Thủ tướng mong muốn X sẽ tiếp tục đầu tư": the host's wish, not X's
        if not investor.name and not (claim.provinces or claim.site or claim.project or _has_sector(sentence, inputs)):
            continue  # firms of a country with nothing specific: no lead
        claims.append(claim)
    return claims


def _linked(sentence: Sentence, investor: Investor, hit: tuple[int, int, object]) -> bool:
    """Whether a step is the investor's: written after it in the same clause ("X vừa nhận giấy
    phép"), or before it with a word that hands it over ("cấp giấy phép cho X", "ký với X")."""
    text = sentence.text
    if hit[0] >= investor.end:
        between = text[investor.end - sentence.start : hit[0] - sentence.start]
        return ";" not in between and len(between.split()) <= _MAX_LINK_WORDS
    if hit[1] > investor.start:
        return False
    between = text[hit[1] - sentence.start : investor.start - sentence.start]
    words = between.split()
    if ";" in between or len(words) > _MAX_FAR_LINK_WORDS:
        return False
    links = cue_finder("investor_links_before")
    if len(words) > _MAX_LINK_WORDS:  # "chuyển nhượng ... cho đối tác nước ngoài là X"
        return bool(links.find(" ".join(words[-3:])))
    return len(words) <= 1 or bool(links.find(between))


def _segments(sentence: Sentence, investors: list[Investor]) -> list[tuple[Investor, int, int]]:
    """Each investor's part of the sentence: from its group to the next group of investors.

    Investors written as one list ("Mitsubishi, Mitsui, Sumitomo và Limtec") are one group and
    share a part; the first group's part starts with its clause (the sentence, or the text after the
    last semicolon before it).
    """
    ordered = sorted(investors, key=lambda i: i.start)
    groups: list[list[Investor]] = []
    body = sentence.text
    for investor in ordered:
        if groups:
            previous = groups[-1][-1]
            gap = body[previous.end - sentence.start : investor.start - sentence.start]
            if _LIST_GAP.match(gap) or re.match(r"^\s*\([^()]*\)\s*(?:,|và)?\s*$", gap):
                groups[-1].append(investor)
                continue
        groups.append([investor])
    parts = []
    for index, group in enumerate(groups):
        start = clause(sentence, group[0])[0] if index == 0 else group[0].start
        end = groups[index + 1][0].start if index + 1 < len(groups) else sentence.end
        parts += [(investor, start, end) for investor in group]
    return parts


def _claim(
    investor: Investor,
    sentence: Sentence,
    start: int,
    end: int,
    context: LeadContext,
    hits: list[tuple[int, int, object]] | None = None,
    every: list[tuple[int, int, object]] | None = None,
) -> Claim:
    """The claim of the investor's part sentence[start:end]; `hits` are its steps (else the part's
    own, from `every` step of the sentence)."""
    inputs = context.inputs
    text = sentence.text[start - sentence.start : end - sentence.start]
    if hits is None:
        every = sentence_status_hits(sentence, inputs) if every is None else every
        hits = [h for h in every if start <= h[0] < end]
    statuses = tuple(done_status(sentence, h) for h in without_licensed_objects(sentence, hits) if h[2])
    every_site = context.sentence_sites(sentence)
    sites = [s for s in every_site if start <= s.start < end] or every_site
    site = sites[0] if sites else None
    provinces = part_provinces(sentence, start, end, context)
    if not provinces and site is None:  # "Ban quản lý KCN Quế Võ cấp phép cho X": X's project is there
        site = next((s for s in context.named_sites(sentence) if s.province), None)
    if site is not None and site.province is not None and (not provinces or _seated(sentence, site)):
        provinces = (site.province,)  # "có trụ sở tại khu công nghệ cao Hải Dương": there, not the dateline's city
    if not provinces and statuses:
        provinces = town_province(sentence, start, end, context)
    national = not provinces and national_target(sentence, start, end, inputs)
    if not provinces and not national:
        first, last = clause(sentence, investor)  # "Sở Du lịch Hà Nội ... ký ...; Tập đoàn X ký ...": not X's
        provinces = part_provinces(sentence, first, last, context)
        national = not provinces and national_target(sentence, first, last, inputs)
    return Claim(
        investor=investor,
        sentence=sentence,
        statuses=statuses,
        provinces=provinces,
        national=national,
        site=site,
        project=project_as_written(text),
        value=project_value(start, end, inputs, context.orgs[sentence.start]),
        land_area_ha=land_area_ha(text),
        jobs=jobs(text),
        wording=_without_names(text, start, context.orgs[sentence.start]),
    )


_SEATED = re.compile(r"(?<!\w)(?:tại|ở|đặt tại|trụ sở tại|nằm trong)\s*$")


def _seated(sentence: Sentence, site: SiteMatch) -> bool:
    """Whether the site is written as where the project stands ("nhà máy tại KCN Quế Võ"): its province
    is the target, over a province the sentence names as a dateline or inside the project's name."""
    return bool(_SEATED.search(sentence.text[: site.start - sentence.start]))


def _without_names(text: str, offset: int, orgs: list[OrganizationMatch]) -> str:
    """`text` (starting at body offset `offset`) with organization names blanked: "Công ty cổ phần X" says
    nothing of a stake."""
    chars = list(text)
    for org in orgs:
        for position in range(max(org.start - offset, 0), min(org.end - offset, len(chars))):
            chars[position] = " "
    return "".join(chars)


def _points_back(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether a sentence naming no investor speaks of the project or investor just named."""
    if "\n" in inputs.body[max(0, sentence.start - 2) : sentence.start]:
        # a new paragraph starts a new subject, unless it opens on the project ("Dự án này ...")
        return any(
            s == sentence.start
            for s, _, _ in cue_finder("lead_opening_anaphors").find(sentence.text[:40], sentence.start)
        )
    return bool(cue_finder("lead_anaphors").find(sentence.text[:80]))


def _abroad(sentence: Sentence, context: LeadContext) -> bool:
    """An investment in a foreign country: a foreign place after "tại", "ở", "sang", and no Vietnamese one."""
    here = context.places[sentence.start]
    if any(p.place.country == "VN" for p in here) or re.search(r"(?<!\w)VN(?!\w)", sentence.text):
        return False
    markers = cue_finder("abroad_markers").find(sentence.text, sentence.start)
    return any(any(p.start - e in (1, 2) for _, e, _ in markers) for p in here)


def _statistics(sentence: Sentence) -> bool:
    return bool(cue_finder("statistics").find(sentence.text))


_EXAMPLE_LIST = re.compile(r"(?<!\w)như\s+(?:[^,.;:]{1,40},\s*)*$")  # "như X, Y, " right before the investor


_LIST_REST = re.compile(r"(?:\s*,\s*[^,.;:…]{1,40})*\s*(?:…|\.\.\.)?\s*")  # the rest of the list


_PRESENCE_WINDOW = 40  # characters before "như" that may say the examples already operate here


def _background_example(sentence: Sentence, investor: Investor) -> bool:
    """An investor given as an example of firms that already operate here ("những doanh nghiệp đã đầu
    tư vào VN như X, Y"): background, not a new intention."""
    at = investor.start - sentence.start
    before = sentence.text[max(0, at - 120) : at]
    listed = _EXAMPLE_LIST.search(before)
    if listed is None:
        return False
    presence = cue_finder("existing_presence")
    if presence.find(before[max(0, listed.start() - _PRESENCE_WINDOW) : listed.start()]):
        return True
    after = _LIST_REST.match(sentence.text, investor.end - sentence.start)  # "..., Y… đang hoạt động"
    rest = sentence.text[after.end() : after.end() + _PRESENCE_WINDOW] if after else ""
    return any(rest.startswith(phrase) for phrase in presence.values)


_CALL_REACH = 3  # words between a host's call ("mong muốn") and the investor it is addressed to


def _addressed_by_host(sentence: Sentence, investor: Investor) -> bool:
    """Whether a Vietnamese host's wish or call is addressed to the investor ("Thủ tướng mong muốn X
    ...", "Bộ trưởng đề nghị X ..."): what follows is the host's hope, no intention the investor states."""
    before = sentence.text[: investor.start - sentence.start]
    hosts = cue_finder("vietnamese_hosts").find(before)
    if not hosts:
        return False
    calls = [c for c in cue_finder("host_wishes_to_investor").find(before) if c[0] >= hosts[0][1]]
    return any(len(before[end:].split()) <= _CALL_REACH for _, end, _ in calls)


def _in_passing(text: str) -> bool:
    return bool(cue_finder("in_passing").find(text))


def _has_sector(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    return bool(inputs.hits.get(sentence.start))


@lru_cache(maxsize=4)
def _sector_finder(sectors: tuple[Sector, ...]) -> PhraseFinder:
    return PhraseFinder({keyword: sector.slug for sector in sectors for keyword in sector.keywords})


def _leads(claims: list[Claim], context: LeadContext) -> tuple[OpportunityFound, ...]:
    """One lead per investor and target province.

    A province only a sentence that states no step of the investor names ("Samsung có nhà máy
    ở Thái Nguyên") is no target of its own: that claim joins the investor's first lead.
    """
    by_investor: dict[str, list[Claim]] = {}
    for claim in claims:
        by_investor.setdefault(claim.investor.key, []).append(claim)
    fallback = article_province(context)
    leads = []
    for group in by_investor.values():
        targets = list(dict.fromkeys(p for c in group if c.statuses for p in c.provinces))
        if not targets and not any(c.national for c in group if c.statuses):
            targets = list(dict.fromkeys(p for c in group for p in c.provinces))[:1]
        if not targets:  # firms of a country need a province; a named firm's may be the story's
            national = any(c.national for c in group)
            if group[0].investor.name:
                province, site = (
                    (None, None)
                    if national or not _project_step(group, context)
                    else context_province(group[0].sentence, context)
                )
            else:
                province, site = None if national else fallback, None
            leads.append(_lead(group, province, context, site))
            continue
        for position, province in enumerate(targets):
            mine = [
                c for c in group if province in c.provinces or (position == 0 and not set(c.provinces) & set(targets))
            ]
            leads.append(_lead(mine, province, context))
    return tuple(leads)


_PROJECT_STEPS = frozenset({"proposal", "licensed", "capital_increase", "construction", "operating"})


def _project_step(claims: list[Claim], context: LeadContext) -> bool:
    """Whether the claims report a step of a project on the ground (a licence, a plant built or opened),
    which has a place, unlike a cooperation or a wish that may be nationwide. A stake in a company
    ("mua 10% cổ phần") or a fund's investment has no place of its own."""
    if any(is_stake(c.wording) for c in claims):
        return False
    first = context.first_orgs.get(claims[0].investor.key)
    if first is not None and first.kind == "fund":
        return False
    return any(c.project or c.value or c.listed for c in claims)


def _lead(
    claims: list[Claim], province: Place | None, context: LeadContext, context_site: SiteMatch | None = None
) -> OpportunityFound:
    """The lead of the claims toward `province`; `context_site` is the site the province came from
    when no claim names one."""
    first = claims[0]
    investor = next((c.investor for c in claims if c.investor.origin is not None), first.investor)
    statuses = [s for c in claims for s in c.statuses]
    status = max(statuses, key=STATUS_ORDER.index) if statuses else "interest"
    value = next((c.value for c in claims if c.value is not None), None)
    site = next(
        (c.site for c in claims if c.site is not None and (province is None or _site_in(c.site, province))),
        context_site,
    )
    sentences = list(dict.fromkeys(c.sentence for c in claims))
    wording = " ".join(c.wording for c in claims)
    project = next((c.project for c in claims if c.project), "")
    return OpportunityFound(
        evidence=sentences[0],
        sectors=_sectors(sentences, context),
        organization=investor.name,
        origin=investor.origin.name if investor.origin else "",
        origin_slug=investor.origin.slug if investor.origin else "",
        province=province.name if province else "",
        province_slug=province.slug if province else "",
        site=site.text if site else "",
        site_slug=site.record.slug if site and site.record else "",
        project=project,
        investment_type=investment_type(wording, status, project),
        status=status,
        value=value[0] if value else None,
        currency=value[1] if value else "",
        land_area_ha=next((c.land_area_ha for c in claims if c.land_area_ha is not None), None),
        jobs=next((c.jobs for c in claims if c.jobs is not None), None),
        other_evidence=tuple(sentences[1:]),
    )


def _site_in(site: SiteMatch, province: Place) -> bool:
    return site.province is None or site.province == province


def _sectors(sentences: list[Sentence], context: LeadContext) -> tuple[str, ...]:
    """The sectors named in the lead's sentences in order, a factory's "manufacturing" after the sector of
    what it makes ("nhà máy linh kiện điện tử": electronics, manufacturing)."""
    inputs = context.inputs
    slugs: list[str] = []
    finder = _sector_finder(context.gazetteer.sectors)
    factory = frozenset(w.lower() for w in cue_finder("factory_words").values)
    only_factories = True
    for sentence in sentences:
        for hit in inputs.hits.get(sentence.start, []):
            slugs.append(hit.slug)
            if hit.slug == "manufacturing" and hit.text.lower() not in factory:
                only_factories = False
    if not slugs:  # steps ("khánh thành nhà máy ...") are no sector cue: the evidence's own keywords
        evidence = sentences[0]
        excluded = inputs.excluded.get(evidence.start, [])
        slugs = [
            str(slug)
            for start, end, slug in finder.find(evidence.text, evidence.start)
            if not any(s <= start and end <= e for s, e in excluded)
        ]
    ordered = list(dict.fromkeys(slugs))
    if "manufacturing" in ordered and len(ordered) > 1 and only_factories:
        ordered.remove("manufacturing")
        ordered.append("manufacturing")
    return tuple(ordered)
