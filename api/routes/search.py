"""GET /api/search, /api/export and /api/suggest."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import ServiceDep
from api.schemas import SearchAnswer, Suggestion, Suggestions
from kb.lexicon import fold
from kb.listing import fiche_line, organisation_line
from kb.search import Filters, SearchService, type_label

router = APIRouter(tags=["recherche"])

QueryText = Annotated[str, Query(min_length=1, max_length=500, description="La question (1 à 500 caractères)")]
K = Annotated[int, Query(ge=1, le=50, description="Nombre de passages (1 à 50)")]
TypeFilter = Annotated[Literal["livret", "fiches", "veille", "glossary", "other"] | None,
                       Query(description="Type de document")]
OrgFilter = Annotated[str | None, Query(max_length=100, description="Organisation (sigle ou nom)")]
RoleFilter = Annotated[Literal["pilote", "partenaire", "mention"] | None,
                       Query(description="Rôle de l'organisation")]
FicheFilter = Annotated[str | None, Query(max_length=10, pattern=r"^\d{1,3}(\.\d{1,2})?$",
                                          description="Numéro de fiche, par exemple 28.2")]
YearFilter = Annotated[int | None, Query(ge=1900, le=2100, description="Année")]
AxeFilter = Annotated[str | None, Query(max_length=200, description="Axe ou engagement")]
Exact = Annotated[bool, Query(description="Chercher les mots tels que tapés, sans corriger les fautes de frappe")]



def facets(answer: dict[str, Any], service: SearchService) -> dict[str, dict[str, int]]:
    """Counts by document type, axe, organisation and year among the results."""
    types: Counter[str] = Counter()
    axes: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    years: Counter[str] = Counter()
    fiches = {f.number: f for f in service.catalog.fiches}
    for res in answer["results"]:
        types[res["document"]["type"]] += 1
        fiche = fiches.get(res["fiche"]) if res["fiche"] else None
        path = res["section_path"]
        axe = fiche.axe if fiche and fiche.axe else (path[0] if res["document"]["type"] == "livret" and path else None)
        if axe:
            axes[axe] += 1
        if fiche:
            for org in {m.org for m in fiche.organisations if m.org in service.catalog.table.orgs}:
                orgs[org] += 1
            for year in range(min(fiche.years), max(fiche.years) + 1) if fiche.years else ():
                years[str(year)] += 1
    return {"type": dict(types.most_common()), "axe": dict(axes.most_common()),
            "organisation": dict(orgs.most_common(15)), "year": dict(sorted(years.items()))}


def run_search(service: SearchService, q: str, k: int, type: str | None = None, org: str | None = None,
               role: str | None = None, fiche: str | None = None, year: int | None = None,
               axe: str | None = None, exact: bool = False) -> dict[str, Any]:
    """Search with filters, and add the facets.

    Facets count the results of the question without filters, so that choosing
    "Livret" does not hide the other types a user may switch to.
    """
    org_id = service.catalog.table.resolve(org) if org else None
    filters = Filters(type=type, org=org_id, role=role, fiche=fiche, year=year, axe=axe)
    answer = service.search(q, k, filters, exact=exact)
    unfiltered = answer if filters == Filters() else service.search(q, k, exact=exact)
    answer["facets"] = facets(unfiltered, service)
    return answer


@router.get("/api/search", response_model=SearchAnswer, summary="Rechercher",
            description="Passages cités (document, fiche, section, page, mots surlignés) et, pour les "
                        "questions « quelles fiches… », la liste complète des fiches avec la ligne qui le prouve.")
def search(service: ServiceDep, q: QueryText, k: K = 10, type: TypeFilter = None, org: OrgFilter = None,
           role: RoleFilter = None, fiche: FicheFilter = None, year: YearFilter = None,
           axe: AxeFilter = None, exact: Exact = False) -> dict[str, Any]:
    """The search contract."""
    return run_search(service, q, k, type, org, role, fiche, year, axe, exact)


def _markdown(answer: dict[str, Any]) -> str:
    lines = [f"# Recherche : {answer['query']}", ""]
    if answer.get("organisations"):
        lines += ["## Organisations par nombre de fiches", ""]
        lines += [f"- **{organisation_line(o)}**" for o in answer["organisations"]]
        lines.append("")
    if answer["fiches"]:
        lines += ["## Fiches action", ""]
        for f in answer["fiches"]:
            lines.append(f"- **{fiche_line(f)}**")
            for c in f["citations"]:
                lines.append(f"  - « {c['text']} » (p. {c['page']})")
        lines.append("")
    lines += ["## Passages", ""]
    for rank, r in enumerate(answer["results"], 1):
        text = " ".join(r["text"].split())
        lines += [f"### {rank}. {r['citation']}", "", f"> {text}", "",
                  f"*Source : {r['document']['title']} ({type_label(r['document']['type'])})"
                  f"{', fiche ' + r['fiche'] if r['fiche'] else ''}"
                  f"{', p. ' + str(r['page']) if r['page'] else ''}.*", ""]
    return "\n".join(lines)


def _csv(answer: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rang", "document", "type", "fiche", "section", "page", "citation", "texte"])
    for rank, r in enumerate(answer["results"], 1):
        writer.writerow([rank, r["document"]["title"], r["document"]["type"], r["fiche"] or "", r["section"] or "",
                         r["page"] or "", r["citation"], " ".join(r["text"].split())])
    return out.getvalue()


@router.get("/api/export", summary="Exporter les résultats",
            description="Les résultats d'une recherche avec leurs citations complètes, en fichier Markdown "
                        "(pour un module de formation) ou CSV (pour un tableur).",
            responses={200: {"content": {"text/markdown": {}, "text/csv": {}}}})
def export(service: ServiceDep, q: QueryText, format: Annotated[Literal["md", "csv"], Query(
           description="md ou csv")] = "md", k: K = 10, type: TypeFilter = None, org: OrgFilter = None,
           role: RoleFilter = None, fiche: FicheFilter = None, year: YearFilter = None,
           axe: AxeFilter = None, exact: Exact = False) -> Response:
    """A file to paste into a module or a reply (same filters as the search)."""
    answer = run_search(service, q, k, type, org, role, fiche, year, axe, exact)
    # HTTP headers are Latin-1: the file name keeps only ASCII letters, digits and dashes.
    slug = "".join(c for c in "-".join(fold(q).split()) if (c.isascii() and c.isalnum()) or c == "-")[:40]
    slug = slug.strip("-") or "recherche"
    if format == "csv":
        return Response(_csv(answer), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="pms-{slug}.csv"'})
    return Response(_markdown(answer), media_type="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="pms-{slug}.md"'})


@router.get("/api/suggest", response_model=Suggestions, summary="Suggestions de saisie",
            description="Organisations (avec leur nom complet), fiches (numéro et titre) et documents "
                        "dont le nom commence par le texte saisi ou le contient.")
def suggest(service: ServiceDep, q: Annotated[str, Query(min_length=1, max_length=100)],
            limit: Annotated[int, Query(ge=1, le=20)] = 8) -> dict[str, Any]:
    """Up to `limit` suggestions."""
    needle = fold(q.strip())
    catalog = service.catalog
    found: list[tuple[int, Suggestion]] = []
    for org in catalog.table.orgs.values():
        names = [fold(org.id), fold(org.name)]
        if any(n.startswith(needle) for n in names) or (len(needle) >= 3 and needle in names[1]):
            found.append((0 if names[0].startswith(needle) else 1,
                          Suggestion(kind="organisation", label=f"{org.id} — {org.name}", value=org.id)))
    for fiche in catalog.fiches:
        if fiche.number.startswith(needle.removeprefix("fiche").strip()) or (len(needle) >= 3
                                                                            and needle in fold(fiche.title)):
            found.append((1, Suggestion(kind="fiche", label=f"Fiche {fiche.number} — {fiche.title}",
                                        value=f"fiche {fiche.number}")))
    for entry in service.manifest.documents.values():
        if len(needle) >= 2 and needle in fold(entry.title) and not entry.alternate_of:
            found.append((2, Suggestion(kind="document", label=entry.title, value=entry.title)))
    found.sort(key=lambda pair: pair[0])
    return {"suggestions": [s for _, s in found[:limit]]}
