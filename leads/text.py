"""Text folding shared by the importer, deduplication keys and search.

Vietnamese names reach us in several spellings of the same thing: with or without diacritics,
with the tone mark on either vowel of "oa"/"oe"/"uy" ("Thanh Hoá"/"Thanh Hóa"), with `đ` that
Unicode does not decompose, and with abbreviations punctuated in many ways ("TP.HCM",
"TP. HCM"). Everything that compares names goes through these functions so that the importer,
the resolver and the admin search agree on what "the same name" means.
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook above, dot below
_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
# Only a syllable ending in a toned vowel right after "o"/"u" can need its mark moved ("hoà",
# "thuỷ"); every other word is left untouched without being decomposed. The pattern is anchored
# at a word's start and its onset is bounded (Vietnamese onsets have at most three letters), so
# each position costs a constant: a run of letters with no space cannot make it quadratic.
_MOVABLE_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{0,6}[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\W\d_])")
# An open syllable ending in "oa", "oe" or "uy" (the only rhymes whose tone placement varies in
# real text), after an onset that does not end in "q" ("quý" keeps its mark on "y" everywhere).
_MOVABLE_RHYME = re.compile(r"^([bcdđghklmnprstvx]*)([ou])([aey])$")
_NON_WORD = re.compile(r"[\W_]+")


def canonical_tones(text: str) -> str:
    """Return `text` (NFC) with tone marks of "oa"/"oe"/"uy" syllables on the first vowel.

    The press writes both "Hoà" and "Hòa"; names compared with diacritics kept must not differ
    by that. The old-style placement ("Hòa", "Thủy") is the one most outlets use for place
    names. The result has the same length as the NFC input, so offsets stay valid.
    """
    text = unicodedata.normalize("NFC", text)
    return _MOVABLE_WORD.sub(_canonical_syllable, text)


def _canonical_syllable(match: re.Match[str]) -> str:
    word = match.group(0)
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) != 1:
        return word
    bare = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    bare_nfc = unicodedata.normalize("NFC", bare)
    rhyme = _MOVABLE_RHYME.match(bare_nfc.lower())
    if rhyme is None or rhyme.group(1).endswith("q") or len(bare_nfc) != len(word):
        return word
    # The marked vowel is the first of the two rhyme vowels: position len(onset).
    position = len(rhyme.group(1))
    rebuilt = bare_nfc[: position + 1] + tones[0] + bare_nfc[position + 1 :]
    result = unicodedata.normalize("NFC", rebuilt)
    return result if len(result) == len(word) else word


def strip_diacritics(text: str) -> str:
    """Remove every diacritic, folding `đ`/`Đ` too (Unicode gives them no decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(s: str) -> str:
    """Fold a name to the key used for deduplication and search.

    Case, diacritics (incl. đ), tone-mark placement, punctuation and spacing are folded:
    "Quảng Châu" → "quang chau", "TP.HCM" → "tp hcm", "Thanh Hoá" == "Thanh Hóa".
    """
    folded = strip_diacritics(unicodedata.normalize("NFC", s)).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())
