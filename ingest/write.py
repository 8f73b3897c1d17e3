"""Write stage: points under a new revision, then one switch of the manifest, then cleanup.

A reader never sees a mix: the new revision's passages are written first
(invisible, since the manifest does not list that revision yet), the
manifest is replaced in one point write (the switch), and only then are the
old revision's passages deleted. A crash at any moment leaves either the old
document or the new one live, plus unlisted points that the next ingest
deletes.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from haystack import component
from qdrant_client import models

from ingest.dedup import canonical_of, covered_passages, minhash
from kb.models import INDEX_VERSION, DocumentEntry, Manifest, ParsedDocument, Passage
from kb.store import DENSE, SPARSE, UNIT, Store, unit_id

# Manifest updates are read-modify-write: one at a time in this process.
COMMIT_LOCK = threading.Lock()


def to_points(passages: list[Passage], dense: list[list[float]],
              sparse: list[tuple[list[int], list[float]]]) -> list[models.PointStruct]:
    """Qdrant points of passages and their vectors."""
    return [
        models.PointStruct(
            id=p.id,
            vector={DENSE: d, SPARSE: models.SparseVector(indices=s[0], values=s[1])},
            payload=p.model_dump(mode="json"),
        )
        for p, d, s in zip(passages, dense, sparse, strict=True)
    ]


def to_unit_points(passages: list[Passage], units: list[list[list[float]]]) -> list[models.PointStruct]:
    """Qdrant points of the units of each passage (their payload names the passage)."""
    return [
        models.PointStruct(id=unit_id(p.id, i), vector={UNIT: vector},
                           payload={"passage": p.id, "rev": p.rev, "doc_id": p.doc_id})
        for p, vectors in zip(passages, units, strict=True)
        for i, vector in enumerate(vectors)
    ]


def make_entry(doc: ParsedDocument, rev: str, passages: int) -> DocumentEntry:
    """The manifest entry of a freshly written document revision."""
    return DocumentEntry(
        id=doc.id, rev=rev, source=doc.source, sha256=doc.sha256, title=doc.title, type=doc.type,
        date=doc.date, pages=len({p.number for p in doc.pages}), passages=passages, fiches=len(doc.fiches),
        ocr_score=doc.ocr_score, minhash=doc.minhash or minhash(doc.text),
        indexed_at=datetime.now(UTC).isoformat(timespec="seconds"), index_version=INDEX_VERSION,
    )


def _passages_of(store: Store, entry: DocumentEntry, known: dict[str, list[Passage]]) -> list[Passage]:
    if entry.id in known:
        return known[entry.id]
    flt = models.Filter(must=[models.FieldCondition(key="rev", match=models.MatchValue(value=entry.rev))])
    return [Passage.model_validate(r.payload) for r in store.scroll_passages(flt)]


def relink(store: Store, manifest: Manifest, known: dict[str, list[Passage]]) -> Manifest:
    """Recompute which documents are alternate versions, and which of their passages are covered."""
    alternates = canonical_of(manifest.documents)
    documents = {
        doc_id: entry.model_copy(update={"alternate_of": alternates.get(doc_id)})
        for doc_id, entry in manifest.documents.items()
    }
    covered: dict[str, str] = {}
    for alt, canon in alternates.items():
        covered.update(covered_passages(_passages_of(store, documents[alt], known),
                                        _passages_of(store, documents[canon], known)))
    return manifest.model_copy(update={"documents": documents, "covered": covered})


def commit(store: Store, entry: DocumentEntry | None, *, remove: list[str] | None = None,
           passages: list[Passage] | None = None) -> Manifest:
    """Make `entry` live (and/or drop `remove`d documents) in one manifest switch, then clean up."""
    with COMMIT_LOCK:
        manifest = store.manifest()
        documents = dict(manifest.documents)
        stale: list[DocumentEntry] = []
        for doc_id in remove or []:
            if doc_id in documents:
                stale.append(documents.pop(doc_id))
        if entry is not None:
            if entry.id in documents and documents[entry.id].rev != entry.rev:
                stale.append(documents[entry.id])
            documents[entry.id] = entry
        updated = manifest.model_copy(update={"documents": documents, "generation": manifest.generation + 1})
        updated = relink(store, updated, {entry.id: passages} if entry is not None and passages else {})
        with store.rw.exclusive():
            store.save_manifest(updated)
            # Still exclusive: a search that read the old manifest has finished, and the next
            # one reads the new manifest, so no search ever misses both revisions.
            for old in stale:
                store.delete_revs([old.rev])
                store.delete_document_records(old.id, [old.rev])
    return updated


@component
class IndexWriter:
    """Haystack component: writes a document revision and switches the manifest to it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @component.output_types(entry=DocumentEntry)
    def run(self, document: ParsedDocument, rev: str, passages: list[Passage], dense: list[list[float]],
            units: list[list[list[float]]], sparse: list[tuple[list[int], list[float]]]) -> dict[str, DocumentEntry]:
        """Write the passages, their units and the record, then commit."""
        self.store.write_passages(to_points(passages, dense, sparse), to_unit_points(passages, units))
        self.store.put_document(document, rev)
        entry = make_entry(document, rev, len(passages))
        commit(self.store, entry, passages=passages)
        return {"entry": entry}
