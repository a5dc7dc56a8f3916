"""Interest statements become leads joining who, where, what and how much: one per party and target,
with every sector its sentences name."""

from dataclasses import replace
from decimal import Decimal

from importers.extraction import extract_article
from tests.extraction.helpers import article, extract


def opportunities(text):
    return [(o.organization, o.origin, o.province, o.sectors) for o in extract(text).opportunities]


def test_firms_of_a_country_wanting_to_cooperate_with_vietnam_are_a_nationwide_lead():
    text = (
        "Các doanh nghiệp Trung Quốc bày tỏ mong muốn hợp tác với Việt Nam trong phát triển AI ứng dụng trong "
        "công nghiệp sản xuất."
    )
    assert opportunities(text) == [("", "Trung Quốc", "", ("ai", "manufacturing"))]


def test_firms_located_in_a_foreign_city_have_that_city_as_origin():
    text = "Một số doanh nghiệp công nghệ tại Thâm Quyến bày tỏ mong muốn hợp tác với Việt Nam trong phát triển AI."
    assert opportunities(text) == [("", "Thâm Quyến", "", ("ai",))]


def test_a_foreign_official_proposing_cooperation_to_a_province():
    text = (
        "ông Viên Hoàng, Giám đốc Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây (Trung Quốc), "
        "mới đây đã đề xuất tỉnh Bắc Ninh và tỉnh Quảng Tây tăng cường hợp tác trong các lĩnh vực công nghệ cao, "
        "đặc biệt là trí tuệ nhân tạo và chế tạo máy trong thời gian tới."
    )
    org = "Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây"
    assert opportunities(text) == [(org, "Quảng Tây", "Bắc Ninh", ("ai", "manufacturing"))]


def test_a_vietnamese_official_inviting_a_countrys_firms_targets_his_city():
    text = (
        "Phó chủ tịch UBND TP.HCM Nguyễn Lộc Hà cho biết thành phố thu hút nhiều dự án. "
        "Hiện TP đang xây dựng hệ sinh thái đổi mới sáng tạo; mời gọi doanh nghiệp Trung Quốc cùng phát triển "
        "các công nghệ tiên tiến như AI và blockchain."
    )
    assert opportunities(text) == [("", "Trung Quốc", "TP. Hồ Chí Minh", ("ai", "blockchain"))]


def test_a_korean_firm_in_bac_giang_with_its_value():
    text = (
        "Ngày 15/9, Tập đoàn Hyosung (Hàn Quốc) bày tỏ mong muốn mở rộng đầu tư vào lĩnh vực năng lượng tái tạo "
        "tại tỉnh Bắc Giang với tổng vốn khoảng 500 triệu USD."
    )
    found = extract(text).opportunities
    assert [(o.origin, o.province, o.sectors) for o in found] == [("Hàn Quốc", "Bắc Ninh", ("renewable-energy",))]
    assert found[0].organization.endswith("Hyosung")
    assert (found[0].value, found[0].currency, found[0].stage) == (Decimal("500000000"), "USD", "identified")
    assert found[0].evidence.text == text


def test_a_japanese_company_planning_to_invest_in_binh_duong():
    text = "Công ty Nidec (Nhật Bản) có kế hoạch đầu tư thêm nhà máy sản xuất linh kiện điện tử tại Bình Dương."
    assert [lead[1:3] for lead in opportunities(text)] == [("Nhật Bản", "TP. Hồ Chí Minh")]
    assert opportunities(text)[0][0].endswith("Nidec")
    assert "electronics" in opportunities(text)[0][3]


def test_henan_province_wanting_to_cooperate_with_hai_phong():
    text = "Tỉnh Hà Nam (Trung Quốc) muốn hợp tác với Hải Phòng trong lĩnh vực logistics."
    assert opportunities(text) == [("", "Hà Nam", "Hải Phòng", ("logistics",))]


def test_a_sentence_without_a_named_party_speaks_of_the_articles_main_country():
    text = (
        "Nhiều doanh nghiệp Hàn Quốc đã đến làm việc tại Việt Nam. "
        "Các tập đoàn xây dựng cũng đánh giá cao tiềm năng hợp tác với Việt Nam trong phát triển các khu "
        "công nghiệp xanh."
    )
    assert opportunities(text) == [("", "Hàn Quốc", "", ("industrial-parks",))]


