"""The French lexicon (wordfreq's word list) and the text folding shared by every stage.

The lexicon decides how a broken ligature is repaired, how a hyphen at a line
end is rejoined, and which share of a document's words an OCR engine garbled.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import wordfreq

# Lowercase letters, digits and the apostrophe/hyphen that live inside French words.
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


# Phones and word processors type "d’ici" and "qu’est-ce que"; the query patterns are written with "'".
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ´`"})


def straight_apostrophes(text: str) -> str:
    """Every apostrophe as "'", character for character, so offsets in the text stay valid."""
    return text.translate(_APOSTROPHES)


def fold(text: str) -> str:
    """Lowercase and strip accents: "Précarité Énergétique" -> "precarite energetique"."""
    if len(text) <= 32:
        return _fold_word(text)  # words recur: their folding is cached
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=200_000)
def _fold_word(text: str) -> str:
    return _fold(text)


class Lexicon:
    """French word frequencies, on the Zipf scale (0 = unknown, 7 = "de")."""

    def __init__(self, lang: str = "fr") -> None:
        self.lang = lang

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, the cache is the point
    def zipf(self, word: str) -> float:
        """Zipf frequency of `word` (case-insensitive); 0 when unknown."""
        return wordfreq.zipf_frequency(word.lower(), self.lang)

    def __contains__(self, word: str) -> bool:
        return self.zipf(word) > 0

    def knows(self, word: str) -> bool:
        """Whether `word` (lowercase) is French, typed with or without its accents ("handicapee")."""
        return self.zipf(word) > 0 or (word.isascii() and word in self._unaccented())

    @lru_cache(maxsize=1)  # noqa: B019 - built once, on the first word typed without its accents
    def _unaccented(self) -> frozenset[str]:
        # Common words only (zipf 2.5, "itinérante"): a rare one ("préfa") would take an acronym
        # typed in lowercase ("prefas") for its plural.
        common = 10 ** (2.5 - 9)
        return frozenset(folded for w, freq in wordfreq.get_frequency_dict(self.lang).items()
                         if freq >= common and (folded := _fold(w)) != w)

    def known_share(self, words: list[str]) -> float:
        """Share of `words` that the lexicon knows (1.0 for an empty list)."""
        if not words:
            return 1.0
        return sum(1 for w in words if w in self) / len(words)


@lru_cache(maxsize=1)
def french() -> Lexicon:
    """The process-wide French lexicon."""
    return Lexicon("fr")


def words(text: str) -> list[str]:
    """The alphabetic words of `text`, split on elisions and hyphens ("l'usure" -> "usure")."""
    out: list[str] = []
    for match in WORD_RE.finditer(text):
        for part in re.split(r"[-'’]", match.group()):
            if part:
                out.append(part)
    return out


# Words short enough to be glued to their neighbour without being a sign of anything: a page
# whose markup was stripped writes "<b>la</b>procédure" as "laprocédure".
_GLUE_WORDS = frozenset("""
a à au aux ce de des du en est et il la le les mes ne nos on ou par pour qui que sa se ses son
sur tes un une vos y""".split())


@lru_cache(maxsize=200_000)
def unglue(word: str) -> tuple[str, str] | None:
    """The two words a word is made of when text lost the space between them, else None.

    "vigilantlorsque" -> ("vigilant", "lorsque"), "laprocédure" -> ("la", "procédure"),
    "oppositionVous" -> ("opposition", "vous"). A word the lexicon knows, a word in
    capitals (an acronym) and a short word stay whole; each part is a common word
    (Zipf 3, and 4 letters or more) or one of the short words that get glued.
    """
    if len(word) < 6 or word.isupper() or not word.isalpha():
        return None
    lower = word.lower()
    lexicon = french()
    if lexicon.knows(lower):
        return None

    def common(part: str) -> bool:
        return part in _GLUE_WORDS or (len(part) >= 4 and lexicon.zipf(part) >= 3.0)

    best: tuple[float, int] | None = None
    for cut in range(2, len(lower) - 1):
        left, right = lower[:cut], lower[cut:]
        if common(left) and common(right):
            # The likeliest cut is the one whose rarer part is the more common.
            weight = min(lexicon.zipf(left), lexicon.zipf(right))
            if best is None or weight > best[0]:
                best = (weight, cut)
    if best is None:
        return None
    return word[:best[1]], word[best[1]:]
