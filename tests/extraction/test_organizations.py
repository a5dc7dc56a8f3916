"""Organizations: head word, the extent of the name, kind and country."""

from tests.extraction.helpers import extract


def orgs(text):
    return [(o.name, o.kind, o.country) for o in extract(text).organizations]


def test_a_consulate_named_with_its_city_is_vietnamese():
    text = "Tọa đàm do Tổng Lãnh sự quán Việt Nam tại Quảng Châu tổ chức mới đây."
    assert orgs(text) == [("Tổng Lãnh sự quán Việt Nam tại Quảng Châu", "consulate", "VN")]


def test_a_ministry_name_keeps_its_lower_case_syllables_and_connector_and_its_fullest_form():
    text = "Thứ trưởng Bộ Khoa học và Công nghệ Bùi Hoàng Phương cho biết, Bộ Khoa học và Công nghệ Việt Nam cam kết."
    assert orgs(text) == [("Bộ Khoa học và Công nghệ Việt Nam", "government", "VN")]


def test_two_organizations_joined_by_va_are_two():
    text = (
        "Trung tâm Hỗ trợ Khởi nghiệp sáng tạo Quốc gia và Ủy ban ngành Thương mại thuộc Hội đồng Xúc tiến "
        "Thương mại Quốc tế Trung Quốc ký kết hợp tác."
    )
    assert orgs(text) == [
        ("Trung tâm Hỗ trợ Khởi nghiệp sáng tạo Quốc gia", "government", "VN"),
        ("Ủy ban ngành Thương mại thuộc Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc", "association", "CN"),
        ("Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc", "association", "CN"),
    ]


def test_an_abbreviation_in_brackets_ends_the_name_and_its_later_uses_are_mentions():
    text = "Theo số liệu của Cục Đầu tư nước ngoài (FIA), vốn tăng. FIA cho biết thêm."
    found = extract(text).organizations
    assert [(o.name, o.kind) for o in found] == [("Cục Đầu tư nước ngoài", "government")]
    assert [m.text for m in found[0].mentions] == ["Cục Đầu tư nước ngoài", "FIA", "FIA"]


def test_a_local_authority_stops_before_the_persons_name():
    text = "trong buổi làm việc với Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền, đoàn đã đề xuất."
    assert orgs(text) == [("UBND Hà Nội", "local_authority", "VN")]


def test_spellings_of_one_local_authority_are_one_organization():
    text = "Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền tiếp đoàn. (Ảnh: UBND Thành phố Hà Nội)"
    found = extract(text).organizations
    assert [o.name for o in found] == ["UBND Hà Nội"]
    assert len(found[0].mentions) == 2


def test_a_department_of_a_chinese_autonomous_region_is_chinese():
    text = (
        "ông Viên Hoàng, Giám đốc Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây (Trung Quốc), "
        "mới đây đã đề xuất hợp tác."
    )
    assert orgs(text) == [("Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây", "local_authority", "CN")]


def test_well_known_companies_are_found_alone():
    text = "sự hiện diện của các tập đoàn lớn như Samsung, Canon, Foxconn, Goertek, Amkor…"
    assert [(name, kind) for name, kind, _ in orgs(text)] == [
        ("Samsung", "company"),
        ("Canon", "company"),
        ("Foxconn", "company"),
        ("Goertek", "company"),
        ("Amkor", "company"),
    ]


def test_a_company_head_before_a_known_company_is_kept_as_its_legal_form():
    assert orgs("Tập đoàn LG Electronics (Hàn Quốc) đề xuất xây dựng trung tâm tại Hải Phòng.") == [
        ("Tập đoàn LG Electronics", "company", "KR")
    ]


def test_a_company_takes_its_country_from_brackets_after_it():
    assert orgs("Tập đoàn Hyosung (Hàn Quốc) bày tỏ mong muốn mở rộng đầu tư.") == [
        ("Tập đoàn Hyosung", "company", "KR")
    ]
    assert orgs("Tập đoàn Hòa Bình Xanh (Hàn Quốc) đầu tư.") == [("Tập đoàn Hòa Bình Xanh", "company", "KR")]


def test_a_subsidiary_of_a_known_foreign_group_takes_the_groups_country():
    assert orgs("Công ty TNHH Samsung Display Việt Nam cho biết.") == [
        ("Công ty TNHH Samsung Display Việt Nam", "company", "KR")
    ]


