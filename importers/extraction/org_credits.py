"""Text that credits a source rather than reports: "(Theo Bộ X)", "Theo Nikkei Asian Review" at the
end of an article, "Ảnh: Reuters", and the dated titles of a related-articles list ("... (12/4/2005)").

The annotation rules leave bylines, credits and related-article lists out: a body named there is
neither an organization of the article nor a party to anything it reports. Cleaning now drops dated
headlines and cuts glued signatures from new imports (importers/cleaning.py); the checks here stay for
bodies stored before it, which are re-extracted as they were cleaned then.
"""

from __future__ import annotations

import re

from importers.extraction.tokens import Token

_CREDIT_WORDS = frozenset({"Theo", "Nguồn"})
_PHOTO_WORDS = frozenset({"Ảnh", "Nguồn", "Photo", "Video", "Đồ họa"})
_MAX_CREDIT_WORDS = 8  # "Theo Bộ Kế hoạch và Đầu tư": a credit names its source and nothing else
_GLUED_CREDIT = re.compile(r"[a-zà-ỹ](?:Theo|Nguồn)$")  # "Kim DungTheo": an author's name glued to "Theo"
_DATED_LINK = re.compile(r"\(\d{1,2}/\d{1,2}/\d{2,4}\)\s*$")  # "... xin nhận trách nhiệm'(30/11/2005)"


def is_credit_or_link(tokens: list[Token], body: str) -> bool:
    """Whether the sentence is a source credit ("(Theo Bộ Công Thương)") or a related article's title."""
    if not tokens:
        return False
    if tokens[-1].text == ")" and _DATED_LINK.search(body[max(tokens[0].start, tokens[-1].end - 14) : tokens[-1].end]):
        return True
    opening = [t for t in tokens[:4] if t.is_word]  # a credit says so in its first words: looked at first, cheaply
    glued = next((i for i, t in enumerate(opening[:3]) if _GLUED_CREDIT.search(t.text)), None)
    if glued is None and not (opening and opening[0].text in _CREDIT_WORDS):
        return False
    if len(tokens) > 3 * _MAX_CREDIT_WORDS:
        return False
    words = [t for t in tokens if t.is_word]
    # "Kim DungTheo Nikkei": a byline run into the credit after it; otherwise the words after "Theo"
    words = words[words.index(opening[glued]) + 1 :] if glued is not None else words[1:]
    if not words or len(words) > _MAX_CREDIT_WORDS or not words[0].is_capitalized:
        return False
    others = [t.text for t in tokens if not t.is_word and t.text not in "():-–"]
    return not others  # a sentence of its own: no comma, no full stop, nothing reported


def credited_at(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] follows "Ảnh:" or "Nguồn:": a photo or source credit ("Ảnh: WSJ")."""
    return index >= 2 and tokens[index - 1].text == ":" and tokens[index - 2].text in _PHOTO_WORDS
