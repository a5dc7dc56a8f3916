"""People with their titles, in the forms Vietnamese news writes them."""

from tests.extraction.helpers import extract


def contacts(text):
    return [(c.full_name, c.title, c.organization) for c in extract(text).contacts]


def test_a_title_without_organization_before_the_name():
    text = "Phát biểu khai mạc Hội nghị, Phó Thủ tướng Mai Văn Chính khẳng định, Đảng và Chính phủ Việt Nam coi trọng."
    assert contacts(text) == [("Mai Văn Chính", "Phó Thủ tướng", "")]


def test_a_title_with_its_ministry_before_the_name():
    text = "Phát biểu tại Hội nghị, Thứ trưởng Bộ Khoa học và Công nghệ Bùi Hoàng Phương đánh giá cao sáng kiến."
    assert contacts(text) == [("Bùi Hoàng Phương", "Thứ trưởng Bộ Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ")]


def test_a_consul_general_gets_the_consulate_as_organization_when_the_article_names_it():
    text = (
        "Tọa đàm do Tổng Lãnh sự quán Việt Nam tại Quảng Châu tổ chức. "
        "Phát biểu tại tọa đàm, Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng nhấn mạnh."
    )
    assert contacts(text) == [
        ("Nguyễn Việt Dũng", "Tổng Lãnh sự Việt Nam tại Quảng Châu", "Tổng Lãnh sự quán Việt Nam tại Quảng Châu")
    ]


def test_a_consul_general_alone_invents_no_consulate():
    text = "Chủ tịch tỉnh tiếp xã giao ông Ahmad Zaki, Tổng Lãnh sự Malaysia tại TP.HCM, nhân dịp nhận nhiệm kỳ."
    found = extract(text)
    assert [(c.full_name, c.title, c.organization) for c in found.contacts] == [
        ("Ahmad Zaki", "Tổng Lãnh sự Malaysia tại TP.HCM", "")
    ]
    assert found.organizations == ()


def test_a_chinese_name_with_honorific_and_apposition():
    text = (
        "Về phía Trung Quốc, ông Nhậm Hồng Bân, Chủ tịch Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc và "
        "ông Vi Thao, Chủ tịch Khu tự trị dân tộc Choang Quảng Tây cùng nhấn mạnh về tầm quan trọng của hợp tác."
    )
    assert contacts(text) == [
        (
            "Nhậm Hồng Bân",
            "Chủ tịch Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc",
            "Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc",
        ),
        ("Vi Thao", "Chủ tịch Khu tự trị dân tộc Choang Quảng Tây", ""),
    ]


def test_theo_ong_name_comma_title():
    text = (
        "Theo ông Lê Toàn Thắng, Phó Giám đốc Trung tâm hỗ trợ Khởi nghiệp sáng tạo Quốc gia, khoa học "
        "công nghệ là yếu tố then chốt."
    )
    assert contacts(text) == [
        (
            "Lê Toàn Thắng",
            "Phó Giám đốc Trung tâm hỗ trợ Khởi nghiệp sáng tạo Quốc gia",
            "Trung tâm hỗ trợ Khởi nghiệp sáng tạo Quốc gia",
        )
    ]


def test_two_positions_joined_by_a_comma_are_one_title_and_the_first_organization_is_kept():
    text = (
        "Ở góc độ doanh nghiệp, ông Đặng Đức Thành, Ủy viên Ban chấp hành Liên đoàn Thương mại và Công nghiệp "
        "Việt Nam, Chủ tịch Câu lạc bộ Kinh tế gia Việt Nam đã đề xuất thành lập Liên minh."
    )
    assert contacts(text) == [
        (
            "Đặng Đức Thành",
            "Ủy viên Ban chấp hành Liên đoàn Thương mại và Công nghiệp Việt Nam, "
            "Chủ tịch Câu lạc bộ Kinh tế gia Việt Nam",
            "Liên đoàn Thương mại và Công nghiệp Việt Nam",
        )
    ]


def test_a_title_before_and_a_title_after_the_name_are_joined():
    text = (
        "Phát biểu tại hội thảo, Phó chủ tịch UBND TP.HCM Nguyễn Lộc Hà, Trưởng ban tổ chức Diễn đàn Kinh tế "
        "mùa thu 2025, cho biết hiện TP.HCM là địa phương thu hút đầu tư hàng đầu."
    )
    assert contacts(text) == [
        ("Nguyễn Lộc Hà", "Phó chủ tịch UBND TP.HCM, Trưởng ban tổ chức Diễn đàn Kinh tế mùa thu 2025", "UBND TP.HCM")
    ]


