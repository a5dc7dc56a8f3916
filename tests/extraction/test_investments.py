"""Investment news: a named foreign investor's licence, proposal, deal, capital, works or exit as a lead."""

from dataclasses import replace
from decimal import Decimal

from importers.extraction import extract_article
from importers.extraction.investments import vietnamese_names
from importers.extraction.nationality import looks_foreign
from importers.extraction.opportunities import OpportunityInputs
from importers.extraction.organizations import OrganizationMatch
from tests.extraction.helpers import article, extract


def leads(text):
    return extract(text).opportunities


def test_a_licence_in_an_industrial_park_gives_investor_origin_site_project_value_and_jobs():
    text = (
        "Tập đoàn Minh Quang (Đài Loan) vừa được Ban quản lý các KCN Bắc Ninh trao giấy chứng nhận đầu tư dự án "
        "nhà máy linh kiện điện tử tại KCN Quế Võ, tổng vốn 120 triệu USD, sử dụng 2.000 lao động."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.origin, lead.province, lead.site) == (
        "Tập đoàn Minh Quang",
        "Đài Loan",
        "Bắc Ninh",
        "KCN Quế Võ",
    )
    assert (lead.status, lead.investment_type, lead.value, lead.currency, lead.jobs) == (
        "licensed",
        "new_project",
        Decimal("120000000"),
        "USD",
        2000,
    )
    assert lead.project.startswith("dự án nhà máy linh kiện điện tử")
    assert lead.sectors[0] == "electronics"


def test_a_step_only_planned_is_no_step_done():
    [lead] = leads("Công ty Kaneda (Nhật Bản) sẽ khởi công nhà máy sản xuất phụ tùng ô tô tại Hải Phòng vào tháng 10.")
    assert (lead.organization, lead.province, lead.status) == ("Công ty Kaneda", "Hải Phòng", "interest")


def test_sentences_about_one_project_are_one_lead_with_the_furthest_step():
    text = (
        "Công ty Kaneda (Nhật Bản) đã ký biên bản ghi nhớ với tỉnh Hải Dương về dự án nhà máy linh kiện. "
        "Tháng trước, Công ty Kaneda đã khởi công nhà máy này."
    )
    [lead] = leads(text)
    assert (lead.province, lead.status) == ("Hải Phòng", "construction")
    assert lead.evidence.start == 0 and len(lead.other_evidence) == 1


def test_two_investors_in_one_sentence_each_get_the_amount_written_with_them():
    text = (
        "Tập đoàn Alpha Steel (Hàn Quốc) đăng ký đầu tư nhà máy thép với vốn 300 triệu USD, Tập đoàn Beta Motors "
        "(Nhật Bản) đăng ký đầu tư nhà máy ô tô với vốn 150 triệu USD tại Quảng Ngãi."
    )
    assert [(o.organization, o.origin, o.status, o.value) for o in leads(text)] == [
        ("Tập đoàn Alpha Steel", "Hàn Quốc", "proposal", Decimal("300000000")),
        ("Tập đoàn Beta Motors", "Nhật Bản", "proposal", Decimal("150000000")),
    ]


def test_investors_listed_together_share_the_project_and_its_value():
    text = (
        "UBND tỉnh Lâm Đồng vừa cho phép các nhà đầu tư Nhật Bản gồm Tập đoàn Kazuki, Tập đoàn Morinaga và "
        "Tập đoàn Tanabe đầu tư vào dự án khu nghỉ dưỡng trị giá 200 triệu USD."
    )
    found = leads(text)
    assert [(o.organization, o.province, o.status) for o in found] == [
        ("Tập đoàn Kazuki", "Lâm Đồng", "licensed"),
        ("Tập đoàn Morinaga", "Lâm Đồng", "licensed"),
        ("Tập đoàn Tanabe", "Lâm Đồng", "licensed"),
    ]
    assert {o.value for o in found} == {Decimal("200000000")}


