"""The folded search columns: one per searched resource, so that a search is one `LIKE` an index serves.

A search used to OR `LIKE '%…%'` over the folded names of every related table, which no index can
serve. Each resource now carries one column that holds its own folded text followed by the folded
names a search also finds it by, one per line:

- `Opportunity.search_text`: title, project, next step and description (folded as one text), then
  its organization's name and aliases, its origin region and country, its province, its site (name,
  aliases and slug, `Site.search_text`) and each of its sectors;
- `Organization.search_text`: its name, then each alias;
- `Contact.search_text`: full name and title (as one text), then its organization's name.

A folded query never holds a line break (`normalize_name` turns every run of spaces into one space),
so `LIKE '%key%'` over the column matches exactly when the key is in one of the lines: the results
are those of the ORs it replaces. On PostgreSQL a `pg_trgm` GIN index serves it; SQLite scans.

The first line is folded in Python when the record is saved (the model's `save()`); the other lines
are copied from the related rows' folded columns by SQL (`*_names_sql`), so one set-based `UPDATE`
refreshes any number of rows when a name changes. Who calls what:

- the models' `save()` writes the column of the record saved; renaming an organization, a province,
  a region, a country, a site or a sector refreshes the records that name it; saving or deleting an
  alias refreshes its organization and the organization's opportunities; adding or removing an
  opportunity's sectors refreshes it (the `m2m_changed` receiver below);
- bulk paths that skip `save()` call the `refresh_*` functions themselves (the importer's aliases and
  sector links, demo data generation, the migration's backfill).

The refresh is an `UPDATE` of the derived column only: it moves neither `version` nor `updated_at`,
as the record's own data did not change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.db.models import Func, TextField
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed

ALIASES = "leads_organizationalias"


def _newline(vendor: str) -> str:
    return "chr(10)" if vendor == "postgresql" else "char(10)"


def own_text_sql(column: str, vendor: str) -> str:
    """SQL for the first line of a search column: the record's own folded text."""
    if vendor == "postgresql":
        return f"split_part({column}, chr(10), 1)"
    return f"substr({column}, 1, instr({column} || char(10), char(10)) - 1)"


class OwnText(Func):
    """The record's own folded text: the first line of its search column (see the module docstring)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return own_text_sql(column, connection.vendor), params


def _line(vendor: str, value: str, source: str) -> str:
    """One line per row `source` (`FROM … WHERE …`) holds at most: a line break and `value`, or ''."""
    return f"COALESCE((SELECT {_newline(vendor)} || {value} {source}), '')"


def _lines(vendor: str, value: str, source: str) -> str:
    """A line for each row of `source`, in the order of `value`."""
    newline = _newline(vendor)
    if vendor == "postgresql":
        return f"COALESCE((SELECT string_agg({newline} || {value}, '' ORDER BY {value}) {source}), '')"
    ordered = f"SELECT {newline} || {value} AS line {source} ORDER BY 1"
    return f"COALESCE((SELECT group_concat(line, '') FROM ({ordered})), '')"


def opportunity_names_sql(
    vendor: str, *, organization: str, region: str, country: str, province: str, site: str, opportunity: str
) -> str:
    """SQL for the lines an opportunity is also found by, from the keys it points at (columns or `%s`).

    Each argument is used once, in the order of the signature, so that `%s` placeholders take
    their parameters in that order.
    """
    return " || ".join(
        [
            _line(vendor, "g.normalized_name", f"FROM leads_organization g WHERE g.id = {organization}"),
            _lines(vendor, "a.normalized_name", f"FROM {ALIASES} a WHERE a.organization_id = {organization}"),
            _line(vendor, "r.normalized_name", f"FROM leads_foreignregion r WHERE r.id = {region}"),
            _line(vendor, "c.normalized_name", f"FROM leads_country c WHERE c.code = {country}"),
            _line(vendor, "p.normalized_name", f"FROM leads_province p WHERE p.id = {province}"),
            _line(vendor, "s.search_text", f"FROM leads_site s WHERE s.id = {site}"),
            _lines(
                vendor,
                "x.normalized_name",
                "FROM leads_opportunity_sectors os JOIN leads_sector x ON x.id = os.sector_id "
                f"WHERE os.opportunity_id = {opportunity}",
            ),
        ]
    )


def opportunity_search_sql(vendor: str, table: str = "leads_opportunity") -> str:
    """SQL for an opportunity row's whole search column, from its first line and the rows it points at."""
    names = opportunity_names_sql(
        vendor,
        organization=f"{table}.organization_id",
        region=f"{table}.origin_region_id",
        country=f"{table}.origin_country_code",
        province=f"{table}.province_id",
        site=f"{table}.site_id",
        opportunity=f"{table}.id",
    )
    return f"{own_text_sql(f'{table}.search_text', vendor)} || {names}"


