"""Run the extract step on a piece of text, as the cleaned body of an article."""

from __future__ import annotations

import datetime as dt
from typing import Any

from importers.extraction import extract_article, extraction_to_preview
from importers.types import ArticleExtraction, ParsedArticle


def article(body: str, published_on: dt.date | None = None) -> ParsedArticle:
    return ParsedArticle(
        source="test.txt", title="", body=body, raw_text=body, content_hash="test", published_on=published_on
    )


def extract(body: str, published_on: dt.date | None = None) -> ArticleExtraction:
    return extract_article(article(body, published_on))


def preview(body: str, published_on: dt.date | None = None) -> dict[str, Any]:
    return extraction_to_preview(extract(body, published_on))
