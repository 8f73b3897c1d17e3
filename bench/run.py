"""`kb bench`: systems, HTTP load and scale, measured on this machine in one run.

Steps, each in its own process so that memory numbers and the embedded
store's folder lock stay separate:

0. diagnostics: the e5 query embedding alone under a few OpenMP settings;
1. systems: `kb` and the three Haystack baselines on the seed corpus and the dev
   questions (`bench.system`), all scored by `kb.evaluation`;
2. HTTP: `kb serve` under 1, 4 and 16 concurrent clients (`bench.http_load`);
3. scale: ×1, ×10 (and ×100 without --quick) synthetic corpora (`bench.synth`),
   in the embedded store, and in a Qdrant server when KB_QDRANT_URL is set.

Results are written after every step (JSON, and the Markdown and plots when
asked), so a long run that is interrupted keeps what it measured. A failed
step is recorded and the run goes on; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench import http_load, report, synth
from bench.common import CORPUS, GOLD, corpus_files, load_average, load_questions, log, machine, write_json
from bench.system import SYSTEMS, run_in_subprocess

QUICK = {"queries": 200, "scale_queries": 120, "factors": (1, 10),
         "http_levels": ((1, 200), (4, 400), (16, 800))}
FULL = {"queries": 400, "scale_queries": 150, "factors": (1, 10, 100),
        "http_levels": ((1, 400), (4, 1000), (16, 2000))}
HTTP_LEVEL_SECONDS = 60.0
SCALE_KEYS = ("documents", "chunks", "units", "duplicates", "ingest_s", "ingest_cpu_s", "chunks_per_s", "disk_mb",
              "query_p50_ms", "query_p95_ms", "query_p99_ms", "query_cpu_ms", "query_embed_p50_ms", "recall@5",
              "mrr@10", "failed", "load_average_end")


class Run:
    """The results of one run, saved (JSON, Markdown, plots) after every step."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.quick = bool(getattr(args, "quick", False))
        self.json = Path(args.json) if getattr(args, "json", None) else None
        self.markdown = Path(args.markdown) if getattr(args, "markdown", None) else None
        self.plots = Path(args.plots) if getattr(args, "plots", None) else None
        self.results: dict[str, Any] = {"quick": self.quick, "machine": machine(), "corpus": str(CORPUS),
                                        "gold": str(GOLD) if GOLD.is_file() else None,
                                        "systems": {}, "http": None, "scale": [], "notes": []}
        self.failures = 0

    def note(self, text: str) -> None:
        """A remark that goes with the numbers (printed now, kept in the JSON and Markdown)."""
        log(text)
        self.results["notes"].append(text)

    def save(self, final: bool = False) -> None:
        """Write what is known so far."""
        self.results["machine"]["load_average_end"] = load_average()
        if self.json:
            write_json(self.json, self.results)
        if self.markdown:
            self.markdown.parent.mkdir(parents=True, exist_ok=True)
            self.markdown.write_text(report.markdown(self.results), encoding="utf-8")
        if self.plots and (final or self.results["scale"]):
            try:
                report.plots(self.results, self.plots)
            except Exception as err:  # a plot must not cost the numbers
                log(f"plots failed: {type(err).__name__}: {err}")

    def failed(self, what: str, err: BaseException) -> dict[str, Any]:
        """Record a failed step; the run goes on."""
        self.failures += 1
        log(f"{what} failed: {type(err).__name__}: {err}")
        return {"error": f"{type(err).__name__}: {err}"}


# The e5 engine parallelises each matrix product with OpenMP; the variants show what its threads'
# waiting policy costs when other processes share the cores.
OMP_VARIANTS: tuple[tuple[str, dict[str, str | None]], ...] = (
    ("OpenMP defaults", {"OMP_NUM_THREADS": None, "OMP_WAIT_POLICY": None, "GOMP_SPINCOUNT": None}),
    ("OMP_WAIT_POLICY=passive", {"OMP_NUM_THREADS": None, "OMP_WAIT_POLICY": "passive", "GOMP_SPINCOUNT": None}),
    ("OMP_NUM_THREADS=1", {"OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": None, "GOMP_SPINCOUNT": None}),
)


