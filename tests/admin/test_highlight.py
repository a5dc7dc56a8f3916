"""Marking words in evidence sentences and article bodies: offsets, fallbacks, overlaps, escaping."""

from __future__ import annotations

from types import SimpleNamespace

from leads.admin.highlight import Span, find_terms, fold_same_length, highlight_sentence, mark_spans, mention_span

SENTENCE = "Sở Công nghiệp và Thông tin Quảng Tây muốn hợp tác với tỉnh Bắc Giang."


def evidence(sentence=SENTENCE, start=100, mention="", mention_start=None, mention_end=None):
    return SimpleNamespace(
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
        mention=mention,
        mention_start=mention_start,
        mention_end=mention_end,
    )


def test_folding_keeps_offsets():
    assert fold_same_length("Quảng Đông") == "quang dong"
    assert len(fold_same_length(SENTENCE)) == len(SENTENCE)


def test_terms_are_found_as_whole_words_without_accents_or_case():
    assert find_terms(SENTENCE, ["bac giang"]) == [(60, 69)]
    assert SENTENCE[60:69] == "Bắc Giang"
    assert find_terms(SENTENCE, ["Giang Bắc", "ắc", "x"]) == []


def test_the_mention_is_marked_at_its_offsets():
    item = evidence(mention="Quảng Tây", mention_start=128, mention_end=137)
    html = highlight_sentence(item, url="/admin/x/")
    assert '<mark class="crm-mention" title="Quảng Tây"><a href="/admin/x/">Quảng Tây</a></mark>' in html


def test_wrong_offsets_fall_back_to_finding_the_words_in_the_sentence():
    item = evidence(mention="Bắc Giang", mention_start=5, mention_end=14)
    assert mention_span(item) == (160, 169)
    assert mention_span(evidence(mention="Hải Phòng", mention_start=5, mention_end=14)) is None


def test_a_mention_that_is_the_whole_sentence_is_not_marked_but_terms_are():
    item = evidence(mention=SENTENCE, mention_start=100, mention_end=100 + len(SENTENCE))
    html = highlight_sentence(item, ["Bắc Ninh", "Bắc Giang"])
    assert html.count("<mark") == 1
    assert '<mark class="crm-term" title="">Bắc Giang</mark>' in html


def test_everything_is_escaped():
    html = mark_spans('<script>alert("x")</script> Quảng Tây', [Span(30, 39, '/a?"b', 'x" onclick="y', "c")])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="/a?&quot;b"' in html
    assert 'title="x&quot; onclick=&quot;y"' in html


def test_overlapping_spans_are_split_and_each_piece_links_to_the_closest_record():
    text = "Tổng Lãnh sự quán Việt Nam tại Quảng Châu"
    html = mark_spans(text, [Span(0, len(text), "/org/", "org", "crm-organization"), Span(31, 41, "/place/", "p", "x")])
    assert html.count("<mark") == 2
    assert '<a href="/place/">Quảng Châu</a>' in html
    assert '<a href="/org/">Tổng Lãnh sự quán Việt Nam tại </a>' in html
