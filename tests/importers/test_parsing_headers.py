"""The parse step on page headers other than the seeds': dates before, inside and under the headline."""

from __future__ import annotations

import datetime as dt

import pytest

from importers.parsing import parse_document
from importers.types import RawDocument


def parse(text: str):
    return parse_document(RawDocument(source="x.txt", text=text, format="text"))


def test_a_date_line_before_the_headline_is_no_title_and_gives_the_date() -> None:
    article = parse(
        "Thứ Hai, 03/03/2025\n"
        "Cao Bằng và Bách Sắc (Trung Quốc) bàn việc mở thêm cửa khẩu\n"
        "Hai địa phương thống nhất lộ trình nâng cấp cặp cửa khẩu song phương."
    )

    assert article.title == "Cao Bằng và Bách Sắc (Trung Quốc) bàn việc mở thêm cửa khẩu"
    assert article.published_on == dt.date(2025, 3, 3)
    assert article.body == "Hai địa phương thống nhất lộ trình nâng cấp cặp cửa khẩu song phương."


def test_a_line_without_letters_before_the_headline_is_no_title() -> None:
    article = parse(".\nNhật Bản mong muốn hợp tác với Đồng Nai về điện mặt trời\nNgày 5/3, lãnh đạo tỉnh tiếp đoàn.")

    assert article.title == "Nhật Bản mong muốn hợp tác với Đồng Nai về điện mặt trời"


def test_a_date_and_time_at_the_end_of_the_headline_line_leave_the_title() -> None:
    article = parse(
        "Doanh nghiệp Hàn Quốc tìm cơ hội đầu tư bán dẫn tại Bắc Ninh 14/03/2025 08:15\n"
        "Nhiều doanh nghiệp Hàn Quốc mong muốn đầu tư vào bán dẫn."
    )

    assert article.title == "Doanh nghiệp Hàn Quốc tìm cơ hội đầu tư bán dẫn tại Bắc Ninh"
    assert article.published_on == dt.date(2025, 3, 14)


def test_a_number_alone_in_a_headline_is_no_date() -> None:
    article = parse("Tỉnh đón 12 dự án mới trong năm 2024\nNội dung bài viết.")

    assert article.title == "Tỉnh đón 12 dự án mới trong năm 2024"


@pytest.mark.parametrize("line", ["07:30 21/04/2025", "Cập nhật: 07:30, 21/04/2025 (GMT+7)", "21/04/2025 07:30"])
def test_date_lines_under_the_headline_in_their_usual_shapes_leave_the_body(line: str) -> None:
    article = parse(f"Quảng Ninh đón đoàn doanh nghiệp Phòng Thành Cảng\n{line}\nĐoàn đã thăm khu công nghiệp.")

    assert article.published_on == dt.date(2025, 4, 21)
    assert article.body == "Đoàn đã thăm khu công nghiệp."
