"""Foreign names the press writes in short forms, and titles written as labels."""

from tests.extraction.helpers import extract


def contacts(text):
    return [(c.full_name, c.title) for c in extract(text).contacts]


def names(text):
    return [o.name for o in extract(text).organizations]


def test_a_foreign_name_after_a_title_ending_with_a_country_that_is_also_a_vietnamese_word():
    text = "Bộ trưởng Bộ Năng lượng Nga Sergei Vavilov khẳng định hai bên sẽ hợp tác."
    assert contacts(text) == [("Sergei Vavilov", "Bộ trưởng Bộ Năng lượng Nga")]
    assert names(text) == ["Bộ Năng lượng Nga"]


def test_an_initial_glued_to_a_family_name_is_a_name():
    text = "Chủ tịch Thượng viện Nga K.Petrova và Chủ tịch nước Lê Văn An hội đàm."
    assert contacts(text) == [("K.Petrova", "Chủ tịch Thượng viện Nga"), ("Lê Văn An", "Chủ tịch nước")]
    assert not any("Petrova" in name for name in names(text))


def test_a_middle_initial_glued_to_a_family_name_is_part_of_the_name():
    text = "Giám đốc Bệnh viện Đại học Ridgefield - Laura T.Hanson - cho biết sẽ hợp tác."
    assert contacts(text) == [("Laura T.Hanson", "Giám đốc Bệnh viện Đại học Ridgefield")]


def test_a_title_written_as_a_label_before_a_name():
    text = "Tên công ty: Brightwave Pte. Ltd.- CEO: Daniel Brooks- Website: brightwave.example"
    assert contacts(text) == [("Daniel Brooks", "CEO")]
    assert "Daniel Brooks" not in names(text)


def test_a_position_covering_a_region_goes_on_after_and_or_at():
    text = "Theo ông Kenji Arai, Tổng giám đốc Norvane Nhật Bản và khu vực châu Á, dự án sẽ mở rộng."
    assert contacts(text) == [("Kenji Arai", "Tổng giám đốc Norvane Nhật Bản và khu vực châu Á")]
    text = "Ông Kenji Arai, lãnh đạo của Norvane tại khu vực châu Á, cho biết."
    assert contacts(text) == [("Kenji Arai", "lãnh đạo của Norvane tại khu vực châu Á")]


def test_a_title_before_a_name_set_off_by_dashes():
    text = "Cục trưởng Cục Thương mại Nam Phi - ông Kenji Arai - dự báo vốn sẽ tăng."
    assert contacts(text) == [("Kenji Arai", "Cục trưởng Cục Thương mại Nam Phi")]


def test_a_clause_before_a_dash_is_no_title():
    assert contacts("Văn phòng mới khai trương - ông Lê Văn Tâm cho biết.") == [("Lê Văn Tâm", "")]


def test_a_name_after_a_site_word_is_the_sites():
    text = "Ông Phạm Văn Tài, Tổng giám đốc khu công nghiệp Trần Hưng Đạo, cho biết sẽ mở rộng."
    assert [name for name, _ in contacts(text)] == ["Phạm Văn Tài"]


def test_a_foreign_name_set_off_by_a_comma_after_a_title_and_before_a_verb():
    text = "Phó Chủ tịch Tập đoàn Norvane, Anders Kjellberg hy vọng hai bên sẽ hợp tác."
    assert contacts(text) == [("Anders Kjellberg", "Phó Chủ tịch Tập đoàn Norvane")]


def test_a_list_of_firms_after_a_title_names_no_person():
    assert contacts("Tổng giám đốc Tập đoàn Norvane, Brightwave Robotics và Mecanimex cùng tham dự.") == []


def test_a_romanized_name_after_a_country_is_a_person():
    text = "Chủ tịch Ban Phát triển kinh tế Singapore Teo Ming Kian cho biết các dự án đã được duyệt."
    assert contacts(text) == [("Teo Ming Kian", "Chủ tịch Ban Phát triển kinh tế Singapore")]


def test_a_second_role_joined_by_va_la_stays_in_one_title():
    text = "Ông Peter Holm, Giám đốc Sáng tạo và là người sáng lập Công ty Holm Design, cho rằng thị trường còn nhỏ."
    assert contacts(text) == [("Peter Holm", "Giám đốc Sáng tạo và là người sáng lập Công ty Holm Design")]


def test_where_a_body_is_belongs_to_the_title_before_the_name():
    text = "Theo đại diện Hiệp hội doanh nghiệp Đan Mạch ở VN, ông Peter Holm, các doanh nghiệp muốn mở rộng."
    assert contacts(text) == [("Peter Holm", "đại diện Hiệp hội doanh nghiệp Đan Mạch ở VN")]


def test_titles_listed_after_a_guest_are_the_next_guests():
    text = (
        "Hội nghị có sự tham dự của Phó Thủ tướng Lê Văn An, Bộ trưởng Ngoại giao Ấn Độ Anita Rao, "
        "Bộ trưởng Văn phòng Chính phủ Myanmar, Thứ trưởng Ngoại giao các nước."
    )
    assert contacts(text) == [("Lê Văn An", "Phó Thủ tướng"), ("Anita Rao", "Bộ trưởng Ngoại giao Ấn Độ")]


