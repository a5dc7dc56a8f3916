"""Every admin page runs the same number of queries for 1 row as for 50.

Each changelist is measured twice, showing 1 and then 50 rows of its model (rows rich in
related records, so a missing `select_related` would show), and the two counts must be equal.
Change pages are measured with 1 and with 20 related rows (contacts, evidence, stage changes,
activities...). A model registered in the admin without a row maker here fails the suite.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leads.choices import ReportedStatus, SiteKind, Stage
from leads.models import (
    ApiToken,
    Contact,
    Country,
    DeletedRecord,
    Evidence,
    ExchangeRate,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    Site,
    SourceArticle,
    StageChange,
)
from tests.admin.conftest import evidence_for, make_site
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    OpportunityFactory,
    OrganizationFactory,
    SourceArticleFactory,
    UserFactory,
)
from tests.sources import rows as source_rows
from tests.watches import rows as watch_rows

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def rich_opportunities(n: int) -> list[int]:
    """Opportunities with organization, origin, province, site, project, sectors, status, owner, value and next step."""
    provinces = list(Province.objects.current()[:10])
    sectors = list(Sector.objects.all()[:10])
    region = ForeignRegion.objects.get(slug="quang-tay")
    owner = UserFactory()
    article = SourceArticleFactory()
    sites = [
        make_site(f"KCN Thử nghiệm {Site.objects.count()}-{i}", province.slug, None)
        for i, province in enumerate(provinces)
    ]
    pks = []
    for i in range(n):
        opportunity = OpportunityFactory(
            province=provinces[i % len(provinces)],
            site=sites[i % len(sites)],
            project=f"Dự án số {i}",
            primary_sector=sectors[i % len(sectors)],
            sectors=[sectors[(i + 1) % len(sectors)], sectors[(i + 2) % len(sectors)]],
            status=ReportedStatus.values[i % len(ReportedStatus.values)],
            reported_on=datetime.date(2025, 9, 18),
            origin_region=region,
            origin_country_id="CN",
            owner=owner,
            value=1000 + i,
            currency=["USD", "VND", "CNY"][i % 3],
            next_step="Gọi điện",
            next_step_on=datetime.date(2025, 10, 1 + i % 28),
            is_imported=True,
        )
        Evidence.objects.create(
            article=article, opportunity=opportunity, sentence="Câu.", sentence_start=0, sentence_end=4
        )
        pks.append(opportunity.pk)
    return pks


def rich_organizations(n: int) -> list[int]:
    sectors = list(Sector.objects.all()[:3])
    province = Province.objects.get(slug="bac-ninh")
    region = ForeignRegion.objects.get(slug="quang-tay")
    pks = []
    for _i in range(n):
        organization = OrganizationFactory(province=province, region=region)
        organization.sectors.add(*sectors)
        organization.aliases.create(name=f"{organization.name} (viết tắt)")
        ContactFactory(organization=organization)
        OpportunityFactory(organization=organization)
        pks.append(organization.pk)
    return pks


def sites(n: int) -> list[int]:
    provinces = list(Province.objects.current()[:5])
    former = Province.objects.get(slug="bac-giang")
    return [
        Site.objects.create(
            slug=f"test-kcn-so-{i}",
            name=f"KCN số {i}",
            kind=SiteKind.INDUSTRIAL_PARK,
            province=provinces[i % len(provinces)],
            former_province=former,
        ).pk
        for i in range(n)
    ]


def exchange_rates(n: int) -> list[int]:
    return existing(
        ExchangeRate, n, lambda i: ExchangeRate.objects.create(currency="HKD", year=1900 + i, units_per_usd=7.8)
    )


def rich_contacts(n: int) -> list[int]:
    return [ContactFactory(is_imported=True).pk for _ in range(n)]


def rich_articles(n: int) -> list[int]:
    pks = []
    for _ in range(n):
        article = SourceArticleFactory(imported_by=UserFactory(), published_on=datetime.date(2025, 9, 18))
        Evidence.objects.create(
            article=article,
            organization=OrganizationFactory(),
            sentence="Câu.",
            sentence_start=0,
            sentence_end=4,
        )
        pks.append(article.pk)
    return pks


def rich_evidence(n: int) -> list[int]:
    article = SourceArticleFactory()
    pks = []
    for i in range(n):
        subject = [
            {"organization": OrganizationFactory()},
            {"contact": ContactFactory()},
            {"opportunity": OpportunityFactory()},
        ][i % 3]
        pks.append(
            Evidence.objects.create(
                article=article, sentence="Đại diện.", sentence_start=0, sentence_end=9, mention="Đại", **subject
            ).pk
        )
    return pks


def rich_stage_changes(n: int) -> list[int]:
    user = UserFactory()
    return [
        StageChange.objects.create(
            opportunity=OpportunityFactory(origin_region=ForeignRegion.objects.get(slug="quang-tay")),
            from_stage=Stage.IDENTIFIED,
            to_stage=Stage.QUALIFIED,
            changed_by=user,
        ).pk
        for _ in range(n)
    ]


def rich_activities(n: int) -> list[int]:
    user = UserFactory()
    pks = []
    for i in range(n):
        subject = [
            {"opportunity": OpportunityFactory()},
            {"opportunity": None, "organization": OrganizationFactory()},
            {"opportunity": None, "contact": ContactFactory()},
        ][i % 3]
        pks.append(ActivityFactory(created_by=user, **subject).pk)
    return pks


def api_tokens(n: int) -> list[int]:
    return [ApiToken.objects.issue(name=f"BI {i}", user=UserFactory())[0].pk for i in range(n)]


def log_entries(n: int) -> list[int]:
    """Audit entries of organizations and opportunities, created, edited and linked, each by another user."""
    after = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sectors = list(Sector.objects.all()[:2])
    for _ in range((n + 3) // 4):
        with set_actor(UserFactory()):
            opportunity = OpportunityFactory(sectors=sectors)  # its organization, itself, its sectors
            opportunity.next_step = "Gọi điện"
            opportunity.save()
    return list(LogEntry.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:n])


def deleted_records(n: int) -> list[int]:
    return [DeletedRecord.objects.create(model="opportunity", object_id=i).pk for i in range(n)]


def existing(model, n: int, make: Callable[[int], object] | None = None) -> list[int]:
    """Reference rows the migrations loaded, topped up when there are fewer than `n`."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True)[:n])
    for i in range(n - len(pks)):
        pks.append(make(i).pk)
    return pks


