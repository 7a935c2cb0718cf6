"""Prefect wiring: the `ingest` flow and its tasks, thin wrappers over `flows.pipeline`.

Parse work is batched (hundreds of files per task) because each Prefect task run costs ~5 ms
and some SQLite writes; caching is off because task inputs (file lists, the known-hash set) are
large and a cached parse would hide parser changes.
"""
from __future__ import annotations

from datetime import datetime

from prefect import flow, get_run_logger, task, unmapped
from prefect.cache_policies import NONE

from flows import fetch, pipeline, process  # absolute: Prefect may load this file by path as an entrypoint


@task(name="parse-batch", cache_policy=NONE)
def parse_batch_task(paths: list[str], run_id: str, ingested_at: datetime) -> list[process.Outcome]:
    return process.process_batch(paths, run_id, ingested_at)


def map_batches_with_prefect(batches, run_id, ingested_at):
    if not batches:
        return []
    futures = parse_batch_task.map(batches, unmapped(run_id), unmapped(ingested_at))
    return (future.result() for future in futures)


@flow(name="ingest")
def ingest_flow(raw_dir: str = "raw", warehouse_dir: str = "warehouse",
                batch_size: int = pipeline.DEFAULT_BATCH_SIZE, reparse: str | None = None,
                outlet: str | None = None) -> dict:
    """Load new and changed raw article files into the warehouse and refresh its DuckDB catalog.
    `reparse`: "changed" (files whose parser version changed) or "all"; `outlet` narrows it."""
    summary = pipeline.ingest(raw_dir, warehouse_dir, batch_size, map_batches=map_batches_with_prefect,
                              reparse=reparse, outlet=outlet)
    get_run_logger().info(
        "run %s: %d files seen, %d new, %d changed, %d unchanged; %d articles, %d duplicates, %d rejects",
        summary["run_id"], summary["files_seen"], summary["files_new"], summary["files_changed"],
        summary["files_unchanged"], summary["articles"], summary["duplicates"], summary["rejects"],
    )
    return summary


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
def fetch_flow(urls_file: str, raw_dir: str = "raw", refresh: bool = False) -> dict:
    """Download each URL listed in `urls_file` once into the landing zone, with its sidecar."""
    urls = fetch.read_url_list(urls_file)
    summary = fetch_task(urls, raw_dir, refresh)
    get_run_logger().info("fetch: %s", summary)
    return summary
