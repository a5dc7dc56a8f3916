"""Texts of any length for the reliability tests, generated (written for these tests, not copied).

`news(size)` reads like a Vietnamese investment story: firms, officials, provinces, amounts,
proposals, repeated in varied order so that cleaning (which drops a line repeated right after
itself) keeps all of it. The other shapes are what a hostile or broken source sends.
"""

from __future__ import annotations

import random

FIRMS = (
    "Tập đoàn Thâm Quyến Hoa Vũ",
    "Công ty TNHH Điện tử Quảng Tây",
    "Tập đoàn Năng lượng Giang Tô",
    "Công ty Cổ phần Dệt may Phúc Kiến",
    "Tập đoàn Ô tô Trùng Khánh",
)
PLACES = ("tỉnh Bắc Ninh", "TP Hải Phòng", "tỉnh Thái Nguyên", "tỉnh Đồng Nai", "TP Đà Nẵng", "tỉnh Quảng Ninh")
OFFICIALS = (
    "Ông Trần Văn Minh, Phó Chủ tịch UBND tỉnh",
    "Bà Lê Thị Hoa, Giám đốc Sở Kế hoạch và Đầu tư",
    "Ông Vương Kiến Quốc, Tổng giám đốc công ty",
)
PROJECTS = (
    "nhà máy linh kiện điện tử",
    "trung tâm dữ liệu",
    "nhà máy sản xuất pin",
    "khu kho vận",
    "nhà máy dệt nhuộm",
)
FIELDS = ("bán dẫn", "năng lượng tái tạo", "logistics", "dệt may", "chuyển đổi số")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")


def _sentences(rng: random.Random) -> list[str]:
    return [
        f"{rng.choice(FIRMS)} đề xuất đầu tư {rng.choice(PROJECTS)} trị giá {rng.randint(5, 900)} triệu USD "
        f"tại {rng.choice(PLACES)}.",
        f"{rng.choice(OFFICIALS)}, khẳng định địa phương sẵn sàng hỗ trợ nhà đầu tư hoàn thiện thủ tục trong "
        f"quý {rng.randint(1, 4)} năm {rng.randint(2020, 2026)}.",
        f"Dự án dự kiến tạo việc làm cho {rng.randint(1, 9)}.{rng.randint(100, 999)} lao động trên diện tích "
        f"{rng.randint(2, 90)} ha.",
        f"Ông cho biết tập đoàn quan tâm tới lĩnh vực {rng.choice(FIELDS)} và mong muốn hợp tác lâu dài.",
        f"Doanh nghiệp này mong muốn mở rộng sản xuất {rng.choice(PROJECTS)} tại tỉnh trong {rng.randint(2, 9)} "
        "năm tới.",
        f"Hai bên thống nhất thúc đẩy hợp tác về {rng.choice(FIELDS)}, đồng thời kêu gọi thêm nhà đầu tư từ "
        "Quảng Tây (Trung Quốc).",
    ]


def news(size: int, *, seed: int = 0, one_line: bool = False) -> str:
    """About `size` bytes of news: a headline, then paragraphs of two to six sentences."""
    rng = random.Random(seed)
    paragraphs = ["Doanh nghiệp Trung Quốc tìm hiểu cơ hội đầu tư tại các tỉnh phía Bắc"]
    length = len(paragraphs[0].encode())
    while length < size:
        sentences = _sentences(rng)
        rng.shuffle(sentences)
        paragraph = " ".join(sentences[: rng.randint(2, 6)])
        paragraphs.append(paragraph)
        length += len(paragraph.encode()) + 1
    return (" " if one_line else "\n").join(paragraphs)


def repeated(unit: str, size: int, *, title: str = "Tin nhanh") -> str:
    """A headline, then `unit` repeated to about `size` bytes (no line breaks)."""
    return f"{title}\n" + unit * (size // len(unit.encode()) + 1)


def one_word(size: int) -> str:
    """A run of letters without a space: no word boundary anywhere."""
    return repeated("hoà", size)


def initials(size: int) -> str:
    """ "A. A. A. ...": periods that never end a sentence, so one sentence of every initial."""
    return repeated("A. ", size)


def place_names(size: int) -> str:
    """Capitalized place names without a verb: one sentence that is all names."""
    return repeated("Quảng Châu Bắc Ninh Hà Nội ", size)


def people(size: int) -> str:
    """Thousands of different people with their titles, in one paragraph."""
    rng = random.Random(1)
    parts, length = [], 0
    while length < size:
        part = (
            f"Ông {rng.choice(SURNAMES)} Văn {rng.choice(SURNAMES)}{rng.randint(1, 99999)}, Giám đốc Công ty "
            f"{rng.choice(SURNAMES)} {rng.randint(1, 99999)}, cho biết."
        )
        parts.append(part)
        length += len(part.encode()) + 1
    return "Tin nhanh\n" + " ".join(parts)
