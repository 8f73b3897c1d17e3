"""The ingestion pipeline end to end, on a real store: incremental, replacing, removing, reporting."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from kb.models import INDEX_VERSION
from kb.settings import load_settings
from kb.store import open_store
from tests.conftest import LIVRET2, ROOT


def test_the_corpus_is_indexed_with_its_structure(corpus_index) -> None:  # type: ignore[no-untyped-def]
    summary = corpus_index.report.to_json()["summary"]
    assert summary["indexed"] == 5 and summary["failed"] == 0
    assert summary["fiches"] == 24 and summary["duplicates"] == 1
    readme = [f for f in corpus_index.report.files if f.path.endswith("README.md")]
    assert readme and readme[0].status == "skipped"


def test_reingesting_an_unchanged_corpus_does_nothing_fast(corpus_index) -> None:  # type: ignore[no-untyped-def]
    before = corpus_index.store.manifest()
    began = time.perf_counter()
    report = ingest_paths([ROOT / "corpus"], corpus_index.settings, corpus_index.store)
    assert time.perf_counter() - began < 5
    assert {f.status for f in report.files} == {"skipped"}
    assert corpus_index.store.manifest().generation == before.generation


def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = load_settings(data_dir=tmp_path / "data")
    return settings, open_store(settings)


def test_a_changed_file_replaces_its_passages_and_a_removed_file_goes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    note = corpus / "note.txt"
    note.write_text("Note de service\n\nLa Métropole ouvre un guichet unique pour les aidants familiaux.\n",
                    encoding="utf-8")
    shutil.copy(LIVRET2, corpus / LIVRET2.name)
    settings, store = _store(tmp_path)
    try:
        ingest_paths([corpus], settings, store)
        first = store.manifest().documents["note"]
        note.write_text("Note de service\n\nLe guichet unique des aidants ferme le vendredi.\n", encoding="utf-8")
        report = ingest_paths([corpus], settings, store)
        assert {f.status for f in report.files if f.path.endswith("note.txt")} == {"indexed"}
        second = store.manifest().documents["note"]
        assert second.rev != first.rev
        texts = [r.payload["text"] for r in store.scroll_passages()]
        assert any("ferme le vendredi" in t for t in texts)
        assert not any("ouvre un guichet" in t for t in texts)
        assert store.count_passages() == sum(e.passages for e in store.manifest().documents.values())
        note.unlink()
        report = ingest_paths([corpus], settings, store)
        assert report.removed == ["note"] and "note" not in store.manifest().documents
        assert not any("guichet" in r.payload["text"] for r in store.scroll_passages())
    finally:
        store.close()


def test_a_document_read_by_an_older_version_is_indexed_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("Note de service\n\nLes personnes handicapees sont accueillies en MDM.\n",
                                     encoding="utf-8")
    settings, store = _store(tmp_path)
    try:
        ingest_paths([corpus], settings, store)
        manifest = store.manifest()
        assert manifest.documents["note"].index_version == INDEX_VERSION
        # As an index built before "handicapees" was read as "handicapées" records it.
        old = manifest.documents["note"].model_copy(update={"index_version": 1})
        store.save_manifest(manifest.model_copy(update={"documents": {"note": old}}))
        report = ingest_paths([corpus], settings, store)
        assert [f.status for f in report.files] == ["indexed"]
        again = store.manifest().documents["note"]
        assert again.index_version == INDEX_VERSION and again.rev != old.rev
        assert store.count_passages() == again.passages  # the old revision's passages are gone
        assert [f.status for f in ingest_paths([corpus], settings, store).files] == ["skipped"]
    finally:
        store.close()


def test_bad_files_get_a_report_line_and_the_good_ones_are_indexed(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "fixtures" / "pdfs"
    settings, store = _store(tmp_path)
    try:
        report = ingest_paths([folder], settings, store)
    finally:
        store.close()
    lines = {Path(f.path).name: f for f in report.files}
    assert set(lines) == {p.name for p in folder.iterdir() if p.name != "SOURCES.md"} | {"SOURCES.md"}
    assert lines["albert-pdf.pdf"].status == "indexed" and lines["albert-pdf.pdf"].pages >= 2
    assert lines["pdfplumber-2023-06-20-PV.pdf"].status == "indexed"
    assert lines["qpdf-encrypted-40-bit-R3.pdf"].status == "failed"
    assert "encrypted" in (lines["qpdf-encrypted-40-bit-R3.pdf"].error or "")
    for line in report.failed:
        assert line.error and "\n" not in line.error and len(line.error) <= 160


@pytest.mark.slow
def test_all_shared_bad_pdfs_end_with_a_report(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    folder = shared_path("pdfs")
    settings = load_settings(data_dir=tmp_path / "data", file_timeout_s=30)
    store = open_store(settings)
    try:
        report = ingest_paths([folder], settings, store)
    finally:
        store.close()
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(report.files) == len(files)
    indexed = {Path(f.path).name for f in report.files if f.status == "indexed"}
    assert {"albert-pdf.pdf", "pdfplumber-2023-06-20-PV.pdf"} <= indexed
    assert len(report.failed) >= 40
