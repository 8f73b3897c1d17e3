"""POST /api/ingest and POST /api/reindex: the admin endpoints (bearer token required)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from starlette.concurrency import run_in_threadpool

from api.deps import AdminDep, IndexerDep, SettingsDep
from api.schemas import IngestAnswer, ReindexAnswer
from kb.errors import FileTooLarge, UnreadableFile

router = APIRouter(tags=["administration"])
_ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Jeton manquant ou faux"},
    403: {"description": "Administration désactivée (pas de KB_ADMIN_TOKEN)"},
    409: {"description": "Une indexation est déjà en cours"},
}


@router.post("/api/ingest", response_model=IngestAnswer, status_code=201, summary="Déposer un document",
             description="Dépose un PDF, un texte ou un Markdown (champ `file`) et l'indexe. Au-delà de "
                         "KB_MAX_UPLOAD_MB : 413 ; type non pris en charge (vérifié sur le contenu) : 415 ; "
                         "fichier illisible : 422 avec la raison.",
             responses={**_ADMIN_ERRORS, 413: {"description": "Fichier trop gros"},
                        415: {"description": "Type non pris en charge"}, 422: {"description": "Illisible"}})
async def ingest_file(_: AdminDep, indexer: IndexerDep, settings: SettingsDep,
                      file: Annotated[UploadFile, File(description="Le fichier à indexer")]) -> dict[str, Any]:
    """Save and index one uploaded file."""
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise FileTooLarge(f"file too large: the limit is {settings.max_upload_mb} MB")
    if not data:
        raise UnreadableFile("empty file")
    return await run_in_threadpool(indexer.ingest_upload, file.filename or "document", data)


@router.post("/api/reindex", response_model=ReindexAnswer, summary="Réindexer",
             description="Remet l'index en accord avec le corpus et les dépôts : les fichiers nouveaux ou "
                         "modifiés sont indexés, les disparus retirés. Les recherches continuent d'être "
                         "servies pendant ce temps. Une seule réindexation à la fois (409).",
             responses=_ADMIN_ERRORS)
def reindex(_: AdminDep, indexer: IndexerDep) -> dict[str, Any]:
    """Reindex and return the report."""
    return indexer.reindex().to_json()
