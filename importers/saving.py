"""The `save` step: one article's extraction becomes records, in one transaction, exactly once.

What it writes, per article:

- the `SourceArticle` (unique by `content_hash`: an article already imported is "unchanged"
  and nothing is written);
- organizations and contacts, matched through `importers.resolution` or created; a matched
  record is never rewritten: only blanks are filled (a contact's title and organization, an
  organization's home region and country when a lead of it says where it is from), and names
  the article writes differently become aliases of the organization, never replacing its name;
- imported opportunities, one per intention: matched by investor (organization or origin),
  target province and project (`importers.resolution.pick_opportunity`) or created at stage
  "identified", pending review. A matched one keeps everything staff set, including a
  rejection: a lead staff rejected is never recreated and stays rejected; the article's
  sentences are still added to its evidence and its sectors, and the facts it lacks (site,
  project, value, land area, jobs...) are filled, so staff can see the lead was reported
  again without it coming back to the review queue;
- one `Evidence` row per mention of an organization or contact and per sentence stating an
  opportunity, with offsets into the stored body;
- the opportunity's sectors, the organization's sectors (from its opportunities) and the
  opportunity's contacts (the article's people of that organization), added, never removed.

Concurrency: two imports of the same articles may run at once. The article row is inserted
first, so a second importer of the same article waits on the `content_hash` unique index and
then finds it "unchanged". Every other insert is a get-or-create in a savepoint that re-reads
after an IntegrityError from the unique constraints, and records are written in a fixed order
(organizations, contacts, opportunities, each sorted by key) so two writers never wait on each
other in a cycle. On PostgreSQL, transaction-level advisory locks on the folded names of the
organizations and contacts an article names serialize the lookup-then-create of the same name,
which the constraints alone cannot when the two writers' matches differ in country or
organization. SQLite runs writers one at a time (`transaction_mode` IMMEDIATE).

Staff may edit, move or merge a record while an article that names it is saved. The importer
decides what to fill on the record as it is under its row lock (read again after the lookup), saves
only the fields it fills, and moves the record's version on with every link it adds (`_touch`),
so it never writes back an older copy of what staff changed. A record merged or deleted meanwhile
fails that article's import with a message (`RecordGone`), and its transaction leaves nothing behind.

Re-extraction (`update=True`, `reextract_article`) keeps the article row (only `extracted_at`
changes), deletes the evidence that came from it and rebuilds from an extraction of the
*stored* body, so every offset still points into the text staff see. Records it no longer
supports stay, except an imported opportunity that is left with no evidence at all and that
staff never touched, which is deleted (`leads.signals` leaves the tombstone sync clients read).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone

from importers.extraction import extract_article
from importers.extraction.gazetteer import load_gazetteer
from importers.resolution import (
    InvestorTarget,
    ReferenceData,
    contacts_named,
    imported_opportunities,
    organizations_named,
    pick_contact,
    pick_opportunity,
    pick_organization,
)
from importers.types import (
    ArticleExtraction,
    ContactFound,
    Mention,
    OpportunityFound,
    OrganizationFound,
    ParsedArticle,
    SectorFound,
    Sentence,
)
from leads.choices import STATUS_ORDER, Currency, InvestmentType, OrganizationKind, ReportedStatus, ReviewStatus, Stage
from leads.models import (
    Contact,
    Evidence,
    Opportunity,
    Organization,
    OrganizationAlias,
    SourceArticle,
)
from leads.models.search import (
    opportunity_search_expression,
    refresh_named_by_organizations,
)
from leads.models.versioning import VersionedModel, bump_version
from leads.text import normalize_name

User = AbstractBaseUser | AnonymousUser
T = TypeVar("T")
K = TypeVar("K")

KINDS = ("organizations", "contacts", "opportunities")


class RecordGone(Exception):  # noqa: N818 - says what happened to the record, as the import report shows it
    """A record the article matched was merged or deleted by staff while the article was being saved."""

    def __init__(self, record: VersionedModel) -> None:
        super().__init__(
            f"{record._meta.verbose_name} #{record.pk} was merged or deleted while the article was being saved; "
            "import the article again"
        )


def _lock_and_refresh(record: VersionedModel) -> None:
    """Lock `record`'s row and read it again: fill what is blank now, not what was blank at the lookup."""
    if not list(type(record)._base_manager.select_for_update().filter(pk=record.pk).values_list("pk")):
        raise RecordGone(record)
    record.refresh_from_db()