def run_diagnostics(run: Run, tmp: Path, cfg: dict[str, Any]) -> None:
    """The e5 query embedding alone under each OpenMP setting (about a minute)."""
    rows = []
    gold_args = ["--gold", str(GOLD)] if GOLD.is_file() else []
    for label, env in OMP_VARIANTS:
        try:
            row = run_in_subprocess("e5_query", tmp / "e5-query.json", "--corpus", str(CORPUS),
                                    "--queries", str(cfg["scale_queries"]), *gold_args, env=env)
        except Exception as err:
            row = run.failed(f"e5 query probe ({label})", err)
        row["setting"] = label
        log(f"e5 query embedding, {label}: p50 {row.get('p50_ms')} ms, p95 {row.get('p95_ms')} ms, "
            f"CPU {row.get('cpu_ms')} ms/query")
        rows.append(row)
    run.results["diagnostics"] = {"e5_query_embedding": rows}
    default, passive = rows[0].get("p95_ms"), rows[1].get("p95_ms")
    if default and passive and default > 3 * passive:
        run.note(f"e5 query embedding p95 is {default:.0f} ms with OpenMP's defaults but {passive:.0f} ms with "
                 "OMP_WAIT_POLICY=passive: the engine's threads spin at each barrier while the cores are shared "
                 "with other work, which is what the slow tails below are made of")
    run.save()


def run_systems(run: Run, tmp: Path, cfg: dict[str, Any]) -> None:
    """Each system in its own process, on the seed corpus."""
    gold_args = ["--gold", str(GOLD)] if GOLD.is_file() else []
    for name in SYSTEMS:
        log(f"system {name}: starting")
        out = tmp / f"system-{name}.json"
        extra = ["--data-dir", str(tmp / f"system-{name}-data")] if name == "kb" else []
        try:
            result = run_in_subprocess(name, out, "--corpus", str(CORPUS), "--queries", str(cfg["queries"]),
                                       *gold_args, *extra)
        except Exception as err:
            result = run.failed(f"system {name}", err)
        run.results["systems"][name] = result
        shutil.rmtree(tmp / f"system-{name}-data", ignore_errors=True)
        run.save()


def run_http(run: Run, tmp: Path, cfg: dict[str, Any]) -> None:
    """`kb serve` under load."""
    log("http: starting kb serve (it ingests the corpus before answering)")
    workdir = tmp / "http"
    workdir.mkdir()
    try:
        run.results["http"] = http_load.run(CORPUS, workdir, load_questions(GOLD), cfg["http_levels"],
                                            HTTP_LEVEL_SECONDS)
    except Exception as err:
        log_path = workdir / "kb-serve.log"
        tail = log_path.read_text(errors="replace").splitlines()[-5:] if log_path.is_file() else []
        run.results["http"] = run.failed("http", err) | {"server_log_tail": tail}
    shutil.rmtree(workdir / "data", ignore_errors=True)
    run.save()


def _server_url() -> str | None:
    try:
        from kb.settings import load_settings

        return load_settings().qdrant_url
    except Exception as err:  # invalid KB_* settings: the embedded store still runs
        log(f"scale: settings unreadable ({err}); Qdrant server runs skipped")
        return None


def _scale_entry(factor: int, backend: str, measured: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"factor": factor, "backend": backend}
    entry.update({key: measured.get(key) for key in SCALE_KEYS})
    entry["rss_mb"] = measured.get("peak_rss_mb")
    return entry


