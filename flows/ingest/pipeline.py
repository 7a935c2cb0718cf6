"""One ingest run as plain functions: discover → compare with the manifest → parse new/changed
files in batches → merge (exact duplicates, replaced rows) → near-duplicates → commit → catalog.

`flows.flow` wraps this in Prefect tasks; tests call it directly. `ingest` takes the batch mapper
as an argument so the same code runs with the builtin `map` or Prefect's task runner.

Incremental: the `files` manifest remembers every raw file (path, size, mtime, sha256, outcome).
A run reads only files that are new or whose size/mtime changed (and files that could not be
read before); a run over unchanged input writes nothing. Idempotent: an article's id is a hash
of its outlet and normalised text, so a re-run, a moved file or a second copy maps to the row
already there (the file is recorded as a `duplicate` of it). Re-parsing (`reparse`) replaces a
file's rows instead of adding a second copy.
"""
from __future__ import annotations

import heapq
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest import dedupe, health, landing
from flows.ingest.contracts import IngestOptions, Reparse, RunSummary
from flows.ingest.discover import RawFile, batched, iter_raw_files, new_run_id, scan  # noqa: F401  (re-exported)
from flows.ingest.parse import (  # noqa: F401
    OUTPUT_FIELDS,
    Outcome,
    article_id,
    output_record,
    parse_file,
    pool_sites,
    process_batch,
    reject_row,
    storable,
)
from flows.ingest.workers import BatchMapper, ParseJob, map_batches_in_processes
from flows.settings import DEFAULT
from flows.store import location, open_warehouse
from flows.store.catalog import catalog_is_current, refresh_catalog
from flows.store.layout import needs_compaction
from flows.store.warehouse import PhaseHook, Warehouse
from parsers.record import ParserId, parser_name
from parsers.recurring import RecurringLines
from parsers.registry import TEMPLATES, parser_versions

RETRY_REASONS = ("unreadable", "vanished")          # files always tried again


@dataclass
class ManifestEntry:
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    status: str
    article_id: str | None
    outlet: str | None
    reason: str | None
    parser: str | None
    stored_key: str | None = None    # the key an older run stored it under (`landing.legacy_keys`), if not its own


def load_manifest(warehouse: Warehouse) -> dict[str, ManifestEntry]:
    table = warehouse.read("files", ["path", "size", "mtime_ns", "sha256", "status", "article_id", "outlet",
                                     "reason", "parser"])
    columns = [table[name].to_pylist() for name in table.column_names]
    return {row[0]: ManifestEntry(*row[1:]) for row in zip(*columns)}


def outdated(entry: ManifestEntry, versions: dict[str, int]) -> bool:
    if not entry.parser:
        return False
    parsed = ParserId.parse(entry.parser)
    return parsed is not None and parsed.name in versions and versions[parsed.name] != parsed.version


@dataclass
class Plan:
    """Which raw files this run reads, and why."""

    seen: list[RawFile]
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retried: list[str] = field(default_factory=list)
    reparsed: list[str] = field(default_factory=list)
    refused: list[RawFile] = field(default_factory=list)    # new or changed entries never read (`landing`)
    unchanged: int = 0

    @property
    def todo(self) -> list[str]:
        return self.new + self.changed + self.retried + self.reparsed