def test_a_vietnamese_registered_subsidiary_with_foreign_capital_is_a_foreign_investor():
    [lead] = leads(
        "Công ty TNHH Hoshino Việt Nam (100% vốn Nhật Bản) vừa khánh thành nhà máy tại KCN Tân Thuận, TP.HCM."
    )
    assert (lead.organization, lead.origin, lead.province, lead.site, lead.status) == (
        "Công ty TNHH Hoshino Việt Nam",
        "Nhật Bản",
        "TP. Hồ Chí Minh",
        "KCN Tân Thuận",
        "operating",
    )


def test_a_vietnamese_company_makes_no_lead():
    assert leads("Công ty cổ phần Thành Công vừa khánh thành nhà máy dệt tại Nam Định.") == ()


def test_a_contractor_in_passing_makes_no_lead():
    text = "Nhà thầu Hanwa Engineering (Hàn Quốc) đã khởi công gói thầu xây dựng cầu tại Cần Thơ."
    assert leads(text) == ()


def test_an_investment_abroad_makes_no_lead():
    assert leads("Tập đoàn Kaneda (Nhật Bản) khởi công nhà máy mới tại Thái Lan.") == ()


def test_a_revoked_certificate_is_a_withdrawal_of_the_investor_it_belonged_to():
    [lead] = leads("UBND tỉnh Bình Định đã thu hồi giấy chứng nhận đầu tư của Công ty Lotus Resort (Singapore).")
    assert (lead.organization, lead.origin, lead.province, lead.status) == (
        "Công ty Lotus Resort",
        "Singapore",
        "Gia Lai",
        "withdrawn",
    )


def test_buying_a_stake_is_an_acquisition():
    [lead] = leads("Quỹ đầu tư Orion Capital (Singapore) đã mua lại 20% cổ phần của một công ty sữa tại Phú Yên.")
    assert (lead.organization, lead.investment_type, lead.status) == (
        "Quỹ đầu tư Orion Capital",
        "m_and_a",
        "agreement",
    )


def test_more_capital_is_a_capital_increase_with_the_added_amount():
    [lead] = leads(
        "Công ty TNHH Sanko (Nhật Bản) vừa được chấp thuận tăng vốn thêm 50 triệu USD cho nhà máy ở Bắc Ninh."
    )
    assert (lead.status, lead.investment_type, lead.value) == ("capital_increase", "expansion", Decimal("50000000"))


def test_land_area_in_square_metres_is_given_in_hectares():
    [lead] = leads("Tập đoàn Redwood (Mỹ) nhận giấy phép xây dựng nhà kho rộng 15.000 m2 tại Đồng Nai.")
    assert lead.land_area_ha == Decimal("1.5")


def test_investing_in_the_vietnamese_market_is_nationwide_even_in_a_provincial_story():
    text = (
        "Đoàn doanh nghiệp Mỹ đã đến thăm Hà Nội. "
        "Tập đoàn Redwood (Mỹ) dự định mở rộng đầu tư ở thị trường Việt Nam vào năm sau."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province, lead.investment_type) == ("Tập đoàn Redwood", "", "expansion")


def test_firms_of_a_country_with_a_specific_project_are_a_lead_of_that_country():
    [lead] = leads("Một nhà đầu tư Hong Kong đã đề xuất xây dựng khu du lịch tại Khánh Hòa.")
    assert (lead.organization, lead.origin_slug, lead.province, lead.status) == ("", "hk", "Khánh Hòa", "proposal")


def test_a_statistics_roundup_makes_no_lead():
    text = "Tính đến nay, Singapore có 3.000 dự án đầu tư tại Việt Nam với tổng vốn đăng ký 80 tỷ USD, xếp thứ hai."
    assert leads(text) == ()


def test_a_product_named_after_its_maker_is_no_investor():
    assert leads("Hãng hàng không Sao Vàng vừa ký hợp đồng mua 10 máy bay Boeing 787.") == ()


