"""The `kb` command as a user runs it: exit statuses, one-line errors, reports, check, snapshot and restore."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import LIVRET2, PMS, ROOT, Server, kb_command, kb_env

pytestmark = pytest.mark.slow


def kb(data: Path, *args: str, corpus: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kb_command(*args), cwd=ROOT, env=kb_env(data, corpus), capture_output=True, text=True,
                          timeout=600)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(LIVRET2, corpus / LIVRET2.name)
    (corpus / "note.txt").write_text("Note\n\nLa permanence des aidants a lieu le mardi au centre Alizé.\n",
                                     encoding="utf-8")
    return tmp_path / "data", corpus


def test_ingest_report_and_exit_status(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = tmp_path / "report.json"
    done = kb(data, "ingest", str(ROOT / "tests" / "fixtures" / "pdfs"), "--report", str(report), "--quiet")
    assert done.returncode == 1  # some files failed, the others are indexed
    lines = json.loads(report.read_text())["files"]
    assert {"path", "status", "error", "pages", "chunks"} <= set(lines[0])
    assert {Path(x["path"]).name: x["status"] for x in lines}["albert-pdf.pdf"] == "indexed"
    assert "failed" in done.stdout and "passages" in done.stdout
    assert kb(data, "ingest", str(tmp_path / "nowhere")).returncode == 2
    assert kb(data, "ingest", "--bogus").returncode == 2


def test_check_snapshot_restore(small: tuple[Path, Path], tmp_path: Path) -> None:
    data, corpus = small
    assert kb(data, "ingest", str(corpus), "--quiet").returncode == 0
    assert json.loads(kb(data, "check", str(corpus), "--json").stdout)["ok"] is True
    before = json.loads(kb(data, "search", "permanence des aidants", "--json").stdout)["results"]
    assert before and "Alizé" in before[0]["text"]
    assert kb(data, "snapshot", str(tmp_path / "backup")).returncode == 0

    (corpus / "note.txt").unlink()
    (corpus / "new.txt").write_text("Autre note\n\nRien à voir.\n", encoding="utf-8")
    check = json.loads(kb(data, "check", str(corpus), "--json").stdout)
    assert check["ok"] is False and check["missing"] and check["extra"]
    assert kb(data, "ingest", str(corpus), "--quiet").returncode == 0
    assert "Alizé" not in kb(data, "search", "permanence des aidants", "--json").stdout

    assert kb(data, "restore", str(tmp_path / "backup")).returncode == 0
    after = json.loads(kb(data, "search", "permanence des aidants", "--json").stdout)["results"]
    assert [r["text"] for r in after] == [r["text"] for r in before]


def test_ingest_says_clearly_when_a_server_holds_the_store(small: tuple[Path, Path]) -> None:
    data, corpus = small
    server = Server(data, corpus)
    try:
        server.wait_ready()
        done = kb(data, "ingest", str(corpus))
    finally:
        server.stop()
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "held by another process" in done.stderr and "Traceback" not in done.stderr


def test_fiches_and_stats(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert kb(data, "ingest", str(PMS), "--quiet").returncode == 0
    fiches = json.loads(kb(data, "fiches", "--json").stdout)
    stats = json.loads(kb(data, "stats", "--json").stdout)
    pilots = json.loads(kb(data, "fiches", "--org", "UDCCAS", "--role", "pilote", "--json").stdout)
    assert len(fiches) == 24 and {"number", "title", "pilotes", "partenaires", "calendrier", "page"} <= set(fiches[0])
    assert stats["documents"] == 1 and stats["fiches"] == 24 and stats["chunks"] > 250
    assert [f["number"] for f in pilots] == ["56", "57"]
    assert "Fiche 13" in kb(data, "search", "qui pilote la fiche 13").stdout
    by_year = kb(data, "search", "Quelles fiches se terminent en 2018 ?", "--k", "1").stdout
    assert "Fiche 41.2 — Développer les prises en charge partagées des situations difficiles · p. 28" in by_year
    assert "()" not in by_year  # a fiche listed for its dates has no role to show
    none = kb(data, "search", "la CAF pilote-t-elle une fiche ?", "--k", "1").stdout
    assert none.startswith("Aucune fiche action ne répond à toutes les conditions de la question.")


def test_searching_before_any_ingest_says_so(tmp_path: Path) -> None:
    done = kb(tmp_path / "data", "search", "pauvreté")
    assert done.returncode == 1
    assert done.stderr.strip() == "kb: nothing is indexed yet: run `kb ingest` (or add documents) first"
    assert "Traceback" not in done.stderr
