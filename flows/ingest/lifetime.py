"""How long a run's processes live: nothing a run starts outlives it.

- SIGTERM to a run (`stop_on_sigterm`, around `newsflow ingest`) runs `on_stop` (the parse pools'
  workers are killed at once) and raises `Terminated` in the main thread, so every `with` block
  unwinds: the writer lock is released, the spool folder removed, a Prefect flow run marked
  crashed, and the embedded Prefect server stopped at exit.
- A parse worker ends when the run's process ends, however it ends (even SIGKILL): a thread in the
  worker (`end_with`) waits on a pidfd of the run's process and exits the worker when it is gone;
  the kernel kills the worker if its own parent (multiprocessing's forkserver) dies. With its
  workers gone, the forkserver and the resource tracker see their pipes close and exit too.
"""
from __future__ import annotations

import ctypes
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1           # prctl(2): the signal a process gets when its parent ends
POLL_SECONDS = 0.5             # how often a worker checks on the run without a pidfd
EXIT_ORPHANED = 3              # a worker's exit status when the run it served is gone


class Terminated(BaseException):
    """The run got SIGTERM. A BaseException, like KeyboardInterrupt, so no `except Exception`
    keeps the run going."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


@contextmanager
def stop_on_sigterm(on_stop: Callable[[], None]) -> Iterator[None]:
    """Within the block, SIGTERM calls `on_stop()` and raises `Terminated` in the main thread (a
    Prefect flow run first marks itself crashed, then hands the signal on to this handler)."""
    def on_sigterm(signum: int, _frame: object) -> None:
        on_stop()
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def end_with(run_pid: int) -> None:
    """Make this (worker) process end when the process `run_pid` ends or its own parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):     # not Linux: the watch below still ends the worker
        pass
    threading.Thread(target=_exit_when_gone, args=(run_pid,), name="newsflow-run-watch", daemon=True).start()


def _exit_when_gone(run_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(run_pid)
    except ProcessLookupError:
        os._exit(EXIT_ORPHANED)
    except (OSError, AttributeError):     # no pidfd (old kernel, not Linux): poll
        while _alive(run_pid):
            time.sleep(POLL_SECONDS)
        os._exit(EXIT_ORPHANED)
    select.select([pidfd], [], [])        # readable once the process has ended
    os._exit(EXIT_ORPHANED)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
