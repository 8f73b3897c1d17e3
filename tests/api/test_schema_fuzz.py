"""Schemathesis over the whole OpenAPI schema: no input produces a server error.

The app is built at import time (schemathesis reads its schema then) and
answers from the session's corpus index once the fixture below binds it.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.deps import get_state
from api.main import create_app
from kb.settings import load_settings

_BOUND: dict[str, Any] = {}
app = create_app(load_settings(), own_state=False)
app.dependency_overrides[get_state] = lambda: _BOUND["state"]
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(autouse=True)
def _bind(corpus_state) -> None:  # type: ignore[no-untyped-def]
    _BOUND["state"] = corpus_state


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error])
