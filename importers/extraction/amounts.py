"""Money amounts written the Vietnamese way: "260,65 tỷ USD", "gần 3 tỉ USD", "hơn 800 triệu đô la".

Vietnamese numbers group thousands with "." and mark decimals with ","; a scale word (nghìn,
triệu, tỷ, nghìn tỷ) multiplies; a currency word or code must follow, otherwise the number is
a count ("6.069 dự án"), a year or a percentage and is not money. Two exceptions: in Vietnamese
news "tỷ" or "triệu" with no currency after it and no counted noun either ("hơn 4.500 tỷ,", "chuyển
1 triệu trước") is dong; and the first number of a range ("102-138 USD", "từ 18 đến 30 triệu
USD") takes the scale and currency written once after the second.
"""

from __future__ import annotations

import re
from decimal import Decimal

from importers.types import AmountFound

# Scale words, longest first so "nghìn tỷ" wins over "nghìn".
SCALES: dict[str, int] = {
    "nghìn tỷ": 10**12,
    "nghìn tỉ": 10**12,
    "ngàn tỷ": 10**12,
    "ngàn tỉ": 10**12,
    "triệu tỷ": 10**15,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "tr": 10**6,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

# Currency words as written → ISO 4217 code. Matched case-insensitively except the codes.
CURRENCIES: dict[str, str] = {
    "USD": "USD",
    "US$": "USD",
    "đô la Mỹ": "USD",
    "đô-la Mỹ": "USD",
    "đô la": "USD",
    "đô-la": "USD",
    "đôla": "USD",
    "đô": "USD",
    "VND": "VND",
    "VNĐ": "VND",
    "đồng": "VND",
    "nhân dân tệ": "CNY",
    "NDT": "CNY",
    "CNY": "CNY",
    "RMB": "CNY",
    "yên Nhật": "JPY",
    "yên": "JPY",
    "JPY": "JPY",
    "yen": "JPY",
    "won": "KRW",
    "KRW": "KRW",
    "EUR": "EUR",
    "euro": "EUR",
    "Euro": "EUR",
    "bảng Anh": "GBP",
    "GBP": "GBP",
    "SGD": "SGD",
    "đô la Singapore": "SGD",
    "Đài tệ": "TWD",
    "TWD": "TWD",
    "baht": "THB",
    "cent": "USD",
    "cents": "USD",
    "xen": "USD",
}

# Currency words that name a hundredth of the unit ("9,35 cent/kWh" is 0.0935 USD).
SUBUNITS: dict[str, Decimal] = {"cent": Decimal("0.01"), "cents": Decimal("0.01"), "xen": Decimal("0.01")}

# Scales that, with no currency, make an amount of dong in Vietnamese news ("hơn 4.500 tỷ").
BARE_DONG_SCALES = frozenset({"triệu", "tỷ", "tỉ", "nghìn tỷ", "nghìn tỉ", "ngàn tỷ", "ngàn tỉ"})
# Words that may follow such a bare amount of dong: function words, not a counted noun ("10 triệu người").
BARE_DONG_NEXT = frozenset(
    {"và", "để", "cho", "vào", "trước", "sau", "từ", "trong", "nhằm", "của", "thì", "là", "còn", "so", "với", "nữa"}
)
# Words that, earlier in the clause, make a bare "tỷ"/"triệu" money ("vốn đầu tư hơn 4.500 tỷ", not "số dân 81 triệu").
MONEY_CONTEXT = re.compile(
    r"(?<!\w)(?:vốn|giá|đầu tư|chi|chuyển|tiền|doanh thu|lợi nhuận|vay|góp|ngân sách|kinh phí|nộp|phí|lương|thuế|"
    r"trả|mua|bán|thu về|đóng góp|tài trợ|hỗ trợ|bồi thường|phạt)(?!\w)[^.;!?]*$",
    re.IGNORECASE,
)
# Counted nouns right before a bare "triệu"/"tỷ" ("số dân 81 triệu", "khách du lịch 18 triệu"): a count.
COUNTED_BEFORE = re.compile(
    r"(?<!\w)(?:dân|dân số|người|khách|du khách|lượt khách|lao động|công nhân|học sinh|thuê bao|hộ|tấn|lượt)"
    r"(?:\s+(?:khoảng|hơn|gần|trên|là|đạt|có))?\s*$",
    re.IGNORECASE,
)
_MONEY_REACH = 80  # characters back from the number a money word may stand
# What joins the two ends of a range: "102-138 USD", "từ 18 đến 30 triệu USD".
_RANGE_JOIN = re.compile(r"\s*[-–]\s*|\s+(?:đến|tới)\s+")

# Words that, following a currency word, show it is not one ("5 đồng chí", "3 đô thị").
NOT_CURRENCY_AFTER: dict[str, tuple[str, ...]] = {
    "đồng": ("chí", "bào", "hương", "nghiệp", "minh", "bộ", "hồ", "ý", "loạt", "đều", "thời", "hành", "phục", "nhất"),
    "đô": ("thị", "thành", "hội"),
    "yên": ("tâm", "bình", "ổn"),
}

# Words before the number that qualify it; kept in the mention as written ("gần 3 tỉ USD").
QUALIFIERS = ("gần", "hơn", "khoảng", "trên", "dưới", "tới", "lên tới", "lên đến", "đến", "ước", "ước tính", "chừng")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_alternation(list(QUALIFIERS))})\s+)?"
    rf"(?:(?P<prefix>US\$|\$)\s?)?(?P<number>{_NUMBER})"
    rf"(?:\s*(?P<scale>{_alternation(list(SCALES))}))?"
    rf"(?:\s*(?P<currency>{_alternation(list(CURRENCIES))}))?(?!\w)",
    re.IGNORECASE,
)


