"""`newsflow check` and `newsflow repair`: a warehouse verified against its MANIFESTs, and rebuilt
where it can be.

Check: every data file of the current snapshot (`--all`: of every kept snapshot) present, of
the size, row count and sha256 its MANIFEST recorded, and no unlisted file where readers look;
`current` naming a complete snapshot; the catalog opening and showing that snapshot.

Repair writes a new snapshot (older ones are left exactly as they are) without the damaged files,
and makes the raw files whose rows they held be read again:

    articles, rejects          the raw files (the `files` table names them) whose article or
                               reject is no longer in any intact file lose their `files` row, so
                               the next ingest parses them again, with their boilerplate,
                               signature and near-duplicate rows
    boilerplate, signatures    the same for the articles that have no rows left in the table
    files                      raw files without a row are read again by the next ingest (an
                               article already loaded is then recorded as their duplicate)
    runs, duplicates,          cannot be rebuilt: their rows are dropped and counted (the run
    sites, site_lines          history; near-duplicate links and site statistics build up again)

An article whose raw files are all gone cannot be re-parsed: it is reported, never invented.
The catalog is rebuilt from the snapshot when it is damaged or out of date.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from flows.store import location
from flows.store.catalog import catalog_version, refresh_catalog
from flows.store.integrity import Problem, check_snapshot, manifest_facts
from flows.store.warehouse import CURRENT, Warehouse

PER_ARTICLE = ("articles", "boilerplate", "signatures")      # rows a re-parse writes again
NOT_REBUILT = {
    "runs": "rows of the run history",
    "duplicates": "near-duplicate links (they build up again as articles are ingested)",
    "sites": "rows of site statistics (they grow again as pages are read)",
    "site_lines": "rows of site line statistics (they grow again as pages are read)",
    "files": "rows of the raw-file manifest (raw files without a row are read again by the next ingest; an "
             "article already loaded is then recorded as their duplicate)",
}


def check_warehouse(warehouse: Warehouse, every_snapshot: bool = False) -> list[Problem]:
    """What is wrong with a warehouse (nothing: an empty list). Reads every byte it checks."""
    current = warehouse.current_version()
    if current is None:
        names = warehouse.snapshot_names()
        if names:
            return [Problem(CURRENT, f"missing, though snapshots exist ({names[-1]} is the newest): the next "
                                     f"ingest or `newsflow repair` restores it")]
        return [Problem(warehouse.location_text(), "no snapshot: run `newsflow ingest` first")]
    versions = warehouse.snapshot_names() if every_snapshot else [current]
    problems = [p for version in versions for p in check_snapshot(warehouse, version, full=True)]
    problems += check_catalog(warehouse, current)
    return problems


def check_catalog(warehouse: Warehouse, current: str) -> list[Problem]:
    path = warehouse.catalog_file()
    if path is None:                      # object storage: the views are built when opened
        return []
    if not path.is_file():
        return [Problem(str(path), "missing (the next ingest or `newsflow repair` builds it)")]
    shown = catalog_version(warehouse)
    if shown is None:
        return [Problem(str(path), "cannot be read as a newsflow catalog (`newsflow repair` rebuilds it)")]
    if shown != current:
        return [Problem(str(path), f"shows snapshot {shown}, not the current {current} (`newsflow repair` "
                                   f"rebuilds it)")]
    return []


@dataclass
class RepairReport:
    before: str | None                                  # the snapshot repaired
    after: str | None                                   # the snapshot written (None: nothing to write)
    dropped: list[Problem] = field(default_factory=list)           # damaged files left out
    reparse: list[str] = field(default_factory=list)    # raw files the next ingest reads again
    lost: list[str] = field(default_factory=list)       # what could not be rebuilt, one line each
    catalog_rebuilt: bool = False

    @property
    def healthy(self) -> bool:
        return not self.lost


def repair(warehouse: Warehouse, run_id: str) -> RepairReport:
    """Rebuild what can be rebuilt (see the module's docstring), holding the writer lock."""
    with warehouse.writer_lock():                       # recovery restores a missing `current` first
        base = warehouse.current_version()
        report = RepairReport(base, None)
        if base is None:
            report.lost.append("no complete snapshot: nothing to repair from")
            return report
        damaged = [p for p in check_snapshot(warehouse, base, full=True) if p.table]
        if damaged:
            tx = warehouse.transaction(run_id, verify=False)
            for problem in damaged:
                tx.drop_file(problem.where)
            report.dropped = damaged
            _plan_rebuild(warehouse, base, damaged, tx, report)
            report.after = tx.commit()
        if report.after or check_catalog(warehouse, warehouse.current_version() or base):
            refresh_catalog(warehouse)
            report.catalog_rebuilt = True
    return report


def _plan_rebuild(warehouse: Warehouse, base: str, damaged: list[Problem], tx, report: RepairReport) -> None:
    """Delete the rows that go with the lost ones and the `files` rows of the raw files to read again."""
    skip = {p.where for p in damaged}
    stray = {p.where for p in damaged if "not in the MANIFEST" in p.what}
    facts = manifest_facts(warehouse.manifest(base))
    tables = {p.table for p in damaged if p.table and p.where not in stray}
    for table in sorted(tables & NOT_REBUILT.keys()):
        rows = [facts[p.where].rows if p.where in facts else None for p in damaged
                if p.table == table and p.where not in stray]
        count = "an unknown number of" if None in rows else str(sum(r or 0 for r in rows))
        report.lost.append(f"{table}: {count} {NOT_REBUILT[table]}, dropped")
    files = _intact(warehouse, "files", base, skip, ["path", "status", "article_id"])
    by_article: dict[str, list[str]] = defaultdict(list)
    for path, status, article in zip(*(files[c].to_pylist() for c in ("path", "status", "article_id"))):
        if article and status in ("article", "duplicate"):
            by_article[article].append(path)
    lost_ids: set[str] = set()
    if "articles" in tables:
        lost_ids |= set(by_article) - set(_intact(warehouse, "articles", base, skip, ["article_id"])
                                          ["article_id"].to_pylist())
    for table in ("boilerplate", "signatures"):
        if table in tables:
            present = set(_intact(warehouse, "articles", base, skip, ["article_id"])["article_id"].to_pylist())
            lost_ids |= present - set(_intact(warehouse, table, base, skip, ["article_id"])["article_id"].to_pylist())
    lost_sources: set[str] = set()
    if "rejects" in tables:
        rejected = {p for p, s in zip(files["path"].to_pylist(), files["status"].to_pylist()) if s == "rejected"}
        lost_sources = rejected - set(_intact(warehouse, "rejects", base, skip, ["source"])["source"].to_pylist())
    reparse_ids = set()
    for article in sorted(lost_ids):
        there = [p for p in by_article.get(article, []) if _raw_exists(p)]
        if there:
            reparse_ids.add(article)
            report.reparse += there
        elif "articles" in tables:
            report.lost.append(f"articles: article {article} (its raw files are gone: "
                               f"{', '.join(by_article.get(article, [])) or 'none recorded'})")
        else:
            report.lost.append(f"article {article}: its boilerplate or signature rows (its raw files are gone)")
    for source in sorted(lost_sources):
        if _raw_exists(source):
            report.reparse.append(source)
        else:
            report.lost.append(f"rejects: the reject row of {source} (the raw file is gone)")
    report.reparse.sort()
    tx.delete("files", report.reparse)
    tx.delete("rejects", report.reparse)
    for table in (*PER_ARTICLE, "duplicates"):
        tx.delete(table, reparse_ids)


def _intact(warehouse: Warehouse, table: str, version: str, skip: set[str], columns: list[str]) -> pa.Table:
    """Columns of a table's files that are not damaged."""
    parts = [warehouse.read_file(path, columns) for path in warehouse.parquet_files(table, version)
             if warehouse.entry_of(path) not in skip]
    parts = [part.select(columns) for part in parts]
    if not parts:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.concat_tables(parts, promote_options="default")


def _raw_exists(path: str) -> bool:
    try:
        location.stat(path)
        return True
    except (OSError, ValueError):
        return False
