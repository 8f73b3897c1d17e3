"""The server path of the store factory: a Qdrant server answers as the embedded store does.

Runs only where a server is reachable: set `KB_QDRANT_URL` (and `KB_QDRANT_API_KEY`,
`KB_SHARDS`, `KB_REPLICAS` for a cluster). `docker compose up qdrant` starts one.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DEV_QUERIES = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FIXED_QUERIES = [
    "Quelles fiches action impliquent l'UDCCAS ?",
    "calendrier de la fiche 28.2",
    "pouvoir d'agir des personnes accompagnées",
    "partenaires de la Maison de la Métropole",
    "veille stratégique action sociale 2018",
    "insertion professionnelle des jeunes",
]


def queries() -> list[str]:
    """The 36 dev questions when ../shared is beside the project, else a fixed handful."""
    if DEV_QUERIES.exists():
        lines = DEV_QUERIES.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["query"] for line in lines if line.strip()]
    return FIXED_QUERIES


def answers(settings: Any, questions: list[str]) -> dict[str, dict[str, Any]]:
    """Index the corpus with `settings` and answer every question: top-3 passages and the fiche list."""
    from ingest.pipeline import ingest_paths
    from kb.encoder import make_encoder
    from kb.search import SearchService
    from kb.store import open_store

    store = open_store(settings)
    try:
        report = ingest_paths([CORPUS], settings, store)
        assert not report.failed, [f.error for f in report.failed]
        service = SearchService(store, settings, make_encoder(settings))
        out = {}
        for q in questions:
            # One passage more than compared, to tell a tie at the third place from a difference.
            result = service.search(q, k=4)
            out[q] = {"texts": [r["text"] for r in result["results"]],
                      "scores": [r["score"] for r in result["results"]],
                      "fiches": [f["number"] for f in result["fiches"]]}
        return out
    finally:
        if not settings.embedded:
            store.drop()  # the test's own collections, named uniquely
        store.close()


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("KB_QDRANT_URL"), reason="needs a Qdrant server: set KB_QDRANT_URL")
def test_embedded_and_server_modes_answer_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.settings import load_settings

    url, key = os.environ["KB_QDRANT_URL"], os.environ.get("KB_QDRANT_API_KEY")
    shards, replicas = int(os.environ.get("KB_SHARDS", "1")), int(os.environ.get("KB_REPLICAS", "1"))
    for name in list(os.environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    common = {"_env_file": None, "corpus_dir": CORPUS}
    embedded = load_settings(**common, data_dir=tmp_path / "embedded")
    server = load_settings(**common, data_dir=tmp_path / "server", qdrant_url=url, qdrant_api_key=key,
                           collection=f"deploytest_{uuid.uuid4().hex[:12]}", shards=shards, replicas=replicas)
    questions = queries()
    local, remote = answers(embedded, questions), answers(server, questions)
    differences = []
    for q in questions:
        a, b = local[q], remote[q]
        if a["fiches"] != b["fiches"]:
            differences.append(f"{q!r}: fiches {a['fiches']} != {b['fiches']}")
        top_a, top_b = a["texts"][:3], b["texts"][:3]
        # Passages with the same score may come in either order: a place where the texts differ
        # is explained only if its score ties with another of the first four.
        unexplained = [i for i in range(max(len(top_a), len(top_b)))
                       if (top_a[i:i + 1] != top_b[i:i + 1])
                       and not (i < len(a["scores"]) and any(abs(a["scores"][i] - s) < 1e-3
                                                             for j, s in enumerate(a["scores"]) if j != i))]
        if unexplained:
            differences.append(f"{q!r}: top-3 {[t[:60] for t in top_a]} != {[t[:60] for t in top_b]}")
    assert not differences, "embedded and server answers differ:\n" + "\n".join(differences)