@dataclass
class ArticleOutcome:
    """What saving one article did: its status and, per kind, how many records were created or matched."""

    status: str  # "new", "unchanged" or "updated"
    article: SourceArticle
    created: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)


def find_imported(content_hash: str) -> SourceArticle | None:
    """The article already imported with this content hash, if any."""
    return SourceArticle.objects.filter(content_hash=content_hash).first()


def save_extraction(
    extraction: ArticleExtraction,
    *,
    origin: str,
    user: User | None = None,
    update: bool = False,
    reference: ReferenceData | None = None,
) -> ArticleOutcome:
    """Save one article and what was found in it, in one transaction.

    `origin` is where the article came from (a path, "<stdin>", an upload's file name). An article
    imported before is "unchanged" and nothing is written, unless `update` asks to rebuild what
    came from it. `reference` lets a run of many articles read the reference tables once.
    """
    reference = reference or ReferenceData.load()
    parsed = extraction.article
    with transaction.atomic():
        article = find_imported(parsed.content_hash)
        if article is not None:
            return _rebuild(article, extraction, reference) if update else ArticleOutcome("unchanged", article)
        article, created = _get_or_create(
            lambda: _new_article(parsed, origin=origin, user=user), lambda: find_imported(parsed.content_hash)
        )
        if not created:  # another importer saved it between our look and our insert
            return ArticleOutcome("unchanged", article)
        outcome = ArticleOutcome("new", article)
        _save_found(extraction, outcome, reference)
        return outcome


def reextract_article(
    article: SourceArticle, *, user: User | None = None, reference: ReferenceData | None = None
) -> ArticleOutcome:
    """Run extraction again on a stored article and rebuild what came from it ("updated").

    For the admin's "re-run extraction" action and the API. `user` is who asked; the article
    keeps its original `imported_by`, since the article row is never altered.
    """
    extraction = extract_article(stored_article(article))
    return save_extraction(extraction, origin=article.origin, user=user, update=True, reference=reference)


def stored_article(article: SourceArticle) -> ParsedArticle:
    """The stored article as the extract step reads it: its body exactly as staff see it."""
    return ParsedArticle(
        source=article.origin,
        title=article.title,
        body=article.body,
        raw_text=article.raw_text,
        content_hash=article.content_hash,
        published_on=article.published_on,
        outlet=article.outlet,
        byline=article.byline,
        url=article.url,
        language=article.language,
    )


def _new_article(parsed: ParsedArticle, *, origin: str, user: User | None) -> SourceArticle:
    return SourceArticle.objects.create(
        title=_fit(SourceArticle, "title", parsed.title),
        body=parsed.body,
        raw_text=parsed.raw_text,
        outlet=_fit(SourceArticle, "outlet", parsed.outlet),
        byline=_fit(SourceArticle, "byline", parsed.byline),
        url=_fit(SourceArticle, "url", parsed.url),
        published_on=parsed.published_on,
        language=parsed.language,
        origin=_fit(SourceArticle, "origin", origin),
        content_hash=parsed.content_hash,
        imported_by=user if user is not None and user.is_authenticated else None,
        extracted_at=timezone.now(),
    )


def _rebuild(article: SourceArticle, extraction: ArticleExtraction, reference: ReferenceData) -> ArticleOutcome:
    """Replace the evidence from `article` with evidence from a fresh extraction of its stored body.

    An extraction of a newly read copy is used when its body is the stored body; otherwise (the
    cleaning rules changed since the import) the stored body is extracted again, because the
    article row, and so the text every offset points into, never changes.
    """
    article = SourceArticle.objects.select_for_update().get(pk=article.pk)  # one rebuild of an article at a time
    if extraction.article.body != article.body:
        extraction = extract_article(stored_article(article))
    supported = set(Opportunity.objects.filter(evidence__article=article).values_list("pk", flat=True))
    article.evidence.all().delete()
    outcome = ArticleOutcome("updated", article)
    _save_found(extraction, outcome, reference)
    _delete_abandoned_opportunities(supported)
    SourceArticle.objects.filter(pk=article.pk).update(extracted_at=timezone.now())
    return outcome