def users(n: int) -> list[int]:
    permission = Permission.objects.get(codename="view_opportunity")
    group = Group.objects.create(name="Xúc tiến đầu tư")
    group.permissions.add(permission)
    pks = []
    for _ in range(n):
        user = UserFactory()
        user.groups.add(group)
        pks.append(user.pk)
    return pks


def groups(n: int) -> list[int]:
    permissions = list(Permission.objects.all()[:5])
    pks = []
    for i in range(n):
        group = Group.objects.create(name=f"Nhóm {i}")
        group.permissions.add(*permissions)
        pks.append(group.pk)
    return pks


ROW_MAKERS: dict[str, Callable[[int], list]] = {
    "leads.opportunity": rich_opportunities,
    "leads.organization": rich_organizations,
    "leads.contact": rich_contacts,
    "leads.sourcearticle": rich_articles,
    "leads.evidence": rich_evidence,
    "leads.stagechange": rich_stage_changes,
    "leads.activity": rich_activities,
    "leads.apitoken": api_tokens,
    "leads.deletedrecord": deleted_records,
    "auditlog.logentry": log_entries,
    "leads.province": lambda n: existing(Province, n),
    "leads.site": sites,
    "leads.exchangerate": exchange_rates,
    "leads.country": lambda n: existing(
        Country, n, lambda i: Country.objects.create(code=f"Q{chr(65 + i % 26)}", name=f"Nước {i}")
    ),
    "leads.foreignregion": lambda n: existing(ForeignRegion, n),
    "leads.sector": lambda n: existing(
        Sector, n, lambda i: Sector.objects.create(slug=f"extra-{i}", name_en=f"Extra {i}", name_vi=f"Thêm {i}")
    ),
    "auth.user": users,
    "auth.group": groups,
    "leads.watch": watch_rows.watches,
    "leads.notification": watch_rows.notifications,
    "leads.webhooksubscription": watch_rows.webhook_subscriptions,
    "importers.source": source_rows.sources,
    "importers.importjob": source_rows.import_jobs,
    "importers.importjobitem": source_rows.import_job_items,
    "django_tasks_database.dbtaskresult": source_rows.task_results,
}


