"""Sectors count only as the content of an investment, project or cooperation."""

from tests.extraction.helpers import extract


def sectors(text):
    return [(s.slug, s.mention) for s in extract(text).sectors]


def test_sectors_after_an_interest_cue():
    text = (
        "Các doanh nghiệp Trung Quốc bày tỏ mong muốn hợp tác với Việt Nam trong phát triển AI ứng dụng trong "
        "công nghiệp sản xuất, giải pháp IoT trong đô thị thông minh; nghiên cứu triển khai các mô hình hợp tác "
        "y dược sinh học, xây dựng và phát triển hạ tầng đô thị…"
    )
    assert [slug for slug, _ in sectors(text)] == [
        "ai",
        "manufacturing",
        "iot",
        "urban-infrastructure",
        "biotech-pharma",
    ]


def test_the_pronoun_ai_is_not_artificial_intelligence():
    assert sectors("Doanh nghiệp muốn hợp tác nhưng ai sẽ đầu tư vào đâu?") == []


def test_acronyms_match_as_written_and_vietnamese_in_any_case():
    text = "TP muốn hợp tác phát triển các công nghệ như AI, Big Data, IoT và blockchain; Trí tuệ nhân tạo."
    assert [slug for slug, _ in sectors(text)] == ["ai", "cloud-data", "iot", "blockchain"]


def test_the_longest_keyword_wins():
    text = "Hai bên có thể hợp tác trong ô tô điện và pin năng lượng, thương mại điện tử xuyên biên giới."
    assert sectors(text) == [("ev-batteries", "ô tô điện"), ("digital-economy", "thương mại điện tử")]


def test_background_statistics_do_not_name_a_sector():
    text = (
        "Năm 2024, ASEAN đã trở thành điểm đến hàng đầu của dòng vốn đầu tư mạo hiểm trong các lĩnh vực công "
        "nghệ số, thương mại điện tử, fintech và logistics thông minh."
    )
    assert sectors(text) == []


def test_a_sentence_without_any_investment_or_cooperation_cue_names_no_sector():
    text = "Bắc Ninh sở hữu hệ sinh thái điện tử, bán dẫn, thiết bị thông minh với nhiều tập đoàn lớn."
    assert sectors(text) == []


def test_names_of_resolutions_laws_and_strategies_do_not_count():
    text = (
        "Việt Nam đang tập trung triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa "
        "học công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Chiến lược năng lượng quốc gia đến 2045."
    )
    assert sectors(text) == []


def test_the_name_or_theme_of_an_event_does_not_count():
    text = (
        "Tọa đàm Xúc tiến đầu tư, thương mại, khoa học công nghệ Việt Nam - Trung Quốc do Tổng Lãnh sự quán tổ "
        "chức với chủ đề “Chuyển đổi số thúc đẩy hợp tác cùng thắng”."
    )
    assert sectors(text) == []


def test_a_sector_before_the_cue_is_not_its_content():
    text = (
        "Thành phố Hà Nội hiện đang tập trung phát triển hạ tầng giao thông, chuyển đổi số, thu hút đầu tư và "
        "mở rộng thương mại."
    )
    assert [slug for slug, _ in sectors(text)] == ["trade"]


def test_words_inside_an_organization_name_are_no_sector():
    text = (
        "bà Vương Hi, Phó Chủ tịch Ủy ban Ngành Thương mại thuộc Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc "
        "muốn hợp tác."
    )
    assert sectors(text) == []


def test_an_investment_trend_names_its_sectors():
    text = (
        "Xu hướng đầu tư của doanh nghiệp Trung Quốc đang dịch chuyển rõ rệt sang các lĩnh vực công nghệ cao, "
        "như sản xuất linh kiện, thiết bị điện tử, công nghiệp ô tô và năng lượng sạch."
    )
    assert [slug for slug, _ in sectors(text)] == ["electronics", "automotive", "renewable-energy"]


