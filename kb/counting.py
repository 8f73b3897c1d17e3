"""How many pilotes, partenaires, indicateurs or objectifs a list question asks of the fiches; how long they run.

"Quelles fiches ont plusieurs pilotes ?", "… plus de deux pilotes", "au moins
10 partenaires", "un seul pilote", "sans partenaire", "la fiche qui a le plus de
partenaires": each is a `Count` of one field, read from the folded question
(accents off, apostrophes straight), and checked against the names the fiche's
field lists. "les fiches qui durent plus de trois ans", "la plus courte" and "se
terminent le plus tôt" are counts on the calendrier: the calendar years it spans,
or its last year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Partenaires outside the Métropole, tried before partenaires: "aucun partenaire extérieur" is not "aucun
# partenaire".
_OUTSIDE = r"partenaires?\s+(?:exterieur|externe)s?(?:\s+(?:a|de)\s+la\s+metropole)?"
# (Pilotes stay first: "copilote", "pilotage partagé" are counts of pilotes whatever their pattern's field.)
# Indicateurs and objectifs count the items their fields list: "fiches sans indicateurs", "le plus d'objectifs".
_FIELD_WORDS = (("pilotes", r"(?:co-?)?pilot\w*"), ("exterieurs", _OUTSIDE), ("partenaires", r"partenaires?"),
                ("indicateurs", r"indicateurs?(?:\s+d'evaluation)?"),
                ("objectifs", r"objectifs?(?:\s+operationnels?)?"))
_NUMBERS = {"zero": 0, "aucun": 0, "aucune": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
            "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
            "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20}
_N = r"(\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
# A number alone before the noun, with no word saying more or less: not "un", which is an article
# ("où la CAF est un partenaire").
_BARE_N = r"(\d{1,2}|" + "|".join(sorted((w for w, n in _NUMBERS.items() if n >= 2), key=len, reverse=True)) + r")"
# What may stand between the quantity and the field's noun: "plusieurs directions pilotes".
_BETWEEN = r"\s+(?:(?:directions?|services?|organisations?|acteurs?|structures?)\s+)?"
# Each reading: its comparison, its number (None: the number the pattern holds), and a pattern in which
# {field} is the field's word. The first that matches wins, so the specific come before the general:
# "au moins 3" before "moins de 3", "le plus de" before "plus de 3".
_READINGS: tuple[tuple[str, int | None, str], ...] = (
    ("most", None, r"\ble plus (?:grand nombre )?d[e']\s*{field}"),
    ("least", None, r"\ble moins (?:grand nombre )?d[e']\s*{field}"),
    ("between", None, r"\bentre\s+" + _N + r"\s+et\s+" + _N + _BETWEEN + "{field}"),
    ("ge", None, r"\bau moins " + _N + _BETWEEN + "{field}"),
    ("le", None, r"\b(?:au plus|au maximum|pas plus d[e'])\s*" + _N + _BETWEEN + "{field}"),
    ("gt", None, r"\b(?:plus|davantage) d[e']\s*" + _N + _BETWEEN + "{field}"),
    ("lt", None, r"\bmoins d[e']\s*" + _N + _BETWEEN + "{field}"),
    ("gt", 1, r"\bplusieurs" + _BETWEEN + r"{field}|\b{field}\s+(?:a|par)\s+(?:plusieurs|plus d'une?)\b|"
              r"(?<!sans )(?<!non )(?<!pas )\bco-?pilot|\bpilotage\s+(?:partage|conjoint|commun)"),
    # "seule", "un seul pilote", "n'ont qu'un pilote", "sans copilote", "pilotées uniquement par la DSDS", "par la
    # DSDS seule".
    ("eq", 1, r"\b(?:sans|non|pas)\s+(?:de\s+)?co-?pilot|\bqu'une?\s+(?:seule?\s+)?{field}|"
              r"\b{field}\s+(?:uniquement|seulement|exclusivement)\s+par\b|"
              r"\b{field}\s+par\s+(?:la\s+|le\s+|l'|les\s+)?[\w-]+\s+seule?s?\b|"
              r"\bseule?s?\s+{field}|\bune? seule?" + _BETWEEN + r"{field}|\b{field}\s+uniques?\b|"
              r"\bunique\s+{field}|\b{field}\s+par\s+une?\s+seule?\b|\b{field}(?:-t-(?:elle|il))?\s+seule?s?\b"),
    # "sans partenaire", not "sans partenaire associatif": a qualified noun is not the whole field.
    ("eq", 0, r"\b(?:sans|aucune?|pas d[e'])\s*(?:aucune?\s+)?{field}(?:\s+associe(?:e|s|es)?)?"
              r"(?=\s*(?:$|[?,.;!]|et\b|ou\b|mais\b|qui\b|ni\b))"),
    # "2 pilotes ou plus", "pilotées par deux directions au moins".
    ("ge", None, r"\b" + _BARE_N + _BETWEEN + r"{field}\s+(?:ou plus|et plus|au moins|minimum)\b|"
                 r"\b{field}\s+(?:a|par)\s+" + _BARE_N + r"(?:\s+\w+)?\s+(?:ou plus|et plus|au moins)\b"),
    ("le", None, r"\b" + _BARE_N + _BETWEEN + r"{field}\s+(?:ou moins|au plus|maximum|au maximum)\b|"
                 r"\b{field}\s+(?:a|par)\s+" + _BARE_N + r"(?:\s+\w+)?\s+(?:ou moins|au plus|au maximum)\b"),
    ("eq", None, r"\b(?:exactement\s+)?" + _BARE_N + _BETWEEN + r"{field}|\b{field}\s+(?:a|par)\s+" + _BARE_N + r"\b"),
)

# Said only of the partenaires outside the Métropole: "des partenaires extérieurs" is at least one; "que des
# partenaires internes", "tous ses partenaires sont de la Métropole" none.
_OUTSIDE_READINGS: tuple[tuple[str, int, str], ...] = (
    ("gt", 0, r"\b(?:des|d'|un|une|au moins une?)\s*" + _OUTSIDE),
    ("eq", 0, r"\b(?:que|uniquement|seulement|exclusivement)\s+(?:des\s+|de\s+)?partenaires?\s+"
              r"(?:internes?|metropolitains?|de la metropole)\b|\btous\s+(?:les\s+|leurs\s+|ses\s+)?partenaires?\s+"
              r"(?:sont\s+)?(?:internes?|metropolitains?|de la metropole)\b"),
)

# How long a fiche runs, in calendar years of its calendrier ("annees": 2017-2018 is two), and when it
# ends ("fin"): "les fiches qui durent plus de trois ans", "les plus longues", "se terminent le plus tôt".
_LASTS = r"\b(?:dur(?:e|ent|ant|ee)|s'etal\w*\s+sur|s'eten\w*\s+sur|court\w*\s+sur|sur|pendant)\s+"
_YEARS = r"\s+ans?\b"
_TIME_READINGS: tuple[tuple[str, str, str], ...] = (
    ("annees", "most", r"\b(?:les?|la) plus longues?\b|\bdur\w* le plus(?: longtemps)?\b"),
    ("annees", "least", r"\b(?:les?|la) plus courtes?\b|\bdur\w* le moins(?: longtemps)?\b"),
    ("fin", "least", r"\b(?:se )?(?:termin|finiss|ach[e]v)\w* le plus tot\b"),
    ("fin", "most", r"\b(?:se )?(?:termin|finiss|ach[e]v)\w* le plus tard\b"),
    ("annees", "ge", _LASTS + r"(?:d')?au moins\s+" + _N + _YEARS),
    ("annees", "gt", _LASTS + r"(?:de\s+)?plus d[e']\s*" + _N + _YEARS),
    ("annees", "lt", _LASTS + r"(?:de\s+)?moins d[e']\s*" + _N + _YEARS),
    ("annees", "eq", _LASTS + r"(?:de\s+)?" + _N + _YEARS),
)


@dataclass(frozen=True)
class Count:
    """A condition on how many names a fiche field lists, or on its calendrier: `op` is eq, gt, ge, lt,
    le, between, most or least."""

    # "pilotes", "partenaires", "exterieurs" (partenaires outside the Métropole, kb/partners.py),
    # "indicateurs", "objectifs" (the items they list), "annees"
    # (how many years it runs) or "fin" (its last year).
    field: str
    op: str
    n: int = 0  # unused by most and least
    upto: int | None = None  # between: from n to upto, both included

    @property
    def shown(self) -> str:
        """The fiche field that shows the count: the calendrier for how long and until when."""
        return {"annees": "calendrier", "fin": "calendrier", "exterieurs": "partenaires"}.get(self.field, self.field)

    def select(self, counts: dict[str, int]) -> set[str]:
        """The keys of `counts` (fiche numbers) whose count meets the condition."""
        if self.op in ("most", "least"):
            best = (max if self.op == "most" else min)(counts.values(), default=None)
            return {key for key, count in counts.items() if count == best}
        if self.op == "between":
            return {key for key, count in counts.items() if self.n <= count <= (self.upto or self.n)}
        test = {"eq": int.__eq__, "gt": int.__gt__, "ge": int.__ge__, "lt": int.__lt__, "le": int.__le__}[self.op]
        return {key for key, count in counts.items() if test(count, self.n)}


# Every reading compiled once, in the order they are tried: (field, op, number, pattern).
_COMPILED: tuple[tuple[str, str, int | None, re.Pattern[str]], ...] = (
    *((field, op, n, re.compile(pattern.replace("{field}", word)))
      for op, n, pattern in _READINGS for field, word in _FIELD_WORDS),
    *(("exterieurs", op, n, re.compile(pattern)) for op, n, pattern in _OUTSIDE_READINGS),
    *((field, op, None, re.compile(pattern)) for field, op, pattern in _TIME_READINGS),
)


def read_count(low: str) -> tuple[Count, re.Match[str]] | None:
    """The count a folded list question asks for, with the words that asked it; None if it asks none."""
    for field, op, n, pattern in _COMPILED:
        if found := pattern.search(low):
            said = [_number(group) for group in found.groups() if group]  # an alternative's numbers
            if op == "between":
                return Count(field, op, min(said), max(said)), found
            return Count(field, op, said[0] if n is None and said else n or 0), found
    return None


def _number(said: str) -> int:
    return int(said) if said.isdigit() else _NUMBERS[said]
