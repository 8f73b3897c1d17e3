"""Smoke tests of `kb bench`'s pieces that are cheap to run: no model, no store, no server.

The whole benchmark takes tens of minutes; here: the synthetic copies are
distinct documents for the duplicate detector, the BM25 baseline answers,
fusion, percentiles, the HTTP load loop against a tiny local server, the
Markdown, the targets check and the plots.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bench import http_load, naive, report, synth
from bench.common import CORPUS, corpus_files, latency_summary, percentile
from ingest.dedup import DOC_THRESHOLD, minhash, similarity

# Capitalised words (headings, labels, names, acronyms) and numbers: what the parser keys on.
_KEPT = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w-]*|\d+(?:[.,]\d+)*")


def test_perturbed_copies_are_distinct_documents_for_the_duplicate_detector() -> None:
    for path in corpus_files(CORPUS):
        text = path.read_text(encoding="utf-8")
        copies = [synth.perturb(text, f"{i}/{path.name}") for i in (1, 2, 3)]
        assert synth.perturb(text, f"1/{path.name}") == copies[0]  # deterministic
        assert len(set(copies)) == 3
        original = minhash(text)
        sigs = [minhash(c) for c in copies]
        assert all(similarity(original, s) < DOC_THRESHOLD for s in sigs), path.name
        assert similarity(sigs[0], sigs[1]) < DOC_THRESHOLD and similarity(sigs[1], sigs[2]) < DOC_THRESHOLD
        # Structure kept: same lines, same capitalised words and numbers (headings, fiches, acronyms).
        assert copies[0].count("\n") == text.count("\n")
        assert _KEPT.findall(copies[0]) == _KEPT.findall(text)


def test_perturbation_leaves_html_tags_alone() -> None:
    text = "<table><tr><td>accompagnement des personnes concernées dans leurs démarches</td></tr></table>"
    out = synth.perturb(text, "1/x", rate=1.0)
    assert out.startswith("<table><tr><td>") and out.endswith("</td></tr></table>")
    assert "accompagnement" not in out


def test_make_corpus_writes_the_seed_and_named_copies(tmp_path: Path) -> None:
    files = synth.make_corpus(CORPUS, 3, tmp_path)
    seed = corpus_files(CORPUS)
    assert len(files) == 3 * len(seed)
    assert (tmp_path / synth.copy_name(2, seed[0].name)).is_file()
    assert not (tmp_path / "README.md").exists()
    assert synth.max_similarity(CORPUS, tmp_path) < DOC_THRESHOLD


def test_naive_bm25_answers_a_question() -> None:
    system = naive.NaiveBM25(naive.chunks_of(CORPUS))
    body = system.search("précarité énergétique des ménages", 5)
    assert len(body["results"]) == 5 and body["fiches"] == []
    assert all(r["fiche"] is None for r in body["results"])
    assert "précarité énergétique" in body["results"][0]["text"].lower()


def test_rrf_fuses_by_reciprocal_rank() -> None:
    a, b, c = (SimpleNamespace(id=x) for x in "abc")
    fused = naive.rrf([[a, b, c], [b, c]], k=60)
    # b: 1/62 + 1/61 > c: 1/63 + 1/62 > a: 1/61
    assert [d.id for d in fused] == ["b", "c", "a"]


def test_percentiles_are_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == 50 and percentile(values, 95) == 95 and percentile(values, 99) == 99
    assert percentile([], 50) is None
    assert latency_summary([3.0, 1.0, 2.0])["query_p50_ms"] == 2.0


def test_http_variants_are_distinct_and_keep_the_words() -> None:
    questions = ["qui pilote la fiche 13", "Quelles fiches mentionnent l'ARS ?"]
    stream = [http_load.query_stream(questions, i) for i in range(600)]
    assert len(set(stream)) == 600 and stream[0] == questions[0]
    assert all(s.split()[:5] == questions[i % 2].split()[:5] for i, s in enumerate(stream))


class _FakeSearch(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the load clients expect

    def do_GET(self) -> None:
        status = 500 if "boom" in self.path else 200
        body = json.dumps({"results": []}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_load_level_counts_requests_and_errors() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeSearch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        level = http_load.run_level(port, ["fine", "boom"], clients=4, max_requests=40, max_seconds=20)
        assert level["requests"] == 40 and level["errors"] == 20 and level["error_kinds"] == {"500": 20}
        assert level["stopped_by"] == "count" and level["p95_ms"] is not None and level["rps"] > 0
    finally:
        server.shutdown()
        server.server_close()


def _fake_results(**changes: Any) -> dict[str, Any]:
    system = {"recall@1": 0.6, "recall@5": 0.8, "mrr@10": 0.7, "fiche_f1": 0.0, "ingest_s": 60.0, "chunks": 100,
              "chunks_per_s": 2.0, "query_p50_ms": 20.0, "query_p95_ms": 40.0, "query_p99_ms": 50.0,
              "peak_rss_mb": 400.0}
    level = {"requests": 100, "errors": 0, "rps": 10.0, "p50_ms": 50.0, "p99_ms": 90.0, "stopped_by": "count"}
    results: dict[str, Any] = {
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_gb": 4.0, "python": "3.11", "os": "Linux",
                    "date": "2024-01-01T00:00:00+00:00"},
        "systems": {"kb": system | {"recall@5": 0.9, "mrr@10": 0.82, "fiche_f1": 0.96, "query_p95_ms": 60.0,
                                    "chunks_per_s": 1.6},
                    "naive_bm25": system, "naive_dense_e5": system, "naive_hybrid": system},
        "http": {"levels": [level | {"concurrency": 1, "p95_ms": 100.0}, level | {"concurrency": 4, "p95_ms": 200.0},
                            level | {"concurrency": 16, "p95_ms": 400.0}]},
        "scale": [{"factor": 1, "backend": "embedded", "chunks": 100, "query_p50_ms": 20.0, "query_p95_ms": 40.0,
                   "rss_mb": 500.0},
                  {"factor": 10, "backend": "embedded", "chunks": 1000, "query_p50_ms": 30.0, "query_p95_ms": 80.0,
                   "rss_mb": 900.0}],
        "diagnostics": {"e5_query_embedding": [{"setting": "OpenMP defaults", "p50_ms": 12.0, "p95_ms": 900.0,
                                                 "p99_ms": 1500.0, "cpu_ms": 80.0},
                                                {"setting": "OMP_NUM_THREADS=1", "error": "RuntimeError: x"}]},
        "notes": ["a note"],
    }
    results.update(changes)
    return results


def test_targets_pass_at_the_boundaries() -> None:
    checks = report.targets(_fake_results())
    assert [c["status"] for c in checks] == ["PASS"] * 7, checks


def test_targets_fail_and_skip() -> None:
    results = _fake_results()
    results["systems"]["kb"] = results["systems"]["kb"] | {"recall@5": 0.85, "fiche_f1": 0.5,
                                                           "query_p95_ms": 61.0, "chunks_per_s": 1.5}
    results["http"]["levels"][2]["errors"] = 1
    results["scale"][1]["query_p95_ms"] = 81.0
    status = {c["target"]: c["status"] for c in report.targets(results)}
    assert list(status.values()) == ["FAIL", "PASS", "FAIL", "FAIL", "FAIL", "FAIL", "FAIL"]
    missing = report.targets(_fake_results(systems={}, http=None, scale=[]))
    assert {c["status"] for c in missing} == {"SKIP"}


def test_markdown_renders_every_table() -> None:
    text = report.markdown(_fake_results())
    for heading in ("## Systems", "## e5 query embedding", "## HTTP", "## Scale", "## Targets", "## Notes"):
        assert heading in text
    assert "| naive_hybrid | 0.600 | 0.800 |" in text and "**PASS**" in text and "×10" in text
    assert "| OpenMP defaults | 12.0 | 900.0 |" in text and "error: RuntimeError: x" in text
    broken = _fake_results(systems={"kb": {"error": "RuntimeError: boom"}}, http={"error": "TimeoutError"})
    assert "error: RuntimeError: boom" in report.markdown(broken)


def test_plots_are_written(tmp_path: Path) -> None:
    written = report.plots(_fake_results(), tmp_path)
    assert {p.name for p in written} == {"latency_vs_chunks.png", "rss_vs_chunks.png", "http_latency.png"}
    assert all(p.stat().st_size > 1000 for p in written)


@pytest.mark.slow
def test_bm25_system_runs_in_its_own_process(tmp_path: Path) -> None:
    from bench.system import run_in_subprocess

    result = run_in_subprocess("naive_bm25", tmp_path / "out.json", "--corpus", str(CORPUS), "--queries", "20")
    assert result["chunks"] > 50 and result["query_n"] == 20 and result["peak_rss_mb"] > 0
    assert "quality_note" in result  # no --gold: quality skipped with a note