def _delete_abandoned_opportunities(candidate_ids: set[int]) -> None:
    """Delete imported opportunities no article supports any more and that staff never touched.

    Untouched means saved once, by the importer, and never again: the importer leaves
    `updated_at` equal to `created_at`, and any edit in the admin or the API saves the record and
    moves `updated_at` on. Nor may it have a review decision, a stage move or an activity.
    Anything else stays, with or without evidence: losing a lead staff worked on is worse than
    keeping one the article no longer supports.
    """
    abandoned = Opportunity.objects.filter(
        pk__in=candidate_ids,
        is_imported=True,
        stage=Stage.IDENTIFIED,
        review_status=ReviewStatus.PENDING,
        updated_at=F("created_at"),
        evidence__isnull=True,
        activities__isnull=True,
        stage_changes__isnull=True,
    )
    Opportunity.objects.filter(pk__in=list(abandoned.values_list("pk", flat=True))).delete()


@dataclass
class _Saving:
    """One article's save in progress: where records and evidence accumulate."""

    outcome: ArticleOutcome
    reference: ReferenceData
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def article(self) -> SourceArticle:
        return self.outcome.article

    def count(self, kind: str, created: bool) -> None:
        (self.outcome.created if created else self.outcome.matched)[kind] += 1

    def cite(self, mentions: Iterable[Mention], **subject: models.Model) -> None:
        """Evidence for each mention of the record in `subject`, once per place in the text."""
        for mention in {(m.start, m.end): m for m in mentions}.values():
            self.cite_sentence(mention.sentence, mention, **subject)

    def cite_sentence(self, sentence: Sentence, mention: Mention | None, **subject: models.Model) -> None:
        """Evidence that `sentence` (with the words `mention`, if given) supports the record in `subject`."""
        self.evidence.append(
            Evidence(
                article=self.article,
                sentence=sentence.text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                mention=_fit(Evidence, "mention", mention.text) if mention else "",
                mention_start=mention.start if mention else None,
                mention_end=mention.end if mention else None,
                **subject,
            )
        )


def _save_found(extraction: ArticleExtraction, outcome: ArticleOutcome, reference: ReferenceData) -> None:
    saving = _Saving(outcome=outcome, reference=reference)
    _lock_names(
        [f"organization:{normalize_name(found.name)}" for found in extraction.organizations]
        + [f"contact:{normalize_name(found.full_name)}" for found in extraction.contacts]
    )
    organizations = _save_organizations(extraction.organizations, saving)
    contacts = _save_contacts(extraction.contacts, organizations, saving)
    _save_opportunities(extraction.opportunities, extraction.sectors, organizations, contacts, saving)
    Evidence.objects.bulk_create(saving.evidence)


def _lock_names(names: list[str]) -> None:
    """On PostgreSQL, hold a transaction-level advisory lock on each name, taken in one sorted order.

    Two importers naming the same organization or person then look it up and create it one
    after the other; the fixed order means they never wait on each other in a cycle.
    """
    if connection.vendor != "postgresql" or not names:
        return
    keys = sorted({int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True) for name in names})
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [keys])


