"""Parse one file into a structured document: load, repair, structure.

This is what the killable worker process runs (`ingest/worker.py`), so it
imports only the plain text modules: no Haystack, no torch, no database.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import LoadedFile, load_bytes, load_file
from ingest.repair import repair_text
from ingest.structure import structure_document
from kb.models import ParsedDocument


def parse_loaded(loaded: LoadedFile, doc_id: str, source: str) -> ParsedDocument:
    """Repair and structure a loaded file."""
    repaired = repair_text(loaded.pages, loaded.paged)
    stem = Path(source).stem.replace("-", " ").replace("_", " ").strip()
    doc = structure_document(repaired, doc_id=doc_id, source=source, sha256=loaded.sha256,
                             given_title=loaded.title, fallback_title=stem[:1].upper() + stem[1:])
    doc.paged = loaded.paged
    return doc


def parse_file(path: str, doc_id: str, source: str) -> ParsedDocument:
    """Load, repair and structure the file at `path`."""
    return parse_loaded(load_file(Path(path)), doc_id, source)


def parse_upload(data: bytes, name: str, doc_id: str, source: str) -> ParsedDocument:
    """Load, repair and structure an uploaded file's bytes."""
    return parse_loaded(load_bytes(data, name), doc_id, source)
