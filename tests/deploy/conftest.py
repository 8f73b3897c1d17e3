"""Fixtures of the deploy tests: the compose file, its services and the Dockerfile, parsed once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.deploy.files import COMPOSE, DOCKERFILE, Dockerfile, parse_dockerfile, yaml


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """docker-compose.yml as data."""
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict), "no services in docker-compose.yml"
    return data


@pytest.fixture(scope="module")
def dockerfile() -> Dockerfile:
    """The Dockerfile, parsed."""
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def qdrant(compose: dict[str, Any]) -> dict[str, Any]:
    assert "qdrant" in compose["services"], "docker-compose.yml has no `qdrant` service"
    return compose["services"]["qdrant"]


@pytest.fixture(scope="module")
def api(compose: dict[str, Any]) -> dict[str, Any]:
    assert "api" in compose["services"], "docker-compose.yml has no `api` service"
    return compose["services"]["api"]


@pytest.fixture
def clean_kb_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No KB_* variable of the test process leaks into the settings under test."""
    for name in list(os.environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    yield

