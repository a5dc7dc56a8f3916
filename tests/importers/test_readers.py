"""The read step: every source becomes documents or one clear ReadError, never an exception."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import pytest

from importers.readers import read_bytes, read_sources
from importers.types import RawDocument, ReadError

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
SEED_001 = SEEDS / "001_97f8f4cc8781255b.txt"
SEED_004 = SEEDS / "004_fbd0ce9e0abd74a1.txt"

SENTENCE = (
    "Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao hàng đầu Việt Nam, sở hữu hệ sinh thái điện tử, "
    "bán dẫn, thiết bị thông minh với sự hiện diện của các tập đoàn lớn như Samsung, Canon, Foxconn."
)
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Encode as legacy Windows-1258 software did: base letter, then a combining tone mark.

    Python's codec only knows the precomposed letters in the code page, so each letter it cannot
    encode is split into its base (â, ơ, ư... recomposed) and its tone mark.
    """
    encoded = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(part for part in parts if part not in TONE_MARKS))
            tones = "".join(part for part in parts if part in TONE_MARKS)
            encoded += (base + tones).encode("cp1258")
    return bytes(encoded)


def only_document(result: list[RawDocument] | ReadError) -> RawDocument:
    assert isinstance(result, list), result
    assert len(result) == 1
    return result[0]


def test_the_seed_folder_gives_five_text_documents_in_file_name_order() -> None:
    items = list(read_sources([str(SEEDS)]))

    assert [Path(item.source).name[:3] for item in items] == ["000", "001", "002", "003", "004"]
    assert all(isinstance(item, RawDocument) and item.format == "text" for item in items)
    assert items[1].text.startswith(" date 2025-09-18 Nhiều tập đoàn lớn của Trung Quốc")


def test_a_missing_path_is_one_read_error_that_says_nothing_is_there() -> None:
    assert list(read_sources(["fixtures/articles/999_missing.txt"])) == [
        ReadError("fixtures/articles/999_missing.txt", "No file or folder exists at this path.")
    ]


def test_a_glob_pattern_reads_every_matching_file_in_order() -> None:
    items = list(read_sources([str(SEEDS / "00[34]_*.txt")]))

    assert [Path(item.source).name for item in items] == [
        "003_b76bb3e235c8c850.txt",
        "004_fbd0ce9e0abd74a1.txt",
    ]


def test_a_glob_pattern_that_matches_nothing_says_so() -> None:
    assert list(read_sources([str(SEEDS / "*.docx")])) == [
        ReadError(str(SEEDS / "*.docx"), "No file matches this pattern.")
    ]


def test_a_dash_reads_the_article_from_stdin() -> None:
    items = list(read_sources(["-"], stdin=io.BytesIO(SENTENCE.encode("utf-8"))))

    assert items == [RawDocument(source="<stdin>", text=SENTENCE, format="text")]


def test_stdin_larger_than_the_limit_is_refused() -> None:
    items = list(read_sources(["-"], stdin=io.BytesIO(SENTENCE.encode("utf-8")), max_bytes=100))

    assert items == [ReadError("<stdin>", "The input is more than 100 bytes, over the limit.")]


def test_an_empty_file_is_a_read_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")

    [error] = read_sources([str(tmp_path / "empty.txt")])

    assert error == ReadError(str(tmp_path / "empty.txt"), "The file is empty.")


def test_a_file_of_blank_lines_counts_as_empty() -> None:
    assert read_bytes(b"\n \r\n\t\n", source="blank.txt") == ReadError("blank.txt", "The file is empty.")


def test_a_binary_file_is_a_read_error_that_says_it_is_binary(tmp_path: Path) -> None:
    photo = tmp_path / "nestle-viet-namdd.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01")

    [error] = read_sources([str(photo)])

    assert error == ReadError(str(photo), "The file is binary (it contains NUL bytes), not text.")


def test_bytes_full_of_control_characters_are_binary_even_without_nul() -> None:
    result = read_bytes(bytes(range(1, 32)) * 20 + SENTENCE.encode("utf-8"), source="x.bin")

    assert result == ReadError("x.bin", "The file is binary (it is full of control characters), not text.")


