"""Chunk stage: blocks become passages that follow the document's structure.

A passage never spans two fiches or two sections. Each fiche field is its own
passage (long "modalités" are cut between their "•" items); a paragraph is a
passage, cut between sentences when it is very long; outside fiches, a list or
a quoted text stays with the sentence ending in ":" that announces it;
a paragraph opening on "Ce…", "Cette…" + noun stays with the one it refers to;
headings, fiche titles, numbers and other small pieces join the passage they
introduce. Every character of the text lands in exactly one passage, with its
offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haystack import component

from ingest.grammar import is_bullet
from kb.models import Block, ParsedDocument, Passage
from kb.store import passage_id

MAX_WORDS = 220
# A fiche field is cut between its items sooner: each item is an action of its own.
FIELD_WORDS = 50
GLOSSARY_WORDS = 60
MIN_WORDS = 8
# Small pieces that introduce what follows rather than stand alone.
_LEADING_FIELDS = frozenset({"titre", "numero", "programme", "sous_titre"})
_LEADING_KINDS = frozenset({"heading", "axe"})
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀ-Þ0-9])")
# A paragraph opening on a demonstrative and its noun ("Cette définition…", "Ce plan prévoit…") is
# about the paragraph before it; "Ce qui…", "Ce sont…" open on a pronoun, not a noun.
_REFERS_BACK_RE = re.compile(r"(?:Cette|Cet|Ces|Ce)\s+(?!(?:qui|que|dont|sont|ne|n|c|l|s)\b)[a-zà-ÿ]")


@dataclass
class Piece:
    """A span to place in a passage, with the block it comes from."""

    start: int
    end: int
    block: Block
    words: int

    @property
    def leading(self) -> bool:
        b = self.block
        if b.kind in _LEADING_KINDS or (b.field in _LEADING_FIELDS):
            return True
        return b.kind == "paragraph" and self.words < MIN_WORDS


def _split_long(text: str, start: int, end: int, limit: int = MAX_WORDS) -> list[tuple[int, int]]:
    """Cut `text[start:end]` at item starts ("•"), then lines, then sentences, under `limit` words each."""
    body = text[start:end]
    if len(body.split()) <= limit:
        return [(start, end)]
    for pattern in (r"\n(?=\s*•)", r"\n", None):
        cuts = [m.start() for m in re.finditer(pattern, body)] if pattern else \
            [m.start() for m in _SENTENCE_END_RE.finditer(body)]
        if cuts:
            break
    if not cuts:
        return [(start, end)]
    spans, begin, last = [], 0, 0
    for cut in [*cuts, len(body)]:
        if len(body[begin:cut].split()) > limit and last > begin:
            spans.append((begin, last))
            begin = last
        last = cut
    spans.append((begin, len(body)))
    if len(spans) > 1 and len(body[spans[0][0]:spans[0][1]].split()) < MIN_WORDS:
        spans[:2] = [(spans[0][0], spans[1][1])]  # a label alone goes with its first item
    out = []
    for a, b in spans:
        seg = body[a:b]
        lead = len(seg) - len(seg.lstrip())
        out.append((start + a + lead, start + a + len(seg.rstrip())))
    return [s for s in out if s[1] > s[0]]


def _same_place(a: Block, b: Block) -> bool:
    """Two blocks may share a passage: same fiche, or same section outside fiches."""
    if a.fiche or b.fiche:
        return a.fiche == b.fiche
    if a.kind in _LEADING_KINDS:
        return True
    return a.section[:1] == b.section[:1]


def plan_passages(doc: ParsedDocument) -> list[list[Piece]]:
    """Group the document's blocks into passages (lists of consecutive pieces)."""
    pieces = [
        Piece(s, e, block, len(doc.text[s:e].split()))
        for block in sorted(doc.blocks, key=lambda b: b.start)
        for s, e in _split_long(doc.text, block.start, block.end, FIELD_WORDS if block.fiche else MAX_WORDS)
    ]
    groups: list[list[Piece]] = []
    pending: list[Piece] = []

    def flush() -> None:
        # Small pieces with nothing after them in their place end the passage before them;
        # so does a heading left alone (a box's title printed after its box), which answers nothing.
        alone = sum(p.words for p in pending) < MIN_WORDS
        if groups and (alone or (_same_place(groups[-1][-1].block, pending[0].block)
                       and pending[0].block.kind != "heading")):
            groups[-1].extend(pending)
        else:
            groups.append(list(pending))
        pending.clear()

    def announced_list(group: list[Piece], piece: Piece) -> bool:
        # Outside fiches, a list stays with the sentence that announces it ("… communs à l'ensemble
        # des politiques de solidarité :" and its four axes): an item after a sentence ending in
        # ":" or after another item of the same section joins it, up to MAX_WORDS. So does a
        # paragraph after ":": "Article L. 121-1 … stipule que :" is answered by the article's text;
        # and one that refers back to it: "Ce plan prévoit…" says what the paragraph before names.
        last = group[-1]
        if piece.block.fiche or last.block.fiche or piece.block.kind not in ("paragraph", "quote") \
                or last.block.section != piece.block.section:
            return False
        before = doc.text[last.start:last.end].rstrip()
        text = doc.text[piece.start:piece.end]
        bullet = is_bullet(text)
        refers_back = _REFERS_BACK_RE.match(text) is not None
        return (before.endswith(":") or (bullet and is_bullet(before)) or refers_back) \
            and sum(p.words for p in group) + piece.words <= MAX_WORDS

    for piece in pieces:
        if not pending and groups and announced_list(groups[-1], piece):
            groups[-1].append(piece)
            continue
        if piece.leading and piece.block.kind not in ("quote", "figure"):
            if pending and not _same_place(pending[-1].block, piece.block):
                flush()
            pending.append(piece)
            continue
        words = sum(p.words for p in pending) + piece.words
        if pending and _same_place(pending[-1].block, piece.block) and words <= MAX_WORDS * 1.3:
            groups.append([*pending, piece])
            pending.clear()
        else:
            if pending:
                flush()
            if piece.block.kind == "glossary" and groups and groups[-1][-1].block.kind == "glossary" \
                    and sum(p.words for p in groups[-1]) + piece.words <= GLOSSARY_WORDS:
                groups[-1].append(piece)  # acronym lines read best a few at a time
            else:
                groups.append([piece])
    if pending:
        flush()
    return groups


