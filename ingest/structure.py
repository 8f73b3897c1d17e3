"""Structure stage: a repaired text becomes a typed, titled document with blocks.

`structure_document` runs the specialised parsers (fiches action, glossary,
livret, veille) and covers the rest of the text with paragraph blocks under
their headings, so that every line of the document lands in exactly one block.
It runs inside the parsing worker with `repair_text` (see `ingest/parse.py`).
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.fiches import FicheZone, parse_fiches, sentence_case
from ingest.glossary import parse_glossary
from ingest.grammar import LIVRET_LABELS, VEILLE_LABELS, is_caps, is_label
from ingest.livret import find_figures, find_quotes, parse_livret
from ingest.repair import RepairedText
from ingest.spans import Span, lines, paragraphs
from ingest.veille import SECTION_RE, parse_veille
from kb.lexicon import fold
from kb.models import Block, DocumentType, ParsedDocument

_SMALL_WORDS = frozenset("de des du la le les et à au aux en pour par sur d l".split())
_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
# "septembre 2018": the one pattern of a printed month and year, for dates, headers and veille titles.
_MONTH_YEAR_RE = re.compile(rf"\b({'|'.join(_MONTHS)})\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"^(?P<num>\d+(?:[-.]\d+)*)[.)]?\s+(?:-\s+)?(?P<title>\S.{2,140})$")
_ENGAGEMENT_RE = re.compile(r"^engagement\s+(\d+)")


def title_case(text: str) -> str:
    """"PROJET MÉTROPOLITAIN DES SOLIDARITÉS" -> "Projet Métropolitain des Solidarités"."""
    out = []
    for i, word in enumerate(text.split()):
        if is_caps(word) or (word.isupper() and len(word) > 1):
            low = word.lower()
            out.append(low if (low in _SMALL_WORDS and i) else low[:1].upper() + low[1:])
        else:
            out.append(word)
    return " ".join(out)


def detect_type(text: str, zone: FicheZone, glossary_entries: int) -> DocumentType:
    """Fiches action, livret, veille, glossary or other, from what the parsers found."""
    if zone.fiches:
        return DocumentType.FICHES
    head = fold(text[:600])
    keys = Counter(fold(p.stripped).rstrip(" :") for p in paragraphs(text))
    if "veille" in head or sum(keys[label] for label in VEILLE_LABELS) >= 3:
        return DocumentType.VEILLE
    if _ENGAGEMENT_RE.search(head) or sum(keys[label] for label in LIVRET_LABELS) >= 3:
        return DocumentType.LIVRET
    if glossary_entries >= 6 and glossary_entries * 2 >= len(lines(text)):
        return DocumentType.GLOSSARY
    return DocumentType.OTHER


_DATE_RE = re.compile(rf"\b(?:\d{{1,2}}(?:er)?\s+)?{_MONTH_YEAR_RE.pattern}", re.IGNORECASE)
# Page furniture of a running header: "12", "Texte 5 sur 95", "page 3/12", "p. 4".
_PAGE_MARK_RE = re.compile(r"\b(?:(?:texte|page|p\.)\s*)?\d{1,4}\s*(?:sur|/)\s*\d{1,4}\b|\b(?:page|p\.)\s*\d{1,4}\b"
                           r"|^\d{1,3}(?!\d)|(?<!\d)\d{1,3}$", re.IGNORECASE)
# What stands between a header's title and its page number: "20 I Atlas…", "Guide | 4".
_SEPARATOR_RE = re.compile(r"^(?:[-–—/|·]|I\b)\s*|\s*(?:[-–—/|·]|\bI)$")


def header_title(header: str) -> str:
    """A running header without its page furniture and date.

    "21 juin 2023 JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE Texte 5 sur 95" ->
    "JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE".
    """
    text = " ".join(_PAGE_MARK_RE.sub(" ", _DATE_RE.sub(" ", header)).split())
    return _SEPARATOR_RE.sub("", text).strip()


def detect_title(text: str, headers: list[str], given: str | None, doc_type: DocumentType,
                 fallback: str) -> str:
    """The document's title: engagement heading, the author's own title, running header or first line."""
    paras = paragraphs(text)
    first = paras[0].stripped.split("\n") if paras else []
    if doc_type is DocumentType.LIVRET and first and _ENGAGEMENT_RE.match(fold(first[0])):
        rest = " ".join(" ".join(first[1:]).split()) or (paras[1].stripped if len(paras) > 1 else "")
        return f"{title_case(first[0].strip())} – {' '.join(rest.split())}".strip(" –")
    # A title its author gave (PDF metadata, a Markdown "# " heading, an HTML <title>) says
    # more than one read off the running headers ("N° 142 du 21 juin 2023").
    if given and len(given.split()) >= 2:
        return given.strip()
    if headers:
        common, count = Counter(header_title(h) for h in headers).most_common(1)[0]
        if count >= 2 and common:
            return title_case(common)
    if doc_type is DocumentType.VEILLE and first:
        head = " ".join(first[0].split())
        head = sentence_case(head) if is_caps(head) else head
        near = first[1:3] + [ln for p in paras[1:3] for ln in p.stripped.split("\n")[:1]]
        date = next((ln.strip() for ln in near if len(ln) < 30 and _MONTH_YEAR_RE.search(ln)), None)
        return f"{head}, {date.lower()}" if date else head
    if first and len(first[0]) <= 120:
        return " ".join(first[0].lstrip("# ").split())
    return fallback


def detect_date(text: str, title: str) -> str | None:
    """A month and year printed at the start or in the title ("Septembre 2018" -> "2018-09"), or the title's years."""
    for head in (text[:300], title):
        if match := _MONTH_YEAR_RE.search(head):
            return f"{match.group(2)}-{_MONTHS.index(match.group(1).lower()) + 1:02d}"
    years = re.findall(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b", title)
    return f"{years[0][0]}/{years[0][1]}" if years else None


def _heading_level(body: str) -> int:
    """1 for a part heading, 2 for a sub-part label, 0 for a paragraph."""
    one_line = "\n" not in body
    key = fold(body).rstrip(" :")
    if body.startswith("#"):
        return 1
    if key in LIVRET_LABELS:
        return 2
    if not one_line or body.endswith((".", ";", ",")) or len(body.split()) > 16:
        return 0
    match = _NUMBERED_RE.match(body)
    if match and (SECTION_RE.match(body) or "-" in match.group("num") or "." in body[:4]):
        return 2 if re.match(r"^\d+-\d+", body) else 1
    if is_caps(body) and not is_label(body) and not body.startswith("("):
        return 1
    return 0


def general_blocks(text: str, covered: list[tuple[int, int]], chantier_titles: set[str],
                   quote_starts: set[int], figure_starts: set[int]) -> list[Block]:
    """Paragraph blocks for every line no specialised parser claimed, under their headings."""
    claimed = sorted(covered)

    def unclaimed(span: Span) -> list[Span]:
        # A paragraph may be claimed in part only (a fiche zone's axe ending inside it).
        parts: list[Span] = []
        pos = span.start
        for a, b in claimed:
            if b > pos and a < span.end:
                parts += paragraphs(text, pos, a) if a > pos else []
                pos = max(pos, b)
        return parts + (paragraphs(text, pos, span.end) if pos < span.end else [])

    blocks: list[Block] = []
    h1 = h2 = ""
    for para in (part for span in paragraphs(text) for part in unclaimed(span)):
        pieces = [(para.start, para.end, para.stripped)]
        first, _, rest = para.stripped.partition("\n")
        if rest and _heading_level(first):
            # A heading glued to its first paragraph ("1-1 Les principales missions" + text).
            cut = para.start + len(first)
            pieces = [(para.start, cut, first), (cut + 1, para.end, rest)]
        for start, end, body in pieces:
            level = 1 if " ".join(body.split()) in chantier_titles else _heading_level(body)
            if level == 1:
                h1, h2 = " ".join(body.lstrip("# ").split()), ""
            elif level == 2:
                h2 = " ".join(body.lstrip("# ").split())
            kind = "heading" if level else "quote" if start in quote_starts else \
                "figure" if start in figure_starts else "paragraph"
            blocks.append(Block(start=start, end=end, kind=kind, section=[s for s in (h1, h2) if s]))
    return blocks


def untangle(blocks: list[Block], text: str) -> list[Block]:
    """The blocks in text order, none overlapping another, together covering what they covered.

    A quote keeps the author line it absorbed: a block starting inside it keeps only what
    runs past it. Any other block that a block starts inside (a glossary found inside a
    fiche zone's axe block) gives up that span and goes on after it.
    """
    out: list[Block] = []
    pending = sorted(blocks, key=lambda b: (b.start, -b.end))
    while pending:
        block = pending.pop(0)
        prev = out[-1] if out else None
        if prev is None or block.start >= prev.end:
            out.append(block)
            continue
        if prev.kind == "quote":
            rest = _trimmed(block.model_copy(update={"start": prev.end}), text)
        else:
            rest = _trimmed(prev.model_copy(update={"start": block.end}), text) if block.end < prev.end else None
            out.pop()
            if (head := _trimmed(prev.model_copy(update={"end": block.start}), text)) is not None:
                out.append(head)
            out.append(block)
        if rest is not None:
            pending.append(rest)
            pending.sort(key=lambda b: (b.start, -b.end))
    return out


def _trimmed(block: Block, text: str) -> Block | None:
    """`block` without its leading and trailing blank space; None when nothing is left."""
    body = text[block.start:block.end]
    if not body.strip():
        return None
    block.start += len(body) - len(body.lstrip())
    block.end -= len(body) - len(body.rstrip())
    return block


def structure_document(repaired: RepairedText, *, doc_id: str, source: str, sha256: str,
                       given_title: str | None = None, fallback_title: str = "") -> ParsedDocument:
    """Type, title, fiches, glossary, livret/veille records and blocks of one document."""
    text, pages = repaired.text, repaired.pages
    glossary = parse_glossary(text)
    acronyms = frozenset(e.acronym.split()[-1] for e in glossary.entries)
    zone = parse_fiches(text, pages, acronyms, doc_id)
    doc_type = detect_type(text, zone, len(glossary.entries))
    title = detect_title(text, repaired.headers, given_title, doc_type, fallback_title or doc_id)
    quotes = find_quotes(text, pages)
    figures = [f for f in find_figures(text, pages) if not zone.start <= f.start < zone.end or not zone.fiches] \
        if doc_type is not DocumentType.OTHER else []
    livret = parse_livret(text, pages) if doc_type is DocumentType.LIVRET else None
    veille = parse_veille(text, pages) if doc_type is DocumentType.VEILLE else []

    covered = [(b.start, b.end) for b in zone.blocks + glossary.blocks]
    if zone.fiches:
        covered.append((zone.start, zone.end))
    chantier_titles = {c.title for c in livret.chantiers} if livret else set()
    blocks = zone.blocks + glossary.blocks + general_blocks(
        text, covered, chantier_titles, {q.start for q in quotes}, {f.start for f in figures}
    )
    # Quotes run over their author line: let the quote block absorb it, unless a parser's
    # block starts on that line and runs past it (an axe heading read as an author would
    # take the fiche fields after it along).
    for quote in quotes:
        for block in blocks:
            if block.start == quote.start and block.kind == "quote" and not any(
                    block.end <= o.start < quote.end < o.end for o in blocks):
                block.end = max(block.end, quote.end)
    blocks = untangle(blocks, text)
    return ParsedDocument(
        id=doc_id, title=title, type=doc_type, source=source, sha256=sha256,
        date=detect_date(text, title), text=text, pages=pages, paged=False, blocks=blocks,
        fiches=zone.fiches, glossary=glossary.entries, quotes=quotes, figures=figures,
        livret=livret, veille=veille, ocr_score=repaired.ocr_noise,
    )