def test_a_korean_textile_investment_in_bac_giang():
    text = "Tập đoàn Hyosung (Hàn Quốc) dự kiến đầu tư nhà máy sản xuất sợi và vải kỹ thuật tại Bắc Giang."
    assert [slug for slug, _ in sectors(text)] == ["textiles-garments", "manufacturing"]


def test_a_named_industrial_park_is_where_not_what():
    text = "Tập đoàn LG (Hàn Quốc) dự kiến đầu tư 1 tỷ USD vào nhà máy điện tử tại Khu công nghiệp Tràng Duệ."
    assert [slug for slug, _ in sectors(text)] == ["electronics", "manufacturing"]


def test_industrial_park_infrastructure_as_such_is_a_sector():
    text = "Ông Gấu đề nghị các doanh nghiệp Thâm Quyến nghiên cứu đầu tư vào hạ tầng khu công nghiệp."
    assert sectors(text) == [("industrial-parks", "hạ tầng khu công nghiệp")]


def test_industrial_parks_of_a_named_brand_in_plural_are_the_sector():
    text = "Bộ trưởng đề nghị phía Singapore mở rộng hợp tác phát triển các khu công nghiệp VSIP thế hệ mới."
    assert [slug for slug, _ in sectors(text)] == ["industrial-parks"]


def test_e_government_is_software_not_electronics():
    text = "Tập đoàn muốn hợp tác triển khai chính phủ điện tử và hóa đơn điện tử."
    assert [slug for slug, _ in sectors(text)] == ["software-digital"]


def test_a_share_of_investment_capital_is_background():
    text = "Trong đó, vốn đầu tư vào lĩnh vực bất động sản chiếm 20% tổng vốn đăng ký."
    assert sectors(text) == []


def test_sectors_describing_the_firms_that_state_an_interest_count():
    text = "Các doanh nghiệp lớn của Đài Loan về linh kiện điện tử, bán dẫn muốn mở rộng nhà máy tại Bắc Giang."
    assert [slug for slug, _ in sectors(text)] == ["electronics", "semiconductors", "manufacturing"]
    assert [(o.origin, o.province, o.sectors) for o in extract(text).opportunities] == [
        ("Đài Loan", "Bắc Ninh", ("electronics", "semiconductors", "manufacturing")),
    ]


def test_sectors_after_an_assessment_verb_before_the_cue_do_not_count():
    text = "Công ty Lanxin đánh giá cao về hạ tầng giao thông của tỉnh, mong muốn đầu tư vào điện gió."
    assert [slug for slug, _ in sectors(text)] == ["renewable-energy"]


def test_road_and_rail_connections_are_transport_and_railways():
    text = "Phía Quảng Tây đề xuất hai tỉnh ưu tiên hợp tác kết nối giao thông (đường bộ, đường sắt) qua cửa khẩu."
    assert [slug for slug, _ in sectors(text)] == ["transport-infrastructure", "railways"]


def test_net_zero_and_green_production_are_green_tech():
    text = "Doanh nghiệp Đan Mạch muốn hợp tác với Đồng Nai để phát triển sản xuất xanh và đạt Net Zero vào năm 2050."
    assert sectors(text) == [("green-tech", "sản xuất xanh")]


def test_a_power_plant_project_named_in_a_caption_gives_its_sector():
    text = (
        "Tỉnh tiếp lãnh đạo Tập đoàn Hanwha, nhà đầu tư dự án Nhà máy nhiệt điện LNG Hải Lăng, "
        "tổng vốn khoảng 2,3 tỉ USD"
    )
    assert [slug for slug, _ in sectors(text)] == ["energy"]


def test_solar_and_waste_to_energy_are_renewable_energy():
    text = "Nhà đầu tư Hàn Quốc quan tâm đến điện năng lượng mặt trời áp mái và nhà máy đốt rác phát điện tại Cà Mau."
    assert sectors(text) == [
        ("renewable-energy", "điện năng lượng mặt trời"),
    ]


