"""People with foreign names, lists of people with titles, titles in lower case, truncated texts."""

from tests.extraction.helpers import extract


def contacts(text):
    return [(c.full_name, c.title, c.organization) for c in extract(text).contacts]


def test_a_text_ending_right_after_a_title_raises_nothing():
    assert contacts("Bà Lê Thị Hoa, Giám đốc") == [("Lê Thị Hoa", "Giám đốc", "")]
    assert contacts("Ông Nguyễn Văn Minh, Giám đốc Sở Tài chính") == [("Nguyễn Văn Minh", "Giám đốc Sở Tài chính", "")]


def test_a_text_cut_right_after_a_name_or_inside_a_title_raises_nothing():
    text = "Tổng giám đốc Tập đoàn Brightwave, ông Kim Jong-ho, cho biết. Ông Kim Jong-ho, Chủ tịch"
    for cut in range(1, len(text) + 1):
        extract(text[:cut])


def test_a_foreign_name_after_a_title_and_its_country():
    assert contacts("Thủ tướng Nhật Bản Hiroshi Tanabe phát biểu tại lễ ký.") == [
        ("Hiroshi Tanabe", "Thủ tướng Nhật Bản", "")
    ]


def test_a_foreign_name_after_a_title_and_a_known_company():
    assert contacts("Chủ tịch Tập đoàn Intel Daniel Brooks cho biết.") == [
        ("Daniel Brooks", "Chủ tịch Tập đoàn Intel", "Tập đoàn Intel")
    ]


def test_a_foreign_name_after_a_lower_case_title_and_a_subsidiary():
    assert contacts("Theo tổng giám đốc Canon VN Kenji Morita, nhu cầu tăng.") == [
        ("Kenji Morita", "tổng giám đốc Canon VN", "Canon VN")
    ]


def test_a_firm_name_after_a_lower_case_word_is_no_person():
    assert contacts("Đoàn lãnh đạo Warburg Pincus đã sang làm việc.") == []


def test_a_foreign_name_after_a_firm_whose_name_ends_in_a_firm_word():
    assert contacts("Chủ tịch Harbor Life Anna K. Smith cho biết.") == [
        ("Anna K. Smith", "Chủ tịch Harbor Life", "Harbor Life")
    ]


def test_a_list_of_people_gives_each_their_own_title():
    text = (
        "Dự lễ có Bộ trưởng Bộ Tài chính Nguyễn Văn Nam, Bộ trưởng Công thương Trần Quốc Bảo trực tiếp "
        "trao giấy chứng nhận."
    )
    assert contacts(text) == [
        ("Nguyễn Văn Nam", "Bộ trưởng Bộ Tài chính", "Bộ Tài chính"),
        ("Trần Quốc Bảo", "Bộ trưởng Công thương", ""),
    ]


def test_a_title_whose_gloss_is_followed_by_a_name_is_the_next_persons():
    text = "Tới dự có Phó Thủ tướng Lê Văn An, Bí thư Tỉnh ủy Vân Nam (Trung Quốc) Triệu Minh Đức."
    assert [(name, title) for name, title, _ in contacts(text)] == [
        ("Lê Văn An", "Phó Thủ tướng"),
        ("Triệu Minh Đức", "Bí thư Tỉnh ủy Vân Nam"),
    ]


def test_a_lower_case_title_after_the_name_with_cua_and_the_company():
    assert contacts("Ông Peter Hall, giám đốc tài chính của Norland Pharma, cho biết.") == [
        ("Peter Hall", "giám đốc tài chính của Norland Pharma", "Norland Pharma")
    ]


def test_a_title_with_cua_before_a_comma_and_an_honorific():
    assert contacts("Tổng giám đốc của Norland Pharma, ông Peter Hall cho biết.") == [
        ("Peter Hall", "Tổng giám đốc của Norland Pharma", "Norland Pharma")
    ]


def test_words_between_the_comma_and_the_title_are_skipped():
    assert contacts("Người điều hành là ông Mark Bell, hiện đang là giám đốc điều hành Norland Pharma.") == [
        ("Mark Bell", "giám đốc điều hành Norland Pharma", "Norland Pharma")
    ]