def _main_block(group: list[Piece]) -> Block:
    for piece in group:
        if not piece.leading:
            return piece.block
    return group[-1].block


def make_passages(doc: ParsedDocument, rev: str) -> list[Passage]:
    """The passages of one document revision, with everything needed to cite them."""
    fiches = {f.number: f for f in doc.fiches}
    passages: list[Passage] = []
    for ordinal, group in enumerate(plan_passages(doc)):
        start, end = group[0].start, group[-1].end
        block = _main_block(group)
        fiche = fiches.get(block.fiche) if block.fiche else None
        years = list(range(min(fiche.years), max(fiche.years) + 1)) if fiche and fiche.years else \
            sorted({int(y) for y in re.findall(r"\b(20[0-4]\d)\b", doc.text[start:end])})
        passages.append(Passage(
            id=passage_id(doc.id, rev, str(ordinal)),
            doc_id=doc.id, doc_title=doc.title, doc_type=doc.type, rev=rev, ordinal=ordinal,
            text=doc.text[start:end], start=start, end=end, page=doc.page_at(start),
            section=block.section, kind=block.kind, fiche=block.fiche,
            fiche_title=fiche.title if fiche else None, field=block.field,
            years=years, axe=(fiche.axe if fiche else None),
        ))
    return passages


@component
class Chunker:
    """Haystack component: cuts a structured document into passages."""

    @component.output_types(passages=list[Passage])
    def run(self, document: ParsedDocument, rev: str) -> dict[str, list[Passage]]:
        """Passages of one document revision."""
        return {"passages": make_passages(document, rev)}
