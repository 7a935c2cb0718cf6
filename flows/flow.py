"""Prefect wiring: the `ingest` flow and its tasks, thin wrappers over `flows.ingest.pipeline`.

Parse work is batched (hundreds of files per task) because each Prefect task run costs ~5 ms
and some SQLite writes; caching is off because task inputs (file lists, the known-hash set) are
large and a cached parse would hide parser changes.

Retries: only where a second attempt cannot change the outcome — a parse batch (pure: it reads
raw files and writes a fresh spool file), the plan (reads the manifest and lists the landing
folder), the catalog refresh (rewrites a file from the committed snapshot) and the fetch (a URL
fetched before is skipped). Never merge, dedupe or commit: they change the run's in-memory state
or the warehouse; a failed commit leaves an unfinished snapshot that the next run's crash recovery
removes, and the next run reads the same files again (their manifest rows were not committed).
A run reports its progress (a progress artifact and the console line), its figures (markdown and
table artifacts), and its drift alarms and rejects spikes as Prefect events (flows.ingest.health).
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NONE
from prefect.events import emit_event
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

# absolute imports: Prefect may load this file by path as an entrypoint
from flows import fetch
from flows.ingest import health, pipeline
from flows.ingest.spool import unspool
from flows.ingest.workers import ParseJob, parse_to_spool, spool_folder, windowed
from flows.report import artifacts
from flows.report.publish import report_link
from flows.settings import DEFAULT, Settings, project_prefect_home
from flows.store import location, open_warehouse

TAGS = ["newsflow"]
HOUR = 3600
# A parse batch is ~0.2-1 s of work a core; it may wait in the pool behind `window` batches.
PARSE_BATCH_TIMEOUT = 15 * 60


@task(name="parse-batch", cache_policy=NONE, tags=[*TAGS, "parse"], retries=2, retry_delay_seconds=[2, 10],
      timeout_seconds=PARSE_BATCH_TIMEOUT)
def parse_batch_task(paths: list[str], run_id: str, ingested_at: datetime, workers: int, spool: str,
                     job: ParseJob | None = None) -> str:
    """Parse a batch in the worker pool (flows.ingest.workers; 1 worker: here); the task's result
    is the spool file's path, so Prefect never holds the parsed articles (a task's return value
    lives as long as its state)."""
    return parse_to_spool(paths, run_id, ingested_at, workers, spool, job).result()


def map_batches_with_prefect(workers: int, window: int | None = None):
    """One Prefect task per batch (hundreds of files, so the ~5 ms per task run is noise), at most
    `window` (default `workers` × 2) in flight; results are released as soon as they are merged.
    The same pool, spool and order as the plain path (`workers.map_batches_in_processes`)."""
    window = window or max(1, workers) * 2

    def mapper(batches, run_id, ingested_at, job: ParseJob = ParseJob()):
        with spool_folder() as spool:
            submit = lambda batch: parse_batch_task.submit(batch, run_id, ingested_at, workers, spool, job)  # noqa: E731
            for future in windowed(submit, batches, window):
                yield unspool(future.result())
    return mapper


RUNNERS = ("threads", "processes", "dask")


def task_runner(runner: str = "threads", workers: int | None = None):
    """The task runner for `ingest_flow`:
    - threads: Prefect tasks on threads, each handing its batch to a local process pool (default:
      cheapest start, real parallelism, one writer process);
    - processes: Prefect's ProcessPoolTaskRunner, each task parsing in its own worker process;
    - dask: prefect-dask's DaskTaskRunner, on the cluster at NEWSFLOW_DASK_ADDRESS or a local one."""
    workers = workers or os.cpu_count() or 1
    if runner == "threads":
        return ThreadPoolTaskRunner(max_workers=max(2, workers) * 2)
    if runner == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers)
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        address = Settings.from_env().dask_address
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    raise ValueError(f"unknown runner {runner!r}: one of {', '.join(RUNNERS)}")


def run_ingest(runner: str = "threads", **parameters):
    """ingest_flow with the chosen task runner (tasks on a non-thread runner parse in place)."""
    raw_dir = str(parameters.get("raw_dir", "raw"))
    if runner != "threads" and not location.shared_between_processes(raw_dir):
        raise location.LocationError(
            f"{raw_dir} lives in this process only: use the threads runner (or a shared store)"
        )
    if runner != "threads":
        parameters["in_task_pool"] = False
    with api_for_dask_workers(runner):
        return ingest_flow.with_options(task_runner=task_runner(runner, parameters.get("workers")))(**parameters)


