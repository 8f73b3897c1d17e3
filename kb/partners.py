"""Which of a fiche's partenaires are outside the Métropole: "les fiches sans partenaire extérieur".

A fiche prints its partenaires in groups, each after a "›": "› Métropole : MDM, DSDS…" for the
Métropole's own services, then "› Partenaires : UDCCAS, Communes / CCAS" (or a group with no
label) for the others. The "Métropole :" group also lists outside bodies at times ("› Métropole :
MDM, DHL, …, ARS, CCAS…"): those the glossary files under its partners, not under the Métropole's
organisation, are outside too. A name the glossary does not know, under "Métropole :", is taken
as the fiche files it.
"""

from __future__ import annotations

import re

from kb.lexicon import fold
from kb.organisations import OrgTable

_GROUP_RE = re.compile(r"›")
# "Métropole :" opens the Métropole's group; another label ("Partenaires :") or none opens the others'.
_LABEL_RE = re.compile(r"^\s*([^:,]{1,40}?)\s*:\s*")
_INLINE_PARTNERS_RE = re.compile(r",?\s*\bPartenaires\s*:\s*", re.IGNORECASE)


def _names(text: str) -> list[str]:
    """The names of a list, split at commas, semicolons and slashes outside brackets: "Économie sociale et
    solidaire (Alterincub, Lecentsept et Rhonalpia)" is one name."""
    names, current, depth = [], "", 0
    for char in " ".join(text.split()) + ",":
        depth += (char == "(") - (char == ")")
        if char in ",;/" and depth <= 0:
            names.append(current.strip(" .…"))
            current, depth = "", 0
        else:
            current += char
    return [name for name in names if name]


def outside_metropole(partenaires_text: str, table: OrgTable) -> list[str]:
    """The names of a fiche's partenaires field that are outside the Métropole, in the order printed."""
    outside: list[str] = []
    for group in _GROUP_RE.split(partenaires_text):
        if not group.strip():
            continue
        label = _LABEL_RE.match(group)
        body = group[label.end():] if label else group
        if label and fold(label.group(1)).startswith("metropole"):
            # "… SEDD (Service Écologie…), Partenaires : Économie Sociale et Solidaire…": one line, two groups.
            own, *others = _INLINE_PARTNERS_RE.split(body, maxsplit=1)
            outside += [name for name in _names(own) if _filed_as_partner(name, table)]
            outside += _names("".join(others))
        else:
            outside += _names(body)
    return outside


def _filed_as_partner(name: str, table: OrgTable) -> bool:
    """True when the glossary files an organisation the name holds under its partners."""
    return any(fold(table.orgs[hit.org].category or "").startswith("partenaire")
               for hit in table.find(name) if hit.org in table.orgs)
