"""One folded search column per searched resource, and the indexes the lists' filters and orderings want.

`search_text` of opportunities, organizations and contacts now also holds, one per line, the folded
names a search finds them by (see `leads.models.search`); sites get the column their opportunities
copy (name, aliases, slug). The backfill is one set-based `UPDATE` per table, run before the indexes
on those columns are built, so a table of a million opportunities is rewritten once and indexed once.

On PostgreSQL `pg_trgm` GIN indexes serve the searches, and `value DESC NULLS LAST, id DESC` serves
ordering by value and value ranges; SQLite gets `value DESC, id DESC` (its NULLs sort last in
descending order already) and scans for searches.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from leads.models.search import (
    contact_search_sql,
    opportunity_search_sql,
    organization_search_sql,
    own_text_sql,
    site_search_text,
)

TRIGRAM_INDEXES = [
    ("leads_opportunity", "search_text"),
    ("leads_contact", "search_text"),
    ("leads_organization", "search_text"),
]
VALUE_INDEX = "opportunity_value_desc"


class CreateTrigramExtension(TrigramExtension):
    """`pg_trgm` on PostgreSQL (a no-op elsewhere); kept when unapplied, as 0003's indexes use it too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        return


def backfill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    Site = apps.get_model("leads", "Site")
    for site in Site.objects.all():  # a few hundred rows of reference data, folded in Python
        folded = site_search_text(normalized_name=site.normalized_name, aliases=site.aliases, slug=site.slug)
        Site.objects.filter(pk=site.pk).update(search_text=folded)
    if vendor == "postgresql":
        schema_editor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for table, column in TRIGRAM_INDEXES:  # rebuilt once below, not maintained row by row
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")
    schema_editor.execute(f"UPDATE leads_organization SET search_text = {organization_search_sql(vendor)}")
    schema_editor.execute(f"UPDATE leads_contact SET search_text = {contact_search_sql(vendor)}")
    schema_editor.execute(f"UPDATE leads_opportunity SET search_text = {opportunity_search_sql(vendor)}")
    if vendor == "postgresql":
        for table, column in TRIGRAM_INDEXES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)"
            )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {VALUE_INDEX} ON leads_opportunity (value DESC NULLS LAST, id DESC)"
        )
    else:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {VALUE_INDEX} ON leads_opportunity (value DESC, id DESC)")


def unfill(apps, schema_editor):
    """Back to the own text only (the column's meaning before this migration)."""
    vendor = schema_editor.connection.vendor
    schema_editor.execute(f"DROP INDEX IF EXISTS {VALUE_INDEX}")
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS leads_organization_search_text_trgm")
    for table in ("leads_opportunity", "leads_contact"):
        schema_editor.execute(f"UPDATE {table} SET search_text = {own_text_sql(f'{table}.search_text', vendor)}")


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0012_watches"),
    ]

    operations = [
        CreateTrigramExtension(),
        migrations.RemoveIndex(
            model_name="opportunity",
            name="opportunity_province_stage",
        ),
        migrations.AddField(
            model_name="organization",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="site",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(backfill, unfill, elidable=False),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(
                models.OrderBy(models.F("updated_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="opportunity_recent",
            ),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(
                models.F("province"),
                models.F("stage"),
                models.OrderBy(models.F("updated_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="opportunity_province_recent",
            ),
        ),
    ]
