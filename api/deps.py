"""Dependencies of the routes, as `Annotated` aliases.

Tests point the app at a small real store with
`app.dependency_overrides[get_state] = lambda: state`.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.indexer import Indexer
from api.state import AppState
from kb.errors import AdminDisabled, NotReady, Unauthorized
from kb.search import SearchService
from kb.settings import Settings


def get_state(request: Request) -> AppState:
    """The server's state, built at start-up (see `api.main.lifespan`)."""
    state: AppState | None = getattr(request.app.state, "kb", None)
    if state is None:
        raise NotReady("le serveur démarre : réessayez dans un instant")
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_settings_dep(state: StateDep) -> Settings:
    """The server's settings."""
    return state.settings


def get_indexer(state: StateDep) -> Indexer:
    """The server's indexer."""
    return state.indexer


def ready_service(state: StateDep) -> SearchService:
    """The search service, once the first ingestion has finished (503 before)."""
    if not state.indexer.ready:
        raise NotReady("indexation en cours : la recherche sera disponible dans un instant")
    return state.service


def require_admin(request: Request, state: StateDep) -> None:
    """Admin endpoints need `Authorization: Bearer <KB_ADMIN_TOKEN>`; without a token they are disabled."""
    expected = state.settings.admin_token
    if not expected:
        raise AdminDisabled("admin endpoints are disabled: set KB_ADMIN_TOKEN to enable them")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # Constant-time comparison: the answer time says nothing about the token.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("missing or wrong admin token")


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
IndexerDep = Annotated[Indexer, Depends(get_indexer)]
ServiceDep = Annotated[SearchService, Depends(ready_service)]
AdminDep = Annotated[None, Depends(require_admin)]
