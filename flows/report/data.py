"""One run's figures for its report, read from the warehouse tables of one snapshot: the run's
summary (the `runs` row), its articles by outlet and by publication day (KST), its rejects by
reason, the lines its articles lost by removal reason, the near-duplicate clusters its articles
are in, its slowest files and its alarms (parser drift, furniture leaking into bodies).

Big tables (articles, boilerplate) are read file by file and filtered as they come, so memory
holds this run's rows, not the warehouse's.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest.contracts import RunSummary
from flows.store.warehouse import Warehouse

UNKNOWN_OUTLET = "unknown"
NO_DATE = "no date"
MAX_REJECTED_FILES = 200       # rows of the rejected-files table (the chart counts them all)
MAX_CLUSTERS = 100             # near-duplicate clusters listed
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


class UnknownRun(LookupError):
    """No such run in the warehouse's `runs` table (or no run at all)."""


@dataclass(frozen=True)
class RejectedFile:
    source: str
    reason: str
    error: str | None


@dataclass(frozen=True)
class ClusterMember:
    cluster_id: str
    article_id: str
    kind: str | None                 # first, exact, near, contained
    similarity: float | None
    outlet: str | None
    title: str | None
    source: str | None
    in_this_run: bool


@dataclass(frozen=True)
class SlowFile:
    path: str
    ms: float


@dataclass(frozen=True)
class OutletHealth:
    """An outlet's files in the run and what the drift alarm counts of them."""

    outlet: str
    files: int
    articles: int
    rejected: int
    empty_body: int
    no_date: int
    leaks: int


@dataclass
class RunReport:
    """Everything the page shows about one run."""

    run_id: str
    kind: str
    started_at: datetime | None
    finished_at: datetime | None
    summary: RunSummary
    articles_by_outlet: dict[str, int] = field(default_factory=dict)     # this run's rows still stored
    articles_by_day: dict[str, int] = field(default_factory=dict)        # KST publication day, oldest first
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    removed_lines_by_reason: dict[str, int] = field(default_factory=dict)
    rejected_files: list[RejectedFile] = field(default_factory=list)
    clusters: list[list[ClusterMember]] = field(default_factory=list)
    slowest: list[SlowFile] = field(default_factory=list)
    outlet_health: list[OutletHealth] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        """Whether the run has a `runs` row (a run that changed nothing has none)."""
        return self.started_at is not None


def latest_run_id(warehouse: Warehouse) -> str:
    """The run recorded last."""
    runs = warehouse.read("runs", ["run_id", "started_at"]).to_pylist()
    if not runs:
        raise UnknownRun(f"no run recorded in {warehouse.location_text()}")
    return max(runs, key=lambda row: (row["started_at"], row["run_id"]))["run_id"]


def load_run_report(warehouse: Warehouse, run_id: str | None = None, summary: RunSummary | None = None) -> RunReport:
    """The report of `run_id` (default: the latest run). `summary`: the run's summary as the run
    returned it (it has the phase timings the stored one lacks, and stands in for the `runs` row
    of a run that changed nothing)."""
    version = warehouse.current_version()
    if run_id is None:
        run_id = summary["run_id"] if summary else latest_run_id(warehouse)
    runs = warehouse.read("runs", version=version)
    runs = runs.filter(pc.equal(runs["run_id"], run_id))
    row = runs.to_pylist()[0] if runs.num_rows else None
    if row is None and summary is None:
        raise UnknownRun(f"no run {run_id} in {warehouse.location_text()} (a run that changed nothing is not recorded)")
    stored: RunSummary = _summary_of(row["summary_json"]) if row else {}
    merged = RunSummary(**{**stored, **(summary or {})})
    report = RunReport(run_id, row["kind"] if row else "ingest", row["started_at"] if row else None,
                       row["finished_at"] if row else None, merged)
    if row is None:
        report.alarms = list(merged.get("drift") or [])
        report.slowest = [SlowFile(path, float(ms)) for path, ms in merged.get("slowest") or []]
        report.outlet_health = _outlet_health(merged, {})
        return report

    articles = _scan(warehouse, "articles", ["article_id", "outlet", "published_at", "title", "source", "run_id"],
                     version, lambda t: pc.equal(t["run_id"], run_id))
    outlets = [o or UNKNOWN_OUTLET for o in articles["outlet"].to_pylist()]
    report.articles_by_outlet = dict(Counter(outlets).most_common())
    report.articles_by_day = _by_day(articles["published_at"].to_pylist())
    run_ids = articles["article_id"]

    rejects = warehouse.read("rejects", ["source", "reason", "error", "run_id"], version=version)
    rejects = rejects.filter(pc.equal(rejects["run_id"], run_id)).sort_by("source")
    report.rejects_by_reason = dict(Counter(r or "rejected" for r in rejects["reason"].to_pylist()).most_common())
    report.rejected_files = [RejectedFile(r["source"], r["reason"] or "rejected", r["error"])
                             for r in rejects.slice(0, MAX_REJECTED_FILES).to_pylist()]

    removed = _scan(warehouse, "boilerplate", ["article_id", "reason"], version,
                    lambda t: pc.is_in(t["article_id"], value_set=run_ids))
    report.removed_lines_by_reason = dict(Counter(r or "unknown" for r in removed["reason"].to_pylist()).most_common())

    report.clusters = _clusters(warehouse, version, set(run_ids.to_pylist()))
    report.slowest = [SlowFile(path, float(ms)) for path, ms in merged.get("slowest") or []]
    report.outlet_health = _outlet_health(merged, report.articles_by_outlet)
    report.alarms = list(merged.get("drift") or []) + [
        f"{h.outlet}: {h.leaks} of {h.articles or h.files} articles kept page furniture in the body (leak)"
        for h in report.outlet_health if h.leaks]
    return report


