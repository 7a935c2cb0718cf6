"""The rows of the Prefect table artifacts the flows publish (flows/flow.py hands them to Prefect):
an ingest run's figures and its rejects by reason, what a compaction did to each table, what a
fetch did. Plain typed rows, so they are tested without Prefect."""
from __future__ import annotations

from typing import Any, TypedDict

from flows.ingest.contracts import RunSummary


class FigureRow(TypedDict):
    figure: str
    value: int


class ReasonRow(TypedDict):
    reason: str
    files: int


class CompactRow(TypedDict):
    table: str
    files_before: int
    files_after: int


RUN_FIGURES = (("files seen", "files_seen"), ("files new", "files_new"), ("files changed", "files_changed"),
               ("files re-parsed", "files_reparsed"), ("files retried", "files_retried"),
               ("files unchanged", "files_unchanged"), ("new articles", "articles"),
               ("duplicates of loaded articles", "duplicates"), ("rejects", "rejects"),
               ("near-duplicate clusters touched", "duplicate_clusters_touched"))


def run_figures(summary: RunSummary) -> list[FigureRow]:
    """The run's headline figures, one row each."""
    figures: dict[str, Any] = dict(summary)
    return [FigureRow(figure=name, value=int(figures.get(key) or 0)) for name, key in RUN_FIGURES]


def rejects_by_reason(summary: RunSummary) -> list[ReasonRow]:
    return [ReasonRow(reason=reason, files=count) for reason, count in (summary.get("rejects_by_reason") or {}).items()]


def compact_rows(result: dict) -> list[CompactRow]:
    """`pipeline.compact`'s result: each table's data files before and after."""
    before, after = result.get("files_before") or {}, result.get("files_after") or {}
    return [CompactRow(table=table, files_before=count, files_after=after.get(table, count))
            for table, count in before.items()]


def fetch_rows(result: dict) -> list[FigureRow]:
    """`fetch_urls`'s result: URLs fetched, skipped and failed, then the failures by reason."""
    rows = [FigureRow(figure=key, value=int(result.get(key) or 0)) for key in ("urls", "fetched", "skipped", "failed")]
    rows += [FigureRow(figure=f"failed: {reason}", value=count)
             for reason, count in sorted((result.get("failed_by_reason") or {}).items())]
    return rows
