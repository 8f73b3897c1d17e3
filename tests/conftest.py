"""Shared fixtures: the real seed corpus, and one real index of it built once per test session.

Everything is offline and real: the corpus text, qdrant-client's local mode in
a temporary folder, the packaged e5 model. Tests that read `../shared` skip
cleanly when it is absent (a user's clone does not have it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
PMS = CORPUS / "pms-2017-2022-developpement-social.txt"
LIVRET3 = CORPUS / "engagement-3-pouvoir-agir-professionnels.txt"
LIVRET3_OCR = CORPUS / "engagement-3-pouvoir-agir-professionnels-ocr.txt"
LIVRET2 = CORPUS / "engagement-2-pouvoir-agir-personnes.md"
VEILLE = CORPUS / "veille-strategique-action-sociale-2018.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is only beside the project in development and CI)")
    return path


@pytest.fixture(scope="session")
def parsed() -> dict[str, object]:
    """The five corpus documents, parsed (load, repair, structure) once."""
    from ingest.parse import parse_file

    return {p.stem: parse_file(str(p), p.stem, str(p)) for p in sorted(CORPUS.iterdir())
            if p.suffix in (".txt", ".md") and p.name != "README.md"}


@dataclass
class Index:
    """A real index of the corpus in a temporary folder, with its store and search service."""

    settings: object
    store: object
    service: object
    report: object


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """The whole corpus, ingested once for the session (about half a minute)."""
    from ingest.pipeline import ingest_paths
    from kb.encoder import make_encoder
    from kb.search import SearchService
    from kb.settings import load_settings
    from kb.store import open_store

    data = tmp_path_factory.mktemp("index")
    settings = load_settings(data_dir=data, corpus_dir=CORPUS)
    store = open_store(settings)
    report = ingest_paths([CORPUS], settings, store)
    service = SearchService(store, settings, make_encoder(settings))
    yield Index(settings, store, service, report)
    store.close()
