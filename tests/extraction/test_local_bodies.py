"""Provincial bodies named without their province are qualified with it, or dropped when unclear."""

from dataclasses import replace

from importers.extraction import extract_article
from importers.extraction.gazetteer import load_gazetteer
from importers.extraction.local_bodies import WrittenPlace, qualified_name
from tests.extraction.helpers import article, extract


def org_names(text):
    return [o.name for o in extract(text).organizations]


def test_a_committee_of_the_articles_only_province_is_named_after_it():
    text = (
        "Chiều 12/3, Phó Chủ tịch UBND tỉnh Trần Văn Khải tiếp đoàn doanh nghiệp Nhật Bản đến tìm hiểu "
        "cơ hội đầu tư tại Thanh Hóa."
    )
    found = extract(text)
    assert [o.name for o in found.organizations] == ["UBND tỉnh Thanh Hóa"]
    assert [m.text for m in found.organizations[0].mentions] == ["UBND tỉnh"]
    contact = found.contacts[0]
    assert (contact.title, contact.organization) == ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa")


def test_a_body_is_dropped_when_the_article_names_two_provinces():
    text = (
        "Đoàn công tác gồm lãnh đạo Nghệ An và Hà Tĩnh đã sang Nhật Bản. Ông Lê Minh Tâm, Phó Chủ tịch "
        "UBND tỉnh, cho biết địa phương sẵn sàng hỗ trợ nhà đầu tư."
    )
    found = extract(text)
    assert found.organizations == ()
    assert [(c.full_name, c.title, c.organization) for c in found.contacts] == [
        ("Lê Minh Tâm", "Phó Chủ tịch UBND tỉnh", "")
    ]


def test_bodies_listed_before_their_province_take_it():
    text = "Tỉnh ủy, UBND tỉnh Bắc Ninh đã tiếp đoàn công tác của tỉnh Lạng Sơn."
    assert org_names(text) == ["Tỉnh ủy Bắc Ninh", "UBND tỉnh Bắc Ninh"]


def test_the_only_province_of_the_sentence_names_the_department():
    text = (
        "Sở Công Thương cho biết Thái Nguyên đang thu hút nhiều dự án điện tử. "
        "Trong khi đó, Cao Bằng tập trung vào du lịch."
    )
    assert org_names(text) == ["Sở Công Thương Thái Nguyên"]


def test_a_party_committee_of_a_province_is_not_the_citys():
    text = "Bí thư Tỉnh ủy Đỗ Quang Vinh cho biết Ninh Bình sẽ phối hợp với Hà Nội trong phát triển du lịch."
    assert org_names(text) == ["Tỉnh ủy Ninh Bình"]


def test_the_province_is_written_as_the_article_writes_it():
    text = "Sáng 5/6, Thành ủy đã làm việc với doanh nghiệp Hàn Quốc về dự án tại TP.HCM."
    assert org_names(text) == ["Thành ủy TP.HCM"]
    text = "UBND tỉnh đã cấp phép cho dự án mới tại Bắc Giang."
    assert org_names(text) == ["UBND tỉnh Bắc Giang"]


def test_a_unit_word_and_an_abbreviated_city_are_not_written_twice():
    written = WrittenPlace("TP.HCM", load_gazetteer().places_by_slug["ho-chi-minh"])
    assert qualified_name("UBND thành phố", written) == "UBND thành phố Hồ Chí Minh"


def test_a_foreign_department_keeps_its_own_place():
    text = "Sở Thương mại Quảng Tây đã làm việc với doanh nghiệp Lạng Sơn."
    assert org_names(text) == ["Sở Thương mại Quảng Tây"]


def test_the_province_of_the_title_counts_for_the_body():
    body = "Chủ tịch UBND tỉnh Phan Đức Thịnh đã tiếp đoàn nhà đầu tư Singapore."
    found = extract_article(replace(article(body), title="Quảng Ngãi mời gọi đầu tư vào năng lượng sạch"))
    assert [o.name for o in found.organizations] == ["UBND tỉnh Quảng Ngãi"]