def plan_run(raw_dir: str, manifest: dict[str, ManifestEntry], reparse: str | None, outlet: str | None,
             symlinks_anywhere: bool = False) -> Plan:
    """Which files to read; `manifest` is re-keyed in place where an older run stored a file under
    an older key (`landing.legacy_keys`), so the run replaces that row instead of adding one."""
    plan = Plan(scan(raw_dir, symlinks_anywhere))
    versions = parser_versions()
    local = None if location.is_remote(raw_dir) else landing.local_root(raw_dir)
    for raw in plan.seen:
        key = storable(raw.path)
        entry = manifest.get(key)
        if entry is None and local is not None:
            entry = _adopt_legacy_key(manifest, key, landing.legacy_keys(raw.path, raw_dir, local))
        if raw.refused is not None:
            same = entry is not None and (raw.size, raw.mtime_ns) == (entry.size, entry.mtime_ns)
            if same and entry is not None and entry.reason == raw.refused.reason:
                plan.unchanged += 1          # refused before, for the same reason: checked from stat alone
            else:
                plan.refused.append(raw)
        elif entry is None:
            plan.new.append(raw.path)
        elif (raw.size, raw.mtime_ns) != (entry.size, entry.mtime_ns):
            plan.changed.append(raw.path)
        elif entry.reason in RETRY_REASONS or entry.reason in landing.REFUSALS:
            plan.retried.append(raw.path)
        elif reparse and (outlet is None or entry.outlet == outlet) and (reparse == "all" or outdated(entry, versions)):
            plan.reparsed.append(raw.path)
        else:
            plan.unchanged += 1
    return plan


def refused_outcome(raw: RawFile, run_id: str, now: datetime) -> Outcome:
    """A landing-folder entry that is never read (`landing`): a reject with its reason."""
    assert raw.refused is not None
    return Outcome(raw.path, raw.size, raw.mtime_ns, None, reject=reject_row(
        raw.path, None, raw.refused.reason, raw.refused.detail, None, run_id, now))


def _adopt_legacy_key(manifest: dict[str, ManifestEntry], key: str, legacy: list[str]) -> ManifestEntry | None:
    """The manifest entry an older run stored under one of the `legacy` keys, moved to `key`."""
    for old in legacy:
        if old != key and old in manifest:
            entry = manifest.pop(old)
            entry.stored_key = entry.stored_key or old
            manifest[key] = entry
            return entry
    return None


