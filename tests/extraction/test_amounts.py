"""Money amounts in Vietnamese number format; counts, years and percentages are not money."""

from decimal import Decimal

import pytest

from importers.extraction.amounts import find_amounts, parse_number


def amounts(text):
    return [(a.mention, a.value, a.currency) for a in find_amounts(text)]


def test_trade_value_in_billions_of_dollars_with_a_decimal_comma():
    text = "năm 2024, kim ngạch thương mại song phương Việt - Trung đạt 260,65 tỷ USD, tăng 13,5% so với năm 2023."
    assert amounts(text) == [("260,65 tỷ USD", Decimal("260650000000"), "USD")]


def test_a_qualifier_before_the_number_stays_in_the_mention():
    text = "TP.HCM thu hút hơn 800 dự án, tổng vốn đăng ký gần 3 tỉ USD."
    assert amounts(text) == [("gần 3 tỉ USD", Decimal("3000000000"), "USD")]


def test_a_count_of_projects_is_not_money():
    text = "Trung Quốc đang triển khai 6.069 dự án với tổng vốn đăng ký hơn 34,24 tỷ USD."
    assert amounts(text) == [("hơn 34,24 tỷ USD", Decimal("34240000000"), "USD")]


def test_dollars_written_in_words_and_dong_with_a_compound_scale():
    text = "Samsung rót thêm hơn 800 triệu đô la vào Thái Nguyên, còn dự án BOT cần 12 nghìn tỷ đồng."
    assert amounts(text) == [
        ("hơn 800 triệu đô la", Decimal("800000000"), "USD"),
        ("12 nghìn tỷ đồng", Decimal("12000000000000"), "VND"),
    ]


def test_yuan_and_yen_are_recognised():
    text = "Dự án trị giá 300 triệu nhân dân tệ, còn JICA cho vay 50 tỷ yên."
    assert [(a.value, a.currency) for a in find_amounts(text)] == [
        (Decimal("300000000"), "CNY"),
        (Decimal("50000000000"), "JPY"),
    ]


def test_words_that_start_like_a_currency_are_not_one():
    assert amounts("Cả 5 đồng chí đều có mặt tại 3 đô thị lớn.") == []


def test_years_and_percentages_are_not_money():
    assert amounts("Năm 2024 tăng trưởng 7,09%, dân số 10 triệu người.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6.069", Decimal("6069")),
        ("260,65", Decimal("260.65")),
        ("1.234,5", Decimal("1234.5")),
        ("3.5", Decimal("3.5")),
    ],
)
def test_vietnamese_number_format(text, value):
    assert parse_number(text) == value


def test_offsets_point_at_the_mention():
    text = "Vốn đầu tư đạt 1,8 tỷ USD."
    found = find_amounts(text)[0]
    assert text[found.start : found.end] == "1,8 tỷ USD"


def test_a_range_gives_two_amounts_and_the_first_takes_the_unit_of_the_second():
    text = "Lương công nhân là 102-138 USD/tháng, kim ngạch đạt 5,2-5,3 tỷ USD và vốn từ 18 đến 30 triệu USD."
    assert [(a.value, a.currency) for a in find_amounts(text)] == [
        (Decimal("102"), "USD"),
        (Decimal("138"), "USD"),
        (Decimal("5200000000"), "USD"),
        (Decimal("5300000000"), "USD"),
        (Decimal("18000000"), "USD"),
        (Decimal("30000000"), "USD"),
    ]


def test_a_range_with_a_scale_on_both_ends():
    text = "Dự án có tổng vốn từ 1 tỉ đến 1,2 tỉ USD."
    assert [(a.value, a.currency) for a in find_amounts(text)] == [
        (Decimal("1000000000"), "USD"),
        (Decimal("1200000000"), "USD"),
    ]


def test_billions_without_a_currency_are_dong_but_counts_are_not():
    text = (
        "Dự án có vốn hơn 4.500 tỷ, phục vụ 10 triệu người và chứa 1 triệu tấn hàng; "
        "thị trường có giá trị lớn với số dân 81 triệu, tăng dần."
    )
    assert amounts(text) == [("hơn 4.500 tỷ", Decimal("4500000000000"), "VND")]


def test_a_bare_amount_followed_by_a_function_word_is_dong():
    assert amounts("Công ty đã chuyển 2 triệu trước khi ký hợp đồng.") == [("2 triệu", Decimal("2000000"), "VND")]


def test_cents_are_hundredths_of_a_dollar_and_yen_may_be_written_yen():
    text = "Giá điện là 9,35 cent/kWh; Nhật Bản dành 79.000 tỷ yen cho chương trình."
    assert [(a.value, a.currency) for a in find_amounts(text)] == [
        (Decimal("0.0935"), "USD"),
        (Decimal("79000000000000"), "JPY"),
    ]


def test_a_word_starting_like_a_currency_before_a_comma_is_not_one():
    assert amounts("Tỉnh cam kết “3 đồng hành, 5 hỗ trợ” với doanh nghiệp.") == []
