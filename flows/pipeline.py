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

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from parsers.registry import parser_versions

from . import dedupe
from .catalog import CATALOG, catalog_version, refresh_catalog
from .discover import RawFile, batched, iter_raw_files, new_run_id, scan  # noqa: F401  (re-exported)
from .process import (MAX_FILE_BYTES, OUTPUT_FIELDS, Outcome, article_id, output_record,  # noqa: F401
                      parse_file, process_batch, refine_generic, storable)
from .storage import Warehouse

DEFAULT_BATCH_SIZE = 200
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


def load_manifest(warehouse: Warehouse) -> dict[str, ManifestEntry]:
    table = warehouse.read("files", ["path", "size", "mtime_ns", "sha256", "status", "article_id", "outlet",
                                     "reason", "parser"])
    columns = [table[name].to_pylist() for name in table.column_names]
    return {row[0]: ManifestEntry(*row[1:]) for row in zip(*columns)}


BatchMapper = Callable[[list[list[str]], str, datetime], Iterable[list[Outcome]]]


def map_batches_locally(batches, run_id, ingested_at) -> Iterable[list[Outcome]]:
    return (process_batch(batch, run_id, ingested_at) for batch in batches)


def outdated(entry: ManifestEntry, versions: dict[str, int]) -> bool:
    if not entry.parser:
        return False
    name, _, version = entry.parser.partition("@")
    return name in versions and str(versions[name]) != version


@dataclass
class Plan:
    """Which raw files this run reads, and why."""

    seen: list[RawFile]
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retried: list[str] = field(default_factory=list)
    reparsed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def todo(self) -> list[str]:
        return self.new + self.changed + self.retried + self.reparsed


def plan_run(raw_dir: str, manifest: dict[str, ManifestEntry], reparse: str | None, outlet: str | None) -> Plan:
    plan = Plan(scan(raw_dir))
    versions = parser_versions()
    for raw in plan.seen:
        entry = manifest.get(storable(raw.path))
        if entry is None:
            plan.new.append(raw.path)
        elif (raw.size, raw.mtime_ns) != (entry.size, entry.mtime_ns):
            plan.changed.append(raw.path)
        elif entry.reason in RETRY_REASONS:
            plan.retried.append(raw.path)
        elif reparse and (outlet is None or entry.outlet == outlet) and (reparse == "all" or outdated(entry, versions)):
            plan.reparsed.append(raw.path)
        else:
            plan.unchanged += 1
    return plan


def ingest(raw_dir: str, warehouse_dir: str, batch_size: int = DEFAULT_BATCH_SIZE,
           map_batches: BatchMapper = map_batches_locally, reparse: str | None = None,
           outlet: str | None = None, crash_at: str | None = None) -> dict:
    """One run: load every new or changed raw file as an article, a duplicate or a reject.
    `reparse`: None, "changed" (files whose parser version changed) or "all"; `outlet` narrows it.
    `crash_at`: test hook, see flows.storage (also read from NEWSFLOW_CRASH_AT)."""
    crash_at = crash_at or os.environ.get("NEWSFLOW_CRASH_AT")
    clock = {"start": time.perf_counter()}
    warehouse = Warehouse(warehouse_dir)
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    with warehouse.writer_lock():
        _test_hold()
        manifest = load_manifest(warehouse)
        plan = plan_run(raw_dir, manifest, reparse, outlet)
        clock["discover"] = time.perf_counter()
        outcomes: list[Outcome] = []
        for batch in map_batches(batched(plan.todo, batch_size), run_id, started):
            outcomes.extend(batch)
        refine_generic(outcomes, run_id, started)
        clock["parse"] = time.perf_counter()
        tx = warehouse.transaction(run_id)
        merged = merge(warehouse, tx, manifest, outcomes, run_id, started, set(plan.reparsed))
        clock["merge"] = time.perf_counter()
        clusters = near_duplicates(warehouse, tx, merged.new_articles, merged.dropped_ids)
        clock["dedupe"] = time.perf_counter()
        summary = summarize(run_id, plan, merged, clusters)
        if not tx.empty:
            tx.append("runs", [run_row(run_id, "reparse" if reparse else "ingest", started, plan, merged, summary)])
        version = tx.commit(crash_at)
        if version or not (warehouse.root / CATALOG).is_file() or catalog_version(warehouse) != warehouse.current_version():
            refresh_catalog(warehouse)
            warehouse.collect_garbage()
        clock["commit"] = time.perf_counter()
    summary["version"] = warehouse.current_version()
    summary["seconds"] = {phase: round(clock[phase] - clock[prev], 3) for prev, phase in
                          zip(("start", "discover", "parse", "merge", "dedupe"),
                              ("discover", "parse", "merge", "dedupe", "commit"))}
    summary["seconds"]["total"] = round(clock["commit"] - clock["start"], 3)
    return summary