def _save_organizations(founds: tuple[OrganizationFound, ...], saving: _Saving) -> dict[str, Organization]:
    """Match or create each organization; returns them by the folded name the article uses."""
    groups = _grouped(founds, lambda found: normalize_name(found.name))
    existing = organizations_named(groups)
    resolved: dict[str, Organization] = {}
    aliases: list[OrganizationAlias] = []
    for key in sorted(groups):
        first = groups[key][0]
        country = saving.reference.country(first.country)
        organization = pick_organization(existing.get(key, []), country.code if country else "")
        created = organization is None
        if organization is None:
            organization, created = _get_or_create(
                lambda first=first, country=country: Organization.objects.create(
                    name=_fit(Organization, "name", first.name),
                    kind=first.kind if first.kind in OrganizationKind.values else OrganizationKind.OTHER,
                    country=country,
                ),
                lambda key=key, country=country: Organization.objects.get(normalized_name=key, country=country),
            )
        saving.count("organizations", created)
        resolved[key] = organization
        mentions = [mention for found in groups[key] for mention in found.mentions]
        written = [m.text for found in groups[key] for m in found.mentions if not _place_left_out(found.name, m.text)]
        aliases.extend(_new_aliases(organization, [found.name for found in groups[key]] + written))
        saving.cite(mentions, organization=organization)
    known = set(
        OrganizationAlias.objects.filter(organization__in={alias.organization_id for alias in aliases}).values_list(
            "organization_id", "normalized_name"
        )
    )
    new_aliases = [alias for alias in aliases if (alias.organization_id, alias.normalized_name) not in known]
    OrganizationAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
    named_anew = {alias.organization_id for alias in new_aliases}
    _touch(Organization, named_anew)
    refresh_named_by_organizations(named_anew)  # bulk inserts skip save(): the search columns follow here
    return resolved


def _place_left_out(name: str, written: str) -> bool:
    """Whether `name` is `written` followed by a province: "UBND tỉnh" written for "UBND tỉnh Bắc Ninh".

    Every province's committee is written so; as an alias it would name them all.
    """
    return name.startswith(written + " ") and load_gazetteer().place_by_name(name[len(written) + 1 :]) is not None


def _new_aliases(organization: Organization, names: list[str]) -> list[OrganizationAlias]:
    """The names the article writes for `organization` other than its own, as aliases.

    Bulk creation skips `save()`, so the folded name is set here; aliases the organization
    already has are skipped by the unique constraint.
    """
    by_key = {normalize_name(name): name.strip() for name in reversed(names)}
    return [
        OrganizationAlias(organization=organization, name=_fit(OrganizationAlias, "name", name), normalized_name=key)
        for key, name in by_key.items()
        if key and key != organization.normalized_name
    ]


def _save_contacts(
    founds: tuple[ContactFound, ...], organizations: dict[str, Organization], saving: _Saving
) -> list[Contact]:
    """Match or create each person; a matched contact only gets its blank title or organization filled."""
    groups = _grouped(founds, lambda found: (normalize_name(found.full_name), normalize_name(found.organization)))
    existing = contacts_named(name for name, _organization in groups)
    saved: list[Contact] = []
    for name_key, organization_key in sorted(groups):
        first = groups[name_key, organization_key][0]
        organization = organizations.get(organization_key)
        candidates = existing[name_key]
        contact = pick_contact(candidates, organization.pk if organization else None)
        created = contact is None
        if contact is None:
            contact, created = _get_or_create(
                lambda first=first, organization=organization: Contact.objects.create(
                    full_name=_fit(Contact, "full_name", first.full_name),
                    title=_fit(Contact, "title", first.title),
                    organization=organization,
                    is_imported=True,
                ),
                lambda name_key=name_key, organization=organization: Contact.objects.get(
                    normalized_name=name_key, organization=organization
                ),
            )
            candidates.append(contact)
        else:
            _fill_contact_blanks(contact, title=first.title, organization=organization)
        saving.count("contacts", created)
        saved.append(contact)
        saving.cite((m for found in groups[name_key, organization_key] for m in found.mentions), contact=contact)
    return saved


def _fill_contact_blanks(contact: Contact, *, title: str, organization: Organization | None) -> None:
    """Give a matched contact the title and organization the article states, only where staff left none."""
    if (contact.title or not title) and (contact.organization_id is not None or organization is None):
        return  # nothing to fill
    _lock_and_refresh(contact)  # staff may have filled it since the lookup
    changed = []
    if not contact.title and title:
        contact.title = _fit(Contact, "title", title)
        changed += ["title", "search_text"]
    if contact.organization_id is None and organization is not None:
        contact.organization = organization
        changed.append("organization")
    if not changed:
        return
    try:
        with transaction.atomic():
            contact.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:  # the person was just created under that organization by another import
        contact.refresh_from_db()


