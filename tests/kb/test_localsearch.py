"""The embedded store's direct score lists against Qdrant's own query API, on the same points."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from qdrant_client import models

from kb import localsearch
from kb.settings import load_settings
from kb.store import DENSE, SPARSE, UNIT, Store, open_store, passage_id, unit_id


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(load_settings(data_dir=tmp_path))
    rng = np.random.default_rng(7)
    store.ensure(8, "test")
    passages, units = [], []
    for i in range(120):
        pid = passage_id("doc", str(i))
        idx = sorted({int(x) for x in rng.integers(0, 60, 6)})
        vector = rng.standard_normal(8)
        passages.append(models.PointStruct(id=pid, payload={"rev": "r", "fiche": str(i % 7)}, vector={
            DENSE: (vector / np.linalg.norm(vector)).tolist(),
            SPARSE: models.SparseVector(indices=idx, values=rng.random(len(idx)).tolist())}))
        for j in range(3):
            u = rng.standard_normal(8)
            units.append(models.PointStruct(id=unit_id(pid, j), vector={UNIT: (u / np.linalg.norm(u)).tolist()}))
    store.write_passages(passages, units)
    # Deleted points must stay out of the lists, as they do in Qdrant's.
    store.client.delete(store.passages, points_selector=[passages[0].id, passages[5].id])
    yield store
    store.close()


def test_direct_lists_equal_qdrant_lists(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    query = rng.standard_normal(8)
    dense = (query / np.linalg.norm(query)).tolist()
    sparse = models.SparseVector(indices=[2, 9, 30, 41], values=[1.0, 0.5, 2.0, 1.0])
    depths = (40, 30, 90)
    assert localsearch.collection(store.client, store.passages) is not None
    fast = store.score_lists(dense, sparse, None, depths)
    monkeypatch.setattr(localsearch, "collection", lambda client, name: None)
    reference = store.score_lists(dense, sparse, None, depths)
    for got, want in zip(fast, reference, strict=True):
        assert list(got) == list(want)
        assert np.allclose(list(got.values()), list(want.values()), rtol=1e-5)
    assert len(fast[0]) == 40 and len(fast[1]) > 0 and len(fast[2]) > 0
    assert passage_id("doc", "0") not in fast[0] and passage_id("doc", "0") not in fast[1]


def test_a_filtered_search_goes_through_qdrant(store: Store) -> None:
    flt = models.Filter(must=[models.FieldCondition(key="fiche", match=models.MatchValue(value="3"))])
    dense, sparse, _units = store.score_lists([1.0] + [0.0] * 7, None, flt, (200, 200, 200))
    assert dense and sparse == {}
    found = store.payloads(list(dense))
    assert found.keys() == dense.keys() and {payload["fiche"] for payload in found.values()} == {"3"}


def test_direct_vectors_equal_qdrant_vectors(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [passage_id("doc", str(i)) for i in (0, 1, 2, 50, 119)]
    fast = store.vectors(ids)
    monkeypatch.setattr(localsearch, "collection", lambda client, name: None)
    reference = store.vectors(ids)
    assert fast.keys() == reference.keys() == set(ids[1:])  # the deleted passage is left out
    assert all(np.allclose(fast[pid], reference[pid]) for pid in ids[1:])


def test_sparse_vectors_come_back_as_written(store: Store) -> None:
    # The fused ranking reads the BM25 vector of BM25's best passage (how much of the question it holds).
    pid = passage_id("doc", "new")
    store.write_passages([models.PointStruct(id=pid, payload={"rev": "r", "fiche": "1"}, vector={
        DENSE: [1.0] + [0.0] * 7, SPARSE: models.SparseVector(indices=[4, 17, 52], values=[0.5, 1.0, 2.0])})])
    got = store.vectors([pid, passage_id("doc", "0")], SPARSE)
    assert got.keys() == {pid}  # the deleted passage is left out
    assert list(got[pid].indices) == [4, 17, 52]
