"""`manage.py generate_demo_data`: seeded demo data, written in bulk, that reads as if the models had saved it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from leads.choices import STAGES_NEEDING_REASON, Stage
from leads.demo_data import DemoPlan, generate_demo_data
from leads.models import (
    Activity,
    Contact,
    Evidence,
    Opportunity,
    Organization,
    OrganizationAlias,
    SourceArticle,
    StageChange,
)
from leads.services import ALLOWED_MOVES

pytestmark = pytest.mark.django_db

OPPORTUNITIES = 240
DEMO_MODELS = (
    Organization,
    OrganizationAlias,
    Contact,
    SourceArticle,
    Opportunity,
    Opportunity.sectors.through,
    Opportunity.contacts.through,
    Organization.sectors.through,
    Evidence,
    StageChange,
    Activity,
)


def generate(*arguments: str) -> str:
    out = StringIO()
    call_command("generate_demo_data", "--opportunities", str(OPPORTUNITIES), *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Every demo row, every column, in key order; users by name (PostgreSQL never reuses a rolled-back key)."""
    from django.contrib.auth import get_user_model

    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    rows = {}
    for model in DEMO_MODELS:
        fields = list(model._meta.concrete_fields)
        by_user = [f.is_relation and f.related_model is get_user_model() for f in fields]
        rows[model._meta.db_table] = [
            tuple(usernames.get(value) if user else value for value, user in zip(row, by_user, strict=True))
            for row in model.objects.order_by("pk").values_list(*[f.attname for f in fields])
        ]
    return rows


def generated_snapshot(*arguments: str) -> dict[str, list[tuple]]:
    """The rows a run writes, rolled back afterwards so the next run starts from the same empty tables."""
    with transaction.atomic():
        generate(*arguments)
        rows = snapshot()
        transaction.set_rollback(True)
    return rows


def test_it_writes_the_counts_asked_for_and_reports_them():
    out = generate("--organizations", "30", "--contacts", "50", "--articles", "40")

    assert Opportunity.objects.count() == OPPORTUNITIES
    assert Organization.objects.count() == 30
    assert Contact.objects.count() == 50
    assert SourceArticle.objects.count() == 40
    imported = Opportunity.objects.filter(is_imported=True)
    assert 40 <= imported.count() <= 3 * 40  # one to three leads per article
    assert not imported.filter(evidence__isnull=True).exists()  # every imported lead has its evidence
    assert Evidence.objects.filter(organization__isnull=False).exists()
    assert Evidence.objects.filter(contact__isnull=False).exists()
    assert StageChange.objects.exists() and Activity.objects.exists()
    assert f"leads_opportunity {OPPORTUNITIES:>10,}".split() == next(
        line.split() for line in out.splitlines() if line.startswith("leads_opportunity ")
    )


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = generated_snapshot("--seed", "7")
    assert first["leads_opportunity"]
    assert generated_snapshot("--seed", "7") == first

    other = generated_snapshot("--seed", "8")
    assert other["leads_organization"] != first["leads_organization"]
    assert other["leads_opportunity"] != first["leads_opportunity"]


def test_the_rows_are_what_the_models_and_services_allow():
    generate()
    opportunities = list(Opportunity.objects.prefetch_related("sectors", "stage_changes").select_related("site"))
    for opportunity in opportunities:
        opportunity.full_clean()  # field rules, choices, the unique imported intention
        assert opportunity.primary_sector in opportunity.sectors.all()
        if opportunity.site_id:
            assert opportunity.site.province_id == opportunity.province_id
        assert opportunity.updated_at >= opportunity.created_at
        assert opportunity.version == 1

        moves = sorted(opportunity.stage_changes.all(), key=lambda change: change.changed_at)
        stage = Stage.IDENTIFIED
        for move in moves:
            assert move.from_stage == stage
            assert move.to_stage in ALLOWED_MOVES[move.from_stage]
            assert opportunity.created_at <= move.changed_at <= opportunity.updated_at
            stage = move.to_stage
        assert stage == opportunity.stage
        if opportunity.stage in STAGES_NEEDING_REASON:
            assert opportunity.stage_reason and moves[-1].note == opportunity.stage_reason

    for organization in Organization.objects.all():
        organization.full_clean()
    for contact in Contact.objects.all():
        contact.full_clean()
    for activity in Activity.objects.all():
        activity.full_clean()


def test_evidence_points_at_the_words_in_the_article_body():
    generate()
    evidence = list(Evidence.objects.select_related("article", "organization", "contact", "opportunity"))
    assert evidence
    for row in evidence:
        body = row.article.body
        assert body[row.sentence_start : row.sentence_end] == row.sentence
        assert body[row.mention_start : row.mention_end] == row.mention
        if row.organization_id:
            assert row.mention == row.organization.name
        if row.contact_id:
            assert row.mention == row.contact.full_name
        if row.opportunity_id:
            assert row.opportunity.is_imported
            assert row.opportunity.reported_on == row.article.published_on


