"""Money amounts written the Vietnamese way: "260,65 tỷ USD", "gần 3 tỉ USD", "hơn 800 triệu đô la".

Vietnamese numbers group thousands with "." and mark decimals with ","; a scale word (nghìn,
triệu, tỷ, nghìn tỷ) multiplies; a currency word or code must follow, otherwise the number is
a count ("6.069 dự án"), a year or a percentage and is not money.
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
}

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
    found: list[AmountFound] = []
    for match in _AMOUNT.finditer(body):
        currency = _currency(match)
        if currency is None:
            continue
        value = parse_number(match.group("number"))
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
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


def _currency(match: re.Match[str]) -> str | None:
    """The ISO code of the match's currency, or None when the number is not money."""
    if match.group("prefix"):
        return "USD"
    written = match.group("currency")
    if not written:
        return None
    following = match.string[match.end() :].split(maxsplit=1)
    if following and following[0].lower() in NOT_CURRENCY_AFTER.get(written.lower(), ()):
        return None
    for word, code in CURRENCIES.items():
        if word.lower() == written.lower() and (not word.isupper() or written.isupper()):
            return code
    return None