def _save_opportunities(
    founds: tuple[OpportunityFound, ...],
    sectors: tuple[SectorFound, ...],
    organizations: dict[str, Organization],
    contacts: list[Contact],
    saving: _Saving,
) -> None:
    """Match or create each intention; add its evidence, sectors and the facts it lacks; link people.

    A matched opportunity is never rewritten where staff edited it (see `_add_facts`).
    """
    placed = [(found, target) for found in founds if (target := _investor_target(found, organizations, saving))]
    _fill_organization_origins(founds, organizations, saving.reference)
    existing = imported_opportunities(target for _, target in placed)
    sector_mentions = {sector.slug: sector.mentions for sector in sectors}
    organization_sectors: set[tuple[int, int]] = set()
    opportunity_sectors: set[tuple[int, int]] = set()
    opportunity_contacts: set[tuple[int, int]] = set()
    new_here: set[int] = set()
    for found, target in sorted(placed, key=lambda pair: (repr(pair[1]), normalize_name(pair[0].project))):
        facts = _facts(found, saving)
        candidates = existing.setdefault(target, [])
        opportunity = pick_opportunity(candidates, normalize_name(found.project)[:500])
        created = opportunity is None
        if opportunity is None:
            opportunity, created = _get_or_create(
                lambda target=target, facts=facts: _new_opportunity(target, facts),
                lambda target=target, found=found: Opportunity.objects.get(
                    is_imported=True, project_key=normalize_name(found.project)[:500], **target._asdict()
                ),
            )
            candidates.append(opportunity)
        elif opportunity.pk not in new_here:
            _add_facts(opportunity, facts)
        saving.count("opportunities", created)
        if created:
            new_here.add(opportunity.pk)
        for sentence in (found.evidence, *found.other_evidence):
            mentions = [m for slug in found.sectors for m in sector_mentions.get(slug, ())]
            saving.cite_sentence(sentence, _mention_in(sentence, mentions), opportunity=opportunity)
        sector_ids = [sector.pk for slug in found.sectors if (sector := saving.reference.sector(slug))]
        opportunity_sectors.update((opportunity.pk, sector_id) for sector_id in sector_ids)
        if target.organization_id:
            organization_sectors.update((target.organization_id, sector_id) for sector_id in sector_ids)
            opportunity_contacts.update(
                (opportunity.pk, contact.pk)
                for contact in contacts
                if contact.organization_id == target.organization_id
            )
    _touch(Organization, _link(Organization.sectors.through, "organization_id", "sector_id", organization_sectors))
    # A lead created by this very article is new to sync clients anyway; leaving its updated_at
    # alone keeps it "as the importer left it" for re-extraction.
    changed = _link(Opportunity.sectors.through, "opportunity_id", "sector_id", opportunity_sectors)
    changed |= _link(Opportunity.contacts.through, "opportunity_id", "contact_id", opportunity_contacts)
    _finish_new(new_here)
    # Bulk inserts send no m2m_changed: the search column names the new sectors in the same UPDATE.
    _touch(Opportunity, changed - new_here, search_text=opportunity_search_expression())


# The facts the news reports of an intention, as the importer writes them: filled where blank,
# never over what staff set; `status` also moves on when a later article reports a further step.
FACT_FIELDS = (
    "primary_sector",
    "site",
    "project",
    "investment_type",
    "status",
    "value",
    "currency",
    "land_area_ha",
    "expected_jobs",
    "reported_on",
)


