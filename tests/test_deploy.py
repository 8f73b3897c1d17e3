"""Static checks of the deployment files: Dockerfile, .dockerignore, docker-compose.yml, docs/deployment.md.

No Docker engine is needed: the compose file is read with PyYAML and the
Dockerfile as text, and both are checked against the code they deploy (the
settings, `kb serve`'s port, the store's snapshot path, qdrant-client's version).
`docker compose config` runs when a Compose client is installed (it needs no
daemon). One test compares search results between the embedded store and a
real Qdrant server; it runs only when KB_QDRANT_URL is set.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extras: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
DOCS = ROOT / "docs" / "deployment.md"
CORPUS = ROOT / "corpus"
DEV_QUERIES = ROOT.parent / "shared" / "eval" / "dev.jsonl"
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


@pytest.fixture
def clean_kb_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No KB_* variable of the test process leaks into the settings under test."""
    for name in list(os.environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    yield


# -- the qdrant service ---------------------------------------------------------------------------
def test_qdrant_image_is_official_and_pinned(qdrant: dict[str, Any]) -> None:
    image = qdrant.get("image", "")
    match = re.fullmatch(r"(?:docker\.io/)?qdrant/qdrant:v(\d+)\.(\d+)\.(\d+)", image)
    assert match, f"qdrant must be the official image with a pinned vX.Y.Z tag (not latest), got {image!r}"
    # qdrant-client warns at connection when the minor versions differ by more than one.
    client_major, client_minor = (int(p) for p in importlib.metadata.version("qdrant-client").split(".")[:2])
    server_major, server_minor = int(match.group(1)), int(match.group(2))
    assert server_major == client_major and abs(server_minor - client_minor) <= 1, (
        f"{image} is not compatible with the installed qdrant-client {client_major}.{client_minor}")


def test_qdrant_persists_storage_and_snapshots_where_the_store_expects(compose: dict[str, Any],
                                                                        qdrant: dict[str, Any]) -> None:
    from kb.store import Store

    targets = {str(v).split(":")[1] for v in qdrant.get("volumes", [])}
    assert {"/qdrant/storage", "/qdrant/snapshots"} <= targets
    # `kb restore` asks the server to read its own snapshot folder at this path.
    assert "file:///qdrant/snapshots/" in inspect.getsource(Store.restore)


def test_qdrant_port_is_qdrants_and_stays_on_loopback(qdrant: dict[str, Any]) -> None:
    mappings = port_mappings(qdrant)
    assert [m.container_port for m in mappings] == [QDRANT_HTTP_PORT]
    # The API talks to Qdrant over the compose network; the host only needs it for maintenance.
    assert all(m.host_ip == "127.0.0.1" for m in mappings), "Qdrant must not be published on every interface"


def test_qdrant_api_key_comes_from_the_environment(qdrant: dict[str, Any], api: dict[str, Any]) -> None:
    server_key = environment(qdrant).get("QDRANT__SERVICE__API_KEY", "")
    client_key = environment(api).get("KB_QDRANT_API_KEY", "")
    server_vars, client_vars = variables_in(server_key), variables_in(client_key)
    assert server_vars and server_vars == client_vars, "the server and the API must read the same key variable"
    # No secret is written in the file: the key has no default, it is required.
    assert all(op in ("?", ":?") for op in server_vars.values()), "the Qdrant API key must be required (${VAR:?…})"


# -- the api service ------------------------------------------------------------------------------
def test_api_waits_for_a_healthy_qdrant(api: dict[str, Any]) -> None:
    depends = api.get("depends_on")
    assert isinstance(depends, dict), "api.depends_on must use the long form with a condition"
    assert depends.get("qdrant", {}).get("condition") == "service_healthy"


def test_api_is_built_here_and_restarts(api: dict[str, Any]) -> None:
    build = api.get("build")
    context = build.get("context") if isinstance(build, dict) else build
    assert context in (".", "./"), "api must be built from this folder's Dockerfile"
    assert api.get("restart") in ("unless-stopped", "always", "on-failure")


def test_api_port_is_kb_serves(api: dict[str, Any], dockerfile: Dockerfile) -> None:
    port = serve_default_port()
    assert [m.container_port for m in port_mappings(api)] == [port]
    assert [int(p.split("/")[0]) for i in dockerfile.all("EXPOSE") for p in i.args.split()] == [port]
    (cmd,) = dockerfile.all("CMD")
    args = exec_form(cmd.args)
    assert args[:2] == ["kb", "serve"], f"the image must run `kb serve`, got {args}"
    assert args[args.index("--host") + 1] == "0.0.0.0", "inside a container the server must listen on all interfaces"
    assert int(args[args.index("--port") + 1]) == port


@pytest.mark.parametrize("service_name", ["qdrant", "api"])
def test_services_have_healthchecks(compose: dict[str, Any], service_name: str) -> None:
    check = compose["services"][service_name].get("healthcheck")
    assert check and not check.get("disable") and check.get("test"), f"{service_name} has no healthcheck"
    test = check["test"]
    assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL"), "the healthcheck must be a command list"
    # Neither image has curl or wget: a check that calls them would never pass.
    assert not {"curl", "wget"} & set(" ".join(test).split()), f"{service_name}'s image has no curl or wget"


def test_api_healthcheck_waits_for_the_first_ingestion(api: dict[str, Any]) -> None:
    check = api["healthcheck"]
    assert f"127.0.0.1:{serve_default_port()}/api/health" in " ".join(check["test"])
    assert seconds(check.get("start_period", "0s")) >= MIN_FIRST_INGEST_S


def test_qdrant_healthcheck_asks_qdrant(qdrant: dict[str, Any]) -> None:
    command = " ".join(qdrant["healthcheck"]["test"])
    assert f"/dev/tcp/127.0.0.1/{QDRANT_HTTP_PORT}" in command
    assert "/readyz" in command or "/healthz" in command


def test_volumes_are_declared(compose: dict[str, Any], api: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
            if source and not source.startswith((".", "/", "~")):  # a named volume, not a bind mount
                used.add(source)
        assert service.get("volumes"), f"{name} keeps its data in no volume"
    assert used and used <= declared, f"volumes used but not declared at top level: {sorted(used - declared)}"
    data_dir = environment(api).get("KB_DATA_DIR")
    assert data_dir in {str(v).split(":")[1] for v in api["volumes"]}, "KB_DATA_DIR must be a volume"


# -- environment against kb.settings --------------------------------------------------------------
def test_every_kb_variable_is_a_setting(api: dict[str, Any], dockerfile: Dockerfile) -> None:
    # Settings ignores unknown KB_* variables (extra="ignore"): a typo would go unnoticed.
    fields = settings_fields()
    for source, env in (("docker-compose.yml", environment(api)), ("Dockerfile", dockerfile.env)):
        unknown = [name for name in env if name.startswith("KB_") and kb_field(name) not in fields]
        assert not unknown, f"{source} sets variables kb.settings.Settings does not read: {unknown}"


def test_qdrant_url_points_at_the_qdrant_service(compose: dict[str, Any], api: dict[str, Any]) -> None:
    url = urlparse(environment(api)["KB_QDRANT_URL"])
    assert url.scheme == "http" and url.hostname in compose["services"] and url.hostname == "qdrant"
    assert url.port == QDRANT_HTTP_PORT


def test_no_default_secret(api: dict[str, Any]) -> None:
    env = environment(api)
    for name in ("KB_ADMIN_TOKEN", "KB_QDRANT_API_KEY"):
        value = env.get(name, "")
        assert variables_in(value), f"{name} must come from the environment, not be written in the file"
        assert interpolate(value, {}, placeholder="") == "", f"{name} must have no default value"


def container_env(api: dict[str, Any], dockerfile: Dockerfile, env: Mapping[str, str]) -> dict[str, str]:
    """What the api container sees: the image's ENV, then compose's environment interpolated with `env`."""
    values = dict(dockerfile.env)
    values.update({k: interpolate(v, env, placeholder=PLACEHOLDER) for k, v in environment(api).items()})
    return values


@pytest.mark.parametrize("dotenv", ["defaults", "docs example"])
def test_settings_accept_the_container_environment(api: dict[str, Any], dockerfile: Dockerfile, dotenv: str,
                                                   monkeypatch: pytest.MonkeyPatch, clean_kb_env: None) -> None:
    from kb.settings import load_settings

    env = {} if dotenv == "defaults" else dotenv_example()
    values = container_env(api, dockerfile, env)
    for name, value in values.items():
        if name.startswith("KB_"):
            monkeypatch.setenv(name, value)
    # `_env_file=None`: a developer's own .env must not change what is checked.
    settings = load_settings(_env_file=None)  # raises SettingsError on any contradiction
    assert not settings.embedded and settings.qdrant_url == values["KB_QDRANT_URL"]
    assert settings.qdrant_api_key, "the API must send the Qdrant key"
    assert str(settings.data_dir) == values["KB_DATA_DIR"]
    if dotenv == "docs example":
        assert settings.admin_token == env["KB_ADMIN_TOKEN"]


def test_docs_describe_every_variable(compose: dict[str, Any]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = dotenv_example()
    for service in compose["services"].values():
        values = list(environment(service).values())
        build = service.get("build")
        if isinstance(build, dict):
            values += [str(v) for v in (build.get("args") or {}).values()]
        for value in values:
            for name, op in variables_in(value).items():
                assert f"`{name}`" in text, f"docs/deployment.md does not describe {name}"
                if op in ("?", ":?"):
                    assert name in example, f"the .env example of docs/deployment.md lacks the required {name}"


# -- the Dockerfile -------------------------------------------------------------------------------
def test_base_image_is_a_pinned_slim_python(dockerfile: Dockerfile) -> None:
    (base,) = dockerfile.all("FROM")
    image = base.args.split()[0]
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", image), f"pin python:3.11.X-slim-bookworm, not {image}"


def test_torch_comes_from_the_cpu_index_before_the_project(dockerfile: Dockerfile) -> None:
    def resolved(text: str) -> str:
        # Build ARG defaults stand in for ${NAME} so the commands read as they run.
        args = dict(a.args.split("=", 1) for a in dockerfile.all("ARG") if "=" in a.args)
        return re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)).strip('"'), text)

    torch = dockerfile.index(lambda i: i.keyword == "RUN" and "pip install" in i.args and "torch" in i.args)
    project = dockerfile.index(lambda i: i.keyword == "RUN" and re.search(r"pip install [^&]*\s\.(\s|$)", i.args))
    deps = dockerfile.index(lambda i: i.keyword == "RUN" and "-r " in i.args and "pip install" in i.args)
    assert torch >= 0 and project >= 0, "the Dockerfile must install torch, then the project (`pip install .`)"
    assert torch < project and (deps < 0 or torch < deps), "torch must be installed before anything that needs it"
    words = shlex.split(resolved(dockerfile.instructions[torch].args))
    assert "--index-url" in words and words[words.index("--index-url") + 1] == "https://download.pytorch.org/whl/cpu", (
        "torch must come from the CPU index")
    pinned = next(d for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
                  ["dependencies"] if d.replace(" ", "").startswith("torch=="))
    assert f"torch=={pinned.split('==')[1].strip()}" in words, "the image's torch differs from pyproject's pin"
    assert "--no-cache-dir" in words and "--no-cache-dir" in dockerfile.instructions[project].args


