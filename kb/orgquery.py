"""Organisations in a question: which are named, the role asked of each, and how they combine.

"Quelles fiches impliquent l'UDCCAS et l'ARS ?" wants the fiches naming both,
"l'UDCCAS ou l'ARS" either, "l'UDCCAS sans la DRTU" rules the DRTU's out;
"pilotées par la DSDS, impliquant la CAF" asks a role of each. Names are found
by acronym, full name (an inner word may be missing from a long one) or an
acronym one letter off ("UDCAS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as _field

from kb.catalog import Catalog
from kb.lexicon import fold, french
from kb.spelling import within_one_edit

_ROLES = (
    # In English too, as some type it: "fiches w/ mdm as pilot", "led by the DSDS", "as a partner".
    ("pilote", r"\bpilot(?:e|ee|es|ees|ent|er)\b|\bpilotage\b|\bportee?s? par\b"
               r"|\bas (?:a )?pilots?\b|\bpiloted\b|\bled by\b"),
    ("partenaire", r"\bpartenaires?\b|\bassociee?s?\b|\ben partenariat\b|\bas (?:a )?partners?\b"),
)

# Between two organisations of a list question: "et" wants both, "ou" either; "sans" rules one out.
# "sans la DRTU", "mais pas la DRTU", and "pas pilotées par la DSDS": the name just after is ruled out.
EXCLUDE_LEAD = (r"(?:\bsans|\bmais pas|\bhors|\bsauf|\bexcepte|\bl'exception d\w*|\bpas|\bnon|\bni"
                r"|\baucune mention|\ben excluant|\bexcluant)"
                r"(?:\s+(?:celles?|ceux|que|etre))?"  # "sauf celles de la DSDS", "sans que les CCAS…", "sans être…"
                r"(?:\s+(?:pilot|associ|impliqu|mentionn|cit)\w*)?(?:\s+(?:la|le|les|l'|de|du|des|d'|avec|par))*\s*")
_EXCLUDE_RE = re.compile(EXCLUDE_LEAD + "$")
# "où la DRTU n'apparaît pas", "où la CAF ne figure pas": the name just before is ruled out.
# ("n'est pas pilote" is a role asked in the negative, read elsewhere.)
_ABSENT_AFTER_RE = re.compile(r"[^,;?]{0,12}?(?:\bn'|\bne\s+)(?:y\s+)?(?:apparai|figur|intervien|participe|"
                              r"est\s+(?:pas\s+|jamais\s+)(?:cite|mentionne|implique|associe|present|nomme)|"
                              r"sont\s+pas\s+(?:cite|mentionne|implique|associe|present))")
_AND_RE = re.compile(r"\bet\b|\bainsi que\b|\ba la fois\b|\bensemble\b|\bconjointement\b")
_OR_RE = re.compile(r"\bou\b|\bsoit\b")
# "l'UDCCAS comme partenaire", "l'ARS est partenaire", "la CAF en est pilote": a role right after a name.
_POSTPOSED_ROLE_RE = re.compile(r"\s*(?:(?:en\s+)?(?:est|sont)\s+(?:(?:comme|en tant que|en)\s+)?"
                                r"|(?:comme|en tant que|pour|en)\s+)(?:co-?)?(pilote|partenaire)s?\b")
# A short word in lowercase right before a role ("fiches dr partenaire"): capitals are found by the table.
_HELD_RE = re.compile(r"\b([a-z]{2,4})\s+(?=(?:co-?)?(?:pilote|partenaire)s?\b)")
# A role held "with" the next name: "la DDSHE copilote-t-elle avec la DIE ?" asks the fiches both pilot.
_WITH_ROLE_RE = re.compile(r"(?:co-?)?(?:pilot|partenai)\w*(?:-t-(?:elle|il)s?)?\s+(?:avec|aux cotes d[eu]s?)"
                           r"(?:\s+(?:la|le|les|l'))?")
# Words that only join two names ("et l'", ", la", "ou du"): the names share one condition.
_JOIN_RE = re.compile(r"(?:,|et|ou|ainsi que|a la fois|mais aussi)?\s*(?:(?:la|le|les|l'|de|du|des|d')\s*)*")


@dataclass
class OrgRef:
    """An organisation recognised in the question."""

    id: str
    name: str
    matched: str


def said_at(low: str, org: OrgRef) -> re.Match[str] | None:
    """Where the folded question `low` names `org` as typed: a whole word, not inside another ("DR" in "DRH")."""
    return re.search(rf"(?<!\w){re.escape(fold(org.matched))}(?!\w)", low)


def find_organisations(question: str, catalog: Catalog, listing: bool = False) -> list[OrgRef]:
    """Organisations named in a question, by acronym, full name or a near-miss acronym.

    In a list question ("quelles fiches impliquent la caf"), what the fiches must
    name is an organisation: a lowercase acronym counts unless it is a common word.
    """
    found: dict[str, OrgRef] = {}
    for hit in catalog.table.find(question, case_sensitive=False, near=True):
        org = catalog.table.get(hit.org)
        # Listing, only a very common word stays a word: "la die" is the DIE, though foreign text gives
        # "die" a French frequency (zipf 4.1); "de" (7.7) and "dr" (4.6) stay words.
        if org and not _is_plain_word(question[hit.start:hit.end], org.id, 4.5 if listing else 3.0):
            found.setdefault(org.id, OrgRef(org.id, org.name, question[hit.start:hit.end]))
    lexicon = french()
    # Right before a role, a short acronym typed in lowercase is the name holding it: "fiches dr partenaire"
    # is the DR's (not "le rôle de pilote": "de" is too common a word to be anyone).
    for held in _HELD_RE.finditer(question):
        oid = catalog.table.by_acronym(held.group(1))
        if oid and (org := catalog.table.get(oid)) and lexicon.zipf(held.group(1)) < 5.0:
            found.setdefault(oid, OrgRef(oid, org.name, held.group(1)))
    for word in re.findall(r"[A-Za-zÀ-ÿ]{5,}", question):
        if fold(word) in {fold(o.matched) for o in found.values()} or lexicon.zipf(word.lower()) >= 2.5:
            continue
        for org in catalog.table.orgs.values():
            if len(org.id) >= 5 and within_one_edit(fold(word), fold(org.id), swaps=False):
                found.setdefault(org.id, OrgRef(org.id, org.name, word))
    return list(found.values())


@dataclass
class Combined:
    """The organisations of a list question, as the words between them combine them."""

    wanted: list[OrgRef]
    combine: str | None = None
    excluded: list[OrgRef] = _field(default_factory=list)
    # The role asked of each wanted organisation, when the question asks different ones.
    roles: dict[str, str | None] = _field(default_factory=dict)


def role_match(text: str) -> tuple[str, re.Match[str]] | None:
    return next(((name, found) for name, pattern in _ROLES if (found := re.search(pattern, text))), None)


def _role_in(text: str) -> str | None:
    found = role_match(text)
    return found[0] if found else None


def combine_organisations(question: str, orgs: list[OrgRef]) -> Combined:
    """Split the organisations of a list question: those wanted, "all" or "any" of them, those ruled out.

    Read from the words between the names: "l'UDCCAS et l'ARS" (or "à la fois")
    wants fiches naming both, "l'UDCCAS ou l'ARS" either, "l'UDCCAS sans la DRTU"
    rules the DRTU's fiches out. A name in full holding "et" ("Direction de
    l'Habitat et du Logement") is one name: only the words between names count.
    When every name is ruled out ("les fiches sans la DRTU", "pas pilotées par la
    DSDS"), none is wanted: the answer is the fiches naming none of them.
    Names joined by "et", "ou" or a comma share the role asked ("pilotées par
    l'UDCCAS et la DRTU"); other words between two names are a second condition
    with its own role ("pilotées par la DSDS qui impliquent la CAF").
    """
    low = fold(question)
    placed = sorted(((found.start() if (found := said_at(low, o)) else -1, o) for o in orgs), key=lambda x: x[0])
    wanted: list[OrgRef] = []
    excluded: list[OrgRef] = []
    links: list[str] = []
    lead = ""  # the words before the first name wanted
    end = 0
    starts = [*(start for start, _ in placed[1:]), len(low)]
    for (start, org), following in zip(placed, starts, strict=True):
        between = low[end:start] if start >= end else ""
        after = low[start + len(org.matched):following] if start >= 0 else ""
        if start >= 0 and (_EXCLUDE_RE.search(between) or _ABSENT_AFTER_RE.match(after)):
            excluded.append(org)
        else:
            if wanted:
                links.append(between)
            else:
                lead = low[:max(start, 0)]
            wanted.append(org)
        end = max(end, start + len(org.matched))
    if len(wanted) < 2:
        return Combined(wanted, None, excluded)
    shared = [bool(_WITH_ROLE_RE.fullmatch(x.strip())) for x in links]
    gaps = [not _JOIN_RE.fullmatch(x.strip()) and not with_role for x, with_role in zip(links, shared, strict=True)]
    either = any(_OR_RE.search(x) for x in links)
    both = "a la fois" in low or any(shared) or (not either and (any(gaps) or any(_AND_RE.search(x) for x in links)))
    roles: dict[str, str | None] = {}
    if any(gaps):
        # Groups of names joined by "et", "ou" or a comma; each group takes the role named before it.
        groups: list[tuple[str | None, list[OrgRef]]] = [(_role_in(lead), [wanted[0]])]
        for org, link, gap in zip(wanted[1:], links, gaps, strict=True):
            # "l'UDCCAS comme partenaire et la DSDS …": a role right after a name is that name's.
            after = _POSTPOSED_ROLE_RE.match(link)
            if after and groups[-1][0] is None:
                groups[-1] = (after.group(1), groups[-1][1])
                link = link[after.end():]
            if gap:
                groups.append((_role_in(link), [org]))
            else:
                groups[-1][1].append(org)
        # "… impliquant la CAF ont la DSDS pour pilote": a role named after the last name is its group's.
        if groups[-1][0] is None:
            groups[-1] = (_role_in(low[end:]), groups[-1][1])
        roles = {org.id: role for role, members in groups for org in members}
    return Combined(wanted, "all" if both else "any", excluded, roles)


def _is_plain_word(surface: str, oid: str, common: float = 3.0) -> bool:
    # "de", "dr" or "pass" written in lowercase in a question are words, not the DE, the DR or the PASS.
    return surface.islower() and " " not in surface and french().zipf(surface) >= common and len(oid) <= 4