def test_cooperation_between_other_parties_is_no_lead_for_vietnam():
    text = (
        "Trung Quốc và ASEAN hoàn toàn có tiềm năng thúc đẩy hoạt động hợp tác trong các lĩnh vực hết sức có "
        "tiềm năng hợp tác như năng lượng, hạ tầng giao thông."
    )
    assert opportunities(text) == []


def test_an_existing_investment_is_not_an_interest_statement():
    text = (
        "Các dự án đầu tư đến từ doanh nghiệp Trung Quốc tại TP.HCM tập trung ở các lĩnh vực công nghệ thông tin "
        "và chuyển đổi số, logistics và thương mại điện tử."
    )
    assert opportunities(text) == []


def test_the_first_sentence_is_kept_as_evidence_of_a_repeated_interest():
    text = (
        "Đại diện các tập đoàn lớn của Trung Quốc chia sẻ kế hoạch đầu tư và mong muốn cùng Việt Nam phát triển "
        "lĩnh vực đường sắt. Đại diện các tập đoàn lớn của Trung Quốc cũng mong muốn phát triển đường sắt."
    )
    found = extract(text).opportunities
    assert len(found) == 1
    assert found[0].evidence.start == 0


def test_two_foreign_regions_in_one_statement_are_two_leads():
    text = (
        "Thành phố Quảng Châu (Trung Quốc) và tỉnh Quảng Tây (Trung Quốc) đã đẩy mạnh các hoạt động mở rộng hợp "
        "tác với các địa phương phía Bắc Việt Nam, đặc biệt trong lĩnh vực hạ tầng đô thị."
    )
    assert opportunities(text) == [
        ("", "Quảng Châu", "", ("urban-infrastructure",)),
        ("", "Quảng Tây", "", ("urban-infrastructure",)),
    ]


def test_an_assessment_of_the_act_of_cooperating_is_not_a_statement_of_interest():
    text = (
        "Vì vậy, việc tăng cường hợp tác với Thành phố Quảng Châu (Trung Quốc) trong các lĩnh vực hạ tầng – giao "
        "thông – đô thị hóa – thương mại có ý nghĩa chiến lược đối với Hà Nội."
    )
    assert opportunities(text) == []


def test_a_caption_repeating_the_body_states_no_opportunity():
    raw = (
        "Thành phố mời gọi doanh nghiệp Trung Quốc cùng phát triển AI.\n"
        "TP.HCM muốn hợp tác với doanh nghiệp Trung Quốc cùng phát triển blockchain ẢNH: BTC"
    )
    body = (
        "Thành phố mời gọi doanh nghiệp Trung Quốc cùng phát triển AI.\n"
        "TP.HCM muốn hợp tác với doanh nghiệp Trung Quốc cùng phát triển blockchain"
    )
    found = extract_article(replace(article(body), raw_text=raw)).opportunities
    assert [o.sectors for o in found] == [("ai",)]


def test_an_interest_stated_only_in_the_title_has_the_title_as_evidence():
    title = "Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác với Việt Nam trong lĩnh vực AI, điện toán đám mây"
    parsed = replace(
        article("Đại diện các tập đoàn Trung Quốc mong muốn cùng Việt Nam phát triển đường sắt."), title=title
    )
    found = extract_article(parsed).opportunities
    assert [(o.origin, o.sectors) for o in found] == [("Trung Quốc", ("ai", "cloud-data", "railways"))]
    assert (found[0].evidence.text, found[0].evidence.start, found[0].evidence.end) == (title, 0, 0)


def test_a_vietnamese_leader_calling_on_firms_targets_the_province_he_speaks_for():
    text = (
        "Sáng 3/12, ông Nguyễn Văn Gấu, Chủ tịch UBND tỉnh Bắc Giang tiếp đoàn doanh nghiệp Thâm Quyến. "
        "Ông Gấu đề nghị các doanh nghiệp Thâm Quyến (Shenzhen) nghiên cứu đầu tư vào lĩnh vực logistics."
    )
    assert opportunities(text) == [("", "Thâm Quyến", "Bắc Ninh", ("logistics",))]


