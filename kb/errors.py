"""Domain errors of the knowledge base.

Each one is small and says one thing. The API maps them to HTTP statuses in one
place (`api/errors.py`) and the command line prints them as one clean line.
"""

from __future__ import annotations


class KBError(Exception):
    """Base class of every error the knowledge base raises on purpose."""


class SettingsError(KBError):
    """The KB_* settings are contradictory or invalid."""


class StoreLocked(KBError):
    """Another process (usually a running `kb serve`) holds the embedded store."""


class StoreUnavailable(KBError):
    """The Qdrant server cannot be reached or answered with an error."""


class IndexMismatch(KBError):
    """The index was built with another encoder or schema than the one configured."""


class NotFound(KBError):
    """The requested document, fiche or organisation does not exist."""


class UnreadableFile(KBError):
    """A file could not be turned into text (corrupt, encrypted, empty, no text layer…)."""


class UnsupportedFileType(KBError):
    """The file is neither a PDF, a text, a Markdown nor an HTML file."""


class FileTooLarge(KBError):
    """An uploaded file is larger than the configured limit."""


class IndexingInProgress(KBError):
    """The index is being (re)built and cannot answer yet, or a second reindex was asked for."""


class InvalidQuery(KBError):
    """The search parameters are out of range or malformed."""


class Unauthorized(KBError):
    """The admin token is missing or wrong."""


class AdminDisabled(KBError):
    """Admin endpoints are disabled because no admin token is configured."""


class CorpusDocument(KBError):
    """The document comes from the corpus folder: it is removed by removing its file."""


class NotReady(KBError):
    """The server is still building its index and cannot answer searches yet."""


class EmptyIndex(KBError):
    """Nothing has been indexed yet: there is nothing to search."""
