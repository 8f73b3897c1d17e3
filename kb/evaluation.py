"""Evaluation built in: the gold-file metrics of `../shared/eval/score.py`, run in-process.

The matching rules are the scorer's: a passage is relevant when its text
contains an anchor (case-, accent- and punctuation-insensitive) and, where the
gold names a fiche, comes from that fiche; a fiche question is scored by the
F1 of the returned fiche numbers.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

Search = Callable[[str, int], dict[str, Any]]


def norm(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to match anchors."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def norm_fiche(number: object) -> str:
    """A fiche number as the scorer compares it."""
    return str(number).strip().lower().removeprefix("fiche").strip().rstrip(".") if number is not None else ""


def passage_rank(item: dict[str, Any], results: list[dict[str, Any]]) -> int | None:
    """1-based rank of the first result that satisfies any relevant spec."""
    for rank, res in enumerate(results, 1):
        text = norm(res.get("text", ""))
        for rel in item["relevant"]:
            if norm(rel["anchor"]) not in text:
                continue
            if rel.get("fiche") and norm_fiche(res.get("fiche")) != norm_fiche(rel["fiche"]):
                continue
            return rank
    return None


def fiche_scores(item: dict[str, Any], fiches: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall, F1 and citation share of a fiche answer."""
    expected = {norm_fiche(f) for f in item["fiches"]}
    tolerated = {norm_fiche(f) for f in item.get("fiches_ok", [])}
    got = {norm_fiche(f.get("number")) for f in fiches}
    tp, fp = len(got & expected), len(got - expected - tolerated)
    extra = sorted(got - expected - tolerated)
    if not expected:
        # A question no fiche answers ("fiches": [], which score.py cannot score): right when none is listed.
        return {"precision": 0.0 if fp else 1.0, "recall": 1.0, "f1": 0.0 if fp else 1.0, "cited": 1.0,
                "missing": [], "extra": extra}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(expected)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cited = [f for f in fiches if norm_fiche(f.get("number")) in expected
             and any(norm(c.get("text", "")) for c in f.get("citations") or [])]
    return {"precision": precision, "recall": recall, "f1": f1, "cited": len(cited) / len(expected),
            "missing": sorted(expected - got), "extra": extra}


def evaluate(gold: Path, search: Search, k: int = 10) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Run every question of a gold file; return the summary and one row per question."""
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows, latencies, ranks, f1s, cited = [], [], [], [], []
    for item in items:
        began = time.perf_counter()
        body = search(item["query"], k)
        latencies.append(time.perf_counter() - began)
        row: dict[str, Any] = {"id": item["id"], "kind": item["kind"], "query": item["query"]}
        if item["kind"] == "passage":
            row["rank"] = passage_rank(item, body.get("results") or [])
            ranks.append(row["rank"])
        else:
            row.update(fiche_scores(item, body.get("fiches") or []))
            f1s.append(row["f1"])
            cited.append(row["cited"])
        rows.append(row)

    def share(limit: int) -> float | None:
        return sum(1 for r in ranks if r is not None and r <= limit) / len(ranks) if ranks else None

    summary = {
        "gold": str(gold), "queries": len(items), "passage_queries": len(ranks),
        "recall@1": share(1), "recall@5": share(5), "recall@10": share(10),
        "mrr@10": sum(1 / r for r in ranks if r is not None and r <= 10) / len(ranks) if ranks else None,
        "fiche_queries": len(f1s), "fiche_f1": statistics.mean(f1s) if f1s else None,
        "fiche_cited": statistics.mean(cited) if cited else None,
        "latency_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "latency_max_ms": round(1000 * max(latencies), 1) if latencies else None,
        "errors": 0,
    }
    return summary, rows


def format_rows(rows: list[dict[str, Any]]) -> list[str]:
    """One line per question, as the scorer prints them."""
    lines = []
    for r in rows:
        if r["kind"] == "passage":
            mark = "ok " if r["rank"] and r["rank"] <= 5 else "MISS"
            lines.append(f"{mark} {r['id']} rank={r['rank']} {r['query']}")
        else:
            mark = "ok " if r["f1"] >= 0.999 else "MISS"
            lines.append(f"{mark} {r['id']} f1={r['f1']:.2f} missing={r['missing']} extra={r['extra']} {r['query']}")
    return lines
