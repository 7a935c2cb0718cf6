"""Shared test paths, and the session-end check that no process the tests started is left running."""
import os
import secrets
from pathlib import Path

import pytest

from tests import leftovers

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "raw" / "samples"
EXPECTED = Path(__file__).resolve().parent / "fixtures" / "expected"
LEFTOVER_GRACE_SECONDS = 5.0       # for processes that are ending (a killed run's workers, a stopping server)


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


def pytest_configure(config: pytest.Config) -> None:
    """Mark this session's processes (children inherit the environment, even when re-parented)."""
    os.environ.setdefault(leftovers.SESSION_MARK, f"{os.getpid()}-{secrets.token_hex(4)}")


def stop_own_helpers() -> None:
    """This process's own parse pools, and multiprocessing's forkserver and resource tracker (they
    would end with this process: stopped here so that what remains is what a test left)."""
    import multiprocessing.forkserver
    import multiprocessing.resource_tracker

    from flows.ingest.workers import shutdown_pools

    shutdown_pools()
    multiprocessing.forkserver._forkserver._stop()                  # type: ignore[attr-defined]
    multiprocessing.resource_tracker._resource_tracker._stop()      # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a process the tests started (a pool worker, a forkserver, a server) is still
    running; name each, then end them."""
    session_id = os.environ.get(leftovers.SESSION_MARK, "")
    if not session_id.startswith(f"{os.getpid()}-"):
        return                                      # (a nested pytest run inherits the mark: not its job)
    stop_own_helpers()
    left = leftovers.wait_for_leftovers(session_id, LEFTOVER_GRACE_SECONDS)
    if not left:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"{len(left)} process(es) started by the tests are still running after the session:",
             *(f"  {process}" for process in left)]
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_sep("=", "processes left running", red=True)
    for line in lines:
        if reporter is not None:
            reporter.write_line(line, red=True)
        else:
            print(line)
    leftovers.kill(left)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
