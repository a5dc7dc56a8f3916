"""Properties of every importer step over generated input: nothing but a one-line error, offsets inside.

Generated texts mix the words the rules look for (company heads, titles, money, sites, places,
nationalities, lead cues) with arbitrary Unicode, so the rules' edge cases are reached: a
name at the very end of the text, a title with nothing after it, an amount without a number,
unbalanced brackets, control characters.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.cleaning import clean_text
from importers.extraction import extract_article, extraction_to_preview
from importers.parsing import parse_document
from importers.readers import read_bytes
from importers.types import RawDocument, ReadError

FRAGMENTS = [
    "Công ty TNHH",
    "Tập đoàn",
    "Samsung Display Việt Nam",
    "(Hàn Quốc)",
    "của Nhật Bản",
    "nhà đầu tư Singapore",
    "có vốn đầu tư Trung Quốc",
    "ông",
    "bà",
    "Nguyễn Văn",
    "Chủ tịch UBND tỉnh",
    "Tổng giám đốc",
    "Bắc Giang",
    "TP.HCM",
    "Quảng Châu",
    "KCN Quang Châu",
    "Khu kinh tế Dung Quất",
    "nhận giấy chứng nhận đầu tư",
    "đề xuất",
    "ký biên bản ghi nhớ",
    "tăng vốn",
    "mua lại",
    "khởi công",
    "mong muốn hợp tác",
    "trí tuệ nhân tạo",
    "sản xuất linh kiện điện tử",
    "3.150 tỷ đồng",
    "hơn 4.500 tỷ",
    "(khoảng 150 triệu USD)",
    "20 ha",
    "2.000 lao động",
    "date 2025-09-18",
    "Ảnh:",
    "Có thể bạn quan tâm",
    ".",
    ",",
    ";",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    '"',
    "…",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12)), min_size=0, max_size=40).map(
    " ".join
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.binary(max_size=2000) | TEXT.map(str.encode), st.sampled_from(["a.txt", "a.json", "a.html", "a.xml", ""]))
def test_reading_any_bytes_gives_articles_or_one_error_in_words(data: bytes, filename: str) -> None:
    result = read_bytes(data, source="x", filename=filename, max_bytes=1_000_000)
    documents = [result] if isinstance(result, ReadError) else list(result)
    for document in documents:
        if isinstance(document, ReadError):
            assert document.message and "\n" not in document.message
        else:
            assert isinstance(document.text, str)


@PROPERTY
@given(TEXT)
def test_cleaning_any_text_gives_text(text: str) -> None:
    assert isinstance(clean_text(text), str)


@PROPERTY
@given(TEXT)
def test_parsing_and_extracting_any_text_never_fails_and_every_offset_is_inside_the_body(text: str) -> None:
    article = parse_document(RawDocument(source="x", text=text, format="text", published_on=dt.date(2017, 1, 1)))
    body = article.body
    extraction = extract_article(article)
    for sentence in extraction.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(body)
        assert body[sentence.start : sentence.end] == sentence.text
    mentions = [
        mention
        for found in (*extraction.organizations, *extraction.contacts, *extraction.places, *extraction.sectors)
        for mention in found.mentions
    ]
    for mention in mentions:
        assert body[mention.start : mention.end] == mention.text
    for amount in extraction.amounts:
        assert 0 <= amount.start <= amount.end <= len(body)
    for lead in extraction.opportunities:
        for sentence in (lead.evidence, *lead.other_evidence):
            assert sentence.end == 0 or body[sentence.start : sentence.end] == sentence.text  # the title: offset 0
    extraction_to_preview(extraction)
