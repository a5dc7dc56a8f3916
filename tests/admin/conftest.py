"""Records for the admin tests: an article whose evidence points at real offsets in its body."""

from __future__ import annotations

import pytest

from leads.choices import SiteKind
from leads.models import Evidence, Opportunity, Province, Sector, Site, SourceArticle
from leads.text import normalize_name
from tests.factories import OpportunityFactory, OrganizationFactory, SourceArticleFactory

BODY = (
    "Sở Công nghiệp và Thông tin Quảng Tây muốn hợp tác với tỉnh Bắc Giang trong lĩnh vực trí tuệ nhân tạo. "
    "Ông Viên Hoàng cho biết các doanh nghiệp <b>Quảng Tây</b> sẽ đầu tư 2 tỷ USD."
)


def evidence_for(article: SourceArticle, words: str, occurrence: int = 0, **subject) -> Evidence:
    """Evidence whose sentence and mention offsets point at `words` in the article's body."""
    body = article.body
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(words, start + 1)
    sentence_start = body.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = body.find(". ", start)
    sentence_end = len(body) if sentence_end < 0 else sentence_end + 1
    return Evidence.objects.create(
        article=article,
        sentence=body[sentence_start:sentence_end],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        mention=words,
        mention_start=start,
        mention_end=start + len(words),
        **subject,
    )


def inline_management(response, **rows: list[dict]) -> dict:
    """The management forms of every inline on the page, with `rows` (by prefix) as new rows."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        existing = list(formset.initial_forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(len(existing))
        for index, form in enumerate(existing):
            data[f"{formset.prefix}-{index}-id"] = form.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
            for name in form.fields:
                if name not in {"id", formset.fk.name, "DELETE"} and form.initial.get(name) is not None:
                    data[f"{formset.prefix}-{index}-{name}"] = form.initial[name]
        new_rows = rows.get(formset.prefix, [])
        for offset, row in enumerate(new_rows):
            for name, value in row.items():
                data[f"{formset.prefix}-{len(existing) + offset}-{name}"] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(existing) + len(new_rows))
    return data


@pytest.fixture
def article(db) -> SourceArticle:
    return SourceArticleFactory(title="Quảng Tây muốn hợp tác về AI", body=BODY, url="https://baodautu.vn/a.html")


@pytest.fixture
def lead(article) -> Opportunity:
    """An imported opportunity: Quảng Tây's department → Bắc Ninh (written "Bắc Giang"), AI, with evidence."""
    organization = OrganizationFactory(name="Sở Công nghiệp và Thông tin Quảng Tây")
    opportunity = OpportunityFactory(
        organization=organization,
        province=Province.objects.get(slug="bac-ninh"),
        primary_sector=Sector.objects.get(slug="ai"),
        is_imported=True,
    )
    evidence_for(article, "Sở Công nghiệp và Thông tin Quảng Tây", organization=organization)
    evidence_for(article, "Sở Công nghiệp và Thông tin Quảng Tây", opportunity=opportunity)
    return opportunity


def make_site(
    name: str = "KCN Quang Châu", province: str = "bac-ninh", former: str | None = "bac-giang", **extra
) -> Site:
    """An industrial park of the tests' own (by default KCN Quang Châu, Bắc Ninh, formerly Bắc Giang).

    Its slug starts with "test-", so it never meets a site of the shipped reference data.
    """
    from django.utils.text import slugify

    return Site.objects.create(
        slug=f"test-{slugify(normalize_name(name))}",
        name=name,
        kind=extra.pop("kind", SiteKind.INDUSTRIAL_PARK),
        province=Province.objects.get(slug=province),
        former_province=Province.objects.get(slug=former) if former else None,
        **extra,
    )


@pytest.fixture
def site(db) -> Site:
    return make_site(aliases=["Khu công nghiệp Quang Châu"])


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories hash a password per user; the default hasher would make these tests slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
