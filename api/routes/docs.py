"""GET /docs: the interactive API documentation, served from local files (no CDN, no inline script)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)
_STATIC = Path(__file__).resolve().parents[1] / "static"

_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>API — Recherche PMS</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>"""


def _swagger_dir() -> Path:
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


@router.get("/docs")
def docs_page() -> HTMLResponse:
    """Swagger UI on /openapi.json."""
    return HTMLResponse(_PAGE)


@router.get("/docs/init.js")
def docs_init() -> FileResponse:
    """The script that starts Swagger UI (a file, so the CSP can forbid inline scripts)."""
    return FileResponse(_STATIC / "docs-init.js", media_type="text/javascript")


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    """Swagger UI's own files."""
    allowed = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript"}
    if name not in allowed:
        return FileResponse(_STATIC / "missing.txt", status_code=404, media_type="text/plain")
    return FileResponse(_swagger_dir() / name, media_type=allowed[name])
