"""The printed grammar of the plan's documents: labels, bullets and headings.

Repair keeps these lines on their own (a label glued to the sentence before it
would be lost to the parser), and structure reads them to find fiches, fields,
chantiers and veille sections.
"""

from __future__ import annotations

import re

from kb.lexicon import fold

# Fiche action fields, keyed by the name used in the Fiche model. Each pattern is
# matched against a folded (lowercase, unaccented) line.
FICHE_FIELDS: dict[str, re.Pattern[str]] = {
    "contexte": re.compile(r"^contexte\s*:?$"),
    "modalites": re.compile(r"^modalites de mise en (oe|œ)uvre\s*:?$"),
    "objectifs": re.compile(r"^objectifs operationnels\s*:?$"),
    "pilotes": re.compile(r"^pilote\(?s?\)?\s*:?$"),
    "partenaires": re.compile(r"^partenaires associes\s*:?$"),
    "calendrier": re.compile(r"^calendrier\s*:?$"),
    "indicateurs": re.compile(r"^indicateurs( d'evaluation| d’evaluation)?\s*:?$"),
}

FIELD_LABELS: dict[str, str] = {
    "contexte": "Contexte",
    "modalites": "Modalités de mise en œuvre",
    "objectifs": "Objectifs opérationnels",
    "pilotes": "Pilote(s)",
    "partenaires": "Partenaires associés",
    "calendrier": "Calendrier",
    "indicateurs": "Indicateurs d'évaluation",
    "titre": "Titre",
    "numero": "Numéro",
    "programme": "Programme",
    "sous_titre": "Sous-titre",
}

FICHE_ACTION_RE = re.compile(r"^fiche action\b(?P<rest>.*)$")
ACTION_LABEL_RE = re.compile(r"^action$")
FICHE_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
AXE_RE = re.compile(r"^axe n\s*°\s*(?P<n>\d+)\b\s*(?P<title>.*)$")
PROGRAMME_RE = re.compile(r"^(?:fiche action\s*)?//\s*(?P<name>.+)$")
SUITE_RE = re.compile(r"^\(suite\)$")

LIVRET_LABELS = (
    "enjeux", "orientations", "projets phares", "citations", "pourquoi agir ?", "les ambitions",
    "les leviers de transformation", "les exemples inspirants", "chantier",
)
VEILLE_LABELS = (
    "espace de choix", "parole de professionnel", "parole d'expert", "parole d’expert", "etude dpdp",
    "actualite", "benchmark", "principales etudes mobilisees", "et aussi...",
)
GLOSSARY_RE = re.compile(r"^glossaire\b")

_OTHER_LABELS = ("fiche action", "action", "glossaire", "partenaires :", "organisation metropolitaine :")

# A list item: a bullet glyph, a dash, "1." or "a)", a Markdown heading, or a numbered title ("2 Constituer…").
BULLET_RE = re.compile(
    r"^\s*(?:[›•▪●◦■□*»·]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|\d\s+(?=[A-ZÀ-Þ][a-zà-ÿ])|[a-z][)](?=\s)|#{1,6}(?=\s))")


def is_label(line: str) -> bool:
    """True for a line that is a printed label of the plan's grammar ("PILOTE(S)", "Enjeux"…)."""
    key = fold(line.strip()).rstrip(" :")
    if not key:
        return False
    if key in LIVRET_LABELS or key in VEILLE_LABELS or key in _OTHER_LABELS:
        return True
    if FICHE_ACTION_RE.match(key) or AXE_RE.match(key) or PROGRAMME_RE.match(key) or SUITE_RE.match(key):
        return True
    return any(p.match(key) for p in FICHE_FIELDS.values())


def is_bullet(line: str) -> bool:
    """True for a line that starts a list item."""
    return bool(BULLET_RE.match(line))


def is_caps(line: str) -> bool:
    """True for a line written in capitals (a printed heading), with at least 3 letters."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def has_lower(line: str) -> bool:
    """True for a line with a lower-case letter: body text, never a heading in capitals.

    A line with neither ("A", "ET", "2018") is too short to tell: joined to a heading it
    stays a heading, joined to a sentence it stays a sentence.
    """
    return any(c.islower() for c in line)
