"""Dates as Vietnamese news writes them: "ngày 17/9", "chiều 29/5", "15/9/2025", "12-6", "năm 2024".

News rarely repeats the year: a day and month without one belong to the article's year, or to
the year before when that would put them after the article was published ("ngày 28/12" in an
article of 3 January). Year-only and month-only mentions are kept with no day (`value=None`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from importers.types import DateFound

# Day/month[/year] with "/" or "-". Without a year a lead word or an opening parenthesis
# ("hôm nay (17/9)") is required: a bare "1/3" is as likely a fraction, score or ratio.
_DAY_MONTH = re.compile(
    r"(?<![\w/.,-])(?P<lead>(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|vào|trước|sau)\s+|\()?"
    r"(?P<day>\d{1,2})(?P<sep>[/-])(?P<month>\d{1,2})(?:(?P=sep)(?P<year>\d{4}))?(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"(?<!\w)tháng\s+(?P<month>\d{1,2})(?:/|\s+năm\s+)(?P<year>\d{4})(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\w)năm\s+(?P<year>(?:19|20)\d{2})(?![\w/])", re.IGNORECASE)


def find_dates(body: str, published_on: dt.date | None = None) -> tuple[DateFound, ...]:
    """Every date mention in `body`, resolved to a day where the text and article date allow."""
    found: list[DateFound] = []
    taken = _Taken()
    for match in _DAY_MONTH.finditer(body):
        if not match.group("lead") and not match.group("year"):
            continue
        value = _day_month(match, published_on)
        start = match.start() if match.group("lead") not in (None, "(") else match.start("day")
        found.append(DateFound(mention=body[start : match.end()], value=value, start=start, end=match.end()))
        taken.add(start, match.end())
    for pattern in (_MONTH_YEAR, _YEAR):
        for match in pattern.finditer(body):
            if taken.overlaps(match.start(), match.end()):
                continue
            found.append(DateFound(mention=match.group(0), value=None, start=match.start(), end=match.end()))
            taken.add(match.start(), match.end())
    return tuple(sorted(found, key=lambda d: d.start))


class _Taken:
    """Disjoint spans already read as dates, sorted: an overlap is found by bisection, not a scan of all."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)

    def overlaps(self, start: int, end: int) -> bool:
        # The spans are disjoint, so the last one starting before `end` reaches furthest.
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start


def _day_month(match: re.Match[str], published_on: dt.date | None) -> dt.date | None:
    """The date a day/month(/year) match stands for, or None when it is not a valid day."""
    day, month = int(match.group("day")), int(match.group("month"))
    if match.group("year"):
        return _date(int(match.group("year")), month, day)
    if published_on is None:
        return None
    candidate = _date(published_on.year, month, day)
    if candidate is not None and candidate > published_on:
        candidate = _date(published_on.year - 1, month, day)
    return candidate


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
