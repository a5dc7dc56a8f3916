"""Organizations written without a head word: bare Latin names, acronyms, lower-case heads, known names."""

from tests.extraction.helpers import extract


def orgs(text):
    return [(o.name, o.kind, o.country) for o in extract(text).organizations]


def names(text):
    return [o.name for o in extract(text).organizations]


def test_a_bare_latin_company_name_acting_in_the_sentence_is_an_organization():
    assert names("Năm ngoái, Brightwave Robotics đã mở văn phòng tại Hà Nội.") == ["Brightwave Robotics"]


def test_an_acronym_acting_in_the_sentence_is_an_organization():
    assert names("Sau khi gia nhập WTO, PTT cho biết sẽ mở rộng đầu tư.") == ["WTO", "PTT"]


def test_currencies_and_common_abbreviations_are_no_organizations():
    assert names("Vốn FDI đạt 3 tỷ USD, tương đương 5% GDP của tỉnh.") == []


def test_two_bare_names_joined_by_va_are_two_organizations():
    assert names("Boeing và Airbus cùng chào hàng máy bay.") == ["Boeing", "Airbus"]


def test_a_vietnamese_subsidiary_keeps_its_place_and_stays_apart_from_its_parent():
    found = orgs("Toyota Việt Nam là liên doanh của Toyota; Samsung Bắc Ninh tuyển thêm lao động.")
    assert [name for name, _, _ in found] == ["Toyota Việt Nam", "Toyota", "Samsung Bắc Ninh"]


def test_a_legal_form_after_a_bare_name_is_part_of_it():
    assert names("Hợp đồng được ký với Nexora Co., Ltd hôm qua.") == ["Nexora Co., Ltd"]
    assert names("Hợp đồng được ký với Nexora Pte Ltd hôm qua.") == ["Nexora Pte Ltd"]


def test_a_foreign_city_after_tai_and_a_technology_word_are_no_organizations():
    assert names("Hội thảo về Big Data diễn ra tại Boston tuần trước.") == []


def test_the_first_word_of_a_sentence_written_without_marks_is_not_part_of_the_name():
    assert names("Theo Reuters, thương vụ sắp hoàn tất.") == ["Reuters"]


def test_a_numbered_event_is_no_organization():
    assert names("Trong khuôn khổ EXPOVN lần thứ 5, hai bên gặp gỡ.") == []


def test_an_abbreviation_of_something_else_is_no_organization():
    assert names("Theo Chỉ số năng lực cạnh tranh (PCI), tỉnh tăng hạng.") == []


def test_a_known_body_gets_its_kind_and_country():
    assert orgs("JETRO vừa công bố khảo sát mới.") == [("JETRO", "association", "JP")]


def test_a_lower_case_head_before_a_capitalized_name_is_part_of_it():
    assert names("Lãnh đạo tập đoàn Windmere đã sang khảo sát.") == ["tập đoàn Windmere"]


def test_a_company_head_keeps_its_legal_form_before_a_known_company():
    assert orgs("Tập đoàn Intel đã rót thêm vốn.") == [("Tập đoàn Intel", "company", "US")]


def test_an_official_name_with_lower_case_words_is_read_whole():
    assert names("Cục Đầu tư nước ngoài và Bộ Y tế vừa họp.") == ["Cục Đầu tư nước ngoài", "Bộ Y tế"]


def test_the_government_alone_is_an_organization_named_after_its_fullest_form():
    found = orgs("Chính phủ đã chỉ đạo các bộ; Chính phủ Việt Nam cam kết hỗ trợ.")
    assert found == [("Chính phủ Việt Nam", "government", "VN")]


def test_a_verb_after_the_country_ends_the_name():
    assert names("Chính phủ Việt Nam khuyến khích các nhà đầu tư Hàn Quốc.") == ["Chính phủ Việt Nam"]


def test_an_abbreviation_used_alone_later_is_the_organization_it_abbreviates():
    found = extract("Cục Đầu tư nước ngoài (FIA) cho biết vốn tăng. FIA dự báo năm sau tăng tiếp.").organizations
    assert [(o.name, [m.text for m in o.mentions]) for o in found] == [
        ("Cục Đầu tư nước ngoài", ["Cục Đầu tư nước ngoài", "FIA", "FIA"])
    ]