def test_a_provincial_story_targets_its_only_province():
    text = (
        "Chiều 5/11, đoàn doanh nghiệp Nhật Bản làm việc với lãnh đạo tỉnh Đồng Nai. "
        "Các doanh nghiệp Nhật Bản bày tỏ mong muốn tìm hiểu cơ hội đầu tư vào sản xuất chip."
    )
    assert [(who, origin, province, sectors[0]) for who, origin, province, sectors in opportunities(text)] == [
        ("", "Nhật Bản", "Đồng Nai", "semiconductors")
    ]


def test_two_countries_speaking_of_each_other_is_nationwide_even_in_a_provincial_story():
    text = (
        "Hội nghị diễn ra tại Thành phố Hồ Chí Minh. "
        "Bà Vương Hi, Phó Chủ tịch Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc, mong muốn thúc đẩy hợp tác "
        "giữa doanh nghiệp hai nước trong lĩnh vực thương mại."
    )
    assert opportunities(text) == [("Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc", "Trung Quốc", "", ("trade",))]


def test_a_group_and_its_subsidiary_in_one_sentence_are_one_lead():
    text = (
        "Ông Kim Huat Ooi, Phó Chủ tịch Tập đoàn Intel kiêm Tổng Giám đốc Intel Products Việt Nam, cho biết Intel "
        "đang xem xét kế hoạch đầu tư thêm 475 triệu USD vào nhà máy kiểm định chip tại TP.HCM."
    )
    assert [lead[1:3] for lead in opportunities(text)] == [("Hoa Kỳ", "TP. Hồ Chí Minh")]
    assert opportunities(text)[0][0].endswith("Intel")
    assert opportunities(text)[0][3][0] == "semiconductors"


def test_a_vietnamese_minister_proposing_to_a_country_names_each_target_province():
    text = (
        "Bộ trưởng Nguyễn Văn Thắng đề nghị phía Singapore mở rộng hợp tác phát triển các khu công nghiệp VSIP "
        "tại các tỉnh Nghệ An, Quảng Ngãi và Cần Thơ."
    )
    assert opportunities(text) == [
        ("", "Singapore", "Nghệ An", ("industrial-parks",)),
        ("", "Singapore", "Quảng Ngãi", ("industrial-parks",)),
        ("", "Singapore", "Cần Thơ", ("industrial-parks",)),
    ]


def test_a_sentence_going_on_with_a_proposal_has_the_same_party_and_target():
    text = (
        "Phó Thị trưởng Côn Minh kiến nghị Lào Cai đẩy mạnh hợp tác về đường sắt khổ tiêu chuẩn. "
        "Đồng thời, mở rộng hợp tác về kho vận, đào tạo nghề và du lịch."
    )
    assert opportunities(text) == [
        ("", "Côn Minh", "Lào Cai", ("railways", "logistics", "education-workforce", "tourism")),
    ]


def test_a_sentence_without_a_subject_in_a_new_paragraph_continues_nothing():
    text = (
        "Phó Thị trưởng Côn Minh kiến nghị Lào Cai đẩy mạnh hợp tác về đường sắt khổ tiêu chuẩn.\n"
        "Đồng thời, mở rộng hợp tác về kho vận."
    )
    assert [sectors for *_, sectors in opportunities(text)] == [("railways",)]


def test_the_two_sides_before_the_body_names_the_partner_are_the_partner_it_names_most():
    text = (
        "Đại diện hai bên nhất trí mong muốn mở rộng hợp tác về nông sản, du lịch và kho vận. "
        "Buổi gặp giữa tỉnh Cao Bằng và thành phố Bách Sắc (Quảng Tây, Trung Quốc) diễn ra tại cửa khẩu Trà Lĩnh. "
        "Thương nhân Bách Sắc đề nghị sớm mở thêm lối thông quan."
    )
    assert {(origin, province) for _, origin, province, _ in opportunities(text)} == {("Bách Sắc", "Cao Bằng")}


def test_a_bare_head_as_subject_points_back_at_the_foreign_organization_last_named_with_it():
    text = (
        "Lãnh đạo thành phố làm việc với Tập đoàn Hoa Thịnh (Chiết Giang, Trung Quốc). "
        "Tập đoàn chuyên về dệt may và mong muốn đặt nhà máy tại Đà Nẵng."
    )
    assert opportunities(text) == [
        ("Tập đoàn Hoa Thịnh", "Chiết Giang", "Đà Nẵng", ("textiles-garments", "manufacturing"))
    ]  # a factory ("đặt nhà máy") counts as manufacturing after the sector of what it makes


