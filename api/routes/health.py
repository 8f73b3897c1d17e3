"""GET /api/health: is the index searchable?"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StateDep
from kb import __version__

router = APIRouter(tags=["santé"])


@router.get("/api/health", summary="État du service",
            description="200 et les chiffres de l'index quand la recherche répond ; 503 avec "
                        "`status: indexing` pendant la première indexation (ou `error`).",
            responses={503: {"description": "Indexation en cours ou en erreur"}})
def health(state: StateDep) -> JSONResponse:
    """Status, documents, chunks, fiches and version."""
    indexer = state.indexer
    if not indexer.ready:
        body = {"status": "error" if indexer.status == "error" else "indexing", "detail": indexer.error,
                "version": __version__}
        return JSONResponse(body, status_code=503)
    manifest = state.service.manifest
    return JSONResponse({
        "status": "ok",
        "indexing": indexer.status == "indexing",
        "documents": len(manifest.documents),
        "chunks": sum(e.passages for e in manifest.documents.values()),
        "fiches": len(state.service.catalog.fiches),
        "version": __version__,
    })