PHASES = ("plan", "parse", "merge", "dedupe", "commit", "catalog", "report")
class Run:
    """One ingest run as its phases, called in this order while the run holds the warehouse's
    writer lock: `plan` (which raw files to read), `parse` (batches parsed by a mapper and merged
    as they come, so memory stays flat), `merge` (the generic fallback's pages, with what earlier
    runs taught about their sites), `dedupe` (near-duplicate clusters), `commit` (the next
    snapshot), `catalog` (DuckDB views) and `report` (the run summary). `ingest()` calls them in
    order; the Prefect flow calls the same methods, each as a task."""

    def __init__(self, warehouse: Warehouse, raw_dir: str, options: IngestOptions = IngestOptions()):
        self.warehouse, self.raw_dir, self.options = warehouse, raw_dir, options
        self.started = datetime.now(timezone.utc)
        self.run_id = new_run_id(self.started)
        self.clock = {"start": time.perf_counter()}
        self.plan_: Plan | None = None
        self.tx = warehouse.transaction(self.run_id)
        self.merger: Merger | None = None
        self.deferred: list[Outcome] = []       # the generic fallback's pages: need their site's others
        self.merged: Merged | None = None
        self.clusters = 0
        self.version: str | None = None
        self.summary: RunSummary | None = None    # computed once, before the commit adds this run's row
        self.drift_alarms: list[health.DriftAlarm] = []     # the summary's drift alarms, as data
        self.on_progress: ProgressHook | None = None        # told (files done, files planned) as batches merge

    def plan(self) -> Plan:
        nested = landing.nesting_problem(self.raw_dir, self.warehouse.location_text())
        if nested:                   # the warehouse would ingest its own files, or move the raw ones
            raise landing.LandingError(nested)
        manifest = load_manifest(self.warehouse)
        self.plan_ = plan_run(self.raw_dir, manifest, self.options.reparse, self.options.outlet,
                              self.options.symlinks_anywhere)
        self.merger = Merger(self.warehouse, self.tx, manifest, self.run_id, self.started, set(self.plan_.reparsed))
        self.clock["discover"] = time.perf_counter()
        return self.plan_

    def parse(self, map_batches: BatchMapper) -> int:
        """Parse the planned files in batches and merge each batch as it comes; the number of
        files. Two passes: the first parses every page a template recognises and sets the generic
        fallback's pages aside with their line statistics; then what recurs on each site's pages
        (with what earlier runs counted there) is its furniture, and the second pass parses the
        generic pages with it. Every page is parsed once."""
        assert self.plan_ is not None and self.merger is not None, "plan first"
        meter = Progress(len(self.plan_.todo), self.options.progress, self.on_progress)
        size = self.options.batch_size
        pooled: list[Outcome] = []
        self.merger.add([refused_outcome(raw, self.run_id, self.started) for raw in self.plan_.refused])
        first_pass = ParseJob(pool_generic=True)
        for batch in map_batches(batched(self.plan_.todo, size), self.run_id, self.started, first_pass):
            aside = [o for o in batch if o.pooled is not None]
            pooled += aside
            self.merger.add([o for o in batch if o.pooled is None])
            meter.advance(len(batch) - len(aside))
        memory = site_memory(self.warehouse, {o.site for o in pooled if o.site})
        furniture, updated = pool_sites(pooled, memory)
        remember_sites(self.tx, updated, self.run_id)
        recurring = {o.path: furniture.get(o.site or "", frozenset()) for o in pooled}
        for batch in map_batches(batched(sorted(recurring), size), self.run_id, self.started,
                                 ParseJob(recurring=recurring)):
            self.deferred += batch            # merged after the pages a template parsed, as before
            meter.advance(len(batch))
        meter.close()
        return len(self.plan_.todo)

    def merge(self) -> Merged:
        assert self.merger is not None, "plan first"
        self.merger.add(self.deferred)
        self.deferred = []
        self.merged = self.merger.finish()
        self.clock["parse"] = self.clock["merge"] = time.perf_counter()
        return self.merged

    def dedupe(self) -> int:
        assert self.merger is not None and self.merged is not None, "merge first"
        self.clusters = near_duplicates(self.warehouse, self.tx, self.merger.signatures, self.merged.new_ids,
                                        self.merged.dropped_ids)
        self.clock["dedupe"] = time.perf_counter()
        return self.clusters

    def commit(self, on_phase: PhaseHook | None = None) -> str | None:
        """Write the next snapshot (with the run's `runs` row) and switch to it; its name, or None
        when the run changed nothing."""
        assert self.plan_ is not None and self.merged is not None, "merge first"
        summary = self._summary()
        if not self.tx.empty:
            kind = "reparse" if self.options.reparse else "ingest"
            self.tx.append("runs", [run_row(self.run_id, kind, self.started, self.plan_, self.merged, summary)])
        self.version = self.tx.commit(on_phase)
        return self.version

    def catalog(self) -> None:
        """Point the catalog's views at the current snapshot (if it moved) and drop old snapshots."""
        if self.version or not catalog_is_current(self.warehouse):
            refresh_catalog(self.warehouse)
            self.warehouse.collect_garbage()
        self.clock["commit"] = time.perf_counter()

    def report(self) -> RunSummary:
        summary = self._summary()
        summary["version"] = self.warehouse.current_version()
        clock = self.clock
        summary["seconds"] = {phase: round(clock[phase] - clock[prev], 3) for prev, phase in
                              zip(("start", "discover", "merge", "dedupe"), ("discover", "parse", "dedupe", "commit"))}
        summary["seconds"]["total"] = round(clock["commit"] - clock["start"], 3)
        started = time.perf_counter()
        summary["report"] = self.write_report(summary)
        summary["seconds"]["report"] = round(time.perf_counter() - started, 3)
        return summary

    def write_report(self, summary: RunSummary) -> str | None:
        """Write the run's HTML report into the warehouse (flows.report); where it went, or None
        when it could not be written (the run is committed: a report is never worth failing it)."""
        from flows.report.publish import write_report  # plotly: only a run that reports pays for it

        if self.version is None:
            return None                     # the run changed nothing: no `runs` row, nothing to report
        try:
            return write_report(self.warehouse, self.run_id, summary)
        except OSError as error:
            sys.stderr.write(f"newsflow: run {self.run_id} is committed but its report was not written: {error}\n")
            return None

    def _summary(self) -> RunSummary:
        """The run's figures, its drift alarms measured against the runs before it."""
        if self.summary is None:
            assert self.plan_ is not None and self.merger is not None and self.merged is not None, "merge first"
            summary = summarize(self.run_id, self.plan_, self.merged, self.clusters)
            summary["slowest"] = [(path, ms) for ms, path in sorted(self.merger.slowest, reverse=True)]
            self.drift_alarms = health.drift_alarms(summary["outlet_health"], recent_health(self.warehouse))
            summary["drift"] = [str(alarm) for alarm in self.drift_alarms]
            self.summary = summary
        return RunSummary(**self.summary)


