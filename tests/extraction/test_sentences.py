"""Sentence splitting: offsets slice the body; abbreviations before names do not end a sentence."""

from importers.extraction.sentences import sentence_at, split_sentences


def test_every_sentence_is_an_exact_slice_of_the_body():
    body = (
        "Trung Quốc hiện là một trong những nhà đầu tư nước ngoài quan trọng nhất tại Việt Nam. "
        "Theo số liệu của Cục Đầu tư nước ngoài (FIA), Trung Quốc đang triển khai 6.069 dự án."
    )
    sentences = split_sentences(body)
    assert len(sentences) == 2
    assert all(body[s.start : s.end] == s.text for s in sentences)
    assert sentences[1].text.startswith("Theo số liệu")


def test_vietnamese_abbreviations_before_names_do_not_end_a_sentence():
    body = "Theo PGS. TS. Nguyễn Văn An, TP. Hà Nội và Th.S Lê Hoa đã ký kết. Sau đó đoàn về nước."
    texts = [s.text for s in split_sentences(body)]
    assert texts == ["Theo PGS. TS. Nguyễn Văn An, TP. Hà Nội và Th.S Lê Hoa đã ký kết.", "Sau đó đoàn về nước."]


def test_a_line_break_ends_a_sentence_even_without_punctuation():
    body = "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng phát biểu tại buổi tọa đàm\nÔng Dũng cho biết."
    assert [s.text for s in split_sentences(body)] == [
        "Tổng Lãnh sự Việt Nam tại Quảng Châu Nguyễn Việt Dũng phát biểu tại buổi tọa đàm",
        "Ông Dũng cho biết.",
    ]


def test_numbers_with_dots_and_an_initial_do_not_end_a_sentence():
    body = "Ông Nguyễn V. Bình cho biết tổng vốn đạt 1.234,5 tỷ đồng. Dự án khởi công năm 2026."
    assert len(split_sentences(body)) == 2


def test_a_closing_quote_stays_with_its_sentence():
    body = 'Ông nói: "Chúng tôi sẵn sàng." Đoàn sẽ trở lại.'
    assert [s.text for s in split_sentences(body)] == ['Ông nói: "Chúng tôi sẵn sàng."', "Đoàn sẽ trở lại."]


def test_sentence_at_finds_the_sentence_holding_an_offset():
    body = "Câu thứ nhất. Câu thứ hai."
    sentences = split_sentences(body)
    assert sentence_at(sentences, body.index("hai")).text == "Câu thứ hai."


def test_a_one_letter_word_before_an_opening_quote_ends_the_sentence():
    body = "Cảng sẽ là đầu mối trung chuyển của Đông Nam Á. “Tỉnh sẵn sàng đón nhà đầu tư”, bà Hoa nói."
    assert [s.text for s in split_sentences(body)] == [
        "Cảng sẽ là đầu mối trung chuyển của Đông Nam Á.",
        "“Tỉnh sẵn sàng đón nhà đầu tư”, bà Hoa nói.",
    ]


def test_a_singapore_or_malaysian_legal_form_does_not_end_the_sentence():
    body = "Hợp đồng được ký với Brightwave Pte. Ltd. và Orchid Holdings Sdn. Bhd. tại Hà Nội."
    assert [s.text for s in split_sentences(body)] == [body]
