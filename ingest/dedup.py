"""Near-duplicate documents and passages: MinHash over word shingles.

The OCR copy of a livret shares few exact words with the clean one
("professiohhels"), but it shares most of its character shingles: MinHash
over 5-character shingles of the folded text estimates that overlap cheaply
and survives OCR noise. The cleaner version (less OCR noise) is canonical;
each passage of the alternate that says what a canonical passage says is
mapped to it, so results show it once, while text only the alternate kept
stays findable.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from kb.lexicon import fold
from kb.models import DocumentEntry, Passage

NUM_PERM = 128
SHINGLE = 9
# Estimated Jaccard similarity above which two documents are versions of one another
# (unrelated French documents share under 0.1 of their 9-character shingles).
DOC_THRESHOLD = 0.3
# Containment of an alternate passage's shingles in a canonical passage.
PASSAGE_THRESHOLD = 0.5
_MERSENNE = (1 << 61) - 1
_rng = np.random.default_rng(20231)
_A = _rng.integers(1, _MERSENNE, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _MERSENNE, NUM_PERM, dtype=np.uint64)


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashed character shingles of the folded, space-normalised text."""
    norm = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
    return {zlib.crc32(norm[i:i + size].encode()) for i in range(max(len(norm) - size + 1, 1))} if norm else set()


def minhash(text: str) -> list[int]:
    """A MinHash signature of `text` (NUM_PERM integers)."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    if values.size == 0:
        return [0] * NUM_PERM
    with np.errstate(over="ignore"):
        hashed = (values[:, None] * _A[None, :] + _B[None, :]) % _MERSENNE
    return [int(x) for x in hashed.min(axis=0)]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def canonical_of(entries: dict[str, DocumentEntry]) -> dict[str, str]:
    """For each document that is an alternate version of another, the canonical one.

    Within a group of near-duplicates the least noisy (then oldest id) wins.
    """
    ids = sorted(entries)
    alternate: dict[str, str] = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if similarity(entries[a].minhash, entries[b].minhash) >= DOC_THRESHOLD:
                best, other = sorted((a, b), key=lambda d: (entries[d].ocr_score, d))
                root = alternate.get(best, best)
                if other != root:
                    alternate[other] = root
    return alternate


def covered_passages(alternate: list[Passage], canonical: list[Passage]) -> dict[str, str]:
    """Alternate passage id -> the canonical passage containing most of its text.

    A passage is covered when one canonical passage holds most of its text, or when the canonical
    version as a whole does: OCR read across the livret's columns ("À l'échelle d'un collectif de
    travail, Rapport Bourguignon - Rcco.hha'l'f:rc développer sa capacité…" mixes a paragraph and a
    caption), so its passages can straddle two clean ones. Text only the alternate kept stays its own.
    """
    canon = [(p.id, shingles(p.text)) for p in canonical]
    whole = set().union(*(theirs for _, theirs in canon))
    covered: dict[str, str] = {}
    for passage in alternate:
        mine = shingles(passage.text)
        if not mine:
            continue
        best_id, best = None, 0.0
        for pid, theirs in canon:
            score = len(mine & theirs) / len(mine)
            if score > best:
                best_id, best = pid, score
        if best_id and max(best, len(mine & whole) / len(mine)) >= PASSAGE_THRESHOLD:
            covered[passage.id] = best_id
    return covered
