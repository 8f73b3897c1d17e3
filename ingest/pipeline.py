"""The ingestion pipeline: files in, a searchable knowledge base out.

`ingest_paths` plans the run (content hashes against the manifest: unchanged
files are skipped without loading any model), then feeds each new or changed
file through the Haystack pipeline

    SafeParser -> Chunker -> DenseEmbedder + SparseEncoder -> IndexWriter

and removes the documents whose files disappeared from the given folders.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kb.models import INDEX_VERSION, Manifest
from kb.settings import Settings
from kb.store import Store

Progress = Callable[[int, int, str], None]


@dataclass
class FileReport:
    """One line of the ingestion report."""

    path: str
    status: str  # indexed | skipped | failed
    error: str | None = None
    pages: int = 0
    chunks: int = 0
    document: str | None = None


@dataclass
class IngestReport:
    """What a run did, file by file, and the totals of the index after it."""

    files: list[FileReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    fiches: int = 0
    duplicates: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileReport]:
        """Files that could not be indexed."""
        return [f for f in self.files if f.status == "failed"]

    def to_json(self) -> dict[str, Any]:
        """The report as written by `kb ingest --report`."""
        return {
            "files": [asdict(f) for f in self.files],
            "removed": self.removed,
            "summary": {
                "files": len(self.files), "indexed": sum(f.status == "indexed" for f in self.files),
                "skipped": sum(f.status == "skipped" for f in self.files), "failed": len(self.failed),
                "pages": sum(f.pages for f in self.files if f.status == "indexed"),
                "documents": self.documents, "passages": self.passages, "fiches": self.fiches,
                "duplicates": self.duplicates, "seconds": round(self.seconds, 2),
            },
        }


def slug(text: str) -> str:
    """A URL-safe identifier: "Engagement 3 – Pouvoir d'agir" -> "engagement-3-pouvoir-d-agir"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "document"


def is_folder_readme(path: Path) -> bool:
    """A README describing a corpus folder is documentation of the folder, not a document of the plan."""
    return path.stem.upper() == "README" and path.suffix.lower() in (".md", ".txt", "")


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files under `paths` (folders walked, hidden files skipped) and the folders given as roots."""
    files: list[Path] = []
    roots: list[Path] = []
    for path in paths:
        if path.is_dir():
            roots.append(path.resolve())
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path)
                if sub.is_file() and not any(part.startswith(".") for part in rel.parts):
                    files.append(sub.resolve())
        elif path.is_file():
            files.append(path.resolve())
    return list(dict.fromkeys(files)), roots


def sha256_of(path: Path) -> str:
    """Content hash of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def doc_id_for(source: str, manifest: Manifest, taken: set[str]) -> str:
    """The document id of a source: its entry's id, or a new slug of the file name."""
    for entry in manifest.documents.values():
        if entry.source == source:
            return entry.id
    base = slug(Path(source).stem)
    doc_id = base
    if doc_id in manifest.documents or doc_id in taken:
        doc_id = f"{base}-{hashlib.sha1(source.encode()).hexdigest()[:6]}"
    taken.add(doc_id)
    return doc_id


def _under(source: str, roots: list[Path]) -> bool:
    return any(os.path.commonpath([source, str(root)]) == str(root) for root in roots)


def ingest_paths(paths: list[Path], settings: Settings, store: Store, *, progress: Progress | None = None,
                 prune: bool = True) -> IngestReport:
    """Index new and changed files under `paths`, skip unchanged ones, remove vanished ones."""
    began = time.perf_counter()
    files, roots = discover(paths)
    manifest = store.manifest()
    by_source = manifest.by_source()
    report = IngestReport()
    todo: list[tuple[Path, str, str]] = []
    taken: set[str] = set()
    for path in files:
        source = str(path)
        if is_folder_readme(path) and path.parent.resolve() in roots:
            report.files.append(FileReport(source, "skipped", "folder README (documentation), not indexed"))
            continue
        try:
            digest = sha256_of(path)
        except OSError as err:
            report.files.append(FileReport(source, "failed", f"cannot read file: {err.strerror or err}"))
            continue
        known = by_source.get(source)
        # Unchanged, and read as this version reads it: its passages and terms are what it would index now.
        if known and known.sha256 == digest and known.index_version == INDEX_VERSION:
            report.files.append(FileReport(source, "skipped", None, known.pages, known.passages, known.id))
            continue
        todo.append((path, source, doc_id_for(source, manifest, taken)))

    if todo:
        _index(todo, settings, store, report, progress)
    present = {str(p) for p in files if not is_folder_readme(p)}
    vanished = [e.id for e in manifest.documents.values()
                if prune and e.source not in present and _under(e.source, roots)]
    if vanished:
        from ingest.write import commit

        commit(store, None, remove=vanished)
        report.removed = vanished
    final = store.manifest()
    report.documents = len(final.documents)
    report.passages = sum(e.passages for e in final.documents.values())
    report.fiches = sum(e.fiches for e in final.documents.values())
    report.duplicates = sum(1 for e in final.documents.values() if e.alternate_of)
    report.seconds = time.perf_counter() - began
    return report


def build_pipeline(settings: Settings, store: Store) -> Any:
    """The Haystack indexing pipeline (imported here: Haystack loads torch, which a no-op run never needs)."""
    from haystack import Pipeline

    from ingest.chunk import Chunker
    from ingest.embed import DenseEmbedder, SparseEncoder
    from ingest.safeparse import SafeParser
    from ingest.write import IndexWriter

    pipe = Pipeline()
    pipe.add_component("parser", SafeParser(settings))
    pipe.add_component("chunker", Chunker())
    pipe.add_component("dense", DenseEmbedder(settings))
    pipe.add_component("sparse", SparseEncoder())
    pipe.add_component("writer", IndexWriter(store))
    pipe.connect("parser.document", "chunker.document")
    pipe.connect("parser.rev", "chunker.rev")
    pipe.connect("parser.document", "writer.document")
    pipe.connect("parser.rev", "writer.rev")
    pipe.connect("chunker.passages", "dense.passages")
    pipe.connect("chunker.passages", "sparse.passages")
    pipe.connect("chunker.passages", "writer.passages")
    pipe.connect("dense.dense", "writer.dense")
    pipe.connect("dense.units", "writer.units")
    pipe.connect("sparse.sparse", "writer.sparse")
    return pipe


def _index(todo: list[tuple[Path, str, str]], settings: Settings, store: Store, report: IngestReport,
           progress: Progress | None) -> None:
    from kb.encoder import make_encoder

    encoder = make_encoder(settings)
    store.ensure(encoder.dim, encoder.name)
    store.delete_except(store.manifest().live_revs())  # points a crashed run left behind
    pipe = build_pipeline(settings, store)
    pipe.warm_up()
    try:
        for done, (path, source, doc_id) in enumerate(todo):
            if progress:
                progress(done, len(todo), path.name)
            result = pipe.run({"parser": {"path": str(path), "doc_id": doc_id, "source": source}},
                              include_outputs_from={"parser"})
            parsed = result.get("parser", {})
            if "error" in parsed:
                # A file of another kind in the folder (a .tsv, a .docx) is skipped, not failed.
                status = "skipped" if parsed.get("unsupported") else "failed"
                report.files.append(FileReport(source, status, parsed["error"]))
                continue
            entry = result["writer"]["entry"]
            report.files.append(FileReport(source, "indexed", None, entry.pages, entry.passages, entry.id))
        if progress:
            progress(len(todo), len(todo), "")
    finally:
        pipe.get_component("parser").close()
