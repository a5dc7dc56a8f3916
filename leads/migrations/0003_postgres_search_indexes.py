"""Trigram indexes for accent-insensitive search on PostgreSQL.

Search folds the query with `normalize_name` and matches it with `LIKE '%…%'` against columns
folded the same way at save time; `gin_trgm_ops` indexes serve exactly that. SQLite has no
trigram index and scans, which is fine at its scale.
"""

from django.db import migrations

TRIGRAM_INDEXES = [
    ("leads_organization", "normalized_name"),
    ("leads_organizationalias", "normalized_name"),
    ("leads_contact", "search_text"),
    ("leads_opportunity", "search_text"),
    ("leads_sourcearticle", "search_text"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("leads", "0002_reference_data")]

    operations = [migrations.RunPython(create, drop)]