def _summary_of(text: str | None) -> RunSummary:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return RunSummary(**data) if isinstance(data, dict) else {}


def _scan(warehouse: Warehouse, table: str, columns: list[str], version: str | None,
          keep: Callable[[pa.Table], pa.Array]) -> pa.Table:
    """The rows of a table that `keep` selects, read one file at a time."""
    parts = []
    for path in warehouse.parquet_files(table, version):
        part = warehouse.read_file(path, columns)
        part = part.filter(keep(part))
        if part.num_rows:
            parts.append(part.select(columns))
    if not parts:
        return pa.table({name: pa.array([], type=pa.string()) for name in columns})
    return pa.concat_tables(parts, promote_options="permissive")


def _by_day(published: list[str | None]) -> dict[str, int]:
    """Articles by publication day: `published_at` is written in KST (`…+09:00`, or a bare date)."""
    days = Counter(text[:10] if text and _DAY.match(text) else NO_DATE for text in published)
    dated = sorted(day for day in days if day != NO_DATE)
    return {day: days[day] for day in dated + ([NO_DATE] if NO_DATE in days else [])}


def _clusters(warehouse: Warehouse, version: str | None, run_articles: set[str]) -> list[list[ClusterMember]]:
    """The near-duplicate clusters holding one of this run's articles, each with all its members."""
    if not run_articles:
        return []
    links = warehouse.read("duplicates", version=version).to_pylist()
    touched = {link["cluster_id"] for link in links if link["article_id"] in run_articles}
    members = [link for link in links if link["cluster_id"] in touched]
    if not members:
        return []
    wanted = pa.array(sorted({m["article_id"] for m in members}), type=pa.string())
    described = _scan(warehouse, "articles", ["article_id", "outlet", "title", "source"], version,
                      lambda t: pc.is_in(t["article_id"], value_set=wanted)).to_pylist()
    about = {a["article_id"]: a for a in described}
    clusters: dict[str, list[ClusterMember]] = {}
    for m in sorted(members, key=lambda m: (m["cluster_id"], m["kind"] != "first", m["article_id"])):
        article = about.get(m["article_id"], {})
        clusters.setdefault(m["cluster_id"], []).append(ClusterMember(
            m["cluster_id"], m["article_id"], m["kind"], m["similarity"], article.get("outlet"),
            article.get("title"), article.get("source"), m["article_id"] in run_articles))
    ordered = sorted(clusters.values(), key=lambda c: (-len(c), c[0].cluster_id))
    return ordered[:MAX_CLUSTERS]


def _outlet_health(summary: RunSummary, articles_by_outlet: dict[str, int]) -> list[OutletHealth]:
    counted = summary.get("articles_by_outlet") or {}
    return [OutletHealth(outlet, c.get("files", 0), counted.get(outlet, articles_by_outlet.get(outlet, 0)),
                         c.get("rejected", 0), c.get("empty_body", 0), c.get("no_date", 0), c.get("leaks", 0))
            for outlet, c in sorted((summary.get("outlet_health") or {}).items())]
