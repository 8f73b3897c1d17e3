"""Fiche numbers in a question: "fiche 13", "fiches 13 et 56", "l'action 28.2", "pilote 41.2".

A number is read where the question says it, so that the analysis can tell
a fiche's number from a year, a count or an axe's number, and resolved to
the plan's fiche ("fiche 28" is 28.2 when that is the only action numbered 28).
"""

from __future__ import annotations

import re

from kb.catalog import Catalog

# A fiche number as typed ("13", "28.2", "28,2"), and the words between "fiche" and it ("fiche-action n°").
NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
NUMBER_WORDS = r"(?:action\s*)?(?:n\s*°|no\.?|num[ée]ro)?\s*"
_FICHE_REF_RE = re.compile(rf"\b(?:fiches?|actions?|fa)\s*-?\s*{NUMBER_WORDS}({NUMBER})\b")
# A number right after a field's word, as typed in a search box: "pilote 41.2", "objectifs 62", "qui pilote 13".
_FIELD_NUMBER_RE = re.compile(r"\b(?:calendrier|pilot(?:e|es|ee|ees)?|partenaires?|indicateurs?|objectifs?|modalites|"
                              rf"contexte)\s+(?:de\s+)?(?:la\s+|l'\s*|du\s+)?({NUMBER})\b(?!\s*%)")
# Further numbers after a fiche reference: "fiches 13 et 56", "fiche 13, de la fiche 28.2 ou de l'action 41.2".
_MORE_FICHES_RE = re.compile(r"\s*(?:,|\bet\b|\bou\b)\s*(?:(?:de\s+)?(?:la\s+|l['’]\s*))?(?:(?:fiches?|actions?)\s*)?"
                             rf"(?:n\s*°\s*)?({NUMBER})\b(?!\s*%)")


def fiche_numbers(low: str, catalog: Catalog) -> list[tuple[str, int, int]]:
    """The fiche numbers a folded question names, and where: "fiche 13", "fiches 13 et 56", "fiche 13, 28.2 ou
    41.2"; without "fiche", a number after a field's word the plan has ("pilote 41.2"): "calendrier 2018" is a
    year, "pilotes 3" no fiche."""
    numbers: list[tuple[str, int, int]] = []
    end = 0
    for ref in _FICHE_REF_RE.finditer(low):
        if ref.start() < end:
            continue  # read already, as one of a reference's further numbers
        numbers.append((ref.group(1).replace(",", "."), ref.start(), ref.end()))
        end = ref.end()
        while more := _MORE_FICHES_RE.match(low, end):
            numbers.append((more.group(1).replace(",", "."), more.start(), more.end()))
            end = more.end()
    return numbers or [(number, found.start(1), found.end(1)) for found in _FIELD_NUMBER_RE.finditer(low)
                       if known_fiche(number := found.group(1).replace(",", "."), catalog)]


def known_fiche(number: str, catalog: Catalog) -> str | None:
    """The plan's fiche a typed number names: "fiche 28" is 28.2 when that is the only action numbered 28."""
    if catalog.fiche(number):
        return number
    under = [f.number for f in catalog.fiches if f.number.startswith(f"{number}.")] if "." not in number else []
    return under[0] if len(under) == 1 else None