def test_dai_dien_cho_after_the_title_is_a_verb():
    text = "Theo ông Trần Văn Long, Tổng giám đốc Công ty Hoa Sen, đại diện cho nhóm doanh nghiệp, kết quả tốt."
    assert contacts(text) == [("Trần Văn Long", "Tổng giám đốc Công ty Hoa Sen", "Công ty Hoa Sen")]


def test_a_bracketed_acronym_between_the_organization_and_the_name_is_part_of_the_title():
    text = "Chủ tịch Hiệp hội Gỗ Bình Định (FFA) Phạm Văn Tâm cho hay."
    assert contacts(text) == [
        (
            "Phạm Văn Tâm",
            "Chủ tịch Hiệp hội Gỗ Bình Định (FFA)",
            "Hiệp hội Gỗ Bình Định",
        )
    ]


def test_a_lower_case_head_inside_a_title_is_no_verb():
    assert contacts("Đoàn do ông Lee Johnson, Chủ tịch tập đoàn Norland dẫn đầu.") == [
        ("Lee Johnson", "Chủ tịch tập đoàn Norland", "tập đoàn Norland")
    ]


def test_a_photo_position_in_brackets_ends_the_title_before_the_next_name():
    text = "Thủ tướng Hiroshi Tanabe (phải) và Thủ tướng Nguyễn Văn Nam chụp ảnh chung."
    assert contacts(text) == [("Hiroshi Tanabe", "Thủ tướng", ""), ("Nguyễn Văn Nam", "Thủ tướng", "")]


def test_a_one_word_foreign_name_after_a_title_and_a_comma():
    assert contacts("Tổng giám đốc Tập đoàn Norland tại TP.HCM, ông Ikeda cho biết.") == [
        ("Ikeda", "Tổng giám đốc Tập đoàn Norland tại TP.HCM", "Tập đoàn Norland")
    ]


def test_a_parent_body_in_brackets_before_the_comma_is_left_out_of_the_title():
    text = "Phó cục trưởng Cục Đầu tư nước ngoài (Bộ Tài chính), ông Nguyễn Văn Nam cho biết."
    assert contacts(text) == [("Nguyễn Văn Nam", "Phó cục trưởng Cục Đầu tư nước ngoài", "Cục Đầu tư nước ngoài")]


def test_the_role_a_person_will_take():
    assert contacts("Bà Lê Thị Lan (phía Hoa Sen) sẽ làm Chủ tịch hội đồng quản trị.") == [
        ("Lê Thị Lan", "Chủ tịch hội đồng quản trị", "")
    ]


def test_a_lower_case_head_after_cua_belongs_to_the_title():
    text = "Ông Kai Morgan, Tổng giám đốc điều hành phụ trách thị trường của tập đoàn Norland, cho biết."
    assert contacts(text) == [
        (
            "Kai Morgan",
            "Tổng giám đốc điều hành phụ trách thị trường của tập đoàn Norland",
            "tập đoàn Norland",
        )
    ]


def test_two_roles_joined_by_a_comma_before_the_name_are_one_title():
    assert contacts("Có mặt tại buổi tiếp có Phó Thủ tướng, Bộ trưởng Ngoại giao Lê Văn An.") == [
        ("Lê Văn An", "Phó Thủ tướng, Bộ trưởng Ngoại giao", "")
    ]


def test_a_foreign_name_after_a_bracketed_acronym_starts_the_next_person():
    text = (
        "Dự có Bộ trưởng Bộ Công Thương Trần Quốc Bảo, Chủ tịch Hiệp hội Điện tử Nhật Bản (JEITA) "
        "Kenji Morita cùng nhiều doanh nghiệp."
    )
    assert [(name, title) for name, title, _ in contacts(text)] == [
        ("Trần Quốc Bảo", "Bộ trưởng Bộ Công Thương"),
        ("Kenji Morita", "Chủ tịch Hiệp hội Điện tử Nhật Bản (JEITA)"),
    ]


def test_a_degree_before_the_name_gives_way_to_the_position_after_it():
    assert contacts("Giáo sư Trần Văn Lâm, Thứ trưởng Bộ Tài chính, phát biểu.") == [
        ("Trần Văn Lâm", "Thứ trưởng Bộ Tài chính", "Bộ Tài chính")
    ]
    assert contacts("Giáo sư, Thứ trưởng Bộ Tài chính Trần Văn Lâm phát biểu.") == [
        ("Trần Văn Lâm", "Thứ trưởng Bộ Tài chính", "Bộ Tài chính")
    ]
