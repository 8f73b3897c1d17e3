"""Where the question says each thing that was understood: character spans, returned in `understood.spans`.

A span covers the words that asked for one element, with the little words that
only introduce them ("de l'axe 3", "en 2018", "Quelle est la durée"), so that
the page can take the element out of the question by cutting its spans: "×" on
the chip "Année : 2018" turns "Quelles fiches pilote la DSDS en 2018 ?" into
"Quelles fiches pilote la DSDS ?". The words that make each element are thus
known in one place, the query analysis, and not again in the page's script.

Offsets are in the question as analysed: `understood.corrected` when a slip was
corrected, else the question with its spaces collapsed (the answer's `query`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.lexicon import fold

# Articles and prepositions that only introduce what follows them: "de la", "l'", "par", "en"…
ARTICLES = r"(?:\b(?:de la|de l'|du|des|de|d'|la|le|les|l'|au|aux|par|avec)\s*)*"


@dataclass
class Span:
    """One stretch of the question that asked for an element of `understood`."""

    kind: str  # organisation, excluded, fiche, unknown_fiche, field, role, year, programme, axe, doc_type, entity
    key: str  # which one: an organisation's id, a fiche number, a field, a role, a year, a document type
    start: int
    end: int


class Located:
    """A question folded as the analysis reads it (`low`), knowing where each folded character came from."""

    def __init__(self, question: str) -> None:
        self.question = question
        low = ""
        self._origin: list[int] = []
        for at, char in enumerate(question):
            folded = " " if char.isspace() else fold(char)
            if folded == " " and (not low or low.endswith(" ")):
                continue  # spaces collapse, as the analysis collapses them
            low += folded
            # "œ" folds to "oe": both letters come from the one character.
            self._origin.extend([at] * len(folded))
        self.low = low.rstrip()
        self.spans: list[Span] = []

    def typed(self, start: int, end: int) -> str:
        """The question as typed where `low[start:end]` comes from ("où", which folds to "ou")."""
        return self.question[self._origin[start]:self._origin[end - 1] + 1] if start < end else ""

    def add(self, kind: str, key: str, start: int, end: int, before: str = ARTICLES, after: str = ""
            ) -> Span | None:
        """Record `low[start:end]`, widened over the words `before` and `after` match next to it."""
        if start < 0 or end <= start:
            return None
        while end < len(self.low) and self.low[end].isalnum():
            end += 1  # "calendrier" matched by "\bcalendrier" in "calendriers": the whole word
        if lead := re.search(f"(?:{before})$", self.low[:start]):
            start = lead.start()
        if after and (trail := re.match(after, self.low[end:])):
            end += trail.end()
        while start < end and self.low[start] == " ":
            start += 1
        while end > start and self.low[end - 1] == " ":
            end -= 1
        if start >= end:
            return None
        self.spans.append(Span(kind, key, self._origin[start], self._origin[end - 1] + 1))
        return self.spans[-1]

    def add_match(self, kind: str, key: str, found: re.Match[str] | None, before: str = ARTICLES,
                  after: str = "") -> Span | None:
        """Record where a regular expression run on `low` matched."""
        return self.add(kind, key, found.start(), found.end(), before, after) if found else None

    def add_words(self, kind: str, key: str, words: str, before: str = ARTICLES, after: str = "") -> Span | None:
        """Record the first place `words` (as typed or folded) stand on their own in the question."""
        found = re.search(rf"(?<!\w){re.escape(fold(words))}(?!\w)", self.low) if words else None
        return self.add_match(kind, key, found, before, after)


def merged(spans: list[Span]) -> list[Span]:
    """The spans with those of one element that overlap or touch joined: each can be cut on its own."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.kind, s.key, s.start)):
        last = out[-1] if out else None
        if last and (last.kind, last.key) == (span.kind, span.key) and span.start <= last.end:
            last.end = max(last.end, span.end)
        else:
            out.append(span)
    return sorted(out, key=lambda s: s.start)
