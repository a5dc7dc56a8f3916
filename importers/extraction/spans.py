"""Mentions found by where they lie in the body, without scanning them all.

Rules ask, sentence by sentence, which names, places, people or amounts lie in the sentence, start
in it, overlap a name, or came last before it. Scanning every mention of the article for each
sentence made an article's cost grow with the square of its length (a 1 MB text took half a
minute); an index sorted by offsets answers each question by bisection, so a question costs what
it finds, not the length of the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _offsets(item: Any) -> tuple[int, int]:
    """(start, end) of a mention, or of a `(start, end, ...)` tuple itself."""
    return (item[0], item[1]) if isinstance(item, tuple) else (item.start, item.end)


class SpanIndex(Generic[T]):
    """Items with `start` and `end` offsets (or `(start, end, ...)` tuples); queries keep their original order."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: tuple[T, ...] = tuple(items)
        self._bounds = [_offsets(item) for item in self.items]
        self._by_start = sorted(range(len(self.items)), key=lambda i: self._bounds[i][0])
        self._starts = [self._bounds[i][0] for i in self._by_start]
        self._longest = max((end - start for start, end in self._bounds), default=0)
        self._by_end = sorted(range(len(self.items)), key=lambda i: self._bounds[i][1])
        self._ends = [self._bounds[i][1] for i in self._by_end]
        # Of the first k items by end: the last in the original order; the one starting last.
        self._last = list(accumulate(self._by_end, max))
        self._latest_start = list(accumulate(self._by_end, lambda best, i: max(best, i, key=self._start_then_first)))
        # Mentions found in reading order (the usual case): those ending by an offset are a prefix.
        pairs = zip(self._bounds, self._bounds[1:], strict=False)
        self._in_order = all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairs)

    def _start_then_first(self, index: int) -> tuple[int, int]:
        return (self._bounds[index][0], -index)

    def _from(self, first: int, last: int, keep: Callable[[int, int], bool]) -> list[T]:
        """The items at start-sorted positions [first, last) whose (start, end) `keep` accepts, in original order."""
        found = sorted(i for i in self._by_start[first:last] if keep(*self._bounds[i]))
        return [self.items[i] for i in found]

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items with `start <= item.start < end`."""
        return self._from(bisect_left(self._starts, start), bisect_left(self._starts, end), lambda s, e: True)

    def within(self, start: int, end: int) -> list[T]:
        """Items with `start <= item.start` and `item.end <= end`: those a sentence holds."""
        first, last = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return self._from(first, last, lambda s, e: e <= end)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with `item.start < end` and `start < item.end`."""
        first = bisect_right(self._starts, start - self._longest)
        return self._from(first, bisect_left(self._starts, end), lambda s, e: start < e)

    def starting_at(self, offset: int) -> list[T]:
        """Items with `item.start == offset`."""
        return self.starting_in(offset, offset + 1)

    def ending_at(self, offset: int) -> list[T]:
        """Items with `item.end == offset`."""
        found = sorted(self._by_end[bisect_left(self._ends, offset) : bisect_right(self._ends, offset)])
        return [self.items[i] for i in found]

    def holding(self, offset: int) -> list[T]:
        """Items with `item.start <= offset < item.end`."""
        return self.overlapping(offset, offset + 1)

    def last_ending_by(self, offset: int) -> T | None:
        """Of the items with `item.end <= offset`, the one that comes last in the original order."""
        position = bisect_right(self._ends, offset)
        return self.items[self._last[position - 1]] if position else None

    def latest_start_ending_by(self, offset: int) -> T | None:
        """Of the items with `item.end <= offset`, the one starting last (the first of them on a tie)."""
        position = bisect_right(self._ends, offset)
        return self.items[self._latest_start[position - 1]] if position else None

    def latest_first_ending_by(self, offset: int) -> Iterator[T]:
        """The items with `item.end <= offset`, the last in the original order first, one at a time."""
        count = bisect_right(self._ends, offset)
        found = range(count) if self._in_order else sorted(self._by_end[:count])
        return (self.items[i] for i in reversed(found))
