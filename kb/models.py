"""Domain models: documents, passages, fiches action and organisations.

Every model is a pydantic model so that the same object is stored as a Qdrant
payload, returned by the API and printed by the command line. Offsets
(`start`, `end`) always index the document's cleaned text (`ParsedDocument.text`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class DocumentType(StrEnum):
    """What a document is, as the plan's readers name it."""

    LIVRET = "livret"
    FICHES = "fiches"
    VEILLE = "veille"
    GLOSSARY = "glossary"
    OTHER = "other"


DOCUMENT_TYPE_LABELS: dict[DocumentType, str] = {
    DocumentType.LIVRET: "Livret",
    DocumentType.FICHES: "Fiches action",
    DocumentType.VEILLE: "Veille",
    DocumentType.GLOSSARY: "Glossaire",
    DocumentType.OTHER: "Autre",
}


class Role(StrEnum):
    """The part an organisation plays in a fiche action."""

    PILOTE = "pilote"
    PARTENAIRE = "partenaire"
    MENTION = "mention"
    PROGRAMME = "programme"


class PageSpan(BaseModel):
    """A page of the cleaned text: `text[start:end]` is page `number`."""

    number: int
    start: int
    end: int


def page_at(pages: list[PageSpan], offset: int) -> int | None:
    """Number of the page holding the character at `offset` (the last page past the end)."""
    for span in pages:
        if span.start <= offset < span.end:
            return span.number
    return pages[-1].number if pages and offset >= pages[-1].end else None


class Block(BaseModel):
    """A structural span of the cleaned text (a paragraph, a fiche field, a quote…)."""

    start: int
    end: int
    kind: str = "paragraph"
    section: list[str] = Field(default_factory=list)
    fiche: str | None = None
    field: str | None = None


class Quote(BaseModel):
    """A citation printed in a livret or a veille study, with its author."""

    text: str
    author: str | None = None
    page: int | None = None
    start: int = 0
    end: int = 0


class KeyFigure(BaseModel):
    """A key figure ("54 145", "30%") and what it counts."""

    value: str
    label: str
    source: str | None = None
    page: int | None = None
    start: int = 0
    end: int = 0


class GlossaryEntry(BaseModel):
    """One line of a glossary: an acronym and its full name."""

    acronym: str
    name: str
    category: str | None = None


class OrgMention(BaseModel):
    """An organisation named in a fiche, with its role and the line that proves it."""

    org: str
    name: str
    role: Role
    field: str
    citation: str
    page: int | None = None
    start: int = 0
    end: int = 0


class Fiche(BaseModel):
    """A fiche action of the plan, with every field as printed."""

    number: str
    title: str
    subtitle: str | None = None
    axe: str | None = None
    programme: str | None = None
    contexte: str = ""
    modalites: str = ""
    objectifs: str = ""
    pilotes: list[str] = Field(default_factory=list)
    partenaires: list[str] = Field(default_factory=list)
    pilotes_text: str = ""
    partenaires_text: str = ""
    calendrier: str = ""
    years: list[int] = Field(default_factory=list)
    indicateurs: str = ""
    pages: list[int] = Field(default_factory=list)
    field_pages: dict[str, int] = Field(default_factory=dict)
    organisations: list[OrgMention] = Field(default_factory=list)
    document_id: str = ""

    @property
    def page(self) -> int | None:
        """First page of the fiche."""
        return self.pages[0] if self.pages else None

    @property
    def end_year(self) -> int | None:
        """Last year of the calendrier, if it names any."""
        return max(self.years) if self.years else None


class ProjetPhare(BaseModel):
    """A projet phare of a livret chantier: its number, title and actions."""

    number: str
    title: str
    actions: list[str] = Field(default_factory=list)


class Chantier(BaseModel):
    """A chantier of a livret, with its enjeux, orientations and projets phares."""

    title: str
    enjeux: str = ""
    orientations: list[str] = Field(default_factory=list)
    projets: list[ProjetPhare] = Field(default_factory=list)
    page: int | None = None


class Livret(BaseModel):
    """The structure of an engagement livret."""

    engagement: str | None = None
    title: str = ""
    chantiers: list[Chantier] = Field(default_factory=list)


