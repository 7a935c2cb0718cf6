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
    ingest.add_argument("--follow-symlinks-anywhere", action="store_true",
                        help="also read symlinks to regular files outside the landing folder (default: such "
                             "links are rejected `symlink_outside`)")
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
    fetch.add_argument("--allow-private", action="store_true",
                       help="also fetch from loopback, private, link-local and reserved addresses (refused by default)")
    fetch.add_argument("--deadline", type=_positive, default=60, metavar="SECONDS",
                       help="longest time for one attempt at one URL, redirects and body included (default: 60)")
    fetch.set_defaults(run=cmd_fetch)

    serve = commands.add_parser("serve", help="run prefect.yaml's schedules in this process as deployments "
                                               "named <name>-serve (needs a Prefect server and PREFECT_API_URL, "
                                               "see README)")
    serve.set_defaults(run=cmd_serve)

    report = commands.add_parser("report", help="write a run's HTML report again (default: the latest run)")
    report.add_argument("--run", dest="run_id", metavar="ID", help="the run's id (as `newsflow ingest` printed it)")
    report.add_argument("--warehouse", default="warehouse")
    report.add_argument("--out", metavar="FILE", help="write it to FILE (default: <warehouse>/reports/<ID>.html)")
    report.set_defaults(run=cmd_report)

    check = commands.add_parser("check", help="verify the warehouse: every data file present, readable and as its "
                                              "MANIFEST recorded it (size, rows, sha256); the catalog sane")
    check.add_argument("--warehouse", default="warehouse")
    check.add_argument("--all", action="store_true", help="check every kept snapshot, not only the current one")
    check.set_defaults(run=cmd_check)

    repair = commands.add_parser("repair", help="rebuild what can be rebuilt: a new snapshot without damaged files "
                                                "(their raw files are read again by the next ingest), the catalog")
    repair.add_argument("--warehouse", default="warehouse")
    repair.set_defaults(run=cmd_repair)

    sql = commands.add_parser("sql", help="run SQL on the warehouse's DuckDB catalog")
    sql.add_argument("query")
    sql.add_argument("--warehouse", default="warehouse")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.set_defaults(run=cmd_sql)

    search = commands.add_parser("search", help="full-text search of titles and bodies, best first (BM25)")
    search.add_argument("query", type=_words, metavar="QUERY", help="Korean or other words, e.g. '서울 CES'")
    search.add_argument("--outlet", help="only this outlet's articles")
    search.add_argument("--since", type=_iso_date, metavar="DATE", help="only articles published on DATE "
                                                                        "(YYYY-MM-DD, KST) or later")
    search.add_argument("--limit", type=_positive, default=20, help="at most this many rows (default: 20)")
    search.add_argument("--warehouse", default="warehouse")
    search.add_argument("--format", choices=("table", "csv", "json"), default="table")
    search.set_defaults(run=cmd_search)
    return parser


def _words(text: str) -> str:
    """A search query: something to search for, not only blanks or punctuation."""
    import re

    from flows.store.search import RUN_PATTERN

    if not re.search(RUN_PATTERN, text.lower()):
        raise argparse.ArgumentTypeError(f"nothing to search for in {text!r}: give a word")
    return text


def _iso_date(text: str) -> str:
    """A calendar date written YYYY-MM-DD."""
    from datetime import date

    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


# ---------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from flows.ingest.lifetime import Terminated, stop_on_sigterm
    from flows.ingest.workers import stop_pools
    from flows.store import location
    from flows.store.location import LocationError
    from flows.store.warehouse import WarehouseBusy, WarehouseError

    if not location.is_remote(args.raw) and not os.path.isdir(location.local_path(args.raw)):
        print(f"newsflow: no landing folder at {args.raw}: nothing ingested, nothing written", file=sys.stderr)
        return 2
    problem = (location.local_write_problem(args.warehouse) or landing_problem(args.raw, args.warehouse)
               or settings_problem() or spool_problem())
    if problem:
        print(f"newsflow: {problem}: nothing ingested, nothing written", file=sys.stderr)
        return 2
    reparse = "all" if args.reparse_all else "changed" if args.reparse else None
    options = dict(batch_size=args.batch_size, reparse=reparse, outlet=args.outlet, workers=args.workers,
                   symlinks_anywhere=args.follow_symlinks_anywhere)
    try:
        with stop_on_sigterm(stop_pools):             # SIGTERM: workers killed, everything unwinds
            if args.no_prefect:
                from flows.ingest.pipeline import ingest

                summary = ingest(args.raw, args.warehouse, **options)
            else:
                if not prefect_ready():
                    return 1
                from flows.flow import run_ingest  # imports Prefect: only this path pays for it

                summary = run_ingest(args.runner, raw_dir=args.raw, warehouse_dir=args.warehouse, **options)
                if not isinstance(summary, dict):          # a state: the run completed with drift
                    summary = summary.result()
    except Terminated as stop:
        print(f"newsflow: ingest {stop}: its workers were stopped and the writer lock released; the warehouse "
              "holds its last complete commit", file=sys.stderr)
        return 128 + stop.signum
    except (WarehouseBusy, LocationError) as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    except (WarehouseError, OSError) as error:          # damaged, disk full, catalog not rebuilt
        return write_failure(error, args.warehouse)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_summary(summary))
    return 0