def test_a_sentence_pointing_back_at_the_project_adds_its_amount():
    text = (
        "Tập đoàn Sunrise (Hàn Quốc) vừa nhận giấy chứng nhận đầu tư nhà máy điện tử tại Thái Nguyên. "
        "Dự án này có tổng vốn 80 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.status, lead.value, len(lead.other_evidence)) == ("licensed", Decimal("80000000"), 1)


def test_a_headline_stating_the_step_is_the_evidence_of_the_body_lead():
    title = "Sunrise nhận giấy phép đầu tư tại Thái Nguyên"
    body = "Tập đoàn Sunrise (Hàn Quốc) sẽ xây dựng nhà máy điện tử tại Thái Nguyên với tổng vốn 80 triệu USD."
    found = extract_article(replace(article(body), title=title)).opportunities
    assert [(o.organization, o.province, o.status) for o in found] == [("Tập đoàn Sunrise", "Thái Nguyên", "licensed")]
    assert (found[0].evidence.text, found[0].evidence.start, found[0].evidence.end) == (title, 0, 0)


def test_an_article_ending_right_after_an_investor_name_raises_nothing():
    assert isinstance(leads("Tập đoàn Sunrise (Hàn Quốc) vừa nhận giấy phép của Công ty Lotus"), tuple)


def test_a_foreign_name_is_told_from_a_vietnamese_one():
    assert looks_foreign("Kolon Industries Inc")
    assert not looks_foreign("Công ty Cổ phần Nhà Mơ")
    assert not looks_foreign("Vinamilk")
    assert not looks_foreign("An Gia Investment")


def test_provinces_of_another_clause_are_not_the_investors_target():
    text = (
        "Sở Du lịch Hà Nội đã ký thỏa thuận với Sở Du lịch Quảng Tây; Tập đoàn thép Liễu Giang (Trung Quốc) "
        "ký hợp đồng liên doanh sản xuất thép."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province) for o in found] == [("Tập đoàn thép Liễu Giang", "")]


def test_a_named_firm_has_no_target_its_sentences_do_not_state():
    text = (
        "Doanh nghiệp Mỹ tìm cơ hội đầu tư cảng biển\nĐoàn công tác đã thăm Đà Nẵng.\n"
        "Tập đoàn Redwood (Mỹ) vừa ký biên bản ghi nhớ về dự án cảng biển."
    )
    assert [(o.organization, o.province, o.status) for o in leads(text)] == [("Tập đoàn Redwood", "", "agreement")]


def test_a_project_whose_sentence_names_no_province_is_in_the_province_named_earlier_in_its_paragraph():
    text = (
        "Tỉnh Quảng Trị vừa trao quyết định chủ trương đầu tư cho ba dự án mới. "
        "Tập đoàn Harbin Steel (Trung Quốc) đăng ký đầu tư nhà máy cán thép với vốn 300 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province, lead.project) == (
        "Tập đoàn Harbin Steel",
        "Quảng Trị",
        "nhà máy cán thép",
    )


def test_a_project_whose_paragraph_names_no_province_is_in_the_titles_province():
    text = (
        "Bắc Ninh thu hút thêm dự án điện tử\n"
        "Năm nay dòng vốn vào ngành điện tử tăng mạnh.\n"
        "Tập đoàn Norvik (Đan Mạch) vừa nhận giấy chứng nhận đầu tư nhà máy linh kiện với vốn 50 triệu USD."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province, o.status) for o in found] == [("Tập đoàn Norvik", "Bắc Ninh", "licensed")]


def test_a_named_firms_wish_with_no_project_keeps_no_province():
    text = "Tỉnh Quảng Trị tiếp đoàn doanh nghiệp. Tập đoàn Harbin Steel (Trung Quốc) mong muốn mở rộng hợp tác."
    assert all(o.province == "" for o in leads(text) if o.organization)


def test_a_province_in_a_partners_name_is_no_target():
    [lead] = leads("Tập đoàn Kaneda (Nhật Bản) vừa ký hợp đồng liên doanh với Công ty cổ phần Nhà Hòa Bình.")
    assert (lead.organization, lead.province, lead.investment_type) == ("Tập đoàn Kaneda", "", "joint_venture")


