"""Index commands: `kb ingest`, `kb stats`, `kb check`, `kb snapshot`, `kb restore`."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from kb.errors import KBError, NotFound
from kb.settings import Settings, get_settings
from kb.store import open_store


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    if quiet:
        return None
    tty = sys.stderr.isatty()

    def show(done: int, total: int, name: str) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:50]}"
        if tty:
            print(f"\r{line:<100}", end="" if done < total else "\n", file=sys.stderr, flush=True)
        elif name:
            print(line, file=sys.stderr, flush=True)

    return show


def ingest(args: argparse.Namespace) -> int:
    """Index files; 0 when all went well, 1 when some files failed (the others are indexed)."""
    settings = get_settings()
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"kb: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    store = open_store(settings)
    try:
        if args.rebuild:
            store.drop()
        from ingest.pipeline import ingest_paths

        report = ingest_paths(paths, settings, store, progress=_progress(args.quiet))
    finally:
        store.close()
    summary = report.to_json()["summary"]
    if args.report:
        Path(args.report).write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    for failed in report.failed:
        print(f"failed: {failed.path}: {failed.error}", file=sys.stderr)
    print(f"{summary['files']} files ({summary['indexed']} indexed, {summary['skipped']} unchanged, "
          f"{summary['failed']} failed), {summary['pages']} pages, {summary['passages']} passages, "
          f"{summary['fiches']} fiches, {summary['duplicates']} duplicates, {len(report.removed)} removed, "
          f"{summary['seconds']} s")
    return 1 if report.failed else 0


def stats(args: argparse.Namespace) -> int:
    """Documents, passages and fiches of the live index."""
    store = open_store(get_settings())
    try:
        manifest = store.manifest()
        data = {
            "documents": len(manifest.documents),
            "chunks": sum(e.passages for e in manifest.documents.values()),
            "fiches": sum(e.fiches for e in manifest.documents.values() if not e.alternate_of),
            "alternates": sum(1 for e in manifest.documents.values() if e.alternate_of),
            "encoder": manifest.encoder,
            "generation": manifest.generation,
        }
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def check(args: argparse.Namespace) -> int:
    """Compare the index with the corpus: missing, extra and stale documents."""
    from ingest.pipeline import discover, sha256_of

    settings = get_settings()
    roots = [Path(p) for p in args.paths] or [settings.corpus_dir, settings.upload_dir]
    files, _ = discover([r for r in roots if r.exists()])
    store = open_store(settings)
    try:
        manifest = store.manifest()
        live = sum(e.passages for e in manifest.documents.values())
        points = store.count_passages() if store.exists() else 0
    finally:
        store.close()
    by_source = manifest.by_source()
    present = {str(f) for f in files}
    result = {
        "missing": sorted(str(f) for f in files if str(f) not in by_source),
        "stale": sorted(str(f) for f in files if str(f) in by_source and by_source[str(f)].sha256 != sha256_of(f)),
        "extra": sorted(e.source for e in manifest.documents.values() if e.source not in present),
        "orphan_passages": max(points - live, 0),
    }
    ok = not any(result.values())
    if args.json:
        print(json.dumps({"ok": ok, **result}, ensure_ascii=False))
    else:
        for key in ("missing", "stale", "extra"):
            for path in result[key]:
                print(f"{key}: {path}")
        if result["orphan_passages"]:
            print(f"orphan passages: {result['orphan_passages']} (left by an interrupted ingest)")
        print("index and corpus agree" if ok else
              "fix: run `kb ingest` (it indexes missing and stale files, removes extra ones and orphan passages; "
              "or POST /api/reindex on a running server)")
    return 0 if ok else 1


def _snapshot_dir(settings: Settings) -> Path:
    return settings.snapshot_dir / time.strftime("%Y%m%d-%H%M%S")


def snapshot(args: argparse.Namespace) -> int:
    """Back up the index: Qdrant snapshots on a server, a consistent copy of the store when embedded."""
    settings = get_settings()
    dest = Path(args.dest) if args.dest else _snapshot_dir(settings)
    if dest.exists() and any(dest.iterdir()):
        raise KBError(f"{dest} is not empty: choose a new folder")
    store = open_store(settings)
    try:
        made = store.snapshot(dest)
    finally:
        store.close()
    print(f"snapshot written to {dest} ({', '.join(made)})")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Replace the index by a backup made with `kb snapshot`."""
    settings = get_settings()
    source = Path(args.source)
    if not source.is_dir():
        raise NotFound(f"no snapshot folder at {source}")
    store = open_store(settings)  # proves no server holds the embedded store
    try:
        if settings.embedded:
            if not (source / "qdrant").is_dir():
                raise NotFound(f"{source} holds no embedded-store snapshot (no qdrant/ folder)")
            store.close()
            backup = settings.store_path.with_name(f"qdrant.before-restore-{time.strftime('%Y%m%d-%H%M%S')}")
            shutil.move(str(settings.store_path), str(backup))
            shutil.copytree(source / "qdrant", settings.store_path)
            print(f"restored {source}; the previous store is kept in {backup}")
        else:
            restored = store.restore(source)
            print(f"restored collections: {', '.join(restored)}")
    finally:
        store.close()
    return 0
