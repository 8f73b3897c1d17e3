"""Titles a question names: a programme or an axe, by most of its words or by the words after "axe".

Plain functions on folded text, so the catalogue and the query analysis share them and they can be
tested on the plan's own titles without a store.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.analyzer import terms, tokens

_AXE_WORD_RE = re.compile(r"\baxe\b")


def own_words(names: list[str]) -> dict[str, set[str]]:
    """Each name's analysed words that no other name has."""
    return {name: set(own) for name, (_, own) in _analysed(tuple(names)).items()}


@lru_cache(maxsize=32)
def _analysed(names: tuple[str, ...]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each name's analysed words and its own words: the catalogue's titles, asked of every question."""
    words = {name: frozenset(terms(name)) for name in names}
    return {name: (mine, mine.difference(*(words[other] for other in names if other != name)))
            for name, mine in words.items()}


def named_among(text: str, names: list[str]) -> str | None:
    """The one of `names` whose words the text holds, at least three quarters of them, or of its own words.

    A name's own words are those no other name has: "le pacte de cohérence" names the "Pacte de cohérence
    métropolitain", whose "métropolitain" the "Programme Métropolitain d'Insertion…" shares.
    """
    asked = set(terms(text))
    best, best_score = None, 0.0
    for name, (words, own) in _analysed(tuple(names)).items():
        score = max(len(words & asked) / len(words) if words else 0.0,
                    len(own & asked) / len(own) if len(own & asked) >= 2 else 0.0)
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 0.75 else None


def axe_by_words(low: str, axes: dict[str, str]) -> tuple[str, int, int] | None:
    """The axe that the words right after "axe" name, and where "axe" and they stand in `low`.

    `axes` maps each axe to its title. "l'axe inclusion sociale", "axe de la prévention": each word
    (stopwords skipped) must belong to one title only, the same one, from the first word on; so
    "quel axe parle des usagers ?" names none, nor does a word two titles share, nor two titles' words.
    """
    said = _AXE_WORD_RE.search(low)
    if not said:
        return None
    own = _analysed(tuple(axes.values()))
    found, end = None, said.end()
    for token in tokens(low[said.end():]):
        holders = [axe for axe, title in axes.items() if token.term in own[title][1]]
        if len(holders) != 1:
            break
        if found and holders[0] != found:
            return None  # "axe inclusion et partenariats": two axes
        found, end = holders[0], said.end() + token.end
    return (found, said.start(), end) if found else None
