"""GET /api/organisations: the acronym table with the fiches of each organisation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ServiceDep

router = APIRouter(tags=["organisations"])


@router.get("/api/organisations", summary="Sigles et organisations",
            description="La table des sigles (glossaire) : pour chaque organisation, son nom complet, le nombre "
                        "de fiches où elle apparaît et, par fiche, ses rôles (pilote, partenaire, mention).")
def organisations(service: ServiceDep) -> dict[str, Any]:
    """The acronym table."""
    return {"organisations": service.catalog.organisation_summary()}
