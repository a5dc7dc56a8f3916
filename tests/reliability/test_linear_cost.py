"""Reading an article costs CPU in proportion to its length, whatever its shape (issue 9, "bounded work").

A text 100 times longer may cost about 100 times the CPU, never 10,000 times: a 40 KB word once
took 85 s, and a 1 MB news text 34 s because rules scanned every mention of the article for each
sentence. Measured as ratios of CPU time (`time.process_time`) to a 10 KB text of the same shape,
never as a timed assertion; a quadratic step breaks the generous bounds below by far.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from importers.extraction import extract_article
from importers.parsing import parse_document
from importers.types import RawDocument
from tests.reliability import texts

SMALL = 10_000
LARGE = 1_000_000
SLACK = 3  # ratio allowed beyond the ratio of the sizes


def cpu_seconds(text: str, *, runs: int = 1) -> float:
    """CPU time of cleaning, parsing and extracting `text` (the best of `runs`)."""
    document = RawDocument(source="<test>", text=text, format="text")
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        extract_article(parse_document(document))
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)  # a clock tick, so a very fast small text does not divide by nothing


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the gazetteer and word lists before anything is measured."""
    cpu_seconds(texts.news(SMALL))


@pytest.mark.parametrize(
    ("shape", "large"),
    [
        (texts.one_word, LARGE),
        (texts.news, LARGE),
        # Shapes that were quadratic inside one sentence (each tried at a fifth of the size, to stay quick).
        (texts.initials, LARGE // 5),
        (texts.place_names, LARGE // 5),
        (texts.people, LARGE // 5),
    ],
    ids=["one-word", "news", "initials", "place-names", "people"],
)
def test_cpu_time_grows_linearly_with_the_text(shape: Callable[[int], str], large: int) -> None:
    small_cpu = cpu_seconds(shape(SMALL), runs=3)
    large_cpu = cpu_seconds(shape(large))
    print(f"{shape.__name__}: {SMALL // 1000} KB {small_cpu:.3f} s, {large // 1000} KB {large_cpu:.2f} s CPU")
    assert large_cpu / small_cpu < SLACK * large / SMALL


def test_a_megabyte_of_news_costs_ten_times_a_tenth_of_it() -> None:
    """The same check between 100 KB and 1 MB, where a per-sentence scan of the article shows most."""
    tenth = cpu_seconds(texts.news(LARGE // 10, seed=2), runs=2)
    whole = cpu_seconds(texts.news(LARGE, seed=2))
    print(f"news: 100 KB {tenth:.2f} s, 1 MB {whole:.2f} s CPU")
    assert whole / tenth < SLACK * 10


def test_a_megabyte_on_one_line_is_no_slower_than_in_paragraphs() -> None:
    """A line is looked up once, not searched for from every sentence."""
    lines = cpu_seconds(texts.news(LARGE // 5, seed=3))
    one_line = cpu_seconds(texts.news(LARGE // 5, seed=3, one_line=True))
    assert one_line < SLACK * lines
