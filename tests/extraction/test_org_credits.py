"""Source credits, photo credits and related-article titles name no organization of the article."""

from tests.extraction.helpers import extract


def names(text):
    return [o.name for o in extract(text).organizations]


def test_a_bracketed_source_credit_names_no_organization():
    assert names("Vốn FDI tăng mạnh trong quý đầu năm.\n(Theo Bộ Kế hoạch Đầu tư)") == []


def test_a_source_credit_ending_the_article_names_no_organization():
    assert names("Nhà máy sẽ đi vào hoạt động năm sau.\nTheo Nikkei Asian Review") == []


def test_a_byline_glued_to_its_source_credit_names_no_organization():
    assert names("Nhà máy sẽ đi vào hoạt động năm sau.\nMinh AnTheo Nikkei Asian Review") == []


def test_a_sentence_reporting_what_a_body_says_keeps_the_body():
    assert names("Theo Bộ Công Thương, sản lượng điện tăng 8%.") == ["Bộ Công Thương"]


def test_a_photo_credit_names_no_organization():
    assert names("Lễ ký kết diễn ra tại Hà Nội. Ảnh: Reuters") == []


def test_a_dated_related_article_title_names_no_organization():
    assert names("Tổng cục Hải quan công bố số liệu mới (12/04/2005)") == []