def test_a_short_name_in_brackets_is_the_vietnamese_firm_it_follows():
    text = (
        "Công ty Chế biến thực phẩm An Lạc (Alafood) được phép chuyển phần vốn góp sang một đối tác "
        "nước ngoài. Alafood đã ký hợp đồng chuyển nhượng với Tập đoàn Kaneda (Nhật Bản)."
    )
    assert "Alafood" not in {o.organization for o in leads(text)}


def test_a_project_invested_by_firms_of_a_country_is_theirs():
    [lead] = leads("Công ty TNHH Bao bì Hải Long được nhà đầu tư Singapore đầu tư 80 triệu USD, nay đã được cấp phép.")
    assert (lead.organization, lead.origin, lead.status) == ("Công ty TNHH Bao bì Hải Long", "Singapore", "licensed")


def test_a_licence_from_a_zones_board_is_in_that_zone():
    text = (
        "Ban Quản lý Khu công nghệ cao Hòa Lạc vừa cấp giấy chứng nhận đầu tư cho Công ty Seoul Biotech "
        "(Hàn Quốc) và Công ty cổ phần Dược Thái An."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province, lead.site, lead.status) == (
        "Công ty Seoul Biotech",
        "Hà Nội",
        "Khu công nghệ cao Hòa Lạc",
        "licensed",
    )


def test_a_project_whose_sentence_names_no_place_is_in_the_zone_named_earlier_in_its_paragraph():
    text = (
        "Nhiều nhà đầu tư đang quan tâm tới Khu kinh tế Dung Quất. Tập đoàn Hanwa Steel (Nhật Bản) đăng ký "
        "đầu tư nhà máy cán thép với vốn 400 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province, lead.site) == (
        "Tập đoàn Hanwa Steel",
        "Quảng Ngãi",
        "Khu kinh tế Dung Quất",
    )


def test_a_paragraph_opening_on_the_project_carries_its_registered_capital_to_the_lead():
    text = (
        "Bộ Kế hoạch và Đầu tư đã cấp giấy phép đầu tư cho Công ty Marigold Land (Singapore) để xây "
        "một khu phức hợp tại quận Tây Hồ - Hà Nội.\n"
        "Đây là dự án 100% vốn nước ngoài gồm văn phòng và căn hộ cho thuê. "
        "Vốn đầu tư đăng ký của doanh nghiệp là 90 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.status, lead.value, lead.currency) == (
        "Công ty Marigold Land",
        "licensed",
        Decimal("90000000"),
        "USD",
    )


def test_drawing_up_a_feasibility_study_is_a_proposal_not_construction():
    text = "Tập đoàn Nordlys (Na Uy) đang xây dựng dự án khả thi cho nhà máy điện gió tại Quảng Ninh."
    [lead] = leads(text)
    assert (lead.province, lead.status) == ("Quảng Ninh", "proposal")


