"""Opportunities become one investor's intention toward one target (schema, first step).

Adds sites and exchange rates, and to opportunities: several sectors (the old `sector` becomes
the primary one), site, project, reported status, value in USD, land area, the date first
reported, and what the importer last wrote. The old per-sector unique key is dropped here;
0008 merges the rows it kept apart, 0009 adds the new key.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leads", "0006_alias_message")]

    operations = [
        migrations.CreateModel(
            name="Site",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("industrial_park", "Industrial park"),
                            ("export_processing_zone", "Export processing zone"),
                            ("economic_zone", "Economic zone"),
                            ("hi_tech_park", "Hi-tech park"),
                            ("industrial_cluster", "Industrial cluster"),
                        ],
                        max_length=30,
                        verbose_name="kind",
                    ),
                ),
                ("aliases", models.JSONField(blank=True, default=list, verbose_name="aliases")),
                ("normalized_name", models.CharField(db_index=True, editable=False, max_length=200)),
                (
                    "province",
                    models.ForeignKey(
                        limit_choices_to={"is_current": True},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sites",
                        to="leads.province",
                        verbose_name="province",
                    ),
                ),
                (
                    "former_province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="former_sites",
                        to="leads.province",
                        verbose_name="province before 2025",
                    ),
                ),
            ],
            options={"verbose_name": "site", "verbose_name_plural": "sites", "ordering": ["normalized_name"]},
        ),
        migrations.CreateModel(
            name="ExchangeRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "currency",
                    models.CharField(
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
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("units_per_usd", models.DecimalField(decimal_places=6, max_digits=18, verbose_name="units per US dollar")),
            ],
            options={
                "verbose_name": "exchange rate",
                "verbose_name_plural": "exchange rates",
                "ordering": ["currency", "year"],
                "constraints": [
                    models.UniqueConstraint(fields=("currency", "year"), name="exchange_rate_unique_per_year"),
                    models.CheckConstraint(condition=models.Q(units_per_usd__gt=0), name="exchange_rate_positive"),
                ],
            },
        ),
        migrations.RemoveConstraint(model_name="opportunity", name="opportunity_unique_imported_lead"),
        migrations.RemoveIndex(model_name="opportunity", name="opportunity_sector_prov_stage"),
        migrations.RenameField(model_name="opportunity", old_name="sector", new_name="primary_sector"),
        migrations.AlterField(
            model_name="opportunity",
            name="primary_sector",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="primary_opportunities",
                to="leads.sector",
                verbose_name="primary sector",
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="sectors",
            field=models.ManyToManyField(
                blank=True,
                help_text="Every sector the news names for it, the primary one included.",
                related_name="opportunities",
                to="leads.sector",
                verbose_name="sectors",
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="site",
            field=models.ForeignKey(
                blank=True,
                help_text="Industrial park, economic zone or cluster, when stated.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="opportunities",
                to="leads.site",
                verbose_name="site",
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="project",
            field=models.CharField(blank=True, help_text="The project as written.", max_length=500, verbose_name="project"),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="project_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("interest", "Interest"),
                    ("proposal", "Proposal or survey"),
                    ("agreement", "MOU or agreement signed"),
                    ("licensed", "Licensed or registered"),
                    ("capital_increase", "Capital increased"),
                    ("construction", "Construction started"),
                    ("operating", "Operating"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                help_text="What the news reports; the stage is what the agency did.",
                max_length=20,
                verbose_name="reported status",
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="value_usd",
            field=models.DecimalField(
                blank=True,
                db_index=True,
                decimal_places=2,
                editable=False,
                help_text="The value at the reference rate of the year the news reported it.",
                max_digits=20,
                null=True,
                verbose_name="value in USD",
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="land_area_ha",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="land area (ha)"),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="reported_on",
            field=models.DateField(
                blank=True, db_index=True, help_text="When the news first reported it.", null=True, verbose_name="first reported"
            ),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="imported_facts",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AlterField(
            model_name="opportunity",
            name="is_imported",
            field=models.BooleanField(
                default=False,
                help_text="Imported leads are unique per investor, province and project.",
                verbose_name="found by the importer",
            ),
        ),
        migrations.AlterField(
            model_name="opportunity",
            name="investment_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("new_project", "New project"),
                    ("expansion", "Expansion or capital increase"),
                    ("joint_venture", "Joint venture"),
                    ("m_and_a", "Merger, acquisition or stake"),
                    ("cooperation", "Cooperation agreement or MOU"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="investment type",
            ),
        ),
    ]