def run_scale(run: Run, tmp: Path, cfg: dict[str, Any]) -> None:
    """Ingest and query ×N corpora in fresh stores; ×1 in the embedded store reuses the `kb` system run."""
    url = _server_url()
    backends = ["embedded"] + (["server"] if url else [])
    if not url:
        run.note("scale: KB_QDRANT_URL not set, Qdrant server runs skipped (embedded store only)")
    seed_files = len(corpus_files(CORPUS))
    gold_args = ["--gold", str(GOLD)] if GOLD.is_file() else []
    for factor in cfg["factors"]:
        folder = tmp / f"scale-x{factor}"
        corpus = folder / "corpus"
        files = synth.make_corpus(CORPUS, factor, corpus)
        similarity = synth.max_similarity(CORPUS, corpus) if factor > 1 else None
        if similarity is not None and similarity >= 0.3:
            run.note(f"scale ×{factor}: some copies are near-duplicates (MinHash similarity {similarity} ≥ 0.3): "
                     "the ingestion flags them as alternate versions")
        for backend in backends:
            kb = run.results["systems"].get("kb") or {}
            if factor == 1 and backend == "embedded" and kb and not kb.get("error"):
                entry = _scale_entry(1, backend, kb) | {"source": "systems.kb (same corpus, same store)"}
                run.results["scale"].append(entry)
                continue
            estimate = _estimate(run, factor, backend)
            log(f"scale ×{factor} ({backend}): {len(files)} files ({seed_files} seed × {factor})"
                + (f", expected ingest ~{estimate / 60:.0f} min" if estimate else ""))
            args = ["--corpus", str(corpus), "--data-dir", str(folder / f"data-{backend}"),
                    "--queries", str(cfg["scale_queries"]), "--label", f"scale ×{factor} {backend}", "--no-cached",
                    *gold_args]
            if backend == "server":
                args += ["--qdrant-url", str(url), "--collection", f"bench_{uuid.uuid4().hex[:10]}"]
            began = time.monotonic()
            try:
                measured = run_in_subprocess("kb", folder / f"result-{backend}.json", *args)
                entry = _scale_entry(factor, backend, measured)
            except Exception as err:
                entry = {"factor": factor, "backend": backend, **run.failed(f"scale ×{factor} {backend}", err)}
            entry.update(files=len(files), max_similarity=similarity, seconds=round(time.monotonic() - began))
            run.results["scale"].append(entry)
            shutil.rmtree(folder / f"data-{backend}", ignore_errors=True)
            run.save()
        shutil.rmtree(folder, ignore_errors=True)


def _estimate(run: Run, factor: int, backend: str) -> float | None:
    """Expected ingest seconds from the largest run so far (ingestion is about linear)."""
    done = [s for s in run.results["scale"] if s.get("backend") == backend and s.get("ingest_s")]
    if not done:
        return None
    last = max(done, key=lambda s: s["factor"])
    return last["ingest_s"] * factor / last["factor"]


def main(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 when every step ran (targets may still FAIL), 1 when a step failed."""
    run = Run(args)
    cfg = QUICK if run.quick else FULL
    if not GOLD.is_file():
        run.note(f"gold file {GOLD} absent: quality metrics (recall, MRR, fiche F1) skipped; "
                 "latency uses a built-in list of questions")
    log(f"kb bench{' --quick' if run.quick else ''}: corpus {CORPUS}, factors {cfg['factors']}, "
        f"load average {run.results['machine']['load_average_start']}")
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as name:
        tmp = Path(name)
        try:
            run_diagnostics(run, tmp, cfg)
            run_systems(run, tmp, cfg)
            run_http(run, tmp, cfg)
            run_scale(run, tmp, cfg)
        finally:
            # Also on Ctrl-C: keep what was measured.
            run.save(final=True)
    print(report.markdown(run.results))
    print("Targets:")
    print(report.targets_text(run.results))
    if run.json:
        log(f"JSON: {run.json}")
    if run.markdown:
        log(f"Markdown: {run.markdown}")
    if run.plots:
        log(f"plots: {run.plots}")
    return 1 if run.failures else 0
