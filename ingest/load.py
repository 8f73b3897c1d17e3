"""Turn one file (PDF, text, Markdown or HTML) into pages of text, or fail with one clear reason.

Everything here works on bytes so that uploads and files on disk take the same
path. Every failure is a `UnreadableFile` or `UnsupportedFileType` whose message
is one short English line a user can act on; no pypdf exception escapes.
HTML and Markdown go through `ingest.markup` for their visible text.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

from pypdf import PdfReader
from pypdf.errors import DependencyError

from ingest.markup import convert_html
from kb.errors import KBError, UnreadableFile, UnsupportedFileType

MediaType = Literal["pdf", "text", "markdown", "html"]

MAX_PAGES = 5000
# Below this many letters in the whole PDF there is no usable text layer: the
# pages are scans, or only hold a page number or a logo.
MIN_LETTERS = 20
MAX_REASON = 120

_EXTENSIONS: dict[str, MediaType] = {
    ".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
}  # fmt: skip
# PDF syntax that damaged PDFs (header lost, a fuzzer's output) still show.
_PDF_SYNTAX = re.compile(rb"%PDF|\d+\s+\d+\s+obj\b|\bstartxref\b|\btrailer\s*<<")
# C0 controls except \t and \n, DEL, and lone surrogates (they break UTF-8 encoding later).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

# pypdf logs a warning for every repaired object; the reason we raise says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class LoadedFile:
    """A file turned into text pages."""

    path: str
    sha256: str
    media_type: MediaType
    pages: list[str]
    paged: bool
    title: str | None


def load_file(path: Path) -> LoadedFile:
    """Read `path` and load it (see `load_bytes`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(_short(f"cannot read file: {exc.strerror or exc}")) from None
    return load_bytes(data, str(path))


def load_bytes(data: bytes, name: str) -> LoadedFile:
    """Load the content of a file called `name`; raise UnreadableFile or UnsupportedFileType."""
    if not data.strip():
        raise UnreadableFile("empty file")
    try:
        media_type = sniff_media_type(Path(name), data[:4096])
        if media_type == "pdf":
            pages, title = _load_pdf(data)
            paged = True
        else:
            pages, paged, title = _load_text(data, media_type)
    except (KBError, MemoryError):
        raise
    except RecursionError:
        raise UnreadableFile("file structure is nested too deeply to be read") from None
    except Exception as exc:  # a bug or an unforeseen library error: still one clean reason
        raise UnreadableFile(_short(f"cannot read file: {type(exc).__name__}: {exc}")) from None
    return LoadedFile(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        pages=pages,
        paged=paged,
        title=title,
    )


def sniff_media_type(path: Path, head: bytes) -> MediaType:
    """Media type from the content first (PDF header), then the file extension."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    suffix = path.suffix.lower()
    known = _EXTENSIONS.get(suffix)
    if known == "pdf":
        return "pdf"
    if known is None and _PDF_SYNTAX.search(head):
        # A PDF that lost its header under an odd name: report it as a broken PDF.
        return "pdf"
    if _is_binary(head):
        if known is None and suffix:
            raise UnsupportedFileType(_short(f"unsupported file type ({suffix})"))
        raise UnsupportedFileType("unsupported file type (binary content)")
    if known is None:
        raise UnsupportedFileType(_short(f"unsupported file type ({suffix or 'no extension'})"))
    return known


# --- PDF ---------------------------------------------------------------------------------------


def _load_pdf(data: bytes) -> tuple[list[str], str | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(BytesIO(data), strict=False)
            _unlock(reader)
            count = len(reader.pages)
        except (KBError, MemoryError):
            raise
        except DependencyError as exc:  # pypdf checks for AES support while reading the trailer
            raise UnreadableFile(_missing_dependency(exc)) from None
        except Exception as exc:
            raise UnreadableFile(_pdf_failure(data, exc)) from None
        if count == 0:
            raise UnreadableFile("PDF has no pages")
        if count > MAX_PAGES:
            raise UnreadableFile(f"PDF has too many pages ({count}, limit {MAX_PAGES})")
        pages: list[str] = []
        errors: list[Exception] = []
        for i in range(count):
            try:
                pages.append(_clean(reader.pages[i].extract_text() or ""))
            except MemoryError:
                raise
            except Exception as exc:  # one bad page must not lose the others
                pages.append("")
                errors.append(exc)
        if len(errors) == count:
            raise UnreadableFile(_short(f"corrupt PDF: no page could be read ({_cause(errors[0])})"))
        letters = sum(ch.isalpha() for page in pages for ch in page)
        if letters < MIN_LETTERS:
            raise UnreadableFile(_textless_reason(reader, count, letters))
        return pages, _pdf_title(reader)


def _textless_reason(reader: PdfReader, count: int, letters: int) -> str:
    """Tell scans (pages draw something, OCR helps) from blank or broken pages (it would not)."""
    drawn = broken = 0
    for i in range(count):
        try:
            page = reader.pages[i]
            contents = page.get_contents()
            stream = contents.get_data() if contents is not None else b""
        except MemoryError:
            raise
        except Exception:
            broken += 1
            continue
        if stream.strip():
            drawn += 1
        elif "/Contents" in page or page.get("/Type") != "/Page":
            broken += 1  # a content stream that reads as nothing, or an object that is no page
    where = f"{count} page" + ("s" if count > 1 else "")
    if drawn and letters:
        return f"almost no text (only {letters} letters in {where}), OCR needed"
    if drawn:
        return f"no text layer, OCR needed ({where})"
    if broken:
        return "corrupt PDF: no page content could be read"
    return f"PDF is blank ({where} without content)"


def _unlock(reader: PdfReader) -> None:
    """Open an encrypted PDF with the empty password, as PDF viewers do."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise UnreadableFile(_missing_dependency(exc)) from None
    except MemoryError:
        raise
    except Exception as exc:
        raise UnreadableFile(_short(f"encrypted PDF, cannot decrypt: {_cause(exc)}")) from None
    if not opened:
        raise UnreadableFile("encrypted PDF (password required)")


# pypdf's wording for the common kinds of damage, and what they mean to a user.
_KNOWN_CAUSES = {
    "stream has ended unexpectedly": "unexpected end of data (truncated or damaged file)",
    "cannot find root object": "document catalog (Root) not found",
    "startxref not found": "cross-reference table not found",
    "cyclic page references": "the page tree loops on itself",
    "invalid object in /pages": "invalid page tree",
}


def _cause(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "structure nested too deeply"
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for key, cause in _KNOWN_CAUSES.items():
        if key in message.lower():
            return cause
    return message.rstrip(".")


def _missing_dependency(exc: DependencyError) -> str:
    if "AES" in str(exc):
        return "encrypted PDF (AES): decryption support not installed"
    return _short(f"PDF needs a library that is not installed: {_cause(exc)}")


def _pdf_failure(data: bytes, exc: Exception) -> str:
    if b"%PDF" not in data[:1024]:
        return "not a valid PDF (no %PDF header)"
    return _short(f"corrupt PDF: {_cause(exc)}")


_FILENAME = re.compile(r"\.(pdf|docx?|odt|rtf|txt|indd|xlsx?|pptx?|qxd|ai)$", re.IGNORECASE)
_PLACEHOLDERS = {"untitled", "sans titre", "document", "title", "titre", "unknown"}


def _pdf_title(reader: PdfReader) -> str | None:
    try:
        raw = reader.metadata.title if reader.metadata else None
    except MemoryError:
        raise
    except Exception:  # unreadable metadata is no reason to lose the text
        return None
    if not isinstance(raw, str):
        return None
    title = " ".join(_clean(raw).split())
    title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", title)
    letters = sum(ch.isalpha() for ch in title)
    if letters < 3 or len(title) > 300 or _FILENAME.search(title) or title.lower() in _PLACEHOLDERS:
        return None
    return title


# --- Text, Markdown, HTML ----------------------------------------------------------------------


def _load_text(data: bytes, media_type: MediaType) -> tuple[list[str], bool, str | None]:
    text = _decode(data)
    if _is_binary_text(text):
        raise UnsupportedFileType("unsupported file type (binary content)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    if media_type == "html":
        text, title = convert_html(text, markdown=False)
    elif media_type == "markdown":
        text = convert_html(text, markdown=True)[0]
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", text, re.MULTILINE)
        title = heading.group(1).strip() if heading else None
    if not text.strip():
        raise UnreadableFile("empty file")
    if "\f" in text and media_type != "html":
        pages = [_clean(page) for page in text.split("\f")]
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()  # text extractors end every page, the last one too, with a form feed
        return pages, True, title
    return [_clean(text.replace("\f", "\n"))], False, title


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnsupportedFileType("unsupported file type (binary content)") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _is_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls > 0.02 * max(len(head), 1)


def _is_binary_text(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls > 0.02 * max(len(sample), 1)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))


def _short(reason: str) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"