def test_nothing_is_downloaded_at_run_time(dockerfile: Dockerfile) -> None:
    assert dockerfile.env.get("HF_HUB_OFFLINE") == "1"
    # An optional model download is allowed at build time only, and off by default.
    for arg in dockerfile.all("ARG"):
        name, _, default = arg.args.partition("=")
        if "MODEL" in name:
            assert default.strip('"') == "", f"build ARG {name} must be empty by default"


def test_runs_as_a_non_root_user(dockerfile: Dockerfile) -> None:
    users = dockerfile.all("USER")
    assert users, "the image must switch to a non-root USER"
    user = users[-1].args.split(":")[0]
    assert user not in ("root", "0"), "the last USER must not be root"


def test_data_dir_is_a_volume(dockerfile: Dockerfile, api: dict[str, Any]) -> None:
    data_dir = dockerfile.env.get("KB_DATA_DIR")
    assert data_dir and data_dir == environment(api).get("KB_DATA_DIR")
    volumes = [v for i in dockerfile.all("VOLUME") for v in (json.loads(i.args) if i.args.startswith("[")
                                                             else i.args.split())]
    assert data_dir in volumes


def test_image_healthcheck_hits_api_health(dockerfile: Dockerfile) -> None:
    (check,) = dockerfile.all("HEALTHCHECK")
    options, _, command = check.args.partition("CMD ")
    args = exec_form(command)
    assert args[0] == "python" and "urllib" in args[-1], "the slim image has no curl: use Python's urllib"
    assert f"http://127.0.0.1:{serve_default_port()}/api/health" in args[-1]
    start = re.search(r"--start-period=(\S+)", options)
    assert start and seconds(start.group(1)) >= MIN_FIRST_INGEST_S