def test_a_photo_position_after_the_name_is_skipped():
    text = (
        "Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền (phải) tại làm việc với Ông Vương Hoán Thanh (trái), "
        "Chủ tịch Hội Hữu nghị Hải ngoại thành phố Quảng Châu (Trung Quốc)."
    )
    assert contacts(text) == [
        ("Nguyễn Mạnh Quyền", "Phó Chủ tịch UBND Hà Nội", "UBND Hà Nội"),
        (
            "Vương Hoán Thanh",
            "Chủ tịch Hội Hữu nghị Hải ngoại thành phố Quảng Châu",
            "Hội Hữu nghị Hải ngoại thành phố Quảng Châu",
        ),
    ]


def test_short_references_attach_to_the_same_contact():
    text = (
        "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng nhấn mạnh vai trò của hợp tác. "
        "Ông Dũng cho biết Việt Nam đang triển khai nhiều chiến lược. "
        "Theo Tổng Lãnh sự Nguyễn Việt Dũng, kim ngạch tăng mạnh."
    )
    found = extract(text).contacts
    assert len(found) == 1
    assert [m.text for m in found[0].mentions] == ["Nguyễn Việt Dũng", "Dũng", "Nguyễn Việt Dũng"]
    assert found[0].title == "Tổng Lãnh sự Việt Nam tại Quảng Châu"


def test_a_korean_executive_of_a_company_in_vietnam():
    text = (
        "Ông Kim Jong-hoon, Tổng Giám đốc Công ty TNHH Samsung Display Việt Nam, cho biết doanh nghiệp có "
        "kế hoạch đầu tư thêm 1,8 tỷ USD tại Bắc Ninh."
    )
    assert contacts(text) == [
        (
            "Kim Jong-hoon",
            "Tổng Giám đốc Công ty TNHH Samsung Display Việt Nam",
            "Công ty TNHH Samsung Display Việt Nam",
        )
    ]


def test_a_chairman_named_after_his_company():
    text = "Phó Thủ tướng Trần Hồng Hà tiếp Chủ tịch Tập đoàn Foxconn Lưu Dương Vĩ."
    assert contacts(text) == [
        ("Trần Hồng Hà", "Phó Thủ tướng", ""),
        ("Lưu Dương Vĩ", "Chủ tịch Tập đoàn Foxconn", "Tập đoàn Foxconn"),
    ]


def test_a_japanese_ambassador_gets_the_embassy_the_article_names():
    text = (
        "Đại sứ Nhật Bản tại Việt Nam Ito Naoki cho biết doanh nghiệp Nhật Bản quan tâm đến bán dẫn. "
        "Đại sứ quán Nhật Bản tại Việt Nam sẽ hỗ trợ kết nối."
    )
    assert contacts(text) == [("Ito Naoki", "Đại sứ Nhật Bản tại Việt Nam", "Đại sứ quán Nhật Bản tại Việt Nam")]


def test_photo_credits_and_bylines_are_not_contacts():
    text = (
        "Hội nghị Chuyển giao công nghệ Việt Nam-Trung Quốc 2025. Ảnh: Hương Giang/TTXVN\n"
        "Theo Hương Giang (TTXVN/Vietnam+)"
    )
    assert contacts(text) == []


def test_a_person_named_with_an_honorific_and_no_position_is_a_contact_without_title():
    assert contacts("Bà Trương Mỹ Lan có mặt tại buổi lễ.") == [("Trương Mỹ Lan", "", "")]


def test_a_bare_name_without_honorific_or_title_is_not_a_contact():
    assert contacts("Nguyễn Văn An và Lê Thị Bình có mặt tại buổi lễ.") == []


def test_an_acronym_in_brackets_inside_a_title_is_kept_with_what_follows():
    text = (
        "Đoàn doanh nghiệp Nhật Bản do ông Takahashi Kenji, Trưởng đại diện Tổ chức Xúc tiến Thương mại Nhật Bản "
        "(JETRO) tại TP.HCM, dẫn đầu."
    )
    assert contacts(text) == [
        (
            "Takahashi Kenji",
            "Trưởng đại diện Tổ chức Xúc tiến Thương mại Nhật Bản (JETRO) tại TP.HCM",
            "Tổ chức Xúc tiến Thương mại Nhật Bản",
        )
    ]


