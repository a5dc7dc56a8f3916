"""The parse step on the seed articles: title, date, outlet, byline, body and content hash."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from importers.cleaning import clean_text
from importers.parsing import content_hash, detect_language, parse_document
from importers.readers import read_bytes, read_sources
from importers.types import ParsedArticle, RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def seed_path(prefix: str) -> Path:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path


def parse_seed(prefix: str) -> ParsedArticle:
    [document] = read_sources([str(seed_path(prefix))])
    assert isinstance(document, RawDocument)
    return parse_document(document)


def test_the_date_prefix_of_001_is_the_publication_date_and_not_part_of_the_title() -> None:
    article = parse_seed("001")

    assert article.published_on == dt.date(2025, 9, 18)
    assert article.title == (
        "Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác với Việt Nam trong lĩnh vực AI, điện toán đám mây"
    )


def test_the_author_line_under_the_title_of_001_is_the_byline_and_leaves_the_body() -> None:
    article = parse_seed("001")

    assert article.byline == "Bạch Dương"
    assert article.body.startswith(
        "Đại diện nhiều tập đoàn lớn của Trung Quốc đã chia sẻ kế hoạch đầu tư và mong muốn cùng Việt Nam"
    )
    assert "18/09/2025, 15:01" not in article.body
    assert "Bạch Dương" not in article.body.split("\n")


def test_the_date_prefix_of_003_is_read_and_its_first_sentence_stays_in_the_body() -> None:
    article = parse_seed("003")
    first_sentence = (
        "Phát biểu tại hội thảo, Phó chủ tịch UBND TP.HCM Nguyễn Lộc Hà, Trưởng ban tổ chức Diễn đàn Kinh tế mùa "
        "thu 2025, cho biết hiện TP.HCM là địa phương thu hút đầu tư hàng đầu từ Trung Quốc với hơn 800 dự án, "
        "tổng vốn đăng ký gần 3 tỉ USD."
    )

    assert article.published_on == dt.date(2025, 11, 27)
    assert article.title == first_sentence
    assert article.body.split("\n")[0] == first_sentence


def test_a_short_headline_is_the_title_and_not_repeated_in_the_body() -> None:
    article = parse_seed("000")

    assert article.title == "Nhiều doanh nghiệp Trung Quốc quan tâm sâu sắc đến thị trường Việt Nam"
    assert article.body.startswith("Các doanh nghiệp Trung Quốc bày tỏ mong muốn hợp tác với Việt Nam")
    assert article.published_on is None


def test_a_long_first_line_ending_like_a_sentence_is_kept_as_the_first_paragraph_of_004() -> None:
    article = parse_seed("004")

    assert article.title.startswith("Với các định hướng phát triển mạnh mẽ về hạ tầng đô thị, đường sắt")
    assert article.body.split("\n")[0] == article.title


def test_the_google_news_prompt_of_002_gives_the_outlet() -> None:
    assert parse_seed("002").outlet == "Báo Gia Lai"


def test_the_closing_source_line_of_002_is_the_byline_and_leaves_the_body() -> None:
    article = parse_seed("002")

    assert article.byline == "Hương Giang (TTXVN/Vietnam+)"
    assert "Theo Hương Giang" not in article.body
    assert article.body.endswith("trên bản đồ công nghệ toàn cầu.")


def test_a_closing_sentence_that_starts_with_theo_is_body_not_byline() -> None:
    text = (
        "Hà Nội và Quảng Châu tăng cường hợp tác\n"
        "Thành phố Hà Nội hiện đang tập trung phát triển hạ tầng giao thông.\n"
        "Theo đó, Hà Nội mời gọi doanh nghiệp Quảng Châu đầu tư đường sắt đô thị."
    )

    article = parse_document(RawDocument(source="x", text=text, format="text"))

    assert article.byline == ""
    assert article.body.endswith("Theo đó, Hà Nội mời gọi doanh nghiệp Quảng Châu đầu tư đường sắt đô thị.")


def test_seeds_without_outlet_or_byline_leave_them_empty() -> None:
    article = parse_seed("004")

    assert (article.outlet, article.byline) == ("", "")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_body_is_made_of_cleaned_lines_only(prefix: str) -> None:
    article = parse_seed(prefix)
    without_date_prefix = re.sub(r"\A date \d{4}-\d{2}-\d{2} ", "", article.raw_text)

    assert article.body
    assert set(article.body.split("\n")) <= set(clean_text(without_date_prefix).split("\n"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_articles_are_vietnamese_and_keep_the_text_as_read(prefix: str) -> None:
    article = parse_seed(prefix)

    assert article.language == "vi"
    assert article.raw_text == seed_path(prefix).read_text(encoding="utf-8")


def test_the_same_article_read_twice_has_the_same_hash() -> None:
    assert parse_seed("001").content_hash == parse_seed("001").content_hash


def test_the_hash_ignores_line_endings_and_spacing() -> None:
    original = seed_path("001").read_text(encoding="utf-8")
    reformatted = "\r\n".join(f"{line}  " for line in original.split("\n")).replace(" ", "\u00a0", 3)

    documents = read_bytes(reformatted.encode("utf-8"), source="again.txt")

    assert isinstance(documents, list)
    assert parse_document(documents[0]).content_hash == parse_seed("001").content_hash


def test_different_articles_have_different_hashes() -> None:
    assert parse_seed("001").content_hash != parse_seed("003").content_hash


def test_the_hash_is_sha256_hex_of_the_collapsed_text() -> None:
    assert content_hash("Hà Nội\n\n mời gọi  đầu tư ") == content_hash("Hà Nội mời gọi đầu tư")
    assert len(content_hash("Hà Nội")) == 64


def test_an_english_sentence_naming_a_vietnamese_official_is_english() -> None:
    sentence = "Vice Chairman Nguyễn Mạnh Quyền met a delegation from Guangzhou to discuss urban railways in Hanoi."

    assert detect_language(sentence) == "en"
    assert detect_language("Hà Nội mời gọi doanh nghiệp Quảng Châu đầu tư đường sắt đô thị.") == "vi"


def test_metadata_from_html_wins_and_the_repeated_headline_leaves_the_body() -> None:
    document = RawDocument(
        source="page.html",
        text=(
            "Quảng Tây đề xuất hợp tác AI với Bắc Ninh\n"
            "Ông Viên Hoàng mới đây đã đề xuất tỉnh Bắc Ninh và tỉnh Quảng Tây tăng cường hợp tác."
        ),
        format="html",
        title="Quảng Tây đề xuất hợp tác AI với Bắc Ninh",
        url="https://baobacninh.vn/quang-tay",
        published_on=dt.date(2025, 11, 28),
        outlet="Báo Bắc Ninh",
    )

    article = parse_document(document)

    assert article.title == "Quảng Tây đề xuất hợp tác AI với Bắc Ninh"
    assert article.body == "Ông Viên Hoàng mới đây đã đề xuất tỉnh Bắc Ninh và tỉnh Quảng Tây tăng cường hợp tác."
    assert (article.url, article.published_on, article.outlet) == (
        "https://baobacninh.vn/quang-tay",
        dt.date(2025, 11, 28),
        "Báo Bắc Ninh",
    )


def test_a_feed_entry_with_only_a_headline_keeps_it_as_the_body() -> None:
    headline = "Hà Nội mời gọi doanh nghiệp Quảng Châu đầu tư đường sắt đô thị"

    article = parse_document(RawDocument(source="feed#3", text=headline, format="feed", title=headline))

    assert (article.title, article.body) == (headline, headline)


def test_a_date_line_alone_under_the_title_gives_the_date() -> None:
    text = "Bắc Ninh hút vốn Trung Quốc\nThứ năm, 27/11/2025 - 09:30 (GMT+7)\nBắc Ninh hiện là trung tâm công nghiệp."

    article = parse_document(RawDocument(source="x", text=text, format="text"))

    assert article.published_on == dt.date(2025, 11, 27)
    assert article.body == "Bắc Ninh hiện là trung tâm công nghiệp."


def test_a_stated_date_wins_over_the_byline_date() -> None:
    text = "Tiêu đề bài viết\nBạch Dương\n18/09/2025, 15:01\nĐại diện nhiều tập đoàn lớn của Trung Quốc."

    article = parse_document(
        RawDocument(source="x.json", text=text, format="json", title="Tiêu đề", published_on=dt.date(2025, 9, 17))
    )

    assert article.published_on == dt.date(2025, 9, 17)


def test_an_impossible_date_prefix_is_left_in_the_title() -> None:
    article = parse_document(RawDocument(source="x", text=" date 2025-13-40 Tiêu đề\nNội dung.", format="text"))

    assert article.published_on is None
    assert article.title == "date 2025-13-40 Tiêu đề"


def test_two_feed_entries_with_the_same_text_but_other_headlines_are_two_articles():
    teaser = "Doanh nghiệp Thâm Quyến muốn đầu tư trung tâm dữ liệu tại Bắc Ninh."
    first = parse_document(RawDocument(source="feed.xml#1", text=teaser, format="feed", title="Tin sáng"))
    second = parse_document(RawDocument(source="feed.xml#2", text=teaser, format="feed", title="Tin chiều"))
    same_again = parse_document(RawDocument(source="feed.xml#1", text=teaser, format="feed", title="Tin sáng"))
    assert first.content_hash != second.content_hash
    assert first.content_hash == same_again.content_hash
