"""Where a headed organization name ends: committees of the Assembly, glosses, the article's full form."""

from tests.extraction.helpers import extract


def names(text):
    return [o.name for o in extract(text).organizations]


def test_a_committee_of_the_national_assembly_keeps_it_in_its_name():
    assert names("Ủy ban Kinh tế của Quốc hội cũng lên tiếng cảnh báo.") == ["Ủy ban Kinh tế của Quốc hội"]


def test_a_country_after_a_dash_is_a_gloss_of_the_body():
    text = "Hội nghị do Ngân hàng Norvane – Nhật Bản, Ngân hàng Vietcombank phối hợp tổ chức."
    assert names(text) == ["Ngân hàng Norvane", "Ngân hàng Vietcombank"]


def test_a_country_written_in_english_after_a_dash_is_part_of_the_name():
    assert names("Công ty liên doanh Minh Long - Korea được cấp phép.") == ["Công ty liên doanh Minh Long - Korea"]


def test_a_local_body_named_bare_takes_the_full_form_the_article_writes():
    text = "Chỉ đạo của UBND thành phố là xử lý dứt điểm. Phó Chủ tịch UBND TP HCM Lê Văn Tâm cho biết thêm."
    assert names(text) == ["UBND TP HCM"]


def test_a_known_acronym_right_after_a_vietnamese_name_is_its_short_form():
    assert names("Theo đánh giá của Ngân hàng Thế giới WB, môi trường kinh doanh cải thiện.") == ["Ngân hàng Thế giới"]
    assert names("Tập đoàn Dữ liệu Quốc tế IDG mở văn phòng mới.") == ["Tập đoàn Dữ liệu Quốc tế IDG"]


def test_a_state_company_keeps_its_number_and_its_numbered_short_form():
    found = extract("Gói thầu do Tổng công ty Xây dựng Công trình Giao thông 8 (CIENCO 8) thi công.").organizations
    assert [o.name for o in found] == ["Tổng công ty Xây dựng Công trình Giao thông 8"]


def test_a_number_counting_something_after_a_name_is_no_part_of_it():
    assert names("Bộ Công Thương 2 năm qua đã làm việc với nhà đầu tư.") == ["Bộ Công Thương"]


def test_a_courier_business_line_before_the_proper_name_is_part_of_it():
    # "phát" alone is a verb that ends a name; in "chuyển phát" (courier) it is a syllable of a noun.
    assert names("Công ty chuyển phát nhanh Hoàng Long vừa mở kho mới.") == ["Công ty chuyển phát nhanh Hoàng Long"]
