"""What the running server holds: settings, the store, the search service and the indexer."""

from __future__ import annotations

from dataclasses import dataclass

from api.indexer import Indexer
from kb import spelling
from kb.encoder import make_encoder
from kb.search import SearchService
from kb.settings import Settings
from kb.store import Store, open_store


@dataclass
class AppState:
    """One per process: the server owns the embedded store."""

    settings: Settings
    store: Store
    service: SearchService
    indexer: Indexer


def build_state(settings: Settings) -> AppState:
    """Open the store, load the encoder, wire the search service and the indexer."""
    store = open_store(settings)
    service = SearchService(store, settings, make_encoder(settings))
    spelling.lexicon_neighbours()  # built now, not during the first question with a slip
    return AppState(settings, store, service, Indexer(settings, store, service))