def test_a_fund_of_singapore():
    assert orgs("Quỹ đầu tư GIC của Singapore mong muốn rót vốn.") == [("Quỹ đầu tư GIC", "fund", "SG")]


def test_conferences_laws_resolutions_and_regions_are_not_organizations():
    text = (
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số; Hội nghị Đối thoại Bàn tròn "
        "giữa Chính phủ Việt Nam và các CEO; Diễn đàn Kinh tế mùa thu 2025; Khu tự trị dân tộc Choang Quảng Tây; "
        "Luật Công nghiệp Công nghệ số."
    )
    assert [name for name, _, _ in orgs(text)] == ["Bộ Chính trị", "Chính phủ Việt Nam"]


def test_a_position_before_a_ministry_is_not_part_of_its_name():
    assert orgs("Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng đề nghị.") == [
        ("Bộ Kế hoạch và Đầu tư", "government", "VN")
    ]


def test_an_abbreviated_department_name():
    assert orgs("Theo ông Trần Văn Bình, Giám đốc Sở KH-CN tỉnh Gia Lai, tỉnh đang kêu gọi đầu tư.") == [
        ("Sở KH-CN tỉnh Gia Lai", "local_authority", "VN")
    ]


def test_an_association_with_its_abbreviation_after_a_long_lower_case_tail():
    text = "Ông Nguyễn Văn Đức, Chủ tịch Hiệp hội Doanh nghiệp đầu tư nước ngoài (VAFIE), cho biết."
    assert orgs(text) == [("Hiệp hội Doanh nghiệp đầu tư nước ngoài", "association", "")]


def test_an_organization_never_ends_on_a_connector():
    text = "Tổng công ty Điện lực miền Bắc và Tập đoàn Điện lực Việt Nam (EVN) ký kết hợp tác."
    assert [name for name, _, _ in orgs(text)] == ["Tổng công ty Điện lực miền Bắc", "Tập đoàn Điện lực Việt Nam"]


def test_a_known_company_name_runs_on_as_written():
    text = "Ông Lee Jae-hyun, Tổng Giám đốc LG Display Việt Nam Hải Phòng, cho biết."
    assert orgs(text) == [("LG Display Việt Nam Hải Phòng", "company", "KR")]


def test_a_company_located_somewhere_is_not_named_after_the_place():
    assert orgs("Đoàn làm việc với Tập đoàn Foxconn tại Đài Bắc (Đài Loan).") == [("Tập đoàn Foxconn", "company", "TW")]


def test_the_national_assembly_is_named_by_its_head_alone_but_the_government_needs_a_country():
    assert orgs("Quốc hội đã thông qua luật; Chính phủ sẽ hướng dẫn, Chính phủ Việt Nam cam kết.") == [
        ("Quốc hội", "government", "VN"),
        ("Chính phủ Việt Nam", "government", "VN"),
    ]


def test_an_ampersand_between_capitalized_words_stays_in_a_company_name():
    text = "Bà Mei, Tổng Giám đốc Công ty TNHH Kaida Tools & Parts, cho biết công ty muốn đặt xưởng tại Vĩnh Phúc."
    assert orgs(text) == [("Công ty TNHH Kaida Tools & Parts", "company", "")]


def test_cac_between_capitalized_words_stays_in_a_name():
    text = "Đoàn công tác của Quỹ Hỗ trợ các Nhà sáng chế Trẻ tại Thâm Quyến đến làm việc với tỉnh."
    assert orgs(text) == [("Quỹ Hỗ trợ các Nhà sáng chế Trẻ tại Thâm Quyến", "fund", "CN")]


def test_an_ordinal_inside_a_name_stays_when_the_name_goes_on():
    text = "Viện Nghiên cứu Công nghiệp lần thứ 4 tại Cần Thơ (CT-IR4) vừa ra mắt."
    assert [o.name for o in extract(text).organizations] == ["Viện Nghiên cứu Công nghiệp lần thứ 4 tại Cần Thơ"]
    assert [o.name for o in extract("Tập đoàn Sumo lần thứ 2 đến thăm tỉnh.").organizations] == ["Tập đoàn Sumo"]