def test_viet_nam_inside_an_organization_name_does_not_make_the_lead_nationwide():
    text = (
        "Chủ tịch UBND tỉnh Thái Nguyên làm việc với doanh nghiệp Hàn Quốc. Đại diện Hiệp hội Doanh nghiệp Hàn Quốc "
        "tại Việt Nam đề xuất tỉnh tạo điều kiện cho các doanh nghiệp trong lĩnh vực linh kiện điện tử."
    )
    assert opportunities(text) == [
        ("Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam", "Hàn Quốc", "Thái Nguyên", ("electronics",))
    ]


def test_the_members_of_an_association_named_before_speak_for_it():
    text = (
        "Lãnh đạo tỉnh Nghệ An tiếp đoàn Hiệp hội Doanh nghiệp Khu công nghiệp Vô Tích (Trung Quốc). "
        "Tại buổi làm việc, đại diện Hiệp hội Doanh nghiệp KCN Vô Tích giới thiệu về hoạt động. "
        "Sau khi nghe giới thiệu, các thành viên hiệp hội bày tỏ mong muốn đầu tư vào lĩnh vực logistics tại Nghệ An."
    )
    assert opportunities(text) == [
        ("Hiệp hội Doanh nghiệp Khu công nghiệp Vô Tích", "Trung Quốc", "Nghệ An", ("logistics",))
    ]


def test_drawing_the_interest_of_foreign_firms_is_an_interest_statement():
    text = (
        "Tại Thái Bình, đợt xúc tiến vừa qua nhận được sự quan tâm của các nhà đầu tư Hàn Quốc đối với chế biến "
        "chế tạo và logistics."
    )
    assert opportunities(text) == [("", "Hàn Quốc", "Hưng Yên", ("manufacturing", "logistics"))]


def test_a_sentence_opening_with_ong_speaks_for_the_organization_of_the_person_named_last():
    text = (
        "Ông Chu Vĩnh Khang, Chủ tịch Tập đoàn Thiên Long (Trung Quốc), đã có buổi làm việc tại Quảng Ninh. "
        "Ông cho biết các doanh nghiệp Trung Quốc đang quan tâm tới lĩnh vực năng lượng tái tạo."
    )
    found = extract(text).opportunities
    assert [(o.organization, o.origin, o.province, o.sectors) for o in found] == [
        ("Tập đoàn Thiên Long", "Trung Quốc", "Quảng Ninh", ("renewable-energy",))
    ]


def test_ba_before_a_place_name_is_no_pronoun():
    text = (
        "Bà Lưu Mỹ Linh, Tổng Giám đốc Công ty Hằng Phát (Trung Quốc), dự hội nghị. "
        "Bà Rịa - Vũng Tàu mong muốn thu hút đầu tư vào logistics."
    )
    assert all(o.organization != "Công ty Hằng Phát" for o in extract(text).opportunities)


def test_doanh_nghiep_nay_points_back_at_the_foreign_company_named_last():
    text = (
        "Tập đoàn Thiên Long (Trung Quốc) đã khảo sát hạ tầng tại Quảng Ninh. "
        "Doanh nghiệp này mong muốn đầu tư vào logistics."
    )
    found = extract(text).opportunities
    assert [(o.organization, o.province, o.sectors) for o in found] == [
        ("Tập đoàn Thiên Long", "Quảng Ninh", ("logistics",))
    ]


def test_a_foreign_government_stating_an_interest_is_a_lead_of_its_country():
    text = "Chính phủ Na Uy mong muốn hợp tác với Việt Nam trong phát triển điện gió ngoài khơi."
    found = [(o.organization, o.origin) for o in extract(text).opportunities]
    assert found == [("", "Na Uy")]


def test_a_vietnamese_bank_stating_an_interest_is_no_foreign_lead():
    text = "Ngân hàng Phát triển Nông thôn Việt Nam mong muốn hợp tác đầu tư vào nông nghiệp công nghệ cao."
    assert "Ngân hàng Phát triển Nông thôn Việt Nam" not in {o.organization for o in extract(text).opportunities}
