"""Query commands: `kb search`, `kb fiches`, `kb eval`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kb.catalog import Catalog, load_catalog
from kb.errors import InvalidQuery
from kb.settings import get_settings
from kb.store import open_store


def _service():  # type: ignore[no-untyped-def]
    from kb.encoder import make_encoder
    from kb.search import SearchService

    settings = get_settings()
    store = open_store(settings)
    return SearchService(store, settings, make_encoder(settings)), store


def search(args: argparse.Namespace) -> int:
    """Print the answer to one question (the API's JSON with --json)."""
    from kb.listing import fiche_line, organisation_line
    from kb.search import Filters

    if not 1 <= args.k <= 50:
        raise InvalidQuery("--k must be between 1 and 50")
    service, store = _service()
    try:
        answer = service.search(args.query, args.k, Filters(type=args.type), exact=args.exact)
    finally:
        store.close()
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=1))
        return 0
    if answer["understood"].get("corrected"):
        print(f"Recherche faite pour « {answer['understood']['corrected']} » (--exact : les mots tels que tapés)")
    for org in answer["organisations"][:10]:
        print(organisation_line(org))
    for fiche in answer["fiches"]:
        print(fiche_line(fiche))
        for cite in fiche["citations"][:2]:
            print(f"    « {cite['text']} » (p. {cite['page']})")
    if answer["understood"].get("intent") == "list" and not answer["fiches"]:
        # As the page does: a "which fiches" question that no fiche answers says so before the passages.
        print("Aucune fiche action ne répond à toutes les conditions de la question.")
    for rank, res in enumerate(answer["results"], 1):
        text = " ".join(res["text"].split())
        print(f"{rank}. {res['citation']}\n   {text[:300]}{'…' if len(text) > 300 else ''}")
    print(f"({answer['took_ms']} ms)", file=sys.stderr)
    return 0


def fiche_json(fiche: Any) -> dict[str, Any]:
    """A fiche as `kb fiches --json` and the API print it."""
    data = fiche.model_dump(mode="json")
    data["page"] = fiche.page
    return data


def fiches(args: argparse.Namespace) -> int:
    """The catalogue of fiches action, optionally those of one organisation (in one role)."""
    store = open_store(get_settings())
    try:
        catalog: Catalog = load_catalog(store)
    finally:
        store.close()
    selected = catalog.fiches
    if args.org:
        selected = [m.fiche for m in catalog.by_organisation(catalog.table.resolve(args.org), args.role)]
    if args.json:
        print(json.dumps([fiche_json(f) for f in selected], ensure_ascii=False, indent=1))
        return 0
    for f in selected:
        print(f"{f.number:>5}  {f.title}\n       pilote(s): {', '.join(f.pilotes)} · calendrier: "
              f"{' '.join(f.calendrier.replace('›', '').split())} · p. {f.page}")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    """Run a gold file in-process and print the scorer's metrics."""
    from kb.evaluation import evaluate as run_gold
    from kb.evaluation import format_rows

    service, store = _service()
    try:
        summary, rows = run_gold(Path(args.gold), lambda q, k: service.search(q, k), k=args.k)
    finally:
        store.close()
    print("\n".join(format_rows(rows)))
    print(json.dumps(summary, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    bars = {"recall@1": args.min_recall1, "recall@5": args.min_recall5, "mrr@10": args.min_mrr,
            "fiche_f1": args.min_fiche_f1}
    failed = [name for name, bar in bars.items() if bar is not None and (summary[name] or 0) < bar]
    if failed:
        print("below threshold: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0
