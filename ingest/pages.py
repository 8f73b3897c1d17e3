"""Pages of text that lost them: running headers, page breaks and page numbers.

A PDF converted to text keeps its running headers and footers
("PROJET MÉTROPOLITAIN DES SOLIDARITÉS 2017-2022 / Développement social 45",
"28 AXE N°2 …"). They are noise inside passages, but the numbers they carry are
the only page numbers left: `split_pages` removes them and uses the
trustworthy ones to number the pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kb.lexicon import fold

_NUM_FIRST_RE = re.compile(r"^(?P<num>\d{1,3})\s*[|I•·\-–]?\s+(?P<text>\S.*)$")
_NUM_LAST_RE = re.compile(r"^(?P<text>.*?\S)\s*[|I•·\-–:]?\s*(?P<num>\d{1,3})$")
_BULLET_START = tuple("›•-–—*#·")
# Tolerated surplus of detected page breaks between two page numbers: a chart
# whose labels start lines with a space looks like a few tiny pages.
_SLACK = 3


@dataclass
class Segment:
    """A run of lines believed to be one page; `anchor` is a printed page number."""

    lines: list[str] = field(default_factory=list)
    anchor: int | None = None


def _header_key(text: str) -> str:
    # Headers in capitals name the current part ("AXE N°2 OFFRIR…", "AXE N°3 RENFORCER…"):
    # their first two words make the family; other headers repeat their first four.
    letters = [c for c in text if c.isalpha()]
    size = 2 if letters and all(c.isupper() for c in letters) else 4
    words = re.sub(r"[^a-z ]+", " ", fold(text)).split()
    return " ".join(words[:size])


def _header_parts(line: str) -> tuple[int, str] | None:
    stripped = line.strip()
    if not 8 <= len(stripped) <= 110:
        return None
    for pattern in (_NUM_FIRST_RE, _NUM_LAST_RE):
        match = pattern.match(stripped)
        if match:
            text = match.group("text").strip(" |•·-–:")
            if len(re.findall(r"[^\W\d_]{2,}", text)) >= 3:
                return int(match.group("num")), text
    return None


def find_running_headers(lines: list[str], pages: list[int] | None = None) -> dict[int, int | None]:
    """Indices of running header/footer lines -> the page number they print (None if not a page).

    A header is a short line opening or closing on a number whose words repeat
    on at least one other such line. A family whose numbers never change
    ("3• Renforcer le pouvoir d'agir…", the engagement number) is a running
    title, not a page number. When the pages are known (`pages[i]` is line i's
    page), a header runs over two pages at least: a line printed twice on one
    page is text.
    """
    families: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, line in enumerate(lines):
        parts = _header_parts(line)
        if parts:
            families[_header_key(parts[1])].append((i, parts[0]))
    found: dict[int, int | None] = {}
    for key, members in families.items():
        if len(members) < 2 or not key or (pages is not None and len({pages[i] for i, _ in members}) < 2):
            continue
        numbers = {num for _, num in members}
        for i, num in members:
            found[i] = num if len(numbers) > 1 else None
    return found


def _soft_break(prev: str | None, line: str) -> bool:
    # Some PDF-to-text tools turn a page break into a line starting with one space.
    if not line.startswith(" ") or line.startswith("  ") or not line.strip():
        return False
    if line.strip().startswith(_BULLET_START):
        return False
    return prev is None or bool(prev.strip())


def segment_pages(text: str) -> list[Segment]:
    """Cut unpaged text into pages at form feeds, or at soft breaks when it has none."""
    if "\f" in text:
        return [Segment(lines=page.split("\n")) for page in text.split("\f")]
    segments = [Segment()]
    prev: str | None = None
    for line in text.split("\n"):
        if _soft_break(prev, line) and segments[-1].lines and any(s.strip() for s in segments[-1].lines):
            segments.append(Segment())
        segments[-1].lines.append(line)
        prev = line
    return segments


def _consistent_anchors(segments: list[Segment]) -> set[int]:
    """Indices of segments whose printed page numbers agree with each other and with the breaks.

    Longest chain of increasing numbers where the number of segments between
    two anchors does not exceed the gap between their numbers (plus a slack).
    """
    anchored = [i for i, seg in enumerate(segments) if seg.anchor is not None]
    best: dict[int, tuple[int, int | None]] = {}
    for pos, i in enumerate(anchored):
        best[i] = (1, None)
        for j in anchored[:pos]:
            gap = segments[i].anchor - segments[j].anchor  # type: ignore[operator]
            if gap > 0 and (i - j) <= gap + _SLACK and best[j][0] + 1 > best[i][0]:
                best[i] = (best[j][0] + 1, j)
    if not best:
        return set()
    end = max(best, key=lambda k: best[k][0])
    chain: set[int] = set()
    cur: int | None = end
    while cur is not None:
        chain.add(cur)
        cur = best[cur][1]
    return chain


def number_pages(segments: list[Segment]) -> list[int]:
    """A page number for each segment, from the trusted anchors (1, 2, 3… without any)."""
    trusted = sorted(_consistent_anchors(segments))
    if not trusted:
        return list(range(1, len(segments) + 1))
    numbers: list[int] = []
    for i in range(len(segments)):
        nxt = next((t for t in trusted if t >= i), None)
        prv = next((t for t in reversed(trusted) if t <= i), None)
        if prv is not None and nxt is not None and prv != nxt:
            low, high = segments[prv].anchor, segments[nxt].anchor
            # Too many breaks (a chart's labels look like pages): count back from the next
            # header. Too few (a page break lost): count from the nearer header.
            surplus = (nxt - prv) > (high - low)  # type: ignore[operator]
            near_prev = (i - prv) <= (nxt - i) and not surplus
            page = low + (i - prv) if near_prev else high - (nxt - i)  # type: ignore[operator]
            page = min(max(page, low), high)  # type: ignore[type-var]
        elif nxt is not None:
            page = segments[nxt].anchor - (nxt - i)  # type: ignore[operator]
        else:
            page = segments[prv].anchor + (i - prv)  # type: ignore[operator,index]
        numbers.append(max(page, numbers[-1] if numbers else 1))
    return numbers


def split_pages(pages: list[str], paged: bool) -> tuple[list[tuple[int, str]], list[str]]:
    """Remove running headers and number the pages: ([(number, text)], removed header lines)."""
    segments = [Segment(lines=p.split("\n")) for p in pages] if paged else segment_pages("\n".join(pages))
    flat = [(si, li) for si, seg in enumerate(segments) for li in range(len(seg.lines))]
    headers = find_running_headers([segments[si].lines[li] for si, li in flat],
                                   [si for si, _ in flat] if paged else None)
    removed = [segments[flat[k][0]].lines[flat[k][1]].strip() for k in sorted(headers)]
    if paged:
        for k in sorted(headers, reverse=True):
            si, li = flat[k]
            del segments[si].lines[li]
        return [(n, "\n".join(seg.lines)) for n, seg in enumerate(segments, 1)], removed

    # Unpaged: a page-number header starts a page (the break before it was often lost).
    cut: list[Segment] = []
    k = 0
    for seg in segments:
        cur = Segment()
        cut.append(cur)
        for line in seg.lines:
            if k in headers:
                if headers[k] is not None:
                    if any(s.strip() for s in cur.lines):
                        cur = Segment()
                        cut.append(cur)
                    cur.anchor = headers[k]
            else:
                cur.lines.append(line)
            k += 1
    cut = [seg for seg in cut if any(s.strip() for s in seg.lines) or seg.anchor is not None]
    numbers = number_pages(cut)
    return [(n, "\n".join(seg.lines)) for n, seg in zip(numbers, cut, strict=True)], removed