def landing_problem(raw: str, warehouse: str) -> str | None:
    """Why this landing folder and warehouse are refused: one inside the other, or a `--warehouse`
    folder holding something a newsflow warehouse does not (`flows.store.identity`)."""
    from flows.ingest.landing import nesting_problem
    from flows.store import location
    from flows.store.identity import not_a_warehouse_problem

    if location.is_remote(warehouse):
        return nesting_problem(raw, warehouse)
    return nesting_problem(raw, warehouse) or not_a_warehouse_problem(location.local_path(warehouse))


def spool_problem() -> str | None:
    """Why the NEWSFLOW_SPOOL folder cannot be used (it is made when missing), or None."""
    from flows.settings import Settings
    from flows.store import location

    root = Settings.from_env().spool
    if not root or location.is_remote(root):
        return None
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as error:
        return f"NEWSFLOW_SPOOL={root} cannot be made ({error.strerror})"
    return None


def settings_problem() -> str | None:
    """Why the NEWSFLOW_* settings cannot be used (a budget that is no number), or None."""
    from flows.settings import SettingError, Settings

    try:
        Settings.from_env()
    except SettingError as error:
        return str(error)
    return None


def cmd_fetch(args) -> int:
    if not os.path.exists(args.urls_file):
        print(f"newsflow: no URL list at {args.urls_file}", file=sys.stderr)
        return 2
    if not prefect_ready():
        return 1
    from flows.flow import fetch_flow

    summary = fetch_flow(urls_file=args.urls_file, raw_dir=args.raw, refresh=args.refresh,
                         allow_private=args.allow_private, deadline_seconds=args.deadline)
    print(json.dumps(summary, ensure_ascii=False))
    for url, reason in summary.get("failed_urls", []):
        print(f"newsflow: fetch failed for good ({reason}): {url}", file=sys.stderr)
    return 1 if summary.get("failed") else 0


def configured_server() -> str | None:
    """Apply Prefect's environment defaults; the API URL of the Prefect server the user configured
    (PREFECT_API_URL or the active profile), None for the embedded server (Prefect is imported only
    when a server may be configured)."""
    from flows.settings import configure_prefect_env

    if not configure_prefect_env():
        return None
    from flows.flow import configured_api_url

    return configured_api_url()


def prefect_ready(server_needed: bool = False) -> bool:
    """Apply Prefect's environment defaults and check the server the user configured (PREFECT_API_URL
    or the active profile) answers; without one, runs use the embedded server (unless
    `server_needed`). False, with one line on stderr, when it cannot work."""
    from flows.settings import server_reachable

    api_url = configured_server()
    if api_url is None:
        if server_needed:
            print("newsflow: this needs a Prefect server: start one with `prefect server start` and set "
                  "PREFECT_API_URL=http://127.0.0.1:4200/api (see README, 'Run it on a schedule')", file=sys.stderr)
        return not server_needed
    if not server_reachable(api_url):
        print(f"newsflow: no Prefect server answers at {api_url} (PREFECT_API_URL or the active Prefect profile): "
              "start it with `prefect server start`, or unset PREFECT_API_URL to run on the embedded server",
              file=sys.stderr)
        return False
    return True


def cmd_serve(args) -> int:
    if not prefect_ready(server_needed=True):
        return 1
    from flows.flow import serve

    try:
        serve()             # returns on Ctrl-C; on SIGTERM, Prefect's runner exits (status 0) after pausing
    finally:
        print("newsflow: serve stopped; its deployments (*-serve) are paused until it serves again", file=sys.stderr)
    return 0


def cmd_compact(args) -> int:
    from flows.store import location

    problem = location.local_write_problem(args.warehouse)
    if problem:
        print(f"newsflow: {problem}: nothing compacted", file=sys.stderr)
        return 2
    if not prefect_ready():
        return 1
    from flows.flow import compact_flow
    from flows.store.location import LocationError
    from flows.store.warehouse import WarehouseBusy, WarehouseError

    try:
        print(json.dumps(compact_flow(warehouse_dir=args.warehouse), ensure_ascii=False))
    except (WarehouseBusy, LocationError) as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    except (WarehouseError, OSError) as error:
        return write_failure(error, args.warehouse)
    return 0


def write_failure(error: Exception, warehouse: str) -> int:
    """A run that failed writing (or refused a damaged warehouse): one line on stderr, exit 1. An
    OSError other than a full disk or a quota is a bug worth its traceback: raised again."""
    import errno

    if isinstance(error, OSError) and error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        raise error
    if isinstance(error, OSError):
        print(f"newsflow: cannot write to the warehouse at {warehouse} ({error.strerror}): the run was not "
              f"completed; the last committed snapshot is unchanged", file=sys.stderr)
    else:
        print(f"newsflow: {error}", file=sys.stderr)
    return 1


# ---------------------------------------------------------------- check, repair