def test_each_derived_column_is_what_the_models_save_would_compute():
    generate()
    derived = {
        Organization: ("normalized_name",),
        OrganizationAlias: ("normalized_name",),
        Contact: ("normalized_name", "search_text"),
        SourceArticle: ("search_text",),
        Opportunity: ("search_text", "project_key", "value_usd"),
    }
    for model, fields in derived.items():
        written = {row[0]: row[1:] for row in model.objects.values_list("pk", *fields)}
        assert any(all(value not in ("", None) for value in values) for values in written.values())
        for record in model.objects.all():
            for name in fields:
                setattr(record, name, None if name == "value_usd" else "stale")
            record.save()
        assert {row[0]: row[1:] for row in model.objects.values_list("pk", *fields)} == written, model


def test_value_in_usd_comes_from_the_reference_rates_in_several_currencies():
    generate()
    currencies = set(Opportunity.objects.exclude(currency="").values_list("currency", flat=True))
    assert {"USD", "VND", "CNY"} <= currencies
    assert not Opportunity.objects.filter(value__isnull=False, value_usd__isnull=True).exists()


def test_the_api_lists_filters_and_searches_the_demo_data(superuser):
    generate()
    client = APIClient()
    client.force_authenticate(superuser)
    url = reverse("api:opportunity-list")

    assert client.get(url).json()["count"] == OPPORTUNITIES

    opportunity = Opportunity.objects.filter(is_imported=True, province__isnull=False).first()
    sector = opportunity.sectors.first()
    response = client.get(
        url, {"province": opportunity.province.slug, "sector": sector.slug, "stage": opportunity.stage}
    ).json()
    assert opportunity.pk in [row["id"] for row in response["results"]]
    assert (
        response["count"]
        == Opportunity.objects.filter(province=opportunity.province, sectors=sector, stage=opportunity.stage).count()
    )

    organization = Organization.objects.filter(opportunities__isnull=False).first()
    found = client.get(url, {"q": organization.name, "page_size": 500}).json()
    assert set(organization.opportunities.values_list("pk", flat=True)) <= {row["id"] for row in found["results"]}
    names = [
        row["name"] for row in client.get(reverse("api:organization-list"), {"q": organization.name}).json()["results"]
    ]
    assert organization.name in names

    detail = client.get(reverse("api:opportunity-detail", args=[opportunity.pk])).json()
    assert detail["evidence"] and detail["evidence"][0]["sentence"]
    summary = client.get(reverse("api:opportunity-summary")).json()
    assert summary["count"] == OPPORTUNITIES


def test_it_refuses_a_database_holding_other_records_unless_forced():
    from tests.factories import OrganizationFactory

    OrganizationFactory(name="Công ty TNHH Khách hàng thật")
    with pytest.raises(CommandError, match="not demo data"):
        generate()
    with pytest.raises(CommandError, match="not demo data"):
        generate("--append")
    assert not Opportunity.objects.exists()

    generate("--force")
    assert Opportunity.objects.count() == OPPORTUNITIES


def test_demo_data_is_added_to_only_with_append_and_stays_consistent():
    generate()
    with pytest.raises(CommandError, match="--append"):
        generate()
    generate("--append")  # the same seed again: new keys, names and intentions avoid the ones there

    assert Opportunity.objects.count() == 2 * OPPORTUNITIES
    for opportunity in Opportunity.objects.filter(is_imported=True):
        opportunity.validate_constraints()
    names = list(Organization.objects.values_list("country", "normalized_name"))
    assert len(names) == len(set(names))


def test_rejects_negative_counts():
    with pytest.raises(CommandError, match="--organizations"):
        generate("--organizations", "-1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are deferred on PostgreSQL only")
def test_a_bulk_load_restores_exactly_the_indexes_and_foreign_keys_the_migrations_made():
    def schema() -> tuple[list[tuple], list[tuple]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() AND tablename LIKE 'leads%%' ORDER BY 2"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = current_schema()::regnamespace ORDER BY 2"
            )
            return indexes, cursor.fetchall()

    before = schema()
    steps: list[str] = []
    report = generate_demo_data(DemoPlan(opportunities=OPPORTUNITIES), defer_indexes=True, on_step=steps.append)

    assert report.deferred_indexes
    assert "index opportunity_province_recent" in steps  # it was dropped and rebuilt
    assert "index leads_opportunity_search_text_trgm" in steps
    assert any(step.startswith("foreign key leads_evidence_article_id") for step in steps)
    assert schema() == before
    assert Opportunity.objects.count() == OPPORTUNITIES