def test_the_province_where_a_launch_event_took_place_is_no_target():
    text = (
        "Bên lề hội nghị diễn ra tại Đà Nẵng, Quỹ Evergreen Partners (Hoa Kỳ) đã khai trương quỹ đầu tư "
        "với quy mô 50 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province, lead.status) == ("Quỹ Evergreen Partners", "", "operating")


def test_a_datelines_province_is_no_target_when_the_part_names_the_vietnamese_market():
    text = (
        "Ngày 12/4 tại Hà Nội, Tập đoàn Bancorp Atlantic (Hoa Kỳ) chính thức khai trương dịch vụ thanh toán "
        "tại thị trường Việt Nam."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.province) == ("Tập đoàn Bancorp Atlantic", "")


def test_an_office_a_licence_allows_is_a_licence_not_an_office_open():
    text = (
        "Ngân hàng Nhà nước vừa ký giấy phép cho Ngân hàng Hanvit Trust có trụ sở chính tại Seoul, Hàn Quốc, "
        "mở văn phòng đại diện tại Hà Nội."
    )
    [lead] = [o for o in leads(text) if o.organization]
    assert (lead.organization, lead.province, lead.status) == ("Ngân hàng Hanvit Trust", "Hà Nội", "licensed")


def test_a_firms_size_in_brackets_after_its_name_is_not_the_projects_value():
    text = (
        "Tập đoàn Daewon Textile (Hàn Quốc, nhà đầu tư có tổng vốn 300 triệu USD tại Việt Nam) "
        "vừa nhận giấy chứng nhận đầu tư nhà máy sợi 80 triệu USD tại Nam Định."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.status, lead.value) == ("Tập đoàn Daewon Textile", "licensed", Decimal("80000000"))


def test_the_governments_own_spending_in_a_following_sentence_is_not_the_investors_value():
    text = (
        "Tập đoàn Siam Gas (Thái Lan) vừa ký thỏa thuận xây dựng kho chứa khí tại Hải Phòng. "
        "Dự án kho khí sẽ hoàn thành năm 2010, trong khi Chính phủ dự kiến đầu tư 2 tỷ USD cho hạ tầng khí."
    )
    [lead] = leads(text)
    assert (lead.organization, lead.status, lead.value, len(lead.other_evidence)) == (
        "Tập đoàn Siam Gas",
        "agreement",
        None,
        1,
    )


def test_a_stake_in_a_company_takes_no_province_from_its_paragraph():
    text = (
        "Tỉnh Thanh Hóa vừa tổng kết thu hút đầu tư năm nay. "
        "Tập đoàn Kestrel Holdings (Singapore) đã mua lại 20% cổ phần của Công ty cổ phần Thép Phú Lợi "
        "với giá 30 triệu USD."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province) for o in found] == [("Tập đoàn Kestrel Holdings", "")]


def test_buying_a_project_still_takes_the_province_of_its_paragraph():
    text = (
        "Tỉnh Thanh Hóa vừa tổng kết thu hút đầu tư năm nay. "
        "Tập đoàn Kestrel Holdings (Singapore) đã mua lại dự án khu căn hộ với giá 30 triệu USD."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province) for o in found] == [("Tập đoàn Kestrel Holdings", "Thanh Hóa")]


def test_the_charter_capital_of_a_new_company_is_its_value():
    text = (
        "Bộ Tài chính vừa trao giấy phép cho Tập đoàn Bảo hiểm Lumiere (Pháp) thành lập công ty bảo hiểm nhân thọ "
        "tại Việt Nam với vốn điều lệ 25 triệu USD."
    )
    [lead] = leads(text)
    assert (lead.status, lead.value, lead.currency) == ("licensed", Decimal("25000000"), "USD")


def test_a_funds_investment_takes_no_province_from_its_paragraph():
    text = (
        "Thành phố Đà Nẵng đang kêu gọi đầu tư vào khởi nghiệp. "
        "Quỹ Lotus Ventures (Nhật Bản) vừa ký thỏa thuận rót 5 triệu USD vào nền tảng giáo dục trực tuyến."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province, o.value) for o in found] == [("Quỹ Lotus Ventures", "", Decimal("5000000"))]


def test_investors_listed_after_the_sentence_stating_the_step_get_its_step_but_not_the_groups_amount():
    text = (
        "Hồ sơ dự án khu nghỉ dưỡng ở Quảng Ninh đã được trình lên Bộ Kế hoạch và Đầu tư, bốn nhà đầu tư "
        "Hàn Quốc đề xuất góp khoảng 800 triệu USD. "
        "Những nhà đầu tư này gồm Tập đoàn Haesong (Hàn Quốc) và Tập đoàn Mirae Leisure (Hàn Quốc)."
    )
    found = [o for o in leads(text) if o.organization]
    assert [(o.organization, o.province, o.status, o.value) for o in found] == [
        ("Tập đoàn Haesong", "Quảng Ninh", "proposal", None),
        ("Tập đoàn Mirae Leisure", "Quảng Ninh", "proposal", None),
    ]


