"""GET /api/fiches and /api/fiches/{number}: the catalogue of fiches action."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from api.deps import ServiceDep
from api.schemas import FicheList
from kb.errors import NotFound
from kb.models import Fiche
from kb.search import SearchService

router = APIRouter(tags=["fiches"])


def fiche_json(fiche: Fiche, service: SearchService) -> dict[str, Any]:
    """Every field of a fiche, its page(s) and its document."""
    data = fiche.model_dump(mode="json")
    data["page"] = fiche.page
    entry = service.manifest.documents.get(fiche.document_id)
    data["document"] = {"id": fiche.document_id, "title": entry.title if entry else fiche.document_id}
    return data



@router.get("/api/fiches", response_model=FicheList, summary="Lister les fiches action",
            description="Toutes les fiches, ou celles où une organisation apparaît (dans un rôle donné), "
                        "celles qu'elle pilote, ou celles dont le calendrier couvre une année.")
def list_fiches(
    service: ServiceDep,
    org: Annotated[str | None, Query(max_length=100, description="Organisation (sigle ou nom)")] = None,
    role: Annotated[Literal["pilote", "partenaire", "mention"] | None, Query(description="Rôle de `org`")] = None,
    pilote: Annotated[str | None, Query(max_length=100, description="Organisation pilote")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Année couverte par le calendrier")] = None,
) -> dict[str, Any]:
    """The fiches matching the filters, in the order of their numbers."""
    catalog = service.catalog
    selected = catalog.fiches
    if org:
        keep = {m.fiche.number for m in catalog.by_organisation(catalog.table.resolve(org), role)}
        selected = [f for f in selected if f.number in keep]
    if pilote:
        keep = {m.fiche.number for m in catalog.by_organisation(catalog.table.resolve(pilote), "pilote")}
        selected = [f for f in selected if f.number in keep]
    if year:
        selected = [f for f in selected if f.years and min(f.years) <= year <= max(f.years)]
    return {"fiches": [fiche_json(f, service) for f in selected]}


@router.get("/api/fiches/{number}", summary="Une fiche action",
            description="La fiche complète : tous ses champs, ses organisations avec leur rôle et la ligne "
                        "qui le prouve, et sa ou ses pages.", responses={404: {"description": "Fiche inconnue"}})
def get_fiche(service: ServiceDep, number: Annotated[str, Path(max_length=10, description="Numéro, ex. 28.2")]
              ) -> dict[str, Any]:
    """One fiche, or 404."""
    fiche = service.catalog.fiche(number)
    if fiche is None:
        raise NotFound(f"aucune fiche {number}")
    return fiche_json(fiche, service)
