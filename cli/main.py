"""The `kb` command: ingest, search, serve, evaluate and look after the knowledge base.

Every command reads the KB_* settings. A domain error ends the command with one
clean line on stderr (as sqlite-utils does); exit status 1 for an error or a
partly failed ingestion, 2 for a usage or settings error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from kb.errors import KBError, SettingsError

Handler = Callable[[argparse.Namespace], int]


def _commands() -> dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], str]]:
    # Imported lazily so that `kb --help` and a no-op ingest stay fast.
    return {
        "ingest": ("Indexer des fichiers (le corpus par défaut) / index files", _ingest_args, "cli.index:ingest"),
        "fiches": ("Lister les fiches action / list the fiches action", _fiches_args, "cli.query:fiches"),
        "stats": ("Chiffres de l'index / index statistics", _stats_args, "cli.index:stats"),
        "search": ("Chercher / search", _search_args, "cli.query:search"),
        "eval": ("Évaluer sur un fichier gold / run a gold file", _eval_args, "cli.query:evaluate"),
        "serve": ("Servir l'API et la page web / serve the API and the page", _serve_args, "cli.serve:serve"),
        "check": ("Vérifier l'index contre le corpus / check the index", _check_args, "cli.index:check"),
        "snapshot": ("Sauvegarder l'index / back up the index", _snapshot_args, "cli.index:snapshot"),
        "restore": ("Restaurer une sauvegarde / restore a backup", _restore_args, "cli.index:restore"),
        "bench": ("Mesurer vitesse, coût et qualité / run the benchmark", _bench_args, "bench.run:main"),
    }


def _ingest_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (default: KB_CORPUS_DIR)")
    p.add_argument("--report", metavar="FILE.json", help="write the per-file report as JSON")
    p.add_argument("--rebuild", action="store_true", help="drop the index and rebuild it from scratch")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _fiches_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--org", help="organisation (acronym or name)")
    p.add_argument("--role", choices=["pilote", "partenaire", "mention"], help="role of --org")
    p.add_argument("--json", action="store_true", help="print JSON")


def _stats_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _search_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="the question")
    p.add_argument("--k", type=int, default=10, help="number of passages (1-50)")
    p.add_argument("--type", help="document type: livret, fiches, veille, glossary, other")
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.add_argument("--exact", action="store_true", help="search the words as typed, without correcting slips")


def _eval_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", help="gold file (JSON lines, see ../shared/eval/README.md)")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--json", metavar="FILE", help="write per-query details and the summary here")
    for name in ("recall1", "recall5", "mrr", "fiche-f1"):
        p.add_argument(f"--min-{name}", type=float, help=f"exit 1 below this {name}")


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="corpus folders (default: KB_CORPUS_DIR)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _snapshot_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dest", nargs="?", help="folder for the backup (default: KB_DATA_DIR/snapshots/<time>)")


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="a folder made by `kb snapshot`")


def _bench_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="smaller scale factors (×1, ×10)")
    p.add_argument("--json", metavar="FILE", help="write the results as JSON")
    p.add_argument("--plots", metavar="DIR", help="write latency and memory plots (PNG)")
    p.add_argument("--markdown", metavar="FILE", help="write the Markdown tables")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="kb", description="Base de connaissances du Projet Métropolitain des "
                                     "Solidarités (Métropole de Lyon).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, add_args, _) in _commands().items():
        add_args(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _handler(target: str) -> Handler:
    module_name, _, func = target.partition(":")
    module = __import__(module_name, fromlist=[func])
    return getattr(module, func)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kb` console command."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _handler(_commands()[args.command][2])(args)
    except SettingsError as err:
        print(f"kb: {err}", file=sys.stderr)
        return 2
    except KBError as err:
        print(f"kb: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # a bug: one line for the user, the traceback on demand
        if os.environ.get("KB_DEBUG"):
            raise
        print(f"kb: unexpected error: {type(err).__name__}: {err} (set KB_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