def api_for_dask_workers(runner: str) -> AbstractContextManager:
    """Dask workers run their tasks against the flow's Prefect API (the settings each task carries
    name it): with no server configured, this run's embedded server is started here, before the
    flow, and its URL set for the run; otherwise each worker would start a server of its own and
    leave it running after the run. (Workers on other machines need a PREFECT_API_URL they reach.)"""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if runner != "dask" or get_current_settings().api.url:
        return nullcontext()
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()          # the one the flow's client would start; stopped at exit
    server.start()
    return temporary_settings({PREFECT_API_URL: server.api_url})


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=max(2, os.cpu_count() or 1) * 2),  # type: ignore[arg-type]  # (Prefect's generic runner type)
      timeout_seconds=4 * HOUR)
def ingest_flow(raw_dir: str = "raw", warehouse_dir: str = "warehouse",
                batch_size: int = DEFAULT.batch_size, reparse: pipeline.Reparse | None = None,
                outlet: str | None = None, workers: int | None = None, in_task_pool: bool = True,
                symlinks_anywhere: bool = False):
    """Load new and changed raw article files into the warehouse and refresh its DuckDB catalog.
    `reparse`: "changed" (files whose parser version changed) or "all"; `outlet` narrows it.
    The run report goes to Prefect artifacts; parser drift makes the run's state say so, and drift
    and a rejects spike are Prefect events (`newsflow.parser.drift`, `newsflow.rejects.spike`).
    `in_task_pool`: tasks hand their batch to a local process pool (for the thread runner).
    `symlinks_anywhere`: follow symlinks to regular files outside the landing folder too."""
    workers = workers or os.cpu_count() or 1
    if not location.shared_between_processes(raw_dir):
        workers = 1                                  # a process pool could not see the files
    logger = get_run_logger()
    warehouse = open_warehouse(warehouse_dir)
    with warehouse.writer_lock():                    # the phases run in this process, in order
        options = pipeline.IngestOptions(batch_size, reparse, outlet, workers,   # progress line: on a terminal
                                         symlinks_anywhere=symlinks_anywhere)
        run = pipeline.Run(warehouse, raw_dir, options)
        planned = plan_task(run)
        run.on_progress = ProgressArtifact(planned["to_parse"]).update
        run.parse(map_batches_with_prefect(workers if in_task_pool else 1, window=workers * 2))  # a task a batch
        merge_task(run)
        dedupe_task(run)
        commit_task(run)
        catalog_task(run)
        summary = report_task(run)
    logger.info(
        "run %s: %d files seen, %d new, %d changed, %d unchanged; %d articles, %d duplicates, %d rejects",
        summary["run_id"], summary["files_seen"], summary["files_new"], summary["files_changed"],
        summary["files_unchanged"], summary["articles"], summary["duplicates"], summary["rejects"],
    )
    create_markdown_artifact(markdown=health.report_markdown(summary), key="newsflow-ingest-report",
                             description=f"newsflow ingest {summary['run_id']}")
    if summary["outlet_health"]:
        create_table_artifact(table=outlet_table(summary), key="newsflow-outlet-health",
                              description=f"newsflow ingest {summary['run_id']}: files and rates per outlet")
    publish_run_report(summary)
    for alarm in summary["drift"]:
        logger.warning("parser drift: %s", alarm)
    where = warehouse_dir if location.is_remote(warehouse_dir) else os.path.abspath(location.local_path(warehouse_dir))
    for event in health.run_events(summary, run.drift_alarms, where, Settings.from_env().rejects_spike):
        emit_event(event=event.event, resource=event.resource, payload=event.payload)
        logger.info("event %s: %s", event.event, event.resource["prefect.resource.id"])
    if summary["drift"]:
        return Completed(message="parser drift: " + "; ".join(summary["drift"]), name="Completed with drift",
                         data=summary)
    return summary


def publish_run_report(summary: pipeline.RunSummary) -> None:
    """The run's HTML report as a link artifact (flows.report), its figures and its rejects by
    reason as table artifacts."""
    run_id = summary["run_id"]
    if summary.get("report"):
        create_link_artifact(link=report_link(str(summary["report"])), link_text=f"newsflow run report {run_id}",
                             key="newsflow-run-report", description=f"newsflow ingest {run_id}: the HTML report")
    create_table_artifact(table=[dict(row) for row in artifacts.run_figures(summary)], key="newsflow-ingest-summary",
                          description=f"newsflow ingest {run_id}: files and rows")
    if summary["rejects_by_reason"]:
        create_table_artifact(table=[dict(row) for row in artifacts.rejects_by_reason(summary)],
                              key="newsflow-rejects-by-reason",
                              description=f"newsflow ingest {run_id}: rejected files by reason")


class ProgressArtifact:
    """The run's parse progress as a Prefect progress artifact, updated as batches are merged (at
    most once a second, and at the end)."""

    def __init__(self, total: int):
        self.total, self.last = total, 0.0
        self.artifact_id: UUID | None = None
        if total:                                   # (a sync call: the id, not a coroutine)
            self.artifact_id = cast(UUID, create_progress_artifact(0.0, key="newsflow-ingest-progress",
                                                                   description=f"files parsed of {total}"))

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.artifact_id is None or (now - self.last < 1.0 and done < total):
            return
        self.last = now
        update_progress_artifact(self.artifact_id, progress=round(100.0 * done / max(total, 1), 1))