def test_a_title_does_not_reach_back_over_another_persons_name():
    text = "Chương trình thăm của Thủ tướng Chính phủ Lê Văn An và Đoàn Đại biểu cấp cao Việt Nam diễn ra sôi động."
    assert contacts(text) == [("Lê Văn An", "Thủ tướng Chính phủ")]


def test_a_role_taken_after_a_nationality_gloss():
    text = "Công ty TNHH dệt Norvane do ông Chan Wai Ming, người Trung Quốc làm Chủ tịch HĐQT, được cấp phép năm 2011."
    assert contacts(text) == [("Chan Wai Ming", "Chủ tịch HĐQT")]


def test_a_name_written_with_an_initial_is_a_later_mention_of_the_full_name():
    text = (
        "Ông Martin Keller, Giám đốc Hội đồng Doanh nghiệp Đức, cho biết nhu cầu đầu tư tăng. "
        "Ông M. Keller cũng đề nghị rút ngắn thủ tục cấp phép."
    )
    [contact] = extract(text).contacts
    assert (contact.full_name, contact.title) == ("Martin Keller", "Giám đốc Hội đồng Doanh nghiệp Đức")
    assert [m.text for m in contact.mentions] == ["Martin Keller", "M. Keller"]


def test_an_initial_that_stands_for_no_written_name_stays_a_contact():
    text = "Ông R. Keller đến Hà Nội. Ông Martin Keller cho biết sẽ mở văn phòng."
    assert [c.full_name for c in extract(text).contacts] == ["R. Keller", "Martin Keller"]


def test_a_quoted_company_name_after_an_organization_word_is_part_of_the_title():
    text = "Ông Pierre Lemaire, sáng lập công ty “Mekong Conseil” trình bày tham luận tại hội thảo."
    assert contacts(text) == [("Pierre Lemaire", "sáng lập công ty “Mekong Conseil”")]


def test_a_quotation_after_a_title_is_no_part_of_it():
    text = "Ông Lê Minh Tâm, Giám đốc công ty, nói: “Chúng tôi sẽ mở rộng nhà máy”."
    assert contacts(text) == [("Lê Minh Tâm", "Giám đốc công ty")]


def test_a_foreigner_named_in_full_without_an_honorific_and_later_by_family_name():
    text = (
        "Nhà máy được giao cho một nhà đầu tư Canada là David Morrow quản lý. "
        "Ông Morrow cho biết dây chuyền mới sẽ chạy từ tháng sau. Các đối tác tin tưởng ông Morrow."
    )
    [contact] = extract(text).contacts
    assert (contact.full_name, contact.title) == ("David Morrow", "")
    assert [m.text for m in contact.mentions] == ["David Morrow", "Morrow", "Morrow"]


def test_a_family_name_never_written_in_full_stays_the_whole_name():
    assert contacts("Ông Morrow cho biết dây chuyền mới sẽ chạy từ tháng sau.") == [("Morrow", "")]


def test_a_longer_capitalized_run_ending_with_the_family_name_is_not_the_full_name():
    text = "Sản phẩm của Pacific Steel Morrow bán chạy. Ông Morrow cho biết sẽ mở rộng."
    assert [c.full_name for c in extract(text).contacts] == ["Morrow"]


def test_a_name_written_family_name_first_and_last_is_one_contact():
    text = (
        "Bộ trưởng tiếp ông Mori Kenji, Thị trưởng thành phố Osaka (Nhật Bản). "
        "Ông Kenji Mori cho biết nhiều doanh nghiệp Osaka muốn đầu tư vào Việt Nam."
    )
    [contact] = extract(text).contacts
    assert (contact.full_name, contact.title) == ("Mori Kenji", "Thị trưởng thành phố Osaka")
    assert [m.text for m in contact.mentions] == ["Mori Kenji", "Kenji Mori"]


def test_the_words_right_after_a_capitalized_legal_form_are_the_company_name():
    text = "Chủ tịch Công ty TNHH Hòa Bình - chủ đầu tư khu nghỉ dưỡng - cho biết dự án sắp khởi công."
    assert contacts(text) == []
    assert names(text) == ["Công ty TNHH Hòa Bình"]


def test_a_person_named_after_a_company_with_its_name_keeps_the_whole_title():
    assert contacts("Giám đốc Công ty TNHH Hòa Bình Lê Văn Tâm cho hay.") == [
        ("Lê Văn Tâm", "Giám đốc Công ty TNHH Hòa Bình")
    ]


def test_a_rare_vietnamese_surname_after_a_title():
    assert contacts("Theo trưởng đại diện Ứng Thị Mai, văn phòng sẽ mở thêm chi nhánh.") == [
        ("Ứng Thị Mai", "trưởng đại diện")
    ]


def test_a_korean_given_name_split_at_its_hyphen_is_the_same_person():
    text = (
        "Bộ trưởng tiếp Tổng giám đốc Tập đoàn Daehan Việt Nam Park Ji-won. "
        "Ông Park Ji – won cho biết tập đoàn sẽ mở thêm nhà máy."
    )
    [contact] = extract(text).contacts
    assert contact.full_name == "Park Ji-won"
    assert [m.text for m in contact.mentions] == ["Park Ji-won", "Park Ji"]
