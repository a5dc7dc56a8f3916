"""The imported-lead key of one intention: investor (organization or origin), province, project."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leads", "0008_opportunities_one_per_intention")]

    operations = [
        migrations.AlterField(
            model_name="opportunity",
            name="currency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("USD", "USD"),
                    ("VND", "VND"),
                    ("CNY", "CNY"),
                    ("EUR", "EUR"),
                    ("JPY", "JPY"),
                    ("KRW", "KRW"),
                    ("SGD", "SGD"),
                    ("GBP", "GBP"),
                    ("AUD", "AUD"),
                    ("THB", "THB"),
                    ("TWD", "TWD"),
                    ("HKD", "HKD"),
                ],
                max_length=3,
                verbose_name="currency",
            ),
        ),
        migrations.AddConstraint(
            model_name="opportunity",
            constraint=models.UniqueConstraint(
                django.db.models.functions.comparison.Coalesce("organization", models.Value(0)),
                django.db.models.functions.comparison.Coalesce("origin_region", models.Value(0)),
                django.db.models.functions.comparison.Coalesce("origin_country", models.Value("")),
                django.db.models.functions.comparison.Coalesce("province", models.Value(0)),
                "project_key",
                condition=models.Q(is_imported=True),
                name="opportunity_unique_imported_intention",
            ),
        ),
        migrations.AddConstraint(
            model_name="opportunity",
            constraint=models.CheckConstraint(
                condition=models.Q(land_area_ha__isnull=True) | models.Q(land_area_ha__gte=0),
                name="opportunity_land_area_not_negative",
            ),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(fields=["province", "stage"], name="opportunity_province_stage"),
        ),
    ]