def parse_number(text: str) -> Decimal:
    """Read a Vietnamese-formatted number: "6.069" → 6069, "260,65" → 260.65, "1.234,5" → 1234.5.

    A dot followed by exactly three digits groups thousands; otherwise (as some outlets write
    "3.5") it is a decimal point.
    """
    if "," in text:
        return Decimal(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return Decimal(text.replace(".", ""))
    return Decimal(text)


def find_amounts(body: str) -> tuple[AmountFound, ...]:
    """Every money amount in `body`, in order, with its value in units of its currency."""
    matches = list(_AMOUNT.finditer(body))
    found: list[AmountFound] = []
    for index, match in enumerate(matches):
        currency = _currency(match)
        scale = (match.group("scale") or "").lower()
        unit = SUBUNITS.get((match.group("currency") or "").lower(), Decimal(1))
        if currency is None and index + 1 < len(matches):
            ranged = _range_start(match, matches[index + 1])
            if ranged is not None:
                currency, scale, unit = ranged
        if currency is None and scale in BARE_DONG_SCALES and _bare_dong(match):
            currency = "VND"
        if currency is None:
            continue
        value = parse_number(match.group("number")) * SCALES.get(scale, 1) * unit
        found.append(
            AmountFound(
                mention=match.group(0),
                value=value.normalize() if value != value.to_integral_value() else Decimal(int(value)),
                currency=currency,
                start=match.start(),
                end=match.end(),
            )
        )
    return tuple(found)


def _range_start(match: re.Match[str], following: re.Match[str]) -> tuple[str, str, Decimal] | None:
    """(currency, scale, unit) the first number of a range takes from the amount that ends it.

    "5,2-5,3 tỷ USD": 5,2 takes "tỷ USD"; "từ 1 tỉ đến 1,2 tỉ USD": 1 tỉ takes USD. A smaller
    second number ("2016-2020") or words between the two are no range.
    """
    currency = _currency(following)
    gap = match.string[match.end() : following.start("number")]
    if following.group("prefix"):
        gap = match.string[match.end() : following.start("prefix")]
    if currency is None or not _RANGE_JOIN.fullmatch(gap):
        return None
    scale = (match.group("scale") or following.group("scale") or "").lower()
    unit = SUBUNITS.get((following.group("currency") or "").lower(), Decimal(1))
    first = parse_number(match.group("number")) * SCALES.get(scale, 1)
    last = parse_number(following.group("number")) * SCALES.get((following.group("scale") or "").lower(), 1)
    if first >= last:
        return None
    return (currency, scale, unit)


def _bare_dong(match: re.Match[str]) -> bool:
    """Whether a "tỷ"/"triệu" amount with no currency is money: a money word before it in its clause, and
    nothing counted after it (punctuation or a function word follows)."""
    before = match.string[max(0, match.start() - _MONEY_REACH) : match.start()]
    if not MONEY_CONTEXT.search(before) or COUNTED_BEFORE.search(before):
        return False
    rest = match.string[match.end() : match.end() + 40]
    if not rest.strip() or not rest.lstrip()[0].isalnum():
        return not rest.lstrip().startswith(("%", "/"))
    word = rest.split(maxsplit=1)[0].strip(',.;:!?)”"').lower()
    return word in BARE_DONG_NEXT


def _currency(match: re.Match[str]) -> str | None:
    """The ISO code of the match's currency, or None when the number is not money."""
    if match.group("prefix"):
        return "USD"
    written = match.group("currency")
    if not written:
        return None
    following = match.string[match.end() : match.end() + 40].split(maxsplit=1)
    if following and following[0].strip(',.;:!?)”"').lower() in NOT_CURRENCY_AFTER.get(written.lower(), ()):
        return None
    for word, code in CURRENCIES.items():
        if word.lower() == written.lower() and (not word.isupper() or written.isupper()):
            return code
    return None
