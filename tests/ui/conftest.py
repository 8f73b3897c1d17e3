"""Fixtures of the browser tests: one real `kb serve` on a small corpus, and Debian's Chromium.

The server runs in a subprocess on a free port with its own KB_DATA_DIR and a
corpus of three files: the PMS fiches document, the livret "Engagement 2" and a
hostile text (HTML and script tags, and the unique word "zorglubine"). It starts
once per session. Everything is skipped, with the reason, when Playwright or
/usr/bin/chromium is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "ui"
HOSTILE = FIXTURES / "note-hostile-zorglubine.txt"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-gpu"]
STARTUP_TIMEOUT_S = 240.0  # ~50 s alone; far more when the machine is busy
ADMIN_TOKEN = "ui-tests-token"


@dataclass
class Server:
    """A running `kb serve`: its base URL and its log file."""

    url: str
    log: Path

    def get_json(self, path: str) -> Any:
        """GET a JSON endpoint of the server."""
        with urllib.request.urlopen(self.url + path, timeout=30) as answer:
            return json.load(answer)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _health(url: str) -> int:
    try:
        with urllib.request.urlopen(url + "/api/health", timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
    except OSError:
        return 0


def _require_browser() -> None:
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`kb serve` on the small corpus, started once, stopped at the end of the session."""
    _require_browser()
    base = tmp_path_factory.mktemp("ui-server")
    corpus = base / "corpus"
    corpus.mkdir()
    for source in (CORPUS / "pms-2017-2022-developpement-social.txt", CORPUS / "engagement-2-pouvoir-agir-personnes.md",
                   HOSTILE):
        shutil.copy(source, corpus / source.name)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KB_DATA_DIR": str(base / "data"), "KB_CORPUS_DIR": str(corpus),
           "KB_ADMIN_TOKEN": ADMIN_TOKEN, "HF_HUB_OFFLINE": "1"}
    env.pop("KB_QDRANT_URL", None)
    log = base / "server.log"
    with log.open("wb") as out:
        command = [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while _health(url) != 200:
            if process.poll() is not None:
                pytest.fail(f"kb serve exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"kb serve not ready after {STARTUP_TIMEOUT_S:.0f} s:\n"
                            f"{log.read_text(errors='replace')[-3000:]}")
            time.sleep(1.0)
        yield Server(url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (its own browser builds cannot be downloaded here)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh browser profile (empty localStorage) with clipboard access, at 1280×900."""
    ctx = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900}, locale="fr-FR",
                              accept_downloads=True, permissions=["clipboard-read", "clipboard-write"])
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A page that fails the test on any uncaught script error (CSP violations included)."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and _is_script_error(msg.text)
           else None)
    yield tab
    assert not errors, f"errors in the page: {errors}"


def _is_script_error(text: str) -> bool:
    # Expected 503/500 answers of the error-state tests are logged by Chromium as failed loads: not script errors.
    return "Failed to load resource" not in text


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for the screenshots of the main screens (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, vendored (tests/ui/vendor/README.md)."""
    return AXE.read_text(encoding="utf-8")