def ingest(raw_dir: str, warehouse_dir: str | Warehouse, batch_size: int = DEFAULT.batch_size,
           map_batches: BatchMapper | None = None, reparse: Reparse | None = None,
           outlet: str | None = None, on_phase: PhaseHook | None = None, workers: int | None = None,
           progress: bool | None = None, symlinks_anywhere: bool = False) -> RunSummary:
    """One run without Prefect: load every new or changed raw file as an article, a duplicate or
    a reject, through the phases of `Run` in order. `reparse`: None, "changed" (files whose parser
    version changed) or "all"; `outlet` narrows it. Batches are parsed by `map_batches` (default:
    a process pool of `workers`, all cores). `on_phase` is told when the run holds the writer lock
    (`locked`) and as each step of its commit ends (see `Transaction.commit`). `symlinks_anywhere`:
    follow symlinks to regular files outside the landing folder too (`flows.ingest.landing`).
    Raises `landing.LandingError` (nothing written) when one folder is inside the other."""
    if not location.shared_between_processes(raw_dir):
        workers = 1                                 # worker processes could not see the files
    warehouse = open_warehouse(warehouse_dir)
    nested = landing.nesting_problem(raw_dir, warehouse.location_text())
    if nested:
        raise landing.LandingError(nested)
    with warehouse.writer_lock():
        if on_phase:
            on_phase("locked")
        run = Run(warehouse, raw_dir, IngestOptions(batch_size, reparse, outlet, workers, progress,
                                                    symlinks_anywhere))
        run.plan()
        run.parse(map_batches or map_batches_in_processes(workers or os.cpu_count() or 1))
        run.merge()
        run.dedupe()
        run.commit(on_phase)
        run.catalog()
        return run.report()


def site_memory(warehouse: Warehouse, sites: set[str]) -> dict[str, RecurringLines]:
    """What earlier runs counted on these sites' pages (the `sites` and `site_lines` tables)."""
    if not sites:
        return {}
    wanted = pa.array(sorted(sites))
    totals = warehouse.read("sites")
    totals = totals.filter(pc.is_in(totals["site"], value_set=wanted))
    memory = {site: RecurringLines(docs=pages) for site, pages in
              zip(totals["site"].to_pylist(), totals["pages"].to_pylist())}
    if memory:
        lines = warehouse.read("site_lines")
        lines = lines.filter(pc.is_in(lines["site"], value_set=wanted))
        for site, line, pages in zip(lines["site"].to_pylist(), lines["line_hash"].to_pylist(),
                                     lines["pages"].to_pylist()):
            if site in memory:
                memory[site].counts[line] = pages
    return memory


def remember_sites(tx, updated: dict[str, RecurringLines], run_id: str) -> None:
    """Replace the statistics of the sites this run read with their new counts."""
    if not updated:
        return
    tx.delete("sites", updated)
    tx.delete("site_lines", updated)
    tx.append("sites", [{"site": site, "pages": seen.docs, "run_id": run_id} for site, seen in updated.items()])
    tx.append("site_lines", [{"site": site, "line_hash": line, "pages": pages}
                             for site, seen in updated.items() for line, pages in seen.counts.items()])


ProgressHook = Callable[[int, int], None]


