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
        "Thứ Năm, 23/10/2025\n"
        "Lạng Sơn và Sùng Tả (Trung Quốc) tăng cường hợp tác nông nghiệp\n"
        "Hai bên mong muốn mở rộng hợp tác trong thương mại và logistics."
    )

    assert article.title == "Lạng Sơn và Sùng Tả (Trung Quốc) tăng cường hợp tác nông nghiệp"
    assert article.published_on == dt.date(2025, 10, 23)
    assert article.body == "Hai bên mong muốn mở rộng hợp tác trong thương mại và logistics."


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


@pytest.mark.parametrize("line", ["09:50 16/05/2024", "Cập nhật: 09:50, 16/05/2024 (GMT+7)", "16/05/2024 09:50"])
def test_date_lines_under_the_headline_in_their_usual_shapes_leave_the_body(line: str) -> None:
    article = parse(f"Hải Phòng đón đoàn doanh nghiệp Nam Ninh\n{line}\nĐoàn đã thăm khu công nghiệp.")

    assert article.published_on == dt.date(2024, 5, 16)
    assert article.body == "Đoàn đã thăm khu công nghiệp."
