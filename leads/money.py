"""Money in several currencies, valued in US dollars at a yearly reference rate.

Leads are reported in VND, dollars, yen, euros...; pipeline totals only mean something in one
currency. The rates are reference data (`fixtures/reference/exchange_rates.json`, loaded into
`ExchangeRate`); this module holds the one rule both the database and the importer's preview
use, so a lead shows the same value in USD before and after it is saved.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from leads.reference_data import read_reference

Rates = dict[str, dict[int, Decimal]]  # currency → year → units per US dollar


def to_usd(value: Decimal | None, currency: str, year: int, rates: Rates) -> Decimal | None:
    """`value` in `currency` as US dollars at the rate of `year`, to the cent.

    A missing year takes the nearest one the table has (the latest before it, else the earliest
    after): a 2027 licence is worth something in dollars before 2027's rate is shipped. None when
    there is no value or the currency has no rate at all.
    """
    if value is None or not currency:
        return None
    if currency == "USD":
        return Decimal(value).quantize(Decimal("0.01"))
    by_year = rates.get(currency)
    if not by_year:
        return None
    earlier = [y for y in by_year if y <= year]
    rate = by_year[max(earlier)] if earlier else by_year[min(by_year)]
    return (Decimal(value) / rate).quantize(Decimal("0.01"))


@lru_cache(maxsize=1)
def shipped_rates() -> Rates:
    """The rates shipped in the reference folder, for code that runs without a database (the preview)."""
    rates: Rates = {}
    for row in read_reference("exchange_rates"):
        rates.setdefault(row["currency"], {})[int(row["year"])] = Decimal(str(row["units_per_usd"]))
    return rates