def registered_models() -> list[str]:
    return sorted(model._meta.label_lower for model in admin.site._registry)


def test_every_registered_admin_has_a_row_maker():
    assert set(registered_models()) <= set(ROW_MAKERS)


@pytest.mark.parametrize("label", sorted(ROW_MAKERS))
def test_changelist_query_count_does_not_grow_with_rows(admin_client_logged_in, label):
    app_label, model_name = label.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    pks = ROW_MAKERS[label](50)
    assert len(pks) == 50
    pk_name = admin.site._registry[next(m for m in admin.site._registry if m._meta.label_lower == label)].opts.pk.name
    one = f"{url}?{pk_name}__in={pks[0]}"
    fifty = f"{url}?{pk_name}__in={','.join(str(pk) for pk in pks)}"
    admin_client_logged_in.get(one)  # warm caches (content types, site) before measuring

    first = count_queries(admin_client_logged_in, one)
    response = admin_client_logged_in.get(fifty)
    assert response.context["cl"].result_count == 50
    assert count_queries(admin_client_logged_in, fifty) == first


def test_province_changelist_lists_34_current_units_and_every_historical_one(admin_client_logged_in):
    import json
    from pathlib import Path

    shipped = json.loads((Path(__file__).resolve().parents[2] / "fixtures/reference/provinces.json").read_text())
    historical_units = sum(1 for unit in shipped if not unit["is_current"])
    assert historical_units >= 63  # the 63 pre-2025 provinces, and any older unit the file also names

    response = admin_client_logged_in.get(reverse("admin:leads_province_changelist"))
    assert response.context["cl"].result_count == 34 + historical_units
    current = admin_client_logged_in.get(reverse("admin:leads_province_changelist") + "?is_current__exact=1")
    assert current.context["cl"].result_count == 34
    historical = admin_client_logged_in.get(reverse("admin:leads_province_changelist") + "?is_current__exact=0")
    assert historical.context["cl"].result_count == historical_units


# --- change pages ------------------------------------------------------------------------------


def organization_with(n: int) -> Organization:
    organization = OrganizationFactory()
    article = SourceArticleFactory()
    for i in range(n):
        ContactFactory(organization=organization)
        OpportunityFactory(
            organization=organization,
            primary_sector=Sector.objects.all()[i % 5],
            sectors=[Sector.objects.all()[(i + 1) % 5]],
            status=ReportedStatus.PROPOSAL,
            project=f"Dự án {i}",
        )
        organization.aliases.create(name=f"Tên khác {i}")
        Evidence.objects.create(
            article=article, organization=organization, sentence="Câu.", sentence_start=0, sentence_end=4
        )
        ActivityFactory(opportunity=None, organization=organization, created_by=UserFactory())
    return organization


def opportunity_with(n: int) -> Opportunity:
    opportunity = OpportunityFactory(
        origin_region=ForeignRegion.objects.get(slug="quang-tay"),
        owner=UserFactory(),
        site=make_site(f"KCN Trang {Site.objects.count()}"),
        project="Nhà máy",
        value=1000,
        currency="VND",
    )
    opportunity.sectors.add(*Sector.objects.all()[:n])
    for i in range(n):
        article = SourceArticleFactory(url=f"https://example.vn/{i}")
        Evidence.objects.create(
            article=article, opportunity=opportunity, sentence="Câu.", sentence_start=0, sentence_end=4
        )
        StageChange.objects.create(
            opportunity=opportunity, from_stage="identified", to_stage="qualified", changed_by=UserFactory()
        )
        ActivityFactory(opportunity=opportunity, created_by=UserFactory())
        opportunity.contacts.add(ContactFactory())
        ContactFactory(organization=opportunity.organization)
    return opportunity


def contact_with(n: int) -> Contact:
    contact = ContactFactory()
    article = SourceArticleFactory()
    for _ in range(n):
        Evidence.objects.create(article=article, contact=contact, sentence="Câu.", sentence_start=0, sentence_end=4)
        ActivityFactory(opportunity=None, contact=contact, created_by=UserFactory())
        OpportunityFactory(organization=contact.organization).contacts.add(contact)
    return contact


