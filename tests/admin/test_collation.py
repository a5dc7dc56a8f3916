"""Vietnamese alphabetical order, in Python and in the database (ICU on PostgreSQL, a collation on SQLite)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leads.collation import VietnameseCollate, vietnamese_sort_key, vietnamese_sorted
from leads.models import Organization, Province
from tests.factories import OrganizationFactory


def test_letters_with_marks_follow_their_base_letter():
    assert vietnamese_sorted(["Ba", "Âu", "An", "Ăn", "Ăm"]) == ["An", "Ăm", "Ăn", "Âu", "Ba"]
    assert vietnamese_sorted(["Ơn", "Ôn", "On", "Pa"]) == ["On", "Ôn", "Ơn", "Pa"]
    assert vietnamese_sorted(["Ưa", "Ua", "Va"]) == ["Ua", "Ưa", "Va"]


def test_d_with_stroke_comes_after_every_d():
    assert vietnamese_sorted(["Gia Lai", "Đà Nẵng", "Cần Thơ", "Dak", "Điện Biên", "Đắk Lắk"]) == [
        "Cần Thơ",
        "Dak",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Gia Lai",
    ]


def test_tones_only_break_ties_in_dictionary_order():
    assert vietnamese_sorted(["ạ", "á", "ã", "ả", "à", "a"]) == ["a", "à", "ả", "ã", "á", "ạ"]
    assert vietnamese_sorted(["Hòa Bình", "Hoa", "Hà Nội"]) == ["Hà Nội", "Hoa", "Hòa Bình"]
    assert vietnamese_sort_key("Hà Nội")[0] == vietnamese_sort_key("Ha Nôi")[0]  # the tones differ, the letters do not


def test_spaces_sort_before_letters_and_lower_case_before_upper():
    assert vietnamese_sorted(["ab", "a b", "A"]) == ["A", "a b", "ab"]
    assert vietnamese_sorted(["B", "b"]) == ["b", "B"]


@pytest.mark.django_db
def test_the_database_sorts_the_same_way():
    names = ["Ba", "Âu", "An", "Ăm", "Đà Nẵng", "Dak", "Gia Lai", "Cần Thơ"]
    for name in names:
        OrganizationFactory(name=name)
    in_database = list(Organization.objects.order_by(VietnameseCollate("name")).values_list("name", flat=True))
    assert in_database == vietnamese_sorted(names)


@pytest.mark.django_db
def test_province_list_reads_in_vietnamese_order(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:leads_province_changelist"), {"is_current__exact": "1"})
    names = [province.name for province in response.context["cl"].result_list]
    assert len(names) == 34
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert names == vietnamese_sorted(names)
    assert list(Province.objects.current().order_by(VietnameseCollate("name")).values_list("name", flat=True)) == names
