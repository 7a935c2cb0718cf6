"""How batches of raw files are parsed in parallel, the one way both run paths use (the plain
`ingest()` and the Prefect flow's parse tasks): a pool of worker processes (parsing is pure
Python: threads would share one core) that parse a batch and leave its outcomes in a spool file,
whose path is all that comes back. A Prefect task's result is then a path, never the parsed
articles, and on a cluster the spool is a folder every worker reaches (NEWSFLOW_SPOOL).
"""
from __future__ import annotations

import atexit
import multiprocessing
import secrets
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from flows.ingest.parse import Outcome, spool_batch, unspool
from flows.settings import Settings
from flows.store import location

IN_FLIGHT_PER_WORKER = 2          # batches submitted and not yet merged, per worker


@dataclass(frozen=True)
class ParseJob:
    """What a pass over the planned files asks of the parse work: set the generic fallback's
    pages aside with their line statistics (the first pass), or parse them with their site's
    furniture (`recurring`, by path: the second pass)."""

    pool_generic: bool = False
    recurring: dict[str, frozenset] | None = None

    def for_batch(self, paths: list[str]) -> tuple[dict[str, frozenset] | None, bool]:
        recurring = {path: self.recurring[path] for path in paths if path in self.recurring} if self.recurring else None
        return recurring, self.pool_generic

_POOLS: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool of `workers` processes per process, kept between runs (a scheduled worker runs
    many), shut down when the process exits."""
    if workers not in _POOLS:
        _POOLS[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))
    return _POOLS[workers]


@atexit.register
def shutdown_pools() -> None:
    """Stop every worker process this process started."""
    while _POOLS:
        _, pool = _POOLS.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


def parse_to_spool(paths: list[str], run_id: str, ingested_at: datetime, workers: int, spool: str,
                   job: ParseJob | None = None) -> Future[str]:
    """Parse a batch in the pool (or here, with one worker); the future's result is the spool file."""
    recurring, pool_generic = job.for_batch(paths) if job else (None, False)
    if workers <= 1:
        done: Future[str] = Future()
        done.set_result(spool_batch(paths, run_id, ingested_at, spool, recurring, pool_generic))
        return done
    return _pool(workers).submit(spool_batch, paths, run_id, ingested_at, spool, recurring, pool_generic)


@contextmanager
def spool_folder() -> Iterator[str]:
    """Where parse work leaves its outcomes for this run: a temporary folder under NEWSFLOW_SPOOL
    (default: the system's temp folder), which may be an fsspec URL that every worker of a cluster
    can reach (`s3://bucket/spool`); removed when the run ends."""
    root = Settings.from_env().spool
    if root and location.is_remote(root):
        folder = location.join(root, f"newsflow-spool-{secrets.token_hex(6)}")
        try:
            yield folder
        finally:
            location.remove(folder, recursive=True)
        return
    with tempfile.TemporaryDirectory(prefix="newsflow-spool-", dir=root) as folder:
        yield folder


def windowed(submit: Callable, items: Iterable, window: int) -> Iterable:
    """`submit(item)` for each item, yielding what it returned (futures) in order, with at most
    `window` submitted and not yet yielded: the caller consumes each before more are sent."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


# (batches of paths, run id, ingestion time, the pass's job) → each batch's outcomes, in order
BatchMapper = Callable[[Iterable[list[str]], str, datetime, ParseJob], Iterable[list[Outcome]]]


def map_batches_in_processes(workers: int) -> BatchMapper:
    """Batches parsed by the pool, their outcomes yielded in order, at most IN_FLIGHT_PER_WORKER
    batches a worker in flight (memory stays flat however many files a run has). A run of one
    batch is parsed here: starting worker processes would cost more than it saves."""

    def mapper(batches: Iterable[list[str]], run_id: str, ingested_at: datetime,
               job: ParseJob = ParseJob()) -> Iterator[list[Outcome]]:
        batches = list(batches)
        used = workers if len(batches) > 1 else 1
        with spool_folder() as spool:
            submit = lambda batch: parse_to_spool(batch, run_id, ingested_at, used, spool, job)  # noqa: E731
            for future in windowed(submit, batches, max(1, workers) * IN_FLIGHT_PER_WORKER):
                yield unspool(future.result())

    return mapper
