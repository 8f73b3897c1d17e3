"""Response models: what each endpoint returns, documented in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class DocumentRef(BaseModel):
    """The document a passage comes from."""

    id: str
    title: str
    type: str = Field(description="livret, fiches, veille, glossary ou other")
    alternate_of: str | None = Field(None, description="Document canonique si celui-ci en est une autre version")


class Result(BaseModel):
    """A cited passage."""

    id: str
    text: str = Field(description="Le passage, en texte brut")
    highlights: list[list[int]] = Field(description="Plages [début, fin] des mots trouvés dans `text`")
    document: DocumentRef
    page: int | None
    section: str | None
    section_path: list[str]
    fiche: str | None
    fiche_title: str | None
    field: str | None
    start: int = Field(description="Position du passage dans le texte du document")
    end: int
    score: float
    citation: str = Field(description="Référence complète, prête à coller")


class Citation(BaseModel):
    """The line that proves why a fiche answers."""

    text: str
    page: int | None
    field: str
    role: str
    organisation: str


class FicheAnswer(BaseModel):
    """A fiche of a structured answer."""

    number: str
    title: str
    roles: list[str]
    calendrier: str
    years: list[int]
    page: int | None
    pages: list[int]
    programme: str | None
    axe: str | None
    pilotes: list[str]
    partenaires: list[str] = Field(description="Les partenaires associés, un par nom, comme la fiche les liste")
    document_id: str
    citations: list[Citation]


class RankedOrganisation(BaseModel):
    """An organisation and the fiches naming it, for "qui pilote le plus de fiches ?"."""

    id: str
    name: str
    role: str | None = Field(description="Le rôle compté (pilote, partenaire), ou null pour tout rôle")
    fiche_count: int
    fiches: list[str] = Field(description="Les numéros des fiches, dans l'ordre du plan")


class SearchAnswer(BaseModel):
    """The search contract (read by ../shared/eval/score.py)."""

    query: str
    understood: dict[str, Any] = Field(description=(
        "Ce que la question a été comprise demander ; `spans` dit où la question nomme chaque élément "
        "(positions dans `corrected` s'il est donné, sinon dans `query`)"))
    results: list[Result]
    fiches: list[FicheAnswer] = Field(description="Réponse structurée aux questions « quelles fiches… »")
    organisations: list[RankedOrganisation] = Field(default_factory=list, description=(
        "Pour « qui pilote le plus de fiches ? » : les organisations, de celle qui compte le plus de fiches "
        "(dans le rôle demandé) à celle qui en compte le moins"))
    took_ms: float
    facets: dict[str, dict[str, int]] = Field(default_factory=dict, description="Comptes par type, axe, "
                                              "organisation et année parmi les résultats de la question "
                                              "sans filtre")


class FicheList(BaseModel):
    """A list of fiches action."""

    fiches: list[dict[str, Any]]


class DocumentSummary(BaseModel):
    """A document of the index."""

    id: str
    title: str
    type: str
    date: str | None
    pages: int
    passages: int
    fiches: int
    alternate_of: str | None
    alternates: list[str]
    file: str
    ocr_score: float


class Suggestion(BaseModel):
    """A suggestion shown while typing."""

    kind: str = Field(description="organisation, fiche ou document")
    label: str
    value: str


class Suggestions(BaseModel):
    """Suggestions for a prefix."""

    suggestions: list[Suggestion]


class IngestAnswer(BaseModel):
    """What an upload did."""

    document: str | None
    status: str
    pages: int
    chunks: int
    file: str


class ReindexAnswer(BaseModel):
    """What a reindex did."""

    summary: dict[str, Any]
    files: list[dict[str, Any]]
    removed: list[str]
