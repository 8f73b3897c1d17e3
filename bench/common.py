"""Shared helpers of the benchmark: percentiles, memory, disk, machine, questions, subprocess environment."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The seed corpus and the dev questions the gold file was written for (override for experiments).
CORPUS = Path(os.environ.get("KB_BENCH_CORPUS") or ROOT / "corpus")
GOLD = Path(os.environ.get("KB_BENCH_GOLD") or ROOT.parent / "shared" / "eval" / "dev.jsonl")
CORPUS_SUFFIXES = (".txt", ".md", ".pdf")

# Used for latency when the gold file is absent (a user's clone): same kinds of questions.
FALLBACK_QUESTIONS = [
    "Quelles fiches action impliquent l'UDCCAS ?",
    "qui pilote la fiche 13",
    "définition du développement du pouvoir d'agir",
    "Comment la Métropole lutte-t-elle contre la précarité énergétique ?",
    "Quels sont les chiffres clés du RSA ?",
    "formation des travailleurs sociaux",
    "accueil social inconditionnel de proximité",
    "participation des personnes accompagnées",
]

# Children inherit the run's start (KB_BENCH_T0), so every progress line counts from the same moment.
_STARTED = float(os.environ.get("KB_BENCH_T0") or time.time())


def log(message: str) -> None:
    """A progress line on stderr, with the time since the benchmark (or this process) started."""
    elapsed = int(time.time() - _STARTED)
    print(f"[bench {elapsed // 3600:d}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d}] {message}",
          file=sys.stderr, flush=True)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (the value below which p % of the samples fall), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(ms: Sequence[float], prefix: str = "query_") -> dict[str, float | int | None]:
    """p50/p95/p99 of latencies in milliseconds, rounded, under `prefix`."""
    out: dict[str, float | int | None] = {}
    for p in (50, 95, 99):
        value = percentile(ms, p)
        out[f"{prefix}p{p}_ms"] = round(value, 1) if value is not None else None
    out[f"{prefix}n"] = len(ms)
    return out


def time_calls(call: Callable[[str], object], questions: Sequence[str], n: int) -> list[float]:
    """Milliseconds of `n` sequential calls cycling through `questions`."""
    out = []
    for i in range(n):
        began = time.perf_counter()
        call(questions[i % len(questions)])
        out.append((time.perf_counter() - began) * 1000)
    return out


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children: unlike wall time, barely moved by other load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(call: Callable[[str], object], questions: Sequence[str], n: int,
          prefix: str = "query_") -> dict[str, float | int | None]:
    """Latency percentiles of `n` sequential calls, and their mean CPU milliseconds."""
    cpu = cpu_seconds()
    ms = time_calls(call, questions, n)
    out = latency_summary(ms, prefix)
    out[f"{prefix}cpu_ms"] = round((cpu_seconds() - cpu) * 1000 / n, 1) if n else None
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def children_peak_rss_mb() -> float:
    """Peak resident memory of the largest waited-for child (the ingestion's parse worker)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def du_mb(path: Path) -> float:
    """Disk usage of a folder (allocated blocks, as `du` counts them)."""
    total = 0
    for sub in path.rglob("*"):
        try:
            if sub.is_file() and not sub.is_symlink():
                total += sub.stat().st_blocks * 512
        except OSError:  # a file removed while walking (a lock, a temp file)
            continue
    return round(total / 2**20, 1)


def corpus_files(folder: Path) -> list[Path]:
    """The documents of a corpus folder, as ingestion sees them (the folder README is not one)."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.stem.upper() != "README"
                  and p.suffix.lower() in CORPUS_SUFFIXES)


def load_questions(gold: Path | None) -> list[str]:
    """The dev questions, or a fallback list when the gold file is absent."""
    if gold and gold.is_file():
        items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        questions = [str(item["query"]) for item in items if item.get("query")]
        if questions:
            return questions
    return list(FALLBACK_QUESTIONS)


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of the benchmark's subprocesses: offline model hub, no telemetry."""
    env = dict(os.environ)
    # The hub cannot be reached here (a lookup retries for ~70 s); telemetry would try the network.
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HAYSTACK_TELEMETRY_ENABLED": "False",
                "PYTHONUNBUFFERED": "1", "KB_BENCH_T0": str(_STARTED)})
    env.update(extra or {})
    return env


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return None


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages: other work on the machine skews every number."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(),
        "python": platform.python_version(), "os": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "load_average_start": load_average(),
        # The e5 engine's OpenMP threads: their settings change latency under load a lot.
        "omp_env": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "GOMP_"))},
    }


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically, so a reader (or a crash) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def fmt(value: object, digits: int = 1) -> str:
    """A table cell: numbers rounded, unknowns as an em dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)

