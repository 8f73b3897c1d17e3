"""API fixtures: the app pointed (through dependency_overrides) at real stores in temporary folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_state
from api.indexer import Indexer
from api.main import create_app
from api.state import AppState
from kb.encoder import make_encoder
from kb.search import SearchService
from kb.settings import load_settings
from kb.store import open_store

TOKEN = "test-admin-token"


def _ready_state(settings, store, service) -> AppState:  # type: ignore[no-untyped-def]
    indexer = Indexer(settings, store, service)
    indexer._was_ready = True  # the index was built by the fixture: searchable at once
    indexer.status = "ok"
    service.refresh(force=True)
    return AppState(settings, store, service, indexer)


def app_with(state: AppState) -> FastAPI:
    """The real app, answering from `state` (no lifespan: nothing else is opened)."""
    app = create_app(state.settings, own_state=False)
    app.dependency_overrides[get_state] = lambda: state
    return app


@pytest.fixture(scope="session")
def corpus_state(corpus_index) -> AppState:  # type: ignore[no-untyped-def]
    """The session's corpus index, read-only, admin disabled (no token)."""
    return _ready_state(corpus_index.settings, corpus_index.store, corpus_index.service)


@pytest.fixture(scope="session")
def client(corpus_state: AppState) -> TestClient:
    """A client of the app on the corpus index."""
    return TestClient(app_with(corpus_state))


@pytest.fixture
def admin_state(tmp_path: Path) -> Iterator[AppState]:
    """A small writable index (one note in a corpus folder) with an admin token and a 1 MB upload limit."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("Note de service\n\nLe guichet unique des aidants familiaux ouvre en mars.\n",
                                     encoding="utf-8")
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus, admin_token=TOKEN, max_upload_mb=1)
    store = open_store(settings)
    service = SearchService(store, settings, make_encoder(settings))
    state = _ready_state(settings, store, service)
    state.indexer.reindex()
    yield state
    store.close()


@pytest.fixture
def admin_client(admin_state: AppState) -> TestClient:
    """A client of the writable app."""
    return TestClient(app_with(admin_state))