def _test_hold() -> None:
    """Test hook: keep the writer lock for a while (NEWSFLOW_TEST_HOLD seconds)."""
    seconds = float(os.environ.get("NEWSFLOW_TEST_HOLD") or 0)
    if seconds > 0:
        time.sleep(seconds)


@dataclass
class Merged:
    new_articles: list[dict] = field(default_factory=list)
    duplicates: int = 0
    rejects: list[dict] = field(default_factory=list)
    dropped_ids: set[str] = field(default_factory=set)


def merge(warehouse: Warehouse, tx, manifest: dict[str, ManifestEntry], outcomes: list[Outcome],
          run_id: str, now: datetime, reparsed: set[str] = frozenset()) -> Merged:
    """Turn the outcomes into table changes. A file that was processed before has its old rows
    replaced; an article already loaded (same id) is not written twice; an article no file
    points to any more is dropped. A file whose mtime changed but whose bytes did not (touched,
    copied back) only gets its manifest row refreshed."""
    out = Merged()
    if not outcomes:
        return out
    touched = [o for o in outcomes if o.path not in reparsed and storable(o.path) in manifest
               and o.sha256 is not None and manifest[storable(o.path)].sha256 == o.sha256]
    if touched:
        outcomes = [o for o in outcomes if o not in touched]
        tx.delete("files", {storable(o.path) for o in touched})
        tx.append("files", [_refreshed(manifest[storable(o.path)], o, now) for o in touched])
    processed = {storable(o.path) for o in outcomes}
    references = Counter(e.article_id for p, e in manifest.items() if e.article_id and p not in processed)
    known = set(warehouse.read("articles", ["article_id"])["article_id"].to_pylist())
    previous_ids = {manifest[p].article_id for p in processed if p in manifest and manifest[p].article_id}
    replaceable = {a for a in previous_ids if references[a] == 0}
    known -= replaceable                        # their rows are rewritten from this run's parse
    files_rows, boilerplate = [], []
    for outcome in sorted(outcomes, key=lambda o: o.path):
        row = {"path": storable(outcome.path), "size": outcome.size, "mtime_ns": outcome.mtime_ns, "sha256": outcome.sha256,
               "run_id": run_id, "seen_at": now, "article_id": None, "outlet": None, "reason": None, "parser": None}
        if outcome.article is None:
            out.rejects.append(outcome.reject)
            row.update(status="rejected", reason=outcome.reject["reason"], parser=outcome.reject["parser"])
        else:
            article = outcome.article
            row.update(article_id=article["article_id"], outlet=article["outlet"], parser=article["parser"])
            if article["article_id"] in known:
                row["status"] = "duplicate"
                out.duplicates += 1
            else:
                row["status"] = "article"
                known.add(article["article_id"])
                out.new_articles.append(article)
                boilerplate.extend(outcome.boilerplate)
            references[article["article_id"]] += 1
        files_rows.append(row)
    written = {a["article_id"] for a in out.new_articles}
    out.dropped_ids = {a for a in replaceable if references[a] == 0}
    replaced = out.dropped_ids | (replaceable & written)
    tx.delete("articles", replaced)
    tx.delete("boilerplate", replaced)
    tx.delete("rejects", processed)
    tx.delete("files", processed)
    tx.append("articles", out.new_articles)
    tx.append("boilerplate", boilerplate)
    tx.append("rejects", out.rejects)
    tx.append("files", files_rows)
    return out


def _refreshed(entry: ManifestEntry, outcome: Outcome, now: datetime) -> dict:
    return {"path": storable(outcome.path), "size": outcome.size, "mtime_ns": outcome.mtime_ns,
            "sha256": entry.sha256, "status": entry.status, "article_id": entry.article_id, "outlet": entry.outlet,
            "reason": entry.reason, "parser": entry.parser, "run_id": None, "seen_at": now}


