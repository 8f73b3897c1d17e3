"""The README stays true: its two commands, every API route and every `kb` command are documented."""

from __future__ import annotations

import re

from api.main import create_app
from cli.main import build_parser
from kb.settings import Settings, load_settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```\s*<!-- {marker} -->", README, re.S)
    assert match, f"README has no {marker} block"
    return match.group(1).strip()


def test_the_two_commands_come_first_and_install_then_run() -> None:
    serve, test = _block("serve-command"), _block("test-command")
    assert README.index("serve-command") < README.index("## What it does")
    assert "pip install -e ." in serve and serve.endswith("kb serve")
    assert "pip install -e '.[test]'" in test and test.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci and "README.md" in ci


def test_every_api_route_is_documented() -> None:
    app = create_app(load_settings(), own_state=False)
    paths = app.openapi()["paths"]
    assert len(paths) >= 10
    for path, operations in paths.items():
        for method in operations:
            assert f"`{method.upper()} {path}" in README, f"{method.upper()} {path} is not in the README's API table"


def test_every_kb_command_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert f"`kb {name}" in README, f"kb {name} is not in the README"


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        if name == "ingest_on_start":
            continue
        assert f"KB_{name.upper()}" in README, f"KB_{name.upper()} is not in the README"