def _facts(found: OpportunityFound, saving: _Saving) -> dict[str, object]:
    """The model values of what `found` states (None or "" for what it does not)."""
    site = saving.reference.site(found.site_slug)
    currency = found.currency if found.currency in Currency.values and found.value is not None else ""
    return {
        "primary_sector": next((s for slug in found.sectors if (s := saving.reference.sector(slug))), None),
        "site": site,
        "project": _fit(Opportunity, "project", found.project.strip()),
        "investment_type": found.investment_type if found.investment_type in InvestmentType.values else "",
        "status": found.status if found.status in ReportedStatus.values else "",
        "value": found.value if currency else None,
        "currency": currency,
        "land_area_ha": found.land_area_ha,
        "expected_jobs": found.jobs,
        "reported_on": saving.article.published_on,
    }


def _fact_json(value: object) -> object:
    """A fact as `imported_facts` remembers it: a key for a record, text for numbers and dates."""
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, str | int):
        return value
    return str(value)


def _current(opportunity: Opportunity, name: str) -> object:
    field = Opportunity._meta.get_field(name)
    return getattr(opportunity, field.attname)


def _new_opportunity(target: InvestorTarget, facts: dict[str, object]) -> Opportunity:
    """An intention as the importer finds it: at stage "identified", pending review, with its facts."""
    opportunity = Opportunity(is_imported=True, stage=Stage.IDENTIFIED, **target._asdict(), **facts)
    opportunity.search_names_refreshed_by_caller = True  # by `_save_opportunities`, once its sectors are linked
    opportunity.imported_facts = {name: _fact_json(_current(opportunity, name)) for name in FACT_FIELDS}
    opportunity.save()
    # Marked "as the importer left it" in the database by `_save_opportunities` (see `_finish_new`).
    opportunity.updated_at = opportunity.created_at
    return opportunity


def _finish_new(opportunities: set[int]) -> None:
    """The article's new opportunities, once their sectors are linked: their search column names what they
    point at, and they are marked "as the importer left it" (see `_delete_abandoned_opportunities`): the two
    auto timestamps of one insert differ by microseconds, and every later save moves updated_at on."""
    if opportunities:
        Opportunity.objects.filter(pk__in=opportunities).update(
            updated_at=F("created_at"), search_text=opportunity_search_expression()
        )


def _add_facts(opportunity: Opportunity, facts: dict[str, object]) -> None:
    """Give a matched intention what a later article adds, never over what staff edited.

    A fact is the importer's to change while it still holds what the importer last wrote
    (`imported_facts`); a blank one is filled. The status moves on to a further step
    (a licence after a proposal), and the date first reported back to an earlier article.
    Value and currency go together. Decided again on the row under its lock before it is saved.
    """
    if not _facts_to_add(opportunity, facts):
        return
    _lock_and_refresh(opportunity)
    changed = _facts_to_add(opportunity, facts)
    if not changed:
        return
    remembered = opportunity.imported_facts or {}
    for name, value in changed.items():
        setattr(opportunity, name, value)
        remembered[name] = _fact_json(_current(opportunity, name))
    opportunity.imported_facts = remembered
    try:
        with transaction.atomic():
            opportunity.save(update_fields=[*changed, "imported_facts", "updated_at"])
    except IntegrityError:  # its new project is another intention's: keep the facts but not the project
        opportunity.refresh_from_db()
        changed.pop("project", None)
        if changed:
            _add_facts(opportunity, {**facts, "project": ""})


def _facts_to_add(opportunity: Opportunity, facts: dict[str, object]) -> dict[str, object]:
    """The facts of `facts` that `_add_facts` writes over what `opportunity` holds."""
    remembered = opportunity.imported_facts or {}
    changed: dict[str, object] = {}
    for name in FACT_FIELDS:
        new, current = facts[name], _current(opportunity, name)
        new_json = _fact_json(new)
        if new_json in (None, "") or name == "currency":
            continue
        if current in (None, ""):
            changed[name] = new
            continue
        ours = name in remembered and _fact_json(current) == remembered[name]
        further = name == "status" and ours and STATUS_ORDER.index(new) > STATUS_ORDER.index(current)
        if further or (name == "reported_on" and ours and new < current):
            changed[name] = new
    if "value" in changed:
        if opportunity.currency and opportunity.value is None and opportunity.currency != facts["currency"]:
            del changed["value"]  # staff set a currency of their own: a value in another would be wrong
        else:
            changed["currency"] = facts["currency"]
    return changed