def test_circuit_boards_are_electronics():
    text = "Tập đoàn đề xuất đầu tư nhà máy sản xuất bản mạch PCB tại Bắc Giang."
    assert [slug for slug, _ in sectors(text)] == ["electronics", "manufacturing"]


def test_words_in_an_organization_name_signal_no_sector():
    text = "Công ty Dịch vụ viễn thông Hà Phong cho biết đang mở rộng đầu tư sản xuất robot."
    assert [slug for slug, _ in sectors(text)] == ["manufacturing"]


def test_words_in_the_name_of_a_dated_event_signal_no_sector():
    text = "Để thúc đẩy hợp tác, hai bên thống nhất tổ chức hội chợ nông sản Cần Thơ - Osaka năm 2026 vào mùa thu."
    assert sectors(text) == []


def test_a_lower_case_event_word_without_a_dated_name_hides_nothing():
    text = "Hai bên thống nhất xây dựng chương trình hợp tác về logistics trong thời gian tới."
    assert [slug for slug, _ in sectors(text)] == ["logistics"]


def test_a_factory_is_what_it_makes_then_manufacturing():
    text = "Công ty Minh Long (Nhật Bản) vừa khai trương nhà máy đóng chai nước giải khát tại Bắc Ninh."
    assert [slug for slug, _ in sectors(text)] == ["agriculture-food", "manufacturing"]


def test_a_power_plant_or_a_refinery_is_energy_not_manufacturing():
    text = "Tập đoàn Đông Phong (Hàn Quốc) đề xuất xây dựng nhà máy nhiệt điện và nhà máy lọc dầu ở Thanh Hóa."
    assert [slug for slug, _ in sectors(text)] == ["energy"]


def test_a_transfer_of_a_plant_names_its_sector():
    text = "Hãng Kim Sơn chuyển nhượng toàn bộ nhà máy sản xuất xe máy tại Vĩnh Phúc cho đối tác Đài Loan."
    assert [slug for slug, _ in sectors(text)] == ["automotive", "manufacturing"]


def test_a_phrase_listed_as_a_blocker_hides_the_keyword_inside_it():
    text = "Nhiều nhà đầu tư có tiềm lực tài chính mạnh đang tìm cơ hội đầu tư vào Việt Nam."
    assert sectors(text) == []


def test_a_capitalized_keyword_inside_a_sentence_is_part_of_a_name():
    text = "Đoàn doanh nghiệp Úc đã gặp đại diện Bộ Tài chính và Bộ Công Thương để bàn dự án."
    assert sectors(text) == []


def test_a_one_word_keyword_capitalized_after_a_lower_case_word_still_counts():
    text = "Các nhà đầu tư Hàn Quốc muốn hợp tác phát triển giải pháp Blockchain cho thanh toán."
    assert [slug for slug, _ in sectors(text)] == ["blockchain"]


def test_trade_beside_economy_or_investment_is_the_phrase_for_relations():
    text = "Hai nước sẽ đẩy mạnh hợp tác kinh tế, thương mại và đầu tư, trước hết về thương mại điện tử."
    assert [slug for slug, _ in sectors(text)] == ["digital-economy"]


def test_an_officials_call_to_investors_in_general_names_no_sector():
    text = "Thủ tướng đề nghị các doanh nghiệp Nhật Bản đầu tư nhiều hơn vào năng lượng, du lịch và giáo dục."
    assert sectors(text) == []


def test_an_officials_wish_addressed_to_a_named_firm_keeps_its_sectors():
    text = "Phó Thủ tướng mong Công ty Hanbit sẽ cùng doanh nghiệp trong nước phát triển thêm các dự án điện."
    assert [slug for slug, _ in sectors(text)] == ["energy"]


def test_the_fields_a_host_encourages_are_a_call_not_a_project():
    text = "Bà nêu các lĩnh vực khuyến khích đầu tư gồm công nghệ thông tin, du lịch và công nghiệp phụ trợ."
    assert sectors(text) == []