def test_a_file_over_the_size_limit_says_its_size_and_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(SENTENCE.encode("utf-8") * 40)
    size = big.stat().st_size

    [error] = read_sources([str(big)], max_bytes=5_000)

    assert error == ReadError(str(big), f"The file is {size:,} bytes, over the limit of 5,000 bytes.")


def test_an_upload_over_the_size_limit_is_refused_the_same_way() -> None:
    result = read_bytes(b"a" * 12_000, source="upload", max_bytes=10_000)

    assert result == ReadError("upload", "The file is 12,000 bytes, over the limit of 10,000 bytes.")


def test_utf8_with_a_bom_loses_the_bom() -> None:
    document = only_document(read_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), source="bom.txt"))

    assert document.text == SENTENCE


def test_utf16_with_a_bom_is_decoded() -> None:
    document = only_document(read_bytes(SENTENCE.encode("utf-16"), source="utf16.txt"))

    assert document.text == SENTENCE


def test_windows_1258_vietnamese_is_decoded_to_composed_text() -> None:
    data = encode_cp1258(SENTENCE)
    assert "\u0301".encode("cp1258") in data  # the tone marks really are separate bytes

    document = only_document(read_bytes(data, source="legacy.txt"))

    assert document.text == SENTENCE
    assert unicodedata.is_normalized("NFC", document.text)


def test_a_whole_seed_article_in_windows_1258_reads_back_as_the_original(tmp_path: Path) -> None:
    legacy = tmp_path / "004-cp1258.txt"
    legacy.write_bytes(encode_cp1258(SEED_004.read_text(encoding="utf-8")))

    [document] = read_sources([str(legacy)])

    assert document.text == SEED_004.read_text(encoding="utf-8")


def test_western_windows_1252_text_is_not_mistaken_for_vietnamese() -> None:
    french = "Le consulat a présenté à Hanoï les entreprises françaises intéressées par l'énergie."

    document = only_document(read_bytes(french.encode("cp1252"), source="fr.txt"))

    assert document.text == french


def test_nfd_text_comes_out_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert decomposed != SENTENCE

    document = only_document(read_bytes(decomposed.encode("utf-8"), source="mac.txt"))

    assert document.text == SENTENCE


def test_windows_line_endings_become_newlines() -> None:
    document = only_document(read_bytes("Tiêu đề\r\nĐoạn một.\r\nĐoạn hai.\r\n".encode(), source="crlf.txt"))

    assert document.text == "Tiêu đề\nĐoạn một.\nĐoạn hai.\n"


def test_a_text_starting_with_a_bracket_is_still_plain_text() -> None:
    text = "[Infographic] Trung Quốc đang triển khai 6.069 dự án tại Việt Nam."

    assert only_document(read_bytes(text.encode(), source="-")).format == "text"


def test_a_json_object_is_one_document_with_its_metadata() -> None:
    record = {
        "title": "Quảng Tây đề xuất hợp tác AI với Bắc Ninh",
        "body": SENTENCE,
        "url": "https://example.vn/quang-tay-bac-ninh",
        "published_on": "2025-11-28",
        "outlet": "Báo Bắc Ninh",
    }

    document = only_document(read_bytes(json.dumps(record, ensure_ascii=False).encode(), source="one.json"))

    assert document == RawDocument(
        source="one.json",
        text=SENTENCE,
        format="json",
        title="Quảng Tây đề xuất hợp tác AI với Bắc Ninh",
        url="https://example.vn/quang-tay-bac-ninh",
        published_on=dt.date(2025, 11, 28),
        outlet="Báo Bắc Ninh",
    )


def test_a_json_list_gives_one_document_per_record_numbered_from_one() -> None:
    records = [{"title": "Tin một", "text": SENTENCE}, {"title": "Tin hai", "content": "Hà Nội mời gọi đầu tư."}]

    documents = read_bytes(json.dumps(records).encode(), source="list.json", filename="list.json")

    assert isinstance(documents, list)
    assert [(d.source, d.title, d.text) for d in documents] == [
        ("list.json#1", "Tin một", SENTENCE),
        ("list.json#2", "Tin hai", "Hà Nội mời gọi đầu tư."),
    ]


