"""Shared fixtures: the real seed corpus, and one real index of it built once per test session.

Everything is offline and real: the corpus text, qdrant-client's local mode in
a temporary folder, the packaged e5 model. Tests that read `../shared` skip
cleanly when it is absent (a user's clone does not have it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
PMS = CORPUS / "pms-2017-2022-developpement-social.txt"
LIVRET3 = CORPUS / "engagement-3-pouvoir-agir-professionnels.txt"
LIVRET3_OCR = CORPUS / "engagement-3-pouvoir-agir-professionnels-ocr.txt"
LIVRET2 = CORPUS / "engagement-2-pouvoir-agir-personnes.md"
VEILLE = CORPUS / "veille-strategique-action-sociale-2018.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is only beside the project in development and CI)")
    return path


@pytest.fixture(scope="session")
def parsed() -> dict[str, object]:
    """The five corpus documents, parsed (load, repair, structure) once."""
    from ingest.parse import parse_file

    return {p.stem: parse_file(str(p), p.stem, str(p)) for p in sorted(CORPUS.iterdir())
            if p.suffix in (".txt", ".md") and p.name != "README.md"}


@pytest.fixture(scope="session")
def plan(parsed: dict):  # type: ignore[no-untyped-def]
    """The plan's fiches by number, and the organisation table of its glossary alone."""
    from kb.organisations import OrgTable

    doc = next(doc for doc in parsed.values() if doc.fiches)
    return {f.number: f for f in doc.fiches}, OrgTable(doc.glossary)


@dataclass
class Index:
    """A real index of the corpus in a temporary folder, with its store and search service."""

    settings: object
    store: object
    service: object
    report: object


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """The whole corpus, ingested once for the session (about half a minute)."""
    from ingest.pipeline import ingest_paths
    from kb.encoder import make_encoder
    from kb.search import SearchService
    from kb.settings import load_settings
    from kb.store import open_store

    data = tmp_path_factory.mktemp("index")
    settings = load_settings(data_dir=data, corpus_dir=CORPUS)
    store = open_store(settings)
    report = ingest_paths([CORPUS], settings, store)
    service = SearchService(store, settings, make_encoder(settings))
    yield Index(settings, store, service, report)
    store.close()


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kb_env(data_dir: Path, corpus_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """Environment of a `kb` subprocess on its own data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update({"KB_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "HAYSTACK_TELEMETRY_ENABLED": "False"})
    if corpus_dir is not None:
        env["KB_CORPUS_DIR"] = str(corpus_dir)
    env.update(extra)
    return env


def kb_command(*args: str) -> list[str]:
    """The `kb` command of this interpreter's environment."""
    import sys

    return [sys.executable, "-m", "cli.main", *args]


class Server:
    """`kb serve` in a subprocess on a free port; stopped (killed if need be) at the end."""

    def __init__(self, data_dir: Path, corpus_dir: Path, **env: str) -> None:
        import subprocess

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"
        self._log = self.log.open("wb")
        self.proc = subprocess.Popen(kb_command("serve", "--port", str(self.port)), cwd=ROOT,
                                     env=kb_env(data_dir, corpus_dir, **env), stdout=self._log, stderr=self._log)

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        """GET a path; (status, body); status 0 when the server does not answer."""
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()
        except OSError:
            return 0, b""

    def wait_ready(self, timeout: float = 240) -> None:
        """Wait until /api/health answers 200."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text(errors='replace')[-2000:]}")
            if self.get("/api/health", timeout=5)[0] == 200:
                return
            time.sleep(0.5)
        raise AssertionError(f"server not ready in {timeout} s: {self.log.read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        """Kill -9, as a reboot would."""
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        """Stop politely, then kill."""
        import subprocess

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()
