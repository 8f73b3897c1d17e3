"""Structured answers: the complete list of fiches a "which fiches…" question asks for, and for
"qui pilote le plus de fiches ?" the organisations ranked by their number of fiches.

The list comes from the catalogue, not from retrieval, so it is complete: every
fiche naming an organisation (in the role asked, if any), attached to a
programme, running in a year, printing a name, or of an axe, each with the
lines that prove it. Several organisations combine as the question says ("et",
"ou", "sans"); every other condition (a year, an axe, a programme) must hold too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from kb.catalog import Catalog, FicheMatch
from kb.understood import Understood


def list_fiches(u: Understood, catalog: Catalog) -> list[FicheMatch]:
    """The fiches that answer a list question, ordered as printed.

    Every condition the question sets must hold: "les fiches impliquant la CAF
    qui se terminent en 2020" are the CAF's fiches whose calendrier ends in 2020,
    and "quelles fiches de l'axe 3 impliquent la DRTU ?" those of the axe. Each
    fiche cites the lines proving each condition.
    """
    conditions = _conditions(u, catalog)
    if not conditions:
        # "liste des fiches", "combien de fiches ?": no condition, so every fiche of the plan answers.
        return [] if u.fiche or u.unknown_fiche else [catalog.titled(fiche) for fiche in catalog.fiches]
    wanted = set.intersection(*({m.fiche.number for m in matches} for matches in conditions))
    return _merged([m for matches in conditions for m in matches if m.fiche.number in wanted], catalog)


def _conditions(u: Understood, catalog: Catalog) -> list[list[FicheMatch]]:
    """The fiches meeting each condition of the question, one list per condition."""
    role = u.role if u.role in ("pilote", "partenaire") else None
    found = []
    if u.programme:
        found.append(catalog.by_programme(u.programme))
    naming = None
    if u.entity:
        groups = u.entity_groups or [u.entity]
        # "les Petits frères des pauvres ou les Restos du cœur": either; "logement et santé": each.
        alternatives = [[group] for group in groups] if u.combine == "any" and not u.organisations else [groups]
        held = (None, False) if u.entity_anywhere else (role, u.role_negated)
        naming = [m for alternative in alternatives
                  for m in _in_role(partial(catalog.by_text, alternative, field=u.entity_field), *held)]
        naming = _not_naming(naming, role, catalog) if u.entity_negated else naming
    if u.organisations or u.excluded:
        named = _by_organisations(u, catalog, role)
        if naming is not None and u.combine == "any":
            named, naming = named + naming, None  # "la DARI ou la DRH": either
        found.append(named)
    if u.year and u.year_mode:
        found.append(catalog.by_years(u.year, u.year_mode, u.year_relation, u.year_to))
    if u.end_year:
        found.append(catalog.by_years(u.end_year, "end"))
    if naming is not None:
        found.append(naming)
    if u.axe:
        of_axe = catalog.by_axe(u.axe)
        found.append(_not_naming(of_axe, None, catalog) if u.axe_negated else of_axe)
    if u.count:
        # Counted last, among the fiches the other conditions keep: "la fiche de l'axe 4 qui a le plus
        # de partenaires" is the most of the axe's, not of the plan's.
        among = set.intersection(*({m.fiche.number for m in matches} for matches in found)) if found else None
        found.append(catalog.by_count(u.count, among))
    return found


def rank_organisations(u: Understood, catalog: Catalog) -> list[dict[str, Any]]:
    """For "qui pilote le plus de fiches ?": the organisations by number of fiches naming them, most first.

    Only the fiches where the organisation holds the role asked count, if a role
    is asked; a programme (the PMIE) is what fiches belong to, not who acts in them.
    """
    role = u.role if u.role in ("pilote", "partenaire") else None
    ranked = []
    for row in catalog.organisation_summary():
        fiches = [number for number, roles in row["fiches"].items()  # type: ignore[attr-defined]
                  if (role in roles if role else set(roles) - {"programme"})]
        if fiches:
            ranked.append({"id": row["id"], "name": row["name"], "role": role, "fiche_count": len(fiches),
                           "fiches": fiches})
    return sorted(ranked, key=lambda r: -r["fiche_count"])  # ties stay in the table's order


def _merged(matches: list[FicheMatch], catalog: Catalog) -> list[FicheMatch]:
    """One entry per fiche, with the roles and citations of all its matches, ordered as printed."""
    seen: dict[str, FicheMatch] = {}
    for match in matches:
        kept = seen.get(match.fiche.number)
        if kept is None:
            seen[match.fiche.number] = FicheMatch(match.fiche, list(match.roles), list(match.citations))
            continue
        kept.roles = list(dict.fromkeys(kept.roles + match.roles))
        # A line naming both organisations ("Partenaires : ARS, …, UDCCAS") is cited once.
        printed = {(c.citation, c.page) for c in kept.citations}
        kept.citations = kept.citations + [c for c in match.citations if (c.citation, c.page) not in printed]
    return sorted(seen.values(), key=lambda m: catalog.fiches.index(m.fiche))


def _by_organisations(u: Understood, catalog: Catalog, role: str | None) -> list[FicheMatch]:
    """The fiches naming one, or each, of the organisations asked for, and none of those ruled out.

    With every organisation ruled out ("les fiches sans la DRTU"), all the other
    fiches, each cited by its pilote and partenaires lines: what shows that the
    organisation is not among them.
    """
    ruled_out = {m.fiche.number for org in u.excluded for held in u.excluded_roles or [role]
                 for m in catalog.by_organisation(org.id, held)}
    if not u.organisations:
        return [catalog.roster(fiche) for fiche in catalog.fiches if fiche.number not in ruled_out]
    # org_roles holds "pilote", "partenaire" or None, like `role`.
    matches = [m for org in u.organisations
               for m in _in_role(partial(catalog.by_organisation, org.id), u.org_roles.get(org.id, role),
                                 u.role_negated)]
    naming = Counter(m.fiche.number for m in matches)
    needed = len(u.organisations) if u.combine == "all" else 1
    return [m for m in _merged(matches, catalog)
            if naming[m.fiche.number] >= needed and m.fiche.number not in ruled_out]


def _not_naming(naming: list[FicheMatch], role: str | None, catalog: Catalog) -> list[FicheMatch]:
    """The fiches `naming` leaves out: by their pilote and partenaires lines when a role was read, else their title."""
    named = {m.fiche.number for m in naming}
    return [catalog.roster(fiche) if role else catalog.titled(fiche) for fiche in catalog.fiches
            if fiche.number not in named]


def _in_role(find: Callable[[str | None], list[FicheMatch]], role: str | None, negated: bool) -> list[FicheMatch]:
    """`find(role)`; or, for a role asked in the negative, the fiches naming the name in no such role."""
    if not (negated and role):
        return find(role)
    holding = {m.fiche.number for m in find(role)}
    return [m for m in find(None) if m.fiche.number not in holding]


def fiche_json(match: FicheMatch) -> dict[str, Any]:
    """A listed fiche as the search contract gives it: number, title, roles and citations."""
    f = match.fiche
    return {
        "number": f.number, "title": f.title, "roles": match.roles, "calendrier": f.calendrier,
        "years": f.years, "page": f.page, "pages": f.pages, "programme": f.programme, "axe": f.axe,
        "pilotes": f.pilotes, "partenaires": f.partenaires, "document_id": f.document_id,
        "citations": [{"text": c.citation, "page": c.page, "field": c.field, "role": c.role.value,
                       "organisation": c.org} for c in match.citations],
    }


def fiche_line(fiche: dict[str, Any]) -> str:
    """The heading of a listed fiche: "Fiche 56 — Title (pilote, partenaire) · p. 31".

    A fiche listed for a condition on its fields ("se terminent en 2018") has no
    role: no empty brackets then.
    """
    roles = f" ({', '.join(fiche['roles'])})" if fiche["roles"] else ""
    return f"Fiche {fiche['number']} — {fiche['title']}{roles} · p. {fiche['page']}"


def organisation_line(org: dict[str, Any]) -> str:
    """A ranked organisation: "UDCCAS (Union … d'Action Sociale) : 6 fiche(s) — 1.2, 28.2, 41.2…"."""
    return f"{org['id']} ({org['name']}) : {org['fiche_count']} fiche(s) — {', '.join(org['fiches'])}"
