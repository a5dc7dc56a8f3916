"""Accent-insensitive lookups on the database: the same folding serves dedup keys and search."""

import pytest
from django.db import IntegrityError, transaction

from leads.models import Organization, Province
from tests.factories import ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["quang chau", "Quảng Châu", "QUANG CHAU", "quảng châu"])
def test_organization_search_ignores_accents_and_case(query):
    consulate = OrganizationFactory(name="Tổng Lãnh sự quán Việt Nam tại Quảng Châu")
    OrganizationFactory(name="Sở Công Thương Bắc Ninh")
    assert list(Organization.objects.search(query)) == [consulate]


def test_search_finds_dong_nai_without_the_d_stroke():
    factory_ = OrganizationFactory(name="Khu công nghiệp Đồng Nai")
    assert list(Organization.objects.search("dong nai")) == [factory_]


def test_search_finds_tp_hcm_however_it_is_punctuated():
    body = OrganizationFactory(name="UBND TP.HCM")
    assert list(Organization.objects.search("tp hcm")) == [body]
    assert list(Organization.objects.search("TP. HCM")) == [body]


def test_search_looks_in_aliases():
    fia = OrganizationFactory(name="Cục Đầu tư nước ngoài")
    fia.aliases.create(name="FIA")
    assert list(Organization.objects.search("fia")) == [fia]


def test_two_spellings_of_one_organization_cannot_both_exist_in_one_country():
    OrganizationFactory(name="Bộ Khoa học và Công nghệ")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name="BỘ KHOA HỌC VÀ CÔNG NGHỆ")


def test_organizations_without_a_country_are_deduplicated_too():
    OrganizationFactory(name="Mạng lưới Việt Nam Innovation Hub", country=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name="Mạng lưới Việt Nam Innovation-Hub", country=None)


def test_contact_search_covers_name_and_title():
    contact = ContactFactory(full_name="Bùi Hoàng Phương", title="Thứ trưởng Bộ Khoa học và Công nghệ")
    from leads.models import Contact

    assert list(Contact.objects.search("thu truong")) == [contact]
    assert list(Contact.objects.search("bui hoang phuong")) == [contact]


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Bắc Giang", "bac-ninh"),
        ("bac-giang", "bac-ninh"),
        ("Bình Dương", "ho-chi-minh"),
        ("TP.HCM", "ho-chi-minh"),
        ("Sài Gòn", "ho-chi-minh"),
        ("Thủ đô Hà Nội", "ha-noi"),
        ("Thừa Thiên Huế", "hue"),
        ("Thanh Hoá", "thanh-hoa"),
        ("Bình Định", "gia-lai"),
    ],
)
def test_a_province_written_any_way_resolves_to_todays_unit(written, slug):
    assert Province.objects.resolve(written).slug == slug


def test_an_unknown_province_resolves_to_nothing():
    assert Province.objects.resolve("Quảng Đông") is None


def test_resolving_many_provinces_reads_the_table_once(django_assert_num_queries):
    written = ["bac-giang", "Bình Dương", "TP.HCM", "thua thien hue", "Đà Nẵng"] * 6
    with django_assert_num_queries(1):
        found, unknown = Province.objects.resolve_all([*written, "Quảng Đông"])
    assert [province.slug for province in found[:5]] == ["bac-ninh", "ho-chi-minh", "ho-chi-minh", "hue", "da-nang"]
    assert unknown == ["Quảng Đông"]
