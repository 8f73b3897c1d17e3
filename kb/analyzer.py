"""French analyzer: the tokens BM25 indexes, the query matches and organisations are found by.

Accents and case are folded, elisions dropped ("l'usure" -> "usure"), stop
words removed, plurals reduced ("ménages" -> "menage", "communaux" ->
"communal"), and acronyms kept whole, so "UDCCAS" never matches "CCAS".
Each word also brings its root ("communiquer" and "communicables" share
"communic"), so a derived form matches, if less than the word itself.
Terms become sparse-vector indices by a stable hash; Qdrant adds the IDF.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kb.lexicon import fold, french, unglue

_TOKEN_RE = re.compile(r"[^\W_]+(?:[.,]\d+)?", re.UNICODE)
_ELISION_RE = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)

STOPWORDS = frozenset("""
a au aux avec ce ces cet cette dans de des du elle elles en entre et eux il ils je la le les leur
leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
sur ta te tes toi ton tu un une vos votre vous y c d j l m n s t a est sont ete etre avoir ont fait
faire plus tres tout tous toute toutes aussi ainsi afin dont comme cela ceci celle celles celui ceux
quel quelle quels quelles lequel laquelle lesquels ou si sans sous vers chez donc car or ni soit etc
via ci ca quoi comment pourquoi quand
""".split())

# BM25 saturation and length normalisation; the average length is fixed so that
# adding a document never changes the vectors already stored.
K1 = 1.2
B = 0.75
AVG_LEN = 60.0
HEAD_WEIGHT = 0.2
# A word's root ("communiquer", "communicables" -> "communic") is indexed beside the word, and
# weighs as much as a word in a question: the word itself then counts twice, a derived form once.
# Snowball alone was a wash (it merges too much and loses the word); beside the word it raised
# MRR on every set measured (dev unchanged; crpa 0.766 -> 0.784, cnil 0.709 -> 0.739, dila
# 0.678 -> 0.697, the PMS blind sets up to +0.04); a lighter weight (0.3, 0.5) helped less and
# lost cnil answers, a heavier one (1.5) lost dev's first places.
ROOT_WEIGHT = 1.0
_ROOT = "~"


@dataclass(frozen=True)
class Token:
    """A term of the text and where it was read."""

    term: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light French stemming of a lowercase word: plurals only, checked against the lexicon.

    "ménages" -> "ménage", "communaux" -> "communal"; "ccas" or "soliha" stay
    whole because the lexicon does not know them without their last letter.
    Typed without its accents, a word is reduced as with them ("handicapees").
    """
    lexicon = french()
    if len(word) > 4 and word.endswith("aux") and lexicon.knows(word[:-3] + "al"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx" and lexicon.knows(word[:-1]):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def root(term: str) -> str:
    """The root shared by a French word's derived forms (Snowball, then "qu" -> "c": "publique" -> "public").

    Words the lexicon does not know (acronyms, names) are their own root.
    """
    if len(term) < 5 or not french().knows(term):
        return term
    base = _snowball().stemWord(term)
    return base[:-2] + "c" if base.endswith("qu") else base


@lru_cache(maxsize=1)
def _snowball():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("french")


def _with_roots(counts: dict[str, float]) -> dict[str, float]:
    out = dict(counts)
    for term, tf in counts.items():
        key = _ROOT + root(term)
        out[key] = out.get(key, 0.0) + tf
    return out


def tokens(text: str, keep_stopwords: bool = False) -> list[Token]:
    """Analysed tokens of `text` with their offsets."""
    return list(_tokens(text, keep_stopwords))


@lru_cache(maxsize=8192)
def _tokens(text: str, keep_stopwords: bool) -> tuple[Token, ...]:
    # Passages come back query after query (highlights, catalogue lines): analyse each once.
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        start = match.start()
        elided = _ELISION_RE.match(raw)
        if elided:
            start += elided.end()
            raw = raw[elided.end():]
        if not raw:
            continue
        term = fold(raw)
        if not keep_stopwords and term in STOPWORDS:
            continue
        out.append(Token(fold(stem(raw.lower())), start, start + len(raw)))
    return tuple(out)


def terms(text: str) -> list[str]:
    """The analysed terms of `text`, in order."""
    return [t.term for t in tokens(text)]


def glued_parts(text: str) -> list[str]:
    """The terms of the words glued together in `text` ("vigilantlorsque" -> "vigilant", "lorsque").

    The text is not changed (a citation quotes it as written); the parts are
    indexed beside the glued word, which stays findable as typed ("télédossier").
    """
    out: list[str] = []
    for token in tokens(text, keep_stopwords=True):
        parts = unglue(text[token.start:token.end])
        if parts:
            out.extend(terms(" ".join(parts)))
    return out


def term_index(term: str) -> int:
    """Stable sparse-vector index of a term."""
    return zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF


def document_vector(text: str, head: str = "", head_weight: float = HEAD_WEIGHT) -> tuple[list[int], list[float]]:
    """BM25 document weights: term frequency saturated and normalised by the body's length.

    Words of the `head` (document, fiche and section titles) count for
    `head_weight` of an occurrence and do not lengthen the passage: a short
    field such as "Calendrier › 2017-2022" must not outrank the body of its
    fiche because its title happens to share a word with the question.
    """
    body = Counter(terms(text))
    counts: dict[str, float] = dict(body)
    for part in glued_parts(text):
        counts[part] = counts.get(part, 0.0) + 1
    for term, tf in Counter(terms(head)).items():
        counts[term] = counts.get(term, 0.0) + head_weight * tf
    length = sum(body.values()) or 1
    counts = _with_roots(counts)
    norm = K1 * (1 - B + B * length / AVG_LEN)
    pairs = sorted((term_index(t), tf * (K1 + 1) / (tf + norm)) for t, tf in counts.items())
    return [i for i, _ in pairs], [w for _, w in pairs]


def query_vector(text: str, weights: dict[str, float] | None = None) -> tuple[list[int], list[float]]:
    """Query weights: 1 per distinct term, or the given weight (expansions weigh less)."""
    merged: dict[int, float] = {}
    for term in dict.fromkeys(terms(text) + glued_parts(text)):
        merged[term_index(term)] = max(merged.get(term_index(term), 0.0), 1.0)
        idx = term_index(_ROOT + root(term))
        merged[idx] = max(merged.get(idx, 0.0), ROOT_WEIGHT)
    for term, weight in (weights or {}).items():
        idx = term_index(term)
        merged[idx] = max(merged.get(idx, 0.0), weight)
    pairs = sorted(merged.items())
    return [i for i, _ in pairs], [w for _, w in pairs]
