"""The extract step: sentences, places, sectors, organizations, people, amounts, dates, opportunities.

Pure functions over :mod:`importers.types`; no Django. Rules read their word lists from
`data/*.json` and the gazetteers from `fixtures/reference/`.
"""

from importers.extraction.pipeline import extract_article
from importers.extraction.preview import extraction_to_preview

__all__ = ["extract_article", "extraction_to_preview"]