def test_a_bare_head_in_a_title_points_back_to_the_organization_just_named():
    text = (
        "Ông Nguyễn Văn Gấu tiếp đoàn công tác của Hiệp hội Doanh nghiệp Thâm Quyến (Trung Quốc) do bà "
        "Trương Lệ Hoa, Phó Chủ tịch Hiệp hội làm trưởng đoàn."
    )
    assert ("Trương Lệ Hoa", "Phó Chủ tịch Hiệp hội", "Hiệp hội Doanh nghiệp Thâm Quyến") in contacts(text)


def test_a_title_between_dashes():
    text = "Bà Phan Thị Thắng - Phó Chủ tịch UBND TP.HCM - khẳng định thành phố sẵn sàng hỗ trợ nhà đầu tư Mỹ."
    assert contacts(text) == [("Phan Thị Thắng", "Phó Chủ tịch UBND TP.HCM", "UBND TP.HCM")]


def test_a_verb_after_the_title_is_not_part_of_it():
    text = "Đoàn công tác tỉnh Hà Nam (Trung Quốc) do ông Vương Khải, Phó Tỉnh trưởng tỉnh Hà Nam dẫn đầu đã đến."
    assert contacts(text) == [("Vương Khải", "Phó Tỉnh trưởng tỉnh Hà Nam", "")]


def test_a_title_before_a_comma_and_an_honorific():
    text = "Giám đốc Sở Công Thương tỉnh Bắc Ninh, ông Nguyễn Văn Lâm cho biết tỉnh sẵn sàng."
    assert contacts(text) == [
        ("Nguyễn Văn Lâm", "Giám đốc Sở Công Thương tỉnh Bắc Ninh", "Sở Công Thương tỉnh Bắc Ninh")
    ]


def test_a_title_in_brackets_after_the_name():
    text = "Theo ông Trần Quốc Nam (Giám đốc Sở Tài chính Hải Phòng), thành phố đang kêu gọi đầu tư."
    assert contacts(text) == [("Trần Quốc Nam", "Giám đốc Sở Tài chính Hải Phòng", "Sở Tài chính Hải Phòng")]


def test_a_degree_alone_introduces_a_name():
    text = "PGS.TS Nguyễn Thị Hoa, Viện trưởng Viện Nghiên cứu Kinh tế, nhận định thị trường còn nhiều dư địa."
    assert contacts(text) == [("Nguyễn Thị Hoa", "Viện trưởng Viện Nghiên cứu Kinh tế", "Viện Nghiên cứu Kinh tế")]


def test_a_title_starting_the_sentence_does_not_attach_to_a_later_honorific_without_comma():
    assert contacts("Phát biểu tại Hội nghị, ông Phạm Văn Đức cho biết.") == [("Phạm Văn Đức", "", "")]


def test_a_korean_name_is_shortened_to_the_family_name():
    text = (
        "Tại hội nghị, ông Park Sung-jin, Chủ tịch Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam, phát biểu. "
        '"Thái Nguyên có hạ tầng tốt", ông Park nói.'
    )
    found = extract(text).contacts
    assert [m.text for m in found[0].mentions] == ["Park Sung-jin", "Park"]


def test_a_region_name_inside_a_name_after_the_surname_is_part_of_the_name():
    text = "Tiếp đoàn có ông Lê Văn Sơn, Giám đốc Sở Ngoại vụ, và bà Phạm Thanh Hải, Phó Giám đốc Sở Tài chính."
    assert [(c.full_name, c.title) for c in extract(text).contacts] == [
        ("Lê Văn Sơn", "Giám đốc Sở Ngoại vụ"),
        ("Phạm Thanh Hải", "Phó Giám đốc Sở Tài chính"),
    ]