class VeilleSection(BaseModel):
    """A numbered section of a veille study, with its choices and testimonies."""

    number: str
    title: str
    questions: list[str] = Field(default_factory=list)
    paroles: list[Quote] = Field(default_factory=list)
    page: int | None = None


class Organisation(BaseModel):
    """An organisation known from a glossary or named in a fiche."""

    id: str
    name: str
    acronym: str | None = None
    aliases: list[str] = Field(default_factory=list)
    category: str | None = None


class ParsedDocument(BaseModel):
    """A document after loading, repair and structure: everything but vectors."""

    id: str
    title: str
    type: DocumentType
    source: str
    sha256: str
    date: str | None = None
    text: str
    pages: list[PageSpan] = Field(default_factory=list)
    paged: bool = False
    blocks: list[Block] = Field(default_factory=list)
    fiches: list[Fiche] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[KeyFigure] = Field(default_factory=list)
    livret: Livret | None = None
    veille: list[VeilleSection] = Field(default_factory=list)
    ocr_score: float = 0.0
    minhash: list[int] = Field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Page number holding the character at `offset`."""
        return page_at(self.pages, offset)


class Passage(BaseModel):
    """A searchable span of a document, with everything needed to cite it."""

    id: str
    doc_id: str
    doc_title: str
    doc_type: DocumentType
    rev: str
    ordinal: int
    text: str
    start: int
    end: int
    page: int | None = None
    section: list[str] = Field(default_factory=list)
    kind: str = "paragraph"
    fiche: str | None = None
    fiche_title: str | None = None
    field: str | None = None
    years: list[int] = Field(default_factory=list)
    axe: str | None = None

    def heading(self) -> str:
        """What BM25 indexes besides the passage: its document, fiche and section titles.

        Questions often name a fiche or a section rather than the words of the
        passage, so the titles go into the sparse vector (at a reduced weight,
        see `kb.analyzer.document_vector`), not into the dense one, where they
        only blur the passage's meaning.
        """
        head = [self.doc_title]
        if self.fiche:
            head.append(f"Fiche action {self.fiche} : {self.fiche_title or ''}")
        head.extend(self.section[-2:])
        return " · ".join(h for h in head if h)


# Raised whenever the same file would give other passages or terms: a document indexed by an older version is
# indexed again by the next `kb ingest`, though its file did not change. 2: a plural typed without accents is
# reduced as with them (kb.analyzer); 3: a sentence a layout broke before a quantity is rejoined (ingest.reflow);
# 4: each word's root is indexed beside it (kb.analyzer); 5: words glued together ("vigilantlorsque") are indexed
# by their parts too (kb.lexicon.unglue); 6: what a sentence ending in ":" announces joins its passage
# (ingest.chunk); 7: so does a paragraph opening on "Ce plan…", "Cette définition…" (ingest.chunk).
INDEX_VERSION = 7


class DocumentEntry(BaseModel):
    """What the index knows of one document: its live revision and where it came from."""

    id: str
    rev: str
    source: str
    sha256: str
    title: str
    type: DocumentType
    date: str | None = None
    pages: int = 0
    passages: int = 0
    fiches: int = 0
    ocr_score: float = 0.0
    alternate_of: str | None = None
    minhash: list[int] = Field(default_factory=list)
    indexed_at: str = ""
    # The INDEX_VERSION it was read with (1 before it was recorded).
    index_version: int = 1


class Manifest(BaseModel):
    """The switch of the index: which revision of each document is live.

    It is one Qdrant point, so replacing it is atomic: a reader sees the old
    set of documents or the new one, never a mix.
    """

    schema_version: int = 1
    encoder: str = ""
    dim: int = 0
    generation: int = 0
    documents: dict[str, DocumentEntry] = Field(default_factory=dict)
    # Passage ids of an alternate version (OCR copy) -> the canonical passage that says the same.
    covered: dict[str, str] = Field(default_factory=dict)

    def live_revs(self) -> list[str]:
        """Revisions whose passages searches may return."""
        return [d.rev for d in self.documents.values()]

    def by_source(self) -> dict[str, DocumentEntry]:
        """Entries keyed by source path."""
        return {d.source: d for d in self.documents.values()}