def _link(through: type[models.Model], owner: str, other: str, pairs: set[tuple[int, int]]) -> set[int]:
    """Create the missing (owner, other) rows of a many-to-many table; return the owners that gained one."""
    if not pairs:
        return set()
    have = set(through.objects.filter(**{f"{owner}__in": {o for o, _ in pairs}}).values_list(owner, other))
    new = sorted(pairs - have)
    through.objects.bulk_create([through(**{owner: o, other: x}) for o, x in new], ignore_conflicts=True)
    return {o for o, _ in new}


def _touch(model: type[VersionedModel], ids: set[int], **derived) -> None:
    """Move `updated_at` and the version on for records whose links changed: bulk inserts skip `auto_now`,
    integrations syncing with `updated_after` must see the change, and so must a client's ETag. `derived`:
    columns that follow the links, written in the same UPDATE."""
    if ids:
        model.objects.filter(pk__in=ids).update(updated_at=timezone.now(), **bump_version(), **derived)


def _fill_organization_origins(
    founds: Iterable[OpportunityFound], organizations: dict[str, Organization], reference: ReferenceData
) -> None:
    """Record where an interested organization is from, when the article says and staff left it blank.

    A lead keyed on its organization carries no origin of its own, so "leads from Quảng Tây"
    finds it through the organization's home region.
    """
    for found in founds:
        organization = organizations.get(normalize_name(found.organization))
        if organization is None or organization.region_id is not None:
            continue
        region, _country = reference.origin(found.origin_slug, found.origin)
        if region is None:
            continue
        _lock_and_refresh(organization)
        if organization.region_id is not None:  # staff set one since the lookup
            continue
        organization.region = region
        fields = ["region", "updated_at"]
        if organization.country_id is None:
            organization.country = region.country
            fields.append("country")
        try:
            with transaction.atomic():
                organization.save(update_fields=fields)
        except IntegrityError:  # filling the country made it a duplicate of another record: leave it
            organization.refresh_from_db()


def _investor_target(
    found: OpportunityFound, organizations: dict[str, Organization], saving: _Saving
) -> InvestorTarget | None:
    """Who and where the lead `found` is about, or None when it cannot be placed.

    Who is the named organization when the article names one (its origin then adds nothing to
    the key, so the same firm's intention is one lead whether or not an article says where it
    is from), else the origin region or country. A lead with no who is not saved: it could
    only be merged with unrelated leads.
    """
    reference = saving.reference
    organization = organizations.get(normalize_name(found.organization))
    region, country = (None, None) if organization else reference.origin(found.origin_slug, found.origin)
    if not (organization or region or country):
        return None
    province = reference.province(found.province_slug)
    site = reference.site(found.site_slug)
    if province is None and site is not None:
        province = site.province
    return InvestorTarget(
        organization_id=organization.pk if organization else None,
        origin_region_id=region.pk if region else None,
        origin_country_id=country.code if country else None,
        province_id=province.pk if province else None,
    )


def _mention_in(sentence: Sentence, mentions: Iterable[Mention]) -> Mention | None:
    """The first of `mentions` inside `sentence`: the words that name the lead's sector there."""
    return next((m for m in mentions if sentence.start <= m.start and m.end <= sentence.end), None)


def _get_or_create(create: Callable[[], T], reread: Callable[[], T]) -> tuple[T, bool]:
    """Create in a savepoint; when a unique constraint says the record exists, read it instead.

    Under PostgreSQL's READ COMMITTED the insert waits for a concurrent writer of the same key
    and fails once it commits, and the re-read then sees its row.
    """
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        return reread(), False


def _grouped(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items by key, in order of first appearance."""
    groups: dict[K, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _fit(model: type[models.Model], field_name: str, value: str) -> str:
    """`value` cut to the column's length: one overlong name must not fail a whole article."""
    return value[: model._meta.get_field(field_name).max_length]
