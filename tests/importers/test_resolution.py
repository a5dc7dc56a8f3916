"""The resolve step: names and slugs an article writes become the records already in the database."""

from __future__ import annotations

import pytest

from importers.resolution import (
    InvestorTarget,
    ReferenceData,
    contacts_named,
    imported_opportunities,
    organizations_named,
    pick_contact,
    pick_opportunity,
    pick_organization,
)
from leads.models import Contact, ForeignRegion, Opportunity, Organization, OrganizationAlias
from leads.text import normalize_name
from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory


def organization(pk: int, country: str | None) -> Organization:
    return Organization(pk=pk, name=f"Tổ chức {pk}", country_id=country)


def contact(pk: int, organization_id: int | None) -> Contact:
    return Contact(pk=pk, full_name="Nguyễn Việt Dũng", organization_id=organization_id)


def test_an_organization_of_the_stated_country_wins_over_one_without_a_country() -> None:
    candidates = [organization(1, None), organization(2, "VN")]

    assert pick_organization(candidates, "VN").pk == 2


def test_an_organization_without_a_country_is_taken_when_none_has_the_stated_one() -> None:
    assert pick_organization([organization(1, None)], "VN").pk == 1


def test_an_organization_of_another_stated_country_is_a_different_organization() -> None:
    assert pick_organization([organization(1, "LA")], "VN") is None


def test_an_article_that_states_no_country_takes_the_first_candidate_from_any_country() -> None:
    assert pick_organization([organization(3, "CN"), organization(4, None)], "").pk == 3


def test_a_contact_is_matched_within_the_same_organization() -> None:
    assert pick_contact([contact(1, 10), contact(2, 20)], 20).pk == 2


def test_a_person_tied_to_no_organization_is_the_only_contact_of_that_name() -> None:
    assert pick_contact([contact(1, 10)], None).pk == 1


def test_a_person_tied_to_no_organization_is_new_when_several_contacts_share_the_name() -> None:
    assert pick_contact([contact(1, 10), contact(2, 20)], None) is None


def test_a_person_tied_to_an_organization_is_the_one_contact_of_that_name_without_one() -> None:
    assert pick_contact([contact(1, None), contact(2, 30)], 10).pk == 1


def test_a_person_of_another_organization_is_a_different_contact() -> None:
    assert pick_contact([contact(1, 30)], 10) is None


@pytest.mark.django_db
def test_organizations_are_found_by_name_written_any_way_and_by_alias(django_assert_num_queries) -> None:
    consulate = OrganizationFactory(name="Tổng Lãnh sự quán Việt Nam tại Quảng Châu", country_id="VN")
    ministry = OrganizationFactory(name="Bộ Khoa học và Công nghệ", country_id="VN")
    OrganizationAlias.objects.create(organization=ministry, name="Bộ KH&CN")
    keys = [normalize_name("TỔNG LÃNH SỰ QUÁN VIỆT NAM TẠI QUẢNG CHÂU"), normalize_name("Bộ KH & CN"), "khong co"]

    with django_assert_num_queries(2):
        found = organizations_named(keys)

    assert found[keys[0]] == [consulate]
    assert found[keys[1]] == [ministry]
    assert found["khong co"] == []


@pytest.mark.django_db
def test_contacts_are_found_by_folded_full_name_in_one_query(django_assert_num_queries) -> None:
    dung = ContactFactory(full_name="Nguyễn Việt Dũng")

    with django_assert_num_queries(1):
        found = contacts_named(["nguyen viet dung", "bui hoang phuong"])

    assert found["nguyen viet dung"] == [dung]


@pytest.mark.django_db
def test_reference_data_resolves_old_province_slugs_to_todays_unit() -> None:
    reference = ReferenceData.load()

    assert reference.province("bac-giang").slug == "bac-ninh"
    assert reference.province("binh-duong").slug == "ho-chi-minh"
    assert reference.province("") is None


@pytest.mark.django_db
def test_an_origin_is_a_foreign_region_by_slug_or_name_else_a_country() -> None:
    reference = ReferenceData.load()

    assert reference.origin("quang-tay", "Quảng Tây")[0].slug == "quang-tay"
    assert reference.origin("", "Khu tự trị dân tộc Choang Quảng Tây")[0].slug == "quang-tay"
    assert reference.origin("cn", "Trung Quốc") == (None, reference.country("CN"))
    assert reference.origin("", "Atlantis") == (None, None)


@pytest.mark.django_db
def test_imported_opportunities_are_found_by_their_exact_investor_and_target() -> None:
    lead = OpportunityFactory(is_imported=True)
    OpportunityFactory(organization=lead.organization, province=None, is_imported=True)
    OpportunityFactory(organization=lead.organization, is_imported=False)  # entered by hand: not the importer's
    target = InvestorTarget(lead.organization_id, None, None, lead.province_id)
    elsewhere = target._replace(province_id=lead.province_id + 1)

    assert imported_opportunities([target, elsewhere]) == {target: [lead]}


@pytest.mark.django_db
def test_an_origin_only_target_finds_only_the_leads_of_that_origin_there(django_assert_num_queries) -> None:
    """A lead naming no firm is found by its region or country and province, NULL parts included, in one
    query; the leads of other origins or of named firms in the same province are not among them."""
    guangxi = ForeignRegion.objects.get(slug="quang-tay")
    regional = OpportunityFactory(organization=None, origin_region=guangxi, origin_country_id="CN", is_imported=True)
    national = OpportunityFactory(organization=None, origin_country_id="CN", is_imported=True)
    OpportunityFactory(organization=None, origin_country_id="KR", is_imported=True)  # another origin, same province
    OpportunityFactory(origin_country_id="CN", is_imported=True)  # a named firm of that origin
    by_region = InvestorTarget(None, guangxi.pk, "CN", regional.province_id)
    by_country = InvestorTarget(None, None, "CN", national.province_id)

    with django_assert_num_queries(1):
        found = imported_opportunities([by_region, by_country])

    assert found == {by_region: [regional], by_country: [national]}


def _with_project(project: str) -> Opportunity:
    return Opportunity(project=project, project_key=normalize_name(project))


def test_a_lead_without_a_project_is_the_intention_without_one_else_the_oldest_there() -> None:
    yarn, tyres, unnamed = _with_project("nhà máy sợi"), _with_project("nhà máy lốp"), _with_project("")
    assert pick_opportunity([yarn, unnamed], "") is unnamed
    assert pick_opportunity([yarn, tyres], "") is yarn
    assert pick_opportunity([], "") is None


def test_a_named_project_joins_the_same_project_a_similar_one_or_one_that_had_none() -> None:
    tyres, unnamed = _with_project("nhà máy sản xuất lốp xe"), _with_project("")
    assert pick_opportunity([unnamed, tyres], normalize_name("Nhà máy lốp xe")) is tyres
    assert pick_opportunity([unnamed], normalize_name("nhà máy thép")) is unnamed


def test_a_second_distinct_project_of_one_investor_in_one_province_is_a_new_intention() -> None:
    tyres = _with_project("nhà máy sản xuất lốp xe")
    assert pick_opportunity([tyres], normalize_name("nhà máy sản xuất thép cán nguội")) is None
