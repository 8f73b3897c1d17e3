"""Crash safety: kill -9 during `kb ingest` (and a server during a reindex), then ingest again.

The result must equal a clean ingest: same documents, passages and fiches,
no duplicate passage ids, no document half-indexed, no orphan points.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from kb.settings import load_settings
from kb.store import open_store
from tests.conftest import LIVRET2, LIVRET3, LIVRET3_OCR, ROOT, Server, kb_command, kb_env

pytestmark = pytest.mark.slow


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for path in (LIVRET2, LIVRET3, LIVRET3_OCR):
        shutil.copy(path, corpus / path.name)
    (corpus / "note.txt").write_text("Note de service\n\nLe guichet unique des aidants ouvre en mars.\n",
                                     encoding="utf-8")
    return corpus


def snapshot_of(data_dir: Path) -> dict:
    """What an index holds, in a form two indexes can be compared by."""
    store = open_store(load_settings(data_dir=data_dir))
    try:
        manifest = store.manifest()
        points = list(store.scroll_passages())
        unit_points = []
        offset = None
        while True:
            batch, offset = store.client.scroll(store.units, limit=256, offset=offset, with_payload=True)
            unit_points += batch
            if offset is None:
                break
        ids = [str(p.id) for p in points]
        live = set(manifest.live_revs())
        return {
            "documents": sorted(manifest.documents),
            "alternates": sorted((d.id, d.alternate_of) for d in manifest.documents.values() if d.alternate_of),
            "texts": sorted(p.payload["text"] for p in points),
            "fiches": sorted(f for d in manifest.documents.values() for f in [d.fiches]),
            "duplicate_ids": len(ids) - len(set(ids)),
            "orphans": sum(1 for p in points if p.payload["rev"] not in live),
            "half_indexed": [d.id for d in manifest.documents.values()
                             if sum(1 for p in points if p.payload["rev"] == d.rev) != d.passages],
            "unit_orphans": sum(1 for u in unit_points if u.payload["passage"] not in set(ids)),
        }
    finally:
        store.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("reference")
    corpus = _corpus(root)
    settings = load_settings(data_dir=root / "data")
    store = open_store(settings)
    try:
        ingest_paths([corpus], settings, store)
    finally:
        store.close()
    return corpus, snapshot_of(root / "data")


def _kill_ingest_after(corpus: Path, data: Path, progress_line: int, delay: float) -> None:
    proc = subprocess.Popen(kb_command("ingest", str(corpus)), cwd=ROOT, env=kb_env(data),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = 0
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("["):
            seen += 1
            if seen == progress_line:
                time.sleep(delay)
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)


@pytest.mark.parametrize(("progress_line", "delay"), [(1, 2.0), (2, 0.3), (3, 1.5), (4, 3.0)])
def test_kill_during_ingest_then_ingest_again(tmp_path: Path, reference: tuple[Path, dict],
                                              progress_line: int, delay: float) -> None:
    corpus, expected = reference
    data = tmp_path / "data"
    _kill_ingest_after(corpus, data, progress_line, delay)
    done = subprocess.run(kb_command("ingest", str(corpus), "--quiet"), cwd=ROOT, env=kb_env(data),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    got = snapshot_of(data)
    assert got == expected


def test_server_killed_during_a_reindex_recovers(tmp_path: Path, reference: tuple[Path, dict]) -> None:
    corpus_ref, expected = reference
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(LIVRET2, corpus / LIVRET2.name)
    data = tmp_path / "data"
    server = Server(data, corpus, KB_ADMIN_TOKEN="t")
    try:
        server.wait_ready()
        for path in corpus_ref.iterdir():
            shutil.copy(path, corpus / path.name)

        def reindex() -> None:
            import urllib.request

            request = urllib.request.Request(server.url + "/api/reindex", method="POST",
                                             headers={"Authorization": "Bearer t"})
            with contextlib.suppress(OSError):  # the server dies under the request
                urllib.request.urlopen(request, timeout=120).read()

        import threading

        threading.Thread(target=reindex, daemon=True).start()
        time.sleep(6)
        server.kill()
    finally:
        server.stop()
    server = Server(data, corpus)
    try:
        server.wait_ready()
    finally:
        server.stop()
    assert snapshot_of(data) == expected
