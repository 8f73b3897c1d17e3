"""GET /api/documents, GET and DELETE /api/documents/{id}: documents and their text, for the viewer."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import AdminDep, IndexerDep, ServiceDep
from api.schemas import DocumentSummary
from kb.errors import NotFound
from kb.models import DocumentEntry, Manifest

router = APIRouter(tags=["documents"])
DocId = Annotated[str, Path(max_length=120, pattern=r"^[a-z0-9-]+$", description="Identifiant du document")]


def summary(entry: DocumentEntry, manifest: Manifest) -> dict[str, Any]:
    """A document's metadata, with its alternate versions."""
    return {
        "id": entry.id, "title": entry.title, "type": entry.type.value, "date": entry.date, "pages": entry.pages,
        "passages": entry.passages, "fiches": entry.fiches, "alternate_of": entry.alternate_of,
        "alternates": sorted(e.id for e in manifest.documents.values() if e.alternate_of == entry.id),
        "file": FilePath(entry.source).name, "ocr_score": entry.ocr_score,
    }


@router.get("/api/documents", response_model=list[DocumentSummary], summary="Lister les documents",
            description="Les documents indexés, avec leur type, leur date, leurs pages et leurs autres versions.")
def list_documents(service: ServiceDep) -> list[dict[str, Any]]:
    """Every live document."""
    manifest = service.manifest
    return [summary(e, manifest) for e in sorted(manifest.documents.values(), key=lambda e: e.title)]


@router.get("/api/documents/{doc_id}", summary="Un document et son texte",
            description="Les métadonnées du document, son texte complet, ses pages et sa table des matières "
                        "(sections avec leur position et leur page), pour la visionneuse. Indique la version "
                        "alternative (copie OCR) s'il y en a une.", responses={404: {"description": "Inconnu"}})
def get_document(service: ServiceDep, doc_id: DocId) -> dict[str, Any]:
    """One document, or 404."""
    doc = service.document(doc_id)
    entry = service.manifest.documents.get(doc_id)
    if doc is None or entry is None:
        raise NotFound(f"aucun document {doc_id!r}")
    toc: list[dict[str, Any]] = []
    last: list[str] = []
    for block in doc.blocks:
        if block.section and block.section != last:
            for level, title in enumerate(block.section):
                if level >= len(last) or last[level] != title:
                    toc.append({"title": title, "level": level + 1, "start": block.start,
                                "page": doc.page_at(block.start)})
            last = block.section
    return {
        **summary(entry, service.manifest),
        "text": doc.text,
        "page_spans": [p.model_dump() for p in doc.pages],
        "toc": toc,
        "fiche_numbers": [f.number for f in doc.fiches],
        "paged": doc.paged,
    }


@router.delete("/api/documents/{doc_id}", summary="Supprimer un document",
               description="Retire un document déposé (et son fichier). Un document du dossier corpus se "
                           "retire en supprimant son fichier puis en réindexant (409). Jeton d'administration "
                           "requis.", responses={401: {"description": "Jeton manquant ou faux"},
                                                  403: {"description": "Administration désactivée"},
                                                  404: {"description": "Inconnu"},
                                                  409: {"description": "Document du corpus"}})
def delete_document(_: AdminDep, indexer: IndexerDep, doc_id: DocId) -> dict[str, Any]:
    """Remove an uploaded document."""
    return indexer.delete(doc_id)
