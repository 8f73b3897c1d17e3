"""Readers of the deployment files (Dockerfile, docker-compose.yml, docs/deployment.md) for the deploy tests.

No Docker engine is needed: the compose file is read with PyYAML and the Dockerfile as text.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extras: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
DOCS = ROOT / "docs" / "deployment.md"
QDRANT_HTTP_PORT = 6333  # Qdrant's REST port, fixed by its image
MIN_FIRST_INGEST_S = 120  # the first ingestion of the corpus takes about two minutes
PLACEHOLDER = "placeholder-secret"


# -- reading the files ---------------------------------------------------------------------------
@dataclass
class Instruction:
    """One Dockerfile instruction, continuation lines joined."""

    keyword: str
    args: str
    line: int


@dataclass
class Dockerfile:
    """The parsed Dockerfile, with the helpers the tests need."""

    instructions: list[Instruction]
    env: dict[str, str] = field(default_factory=dict)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def index(self, predicate: Any) -> int:
        """Position of the first instruction matching `predicate`, or -1."""
        return next((n for n, i in enumerate(self.instructions) if predicate(i)), -1)


def parse_dockerfile(text: str) -> Dockerfile:
    """Instructions in order (comments dropped, `\\` continuations joined) and the final ENV."""
    instructions: list[Instruction] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if buffer and line.startswith("#"):
            continue  # a comment inside a continued instruction
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        keyword, _, args = buffer.partition(" ")
        instructions.append(Instruction(keyword.upper(), args.strip(), start))
        buffer = ""
    parsed = Dockerfile(instructions)
    for instruction in parsed.all("ENV"):
        words = shlex.split(instruction.args)
        if words and "=" not in words[0]:  # legacy form: ENV KEY value with spaces
            parsed.env[words[0]] = " ".join(words[1:])
        else:
            parsed.env.update(word.split("=", 1) for word in words)  # type: ignore[arg-type]
    return parsed


def exec_form(args: str) -> list[str]:
    """The JSON array of an exec-form CMD/HEALTHCHECK CMD (shell form fails the test)."""
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), f"not exec form: {args}"
    return value


_VARIABLE = re.compile(r"\$(?:(\$)|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
                       r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")


def interpolate(value: str, env: Mapping[str, str], placeholder: str | None = None) -> str:
    """Compose's variable syntax: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}.

    A required variable that `env` lacks takes `placeholder`, or fails the test.
    """
    def substitute(match: re.Match[str]) -> str:
        if match.group(1):
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg") or ""
        current = env.get(name)
        unset_or_empty = current is None or (op is not None and op.startswith(":") and current == "")
        if op in ("-", ":-"):
            return arg if unset_or_empty else str(current)
        if op in ("?", ":?"):
            if unset_or_empty:
                if placeholder is None:
                    pytest.fail(f"{name} is required by docker-compose.yml ({arg})")
                return placeholder
            return str(current)
        return "" if current is None else str(current)

    return _VARIABLE.sub(substitute, value)


def variables_in(value: str) -> dict[str, str | None]:
    """Variables a compose value refers to, with their operator (None for a plain ${VAR})."""
    return {(m.group("name") or m.group("bare")): m.group("op") for m in _VARIABLE.finditer(value) if not m.group(1)}


def environment(service: Mapping[str, Any]) -> dict[str, str]:
    """A service's `environment`, in either the mapping or the list form, values as written."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


@dataclass
class PortMapping:
    """One entry of `ports` in the short syntax."""

    host_ip: str | None
    host_port: int | None
    container_port: int


def port_mappings(service: Mapping[str, Any]) -> list[PortMapping]:
    """A service's published ports ("[IP:][HOST:]CONTAINER[/proto]" or the long syntax)."""
    mappings = []
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            mappings.append(PortMapping(entry.get("host_ip"), int(entry["published"]) if entry.get("published")
                                        else None, int(entry["target"])))
            continue
        parts = str(entry).split("/")[0].rsplit(":", 2)
        container = int(parts[-1])
        host = int(parts[-2]) if len(parts) >= 2 and parts[-2] else None
        mappings.append(PortMapping(parts[0] if len(parts) == 3 else None, host, container))
    return mappings


def seconds(duration: str | int | float) -> float:
    """A compose or Dockerfile duration ("180s", "3m", "1m30s", "500ms") in seconds."""
    if isinstance(duration, int | float):
        return float(duration)
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, f"unreadable duration {duration!r}"
    return sum(float(n) * units[u] for n, u in parts)


def serve_default_port() -> int:
    """The port `kb serve` listens on when none is given."""
    from cli.main import build_parser

    return int(build_parser().parse_args(["serve"]).port)


def dotenv_example() -> dict[str, str]:
    """The `.env` example of docs/deployment.md (its ```dotenv block)."""
    block = re.search(r"```dotenv\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert block, "docs/deployment.md has no ```dotenv example of .env"
    pairs = (line.strip().split("=", 1) for line in block.group(1).splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith("#")}


def settings_fields() -> set[str]:
    from kb.settings import Settings

    return set(Settings.model_fields)


def kb_field(variable: str) -> str:
    return variable.removeprefix("KB_").lower()



def container_env(api: dict[str, Any], dockerfile: Dockerfile, env: Mapping[str, str]) -> dict[str, str]:
    """What the api container sees: the image's ENV, then compose's environment interpolated with `env`."""
    values = dict(dockerfile.env)
    values.update({k: interpolate(v, env, placeholder=PLACEHOLDER) for k, v in environment(api).items()})
    return values
