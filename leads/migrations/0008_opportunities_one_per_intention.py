"""Turn the per-sector leads into one lead per investor and target, losing nothing.

Before this, the importer made one opportunity per (organization or origin, province, sector):
one interest became up to sixteen rows. Here every row's sector joins its `sectors`, and the
imported rows of one (organization or origin, province) are merged into one:

- the row staff worked on most is kept (a stage moved, a review decision, an owner, activities
  or stage changes, an edit, in that order; the oldest when none);
- evidence, activities, stage changes, contacts and sectors of the others move to it;
- its blank fields are filled from the others (owner, next step, value, description...);
- each merged row is written down on the kept one as a note (its sector, stage, review status,
  owner, next step, description), so nothing staff entered is lost, and a tombstone tells sync
  clients the row is gone.

Also loads the shipped sites and exchange rates (and the reference rows added since 0002:
Hà Tây and Hà Bắc, more countries), and fills the value in USD, the date first
reported (the earliest article of a row's evidence) and the search text the new `project`
joins. Rows staff entered by hand are never merged.
"""

from collections import defaultdict

from django.conf import settings
from django.db import migrations

_FILLED = (
    "title",
    "value",
    "currency",
    "expected_jobs",
    "likelihood",
    "expected_decision_on",
    "owner_id",
    "next_step",
    "next_step_on",
    "description",
    "investment_type",
)


def _work_done(opportunity, activity_ids: set[int], moved_ids: set[int]) -> tuple:
    return (
        opportunity.stage != "identified",
        opportunity.review_status != "pending",
        opportunity.owner_id is not None,
        opportunity.id in activity_ids or opportunity.id in moved_ids,
        opportunity.updated_at != opportunity.created_at,
        -opportunity.id,
    )


def _describe(opportunity, sector_names: dict[int, str], users: dict[int, str]) -> str:
    parts = [
        f"sector: {sector_names.get(opportunity.primary_sector_id, '-')}",
        f"stage: {opportunity.stage}",
        f"review: {opportunity.review_status}",
        f"priority: {opportunity.priority}",
    ]
    optional = {
        "title": opportunity.title,
        "owner": users.get(opportunity.owner_id, ""),
        "next step": opportunity.next_step,
        "next step date": opportunity.next_step_on.isoformat() if opportunity.next_step_on else "",
        "lost / on-hold reason": opportunity.stage_reason,
        "value": f"{opportunity.value} {opportunity.currency}".strip() if opportunity.value is not None else "",
        "likelihood": "" if opportunity.likelihood is None else f"{opportunity.likelihood}%",
        "description": opportunity.description,
    }
    parts += [f"{label}: {value}" for label, value in optional.items() if value]
    return "\n".join(parts)


def reshape(apps, schema_editor):
    from leads.money import to_usd
    from leads.reference_data import load_reference_data
    from leads.text import normalize_name

    load_reference_data(apps)  # sites and rates, and the places and countries added since 0002 (never overwrites)
    Opportunity = apps.get_model("leads", "Opportunity")
    Evidence = apps.get_model("leads", "Evidence")
    Activity = apps.get_model("leads", "Activity")
    StageChange = apps.get_model("leads", "StageChange")
    DeletedRecord = apps.get_model("leads", "DeletedRecord")
    Sector = apps.get_model("leads", "Sector")
    ExchangeRate = apps.get_model("leads", "ExchangeRate")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    SectorLink = Opportunity.sectors.through
    ContactLink = Opportunity.contacts.through

    SectorLink.objects.bulk_create(
        [
            SectorLink(opportunity_id=pk, sector_id=sector_id)
            for pk, sector_id in Opportunity.objects.exclude(primary_sector=None).values_list("pk", "primary_sector_id")
        ],
        ignore_conflicts=True,
    )

    sector_names = dict(Sector.objects.values_list("pk", "name_en"))
    users = dict(User.objects.values_list("pk", "username"))
    activity_ids = set(Activity.objects.exclude(opportunity=None).values_list("opportunity_id", flat=True))
    moved_ids = set(StageChange.objects.values_list("opportunity_id", flat=True))
    groups = defaultdict(list)
    for opportunity in Opportunity.objects.filter(is_imported=True).order_by("pk"):
        key = (opportunity.organization_id, opportunity.origin_region_id, opportunity.origin_country_id, opportunity.province_id)
        groups[key].append(opportunity)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        kept = max(rows, key=lambda row: _work_done(row, activity_ids, moved_ids))
        for other in rows:
            if other.pk == kept.pk:
                continue
            Evidence.objects.filter(opportunity_id=other.pk).update(opportunity_id=kept.pk)
            Activity.objects.filter(opportunity_id=other.pk).update(opportunity_id=kept.pk)
            StageChange.objects.filter(opportunity_id=other.pk).update(opportunity_id=kept.pk)
            for model, column in ((SectorLink, "sector_id"), (ContactLink, "contact_id")):
                values = model.objects.filter(opportunity_id=other.pk).values_list(column, flat=True)
                model.objects.bulk_create(
                    [model(opportunity_id=kept.pk, **{column: value}) for value in values], ignore_conflicts=True
                )
            for name in _FILLED:
                if getattr(kept, name) in (None, "") and getattr(other, name) not in (None, ""):
                    setattr(kept, name, getattr(other, name))
            Activity.objects.create(
                opportunity_id=kept.pk,
                kind="note",
                subject=f"Merged from opportunity #{other.pk} (one lead per investor and target)",
                notes=_describe(other, sector_names, users),
            )
            merged_id = other.pk
            other.delete()
            DeletedRecord.objects.create(model="opportunity", object_id=merged_id)
        kept.save()

    rates = {}
    for rate in ExchangeRate.objects.all():
        rates.setdefault(rate.currency, {})[rate.year] = rate.units_per_usd
    first_reported = {}
    for opportunity_id, published_on in Evidence.objects.exclude(opportunity=None).exclude(
        article__published_on=None
    ).values_list("opportunity_id", "article__published_on"):
        if opportunity_id not in first_reported or published_on < first_reported[opportunity_id]:
            first_reported[opportunity_id] = published_on
    for opportunity in Opportunity.objects.all():
        opportunity.reported_on = first_reported.get(opportunity.pk)
        year = (opportunity.reported_on or opportunity.created_at).year
        opportunity.value_usd = to_usd(opportunity.value, opportunity.currency, year, rates)
        opportunity.search_text = normalize_name(
            " ".join(filter(None, [opportunity.title, opportunity.next_step, opportunity.description]))
        )
        Opportunity.objects.filter(pk=opportunity.pk).update(
            reported_on=opportunity.reported_on, value_usd=opportunity.value_usd, search_text=opportunity.search_text
        )


class Migration(migrations.Migration):
    dependencies = [("leads", "0007_opportunity_intention"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [migrations.RunPython(reshape, migrations.RunPython.noop)]