def test_json_lines_give_one_document_per_line() -> None:
    lines = "\n".join(
        json.dumps({"title": title, "body": SENTENCE}, ensure_ascii=False) for title in ("Tin một", "Tin hai")
    )

    documents = read_bytes(lines.encode(), source="feed.jsonl", filename="feed.jsonl")

    assert isinstance(documents, list)
    assert [d.source for d in documents] == ["feed.jsonl#1", "feed.jsonl#2"]


def test_a_json_body_written_in_html_becomes_plain_text() -> None:
    record = {"title": "Tin", "body": "<p>Đoạn một &amp; hai.</p><script>track()</script><p>Đoạn <b>ba</b>.</p>"}

    document = only_document(read_bytes(json.dumps(record).encode(), source="html-body.json"))

    assert document.text == "Đoạn một & hai.\nĐoạn ba."


def test_malformed_json_says_the_line_and_column() -> None:
    data = '{\n  "title": "Tin",\n  "body": "Hà Nội"\n  "url": "https://example.vn"\n}'.encode()

    result = read_bytes(data, source="bad.json", filename="bad.json")

    assert result == ReadError("bad.json", "The JSON is malformed at line 4, column 3: expecting ',' delimiter.")


def test_malformed_json_lines_say_the_line_of_the_file() -> None:
    data = '{"title": "Tin", "body": "Hà Nội"}\n{"title": "Tin", "body": }\n'.encode()

    result = read_bytes(data, source="bad.jsonl")

    assert result == ReadError("bad.jsonl", "The JSON is malformed at line 2, column 26: expecting value.")


def test_a_json_record_without_a_body_names_the_record() -> None:
    data = json.dumps([{"title": "Tin", "body": SENTENCE}, {"title": "Chỉ có tiêu đề"}]).encode()

    result = read_bytes(data, source="records.json")

    assert result == ReadError(
        "records.json", 'Record 2 has no article text: give it a "body", "text" or "content" key.'
    )


def test_a_json_date_that_is_not_iso_is_refused() -> None:
    data = json.dumps({"title": "Tin", "body": SENTENCE, "published_on": "18/09/2025"}).encode()

    result = read_bytes(data, source="date.json")

    assert result == ReadError(
        "date.json", 'The JSON object has published_on "18/09/2025", which is not a date like 2025-09-18.'
    )


def test_an_empty_json_list_is_a_read_error() -> None:
    assert read_bytes(b"[]", source="none.json") == ReadError(
        "none.json", "The JSON list is empty, so there is no article to read."
    )


HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<title>Quảng Tây đề xuất hợp tác AI với Bắc Ninh | Báo Bắc Ninh</title>
<meta property="og:site_name" content="Báo Bắc Ninh">
<link rel="canonical" href="https://baobacninh.vn/quang-tay-de-xuat-hop-tac-ai">
<meta property="article:published_time" content="2025-11-28T08:00:00+07:00">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"event": "pageview"});</script>
<style>.ad { display: none }</style>
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/kinh-te">Kinh tế</a> <a href="/xa-hoi">Xã hội</a></nav>
<script>document.write("<div>Quảng cáo chạy bằng script</div>");</script>
<article>
<h1>Quảng Tây đề xuất hợp tác AI với Bắc Ninh</h1>
<p>Ông Viên Hoàng, Giám đốc Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây (Trung Quốc),
mới đây đã đề xuất tỉnh Bắc Ninh và tỉnh Quảng Tây tăng cường hợp tác trong các lĩnh vực công nghệ cao,
đặc biệt là trí tuệ nhân tạo và chế tạo máy trong thời gian tới.</p>
<script>console.log("inline tracker inside the article");</script>
<p>Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao hàng đầu Việt Nam.</p>
</article>
<footer>Bản quyền thuộc về Báo Bắc Ninh</footer>
<script>loadComments();</script>
</body></html>"""


def test_an_html_page_gives_its_main_text_without_scripts_or_navigation() -> None:
    document = only_document(read_bytes(HTML_PAGE.encode(), source="page.html", filename="page.html"))

    assert document.format == "html"
    assert "đặc biệt là trí tuệ nhân tạo và chế tạo máy trong thời gian tới." in document.text
    assert "Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao hàng đầu Việt Nam." in document.text
    for noise in ("dataLayer", "Quảng cáo", "tracker", "loadComments", "Trang chủ", "Bản quyền"):
        assert noise not in document.text


def test_an_html_page_gives_title_date_url_and_outlet_from_its_metadata() -> None:
    document = only_document(read_bytes(HTML_PAGE.encode(), source="page"))

    assert document.title == "Quảng Tây đề xuất hợp tác AI với Bắc Ninh"
    assert document.published_on == dt.date(2025, 11, 28)
    assert document.url == "https://baobacninh.vn/quang-tay-de-xuat-hop-tac-ai"
    assert document.outlet == "Báo Bắc Ninh"


def test_an_html_page_of_only_scripts_and_navigation_has_no_main_text() -> None:
    page = (
        "<html><head><script>var ads = 1;</script></head><body>"
        "<nav><a href='/'>Trang chủ</a></nav><script>alert('quảng cáo')</script></body></html>"
    )

    result = read_bytes(page.encode(), source="empty.html", filename="empty.html")

    assert result == ReadError(
        "empty.html", "The HTML page has no main text to extract, only markup, scripts or navigation."
    )


RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Báo Bắc Ninh - Kinh tế</title><link>https://baobacninh.vn</link>
<item>
<title>Quảng Tây đề xuất hợp tác AI với Bắc Ninh</title>
<link>https://baobacninh.vn/quang-tay-de-xuat-hop-tac-ai</link>
<pubDate>Fri, 28 Nov 2025 06:00:00 +0700</pubDate>
<description><![CDATA[<p>Ông Viên Hoàng đề xuất tăng cường hợp tác <b>trí tuệ nhân tạo</b>.</p>
<p>Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao.</p><script>track()</script>]]></description>
</item>
<item>
<title>Hà Nội mời gọi doanh nghiệp Quảng Châu</title>
<link>https://baobacninh.vn/ha-noi-quang-chau</link>
<description>Thành phố Hà Nội tập trung phát triển hạ tầng giao thông.</description>
</item>
</channel></rss>"""


def test_each_feed_entry_becomes_a_document_with_plain_text() -> None:
    documents = read_bytes(RSS_FEED.encode(), source="kinh-te.rss", filename="kinh-te.rss")

    assert isinstance(documents, list)
    first, second = documents
    assert (first.source, second.source) == ("kinh-te.rss#1", "kinh-te.rss#2")
    assert first.format == "feed"
    assert first.text == (
        "Ông Viên Hoàng đề xuất tăng cường hợp tác trí tuệ nhân tạo.\n"
        "Bắc Ninh hiện là trung tâm công nghiệp công nghệ cao."
    )
    assert first.title == "Quảng Tây đề xuất hợp tác AI với Bắc Ninh"
    assert first.url == "https://baobacninh.vn/quang-tay-de-xuat-hop-tac-ai"
    assert first.outlet == "Báo Bắc Ninh - Kinh tế"
    assert second.text == "Thành phố Hà Nội tập trung phát triển hạ tầng giao thông."


def test_a_feed_date_keeps_the_publishers_day_rather_than_utc() -> None:
    documents = read_bytes(RSS_FEED.encode(), source="feed")

    assert isinstance(documents, list)
    assert documents[0].published_on == dt.date(2025, 11, 28)  # 06:00 in Hà Nội is 23:00 the day before in UTC


