"""How batches of raw files are parsed in parallel, the one way both run paths use (the plain
`ingest()` and the Prefect flow's parse tasks): a pool of worker processes (parsing is pure
Python: threads would share one core) that parse a batch and leave its outcomes in a spool file,
whose path is all that comes back. A Prefect task's result is then a path, never the parsed
articles, and on a cluster the spool is a folder every worker reaches (NEWSFLOW_SPOOL).

Each file is parsed within a budget (flows.ingest.budget: NEWSFLOW_PARSE_SECONDS,
NEWSFLOW_PARSE_MEMORY_MB). A worker the kernel ends (a file stuck in C code past its CPU limit, or
any crash) breaks the pool: the pool is replaced, the batches it lost are parsed again a file at a
time, and a file that ends a fresh worker on its own, twice, is rejected `too_expensive`.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import secrets
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from flows.ingest.budget import FileBudget, limit_worker
from flows.ingest.lifetime import end_with
from flows.ingest.parse import Outcome, too_expensive
from flows.ingest.spool import spool_batch, unspool, write_spool
from flows.settings import Settings
from flows.store import location

IN_FLIGHT_PER_WORKER = 2          # batches submitted and not yet merged, per worker
WORKER_DEATHS_PER_FILE = 2        # a file that ends a fresh worker this often, alone, is rejected


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

_POOLS: dict[tuple[int, int], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()          # Prefect's task threads submit concurrently
_STOPPED = threading.Event()            # set by `stop_pools`: no pool starts after


class PoolsStopped(RuntimeError):
    """The process is stopping (SIGTERM): no parse work is started any more."""


def _pool(workers: int, memory_bytes: int) -> ProcessPoolExecutor:
    """One pool of `workers` processes (each under `memory_bytes` more address space) per process,
    kept between runs (a scheduled worker runs many), shut down when the process exits. Its
    workers end with this process, however it ends (flows.ingest.lifetime)."""
    with _POOLS_LOCK:
        if _STOPPED.is_set():
            raise PoolsStopped("the run is stopping: no parse work is started")
        key = (workers, memory_bytes)
        if key not in _POOLS:
            _POOLS[key] = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                                              initializer=start_worker, initargs=(memory_bytes, os.getpid()))
        return _POOLS[key]


def start_worker(memory_bytes: int, run_pid: int) -> None:
    """A worker's first steps: its address-space and CPU limits, and its end with the run's process."""
    limit_worker(memory_bytes)
    end_with(run_pid)


def stop_pools() -> None:
    """For a SIGTERM (called from its handler, so no lock is taken): kill every worker now, their
    batches dropped, and start no pool after. `shutdown_pools` (at exit) then reaps them."""
    _STOPPED.set()
    for pool in list(_POOLS.values()):
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()


def _replace(pool: ProcessPoolExecutor) -> None:
    """Drop a broken pool (its workers are gone or being ended); the next submit starts a new one."""
    with _POOLS_LOCK:
        for key, known in list(_POOLS.items()):
            if known is pool:
                del _POOLS[key]
    pool.shutdown(wait=True, cancel_futures=True)


@atexit.register
def shutdown_pools() -> None:
    """Stop every worker process this process started."""
    while _POOLS:
        with _POOLS_LOCK:
            if not _POOLS:
                break
            _, pool = _POOLS.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class BatchWork:
    """One batch's parse work for the pool: what `run` (a worker's job: `spool_batch`'s
    arguments → a spool file) is given, and where the parsed outcomes go."""

    paths: list[str]
    run_id: str
    ingested_at: datetime
    spool: str
    recurring: dict[str, frozenset] | None
    pool_generic: bool
    budget: FileBudget
    workers: int
    run: Callable[..., str] = field(default=spool_batch)

    def submit(self, paths: list[str]) -> tuple[ProcessPoolExecutor, Future[str]]:
        pool = _pool(self.workers, self.budget.memory_bytes)
        recurring = {p: self.recurring[p] for p in paths if p in self.recurring} if self.recurring else None
        return pool, pool.submit(self.run, paths, self.run_id, self.ingested_at, self.spool, recurring,
                                 self.pool_generic, self.budget)

    def file_by_file(self) -> str:
        """The batch parsed again a file a job (after its pool broke), into one spool file."""
        outcomes: list[Outcome] = []
        for path in self.paths:
            if _STOPPED.is_set():
                raise PoolsStopped("the run is stopping: its parse work was dropped")
            outcomes += self._alone(path)
        return write_spool(outcomes, self.spool)

    def _alone(self, path: str) -> list[Outcome]:
        for _ in range(WORKER_DEATHS_PER_FILE):
            pool, future = self.submit([path])
            try:
                return unspool(future.result())
            except BrokenProcessPool:
                _replace(pool)
        return [too_expensive(path, f"its parse worker process ended {WORKER_DEATHS_PER_FILE} times while parsing "
                                    "it alone (over the CPU or memory budget, or a crash)",
                              self.run_id, self.ingested_at)]


class PoolJob:
    """A batch submitted to the pool; `result()` is its spool file, however its workers ended."""

    def __init__(self, work: BatchWork) -> None:
        self.work = work
        self.pool, self.future = work.submit(work.paths)

    def result(self) -> str:
        try:
            return self.future.result()
        except BrokenProcessPool:
            _replace(self.pool)
            return self.work.file_by_file()


def parse_to_spool(paths: list[str], run_id: str, ingested_at: datetime, workers: int, spool: str,
                   job: ParseJob | None = None, budget: FileBudget | None = None) -> Future[str] | PoolJob:
    """Parse a batch in the pool (or here, with one worker); the result is the spool file.
    `budget`: what one file may cost (default: the settings', read here, in the run's process)."""
    recurring, pool_generic = job.for_batch(paths) if job else (None, False)
    budget = budget or Settings.from_env().file_budget
    if workers <= 1:
        done: Future[str] = Future()
        done.set_result(spool_batch(paths, run_id, ingested_at, spool, recurring, pool_generic, budget))
        return done
    return PoolJob(BatchWork(paths, run_id, ingested_at, spool, recurring, pool_generic, budget, workers))


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
    if root:
        os.makedirs(root, exist_ok=True)        # a NEWSFLOW_SPOOL folder not made yet is made
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
