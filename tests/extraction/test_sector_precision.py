"""Sector words that are not what an investment is in: benefits, asides, places, loans, statistics.

Also the business a firm's own name states, parts of a named product, a deal named by its sector,
and the port, shipping and leisure words of the taxonomy.
"""

from tests.extraction.helpers import extract


def slugs(text: str) -> list[str]:
    return [s.slug for s in extract(text).sectors]


def test_a_company_name_tells_what_is_invested_in_when_the_sentence_names_nothing_else():
    text = "Công ty TNHH Nước giải khát Hoàng Sa được chấp thuận đầu tư mở rộng tại Bình Dương."
    assert slugs(text) == ["agriculture-food"]


def test_trade_in_a_company_legal_name_is_no_trade():
    text = "Công ty TNHH Thương mại Minh Long vừa ký thỏa thuận hợp tác với đối tác Nhật Bản."
    assert slugs(text) == []


def test_what_a_project_will_help_with_is_not_its_sector():
    text = "Tập đoàn Alpha đầu tư nhà máy bán dẫn, dự án sẽ giúp phát triển công nghệ thông tin và đào tạo nhân lực."
    assert slugs(text) == ["semiconductors", "manufacturing"]


def test_an_aside_ends_with_its_clause():
    text = (
        "Hai bên ký kết biên bản ghi nhớ giúp nâng cao năng lực quản lý giáo dục; đồng thời hợp tác đầu tư "
        "một khu nghỉ dưỡng tại Phú Quốc."
    )
    assert slugs(text) == ["tourism"]


def test_exchanging_experience_is_no_investment():
    text = "Doanh nghiệp hai nước đã trao đổi kinh nghiệm hợp tác trong lĩnh vực y tế và giáo dục."
    assert slugs(text) == []


def test_advice_to_the_host_is_no_investment():
    text = "Theo chuyên gia, muốn thu hút đầu tư, Việt Nam cần phát triển logistics và năng lượng tái tạo."
    assert slugs(text) == []


def test_an_investment_in_a_foreign_country_names_no_sector_of_the_article():
    text = "Nhiều doanh nghiệp Việt Nam cũng quan tâm đầu tư tại Australia trong lĩnh vực nông nghiệp, khai khoáng."
    assert slugs(text) == []


def test_an_investment_in_vietnam_still_counts():
    text = "Các doanh nghiệp Ấn Độ mong muốn đầu tư tại Việt Nam trong lĩnh vực dược phẩm."
    assert slugs(text) == ["biotech-pharma"]


def test_a_building_or_port_named_as_the_place_of_something_else_does_not_count():
    text = (
        "Hãng Beta khai trương văn phòng đại diện tại tòa nhà Sao Mai; nhà máy dự kiến xây cạnh cảng nước sâu Hòn La."
    )
    assert "construction-real-estate" not in slugs(text)
    assert "transport-infrastructure" not in slugs(text)


def test_phrases_that_hold_a_keyword_without_naming_the_sector():
    assert slugs("Nhiều nhà máy vệ tinh sẽ đầu tư quanh tổ hợp của tập đoàn.") == ["manufacturing"]
    assert slugs("Tập đoàn sẽ đầu tư thêm, ông cho biết khi trả lời phỏng vấn báo chí.") == []
    assert slugs("Dự án đã được cấp phép và sẽ huy động thêm vốn vay thương mại.") == []


def test_trade_between_two_countries_is_relations():
    text = "Hai bên nhất trí hợp tác giải quyết các vấn đề thương mại giữa hai nước."
    assert slugs(text) == []


def test_state_firms_offered_for_equitization_are_the_hosts_offer():
    text = (
        "Việt Nam đang đẩy mạnh hợp tác, cổ phần hóa doanh nghiệp nhà nước trong các lĩnh vực như vận tải, "
        "viễn thông, du lịch."
    )
    assert slugs(text) == []


def test_shares_of_several_fields_are_a_statistic():
    text = "Có 60% vốn đầu tư vào lĩnh vực chế tạo, tiếp đó là bất động sản với 12%."
    assert slugs(text) == []


def test_a_bare_plant_in_a_refinery_article_is_no_manufacturing():
    text = (
        "Tập đoàn Gamma sẽ xây dựng nhà máy lọc dầu tại Thanh Hóa. "
        "Nhà máy có công suất 10 triệu tấn mỗi năm, tổng vốn đầu tư nhà máy khoảng 3 tỷ USD."
    )
    assert slugs(text) == ["energy"]


def test_parts_of_a_named_product_are_that_products():
    assert slugs("Công ty đầu tư nhà máy sản xuất linh kiện bán dẫn tại Bắc Ninh.") == [
        "semiconductors",
        "manufacturing",
    ]
    assert slugs("Công ty đầu tư dự án sản xuất linh kiện động cơ tại Hà Nội.") == ["manufacturing"]


def test_a_deal_named_by_its_sector_counts_before_the_cue():
    text = "Hợp đồng dầu khí lô 12 được ký kết giữa hai tập đoàn vào tháng trước."
    assert slugs(text) == ["energy"]


def test_banks_lending_to_a_project_are_no_banking_investment():
    text = "Dự án khách sạn đã được vay 30 triệu USD từ ba ngân hàng trong nước."
    assert slugs(text) == ["tourism"]


def test_a_dated_related_headline_names_no_sector():
    assert slugs("Khởi công nhà máy điện gió Bình Minh(12/03/2006)") == []


def test_port_shipping_and_leisure_words():
    text = (
        "Tập đoàn Delta đầu tư một cảng cạn và hãng tàu container, liên doanh sửa chữa tàu biển, "
        "cùng một sân golf tại Hải Phòng."
    )
    assert slugs(text) == ["logistics", "transport-infrastructure", "tourism"]


def test_a_visit_ends_with_the_place_visited():
    text = (
        "Đoàn doanh nghiệp Nhật Bản tham quan nhà máy của hãng Sigma và tìm hiểu cơ hội đầu tư vào lĩnh vực "
        "năng lượng tái tạo."
    )
    assert slugs(text) == ["renewable-energy"]


def test_a_forecast_names_no_sector():
    assert slugs("Dự báo, đầu tư của các quỹ sẽ tăng mạnh vào lĩnh vực công nghệ thông tin.") == []