def organization_search_sql(vendor: str, table: str = "leads_organization") -> str:
    aliases = _lines(vendor, "a.normalized_name", f"FROM {ALIASES} a WHERE a.organization_id = {table}.id")
    return f"{table}.normalized_name || {aliases}"


def contact_search_sql(vendor: str, table: str = "leads_contact") -> str:
    organization = _line(vendor, "g.normalized_name", f"FROM leads_organization g WHERE g.id = {table}.organization_id")
    return f"{own_text_sql(f'{table}.search_text', vendor)} || {organization}"


def opportunity_names(
    *, organization: int | None, region: int | None, country: str | None, province: int | None, site: int | None,
    opportunity: int | None,
) -> str:  # fmt: skip
    """The lines an opportunity with these keys is also found by, as stored after its own text."""
    keys = [organization, organization, region, country, province, site, opportunity]
    if all(key is None for key in keys):
        return ""
    placeholders = dict.fromkeys(("organization", "region", "country", "province", "site", "opportunity"), "%s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {opportunity_names_sql(connection.vendor, **placeholders)}", keys)
        return cursor.fetchone()[0]


def opportunity_search_expression() -> RawSQL:
    """The whole search column of the opportunity row an `UPDATE` writes, for `QuerySet.update()`."""
    return RawSQL(opportunity_search_sql(connection.vendor), ())


def refresh_opportunity_search(opportunities: models.QuerySet) -> int:
    """Rewrite the search column of `opportunities` from what they point at now; returns the rows written."""
    return opportunities.order_by().update(search_text=opportunity_search_expression())


def refresh_organization_search(organizations: models.QuerySet) -> int:
    return organizations.order_by().update(search_text=RawSQL(organization_search_sql(connection.vendor), ()))


def refresh_contact_search(contacts: models.QuerySet) -> int:
    return contacts.order_by().update(search_text=RawSQL(contact_search_sql(connection.vendor), ()))


def refresh_named_by_organizations(organization_ids: Iterable[int], *, organizations: bool = True) -> None:
    """Organizations' names or aliases changed: their own columns (unless already written), their
    opportunities' and their contacts'."""
    from leads.models import Contact, Opportunity, Organization

    keys = sorted(set(organization_ids))
    if not keys:
        return
    if organizations:
        refresh_organization_search(Organization.objects.filter(pk__in=keys))
    refresh_opportunity_search(Opportunity.objects.filter(organization__in=keys))
    refresh_contact_search(Contact.objects.filter(organization__in=keys))


def site_search_text(*, normalized_name: str, aliases: Iterable[str], slug: str) -> str:
    """What a site is found by: its name, each alias, and its slug read as words ("kcn-que-vo": "kcn que vo").

    A folded query with its spaces made hyphens is in the slug exactly when the query is in the
    slug with its hyphens made spaces, which is how reference data has always been searched.
    """
    from leads.text import normalize_name

    return "\n".join([normalized_name, *(normalize_name(alias) for alias in aliases), slug.replace("-", " ")])


def _sectors_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """An opportunity's sectors changed (from either side of the link): its search column follows."""
    from leads.models import Opportunity

    if action == "pre_clear" and reverse:
        instance._search_cleared = list(instance.opportunities.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        keys = [instance.pk]
    elif action == "post_clear":
        keys = getattr(instance, "_search_cleared", [])
    else:
        keys = list(pk_set or ())
    if keys:
        refresh_opportunity_search(Opportunity.objects.filter(pk__in=keys))


def connect(through: type[models.Model]) -> None:
    m2m_changed.connect(_sectors_changed, sender=through, dispatch_uid="leads.search.opportunity_sectors")
