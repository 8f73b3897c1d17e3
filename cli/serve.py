"""`kb serve`: the API and the page with uvicorn; the server ingests the corpus itself on start."""

from __future__ import annotations

import argparse

from kb.settings import get_settings
from kb.store import open_store


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    import uvicorn

    from api.main import create_app

    settings = get_settings()
    # Fail fast, with one clear line, if another process holds the embedded store.
    open_store(settings).close()
    print(f"kb: serving {settings.corpus_dir} on http://{args.host}:{args.port} "
          f"(indexing first; /api/health says when searches are answered)", flush=True)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                timeout_graceful_shutdown=5)
    return 0