def cmd_check(args) -> int:
    from flows.store import location, open_warehouse
    from flows.store.repair import check_warehouse

    if not location.is_remote(args.warehouse) and not os.path.isdir(location.local_path(args.warehouse)):
        print(f"newsflow: no warehouse at {args.warehouse}", file=sys.stderr)
        return 1
    problems = check_warehouse(open_warehouse(args.warehouse), every_snapshot=args.all)
    for problem in problems:
        print(f"newsflow: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.warehouse}: healthy")
    return 1 if problems else 0


def cmd_repair(args) -> int:
    from flows.ingest.discover import new_run_id
    from flows.store import location, open_warehouse
    from flows.store.repair import repair
    from flows.store.warehouse import WarehouseBusy, WarehouseError

    if not location.is_remote(args.warehouse) and not os.path.isdir(location.local_path(args.warehouse)):
        print(f"newsflow: no warehouse at {args.warehouse}", file=sys.stderr)
        return 1
    try:
        report = repair(open_warehouse(args.warehouse), new_run_id())
    except WarehouseBusy as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    except (WarehouseError, OSError) as error:
        return write_failure(error, args.warehouse)
    for problem in report.dropped:
        print(f"left out of the new snapshot: {problem}")
    if report.after:
        print(f"snapshot {report.before} → {report.after} (older snapshots unchanged)")
    for path in report.reparse:
        print(f"read again by the next ingest: {path}")
    if report.catalog_rebuilt:
        print(f"catalog rebuilt for snapshot {report.after or report.before}")
    if not (report.after or report.catalog_rebuilt or report.lost):
        print(f"{args.warehouse}: nothing to repair")
    for line in report.lost:
        print(f"newsflow: cannot rebuild {line}", file=sys.stderr)
    return 0 if report.healthy else 1


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
    if summary.get("report"):
        lines.append(f"  report: {summary['report']}")
    return "\n".join(lines)


# ---------------------------------------------------------------- parse

def cmd_parse(args) -> int:
    from flows.ingest.budget import OverBudget, time_limit
    from flows.ingest.parse import output_record, parse_file, read_page
    from flows.ingest.sidecar import Sidecar
    from flows.settings import SettingError, Settings
    from parsers.record import ParseResult, rejected_record

    try:
        seconds = Settings.from_env().parse_seconds      # the pipeline's time budget for one file
    except SettingError as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 2
    for given in args.paths:
        paths = list(iter_raw_files(given)) if os.path.exists(given) else [given]
        for path in paths:
            page = read_page(path)       # the pipeline's reader, its size limit
            if page.data is None:
                reason = "not_found" if page.reason == "vanished" else page.reason or "unreadable"
                result, meta = ParseResult(rejected_record(path, reason)), Sidecar()
            else:
                try:
                    with time_limit(seconds):
                        result, meta = parse_file(path, page.data)
                except OverBudget:
                    result, meta = ParseResult(rejected_record(path, "too_expensive")), Sidecar()
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


# ---------------------------------------------------------------- report

def cmd_report(args) -> int:
    from flows.report.data import UnknownRun
    from flows.report.publish import write_report
    from flows.store import location, open_warehouse
    from flows.store.location import LocationError

    if not location.is_remote(args.warehouse) and not os.path.isdir(location.local_path(args.warehouse)):
        print(f"newsflow: no warehouse at {args.warehouse}", file=sys.stderr)
        return 1
    try:
        print(write_report(open_warehouse(args.warehouse), args.run_id, out=args.out))
    except (UnknownRun, LocationError, OSError) as error:
        print(f"newsflow: {error}", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------- sql

def open_catalog_or_say(warehouse: str):
    """The warehouse's catalog connection, or None after one line on stderr saying why it cannot be opened."""
    import duckdb

    from flows.store.catalog import CatalogError, open_catalog

    try:
        return open_catalog(warehouse)
    except (FileNotFoundError, ValueError, CatalogError) as error:   # no catalog yet; a bad URL; not rebuilt
        print(f"newsflow: {error}", file=sys.stderr)
    except (OSError, duckdb.Error) as error:                # not this user's to read; a damaged file
        print(f"newsflow: cannot read the warehouse at {warehouse}: {error}", file=sys.stderr)
    return None


def cmd_sql(args) -> int:
    import duckdb

    con = open_catalog_or_say(args.warehouse)
    if con is None:
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


# ---------------------------------------------------------------- search

def cmd_search(args) -> int:
    import duckdb

    from flows.store.search import COLUMNS, SearchRequest, run_search

    con = open_catalog_or_say(args.warehouse)
    if con is None:
        return 1
    try:
        rows = run_search(con, SearchRequest(args.query, args.outlet, args.since, args.limit))
    except duckdb.Error as error:                           # e.g. a catalog built before the index
        print(f"newsflow: search failed ({' '.join(str(error).split())}); run `newsflow ingest` to rebuild the "
              f"catalog", file=sys.stderr)
        return 1
    finally:
        con.close()
    write_rows(list(COLUMNS), rows, args.format, sys.stdout)
    return 0
