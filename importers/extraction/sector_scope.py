"""Sector words that stand for something other than what an investment is in.

`sectors.sector_hits` counts a keyword only where the sentence reports an investment; these
rules take out what such a sentence also says: what the project will help with, who attends,
what is shown, advice to the host ("giúp", "góp phần", "Việt Nam cần": `asides`), an investment
abroad (`invests_abroad`), shares of a total (`shares`), a dated related headline, the place of
something else ("tại tòa nhà Sao Mai": `located_at`), banks that lend, phrases holding a keyword
(`BLOCKERS`), and parts of a named product (`part_of`). They also say where a company's own name
states its business (`company_names`).
"""

from __future__ import annotations

import re

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.lexicon import phrase_finder
from importers.types import Sentence
from leads.text import canonical_tones

# Keywords for parts in general: followed by a product keyword, they are that product's parts.
PARTS = frozenset({"sản xuất linh kiện", "linh kiện", "phụ tùng"})

_NOT_A_PRODUCT = frozenset({"và", "cho", "của", "tại", "ở", "với", "để", "từ", "theo", "hoặc"})


def part_of(sentence: Sentence, end: int) -> bool:
    """Whether a parts keyword is followed by the thing the parts are of ("linh kiện động cơ")."""
    following = sentence.text[end - sentence.start :]
    word = following.split(maxsplit=1)[0] if following[:1] == " " and following.strip() else ""
    return word[:1].islower() and word.isalpha() and word not in _NOT_A_PRODUCT


# Phrases that hold a keyword and name no sector, beside `sector_blockers` of data/cues.json.
BLOCKERS = (
    "nhà máy vệ tinh",  # a supplier around a large plant, not a satellite
    "doanh nghiệp vệ tinh",
    "công ty vệ tinh",
    "phỏng vấn báo chí",  # speaking to the press, not publishing
    "trả lời báo chí",
    "họp báo",
    "thông cáo báo chí",
    "vay thương mại",  # a kind of loan, not trade
    "an ninh hàng hải",  # maritime safety, not shipping
    "an toàn hàng hải",
    "đô thị lớn",  # the big cities, not urban development
    "qua điện thoại",  # a means of talking, not a product
)

# Firms whose own name says what they do ("Công ty TNHH Nước giải khát ...", "Công ty quản lý quỹ ...").
# Not banks: a bank named in the news is most often a lender, a source or an advertiser.
_COMPANY_HEADS = ("Công ty", "công ty", "Tổng công ty", "Tập đoàn", "tập đoàn", "Liên doanh", "liên doanh", "Quỹ")
# A word of the legal name of most Vietnamese firms ("Công ty TNHH Thương mại và Dịch vụ ..."): no trade.
NAME_BOILERPLATE = frozenset({"thương mại"})