def outlet_table(summary: pipeline.RunSummary) -> list[dict]:
    """The report's per-outlet figures as table rows."""
    return [{"outlet": outlet, "files": counts.get("files", 0),
             "articles": summary["articles_by_outlet"].get(outlet, 0), "rejected": counts.get("rejected", 0),
             "empty_body": counts.get("empty_body", 0),
             "no_date": counts.get("no_date", 0), "leaks": counts.get("leaks", 0)}
            for outlet, counts in summary["outlet_health"].items()]


# The ingest run's phases (flows.ingest.pipeline.Run), each a task the UI shows. They are called,
# not submitted: they run in the flow's process, in order, while it holds the writer lock. Retried:
# the plan (reads only) and the catalog refresh (rewrites a file from the committed snapshot).
# Not retried: merge and dedupe (a second attempt would count the run's rows twice) and the commit
# (see the module's docstring: the next run recovers and reads the same files again).
@task(name="plan", cache_policy=NONE, tags=TAGS, retries=2, retry_delay_seconds=[2, 10])
def plan_task(run: pipeline.Run) -> dict:
    plan = run.plan()
    return {"files_seen": len(plan.seen), "to_parse": len(plan.todo), "unchanged": plan.unchanged}


@task(name="merge", cache_policy=NONE, tags=TAGS)
def merge_task(run: pipeline.Run) -> dict:
    merged = run.merge()
    return {"articles": merged.new_articles, "duplicates": merged.duplicates, "rejects": len(merged.rejects)}


@task(name="dedupe", cache_policy=NONE, tags=TAGS)
def dedupe_task(run: pipeline.Run) -> int:
    return run.dedupe()


@task(name="commit", cache_policy=NONE, tags=TAGS)
def commit_task(run: pipeline.Run) -> str | None:
    return run.commit()


@task(name="catalog", cache_policy=NONE, tags=TAGS, retries=2, retry_delay_seconds=[1, 5], timeout_seconds=HOUR)
def catalog_task(run: pipeline.Run) -> None:
    run.catalog()


@task(name="report", cache_policy=NONE, tags=TAGS)
def report_task(run: pipeline.Run) -> pipeline.RunSummary:
    return run.report()


@flow(name="compact", timeout_seconds=4 * HOUR)
def compact_flow(warehouse_dir: str = "warehouse") -> dict:
    """Merge small Parquet files into one per partition; query results do not change."""
    summary = pipeline.compact(warehouse_dir)
    get_run_logger().info("compact: %s", summary)
    create_table_artifact(table=[dict(row) for row in artifacts.compact_rows(summary)], key="newsflow-compact",
                          description=f"newsflow compact {summary['run_id']}: data files per table")
    return summary


@task(name="fetch-urls", cache_policy=NONE, tags=[*TAGS, "fetch"], retries=2, retry_delay_seconds=[30, 120],
      timeout_seconds=2 * HOUR)   # a retry skips the URLs fetched before (without refresh)
def fetch_task(urls: list[str], raw_dir: str, refresh: bool, allow_private: bool = False,
               deadline_seconds: float = 60.0) -> dict:
    policy = fetch.FetchPolicy(allow_private=allow_private, deadline=deadline_seconds)
    return fetch.fetch_urls(urls, raw_dir, policy, refresh=refresh).as_dict()


@flow(name="fetch", timeout_seconds=3 * HOUR)
def fetch_flow(urls_file: str = "urls", raw_dir: str = "raw", refresh: bool = False, allow_private: bool = False,
               deadline_seconds: float = 60.0) -> dict:
    """Download each URL listed in `urls_file` (a list, or a folder of `*.txt` lists) once into
    the landing zone, with its sidecar. A missing folder means nothing is configured: no-op.
    `allow_private` lets it reach loopback/private/link-local hosts; `deadline_seconds` bounds each attempt."""
    if not os.path.exists(urls_file):
        get_run_logger().info("fetch: no URL list at %s, nothing to do", urls_file)
        return {"urls": 0, "fetched": 0, "skipped": 0, "failed": 0, "failed_by_reason": {}}
    urls = fetch.read_url_list(urls_file)
    summary = fetch_task(urls, raw_dir, refresh, allow_private, deadline_seconds)
    get_run_logger().info("fetch: %s", summary)
    create_table_artifact(table=[dict(row) for row in artifacts.fetch_rows(summary)], key="newsflow-fetch",
                          description=f"newsflow fetch of {urls_file}")
    return summary


