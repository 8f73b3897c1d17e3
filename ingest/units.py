"""Units: the sentences or list items a passage is made of, embedded one by one.

A question often matches one sentence of a passage ("un lieu d'accueil
social commun") while the passage vector averages several ideas. Scoring a
passage by its best unit as well (max-sim) finds those; a passage of one unit
needs no extra embedding, its own vector is the unit's.
"""

from __future__ import annotations

import re

_SENTENCE_END_RE = re.compile(r"(?<=[.!?…;])\s+(?=[«A-ZÀ-Þ0-9•›\-])")
_LINE_RE = re.compile(r"\n+|\s(?=[•›]\s)|(?<=:)\s+(?=[•›-])")
MIN_WORDS = 6


def split_units(text: str) -> list[str]:
    """Sentences and list items of a passage; very short ones join their neighbour."""
    parts: list[str] = []
    for line in _LINE_RE.split(text):
        line = line.strip()
        if line:
            parts.extend(s.strip() for s in _SENTENCE_END_RE.split(line) if s.strip())
    units: list[str] = []
    for part in parts:
        if units and len(units[-1].split()) < MIN_WORDS:
            units[-1] = f"{units[-1]} {part}"
        else:
            units.append(part)
    if len(units) > 1 and len(units[-1].split()) < MIN_WORDS:
        last = units.pop()
        units[-1] = f"{units[-1]} {last}"
    return units or [text]