def article_with(n: int) -> SourceArticle:
    article = SourceArticleFactory(body="Đại diện Quảng Tây. " * n)
    for i in range(n):
        subject = [
            {"organization": OrganizationFactory()},
            {"contact": ContactFactory()},
            {"opportunity": OpportunityFactory()},
        ][i % 3]
        Evidence.objects.create(
            article=article,
            sentence="Đại diện Quảng Tây.",
            sentence_start=20 * i,
            sentence_end=20 * i + 19,
            mention="Quảng Tây",
            mention_start=20 * i + 9,
            mention_end=20 * i + 18,
            **subject,
        )
    return article


CHANGE_PAGES = {
    "organization": organization_with,
    "opportunity": opportunity_with,
    "contact": contact_with,
    "sourcearticle": article_with,
}


@pytest.mark.parametrize("model_name", sorted(CHANGE_PAGES))
def test_change_page_query_count_does_not_grow_with_related_rows(admin_client_logged_in, model_name):
    small = CHANGE_PAGES[model_name](1)
    large = CHANGE_PAGES[model_name](20)
    small_url = reverse(f"admin:leads_{model_name}_change", args=[small.pk])
    large_url = reverse(f"admin:leads_{model_name}_change", args=[large.pk])
    admin_client_logged_in.get(small_url)

    assert count_queries(admin_client_logged_in, large_url) == count_queries(admin_client_logged_in, small_url)


# --- the workspace's own pages -------------------------------------------------------------------


def test_dashboard_query_count_does_not_grow_with_rows(admin_client_logged_in, superuser):
    url = reverse("admin:index")
    OpportunityFactory(owner=superuser, next_step_on=timezone.localdate())
    rich_articles(1)
    admin_client_logged_in.get(url)
    small = count_queries(admin_client_logged_in, url)

    for pk in rich_opportunities(50):
        Opportunity.objects.filter(pk=pk).update(owner=superuser)
    rich_articles(10)
    assert count_queries(admin_client_logged_in, url) == small


def test_review_queue_query_count_does_not_grow_with_rows(admin_client_logged_in):
    url = reverse("admin:leads_opportunity_review")
    rich_opportunities(1)
    rich_contacts(1)
    admin_client_logged_in.get(url)
    small = count_queries(admin_client_logged_in, url)

    rich_opportunities(30)
    rich_contacts(30)
    assert count_queries(admin_client_logged_in, url) == small


def test_merge_page_query_count_does_not_grow_with_organizations(admin_client_logged_in):
    url = reverse("admin:leads_organization_merge")
    two = rich_organizations(2)
    ten = rich_organizations(10)
    admin_client_logged_in.get(f"{url}?ids={two[0]},{two[1]}")

    small = count_queries(admin_client_logged_in, f"{url}?ids={two[0]},{two[1]}")
    assert count_queries(admin_client_logged_in, f"{url}?ids={','.join(map(str, ten))}") == small


def test_duplicates_page_query_count_does_not_grow_with_pairs(admin_client_logged_in):
    url = reverse("admin:leads_organization_duplicates")
    OrganizationFactory(name="Công ty TNHH Hợp tác Quảng Tây")
    OrganizationFactory(name="Công ty TNHH Hợp tác Quảng Tây Việt Nam")
    admin_client_logged_in.get(url)
    small = count_queries(admin_client_logged_in, url)
    assert len(admin_client_logged_in.get(url).context["rows"]) == 1

    for i in range(10):
        OrganizationFactory(name=f"Tập đoàn Điện tử Thâm Quyến {i}")
    assert len(admin_client_logged_in.get(url).context["rows"]) > 10
    assert count_queries(admin_client_logged_in, url) == small


def test_evidence_helper_marks_the_words_at_their_offsets(article):
    evidence = evidence_for(article, "Quảng Tây", occurrence=1, organization=OrganizationFactory())
    assert article.body[evidence.mention_start : evidence.mention_end] == "Quảng Tây"


def test_csv_export_query_count_does_not_grow_with_rows(admin_client_logged_in):
    url = reverse("admin:leads_opportunity_changelist")

    def export(pks: list[int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client_logged_in.post(url, {"action": "export_csv", "_selected_action": pks})
            rows = b"".join(response.streaming_content).decode("utf-8").splitlines()
        assert len(rows) == len(pks) + 1
        return len(queries)

    one = rich_opportunities(1)
    fifty = rich_opportunities(50)
    for opportunity in Opportunity.objects.filter(pk__in=one + fifty):
        opportunity.contacts.add(ContactFactory(organization=opportunity.organization))
    export(one)
    assert export(fifty) == export(one)
