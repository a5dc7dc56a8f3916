"""normalize_name is the dedup and search key of the whole importer: it must fold every variant."""

import pytest

from leads.text import canonical_tones, normalize_name, strip_diacritics


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Quảng Châu", "quang chau"),
        ("Đồng Nai", "dong nai"),
        ("TP.HCM", "tp hcm"),
        ("TP. HCM", "tp hcm"),
        ("  Bộ  Khoa học và Công nghệ ", "bo khoa hoc va cong nghe"),
        ("ĐÀ NẴNG", "da nang"),
        ("Bà Rịa - Vũng Tàu", "ba ria vung tau"),
        ("KH-CN", "kh cn"),
        ("Nestlé", "nestle"),
        ("", ""),
    ],
)
def test_normalize_name_folds_case_diacritics_punctuation_and_spacing(name, key):
    assert normalize_name(name) == key


def test_old_and_new_tone_placement_give_the_same_key():
    assert normalize_name("Thanh Hoá") == normalize_name("Thanh Hóa")
    assert normalize_name("Khánh Hoà") == normalize_name("Khánh Hòa")
    assert normalize_name("Thuỷ") == normalize_name("Thủy")


def test_decomposed_and_composed_unicode_give_the_same_key():
    decomposed = "Qua\u0309ng Cha\u0302u"
    assert normalize_name(decomposed) == "quang chau"


def test_d_with_stroke_is_folded_although_unicode_does_not_decompose_it():
    assert strip_diacritics("Đặng đức") == "Dang duc"


def test_canonical_tones_moves_the_mark_of_oa_oe_uy_to_the_first_vowel():
    assert canonical_tones("Thanh Hoá") == "Thanh Hóa"
    assert canonical_tones("khoẻ") == "khỏe"
    assert canonical_tones("Thuỷ") == "Thủy"


def test_canonical_tones_leaves_qu_and_closed_syllables_alone():
    assert canonical_tones("quý Hoàng toán") == "quý Hoàng toán"


def test_canonical_tones_keeps_the_length_so_offsets_stay_valid():
    text = "Khánh Hoà, Thanh Hoá và Thuỷ Nguyên"
    assert len(canonical_tones(text)) == len(text)


def test_tone_folding_costs_linear_time_even_for_a_run_of_letters_without_spaces():
    """A 1 MB "word" once cost minutes (a pattern that backtracked over the whole run at every letter)."""
    import time

    def cpu(text: str) -> float:
        start = time.process_time()
        for _ in range(3):
            canonical_tones(text)
        return time.process_time() - start

    small, large = "hoà" * 3_400, "hoà" * 340_000  # 10 KB and 1 MB of letters, no space
    assert cpu(large) < 300 * max(cpu(small), 1e-4)  # linear is 100x; quadratic would be 10,000x