class Progress:
    """A progress line on stderr for long interactive runs (a terminal only, unless forced); the
    `hook`, if any, is told (files done, files planned) after each batch (the Prefect flow's
    progress artifact)."""

    def __init__(self, total: int, enabled: bool | None = None, hook: ProgressHook | None = None):
        self.total, self.done, self.started = total, 0, time.perf_counter()
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.last = 0.0
        self.hook = hook

    def advance(self, count: int) -> None:
        self.done += count
        if self.hook:
            self.hook(self.done, self.total)
        now = time.perf_counter()
        if self.enabled and (now - self.last > 0.5 or self.done == self.total):
            rate = self.done / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            sys.stderr.write(f"\r  parsed {self.done:,}/{self.total:,} files  {rate:,.0f} files/s  eta {eta:,.0f} s ")
            sys.stderr.flush()
            self.last = now

    def close(self) -> None:
        if self.enabled and self.total:
            sys.stderr.write("\n")


def recent_health(warehouse: Warehouse) -> list[dict]:
    """Per-outlet health figures of the last runs, newest first (for the drift alarm)."""
    runs = warehouse.read("runs", ["started_at", "summary_json"]).to_pylist()
    runs.sort(key=lambda r: r["started_at"], reverse=True)
    return health.history_from_runs([r["summary_json"] for r in runs[: health.HISTORY_RUNS]])


@dataclass
class Merged:
    new_articles: int = 0
    duplicates: int = 0
    rejects: list[dict] = field(default_factory=list)     # the run's reject rows (small)
    new_ids: set[str] = field(default_factory=set)
    dropped_ids: set[str] = field(default_factory=set)
    by_outlet: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    outlet_stats: dict = field(default_factory=dict)       # outlet → Counter of health figures


