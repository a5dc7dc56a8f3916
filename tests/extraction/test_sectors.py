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
    assert [slug for slug, _ in sectors(text)] == ["textiles-garments"]


def test_a_named_industrial_park_is_where_not_what():
    text = "Tập đoàn LG (Hàn Quốc) dự kiến đầu tư 1 tỷ USD vào nhà máy điện tử tại Khu công nghiệp Tràng Duệ."
    assert [slug for slug, _ in sectors(text)] == ["electronics"]


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
    assert [slug for slug, _ in sectors(text)] == ["electronics", "semiconductors"]
    assert [(o.origin, o.province, o.sector) for o in extract(text).opportunities] == [
        ("Đài Loan", "Bắc Ninh", "electronics"),
        ("Đài Loan", "Bắc Ninh", "semiconductors"),
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
    assert [slug for slug, _ in sectors(text)] == ["electronics"]


def test_words_in_an_organization_name_signal_no_sector():
    text = "Công ty Dịch vụ viễn thông Hà Phong cho biết đang mở rộng đầu tư sản xuất robot."
    assert [slug for slug, _ in sectors(text)] == ["manufacturing"]


def test_words_in_the_name_of_a_dated_event_signal_no_sector():
    text = "Để thúc đẩy hợp tác, hai bên thống nhất tổ chức hội chợ nông sản Cần Thơ - Osaka năm 2026 vào mùa thu."
    assert sectors(text) == []


def test_a_lower_case_event_word_without_a_dated_name_hides_nothing():
    text = "Hai bên thống nhất xây dựng chương trình hợp tác về logistics trong thời gian tới."
    assert [slug for slug, _ in sectors(text)] == ["logistics"]
