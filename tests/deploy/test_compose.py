"""The compose file against the code it deploys: the qdrant and api services, their environment
against `kb.settings`, and docs/deployment.md describing every variable."""

from __future__ import annotations

import importlib.metadata
import inspect
import re
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.deploy.files import (
    DOCS,
    MIN_FIRST_INGEST_S,
    QDRANT_HTTP_PORT,
    Dockerfile,
    container_env,
    dotenv_example,
    environment,
    exec_form,
    interpolate,
    kb_field,
    port_mappings,
    seconds,
    serve_default_port,
    settings_fields,
    variables_in,
)


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


