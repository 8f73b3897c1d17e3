"""Score lists read straight from the embedded store's arrays.

qdrant-client's local mode scores every point with NumPy, then builds a
pydantic `ScoredPoint` for each point it returns. A search reads three deep
lists (e5 over passages, BM25 over passages, e5 over units): some 550
objects a query, which cost more than the scoring itself and grow with the
depth read. Here the same functions of qdrant-client score the same arrays
(same distance, same IDF rescoring, same deleted-point masks), and only the
best ids and their scores come out, as a dict.

This reads qdrant-client's local collection, which is not a public API:
`collection()` checks that what it needs is there, and the store falls back
to Qdrant's query API otherwise. `tests/kb/test_localsearch.py` pins that
both give the same lists.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from kb.localsparse import fast_calculate_distance_sparse

_NEEDED = ("vectors", "sparse_vectors", "ids_inv", "deleted", "deleted_per_vector", "payload", "config",
           "_rescore_idf")


def collection(client: QdrantClient, name: str) -> Any | None:
    """The local-mode collection object behind `name`, or None (a server, or unknown internals)."""
    collections = getattr(getattr(client, "_client", None), "collections", None)
    found = collections.get(name) if isinstance(collections, dict) else None
    if found is None or not all(hasattr(found, attr) for attr in _NEEDED):
        return None
    return found


def _top(coll: Any, vector_name: str, scores: np.ndarray, depth: int) -> dict[str, float]:
    n = len(coll.payload)
    scores = scores[:n]
    usable = ~coll.deleted[:n] & ~coll.deleted_per_vector[vector_name][:n] & np.isfinite(scores)
    rows = np.flatnonzero(usable)
    if len(rows) > depth:
        rows = rows[np.argpartition(-scores[rows], depth - 1)[:depth]]
    rows = rows[np.argsort(-scores[rows], kind="stable")]
    return {str(coll.ids_inv[r]): float(scores[r]) for r in rows}


def dense_top(coll: Any, vector_name: str, query: np.ndarray, depth: int) -> dict[str, float] | None:
    """The `depth` best points for a dense query (None if the vector is not a plain DOT one)."""
    from qdrant_client.local.distances import calculate_distance

    params = coll.config.vectors.get(vector_name) if isinstance(coll.config.vectors, dict) else None
    if params is None or params.distance != models.Distance.DOT or vector_name not in coll.vectors:
        return None
    vectors = coll.vectors[vector_name][: len(coll.payload)]
    if len(vectors) == 0:
        return {}
    return _top(coll, vector_name, calculate_distance(query, vectors, models.Distance.DOT), depth)


def sparse_top(coll: Any, vector_name: str, query: models.SparseVector, depth: int) -> dict[str, float] | None:
    """The `depth` best points for a sparse query, IDF-rescored as Qdrant does."""
    if vector_name not in coll.sparse_vectors:
        return None
    vectors = coll.sparse_vectors[vector_name][: len(coll.payload)]
    if not vectors:
        return {}
    sparse_params = (coll.config.sparse_vectors or {}).get(vector_name)
    if sparse_params is not None and sparse_params.modifier == models.Modifier.IDF:
        query = coll._rescore_idf(query, vector_name)
    return _top(coll, vector_name, fast_calculate_distance_sparse(query, vectors), depth)


def vectors(coll: Any, vector_name: str, ids: list[str]) -> dict[str, np.ndarray] | None:
    """Some live points' dense vectors, by id, read from the collection's array (rows, not copies)."""
    index = getattr(coll, "ids", None)
    if not isinstance(index, dict) or vector_name not in coll.vectors:
        return None
    array = coll.vectors[vector_name]
    missing = coll.deleted_per_vector[vector_name]
    out: dict[str, np.ndarray] = {}
    for pid in ids:
        row = index.get(pid)
        if row is not None and not coll.deleted[row] and not missing[row]:
            out[pid] = array[row]
    return out


def payloads(coll: Any, ids: list[str]) -> dict[str, dict[str, Any]] | None:
    """The stored payloads of live points, by id, without the deep copy `retrieve` makes.

    The caller must not change them: they are the store's own objects.
    """
    index = getattr(coll, "ids", None)
    if not isinstance(index, dict):
        return None
    out: dict[str, dict[str, Any]] = {}
    for pid in ids:
        row = index.get(pid)
        if row is not None and not coll.deleted[row]:
            out[pid] = coll.payload[row]
    return out
