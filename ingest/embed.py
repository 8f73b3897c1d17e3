"""Embed stage: dense vectors from the configured encoder, sparse BM25 vectors from the French analyzer.

The dense model reads the passage alone; the sparse text also carries the
document, fiche and section titles (see `Passage.heading`), which is what
lets a question that names a fiche find its passages.
"""

from __future__ import annotations

from haystack import component

from kb.analyzer import document_vector
from kb.encoder import Encoder, make_encoder
from kb.models import Passage
from kb.settings import Settings

BATCH = 32


def dense_text(passage: Passage) -> str:
    """What the dense model embeds: the passage, after its fiche title for a fiche field."""
    if passage.fiche and passage.field in {"pilotes", "partenaires", "calendrier", "indicateurs", "objectifs"}:
        return f"{passage.fiche_title} — {passage.text}"
    return passage.text


@component
class DenseEmbedder:
    """Haystack component: one dense vector per passage."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.encoder: Encoder | None = None

    def warm_up(self) -> None:
        """Load the model (once per process)."""
        if self.encoder is None:
            self.encoder = make_encoder(self.settings)

    @component.output_types(dense=list[list[float]])
    def run(self, passages: list[Passage]) -> dict[str, list[list[float]]]:
        """Embed passages in batches."""
        self.warm_up()
        assert self.encoder is not None
        vectors: list[list[float]] = []
        for start in range(0, len(passages), BATCH):
            batch = [dense_text(p) for p in passages[start:start + BATCH]]
            vectors.extend(v.tolist() for v in self.encoder.embed_passages(batch))
        return {"dense": vectors}


@component
class SparseEncoder:
    """Haystack component: one BM25 sparse vector (indices, weights) per passage."""

    @component.output_types(sparse=list[tuple[list[int], list[float]]])
    def run(self, passages: list[Passage]) -> dict[str, list[tuple[list[int], list[float]]]]:
        """Analyse each passage's search text."""
        return {"sparse": [document_vector(p.text, p.heading()) for p in passages]}
