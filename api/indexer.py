"""The server's own indexing: the corpus on start, uploads, reindex and deletion, in this process.

Local mode allows one process per store folder, so the server never asks
another process to write: it runs the ingestion pipeline itself, in a
background thread, one run at a time. Searches keep being answered while it
runs (the manifest switch makes every change atomic for readers).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from pathlib import Path
from typing import Any

from ingest.pipeline import IngestReport, ingest_paths
from ingest.write import commit
from kb.errors import CorpusDocument, IndexingInProgress, KBError, NotFound, UnreadableFile
from kb.search import SearchService
from kb.settings import Settings
from kb.store import Store

log = logging.getLogger("kb.indexer")
_SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """A file name that cannot escape the upload folder: no path, no control character, bounded."""
    base = unicodedata.normalize("NFKD", name.replace("\\", "/").split("/")[-1])
    base = base.encode("ascii", "ignore").decode()
    base = _SAFE_NAME_RE.sub("_", base).strip("._") or "document"
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext[:10]
    return f"{stem[:100]}.{ext}" if ext else stem[:100]


class Indexer:
    """Owns writes to the store: initial ingest, uploads, reindex, delete."""

    def __init__(self, settings: Settings, store: Store, service: SearchService) -> None:
        self.settings = settings
        self.store = store
        self.service = service
        self.status = "starting"
        self.error: str | None = None
        self.last_report: IngestReport | None = None
        self._run_lock = threading.Lock()
        self._was_ready = False

    @property
    def ready(self) -> bool:
        """Whether searches can be answered: once the first ingestion has finished."""
        return self._was_ready

    def roots(self) -> list[Path]:
        """The folders the index mirrors: the corpus and the uploads."""
        self.settings.upload_dir.mkdir(parents=True, exist_ok=True)
        return [p for p in (self.settings.corpus_dir, self.settings.upload_dir) if p.exists()]

    def start(self) -> threading.Thread | None:
        """Ingest the corpus in the background (incremental: unchanged files are skipped).

        With KB_INGEST_ON_START=false (extra API replicas sharing a Qdrant server), the
        index is served as it is, as soon as it has documents.
        """
        if not self.settings.ingest_on_start:
            self.service.refresh(force=True)
            if self.service.manifest.documents:
                self.status, self._was_ready = "ok", True
            else:
                self.status, self.error = "error", "the index is empty and KB_INGEST_ON_START is false"
            return None
        thread = threading.Thread(target=self._initial, name="kb-initial-ingest", daemon=True)
        thread.start()
        return thread

    def _initial(self) -> None:
        try:
            self.reindex()
        except KBError as err:
            self.status, self.error = "error", str(err)
            log.error("initial ingestion failed: %s", err)
        except Exception as err:  # keep serving the error state rather than dying
            self.status, self.error = "error", f"{type(err).__name__}: {err}"
            log.exception("initial ingestion failed")

    def reindex(self) -> IngestReport:
        """Bring the index in line with the corpus and uploads; 409 if a run is under way."""
        if not self._run_lock.acquire(blocking=False):
            raise IndexingInProgress("a reindex is already running: try again when it ends")
        try:
            self.status = "indexing"
            report = ingest_paths(self.roots(), self.settings, self.store)
            self.last_report = report
            self.service.refresh(force=True)
            self.status, self.error, self._was_ready = "ok", None, True
            return report
        except Exception:
            self.status = "ok" if self._was_ready else "error"
            raise
        finally:
            self._run_lock.release()

    def ingest_upload(self, name: str, data: bytes) -> dict[str, Any]:
        """Save an uploaded file in the upload folder and index it; the file goes if it cannot be read."""
        from ingest.load import load_bytes

        load_bytes(data, name)  # fast check: a wrong type or an unreadable file is refused before saving
        target = self.settings.upload_dir / safe_filename(name)
        self.settings.upload_dir.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() != data:
            digest = hashlib.sha256(data).hexdigest()[:8]
            target = target.with_name(f"{target.stem}-{digest}{target.suffix}")
        if not self._run_lock.acquire(timeout=300):
            raise IndexingInProgress("the index is busy: try again in a moment")
        try:
            tmp = target.with_name(f".{target.name}.part")
            tmp.write_bytes(data)
            tmp.replace(target)
            report = ingest_paths([target], self.settings, self.store, prune=False)
            self.service.refresh(force=True)
        finally:
            self._run_lock.release()
        line = report.files[0]
        if line.status == "failed":
            target.unlink(missing_ok=True)
            raise UnreadableFile(line.error or "the file could not be read")
        return {"document": line.document, "status": line.status, "pages": line.pages, "chunks": line.chunks,
                "file": target.name}

    def delete(self, doc_id: str) -> dict[str, Any]:
        """Remove a document; an uploaded file goes with it, a corpus file must be removed by hand."""
        manifest = self.store.manifest()
        entry = manifest.documents.get(doc_id)
        if entry is None:
            raise NotFound(f"no document {doc_id!r}")
        source = Path(entry.source)
        upload_root = self.settings.upload_dir.resolve()
        if upload_root not in source.parents:
            raise CorpusDocument(
                f"{doc_id} comes from the corpus folder: remove {source.name} from it, then reindex")
        with self._run_lock:
            commit(self.store, None, remove=[doc_id])
            source.unlink(missing_ok=True)
            self.service.refresh(force=True)
        return {"deleted": doc_id}
