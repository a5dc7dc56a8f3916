"""Load the shipped reference data (provinces, foreign regions, countries, sectors)."""

from django.db import migrations


def load(apps, schema_editor):
    from leads.reference_data import load_reference_data

    load_reference_data(apps, sites_and_rates=False)  # their tables come in 0007, and 0008 loads them


class Migration(migrations.Migration):
    dependencies = [("leads", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
