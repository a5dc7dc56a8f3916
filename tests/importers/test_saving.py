"""The save step, on extractions written by hand so each rule is tested apart from the extractor."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from importers import saving
from importers.extraction.sentences import sentence_at, split_sentences
from importers.parsing import content_hash
from importers.saving import ArticleOutcome, save_extraction
from importers.types import (
    ArticleExtraction,
    ContactFound,
    Mention,
    OpportunityFound,
    OrganizationFound,
    ParsedArticle,
    SectorFound,
)
from leads.choices import ReviewStatus, Stage
from leads.models import (
    Activity,
    Contact,
    DeletedRecord,
    Evidence,
    Opportunity,
    Organization,
    OrganizationAlias,
    SourceArticle,
)
from leads.services import opportunity_move_stage

pytestmark = pytest.mark.django_db

CONSULATE = "Tổng Lãnh sự quán Việt Nam tại Quảng Châu"
DUNG = "Nguyễn Việt Dũng"
CALL = (
    "Ông Nguyễn Việt Dũng, Tổng Lãnh sự Việt Nam tại Quảng Châu, kêu gọi các doanh nghiệp Thâm Quyến "
    "đầu tư vào trí tuệ nhân tạo tại Bắc Ninh."
)
SUPPORT = "Tổng Lãnh sự quán Việt Nam tại Quảng Châu sẵn sàng hỗ trợ các doanh nghiệp."
INTEREST = "Ông Dũng cho biết nhiều doanh nghiệp Thâm Quyến quan tâm tới trí tuệ nhân tạo."


def mentions(body: str, *texts: str) -> tuple[Mention, ...]:
    """Every place each of `texts` is written in `body`, as the extractor reports mentions."""
    sentences = split_sentences(body)
    found = []
    for text in texts:
        start = body.find(text)
        while start >= 0:
            found.append(Mention(start, start + len(text), text, sentence_at(sentences, start)))
            start = body.find(text, start + 1)
    return tuple(sorted(found, key=lambda mention: mention.start))


def extraction(
    *lines: str,
    organizations: tuple[tuple[str, str, str], ...] = ((CONSULATE, "consulate", "VN"),),
    contacts: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (),
    leads: tuple[tuple[str, str, str, str], ...] = (),
    title: str = "Doanh nghiệp Thâm Quyến muốn đầu tư AI",
) -> ArticleExtraction:
    """An extraction of an article made of `lines`.

    `organizations`: (name, kind, country); `contacts`: (full name, title, organization, other
    words that refer to the person); `leads`: (sentence text, sector slug, origin slug,
    province slug), each for the origin alone.
    """
    body = "\n".join(lines)
    sentences = split_sentences(body)
    return ArticleExtraction(
        article=ParsedArticle(
            source="test.txt",
            title=title,
            body=body,
            raw_text=f"{title}\n{body}",
            content_hash=content_hash(f"{title}\n{body}"),
        ),
        sentences=sentences,
        organizations=tuple(
            OrganizationFound(name, kind, country, mentions(body, name)) for name, kind, country in organizations
        ),
        contacts=tuple(
            ContactFound(name, title, organization, mentions(body, name, *others))
            for name, title, organization, others in contacts
        ),
        sectors=(SectorFound("ai", "trí tuệ nhân tạo", mentions(body, "trí tuệ nhân tạo")),),
        opportunities=tuple(
            OpportunityFound(
                evidence=next(sentence for sentence in sentences if text in sentence.text),
                sectors=(sector,) if sector else (),
                origin=origin,
                origin_slug=origin,
                province_slug=province,
            )
            for text, sector, origin, province in leads
        ),
    )


DUNG_AS_CONSUL = ((DUNG, "Tổng Lãnh sự Việt Nam tại Quảng Châu", CONSULATE, ("Ông Dũng",)),)
AI_IN_BAC_NINH = ((CALL, "ai", "tham-quyen", "bac-ninh"),)


def save(extraction: ArticleExtraction, **kwargs) -> ArticleOutcome:
    return save_extraction(extraction, origin=extraction.article.source, **kwargs)


def row_counts() -> dict[str, int]:
    models = (SourceArticle, Organization, OrganizationAlias, Contact, Opportunity, Evidence)
    return {model.__name__: model.objects.count() for model in models}


def test_a_new_article_creates_its_records_with_evidence_for_every_mention() -> None:
    outcome = save(extraction(CALL, SUPPORT, INTEREST, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))

    assert outcome.status == "new"
    assert dict(outcome.created) == {"organizations": 1, "contacts": 1, "opportunities": 1}
    consulate = Organization.objects.get()
    assert (consulate.name, consulate.kind, consulate.country_id) == (CONSULATE, "consulate", "VN")
    dung = Contact.objects.get()
    assert (dung.full_name, dung.title, dung.organization, dung.is_imported) == (
        DUNG,
        "Tổng Lãnh sự Việt Nam tại Quảng Châu",
        consulate,
        True,
    )
    assert [e.sentence for e in dung.evidence.all()] == [CALL, INTEREST]
    assert [e.mention for e in dung.evidence.all()] == [DUNG, "Ông Dũng"]
    lead = Opportunity.objects.get()
    assert (lead.origin_region.slug, lead.province.slug, lead.primary_sector.slug) == ("tham-quyen", "bac-ninh", "ai")
    assert (lead.stage, lead.review_status, lead.is_imported) == (Stage.IDENTIFIED, ReviewStatus.PENDING, True)
    assert [(e.sentence, e.mention) for e in lead.evidence.all()] == [(CALL, "trí tuệ nhân tạo")]


def test_evidence_offsets_point_into_the_stored_body() -> None:
    outcome = save(extraction(CALL, SUPPORT, INTEREST, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))

    body = outcome.article.body
    for evidence in Evidence.objects.all():
        assert body[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
        if evidence.mention_start is not None:
            assert body[evidence.mention_start : evidence.mention_end] == evidence.mention


def test_saving_the_same_article_again_is_unchanged_and_writes_nothing() -> None:
    found = extraction(CALL, SUPPORT, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH)
    first = save(found)
    before = row_counts()

    with CaptureQueriesContext(connection) as context:
        again = save(found)

    writes = [q["sql"] for q in context.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert (again.status, again.article, again.created, again.matched) == ("unchanged", first.article, {}, {})
    assert row_counts() == before


def test_an_organization_named_in_three_articles_is_one_organization_with_three_pieces_of_evidence() -> None:
    for day in ("thứ Hai", "thứ Ba", "thứ Tư"):
        outcome = save(extraction(f"Ngày {day}, {SUPPORT}"))

    assert dict(outcome.matched) == {"organizations": 1}
    assert Organization.objects.get().evidence.count() == 3


def test_a_second_article_reporting_the_same_interest_adds_evidence_not_a_lead() -> None:
    save(extraction(CALL, leads=AI_IN_BAC_NINH))
    outcome = save(extraction(INTEREST, CALL, leads=AI_IN_BAC_NINH))

    assert dict(outcome.matched) == {"organizations": 1, "opportunities": 1}
    assert Opportunity.objects.get().evidence.count() == 2


def test_an_organization_written_another_way_is_matched_and_the_new_spelling_kept_as_an_alias() -> None:
    save(extraction(SUPPORT))
    shouting = CONSULATE.upper()

    outcome = save(extraction(SUPPORT.replace(CONSULATE, shouting), organizations=((shouting, "consulate", "VN"),)))

    assert dict(outcome.matched) == {"organizations": 1}
    assert Organization.objects.get().name == CONSULATE


def test_an_organization_found_by_an_alias_keeps_its_name_and_every_alias() -> None:
    consulate = save(extraction(SUPPORT)).article.evidence.get().organization
    OrganizationAlias.objects.create(organization=consulate, name="TLSQ Quảng Châu")

    outcome = save(
        extraction("TLSQ Quảng Châu làm việc với doanh nghiệp.", organizations=(("TLSQ Quảng Châu", "", "VN"),))
    )

    assert dict(outcome.matched) == {"organizations": 1}
    consulate.refresh_from_db()
    assert consulate.name == CONSULATE
    assert list(consulate.aliases.values_list("name", flat=True)) == ["TLSQ Quảng Châu"]


def test_an_organization_of_another_stated_country_is_created_apart() -> None:
    save(extraction(SUPPORT))

    outcome = save(extraction(f"Hôm nay, {SUPPORT}", organizations=((CONSULATE, "consulate", "CN"),)))

    assert dict(outcome.created) == {"organizations": 1}
    assert sorted(Organization.objects.values_list("country_id", flat=True)) == ["CN", "VN"]


def test_a_staff_edited_contact_title_is_kept_and_a_blank_one_is_filled() -> None:
    save(extraction(CALL, contacts=DUNG_AS_CONSUL))
    Contact.objects.update(title="Tổng Lãnh sự (nhiệm kỳ 2024–2027)")
    save(extraction(INTEREST, CALL, contacts=DUNG_AS_CONSUL))
    assert Contact.objects.get().title == "Tổng Lãnh sự (nhiệm kỳ 2024–2027)"

    Contact.objects.update(title="")
    save(extraction(SUPPORT, CALL, contacts=DUNG_AS_CONSUL))
    assert Contact.objects.get().title == "Tổng Lãnh sự Việt Nam tại Quảng Châu"


def test_a_person_named_without_an_organization_is_the_contact_already_known() -> None:
    save(extraction(CALL, contacts=DUNG_AS_CONSUL))

    outcome = save(extraction(INTEREST, CALL, organizations=(), contacts=((DUNG, "", "", ()),)))

    assert dict(outcome.matched) == {"contacts": 1}
    assert Contact.objects.get().evidence.count() == 2


def test_a_lead_staff_rejected_stays_rejected_and_is_not_recreated() -> None:
    save(extraction(CALL, leads=AI_IN_BAC_NINH))
    Opportunity.objects.update(review_status=ReviewStatus.REJECTED)

    outcome = save(extraction(INTEREST, CALL, leads=AI_IN_BAC_NINH))

    assert dict(outcome.matched)["opportunities"] == 1
    lead = Opportunity.objects.get()
    assert lead.review_status == ReviewStatus.REJECTED
    assert not Opportunity.objects.pending_review().exists()
    assert lead.evidence.count() == 2  # staff can see it was reported again


def test_a_stated_value_is_saved_on_a_new_lead() -> None:
    found = extraction(CALL, leads=AI_IN_BAC_NINH)
    lead = found.opportunities[0]
    found = ArticleExtraction(
        article=found.article,
        organizations=found.organizations,
        sectors=found.sectors,
        opportunities=(OpportunityFound(**{**lead.__dict__, "value": Decimal("3e9"), "currency": "USD"}),),
    )

    save(found)

    assert (Opportunity.objects.get().value, Opportunity.objects.get().currency) == (Decimal("3e9"), "USD")


def test_a_lead_with_no_investor_is_not_saved_and_a_sector_the_taxonomy_lacks_is_left_out() -> None:
    outcome = save(
        extraction(CALL, leads=((CALL, "underwater-basket-weaving", "tham-quyen", ""), (CALL, "ai", "", "")))
    )

    assert outcome.created["opportunities"] == 1
    lead = Opportunity.objects.get()
    assert (lead.origin_region.slug, lead.primary_sector, list(lead.sectors.all())) == ("tham-quyen", None, [])


def test_a_lead_of_a_named_organization_links_its_sector_and_its_people() -> None:
    found = extraction(CALL, contacts=DUNG_AS_CONSUL)
    found = ArticleExtraction(
        article=found.article,
        organizations=found.organizations,
        contacts=found.contacts,
        sectors=found.sectors,
        opportunities=(OpportunityFound(evidence=split_sentences(CALL)[0], sectors=("ai",), organization=CONSULATE),),
    )

    save(found)

    lead = Opportunity.objects.get()
    assert (lead.organization.name, lead.origin_region, lead.province) == (CONSULATE, None, None)
    assert list(lead.organization.sectors.values_list("slug", flat=True)) == ["ai"]
    assert list(lead.contacts.values_list("full_name", flat=True)) == [DUNG]


def test_a_failure_in_the_middle_of_saving_leaves_nothing_of_the_article(monkeypatch) -> None:
    save(extraction(SUPPORT))
    before = row_counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(saving, "_save_opportunities", broken)
    with pytest.raises(RuntimeError):
        save(extraction(CALL, INTEREST, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))

    assert row_counts() == before


def test_an_article_costs_the_same_queries_however_often_its_names_repeat() -> None:
    def queries(*lines: str) -> int:
        with CaptureQueriesContext(connection) as context:
            save(extraction(*lines, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))
        Evidence.objects.all().delete()
        SourceArticle.objects.all().delete()
        return len(context.captured_queries)

    # The audit history's content types are looked up once per process; a flush by another test empties that cache.
    ContentType.objects.get_for_models(Organization, Contact, Opportunity, Activity)
    once = queries(CALL, SUPPORT)
    # The same records matched a second time, then again with every name written ten times.
    matched_once = queries(CALL, SUPPORT)
    matched_often = queries(*[CALL, SUPPORT, INTEREST] * 10)

    assert matched_often == matched_once
    # Three are the audit history's entries for the new organization, contact and lead; PostgreSQL adds a lock.
    assert once <= 34


def update(found: ArticleExtraction) -> ArticleOutcome:
    return save(found, update=True)


def test_update_rebuilds_the_evidence_and_keeps_the_article_row() -> None:
    first = save(extraction(CALL, SUPPORT, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))
    article = SourceArticle.objects.get()

    outcome = update(extraction(CALL, SUPPORT, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))

    assert outcome.status == "updated"
    assert dict(outcome.matched) == {"organizations": 1, "contacts": 1, "opportunities": 1}
    refreshed = SourceArticle.objects.get()
    assert (refreshed.pk, refreshed.body, refreshed.imported_at) == (
        first.article.pk,
        article.body,
        article.imported_at,
    )
    assert refreshed.extracted_at > article.extracted_at
    assert Evidence.objects.count() == len(first.article.evidence.all())


def test_update_keeps_what_staff_edited_by_hand(staff_user) -> None:
    save(extraction(CALL, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))
    Contact.objects.update(title="Tổng Lãnh sự")
    opportunity_move_stage(opportunity=Opportunity.objects.get(), to_stage=Stage.QUALIFIED, user=staff_user)

    update(extraction(CALL, contacts=DUNG_AS_CONSUL, leads=AI_IN_BAC_NINH))

    assert Contact.objects.get().title == "Tổng Lãnh sự"
    assert Opportunity.objects.get().stage == Stage.QUALIFIED


def test_update_deletes_an_untouched_lead_the_article_no_longer_supports_and_keeps_a_touched_one(staff_user) -> None:
    save(extraction(CALL, leads=((CALL, "ai", "tham-quyen", "bac-ninh"), (CALL, "ai", "tham-quyen", ""))))
    untouched = Opportunity.objects.get(province__slug="bac-ninh")
    owned = Opportunity.objects.get(province=None)
    owned.owner = staff_user
    owned.save()

    update(extraction(CALL))

    assert list(Opportunity.objects.all()) == [owned]
    assert DeletedRecord.objects.filter(model="opportunity", object_id=untouched.pk).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("priority", "high"), ("value", Decimal("90000000")), ("likelihood", 40), ("expected_jobs", 500)],
)
def test_update_keeps_a_lead_staff_edited_in_any_field(field, value) -> None:
    save(extraction(CALL, leads=((CALL, "ai", "tham-quyen", "bac-ninh"),)))
    edited = Opportunity.objects.get()
    setattr(edited, field, value)
    edited.save()  # what the admin and the API do

    update(extraction(CALL))

    assert Opportunity.objects.get(pk=edited.pk).__dict__[field] == value


def test_a_sector_the_importer_adds_to_a_known_organization_is_seen_by_sync_clients() -> None:
    consulate = save(extraction(SUPPORT)).article.evidence.get().organization
    found = extraction(CALL, SUPPORT)
    lead = OpportunityFound(
        evidence=next(s for s in found.sentences if CALL in s.text), sectors=("ai",), organization=CONSULATE
    )

    save(dataclasses.replace(found, opportunities=(lead,)))

    refreshed = Organization.objects.get(pk=consulate.pk)
    assert list(refreshed.sectors.values_list("slug", flat=True)) == ["ai"]
    assert refreshed.updated_at > consulate.updated_at  # an `updated_after` sync picks the change up


LICENCE = "Công ty Minh Quang (Đài Loan) nhận giấy chứng nhận đầu tư nhà máy linh kiện tại Bắc Ninh."
MINH_QUANG = (("Công ty Minh Quang", "company", "TW"),)


def intention(text: str, **facts) -> ArticleExtraction:
    """An article of one sentence stating Minh Quang's intention in Bắc Ninh with `facts`."""
    found = extraction(text, organizations=MINH_QUANG, title=text[:40])
    sentence = split_sentences(found.article.body)[0]
    lead = OpportunityFound(
        evidence=sentence, organization="Công ty Minh Quang", origin_slug="tw", province_slug="bac-ninh", **facts
    )
    return dataclasses.replace(found, opportunities=(lead,))