def near_duplicates(warehouse: Warehouse, tx, articles: list[dict], dropped: set[str]) -> int:
    """Sign the new articles, match them against every stored signature, extend the clusters.
    Returns the number of clusters that gained members."""
    if not articles and not dropped:
        return 0
    rows = [r for r in (dedupe.signature_row(a["article_id"], a["body"]) for a in articles) if r]
    new_ids = {r["article_id"] for r in rows}
    stale = dropped | ({a["article_id"] for a in articles} - new_ids)
    stored = warehouse.read("signatures")
    if stored.num_rows:
        keep = pc.invert(pc.is_in(stored["article_id"], value_set=pa.array(sorted(new_ids | stale), type=pa.string())))
        stored = stored.filter(keep)
    old = dedupe.Signatures(
        stored["article_id"].to_pylist(),
        np.array(stored["bands"].to_pylist(), dtype=np.uint64).reshape(-1, dedupe.BANDS),
        np.frombuffer(b"".join(stored["minhash"].to_pylist()), dtype="<u4").astype(np.uint64).reshape(-1, dedupe.NUM_PERM),
        np.array(stored["shingles"].fill_null(0).to_pylist(), dtype=np.int64),
    )
    matches = dedupe.find_matches(dedupe.Signatures.from_rows(rows), old) if rows else []
    duplicates = warehouse.read("duplicates", ["article_id", "cluster_id"])
    existing = {a: c for a, c in zip(duplicates["article_id"].to_pylist(), duplicates["cluster_id"].to_pylist())
                if a not in stale and c not in stale}
    changed = dedupe.assign_clusters(existing, matches)
    tx.delete("signatures", stale | new_ids)
    tx.append("signatures", rows)
    tx.delete("duplicates", set(changed) | stale)
    tx.append("duplicates", [{"article_id": a, "cluster_id": c, "similarity": s, "kind": k}
                             for a, (c, s, k) in sorted(changed.items())])
    return len({c for c, _, _ in changed.values()})


def summarize(run_id: str, plan: Plan, merged: Merged, clusters: int) -> dict:
    articles = merged.new_articles
    return {
        "run_id": run_id,
        "files_seen": len(plan.seen),
        "files_new": len(plan.new),
        "files_changed": len(plan.changed),
        "files_retried": len(plan.retried),
        "files_reparsed": len(plan.reparsed),
        "files_unchanged": plan.unchanged,
        "articles": len(articles),
        "duplicates": merged.duplicates,
        "rejects": len(merged.rejects),
        "duplicate_clusters_touched": clusters,
        "articles_by_outlet": dict(Counter(r["outlet"] or "unknown" for r in articles).most_common()),
        "rejects_by_reason": dict(Counter(r["reason"] for r in merged.rejects).most_common()),
        "warnings": dict(Counter(w for r in articles for w in r["warnings"]).most_common()),
        "parser_versions": parser_versions(),
    }


def run_row(run_id: str, kind: str, started: datetime, plan: Plan, merged: Merged, summary: dict) -> dict:
    return {
        "run_id": run_id, "kind": kind, "started_at": started, "finished_at": datetime.now(timezone.utc),
        "files_seen": len(plan.seen), "files_new": len(plan.new), "files_changed": len(plan.changed),
        "files_unchanged": plan.unchanged, "articles": len(merged.new_articles), "duplicates": merged.duplicates,
        "rejects": len(merged.rejects), "summary_json": json.dumps(summary, ensure_ascii=False, default=str),
    }


def compact(warehouse_dir: str) -> dict:
    """Merge each table's files into one per partition, in a new snapshot; results do not change."""
    warehouse = Warehouse(warehouse_dir)
    run_id = new_run_id()
    with warehouse.writer_lock():
        before = {t: len(warehouse.parquet_files(t)) for t in ("articles", "rejects", "files", "runs", "boilerplate",
                                                              "duplicates", "signatures")}
        tx = warehouse.transaction(run_id)
        for table, count in before.items():
            if count > 1:
                tx.compact(table)
        version = tx.commit()
        if version:
            refresh_catalog(warehouse)
            warehouse.collect_garbage()
        after = {t: len(warehouse.parquet_files(t)) for t in before}
    return {"run_id": run_id, "version": warehouse.current_version(), "files_before": before, "files_after": after}