def test_members_of_a_venture_listed_after_its_opening_share_its_step_place_and_capital():
    text = (
        "Hôm qua, tại Đà Nẵng, Công ty liên doanh Sakura Soft chính thức khai trương. "
        "Tổng vốn đầu tư của công ty là 2 triệu USD.\n"
        "Liên doanh gồm hai doanh nghiệp Nhật Bản là Tập đoàn Hoshino Systems (Nhật Bản) và Tập đoàn Kaede Data "
        "(Nhật Bản)."
    )
    found = [o for o in leads(text) if o.organization.startswith("Tập đoàn")]
    assert [(o.organization, o.province, o.status, o.value) for o in found] == [
        ("Tập đoàn Hoshino Systems", "Đà Nẵng", "operating", Decimal("2000000")),
        ("Tập đoàn Kaede Data", "Đà Nẵng", "operating", Decimal("2000000")),
    ]


def test_firms_of_a_country_whose_named_firm_already_has_a_lead_are_no_second_lead():
    text = (
        "Tập đoàn Kaneda (Nhật Bản) vừa được cấp giấy chứng nhận đầu tư nhà máy linh kiện điện tử tại Hải Phòng. "
        "Các doanh nghiệp Nhật Bản muốn mở rộng sản xuất linh kiện điện tử tại Bắc Ninh."
    )
    assert [(o.organization, o.origin_slug) for o in leads(text)] == [("Tập đoàn Kaneda", "jp")]


def test_firms_of_a_country_with_a_sector_of_their_own_stay_a_lead_beside_its_named_firm():
    text = (
        "Tập đoàn Kaneda (Nhật Bản) vừa được cấp giấy chứng nhận đầu tư nhà máy linh kiện điện tử tại Hải Phòng. "
        "Các doanh nghiệp Nhật Bản muốn đầu tư vào nông nghiệp công nghệ cao tại Lâm Đồng."
    )
    assert [(o.organization, o.origin_slug) for o in leads(text)] == [("Tập đoàn Kaneda", "jp"), ("", "jp")]


def _orgs_inputs(*orgs):
    matches = [OrganizationMatch(name, kind, country, 0, 1, name) for name, kind, country in orgs]
    return OpportunityInputs((), {}, matches, (), [], (), {})


def test_a_firm_the_text_places_in_vietnam_is_vietnamese_even_with_an_english_or_acronym_name():
    inputs = _orgs_inputs(
        ("Vietnam Skyways", "company", "VN"),
        ("VNX", "company", "VN"),
        ("Vietnam Growth Fund", "company", "VN"),  # a fund named for Việt Nam invests foreign money
        ("Công ty TNHH Kaneda Việt Nam", "company", "VN"),  # a foreign firm's local company
        ("AIG", "company", ""),  # an acronym the text does not place says nothing
    )
    names = {"Vietnam Skyways", "VNX", "Vietnam Growth Fund", "Công ty TNHH Kaneda Việt Nam", "AIG"}
    assert vietnamese_names(inputs, names) == {"Vietnam Skyways", "VNX"}


def test_firms_given_as_examples_of_those_already_invested_are_background():
    text = (
        "Đoàn có 20 doanh nghiệp Hàn Quốc, trong đó có những doanh nghiệp đã đầu tư vào Việt Nam như Tập đoàn "
        "Kaneda, Tập đoàn Minh Quang, và những doanh nghiệp muốn xin giấy phép đầu tư như Công ty Alpha Steel."
    )
    assert [o.organization for o in leads(text) if o.organization] == ["Công ty Alpha Steel"]


def test_firms_listed_before_a_phrase_of_existing_operations_are_background():
    text = (
        "Nhiều doanh nghiệp lớn của Đức như Tập đoàn Kaneda, Tập đoàn Minh Quang… đang hoạt động hiệu quả "
        "với tổng vốn đầu tư vào Việt Nam đến nay khoảng 2 tỷ USD."
    )
    assert [o.organization for o in leads(text) if o.organization] == []