class Merger:
    """Turns outcomes into table changes as they come. A file processed before has its old rows
    replaced; an article already loaded (same id) is not written twice; an article no file points
    to any more is dropped. A file whose mtime changed but whose bytes did not (touched, copied
    back) only gets its manifest row refreshed."""

    def __init__(self, warehouse: Warehouse, tx, manifest: dict[str, ManifestEntry], run_id: str,
                 now: datetime, reparsed: set[str]):
        self.tx, self.manifest, self.run_id, self.now, self.reparsed = tx, manifest, run_id, now, reparsed
        self.warehouse = warehouse
        self.known: set[str] = set()
        self.references: Counter = Counter()
        self.prepared = False                  # known ids and references read (on the first outcome)
        self.processed: set[str] = set()
        self.replaceable: set[str] = set()
        self.signatures: list[dict] = []
        self.slowest: list[tuple[float, str]] = []
        self.out = Merged()

    def _prepare(self) -> None:
        """Loaded article ids and reference counts, read once, on the first outcome (a run with
        nothing to do never pays for them)."""
        self.known = set(self.warehouse.read("articles", ["article_id"])["article_id"].to_pylist())
        self.references = Counter(e.article_id for e in self.manifest.values() if e.article_id)
        self.prepared = True

    def add(self, outcomes: list[Outcome]) -> None:
        if not outcomes:
            return
        if not self.prepared:
            self._prepare()
        files_rows, boilerplate, articles = [], [], []
        for outcome in sorted(outcomes, key=lambda o: o.path):
            key = storable(outcome.path)
            heapq.heappush(self.slowest, (outcome.ms, key))
            if len(self.slowest) > 5:
                heapq.heappop(self.slowest)
            entry = self.manifest.get(key)
            stored = {key, entry.stored_key} if entry and entry.stored_key else {key}   # its rows' keys
            if entry and outcome.path not in self.reparsed and outcome.sha256 and entry.sha256 == outcome.sha256:
                self.tx.delete("files", stored)                # touched, same bytes
                files_rows.append(_refreshed(entry, outcome, self.now))
                continue
            self.processed.update(stored)
            if entry and entry.article_id:                     # its previous article may be replaced
                self.references[entry.article_id] -= 1
                if self.references[entry.article_id] <= 0:
                    self.replaceable.add(entry.article_id)
                    self.known.discard(entry.article_id)
            row = {"path": key, "size": outcome.size, "mtime_ns": outcome.mtime_ns, "sha256": outcome.sha256,
                   "run_id": self.run_id, "seen_at": self.now, "article_id": None, "outlet": None,
                   "reason": None, "parser": None}
            if outcome.article is None:
                reject = outcome.reject or {}
                self.out.rejects.append(reject)
                row.update(status="rejected", reason=reject.get("reason"), parser=reject.get("parser"))
                self._health(reject.get("parser"), None, rejected=True)
            else:
                article = outcome.article
                article_id = article["article_id"]
                row.update(article_id=article_id, outlet=article["outlet"], parser=article["parser"])
                if article_id in self.known:
                    row["status"] = "duplicate"
                    self.out.duplicates += 1
                else:
                    row["status"] = "article"
                    self.known.add(article_id)
                    articles.append(article)
                    boilerplate.extend(outcome.boilerplate)
                    if outcome.signature:
                        self.signatures.append(outcome.signature)
                    self.out.new_ids.add(article_id)
                    self.out.new_articles += 1
                    self.out.by_outlet[article["outlet"] or "unknown"] += 1
                    self.out.warnings.update(article["warnings"])
                    self._health(article["parser"], article, leaked=outcome.leak)
                self.references[article_id] += 1
            files_rows.append(row)
        self.tx.append("articles", articles)
        self.tx.append("boilerplate", boilerplate)
        self.tx.append("files", files_rows)

    def _health(self, parser: str | None, article: dict | None, rejected: bool = False, leaked: bool = False) -> None:
        """Per-outlet figures the drift alarm compares across runs."""
        # by outlet, like `articles_by_outlet`: a reject counts for its template's outlet, if it has one
        outlet = (article.get("outlet") if article else template_outlet(parser)) or "unknown"
        stats = self.out.outlet_stats.setdefault(outlet, Counter())
        stats["files"] += 1
        if rejected:
            stats["rejected"] += 1
            return
        article = article or {}
        stats["empty_body"] += not article.get("body")
        stats["no_date"] += "no_date" in article.get("warnings", [])
        stats["leaks"] += leaked

    def finish(self) -> Merged:
        """Delete what this run replaced: old rows of reprocessed files, articles no file points to."""
        if self.references is None:
            return self.out
        replaced = self.replaceable & self.out.new_ids
        self.out.dropped_ids = {a for a in self.replaceable if self.references[a] <= 0} - self.out.new_ids
        gone = replaced | self.out.dropped_ids
        self.tx.delete("articles", gone)
        self.tx.delete("boilerplate", gone)
        self.tx.delete("rejects", self.processed)
        self.tx.delete("files", self.processed)
        self.tx.append("rejects", self.out.rejects)
        return self.out


def template_outlet(parser: str | None) -> str | None:
    """The outlet a template (`newspim@3`) stands for; None for portals, CMS families, the fallback."""
    return TEMPLATE_OUTLETS.get(parser_name(parser) or "")


TEMPLATE_OUTLETS = {template.name: template.default_outlet for template in TEMPLATES if template.default_outlet}


def _refreshed(entry: ManifestEntry, outcome: Outcome, now: datetime) -> dict:
    return {"path": storable(outcome.path), "size": outcome.size, "mtime_ns": outcome.mtime_ns,
            "sha256": entry.sha256, "status": entry.status, "article_id": entry.article_id, "outlet": entry.outlet,
            "reason": entry.reason, "parser": entry.parser, "run_id": None, "seen_at": now}


