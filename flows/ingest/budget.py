"""Bounded work per raw file: a time budget for parsing one file, and the limits a parse worker
process lives under.

One small hostile file must not cost minutes or gigabytes (issue 13: a 49 KB `.html.gz` of 20 MB
unclosed tags took 215 s and 4.8 GB). Three layers:

- `time_limit(seconds)`: the file's parse is interrupted by `OverBudget` after `seconds` of wall
  time. In a process's main thread (the pool's workers, `newsflow parse`, a plain run of one batch)
  a SIGALRM timer raises it; in another thread (a Prefect or Dask task parsing in place) a watchdog
  thread raises it in the parsing thread. Either way it arrives between two Python bytecodes: the
  parsers are Python, and lxml calls back into Python for every element, so a page stops within
  moments of its budget. The worker goes on with the next file; nothing needs replacing.
- `limit_worker(...)`, in each pool worker: a CPU-time limit a little over the budget, renewed
  before every file (`renew_cpu_limit`). A file stuck in C code that never returns to Python (where
  `OverBudget` cannot reach it) gets the kernel's SIGXCPU, which ends the worker; the pool notices
  and `flows.ingest.workers` replaces it and retries the batch file by file, so only that file is
  rejected `too_expensive`. No core files are written.
- The worker's address space is capped (RLIMIT_AS: what it holds after start-up plus the memory
  budget), so a page that needs gigabytes fails with MemoryError, rejected `too_expensive` too.
"""
from __future__ import annotations

import ctypes
import math
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

CPU_GRACE_SECONDS = 5              # CPU time past the budget before the kernel ends a stuck worker


class OverBudget(BaseException):
    """A file's parse ran past its time budget. A BaseException, like KeyboardInterrupt, so the
    parsers' `except Exception` fallbacks cannot swallow it."""


@dataclass(frozen=True)
class FileBudget:
    """What parsing one raw file may cost: `seconds` of wall time (0: unbounded) and, in a pool
    worker, `memory_bytes` of address space beyond the worker's own (0: unbounded)."""

    seconds: float = 30.0
    memory_bytes: int = 4 << 30


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this thread if the block runs longer than `seconds` (0: no limit)."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
        with _alarm(seconds):
            yield
    else:                                   # not the main thread, or its timer is someone else's
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    armed = True

    def on_alarm(signum: int, frame: object) -> None:
        nonlocal armed
        if armed:
            armed = False
            raise OverBudget()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    """Have `exception` raised in the thread at its next bytecode (None: withdraw a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                              ctypes.py_object(exception) if exception else None)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """OverBudget raised in this thread by a timer thread (CPython's PyThreadState_SetAsyncExc);
    an exception set but not yet raised when the block ends is withdrawn."""
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _set_async_exc(thread_id, OverBudget)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            if state["fired"]:
                _set_async_exc(thread_id, None)           # withdraw one still pending
        timer.cancel()


_in_limited_worker = False        # set by `limit_worker`: the kernel may end this process for a stuck file


@contextmanager
def file_budget(seconds: float) -> Iterator[None]:
    """One file's budget: `time_limit(seconds)` and, in a pool worker, a renewed CPU-time limit."""
    if _in_limited_worker:
        renew_cpu_limit(seconds)
    with time_limit(seconds):
        yield


def limit_worker(memory_bytes: int) -> None:
    """A pool worker's lifelong limits (its pool's initializer): no core files, an address space of
    what it holds now plus `memory_bytes` (0: unlimited), and CPU-time limits per file from now on."""
    global _in_limited_worker
    _in_limited_worker = True
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_bytes > 0:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = _address_space_bytes() + memory_bytes
        if hard == resource.RLIM_INFINITY or wanted <= hard:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def renew_cpu_limit(seconds: float) -> None:
    """Before a file, in a pool worker: the kernel ends this process once it has used `seconds`
    (the file's budget) plus CPU_GRACE_SECONDS more CPU time (0: no limit)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if seconds <= 0:
        soft = hard
    else:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds + CPU_GRACE_SECONDS)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _address_space_bytes() -> int:
    """This process's virtual memory size (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
