"""Structured answers: the complete list of fiches a "which fiches…" question asks for.

The list comes from the catalogue, not from retrieval, so it is complete: every
fiche naming an organisation (in the role asked, if any), attached to a
programme, running in a year, printing a name, or of an axe, each with the
lines that prove it. Several organisations combine as the question says ("et",
"ou", "sans"); an axe narrows any other condition.
"""

from __future__ import annotations

from typing import Any

from kb.catalog import Catalog, FicheMatch
from kb.query import Understood


def list_fiches(u: Understood, catalog: Catalog) -> list[FicheMatch]:
    """The fiches that answer a list question, ordered as printed."""
    matches = _listed(u, catalog)
    if u.axe:
        # "Quelles fiches de l'axe 3 impliquent la DRTU ?": the axe narrows the list.
        matches = [m for m in matches if m.fiche.axe == u.axe] if matches or _conditioned(u) \
            else catalog.by_axe(u.axe)
    return matches


def _conditioned(u: Understood) -> bool:
    return bool(u.programme or u.organisations or (u.year and u.year_mode) or u.entity)


def _listed(u: Understood, catalog: Catalog) -> list[FicheMatch]:
    role = u.role if u.role in ("pilote", "partenaire") else None
    if u.programme:
        # A programme is also in the acronym table (PMIE), but "attached to" means its fiches.
        return catalog.by_programme(u.programme)
    if u.organisations:
        return _by_organisations(u, catalog, role)
    if u.year and u.year_mode:
        return catalog.by_years(u.year, u.year_mode)
    if u.entity:
        return catalog.by_text(u.entity_groups or [u.entity], role)
    return []


def _by_organisations(u: Understood, catalog: Catalog, role: str | None) -> list[FicheMatch]:
    # One entry per fiche, with the roles and lines of every organisation asked for.
    seen: dict[str, FicheMatch] = {}
    naming: dict[str, int] = {}
    for org in u.organisations:
        # org_roles holds "pilote", "partenaire" or None, like `role`.
        for match in catalog.by_organisation(org.id, u.org_roles.get(org.id, role)):
            number = match.fiche.number
            naming[number] = naming.get(number, 0) + 1
            if number in seen:
                kept = seen[number]
                kept.roles = list(dict.fromkeys(kept.roles + match.roles))
                # A line naming both organisations ("Partenaires : ARS, …, UDCCAS") is cited once.
                printed = {(c.citation, c.page) for c in kept.citations}
                kept.citations = kept.citations + [c for c in match.citations if (c.citation, c.page) not in printed]
            else:
                seen[number] = FicheMatch(match.fiche, list(match.roles), list(match.citations))
    ruled_out = {m.fiche.number for org in u.excluded for m in catalog.by_organisation(org.id, role)}
    needed = len(u.organisations) if u.combine == "all" else 1
    kept_matches = [m for number, m in seen.items() if naming[number] >= needed and number not in ruled_out]
    return sorted(kept_matches, key=lambda m: catalog.fiches.index(m.fiche))


def fiche_json(match: FicheMatch) -> dict[str, Any]:
    """A listed fiche as the search contract gives it: number, title, roles and citations."""
    f = match.fiche
    return {
        "number": f.number, "title": f.title, "roles": match.roles, "calendrier": f.calendrier,
        "years": f.years, "page": f.page, "pages": f.pages, "programme": f.programme, "axe": f.axe,
        "pilotes": f.pilotes, "document_id": f.document_id,
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
