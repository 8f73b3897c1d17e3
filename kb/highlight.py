"""Highlights and near-duplicates, computed on passage text at answer time.

Highlights are character spans of `text` whose analysed term is one of the
question's (so "ménages" lights up for "menage", accents and case aside),
plus the organisations the question named, by acronym or by their whole name:
"Direction Santé et Développement Social" lights up as one, not every
"Direction" of the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kb.analyzer import tokens
from kb.lexicon import fold

NEAR_DUPLICATE = 0.8


def highlight_spans(text: str, words: set[str], aliases: list[str],
                    names: Sequence[tuple[str, ...]] = ()) -> list[list[int]]:
    """[start, end] spans of `text` to mark, merged where they touch.

    `words` are marked wherever they stand, `aliases` (acronyms) as written,
    and `names` (the terms of a name, in order) only where they follow each other.
    """
    read = tokens(text)
    spans = [(t.start, t.end) for t in read if t.term in words]
    found = [t.term for t in read]
    for name in filter(None, names):
        for at in range(len(read) - len(name) + 1):
            if tuple(found[at:at + len(name)]) == name:
                spans.append((read[at].start, read[at + len(name) - 1].end))
    for alias in aliases:
        for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            spans.append((match.start(), match.end()))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1]:start].strip(" "):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


@lru_cache(maxsize=4096)
def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of a passage, folded (cached: the same passages come back query after query)."""
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split()
    return frozenset(" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1)))


def near_duplicate(a: str, b: str) -> bool:
    """True when two passages say the same thing (word 3-gram overlap of the shorter one)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= NEAR_DUPLICATE