def configured_api_url(project_dir: Path | None = None) -> str | None:
    """The Prefect server the user configured, as Prefect's own settings loader reads it (read-only):
    PREFECT_API_URL, or the API URL of the active profile (PREFECT_PROFILE or the profiles file's
    `active`), prefect.toml or .env. None: runs use the embedded server, whose state then goes to
    `project_dir`/.prefect unless PREFECT_HOME says where (Prefect re-reads its settings)."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import get_current_settings

    api_url = get_current_settings().api.url or None
    if api_url is None and "PREFECT_HOME" not in os.environ:
        os.environ["PREFECT_HOME"] = project_prefect_home(project_dir)
        refresh_global_settings_context()
    return api_url


PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployments_in_yaml(path: Path = PREFECT_YAML) -> list[dict]:
    """The deployments prefect.yaml declares, the one place the schedules are written: each with
    its `name`, the `flow` function its entrypoint names, `parameters`, `schedules` (cron and
    time zone), `concurrency_limit` (None when it sets none), `tags` and `description`."""
    import yaml

    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for deployment in spec.get("deployments") or []:
        out.append({
            "name": deployment["name"],
            "flow": deployment["entrypoint"].rsplit(":", 1)[1],
            "parameters": deployment.get("parameters") or {},
            "schedules": [(s["cron"], s.get("timezone", "UTC")) for s in deployment.get("schedules") or []],
            "concurrency_limit": deployment.get("concurrency_limit"),
            "tags": list(deployment.get("tags") or []),
            "description": deployment.get("description"),
        })
    return out


SERVE_SUFFIX = "-serve"


def served_name(name: str) -> str:
    """The name `newsflow serve` gives a prefect.yaml deployment: its own, so it never overwrites
    (nor, when it stops, pauses) the deployment `prefect deploy` made from the same entry."""
    return name + SERVE_SUFFIX


def serve() -> list[str]:
    """Serve the flows with the schedules prefect.yaml declares, from this process, as deployments
    of their own (`<name>-serve`, tagged `serve`; paused when it stops, as Prefect does with served
    ones; deployments `prefect deploy` made are left alone), until Ctrl-C or SIGTERM; the names
    served. Needs a Prefect server (`prefect server start`, and PREFECT_API_URL pointing at it:
    `newsflow serve` checks)."""
    import asyncio
    import signal

    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron

    # SIGTERM stops serve as Ctrl-C does, from the first moment: the runner registers the
    # deployments before it installs its own handler, so a SIGTERM sent as soon as they show on the
    # server used to kill the process outright.
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    signal.signal(signal.SIGINT, signal.default_int_handler)     # (a shell's background job ignores it)
    flows: dict[str, Any] = {"ingest_flow": ingest_flow, "fetch_flow": fetch_flow, "compact_flow": compact_flow}
    deployments: list[Any] = []
    try:
        for spec in deployments_in_yaml():
            limit = spec["concurrency_limit"]
            concurrency = None
            if limit:                          # (a run that finds one going is cancelled, or queued)
                strategy = ConcurrencyLimitStrategy(limit.get("collision_strategy", "ENQUEUE"))
                concurrency = ConcurrencyLimitConfig(limit=limit["limit"], collision_strategy=strategy)
            deployments.append(flows[spec["flow"]].to_deployment(
                name=served_name(spec["name"]), parameters=spec["parameters"], concurrency_limit=concurrency,
                tags=[*spec["tags"], "serve"], description=spec["description"],
                schedules=[Cron(cron, timezone=zone) for cron, zone in spec["schedules"]]))
        from prefect.runner import Runner

        runner = Runner(name="newsflow-serve", pause_on_shutdown=True)
        for deployment in deployments:
            runner.add_deployment(deployment)
        # Prefect 3.8's own SIGTERM handler (installed by `start`) exits without awaiting the
        # runner's stop; ours stops it as Ctrl-C does.
        runner.handle_sigterm = lambda *_: signal.raise_signal(signal.SIGINT)  # type: ignore[method-assign]
        names = [deployment.name for deployment in deployments]
        print(f"newsflow: serving {', '.join(names)}; Ctrl-C or SIGTERM stops", file=sys.stderr, flush=True)
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass
    finally:
        # the runner's own pause on shutdown may be cut short by the signal: pause ours explicitly
        asyncio.run(_pause_served([f"{d.flow_name}/{d.name}" for d in deployments]))
    return [deployment.name for deployment in deployments]


async def _pause_served(full_names: list[str]) -> None:
    """Pause the deployments `serve` made (`<flow>/<name>-serve`): nothing serves them any more."""
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        for full_name in full_names:
            try:
                deployment = await client.read_deployment_by_name(full_name)
                await client.pause_deployment(deployment.id)
            except Exception as error:          # the server went away first: say so, stop anyway
                print(f"newsflow: could not pause {full_name}: {error}", file=sys.stderr)