def test_a_one_word_foreign_name_after_ba_is_the_whole_name_with_a_second_role_in_brackets():
    text = (
        "Dẫn đầu đoàn là bà Mei, Tổng Giám đốc Công ty TNHH Kaida Tools & Parts (Trưởng đoàn). "
        "Bà Mei cho biết công ty muốn đặt xưởng tại Vĩnh Phúc."
    )
    [contact] = extract(text).contacts
    assert (contact.full_name, contact.title) == ("Mei", "Tổng Giám đốc Công ty TNHH Kaida Tools & Parts, Trưởng đoàn")
    assert len(contact.mentions) == 2


def test_a_vietnamese_given_name_alone_stays_a_short_reference():
    assert contacts("Ông Dũng cho biết doanh nghiệp muốn đầu tư.") == []


def test_no_person_is_read_out_of_an_organization_named_after_an_ocean():
    text = "Bà Lưu Mỹ Linh – Nhà sáng lập Công ty Bảo hiểm Thái Bình Dương cho biết muốn mở chi nhánh."
    assert contacts(text) == [
        ("Lưu Mỹ Linh", "Nhà sáng lập Công ty Bảo hiểm Thái Bình Dương", "Công ty Bảo hiểm Thái Bình Dương")
    ]


def test_a_place_of_two_words_after_a_title_is_no_person():
    text = "Bà Triệu Minh, Tổng Thư ký Quỹ Hợp tác Khu công nghiệp Vũ Hán, phát biểu tại buổi gặp."
    assert [name for name, _, _ in contacts(text)] == ["Triệu Minh"]


def test_a_name_cut_off_at_the_end_of_the_text_is_no_person():
    text = "Ông Lê Hữu Phước, Giám đốc Sở Công Thương, dự buổi làm việc.\n\nÔng Trịnh Quốc Thanh"
    assert [name for name, _, _ in contacts(text)] == ["Lê Hữu Phước"]


def test_a_syllable_no_word_ends_with_ends_no_name():
    text = "Bà Trần Thị Hă, Phó Giám đốc Sở Tài chính, phát biểu."
    assert contacts(text) == []


def test_a_middle_initial_stays_in_the_name():
    text = "Bà Karen B. Wilson bày tỏ mong muốn hợp tác với thành phố."
    assert contacts(text) == [("Karen B. Wilson", "", "")]


def test_a_title_written_right_after_the_name_without_a_comma():
    text = "Ông Henry Lau Chủ tịch Tập đoàn Sunrise đánh giá cao môi trường đầu tư của tỉnh."
    assert contacts(text) == [("Henry Lau", "Chủ tịch Tập đoàn Sunrise", "Tập đoàn Sunrise")]


def test_a_title_before_a_comma_belongs_to_the_name_it_ends_with():
    text = (
        "Sau cuộc gặp với Giám đốc Sở Tài chính Hoàng Minh Đức, ông Kevin Tan Tổng Giám đốc Tập đoàn Orion "
        "cho biết sẽ mở nhà máy tại Đồng Nai."
    )
    assert contacts(text) == [
        ("Hoàng Minh Đức", "Giám đốc Sở Tài chính", "Sở Tài chính Đồng Nai"),
        ("Kevin Tan", "Tổng Giám đốc Tập đoàn Orion", "Tập đoàn Orion"),
    ]


def test_a_title_after_a_dash_and_a_district_head():
    text = "Ông Kim Sang Woo - Quận trưởng quận Jinju cảm ơn tỉnh đã đón tiếp."
    assert contacts(text) == [("Kim Sang Woo", "Quận trưởng quận Jinju", "")]


def test_a_title_ends_before_tai_and_a_lower_case_word():
    text = "Phát biểu tại buổi gặp, bà Đỗ Thu Hằng - Phó Bí thư Thành ủy Nam Định tại chuyến công tác Osaka nói."
    assert contacts(text) == [("Đỗ Thu Hằng", "Phó Bí thư Thành ủy Nam Định", "Thành ủy Nam Định")]


def test_a_party_member_abbreviation_is_a_title():
    text = "Tham gia buổi làm việc còn có ông Hồ Văn Lực - TUV, Giám đốc Sở Tài chính."
    assert contacts(text) == [("Hồ Văn Lực", "TUV, Giám đốc Sở Tài chính", "")]  # no province, no organization


