"""Settings: KB_* variables, and contradictions refused at start with one clear line."""

from __future__ import annotations

import pytest

from kb.errors import SettingsError
from kb.settings import load_settings


def test_defaults_are_the_embedded_store() -> None:
    s = load_settings()
    assert s.embedded and str(s.store_path).endswith("qdrant") and s.max_upload_mb == 50 and s.cors_origins == []


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_QDRANT_URL", "http://qdrant:6333")
    monkeypatch.setenv("KB_CORS_ORIGINS", "https://a.example, https://b.example")
    s = load_settings()
    assert not s.embedded and s.cors_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"qdrant_api_key": "k"}, "KB_QDRANT_API_KEY is set but KB_QDRANT_URL is not"),
    ({"qdrant_url": "qdrant:6333"}, "must be an http(s) URL"),
    ({"encoder": "sentence-transformers"}, "needs KB_ENCODER_MODEL"),
    ({"encoder_model": "x"}, "only applies to KB_ENCODER=sentence-transformers"),
    ({"shards": 2}, "set KB_QDRANT_URL too"),
    ({"cors_origins": ["*"], "admin_token": "t"}, "any site"),
    ({"max_upload_mb": 0}, "max_upload_mb"),
    ({"collection": "a b"}, "collection"),
])
def test_contradictions_are_refused(overrides: dict, message: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(**overrides)
    assert message in str(err.value) and "\n" not in str(err.value)