def near_duplicates(warehouse: Warehouse, tx, rows: list[dict], new_ids: set[str], dropped: set[str]) -> int:
    """Match this run's signatures against every stored one and extend the clusters.
    Returns the number of clusters that gained members."""
    if not rows and not dropped and not new_ids:
        return 0
    signed = {r["article_id"] for r in rows}
    stale = dropped | (new_ids - signed)
    stored = warehouse.read("signatures")
    if stored.num_rows:
        keep = pc.invert(pc.is_in(stored["article_id"], value_set=pa.array(sorted(signed | stale), type=pa.string())))
        stored = stored.filter(keep)
    old = dedupe.Signatures(
        stored["article_id"].to_pylist(),
        np.array(stored["bands"].to_pylist(), dtype=np.uint64).reshape(-1, dedupe.BANDS),
        np.frombuffer(b"".join(stored["minhash"].to_pylist()), dtype="<u4").reshape(-1, dedupe.NUM_PERM),
        np.array(stored["shingles"].fill_null(0).to_pylist(), dtype=np.int64),
    )
    del stored
    matches = dedupe.find_matches(dedupe.Signatures.from_rows(rows), old) if rows else []
    duplicates = warehouse.read("duplicates", ["article_id", "cluster_id"])
    existing = {a: c for a, c in zip(duplicates["article_id"].to_pylist(), duplicates["cluster_id"].to_pylist())
                if a not in stale and c not in stale}
    changed = dedupe.assign_clusters(existing, matches)
    tx.delete("signatures", stale | signed)
    for start in range(0, len(rows), 10_000):
        tx.append("signatures", dedupe.table_rows(rows[start : start + 10_000]))
    tx.delete("duplicates", set(changed) | stale)
    tx.append("duplicates", [{"article_id": a, "cluster_id": c, "similarity": s, "kind": k}
                             for a, (c, s, k) in sorted(changed.items())])
    return len({c for c, _, _ in changed.values()})


def summarize(run_id: str, plan: Plan, merged: Merged, clusters: int) -> RunSummary:
    return {
        "run_id": run_id,
        "files_seen": len(plan.seen),
        "files_new": len(plan.new),
        "files_changed": len(plan.changed),
        "files_retried": len(plan.retried),
        "files_reparsed": len(plan.reparsed),
        "files_unchanged": plan.unchanged,
        "files_refused": len(plan.refused),
        "articles": merged.new_articles,
        "duplicates": merged.duplicates,
        "rejects": len(merged.rejects),
        "duplicate_clusters_touched": clusters,
        "articles_by_outlet": dict(merged.by_outlet.most_common()),
        "rejects_by_reason": dict(Counter(r["reason"] for r in merged.rejects).most_common()),
        "warnings": dict(merged.warnings.most_common()),
        "outlet_health": {o: dict(c) for o, c in sorted(merged.outlet_stats.items())},
        "parser_versions": parser_versions(),
    }


def run_row(run_id: str, kind: str, started: datetime, plan: Plan, merged: Merged, summary: RunSummary) -> dict:
    return {
        "run_id": run_id, "kind": kind, "started_at": started, "finished_at": datetime.now(timezone.utc),
        "files_seen": len(plan.seen), "files_new": len(plan.new), "files_changed": len(plan.changed),
        "files_unchanged": plan.unchanged, "articles": merged.new_articles, "duplicates": merged.duplicates,
        "rejects": len(merged.rejects), "summary_json": json.dumps(summary, ensure_ascii=False, default=str),
    }


def compact(warehouse_dir: str) -> dict:
    """Merge each table's files into one per partition, in a new snapshot; results do not change.
    A warehouse that is already compact is left as it is: no snapshot is written."""
    warehouse = open_warehouse(warehouse_dir)
    run_id = new_run_id()
    with warehouse.writer_lock():
        tables = ("articles", "rejects", "files", "runs", "boilerplate", "duplicates", "signatures")
        version = warehouse.current_version()
        layouts = {t: [relative for _, relative in warehouse.snapshot_files(t, version)] if version else []
                   for t in tables}
        before = {t: len(files) for t, files in layouts.items()}
        tx = warehouse.transaction(run_id)
        for table, files in layouts.items():
            if needs_compaction(files):
                tx.compact(table)
        version = tx.commit()
        if version:
            refresh_catalog(warehouse)
            warehouse.collect_garbage()
        after = {t: len(warehouse.parquet_files(t)) for t in before}
    return {"run_id": run_id, "version": warehouse.current_version(), "files_before": before, "files_after": after}
