"""Prefect wiring: the `ingest` flow and its tasks, thin wrappers over `flows.ingest.pipeline`.

Parse work is batched (hundreds of files per task) because each Prefect task run costs ~5 ms
and some SQLite writes; caching is off because task inputs (file lists, the known-hash set) are
large and a cached parse would hide parser changes.
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

# absolute imports: Prefect may load this file by path as an entrypoint
from flows import fetch
from flows.ingest import health, parse, pipeline
from flows.ingest.workers import ParseJob, parse_to_spool, spool_folder, windowed
from flows.settings import DEFAULT, Settings
from flows.store import location, open_warehouse


@task(name="parse-batch", cache_policy=NONE)
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
                yield parse.unspool(future.result())
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
    return ingest_flow.with_options(task_runner=task_runner(runner, parameters.get("workers")))(**parameters)


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=max(2, os.cpu_count() or 1) * 2))  # type: ignore[arg-type]  # (Prefect's generic runner type)
def ingest_flow(raw_dir: str = "raw", warehouse_dir: str = "warehouse",
                batch_size: int = DEFAULT.batch_size, reparse: pipeline.Reparse | None = None,
                outlet: str | None = None, workers: int | None = None, in_task_pool: bool = True):
    """Load new and changed raw article files into the warehouse and refresh its DuckDB catalog.
    `reparse`: "changed" (files whose parser version changed) or "all"; `outlet` narrows it.
    The run report goes to a Prefect artifact; parser drift makes the run's state say so.
    `in_task_pool`: tasks hand their batch to a local process pool (for the thread runner)."""
    workers = workers or os.cpu_count() or 1
    if not location.shared_between_processes(raw_dir):
        workers = 1                                  # a process pool could not see the files
    logger = get_run_logger()
    warehouse = open_warehouse(warehouse_dir)
    with warehouse.writer_lock():                    # the phases run in this process, in order
        options = pipeline.IngestOptions(batch_size, reparse, outlet, workers, progress=False)
        run = pipeline.Run(warehouse, raw_dir, options)
        plan_task(run)
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
    for alarm in summary["drift"]:
        logger.warning("parser drift: %s", alarm)
    if summary["drift"]:
        return Completed(message="parser drift: " + "; ".join(summary["drift"]), name="Completed with drift",
                         data=summary)
    return summary


# The ingest run's phases (flows.ingest.pipeline.Run), each a task the UI shows. They are called,
# not submitted: they run in the flow's process, in order, while it holds the writer lock. Only
# the catalog refresh is retried (it rewrites a file from the committed snapshot); a commit is
# never retried blindly: the next run starts from whatever it left.
@task(name="plan", cache_policy=NONE)
def plan_task(run: pipeline.Run) -> dict:
    plan = run.plan()
    return {"files_seen": len(plan.seen), "to_parse": len(plan.todo), "unchanged": plan.unchanged}


@task(name="merge", cache_policy=NONE)
def merge_task(run: pipeline.Run) -> dict:
    merged = run.merge()
    return {"articles": merged.new_articles, "duplicates": merged.duplicates, "rejects": len(merged.rejects)}


@task(name="dedupe", cache_policy=NONE)
def dedupe_task(run: pipeline.Run) -> int:
    return run.dedupe()


@task(name="commit", cache_policy=NONE)
def commit_task(run: pipeline.Run) -> str | None:
    return run.commit()


@task(name="catalog", cache_policy=NONE, retries=2, retry_delay_seconds=1)
def catalog_task(run: pipeline.Run) -> None:
    run.catalog()


@task(name="report", cache_policy=NONE)
def report_task(run: pipeline.Run) -> pipeline.RunSummary:
    return run.report()


@flow(name="compact")
def compact_flow(warehouse_dir: str = "warehouse") -> dict:
    """Merge small Parquet files into one per partition; query results do not change."""
    summary = pipeline.compact(warehouse_dir)
    get_run_logger().info("compact: %s", summary)
    return summary


@task(name="fetch-urls", cache_policy=NONE)
def fetch_task(urls: list[str], raw_dir: str, refresh: bool) -> dict:
    return fetch.fetch_urls(urls, raw_dir, refresh=refresh).as_dict()


@flow(name="fetch")
def fetch_flow(urls_file: str = "urls", raw_dir: str = "raw", refresh: bool = False) -> dict:
    """Download each URL listed in `urls_file` (a list, or a folder of `*.txt` lists) once into
    the landing zone, with its sidecar. A missing folder means nothing is configured: no-op."""
    if not os.path.exists(urls_file):
        get_run_logger().info("fetch: no URL list at %s, nothing to do", urls_file)
        return {"urls": 0, "fetched": 0, "skipped": 0, "failed": 0, "failed_by_reason": {}}
    urls = fetch.read_url_list(urls_file)
    summary = fetch_task(urls, raw_dir, refresh)
    get_run_logger().info("fetch: %s", summary)
    return summary


PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployments_in_yaml(path: Path = PREFECT_YAML) -> list[dict]:
    """The deployments prefect.yaml declares, the one place the schedules are written: each with
    its `name`, the `flow` function its entrypoint names, `parameters`, `schedules` (cron and
    time zone) and `concurrency_limit` (None when it sets none)."""
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
        })
    return out


def serve() -> None:
    """Serve the flows with the schedules prefect.yaml declares, from this process (needs a Prefect
    server: `prefect server start`, and PREFECT_API_URL pointing at it)."""
    from prefect import serve as prefect_serve
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron

    flows: dict[str, Any] = {"ingest_flow": ingest_flow, "fetch_flow": fetch_flow, "compact_flow": compact_flow}
    deployments = []
    for spec in deployments_in_yaml():
        limit = spec["concurrency_limit"]
        concurrency = None
        if limit:                          # (a run that finds one going is cancelled, or queued)
            strategy = ConcurrencyLimitStrategy(limit.get("collision_strategy", "ENQUEUE"))
            concurrency = ConcurrencyLimitConfig(limit=limit["limit"], collision_strategy=strategy)
        deployments.append(flows[spec["flow"]].to_deployment(
            name=spec["name"], parameters=spec["parameters"], concurrency_limit=concurrency,
            schedules=[Cron(cron, timezone=zone) for cron, zone in spec["schedules"]]))
    prefect_serve(*deployments)
