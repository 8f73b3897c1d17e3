"""The Dockerfile and .dockerignore against the project, and `docker compose config` when a Compose
client is installed (it needs no daemon)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.files import (
    COMPOSE,
    DOCKERIGNORE,
    MIN_FIRST_INGEST_S,
    ROOT,
    Dockerfile,
    dotenv_example,
    environment,
    exec_form,
    seconds,
    serve_default_port,
)


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
