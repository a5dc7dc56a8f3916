"""Dates resolve against the article date: a day and month alone take the article's year."""

import datetime as dt

from importers.extraction.dates import find_dates

PUBLISHED = dt.date(2025, 9, 18)


def values(text, published_on=PUBLISHED):
    return [(d.mention, d.value) for d in find_dates(text, published_on)]


def test_day_and_month_take_the_year_of_the_article():
    assert values("Ngày 17/9, tại Nam Ninh (Trung Quốc), đã diễn ra Hội nghị.") == [("Ngày 17/9", dt.date(2025, 9, 17))]


def test_a_day_after_the_article_date_belongs_to_the_previous_year():
    assert values("Hội nghị diễn ra ngày 28/12 tại Hà Nội.", dt.date(2026, 1, 3)) == [
        ("ngày 28/12", dt.date(2025, 12, 28))
    ]


def test_a_full_date_and_a_time_of_day_lead_word():
    text = "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Hội nghị diễn ra chiều 29/5."
    assert values(text) == [("ngày 22/12/2024", dt.date(2024, 12, 22)), ("chiều 29/5", dt.date(2025, 5, 29))]


def test_a_year_alone_has_no_day():
    assert values("Năm 2024, Việt Nam xếp hạng 44/133 quốc gia.") == [("Năm 2024", None)]


def test_fractions_and_rankings_are_not_dates():
    assert values("Việt Nam xếp thứ 44/133, tỷ lệ 1/3 doanh nghiệp.") == []


def test_without_an_article_date_a_day_and_month_stay_unresolved():
    assert values("Chiều 12-6, Trung tâm tổ chức hội thảo.", None) == [("Chiều 12-6", None)]