def test_a_bracketed_related_headline_inside_a_sentence_does_not_count():
    text = "[Hai nước bàn hợp tác về cơ khí] Tính theo tổng vốn, Nhật Bản xếp thứ hai."
    assert sectors(text) == []


def test_vietnamese_investment_abroad_is_background():
    text = "Một số công ty Việt Nam tính chuyện đầu tư sang Australia về nông nghiệp và khai khoáng."
    assert sectors(text) == []


def test_railway_cars_are_railways_not_electric_vehicles():
    text = "Tập đoàn Sojitz dự kiến đầu tư vào hệ thống xe điện ngầm và xe điện trên cao của thành phố."
    assert [slug for slug, _ in sectors(text)] == ["railways"]


def test_the_keyword_trie_finds_what_the_flat_list_finds():
    from importers.extraction.gazetteer import load_gazetteer
    from importers.extraction.lexicon import PhraseFinder, load_lexicon
    from importers.extraction.sectors import _keyword_finder

    gazetteer = load_gazetteer()
    blockers = tuple(load_lexicon().cues["sector_blockers"])
    phrases = {blocker: "" for blocker in blockers}
    phrases.update({keyword: sector.slug for sector in gazetteer.sectors for keyword in sector.keywords})
    text = (
        "Tập đoàn muốn đầu tư nhà máy điện tử, nhà máy điện gió, Big Data, AI, ô tô điện và thương mại điện tử; "
        "Nhà máy nhiệt điện LNG, hệ thống phân phối bán lẻ, sản xuất linh kiện ôtô, tiềm lực tài chính."
    )
    assert _keyword_finder(gazetteer.sectors, blockers).find(text) == PhraseFinder(phrases).find(text)


def test_the_sector_of_a_firm_noun_counts_before_the_cue():
    text = "New York Life, một tập đoàn bảo hiểm hàng đầu của Mỹ, hy vọng sớm nhận được giấy phép hoạt động."
    assert [slug for slug, _ in sectors(text)] == ["finance"]


def test_oil_exploration_is_energy():
    text = "Công ty Lam Sơn vừa hoàn tất giếng thăm dò đầu tiên ngoài khơi, phát hiện dầu khí."
    assert [slug for slug, _ in sectors(text)] == ["energy"]


def test_fields_of_bilateral_relations_are_no_sectors():
    text = (
        "Hai nước nhất trí thúc đẩy hợp tác trên các lĩnh vực chính trị - ngoại giao, quốc phòng, văn hóa, "
        "giáo dục và du lịch."
    )
    assert sectors(text) == []


def test_one_relation_field_does_not_make_a_list_of_relations():
    text = "Tập đoàn muốn đầu tư vào kết nối hạ tầng, kinh tế và logistics giữa hai tỉnh."
    assert [slug for slug, _ in sectors(text)] == ["logistics"]


def test_a_long_item_ends_a_list_of_relations():
    text = (
        "Phía Nhật Bản muốn củng cố quan hệ chính trị, văn hóa, ngoại giao hai nước, "
        "và mở rộng hợp tác về năng lượng tái tạo, du lịch."
    )
    assert [slug for slug, _ in sectors(text)] == ["renewable-energy", "tourism"]


def test_a_hosts_development_priorities_are_no_investment():
    text = (
        "Tại buổi làm việc, tập đoàn bày tỏ mong muốn hợp tác với tỉnh, lãnh đạo tỉnh giới thiệu các ưu tiên "
        "phát triển của địa phương như du lịch, nông nghiệp công nghệ cao."
    )
    assert sectors(text) == []


def test_an_investors_own_priority_still_counts():
    text = "Tập đoàn cho biết sẽ ưu tiên đầu tư vào năng lượng tái tạo tại tỉnh."
    assert [slug for slug, _ in sectors(text)] == ["renewable-energy"]
