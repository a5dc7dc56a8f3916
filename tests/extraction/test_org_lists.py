"""Companies named bare in a list announced as companies, beside organizations already recognised."""

from tests.extraction.helpers import extract


def names(text):
    return [o.name for o in extract(text).organizations]


def test_bare_names_in_a_bracketed_list_of_companies_are_companies():
    text = "Liên doanh gồm 5 công ty Việt Nam (FPT, CMC, Sao Mai, Elcom và Hồng Hà) cùng góp vốn."
    assert names(text) == ["FPT", "CMC", "Sao Mai", "Elcom", "Hồng Hà"]


def test_a_list_with_places_in_it_adds_nothing():
    text = "Các doanh nghiệp như FPT, Viettel, Hà Nội và Đà Nẵng cùng tham gia."
    assert names(text) == ["FPT", "Viettel"]


def test_a_list_with_a_person_in_it_adds_nothing():
    assert names("Đối tác gồm FPT, CMC, Sao Mai và ông Lê Văn An.") == ["FPT", "CMC"]


def test_a_list_not_announced_as_companies_adds_nothing():
    assert names("Hội chợ có FPT, CMC, Sao Mai và Hồng Hà.") == ["FPT", "CMC"]


def test_a_list_with_a_single_recognised_company_adds_nothing():
    assert names("Các công ty như FPT, Sao Mai và Hồng Hà đều có mặt.") == ["FPT"]
