"""The FastAPI application: routes, errors, security headers, the page, and the server's start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.middleware import BodyLimit, SecurityHeaders
from api.routes import admin, docs, documents, fiches, health, organisations, search
from api.state import build_state
from kb import __version__
from kb.settings import Settings, get_settings

UI_DIR = Path(__file__).resolve().parents[1] / "ui"


def create_app(settings: Settings | None = None, *, own_state: bool = True) -> FastAPI:
    """The app; its lifespan opens the store and starts ingesting the corpus.

    `own_state=False` leaves the state to the caller (tests override `get_state`).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not own_state:
            yield
            return
        state = build_state(settings)
        app.state.kb = state
        state.indexer.start()
        try:
            yield
        finally:
            state.store.close()

    app = FastAPI(
        title="Recherche PMS — Projet Métropolitain des Solidarités",
        description="Recherche dans le plan (livrets, fiches action, veille) : passages cités avec leur "
                    "document, fiche, section et page, et listes structurées de fiches.",
        version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
    )
    errors.install(app)
    for module in (search, fiches, documents, organisations, admin, health, docs):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 1024 * 1024)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders)
    if UI_DIR.is_dir():
        app.mount("/", StaticFiles(directory=UI_DIR, html=True), name="ui")
    return app