def test_a_name_after_a_word_for_a_building_or_a_product_is_no_organization():
    assert names("Đoàn nghỉ tại khách sạn Grandview Hà Nội và xem dòng MacBook mới.") == []


def test_a_name_already_read_as_a_persons_is_no_organization():
    assert names("Ông Paul Harding đến Hà Nội. Theo Harding, thị trường hấp dẫn.") == []


def test_a_country_in_latin_letters_and_connectors_inside_a_bare_name():
    assert names("China Norland Holdings và Bank of Avalon ký thỏa thuận.") == [
        "China Norland Holdings",
        "Bank of Avalon",
    ]


def test_va_and_lower_case_words_inside_a_name_when_a_capitalized_word_follows():
    assert names("Hội Kiến trúc và phát triển Đô thị Việt Nam vừa ra mắt.") == [
        "Hội Kiến trúc và phát triển Đô thị Việt Nam"
    ]


def test_an_official_name_followed_by_a_verb_ends_there():
    assert names("Bộ Y tế xin ý kiến các địa phương.") == ["Bộ Y tế"]


def test_a_legal_form_after_the_country_in_a_bare_name():
    assert names("Liên doanh Norland Networks Vietnam Co. đã đi vào hoạt động.") == ["Norland Networks Vietnam Co."]


def test_a_country_and_a_persons_name_after_a_title_is_no_company():
    assert names("Có mặt tại lễ ký có cựu Thủ tướng Malaysia Mahathir.") == []


def test_a_companys_business_lines_before_its_proper_name_are_part_of_it():
    assert names("Công ty TNHH thương mại, dịch vụ và sản xuất Hoàng Long vừa được cấp phép.") == [
        "Công ty TNHH thương mại, dịch vụ và sản xuất Hoàng Long"
    ]


def test_lower_case_words_after_a_company_head_without_a_proper_name_name_nothing():
    assert names("Công ty sản xuất này đã mở rộng nhà máy.") == []


def test_va_before_a_latin_name_or_a_second_country_starts_a_second_organization():
    assert names("Tập đoàn Norland Iwai và Avalon sáp nhập.") == ["Tập đoàn Norland Iwai", "Avalon"]
    assert names("Chính phủ Việt Nam và Tây Ban Nha ký hiệp định.") == ["Chính phủ Việt Nam"]


def test_latin_connectors_inside_a_name_after_a_head():
    assert names("Ngân hàng Bank of Avalon mở chi nhánh.") == ["Ngân hàng Bank of Avalon"]


def test_a_province_starting_with_ba_ends_no_name():
    assert names("UBND tỉnh Bà Rịa - Vũng Tàu đã cấp phép cho dự án.") == ["UBND tỉnh Bà Rịa - Vũng Tàu"]


def test_a_given_name_and_a_listed_family_name_are_a_person_not_a_firm():
    assert names("Theo Jason Liang, thương vụ sẽ sớm hoàn tất.") == []


def test_a_product_line_after_its_maker_is_no_organization():
    assert names("Doanh số Samsung Galaxy S9 tăng mạnh, trong khi Honda Civic bán chậm.") == []


def test_a_product_line_written_alone_is_no_organization():
    assert names("Tai nghe AirPods Pro được lắp ráp tại Bắc Giang.") == []


def test_a_theme_park_is_no_organization():
    assert names("Disneyland sẽ mở cửa trở lại vào tháng sau.") == []


def test_a_latin_name_after_a_persons_trade_is_a_person():
    assert names("Theo luật sư Pierre Dumont, môi trường đầu tư đã cải thiện.") == []
    assert names("Công ty ký hợp đồng với thương gia Frank Holloway.") == []


def test_a_full_latin_name_whose_family_name_names_a_person_later_is_that_person():
    text = "Frank Holloway: Việt Nam là thị trường hấp dẫn. Ông Holloway cho biết sẽ mở nhà máy."
    assert "Frank Holloway" not in names(text)
