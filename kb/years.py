"""What a question says of the calendrier: a year or a span of years, which end of it, and how it compares.

"se terminent en 2018" asks of the calendrier's end, "lancées en 2017" of its
start, "les fiches 2019" of any year it runs; "avant 2020" is strictly before,
"d'ici 2020" includes it; "entre 2019 et 2021" is any year of the span and
"toute la période 2017-2022" every one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR_RE = re.compile(r"\b(20\d\d)\b")
_YEAR_MODES = (
    # Whole words where a word holds them: "afin de" is no "fin", and "des" (folded "dès") only before a year.
    ("end", r"(?:se termin|termin[ée]|s'ach[èe]v|ach[èe]v|\bfin(?:issent|it)?\b|jusqu|prennent fin|expir|"
            r"[ée]ch[ée]ance|arr[êe]t)"),
    ("start", r"(?:commenc|d[ée]but|d[ée]marr|lanc[ée]|[àa] partir|\bd[èe]s\s+(?:l'an\s+)?20\d\d)"),
)
# "sur toute la durée du plan": the fiches whose calendrier runs from the plan's first year to its last.
WHOLE_PLAN_RE = re.compile(r"\btout(?:e)? (?:la )?(?:duree|periode|long) d[ue] (?:plan|pms|projet)\b")
# Before a span of years, "toute la période 2017-2022" or "couvrent 2017-2022": every year of it, not any.
_THROUGHOUT_RE = re.compile(r"\btoute?s?\s+(?:la\s+|les\s+)?(?:duree|periode|long|annees)\b|\bcouvr|\bl'ensemble de\b|"
                            r"\bcour(?:ent|t|ant)\s+(?:sur\s+)?(?:de\s+)?$")
# "entre 2019 et 2021", "2017-2022", and two years in a row said either way: "en 2020 ou 2021".
_YEAR_SPAN_RE = re.compile(r"\b(?:entre|de)\s+(20\d\d)\s+(?:et|a)\s+(20\d\d)\b|\b(20\d\d)\s*[-–/]\s*(20\d\d)\b|"
                           r"\b(20\d\d)\s+ou\s+(?:en\s+)?(20\d\d)\b")
# "avant 2020" is strictly before; "d'ici 2020" and "au plus tard en 2020" include 2020.
_YEAR_RELATIONS = (("before", r"\b(?:avant|anterieure?s? a)"), ("after", r"\b(?:apres|au-?dela de|posterieure?s? a)"),
                   ("by", r"\b(?:d'ici(?: a)?|au plus tard(?: en| fin)?)"))
# The words that only introduce a year, taken out with it when the page cuts the year from the question.
_YEAR_LEAD = (r"\b(?:en|pour|de|depuis|avant|apres|des|jusqu'(?:en|a)|d'ici(?: a)?|a partir de|"
              r"au plus tard(?: en| fin)?|au-?dela de|(?:anterieure?s?|posterieure?s?) a)\s+(?:l'an\s+)?")


@dataclass
class Years:
    """The calendrier condition a question sets (the fields of `understood` of the same names)."""

    year: int
    mode: str  # "end", "start" or "during"
    relation: str | None = None  # "before", "after", "by", "between", "throughout"
    upto: int | None = None  # the span's last year
    end_year: int | None = None  # "lancées en 2017 et terminées en 2018": the end's year, `year` the start's


def read_years(low: str) -> Years | None:
    """The years a folded question names, and how; None if it names none."""
    years = list(_YEAR_RE.finditer(low))
    if not years:
        return None
    year = years[0]
    relation = next((r for r, pat in _YEAR_RELATIONS if re.search(pat + r"\s+(?:l'an\s+)?" + year.group(1), low)), None)
    said = Years(int(year.group(1)), _year_mode(low) or "during", relation)
    span = _YEAR_SPAN_RE.search(low)
    first, last = [int(g) for g in span.groups() if g] if span else (0, 0)
    if span and span.group(5) and last != first + 1:
        span = None  # "2018 ou 2020" is not 2019
    if span and first <= last:
        said.year, said.upto = first, last
        said.relation = "throughout" if _THROUGHOUT_RE.search(low[:span.start()]) else "between"
    elif len(years) == 2:
        # Each year takes the words just before it: "lancées en 2017 et terminées en 2018".
        modes = [_year_mode(low[start:found.start()]) for start, found in zip((0, years[0].end()), years, strict=True)]
        if modes == ["start", "end"] or modes == ["end", "start"]:
            start_year, end_year = (years[0], years[1]) if modes[0] == "start" else (years[1], years[0])
            said = Years(int(start_year.group(1)), "start", end_year=int(end_year.group(1)))
    return said


def year_said(low: str, year: int, relation: str | None) -> tuple[re.Match[str] | None, str]:
    """Where the folded question says its year (or span), and the words that only introduce it."""
    if relation == "throughout":
        return WHOLE_PLAN_RE.search(low) or _YEAR_SPAN_RE.search(low), r"\b(?:sur|pendant|durant)\s+"
    if relation == "between":
        return _YEAR_SPAN_RE.search(low), r"\b(?:en|sur|pour)\s+"
    return re.search(rf"\b{year}\b", low), _YEAR_LEAD


def _year_mode(text: str) -> str | None:
    """What of the calendrier `text` asks about: its "end", its "start", or nothing said."""
    return next((mode for mode, pattern in _YEAR_MODES if re.search(pattern, text)), None)