def test_a_later_title_that_spells_out_the_first_one_wins():
    text = (
        "Ông Lưu Kiến Quốc, Chủ tịch Hiệp hội, cảm ơn sự đón tiếp chu đáo. "
        "Trước đó, ông Lưu Kiến Quốc, Chủ tịch Hiệp hội Doanh nghiệp Côn Sơn, đã ký biên bản ghi nhớ."
    )
    assert contacts(text) == [
        ("Lưu Kiến Quốc", "Chủ tịch Hiệp hội Doanh nghiệp Côn Sơn", "Hiệp hội Doanh nghiệp Côn Sơn")
    ]


def test_a_title_goes_on_to_the_end_of_an_organization_that_lists_its_fields():
    text = "Ông Phan Đình Khoa, Giám đốc Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh Hà Tĩnh, cho biết."
    assert contacts(text) == [
        (
            "Phan Đình Khoa",
            "Giám đốc Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh Hà Tĩnh",
            "Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh Hà Tĩnh",
        )
    ]


def test_several_roles_keep_the_whole_title_and_the_first_roles_organization():
    text = (
        "Tại Điện Biên, ông Phan Minh Đạo, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh, "
        "Trưởng đoàn ĐBQH tỉnh Điện Biên tiếp đoàn doanh nghiệp."
    )
    assert contacts(text) == [
        (
            "Phan Minh Đạo",
            "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh, Trưởng đoàn ĐBQH tỉnh Điện Biên",
            "Tỉnh ủy Điện Biên",
        )
    ]


def test_a_parent_in_brackets_after_a_title_belongs_to_it():
    text = "Bà Trần Thu Vân, Vụ trưởng Vụ Đông Nam Á (Bộ Ngoại giao) cho biết."
    assert contacts(text) == [("Trần Thu Vân", "Vụ trưởng Vụ Đông Nam Á (Bộ Ngoại giao)", "Vụ Đông Nam Á")]


def test_founders_advisers_and_degrees_are_titles():
    assert contacts("Ông Lâm Chí Hào, Người sáng lập Tập đoàn Hải Đông, cho biết.") == [
        ("Lâm Chí Hào", "Người sáng lập Tập đoàn Hải Đông", "Tập đoàn Hải Đông")
    ]
    assert contacts("Ông Kenji Sato, Cố vấn Công ty Sakura Denki, phát biểu.") == [
        ("Kenji Sato", "Cố vấn Công ty Sakura Denki", "Công ty Sakura Denki")
    ]
    assert contacts("Giáo sư Nguyễn Văn Lâm và Tiến sĩ Hoàng Đức Minh dự hội thảo.") == [
        ("Nguyễn Văn Lâm", "Giáo sư", ""),
        ("Hoàng Đức Minh", "Tiến sĩ", ""),
    ]


def test_a_title_held_jointly_runs_on_to_the_company_after_cua():
    text = "Ông Chu Vĩnh Khang, Chủ tịch Hội đồng quản trị kiêm Tổng Giám đốc của Công ty Cổ phần Đông Phong, cho biết."
    assert contacts(text) == [
        (
            "Chu Vĩnh Khang",
            "Chủ tịch Hội đồng quản trị kiêm Tổng Giám đốc của Công ty Cổ phần Đông Phong",
            "Công ty Cổ phần Đông Phong",
        )
    ]


def test_a_list_of_guests_gives_each_only_the_title_before_the_name():
    text = (
        "Dự hội nghị có Thứ trưởng Bộ Tài chính Trần Minh Khoa, Đại sứ Việt Nam tại Ba Lan, "
        "Phó Thủ tướng Séc cùng nhiều doanh nghiệp."
    )
    assert ("Trần Minh Khoa", "Thứ trưởng Bộ Tài chính", "Bộ Tài chính") in contacts(text)


def test_a_list_of_guests_ending_with_cung_keeps_the_title_before_the_name():
    text = "Tham dự có Thứ trưởng Bộ Tài chính Trần Minh Khoa, Đại sứ Việt Nam tại Ba Lan cùng nhiều quan chức."
    assert contacts(text) == [("Trần Minh Khoa", "Thứ trưởng Bộ Tài chính", "Bộ Tài chính")]


def test_the_president_named_like_the_city_is_a_person():
    text = "Ông Tanaka nhắc lại lời dạy của Chủ tịch Hồ Chí Minh về tình hữu nghị giữa hai nước."
    assert ("Hồ Chí Minh", "Chủ tịch", "") in contacts(text)
