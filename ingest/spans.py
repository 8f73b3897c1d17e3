"""Lines and paragraphs of the cleaned text, with their offsets.

Structure and chunking work on these spans, so every record they produce can
point back into the text (`text[start:end]`) for highlighting and citations.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A line or paragraph: `text == document_text[start:end]`."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The text without surrounding whitespace."""
        return self.text.strip()


def lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of `text[start:end]`, with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        if text[pos:stop].strip():
            out.append(Span(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraphs (separated by blank lines) of `text[start:end]`, with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    while pos < end:
        brk = text.find("\n\n", pos, end)
        stop = end if brk == -1 else brk
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            out.append(Span(pos + lead, pos + trail, chunk.strip()))
        pos = stop + 2
    return out
