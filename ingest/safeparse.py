"""Parse stage: load, repair and structure a file in a worker process that can be killed.

A PDF that loops, bombs memory or crashes its parser costs a clear report
line, never the run: the worker enforces a time and a memory limit per file.
"""

from __future__ import annotations

import uuid

from haystack import component

from ingest.parse import parse_file
from ingest.worker import ParseWorker
from kb.errors import KBError, UnsupportedFileType
from kb.models import ParsedDocument
from kb.settings import Settings


def new_rev(sha256: str) -> str:
    """A fresh revision id: the content hash plus a nonce, so a re-ingest never overwrites live points."""
    return f"{sha256[:10]}-{uuid.uuid4().hex[:6]}"


@component
class SafeParser:
    """Haystack component: parses one file in the guarded worker.

    On failure it emits only `error`, so the rest of the pipeline does not run.
    """

    def __init__(self, settings: Settings) -> None:
        self.worker: ParseWorker[ParsedDocument] = ParseWorker(
            parse_file, timeout_s=settings.file_timeout_s, memory_mb=settings.file_memory_mb
        )

    @component.output_types(document=ParsedDocument, rev=str, error=str, unsupported=bool)
    def run(self, path: str, doc_id: str, source: str) -> dict[str, object]:
        """Parse `path` as document `doc_id`."""
        try:
            document = self.worker.run(path, doc_id, source)
        except UnsupportedFileType as err:
            return {"error": str(err), "unsupported": True}
        except KBError as err:
            return {"error": str(err) or type(err).__name__}
        return {"document": document, "rev": new_rev(document.sha256)}

    def close(self) -> None:
        """Stop the worker process."""
        self.worker.close()