def test_a_head_followed_by_a_lower_case_word_is_a_common_noun():
    text = (
        "Toàn bộ cổ phần do Tập đoàn nắm giữ. Tập đoàn kinh doanh chủ yếu ngành thép. "
        "Tập đoàn sản xuất ô tô lớn nhất châu Âu muốn đầu tư."
    )
    assert orgs(text) == []


def test_an_office_named_only_by_where_it_is_is_no_organization():
    assert orgs("Công ty vừa mở Văn phòng giao dịch tại Hà Nội để tìm kiếm đối tác.") == []


def test_a_power_plant_is_a_project_not_an_organization():
    text = "Tập đoàn Hanwha là nhà đầu tư dự án Nhà máy điện khí Hải Lăng giai đoạn 1."
    assert [name for name, _, _ in orgs(text)] == ["Tập đoàn Hanwha"]


def test_a_trailing_tinh_pointing_back_at_the_province_stays_in_the_name():
    text = "Cùng dự có ông Trần Văn Nam, Chủ tịch Hội Nông dân tỉnh, và đại diện các sở của Sơn La."
    assert [name for name, _, _ in orgs(text)] == ["Hội Nông dân tỉnh Sơn La"]
    assert extract(text).contacts[0].title == "Chủ tịch Hội Nông dân tỉnh"


def test_an_organization_named_in_full_inside_a_title_is_found():
    text = (
        "Ông Hoàng Minh, Ủy viên Ban Thường vụ Đảng ủy tỉnh Vân Nam, Bí thư Thành ủy Côn Minh "
        "cho biết đoàn muốn hợp tác với Lào Cai."
    )
    assert orgs(text) == [
        ("Ban Thường vụ Đảng ủy tỉnh Vân Nam", "local_authority", "CN"),
        ("Thành ủy Côn Minh", "local_authority", "CN"),
    ]


def test_a_company_named_after_an_ocean_is_one_name_and_no_person():
    text = "Chủ tịch tỉnh tiếp lãnh đạo Công ty Bảo hiểm Thái Bình Dương (Mỹ) tại trụ sở."
    found = extract(text)
    assert [(o.name, o.country) for o in found.organizations] == [("Công ty Bảo hiểm Thái Bình Dương", "US")]
    assert found.contacts == ()


def test_a_verb_after_a_company_name_ends_it():
    text = "Đại diện Tập đoàn Hanwha muốn tìm hiểu thêm quỹ đất tại tỉnh Bắc Ninh."
    assert [name for name, _, _ in orgs(text)] == ["Tập đoàn Hanwha"]


def test_a_noun_with_a_verb_syllable_stays_inside_the_name():
    text = "Công ty Thiết bị y tế Minh Long được cấp phép mở rộng nhà máy."
    assert [name for name, _, _ in orgs(text)] == ["Công ty Thiết bị y tế Minh Long"]


def test_a_name_may_join_two_capitalized_parts_with_a_dash():
    text = "Công ty TNHH liên doanh Kobe – Vina được cấp phép mở rộng."
    assert [name for name, _, _ in orgs(text)] == ["Công ty TNHH liên doanh Kobe – Vina"]


def test_an_association_name_may_start_in_lower_case_after_cac():
    text = "Hiệp hội các nhà đầu tư Nhật Bản tại Hà Nội vừa gửi thư kiến nghị."
    assert orgs(text) == [("Hiệp hội các nhà đầu tư Nhật Bản tại Hà Nội", "association", "JP")]


def test_a_name_listing_its_fields_keeps_its_commas():
    text = "Trung tâm Xúc tiến thương mại, Du lịch và Hỗ trợ doanh nghiệp tỉnh Lạng Sơn tổ chức hội nghị."
    assert [name for name, _, _ in orgs(text)] == [
        "Trung tâm Xúc tiến thương mại, Du lịch và Hỗ trợ doanh nghiệp tỉnh Lạng Sơn"
    ]


def test_bodies_in_a_comma_list_stay_apart_and_share_the_province_ending_the_list():
    text = "Sở Công Thương, Sở Tài chính và UBND tỉnh Lạng Sơn cùng dự."
    assert [name for name, _, _ in orgs(text)] == [
        "Sở Công Thương Lạng Sơn",
        "Sở Tài chính Lạng Sơn",
        "UBND tỉnh Lạng Sơn",
    ]