def test_an_atom_feed_entry_uses_its_content() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Vietnam+</title>
<entry><title>Diễn đàn Kinh tế mùa thu 2025</title><link href="https://example.vn/dien-dan"/>
<updated>2025-11-27T09:30:00+07:00</updated><summary>Tóm tắt ngắn.</summary>
<content type="html">&lt;p&gt;TP.HCM thu hút hơn 800 dự án từ Trung Quốc, tổng vốn gần 3 tỉ USD.&lt;/p&gt;</content>
</entry></feed>"""

    document = only_document(read_bytes(atom.encode(), source="vnplus.atom"))

    assert document.source == "vnplus.atom#1"
    assert document.text == "TP.HCM thu hút hơn 800 dự án từ Trung Quốc, tổng vốn gần 3 tỉ USD."
    assert document.published_on == dt.date(2025, 11, 27)


def test_a_feed_with_no_entries_is_a_read_error() -> None:
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Báo Gia Lai</title></channel></rss>'.encode()

    assert read_bytes(feed, source="empty.rss") == ReadError("empty.rss", "The feed has no entries.")


def test_a_folder_with_one_broken_file_gives_the_good_documents_and_one_error(tmp_path: Path) -> None:
    (tmp_path / "a-article.txt").write_bytes(SEED_001.read_bytes())
    (tmp_path / "b-broken.txt").write_bytes(b"\x00\x01\x02 not text")
    nested = tmp_path / "c-more"
    nested.mkdir()
    (nested / "records.json").write_text(json.dumps([{"title": "Tin", "body": SENTENCE}]), encoding="utf-8")
    (tmp_path / ".hidden-draft.txt").write_text("Bản nháp không được nhập.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")

    items = list(read_sources([str(tmp_path)]))

    assert [(type(item).__name__, Path(item.source).name) for item in items] == [
        ("RawDocument", "a-article.txt"),
        ("ReadError", "b-broken.txt"),
        ("RawDocument", "records.json#1"),
    ]


def test_a_folder_without_files_says_so(tmp_path: Path) -> None:
    assert list(read_sources([str(tmp_path)])) == [ReadError(str(tmp_path), "The folder contains no files to read.")]


def test_json_nested_a_thousand_levels_deep_is_refused_in_words_and_the_next_file_still_reads(tmp_path: Path) -> None:
    (tmp_path / "a_hostile.json").write_text("[" * 1000 + "]" * 1000)
    (tmp_path / "b_lines.jsonl").write_text('{"title": "x", "text": "y"}\n' + "[" * 1000 + "]" * 1000 + "\n")
    (tmp_path / "c_article.txt").write_text("Tập đoàn Minh Quang đề xuất đầu tư nhà máy tại Bắc Ninh.\n")

    results = list(read_sources([str(tmp_path)]))

    assert [type(result) for result in results] == [ReadError, ReadError, RawDocument]
    assert all("nested too deeply" in result.message for result in results[:2])


def test_json_nested_past_the_limit_is_refused_before_parsing_with_the_limit_named() -> None:
    from importers.readers import MAX_JSON_DEPTH

    deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    result = read_bytes(deep.encode(), source="deep.json", filename="deep.json")
    assert isinstance(result, ReadError)
    assert f"more than {MAX_JSON_DEPTH} levels" in result.message
    # Brackets inside strings are text, not nesting.
    quoted = json.dumps({"title": "[" * 500, "body": SENTENCE})
    assert only_document(read_bytes(quoted.encode(), source="q.json", filename="q.json")).title == "[" * 500


def test_an_overlong_url_or_outlet_is_refused_in_words_never_cut() -> None:
    from importers.readers import MAX_OUTLET_LENGTH, MAX_URL_LENGTH

    url = "https://baodautu.example.vn/" + "a" * MAX_URL_LENGTH
    result = read_bytes(json.dumps({"body": SENTENCE, "url": url}).encode(), source="u.json", filename="u.json")
    assert isinstance(result, ReadError)
    assert f"its url is {len(url):,} characters long" in result.message
    outlet = "B" * (MAX_OUTLET_LENGTH + 1)
    result = read_bytes(json.dumps([{"body": SENTENCE, "outlet": outlet}]).encode(), source="o.json", filename="o.json")
    assert isinstance(result, ReadError)
    assert "Record 1: its outlet is 201 characters long" in result.message
    within = json.dumps({"body": SENTENCE, "url": url[:MAX_URL_LENGTH], "outlet": outlet[:MAX_OUTLET_LENGTH]})
    kept = only_document(read_bytes(within.encode(), source="k.json", filename="k.json"))
    assert (len(kept.url), len(kept.outlet)) == (MAX_URL_LENGTH, MAX_OUTLET_LENGTH)


def test_the_limits_are_the_lengths_of_the_columns_that_keep_them() -> None:
    from importers.readers import MAX_OUTLET_LENGTH, MAX_URL_LENGTH
    from leads.models import SourceArticle

    assert SourceArticle._meta.get_field("url").max_length == MAX_URL_LENGTH
    assert SourceArticle._meta.get_field("outlet").max_length == MAX_OUTLET_LENGTH


def test_control_characters_and_lone_surrogates_are_removed_from_what_is_read() -> None:
    body = " ".join([SENTENCE] * 3)  # the few control characters of a text file (a share of them is binary)
    text = f"Tin\x01 mới\n{body}\x1b\x7f\x0cĐoạn sau\x1fhết"
    document = only_document(read_bytes(text.encode(), source="c.txt", filename="c.txt"))
    assert document.text == f"Tin mới\n{body}\nĐoạn sau hết"
    record = json.dumps({"title": "Tin \ud800mới", "body": SENTENCE + "\u0000", "url": "https://a.vn/\x00x"})
    document = only_document(read_bytes(record.encode(), source="s.json", filename="s.json"))
    assert (document.title, document.text, document.url) == ("Tin mới", SENTENCE, "https://a.vn/x")


def test_utf16_without_a_byte_order_mark_is_read() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        document = only_document(read_bytes(SENTENCE.encode(encoding), source="w.txt", filename="w.txt"))
        assert document.text == SENTENCE


def test_utf8_damaged_in_a_few_places_is_read_and_binary_still_is_not() -> None:
    damaged = SENTENCE.encode()[:30] + b"\xff" + SENTENCE.encode()[30:]
    assert "\ufffd" in only_document(read_bytes(damaged, source="d.txt", filename="d.txt")).text
    noise = bytes(range(128, 256)) * 40
    assert isinstance(read_bytes(noise, source="n.txt", filename="n.txt"), ReadError)


def test_a_feed_declaring_entities_is_refused_before_they_expand() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "hoa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<rss version="2.0"><channel><title>T</title><item><title>&b;</title></item></channel></rss>'
    )
    result = read_bytes(bomb, source="b.rss", filename="b.rss")
    assert isinstance(result, ReadError)
    assert "entities" in result.message


def test_a_feed_or_json_lines_over_the_caller_s_limit_is_refused_before_parsing() -> None:
    from importers.readers import TooManyArticles

    items = "".join(f"<item><title>Tin {n}</title></item>" for n in range(5))
    feed = f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    with pytest.raises(TooManyArticles) as refused:
        read_bytes(feed, source="f.rss", filename="f.rss", max_documents=4)
    assert (refused.value.count, refused.value.limit) == (5, 4)
    assert len(read_bytes(feed, source="f.rss", filename="f.rss", max_documents=5)) == 5
    lines = "".join(json.dumps({"body": f"{SENTENCE} {n}"}) + "\n" for n in range(3)).encode()
    with pytest.raises(TooManyArticles):
        read_bytes(lines, source="l.jsonl", filename="l.jsonl", max_documents=2)


def test_a_file_name_that_is_not_utf8_is_named_with_replacement_characters(tmp_path: Path) -> None:
    path = Path((tmp_path.as_posix().encode() + b"/b\xe1o.txt").decode("utf-8", "surrogateescape"))
    path.write_text(SENTENCE, encoding="utf-8")
    (document,) = read_sources([str(tmp_path)])
    assert document.source.endswith("b\ufffdo.txt")
    document.source.encode("utf-8")  # storable
