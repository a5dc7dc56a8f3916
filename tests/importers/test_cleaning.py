"""The clean step on the seed articles: noise goes, every body sentence stays word for word."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from importers.cleaning import caption_lines, clean_text

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned_002() -> str:
    return clean_text(seed("002"))


def test_the_related_articles_tail_is_gone(cleaned_002: str) -> None:
    assert "Có thể bạn quan tâm" not in cleaned_002
    assert "Polymer khoáng vô cơ" not in cleaned_002
    assert "Vaccine Cecolin 9" not in cleaned_002
    assert "Kế hoạch số 1472/KH-UBND" not in cleaned_002


def test_the_stray_null_is_gone(cleaned_002: str) -> None:
    assert "null" not in cleaned_002.split("\n")
    assert not cleaned_002.endswith("null")


def test_the_image_file_name_is_gone(cleaned_002: str) -> None:
    assert "nestle-viet-namdd.jpg" not in cleaned_002


def test_the_google_news_prompt_is_gone(cleaned_002: str) -> None:
    assert "Theo dõi Báo Gia Lai trên Google News" not in cleaned_002


def test_photo_credits_are_gone_and_the_caption_text_stays(cleaned_002: str) -> None:
    assert "Ảnh:" not in cleaned_002
    assert "Hương Giang/TTXVN" not in cleaned_002
    lines = cleaned_002.split("\n")
    assert (
        "Trung tâm Hỗ trợ Khởi nghiệp sáng tạo Quốc gia và Ủy ban ngành Thương mại thuộc Hội đồng Xúc tiến "
        "Thương mại Quốc tế Trung Quốc ký kết hợp tác."
    ) in lines


def test_a_caption_printed_twice_is_kept_once(cleaned_002: str) -> None:
    caption = "Hội nghị Chuyển giao công nghệ, kết nối thương mại và đầu tư Việt Nam-Trung Quốc 2025."

    assert cleaned_002.split("\n").count(caption) == 1


def test_the_body_of_002_survives_word_for_word(cleaned_002: str) -> None:
    for sentence in (
        "Tại Hội nghị Chuyển giao công nghệ, kết nối thương mại và đầu tư Việt Nam-Trung Quốc 2025 tại Thành phố "
        "Hồ Chí Minh, hai bên đều nhất trí còn nhiều dư địa hợp tác giữa hai nước trong lĩnh vực này.",
        "Theo ông Lê Toàn Thắng, Phó Giám đốc Trung tâm hỗ trợ Khởi nghiệp sáng tạo Quốc gia, khoa học công nghệ "
        "và đổi mới sáng tạo là yếu tố then chốt cho sự phát triển bền vững của nền kinh tế trong kỷ nguyên số.",
        "Ở góc độ doanh nghiệp, ông Đặng Đức Thành, Ủy viên Ban chấp hành Liên đoàn Thương mại và Công nghiệp "
        "Việt Nam, Chủ tịch Câu lạc bộ Kinh tế gia Việt Nam đã đề xuất thành lập Liên minh Doanh nghiệp nhỏ và vừa "
        "Việt Nam-Trung Quốc, dưới sự bảo trợ của Bộ Công thương.",
        "Một số ý kiến cũng cho rằng sự hợp tác của các doanh nghiệp hai nước phải tính đến yếu tố nền tảng, "
        "bền vững, coi trọng lợi ích của doanh nghiệp và cộng đồng, góp phần thúc đẩy tiềm năng, lợi thế và tăng "
        "sức cạnh tranh của cả hai nước trên bản đồ công nghệ toàn cầu.",
    ):
        assert sentence in cleaned_002


def test_the_source_line_stays_for_the_parse_step_to_read_as_byline(cleaned_002: str) -> None:
    assert cleaned_002.split("\n")[-1] == "Theo Hương Giang (TTXVN/Vietnam+)"


def test_paragraphs_are_single_lines_with_no_blank_lines_between(cleaned_002: str) -> None:
    assert "\n\n" not in cleaned_002
    assert cleaned_002 == cleaned_002.strip()


def test_a_dash_credit_is_cut_from_the_caption_of_000() -> None:
    lines = clean_text(seed("000")).split("\n")

    assert "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng phát biểu tại buổi tọa đàm" in lines
    assert not any("Ảnh:" in line for line in lines)


def test_an_upper_case_credit_glued_to_a_caption_of_003_is_cut() -> None:
    cleaned = clean_text(seed("003"))

    assert "NHẬT THỊNH" not in cleaned
    assert "ẢNH: BTC" not in cleaned
    assert (
        "Diễn đàn Kinh tế mùa thu 2025 mở ra nhiều cơ hội kết nối, đầu tư, đặc biệt trong lĩnh vực công nghệ cao"
        in cleaned.split("\n")
    )


def test_a_bracketed_credit_is_cut_and_the_people_in_the_caption_of_004_stay() -> None:
    cleaned = clean_text(seed("004"))

    assert "(Ảnh: UBND Thành phố Hà Nội)" not in cleaned
    assert (
        "Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền (phải) tại làm việc với Ông Vương Hoán Thanh (trái), "
        "Chủ tịch Hội Hữu nghị Hải ngoại thành phố Quảng Châu (Trung Quốc)."
    ) in cleaned.split("\n")


def test_caption_lines_name_the_cleaned_captions_of_an_article() -> None:
    captions = caption_lines(seed("003"))

    assert captions == {
        "Diễn đàn Kinh tế mùa thu 2025 mở ra nhiều cơ hội kết nối, đầu tư, đặc biệt trong lĩnh vực công nghệ cao",
        "TP.HCM muốn hợp tác với doanh nghiệp Trung Quốc cùng phát triển các công nghệ tiên tiến như AI, Big Data, "
        "IoT và blockchain",
    }
    assert captions <= set(clean_text(seed("003")).split("\n"))


def test_the_caption_lines_of_the_seeds_are_recognized_by_their_credit() -> None:
    assert caption_lines(
        "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng phát biểu tại buổi tọa đàm - Ảnh: Tổng Lãnh sự quán "
        "Việt Nam tại Quảng Châu"
    )
    assert caption_lines(
        "Phó Chủ tịch UBND Hà Nội Nguyễn Mạnh Quyền (phải) tại làm việc với Ông Vương Hoán Thanh (trái), Chủ tịch "
        "Hội Hữu nghị Hải ngoại thành phố Quảng Châu (Trung Quốc). (Ảnh: UBND Thành phố Hà Nội)"
    )
    assert caption_lines(
        "TP.HCM muốn hợp tác với doanh nghiệp Trung Quốc cùng phát triển các công nghệ tiên tiến ẢNH: BTC"
    )


def test_body_sentences_are_not_captions() -> None:
    assert not caption_lines(
        "Theo Tổng Lãnh sự Nguyễn Việt Dũng, năm 2024, kim ngạch thương mại song phương Việt - Trung đạt 260,65 tỷ "
        "USD, tăng 13,5% so với năm 2023."
    )
    assert not caption_lines("Đoàn doanh nghiệp đã chia sẻ nhiều hình ảnh: nhà máy, cảng biển và khu công nghiệp.")


def test_a_sentence_with_a_lower_case_image_word_is_not_cut() -> None:
    sentence = "Đoàn doanh nghiệp đã chia sẻ nhiều hình ảnh: nhà máy, cảng biển và khu công nghiệp."

    assert clean_text(sentence) == sentence


def test_a_line_that_is_only_a_credit_is_dropped() -> None:
    text = "Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao hàng đầu Việt Nam.\nẢnh: TTXVN\nĐoạn tiếp theo."

    assert (
        clean_text(text) == "Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao hàng đầu Việt Nam.\nĐoạn tiếp theo."
    )


def test_an_inline_see_also_link_goes_but_the_text_after_it_stays() -> None:
    text = (
        "Hà Nội đang ưu tiên triển khai hàng loạt dự án trọng điểm.\n"
        "Xem thêm: Quảng Châu đề xuất hợp tác đường sắt với Hà Nội\n"
        "Những đề xuất này được đánh giá là phù hợp với định hướng phát triển của Hà Nội."
    )

    assert clean_text(text) == (
        "Hà Nội đang ưu tiên triển khai hàng loạt dự án trọng điểm.\n"
        "Những đề xuất này được đánh giá là phù hợp với định hướng phát triển của Hà Nội."
    )


@pytest.mark.parametrize("heading", ["Tin liên quan", "Xem thêm", "Bài viết liên quan", "Có thể bạn quan tâm:"])
def test_each_related_articles_heading_cuts_the_rest(heading: str) -> None:
    text = f"Việt Nam mong muốn trở thành cầu nối tin cậy.\n{heading}\nGia Lai phấn đấu đến năm 2045."

    assert clean_text(text) == "Việt Nam mong muốn trở thành cầu nối tin cậy."


def test_non_breaking_and_repeated_spaces_become_one_space() -> None:
    text = "(GLO)-\u00a0Chiều 12-6,\tTrung tâm  Ứng dụng tiến bộ KH-CN\u202f(Sở Khoa học và Công nghệ) \u200bphối hợp."

    assert clean_text(text) == "Chiều 12-6, Trung tâm Ứng dụng tiến bộ KH-CN (Sở Khoa học và Công nghệ) phối hợp."


@pytest.mark.parametrize("tag", ["(NLĐO)- ", "(GLO) - ", "(Chinhphu.vn) – ", "(VTC News) - "])
def test_the_outlet_tag_before_the_first_paragraph_goes(tag: str) -> None:
    paragraph = "Sáng 5/3, Sở Công Thương tỉnh Nghệ An tổ chức hội nghị kết nối giao thương với doanh nghiệp Lào."

    assert clean_text(f"{tag}{paragraph}") == paragraph


def test_a_bracket_that_is_no_outlet_tag_stays() -> None:
    text = "(Trung Quốc) và Việt Nam ký kết.\n(2025 – 2030): công ty xây dựng hai nhà máy."

    assert clean_text(text) == text


def test_nfd_text_is_composed() -> None:
    sentence = "Thứ trưởng Bộ Khoa học và Công nghệ Bùi Hoàng Phương đánh giá cao sáng kiến của Trung Quốc."

    assert clean_text(unicodedata.normalize("NFD", sentence)) == sentence


def test_a_line_repeated_right_after_itself_is_kept_once() -> None:
    line = "Trung Quốc là nhà đầu tư lớn thứ 6 tại Việt Nam trong năm 2024."

    assert clean_text(f"{line}\n\n{line}\nĐoạn sau.") == f"{line}\nĐoạn sau."


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_only_drops_lines_and_credits_never_rewrites_words(prefix: str) -> None:
    original_lines = [" ".join(line.split()) for line in seed(prefix).splitlines()]

    for line in clean_text(seed(prefix)).split("\n"):
        assert any(original.startswith(line) for original in original_lines), line


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_a_cleaned_text_changes_nothing(prefix: str) -> None:
    once = clean_text(seed(prefix))

    assert clean_text(once) == once


BIDI_AND_INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad"


def test_bidirectional_controls_and_other_invisible_characters_are_removed() -> None:
    line = "Tập đoàn \u202eHoa Vũ\u202c và \u2067Sở Công Thương\u2069 ký kết\u200f hợp tác."

    assert clean_text(line) == "Tập đoàn Hoa Vũ và Sở Công Thương ký kết hợp tác."
    assert not any(character in clean_text(BIDI_AND_INVISIBLE + line) for character in BIDI_AND_INVISIBLE)


def test_every_unicode_format_character_is_removed() -> None:
    """Category Cf is what renders as nothing (or reorders what follows); no name is made of it."""
    import sys

    from importers.cleaning import remove_invisible

    formats = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
    assert remove_invisible(f"a{formats}b") == "ab"


def test_names_wrapped_in_bidirectional_overrides_are_found_with_offsets_into_the_cleaned_body() -> None:
    from importers.extraction import extract_article
    from importers.parsing import parse_document
    from importers.types import RawDocument

    text = (
        "Tập đoàn \u202eHoa Vũ\u202c mở rộng đầu tư tại Bắc Ninh\n"
        "Ông \u2067Trần Văn Minh\u2069, Chủ tịch Tập đoàn \u202dHoa Vũ\u202c, cho biết tập đoàn đề xuất đầu tư "
        "200 triệu USD xây dựng nhà máy linh kiện tại tỉnh Bắc Ninh."
    )
    article = parse_document(RawDocument(source="x", text=text, format="json", title="Tập đoàn \u202eHoa Vũ\u202c"))
    extraction = extract_article(article)

    assert article.title == "Tập đoàn Hoa Vũ"
    assert "Tập đoàn Hoa Vũ" in [organization.name for organization in extraction.organizations]
    assert "Trần Văn Minh" in [contact.full_name for contact in extraction.contacts]
    for found in (*extraction.organizations, *extraction.contacts, *extraction.places):
        for mention in found.mentions:
            assert article.body[mention.start : mention.end] == mention.text


def test_dated_headlines_of_a_related_articles_list_are_gone() -> None:
    text = (
        "Tỉnh Nam Định khởi công cảng cá mới.\n"
        "Cảng cá Ninh Cơ đón tàu đầu tiên(12/04/2005)\n"
        "'Chưa có nguồn vốn cho giai đoạn hai'(30/11/2004)\n"
        "Hà Nam mời gọi nhà đầu tư vào khu công nghiệp (3/1/06)"
    )

    assert clean_text(text) == "Tỉnh Nam Định khởi công cảng cá mới."


@pytest.mark.parametrize(
    "sentence",
    [
        # A body paragraph ends with a full stop, even when a bracketed date comes before it.
        "Hợp đồng thuê đất được ký tại Hà Nội (12/4/2005).",
        # Two sentences on the line: not a headline.
        "Ông Lâm cho biết. Dự án đã khởi công (12/4/2005)",
        # A date in brackets inside the sentence.
        "Nghị định mới (ban hành ngày 5/3/2024) có hiệu lực từ tháng sau.",
    ],
)
def test_sentences_with_a_bracketed_date_stay(sentence: str) -> None:
    assert clean_text(sentence) == sentence


def test_a_signature_glued_to_the_source_line_is_cut_and_the_source_line_stays() -> None:
    text = "Nhà máy sẽ đi vào hoạt động năm sau.\nMinh AnhTheo Nikkei Asian Review"

    assert clean_text(text).split("\n") == ["Nhà máy sẽ đi vào hoạt động năm sau.", "Theo Nikkei Asian Review"]


@pytest.mark.parametrize(
    "line",
    [
        "Theo Hương Giang (TTXVN/Vietnam+)",
        "Ông Theo Nguyễn nói rằng dự án sẽ xong trong năm nay.",
        # Not a short source: the words after "Theo" run on into a sentence.
        "Công ty SamcoTheo kế hoạch, năm nay sẽ mở thêm hai nhà máy.",
    ],
)
def test_lines_without_a_glued_signature_stay(line: str) -> None:
    assert clean_text(line) == line
