"""Embed stage: dense vectors from the configured encoder, sparse BM25 vectors from the French analyzer.

The dense model reads the passage alone; the sparse text also carries the
document, fiche and section titles (see `Passage.heading`), which is what
lets a question that names a fiche find its passages.
"""

from __future__ import annotations

from haystack import component

from ingest.units import split_units
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

    def _embed(self, texts: list[str]) -> list[list[float]]:
        assert self.encoder is not None
        out: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            out.extend(v.tolist() for v in self.encoder.embed_passages(texts[start:start + BATCH]))
        return out

    @component.output_types(dense=list[list[float]], units=list[list[list[float]]])
    def run(self, passages: list[Passage]) -> dict[str, object]:
        """Embed each passage, and each unit of the passages that have several."""
        self.warm_up()
        dense = self._embed([dense_text(p) for p in passages])
        pieces = [split_units(p.text) for p in passages]
        flat = self._embed([u for units in pieces if len(units) > 1 for u in units])
        units: list[list[list[float]]] = []
        pos = 0
        for vector, parts in zip(dense, pieces, strict=True):
            if len(parts) > 1:
                units.append(flat[pos:pos + len(parts)])
                pos += len(parts)
            else:
                units.append([vector])
        return {"dense": dense, "units": units}


@component
class SparseEncoder:
    """Haystack component: one BM25 sparse vector (indices, weights) per passage."""

    @component.output_types(sparse=list[tuple[list[int], list[float]]])
    def run(self, passages: list[Passage]) -> dict[str, list[tuple[list[int], list[float]]]]:
        """Analyse each passage's search text."""
        return {"sparse": [document_vector(p.text, p.heading()) for p in passages]}
