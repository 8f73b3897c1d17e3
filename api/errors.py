"""Domain errors to HTTP statuses, in one place; validation errors say what is allowed."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from kb.errors import (
    AdminDisabled,
    CorpusDocument,
    EmptyIndex,
    FileTooLarge,
    IndexingInProgress,
    IndexMismatch,
    InvalidQuery,
    KBError,
    NotFound,
    NotReady,
    SettingsError,
    StoreLocked,
    StoreUnavailable,
    Unauthorized,
    UnreadableFile,
    UnsupportedFileType,
)

STATUS: dict[type[KBError], int] = {
    NotFound: 404,
    NotReady: 503,
    EmptyIndex: 503,
    InvalidQuery: 422,
    UnreadableFile: 422,
    UnsupportedFileType: 415,
    FileTooLarge: 413,
    Unauthorized: 401,
    AdminDisabled: 403,
    IndexingInProgress: 409,
    CorpusDocument: 409,
    StoreLocked: 503,
    StoreUnavailable: 503,
    IndexMismatch: 503,
    SettingsError: 500,
}


def status_of(err: KBError) -> int:
    """The HTTP status of a domain error (the most specific class wins)."""
    for cls in type(err).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 500


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.exception_handler(KBError)
    async def domain_error(request: Request, err: KBError) -> JSONResponse:
        status = status_of(err)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": str(err) or type(err).__doc__}, status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> JSONResponse:
        problems = []
        for e in err.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {e.get('msg', 'invalid value')}")
        return JSONResponse({"detail": "; ".join(problems), "errors": [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in err.errors()
        ]}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> JSONResponse:
        # Last resort: a bug must not leak a traceback to a user.
        return JSONResponse({"detail": "erreur interne du serveur"}, status_code=500)
