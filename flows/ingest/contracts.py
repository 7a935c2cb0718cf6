"""The typed contracts between the ingest run and its callers (the CLI, the Prefect flow, the
report): the options a run takes and the summary it returns. Light on purpose: the CLI imports it
without loading the pipeline."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

from flows.settings import DEFAULT

Reparse = Literal["changed", "all"]


@dataclass(frozen=True)
class IngestOptions:
    """How a run reads the landing folder: files per parse batch, what to parse again (`changed`:
    files whose parser version changed; `all`), of which outlet, with how many processes, and
    whether a progress line shows (None: on a terminal), and whether symlinks out of the landing folder
    are followed (`flows.ingest.landing`)."""

    batch_size: int = DEFAULT.batch_size
    reparse: Reparse | None = None
    outlet: str | None = None
    workers: int | None = None
    progress: bool | None = None
    symlinks_anywhere: bool = False      # follow symlinks to regular files outside the landing folder too


class RunSummary(TypedDict, total=False):
    """What a run reports (the `--json` output, the Prefect artifact, the `runs` row's summary_json)."""

    run_id: str
    files_seen: int
    files_new: int
    files_changed: int
    files_retried: int
    files_reparsed: int
    files_unchanged: int
    files_refused: int               # new or changed landing entries never read (FIFOs, symlinks out…)
    articles: int
    duplicates: int
    rejects: int
    duplicate_clusters_touched: int
    articles_by_outlet: dict[str, int]
    rejects_by_reason: dict[str, int]
    warnings: dict[str, int]
    outlet_health: dict[str, dict[str, int]]
    parser_versions: dict[str, int]
    slowest: list[tuple[str, float]]
    drift: list[str]
    version: str | None
    seconds: dict[str, float]
    report: str | None               # the run's HTML report (path or URL; flows.report), None if not written