def test_image_holds_the_packages_corpus_and_page(dockerfile: Dockerfile) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = [p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]]
    workdir = dockerfile.all("WORKDIR")[-1].args
    copied = {}
    for instruction in dockerfile.all("COPY"):
        *sources, dest = instruction.args.split()
        for source in sources:
            if not source.startswith("--"):
                copied[source.rstrip("/")] = dest
    for needed in [*packages, "pyproject.toml", "corpus", "ui"]:
        assert needed in copied, f"the Dockerfile does not copy {needed}"
    # api/main.py serves the page from ui/ beside the `api` package: the copied source tree must
    # be the one imported, or the page is missing from the container.
    from api.main import UI_DIR

    relative = UI_DIR.relative_to(ROOT).as_posix()
    assert copied.get(relative, "").rstrip("/") in (f"./{relative}", f"{workdir}/{relative}")
    assert workdir in dockerfile.env.get("PYTHONPATH", "").split(":"), "PYTHONPATH must put the source tree first"
    settings_corpus = dockerfile.env.get("KB_CORPUS_DIR")
    assert settings_corpus == f"{workdir}/{copied['corpus'].removeprefix('./')}"


def test_dockerignore_keeps_out_local_state_but_not_what_is_copied(dockerfile: Dockerfile) -> None:
    patterns = {line.strip().strip("/") for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
    for excluded in ("data", ".git", ".env", "venv", ".venv", "**/__pycache__"):
        assert excluded in patterns, f".dockerignore must exclude {excluded}"
    for instruction in dockerfile.all("COPY"):
        for source in instruction.args.split()[:-1]:
            assert source.rstrip("/") not in patterns, f".dockerignore excludes {source}, which the image needs"


# -- docker compose config (client side, no daemon) -----------------------------------------------
def compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) or a standalone `docker-compose`, if either answers `version`."""
    candidates = [["docker", "compose"]] if shutil.which("docker") else []
    if shutil.which("docker-compose"):
        candidates.append(["docker-compose"])
    for command in candidates:
        try:
            done = subprocess.run([*command, "version"], capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return command
    return None


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    command = compose_command()
    if command is None:
        pytest.skip("no Compose client (`docker compose` plugin or `docker-compose`) is installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "QDRANT"))}
    env.update(dotenv_example())
    done = subprocess.run([*command, "-f", str(COMPOSE), "config", "--quiet"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"{' '.join(command)} config failed: {done.stderr}"
    # Without the required key, Compose must refuse to start rather than run an open Qdrant.
    env.pop("QDRANT_API_KEY")
    empty = tmp_path / "empty.env"  # instead of a developer's own .env
    empty.write_text("", encoding="utf-8")
    missing = subprocess.run([*command, "-f", str(COMPOSE), "--env-file", str(empty), "config", "--quiet"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode != 0 and "QDRANT_API_KEY" in missing.stderr
