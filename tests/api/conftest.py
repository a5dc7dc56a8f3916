"""Fixtures for the API tests: people with different rights, their tokens, and a small real pipeline.

The records come from the seed articles (fixtures/articles/004 about Quảng Châu and Quảng Tây
courting Hà Nội and Bắc Ninh; 003 about TP.HCM), so filters are exercised on the names staff
actually see.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _user(username: str, codenames: list[str] | None = None, *, superuser: bool = False):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username=username, first_name="Lan", last_name="Trần", is_superuser=superuser)
    if codenames is not None:
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


def _leads_codenames(*, exclude: tuple[str, ...] = ()) -> list[str]:
    from django.contrib.auth.models import Permission

    return [
        codename
        for codename in Permission.objects.filter(content_type__app_label="leads").values_list("codename", flat=True)
        if codename not in exclude
    ]


@pytest.fixture
def full_staff(db):
    """Staff with every permission of the CRM, including marking opportunities won."""
    return _user("lan.tran", _leads_codenames())


@pytest.fixture
def staff_without_won(db):
    """Staff who may do everything except mark an opportunity won (or reopen a won one)."""
    return _user("minh.nguyen", _leads_codenames(exclude=("mark_won",)))


@pytest.fixture
def viewer(db):
    """A user who may only look: the view permissions."""
    return _user("portal.bacninh", [c for c in _leads_codenames() if c.startswith("view_")])


@pytest.fixture
def nobody(db):
    """A logged-in user with no permission at all."""
    return _user("khach", [])


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


def token_for(user, *, read_only: bool = False, name: str = "Cổng thông tin đầu tư Bắc Ninh"):
    """A saved token acting as `user`; its key (stored only as a hash) is in memory as `.key`."""
    from leads.models import ApiToken

    token, _key = ApiToken.objects.issue(user=user, name=name, read_only=read_only)
    return token


def client_for(user, *, read_only: bool = False):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user, read_only=read_only).key}")
    return client


@pytest.fixture
def staff_api(full_staff):
    return client_for(full_staff)


@pytest.fixture
def pipeline(db, full_staff):
    """Four opportunities from the seed articles, with their organizations, contacts and evidence.

    Each has a primary sector; the railway, the AI and the fintech leads name a second sector too,
    and the AI lead a site (KCN Quế Võ, Bắc Ninh).
    """
    from leads.choices import InvestmentType, OrganizationKind, Priority, ReportedStatus, SiteKind, Stage
    from leads.models import Country, Evidence, ForeignRegion, Province, Sector, Site
    from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory, SourceArticleFactory

    region = ForeignRegion.objects.get
    province = Province.objects.get
    sector = Sector.objects.get
    china = Country.objects.get(code="CN")
    vietnam = Country.objects.get(code="VN")
    # The shipped reference data may already hold the site; tests read its name from the record.
    que_vo, _created = Site.objects.get_or_create(
        slug="kcn-que-vo",
        defaults={"name": "KCN Quế Võ", "kind": SiteKind.INDUSTRIAL_PARK, "province": province(slug="bac-ninh")},
    )

    guangzhou_society = OrganizationFactory(
        name="Hội Hữu nghị Hải ngoại Thành phố Quảng Châu",
        kind=OrganizationKind.ASSOCIATION,
        country=china,
        region=region(slug="quang-chau"),
    )
    guangxi_department = OrganizationFactory(
        name="Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây",
        kind=OrganizationKind.LOCAL_AUTHORITY,
        country=china,
        region=region(slug="quang-tay"),
    )
    bac_ninh_department = OrganizationFactory(
        name="Sở Công Thương Bắc Ninh",
        kind=OrganizationKind.LOCAL_AUTHORITY,
        country=vietnam,
        province=province(slug="bac-ninh"),
    )
    guangxi_department.sectors.set([sector(slug="ai"), sector(slug="manufacturing")])
    bac_ninh_department.sectors.set([sector(slug="logistics")])

    chairman = ContactFactory(
        full_name="Vương Hoán Thanh",
        title="Chủ tịch Hội Hữu nghị Hải ngoại Thành phố Quảng Châu",
        organization=guangzhou_society,
    )
    director = ContactFactory(
        full_name="Viên Hoàng",
        title="Giám đốc Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây",
        organization=guangxi_department,
    )
    ContactFactory(
        full_name="Nguyễn Minh Hiếu", title="Giám đốc Sở Công Thương Bắc Ninh", organization=bac_ninh_department
    )

    railway = OpportunityFactory(
        title="Đường sắt kết nối Hà Nội với Quảng Châu",
        organization=guangzhou_society,
        origin_region=region(slug="quang-chau"),
        province=province(slug="ha-noi"),
        project="Tuyến đường sắt khổ tiêu chuẩn Hà Nội – Quảng Châu",
        primary_sector=sector(slug="railways"),
        sectors=[sector(slug="transport-infrastructure")],
        status=ReportedStatus.AGREEMENT,
        reported_on=date(2025, 11, 20),
        stage=Stage.QUALIFIED,
        value=Decimal("500000000"),
        currency="USD",
        priority=Priority.HIGH,
        investment_type=InvestmentType.COOPERATION,
        owner=full_staff,
        next_step="Gặp Hội Hữu nghị tại Hà Nội",
        next_step_on=date(2025, 12, 1),
    )
    railway.contacts.add(chairman)
    ai = OpportunityFactory(
        title="",
        organization=guangxi_department,
        origin_region=region(slug="quang-tay"),
        province=province(slug="bac-ninh"),
        site=que_vo,
        primary_sector=sector(slug="ai"),
        sectors=[sector(slug="manufacturing")],
        status=ReportedStatus.PROPOSAL,
        reported_on=date(2025, 11, 20),
        stage=Stage.IDENTIFIED,
        is_imported=True,
        next_step_on=date(2025, 10, 15),
    )
    ai.contacts.add(director)
    logistics = OpportunityFactory(
        title="Trung tâm logistics Quảng Tây – Bắc Ninh",
        organization=None,
        origin_region=region(slug="quang-tay"),
        province=province(slug="bac-ninh"),
        primary_sector=sector(slug="logistics"),
        status=ReportedStatus.INTEREST,
        stage=Stage.ENGAGED,
        priority=Priority.LOW,
        investment_type=InvestmentType.NEW_PROJECT,
        value=Decimal("120000000"),
        currency="USD",
    )
    fintech = OpportunityFactory(
        title="Fintech Trung Quốc tại TP.HCM",
        organization=None,
        origin_country=china,
        province=province(slug="ho-chi-minh"),
        primary_sector=sector(slug="fintech"),
        sectors=[sector(slug="finance")],
        status=ReportedStatus.LICENSED,
        reported_on=date(2025, 11, 27),
        land_area_ha=Decimal("12.5"),
        expected_jobs=800,
        stage=Stage.NEGOTIATING,
        value=Decimal("3000000000"),
        currency="USD",
        investment_type=InvestmentType.NEW_PROJECT,
    )

    article = SourceArticleFactory(
        title="Quảng Châu, Quảng Tây đề xuất hợp tác mới với Hà Nội và Bắc Ninh",
        body=(
            "Thành phố Quảng Châu và tỉnh Quảng Tây của Trung Quốc thời gian gần đây đã đưa ra nhiều đề xuất hợp tác "
            "mới với hai địa phương này. Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây mong muốn "
            "hợp tác với Bắc Ninh trong lĩnh vực trí tuệ nhân tạo."
        ),
        outlet="Báo Đầu tư",
        published_on=date(2025, 11, 20),
        url="https://baodautu.vn/quang-chau-quang-tay-bac-ninh.html",
    )
    sentence = article.body.split(". ")[1]
    start = article.body.index(sentence)
    for subject in ({"opportunity": ai}, {"organization": guangxi_department}, {"contact": director}):
        Evidence.objects.create(
            article=article,
            sentence=sentence,
            sentence_start=start,
            sentence_end=start + len(sentence),
            mention="Quảng Tây",
            **subject,
        )
    hcm_article = SourceArticleFactory(
        title="TP.HCM thu hút đầu tư hàng đầu từ Trung Quốc",
        body="Các dự án đầu tư đến từ doanh nghiệp Trung Quốc tại TP tập trung ở các lĩnh vực công nghệ tài chính.",
        outlet="Thanh Niên",
        published_on=date(2025, 11, 27),
    )
    Evidence.objects.create(
        article=hcm_article, opportunity=fintech, sentence=hcm_article.body, sentence_start=0, sentence_end=10
    )

    return {
        "que_vo": que_vo,
        "guangzhou_society": guangzhou_society,
        "guangxi_department": guangxi_department,
        "bac_ninh_department": bac_ninh_department,
        "chairman": chairman,
        "director": director,
        "railway": railway,
        "ai": ai,
        "logistics": logistics,
        "fintech": fintech,
        "article": article,
        "hcm_article": hcm_article,
    }
