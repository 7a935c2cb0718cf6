"""The `newsflow` command: ingest (a Prefect flow run), parse (no writes), sql (DuckDB on the catalog)."""
from __future__ import annotations

import argparse
import json
import os
import sys

from flows.cli.render import write_rows
from flows.ingest.contracts import RunSummary
from flows.ingest.discover import iter_raw_files
from flows.settings import DEFAULT


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader went away (`newsflow parse --explain … | head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _version() -> str:
    """The installed distribution's version (the source tree's, when run without installing)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsflow")
    except PackageNotFoundError:
        return "0+unknown"


def _positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsflow", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsflow {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="run the Prefect ingest flow once over the raw folder")
    ingest.add_argument("--raw", default="raw", help="landing folder or fsspec URL, e.g. s3://bucket/raw (default: "
                                                     "raw/)")
    ingest.add_argument("--warehouse", default="warehouse",
                        help="warehouse folder or fsspec URL, e.g. s3://bucket/warehouse (default: warehouse/)")
    ingest.add_argument("--batch-size", type=_positive, default=DEFAULT.batch_size,
                        help=f"files per Prefect task (default: {DEFAULT.batch_size})")
    ingest.add_argument("--json", action="store_true", help="print the run summary as JSON")
    ingest.add_argument("--reparse", action="store_true",
                        help="also re-parse files whose parser version changed, replacing their rows")
    ingest.add_argument("--reparse-all", action="store_true", help="re-parse every known file")
    ingest.add_argument("--outlet", help="with --reparse/--reparse-all: only files of this outlet")
    ingest.add_argument("--workers", type=_positive, help="parsing processes (default: all cores)")
    ingest.add_argument("--runner", choices=("threads", "processes", "dask"), default="threads",
                        help="Prefect task runner (default threads: tasks hand batches to a process pool; "
                             "dask: NEWSFLOW_DASK_ADDRESS or a local cluster)")
    ingest.add_argument("--no-prefect", action="store_true",
                        help="run the same pipeline in this process without Prefect (no flow run recorded)")
    ingest.set_defaults(run=cmd_ingest)

    compact = commands.add_parser("compact", help="merge small Parquet files (a Prefect flow run)")
    compact.add_argument("--warehouse", default="warehouse")
    compact.set_defaults(run=cmd_compact)

    parse = commands.add_parser("parse", help="parse files or folders and print one JSON record per file")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--explain", action="store_true", help="print each line with its role and removal reason")
    parse.set_defaults(run=cmd_parse)

    fetch = commands.add_parser("fetch", help="download the URLs in a file into the landing zone (a Prefect flow run)")
    fetch.add_argument("urls_file", metavar="URLS_FILE", help="one URL per line; # comments")
    fetch.add_argument("--raw", default="raw", help="landing folder (default: raw/)")
    fetch.add_argument("--refresh", action="store_true", help="download again URLs fetched before")
    fetch.set_defaults(run=cmd_fetch)

    serve = commands.add_parser("serve", help="run the ingest/fetch/compact schedules in this process "
                                               "(needs a Prefect server, see README)")
    serve.set_defaults(run=cmd_serve)

    sql = commands.add_parser("sql", help="run SQL on the warehouse's DuckDB catalog")
    sql.add_argument("query")
    sql.add_argument("--warehouse", default="warehouse")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.set_defaults(run=cmd_sql)
    return parser


# ---------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from flows.store import location
    from flows.store.location import LocationError
    from flows.store.warehouse import WarehouseBusy

    if not location.is_remote(args.raw) and not os.path.isdir(location.local_path(args.raw)):
        print(f"newsflow: no landing folder at {args.raw}: nothing ingested, nothing written", file=sys.stderr)
        return 2
    reparse = "all" if args.reparse_all else "changed" if args.reparse else None
    options = dict(batch_size=args.batch_size, reparse=reparse, outlet=args.outlet, workers=args.workers)
    try:
        if args.no_prefect:
            from flows.ingest.pipeline import ingest

            summary = ingest(args.raw, args.warehouse, **options)
        else:
            from flows.settings import configure_prefect_env

            configure_prefect_env()
            from flows.flow import run_ingest  # imports Prefect: only this path pays for it

            summary = run_ingest(args.runner, raw_dir=args.raw, warehouse_dir=args.warehouse, **options)
            if not isinstance(summary, dict):          # a state: the run completed with drift
                summary = summary.result()
    except (WarehouseBusy, LocationError) as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_summary(summary))
    return 0


def cmd_fetch(args) -> int:
    if not os.path.exists(args.urls_file):
        print(f"newsflow: no URL list at {args.urls_file}", file=sys.stderr)
        return 2
    from flows.settings import configure_prefect_env

    configure_prefect_env()
    from flows.flow import fetch_flow

    summary = fetch_flow(urls_file=args.urls_file, raw_dir=args.raw, refresh=args.refresh)
    print(json.dumps(summary, ensure_ascii=False))
    for url, reason in summary.get("failed_urls", []):
        print(f"newsflow: fetch failed for good ({reason}): {url}", file=sys.stderr)
    return 1 if summary.get("failed") else 0


def cmd_serve(args) -> int:
    from flows.settings import configure_prefect_env

    configure_prefect_env()
    from flows.flow import serve

    serve()
    return 0


def cmd_compact(args) -> int:
    from flows.settings import configure_prefect_env

    configure_prefect_env()
    from flows.flow import compact_flow
    from flows.store.location import LocationError
    from flows.store.warehouse import WarehouseBusy

    try:
        print(json.dumps(compact_flow(warehouse_dir=args.warehouse), ensure_ascii=False))
    except (WarehouseBusy, LocationError) as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    return 0


def format_summary(summary: RunSummary) -> str:
    lines = [
        f"run {summary['run_id']} → snapshot {summary.get('version')}",
        f"  files seen {summary['files_seen']}: new {summary['files_new']}, changed {summary['files_changed']}, "
        f"re-parsed {summary['files_reparsed']}, retried {summary['files_retried']}, unchanged "
        f"{summary['files_unchanged']}",
        f"  new articles {summary['articles']}, duplicates of loaded articles {summary['duplicates']}, "
        f"new rejects {summary['rejects']}, near-duplicate clusters touched {summary['duplicate_clusters_touched']}",
    ]
    for title, counts in (("articles by outlet", summary["articles_by_outlet"]),
                          ("rejects by reason", summary["rejects_by_reason"]), ("warnings", summary["warnings"])):
        if counts:
            lines.append(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    seconds = summary["seconds"]
    lines.append("  seconds: " + ", ".join(f"{k} {v}" for k, v in seconds.items()))
    for alarm in summary.get("drift") or []:
        lines.append(f"  PARSER DRIFT: {alarm}")
    return "\n".join(lines)


# ---------------------------------------------------------------- parse

def cmd_parse(args) -> int:
    from flows.ingest.parse import output_record, parse_file, read_page
    from flows.ingest.sidecar import Sidecar
    from parsers.record import ParseResult, rejected_record

    for given in args.paths:
        paths = list(iter_raw_files(given)) if os.path.exists(given) else [given]
        for path in paths:
            page = read_page(path, hash_too_large=False)       # the pipeline's reader, its size limit
            if page.data is None:
                reason = "not_found" if page.reason == "vanished" else page.reason or "unreadable"
                result, meta = ParseResult(rejected_record(path, reason)), Sidecar()
            else:
                result, meta = parse_file(path, page.data)
            if args.explain:
                print(explain(result))
            else:
                print(json.dumps(output_record(result, meta), ensure_ascii=False))
    return 0


def explain(result) -> str:
    out = [f"# {result.record['source']}  parser={result.record['parser']}  status={result.record['status']}"]
    for line in result.lines:
        if line.role == "blank":
            continue
        label = line.role if line.reason is None else f"{line.role}:{line.reason}"
        out.append(f"{line.no:5d} {label:<26} {line.text}")
    return "\n".join(out)


# ---------------------------------------------------------------- sql

def cmd_sql(args) -> int:
    import duckdb

    from flows.store.catalog import open_catalog

    try:
        con = open_catalog(args.warehouse)
    except (FileNotFoundError, ValueError) as error:       # no catalog yet; an URL fsspec cannot open
        print(f"newsflow: {error}", file=sys.stderr)
        return 1
    try:
        cursor = con.execute(args.query)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    except duckdb.Error as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 1
    finally:
        con.close()
    write_rows(columns, rows, args.format, sys.stdout)
    return 0