def company_names(sentence: Sentence, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The company names among the names of a sentence whose keywords tell the firm's business.

    The sector words of other names do not ("Bộ Thương mại", "Phòng Thương mại và Công nghiệp",
    "Ngân hàng Thế giới"): a ministry, a chamber or a lender names no investment's content.
    The caller uses them only when the sentence names nothing else that is invested in.
    `NAME_BOILERPLATE` words inside a company name are left out by the caller.
    """
    spans = []
    for start, end in excluded:
        name = sentence.text[start - sentence.start : end - sentence.start]
        if name.startswith(_COMPANY_HEADS):
            spans.append((start, end))
    return spans


# Words after which a sentence tells what an investment brings, who attends, what is shown or what
# the host should do, not what is invested in: "dự án sẽ giúp phát triển thị trường máy tính",
# "góp phần giải quyết vấn đề năng lượng", "trao đổi kinh nghiệm trong lĩnh vực giáo dục", "có sự
# tham gia của các tập đoàn tài chính", "gian hàng trưng bày nông sản", "Việt Nam cần phát triển
# logistics", "theo dự báo, đầu tư sẽ tăng vào công nghệ thông tin". (Experts sent to share their
# experience in a field are a cooperation in it: "chia sẻ kinh nghiệm" is no aside.)
_ASIDES = (
    "giúp",
    "góp phần",
    "tác động tích cực",
    "trao đổi kinh nghiệm",
    "vấn đề hai bên quan tâm",
    "vấn đề cùng quan tâm",
    "sự tham gia của",
    "sự tham dự của",
    "trưng bày",
    "bày bán",
    "gian hàng",
    "sản phẩm được giới thiệu",
    "lĩnh vực tiềm năng",
    "điểm sáng",
    "gợi ý",
    "khuyến nghị",
    "Việt Nam cần",
    "Việt Nam phải",
    "VN cần",
    "VN phải",
    "theo dự báo",
)
# A visit's object is one phrase ("tham quan nhà máy ... của Hãng X, tìm hiểu cơ hội đầu tư ..."): the
# aside ends at the next comma or "và". A forecast opens the sentence ("Dự báo, đầu tư sẽ tăng vào ...").
_VISITS = ("tham quan", "thăm quan")
_FORECASTS = ("Dự báo", "Dự đoán")
_PHRASE_END = re.compile(r",|;|(?<![\w])và(?![\w])")


def asides(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans from each aside (`_ASIDES`) to the end of its clause (";" or the sentence's end), from a
    visit to the end of its object, and of a sentence that opens with a forecast.

    The keywords inside do not count; a later clause may still name what is invested in
    ("... giúp nâng cao năng lực; hai bên sẽ hợp tác trong lĩnh vực du lịch").
    """
    spans = []
    for start, end, _ in phrase_finder(_ASIDES).find(sentence.text, sentence.start):
        clause_end = sentence.text.find(";", end - sentence.start)
        spans.append((start, sentence.end if clause_end < 0 else sentence.start + clause_end))
    for start, end, _ in phrase_finder(_VISITS).find(sentence.text, sentence.start):
        phrase_end = _PHRASE_END.search(sentence.text, end - sentence.start)
        spans.append((start, sentence.end if phrase_end is None else sentence.start + phrase_end.start()))
    if sentence.text.startswith(_FORECASTS):
        clause_end = sentence.text.find(";")
        spans.append((sentence.start, sentence.end if clause_end < 0 else sentence.start + clause_end))
    return spans


_ABROAD = re.compile(r"(?<![\w])(?:đầu tư|kinh doanh|làm ăn)\s+(?:tại|vào|sang|ở)\s+(?:thị trường\s+)?", re.IGNORECASE)


def invests_abroad(sentence: Sentence, gazetteer: Gazetteer) -> bool:
    """Whether the sentence invests in a foreign place ("đầu tư tại Australia", "đầu tư vào Kanagawa").

    Vietnamese firms investing abroad, or foreign firms at home, are no investment in Vietnam: the
    sectors named for it are not the article's (as "đầu tư ra nước ngoài" in `background`).
    """
    if not _ABROAD.search(sentence.text):
        return False  # most sentences: the canonical spelling of their place names is not needed
    text = canonical_tones(sentence.text)
    if len(text) != len(sentence.text):
        return False
    for found in _ABROAD.finditer(text):
        place = gazetteer.place_pattern.match(text, found.end())
        places = gazetteer.places_for(place.group(0)) if place else []
        if places and not any(p.country == "VN" for p in places):
            return True
    return False


# A related article's headline as news sites list them under the text: "Khởi công nhà máy X(01/09/2004)".
RELATED_HEADLINE = re.compile(r"\(\d{1,2}/\d{1,2}/(?:19|20)\d\d\)\s*$")
_PERCENT = re.compile(r"\d\s?%")
_SHARE_WORDS = re.compile(r"(?<![\w])(?:lĩnh vực|ngành)(?![\w])", re.IGNORECASE)


def shares(sentence: Sentence) -> bool:
    """Whether the sentence splits a total among fields by shares: a statistic, not a project.

    "71% tổng vốn đầu tư vào lĩnh vực chế tạo, tiếp đó là bất động sản với 14,8%": two shares or
    more and a field word ("lĩnh vực", "ngành").
    """
    return len(_PERCENT.findall(sentence.text)) >= 2 and bool(_SHARE_WORDS.search(sentence.text))


# Banks in a sentence about a loan lend to the project: no investment in banking.
LENDERS = frozenset({"ngân hàng"})
LOAN = re.compile(r"(?<![\w])(?:vay|khoản vay|cho vay|tín dụng)(?![\w])", re.IGNORECASE)

_LOCATION_WORDS = frozenset({"tại", "ở", "cạnh", "gần"})


def located_at(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a keyword names the place of something else: "tại tòa nhà Việt Âu", "cạnh cảng Vũng Rô".

    A building, port or hotel after "tại"/"cạnh" and before its proper name is where an office
    opens, a plant stands or an event is held, not what is invested in.
    """
    before = sentence.text[: start - sentence.start].split()
    return bool(before) and before[-1].lower() in _LOCATION_WORDS and named_after(sentence, end)


def named_after(sentence: Sentence, end: int) -> bool:
    """Whether a proper name (a capitalized word) follows the keyword ending at `end`."""
    following = sentence.text[end - sentence.start :].split(maxsplit=1)
    return bool(following) and following[0][0].isupper()