def test_a_later_article_adds_its_sectors_and_the_facts_the_lead_lacks_to_the_same_intention() -> None:
    save(intention(LICENCE, sectors=("electronics",), status="proposal", project="nhà máy linh kiện"))
    save(
        intention(
            LICENCE.replace("nhận giấy chứng nhận", "được cấp phép"),
            sectors=("manufacturing",),
            status="licensed",
            value=Decimal("120000000"),
            currency="USD",
            land_area_ha=Decimal("12.5"),
            jobs=2000,
        )
    )

    lead = Opportunity.objects.get()
    assert sorted(lead.sectors.values_list("slug", flat=True)) == ["electronics", "manufacturing"]
    assert lead.primary_sector.slug == "electronics"
    assert (lead.status, lead.value, lead.currency, lead.value_usd) == ("licensed", 120000000, "USD", 120000000)
    assert (lead.land_area_ha, lead.expected_jobs, lead.project) == (Decimal("12.5"), 2000, "nhà máy linh kiện")
    assert lead.evidence.count() == 2


def test_a_fact_staff_edited_is_never_overwritten_by_a_later_article() -> None:
    save(intention(LICENCE, status="proposal"))
    lead = Opportunity.objects.get()
    lead.status = "agreement"  # staff know better than the first article
    lead.save()

    save(intention(LICENCE.replace("nhận", "vừa nhận"), status="licensed"))

    assert Opportunity.objects.get().status == "agreement"


def test_a_second_distinct_project_of_the_same_investor_in_the_same_province_is_a_second_lead() -> None:
    save(intention(LICENCE, project="nhà máy linh kiện điện tử"))
    save(intention(LICENCE.replace("nhà máy linh kiện", "nhà máy thép"), project="nhà máy thép cán nguội"))

    assert sorted(Opportunity.objects.values_list("project", flat=True)) == [
        "nhà máy linh kiện điện tử",
        "nhà máy thép cán nguội",
    ]


def test_a_value_in_dong_is_worth_dollars_at_the_rate_of_the_year_it_was_reported() -> None:
    found = intention(LICENCE, value=Decimal("3150000000000"), currency="VND")
    found = dataclasses.replace(found, article=dataclasses.replace(found.article, published_on=dt.date(2017, 3, 1)))

    save(found)

    lead = Opportunity.objects.get()
    assert lead.reported_on == dt.date(2017, 3, 1)
    assert lead.value_usd == (Decimal("3150000000000") / Decimal("22370")).quantize(Decimal("0.01"))