def test_va_before_a_project_does_not_join_it_to_the_company():
    text = "Hai cái tên được nhắc đến là Công ty TNHH Cơ khí Minh Phát và Dự án luyện thép Hòa Bình."
    assert [name for name, _, _ in orgs(text)] == ["Công ty TNHH Cơ khí Minh Phát"]


def test_the_provincial_committee_of_an_article_naming_no_province_is_no_organization():
    text = "Lãnh đạo UBND tỉnh đã tiếp đoàn. Ông Lê Minh Tâm, Phó Chủ tịch UBND tỉnh cho biết thêm."
    assert orgs(text) == []
    assert extract(text).contacts[0].title == "Phó Chủ tịch UBND tỉnh"


def test_a_party_committee_alone_is_an_organization_of_the_province():
    text = "Bí thư Tỉnh ủy Hoàng Văn Khải tiếp đoàn doanh nghiệp tại Gia Lai."
    assert orgs(text) == [("Tỉnh ủy Gia Lai", "local_authority", "VN")]


def test_the_body_a_title_ends_with_is_an_organization():
    text = "Ông Lương Văn Nam, Ủy viên BTV Thành ủy, Trưởng Ban Kinh tế và Ngân sách Thành ủy dự buổi tiếp tại Đà Nẵng."
    assert [name for name, _, _ in orgs(text)] == [
        "BTV Thành ủy Đà Nẵng",
        "Ban Kinh tế và Ngân sách Thành ủy Đà Nẵng",
    ]


def test_hospitals_and_chambers_are_organizations():
    text = "Bệnh viện Nhi - Sản Hải Phòng và Tổng Thương hội Quảng Châu ký thỏa thuận."
    assert orgs(text) == [
        ("Bệnh viện Nhi - Sản Hải Phòng", "other", "VN"),
        ("Tổng Thương hội Quảng Châu", "association", "CN"),
    ]


def test_a_branch_in_brackets_after_an_association_is_no_organization_of_its_own():
    text = "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam (Chi hội Đà Nẵng) tổ chức gặp mặt."
    assert [name for name, _, _ in orgs(text)] == ["Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam"]


def test_a_companys_legal_form_stays_in_its_name():
    assert [n for n, _, _ in orgs("Công ty Hoa Sen Electronics Co., Ltd đã ký thỏa thuận với đối tác.")] == [
        "Công ty Hoa Sen Electronics Co., Ltd"
    ]
    assert [n for n, _, _ in orgs("Đại diện Công ty Minh Long Co, Ltd cho biết.")] == ["Công ty Minh Long Co, Ltd"]
    assert [n for n, _, _ in orgs("Tập đoàn Kanto Steel Corp. mong muốn mở rộng nhà máy.")] == [
        "Tập đoàn Kanto Steel Corp."
    ]
    assert [n for n, _, _ in orgs("Công ty Orion Tech Inc. và Công ty Cổ phần Đại Phát JSC ký kết.")] == [
        "Công ty Orion Tech Inc.",
        "Công ty Cổ phần Đại Phát JSC",
    ]


def test_a_company_head_with_only_a_country_names_no_company():
    assert orgs("Tập đoàn Singapore mong muốn hợp tác trong lĩnh vực logistics tại Đồng Nai.") == []
    found = extract("Các Tập đoàn Hàn Quốc quan tâm tới lĩnh vực bán dẫn tại Việt Nam.")
    assert found.organizations == ()
    assert [(o.organization, o.origin) for o in found.opportunities] == [("", "Hàn Quốc")]


def test_the_government_as_a_concept_or_of_two_countries_is_no_organization():
    from tests.extraction.helpers import extract

    text = "Việt Nam tiếp tục xây dựng Chính phủ điện tử. Chính phủ hai nước cam kết hỗ trợ doanh nghiệp."
    assert [o.name for o in extract(text).organizations] == []


def test_a_short_name_after_a_dash_is_an_alias():
    from tests.extraction.helpers import extract

    found = extract("Tổng công ty Than Việt Nam - VCoal ký hợp đồng mới. VCoal sẽ mở thêm mỏ.").organizations
    assert [o.name for o in found] == ["Tổng công ty Than Việt Nam"]


def test_a_foreign_parliament_named_with_its_country_is_one_body():
    text = "Đoàn đại biểu Duma quốc gia Nga đã làm việc với tỉnh Bình Dương."
    assert [name for name, _, _ in orgs(text)] == ["Duma quốc gia Nga"]
