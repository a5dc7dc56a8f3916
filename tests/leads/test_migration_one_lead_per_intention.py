"""Migration 0008: a database of per-sector leads becomes one lead per intention, losing nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leads.models import Activity, DeletedRecord, Evidence, Opportunity, StageChange

BEFORE = [("leads", "0006_alias_message")]


def migrate(targets: list[tuple[str, str]]):
    """Migrate the test database to `targets` and return the app registry as of then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_per_sector_leads_become_one_lead_with_all_their_evidence_activities_history_and_staff_work():
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    Organization = old.get_model("leads", "Organization")
    OldOpportunity = old.get_model("leads", "Opportunity")
    Sector = old.get_model("leads", "Sector")
    Province = old.get_model("leads", "Province")
    Article = old.get_model("leads", "SourceArticle")
    OldEvidence = old.get_model("leads", "Evidence")
    OldActivity = old.get_model("leads", "Activity")
    OldStageChange = old.get_model("leads", "StageChange")

    owner = User.objects.create(username="lan")
    firm = Organization.objects.create(name="Tập đoàn Minh Quang", normalized_name="tap doan minh quang")
    bac_ninh = Province.objects.get(slug="bac-ninh")
    article = Article.objects.create(title="t", body="b", raw_text="b", content_hash="h", published_on="2017-05-02")
    rows = {
        slug: OldOpportunity.objects.create(
            organization=firm, province=bac_ninh, sector=Sector.objects.get(slug=slug), is_imported=True
        )
        for slug in ("ai", "iot", "trade")
    }
    worked = rows["iot"]
    worked.stage, worked.owner, worked.next_step, worked.value, worked.currency = (
        "qualified",
        owner,
        "Gọi điện cho văn phòng đại diện",
        3150000000000,
        "VND",
    )
    worked.save()
    rows["trade"].description = "Đã gặp tại hội chợ"
    rows["trade"].save()
    for number, row in enumerate(rows.values()):
        OldEvidence.objects.create(
            article=article, opportunity=row, sentence=f"câu {number}", sentence_start=number, sentence_end=number + 1
        )
    OldActivity.objects.create(opportunity=rows["ai"], kind="call", subject="Gọi lần đầu")
    OldStageChange.objects.create(opportunity=worked, from_stage="identified", to_stage="qualified", changed_by=owner)
    by_hand = OldOpportunity.objects.create(
        organization=firm, province=bac_ninh, sector=Sector.objects.get(slug="ai"), is_imported=False
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    kept = Opportunity.objects.get(is_imported=True)
    assert kept.pk == worked.pk  # the one staff worked on
    assert sorted(kept.sectors.values_list("slug", flat=True)) == ["ai", "iot", "trade"]
    assert kept.primary_sector.slug == "iot"
    assert (kept.stage, kept.owner.username, kept.next_step) == ("qualified", "lan", "Gọi điện cho văn phòng đại diện")
    assert kept.description == "Đã gặp tại hội chợ"  # a blank filled from a merged row
    assert sorted(Evidence.objects.filter(opportunity=kept).values_list("sentence", flat=True)) == [
        "câu 0",
        "câu 1",
        "câu 2",
    ]
    assert list(StageChange.objects.filter(opportunity=kept).values_list("to_stage", flat=True)) == ["qualified"]
    activities = list(Activity.objects.filter(opportunity=kept).order_by("pk"))
    assert activities[0].subject == "Gọi lần đầu"
    notes = {a.subject: a.notes for a in activities[1:]}
    assert set(notes) == {
        f"Merged from opportunity #{rows['ai'].pk} (one lead per investor and target)",
        f"Merged from opportunity #{rows['trade'].pk} (one lead per investor and target)",
    }
    assert (
        "description: Đã gặp tại hội chợ"
        in notes[f"Merged from opportunity #{rows['trade'].pk} (one lead per investor and target)"]
    )
    assert set(DeletedRecord.objects.filter(model="opportunity").values_list("object_id", flat=True)) == {
        rows["ai"].pk,
        rows["trade"].pk,
    }
    assert Opportunity.objects.get(pk=by_hand.pk).sectors.get().slug == "ai"  # entered by hand: never merged
    assert str(kept.reported_on) == "2017-05-02"
    assert kept.value_usd is not None and round(kept.value_usd) == round(3150000000000 / 22370)
