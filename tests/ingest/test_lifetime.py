"""Nothing a run starts outlives it: SIGTERM to `newsflow ingest` (plain and Prefect paths) ends it
in seconds with its workers, forkserver and embedded Prefect server, the lock released and the
flow run marked crashed; a SIGKILLed run's workers and forkserver end on their own."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.ingest.test_crash import make_landing
from tests.leftovers import Leftover, descendants

N_FILES = 400                 # seconds of parse work for 2 workers: the signal lands mid-parse
STOPPED_WITHIN = 15.0         # seconds, from the signal to the exit (a Prefect run reports its crash first)


def start(raw, warehouse, *extra, env=None):
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--raw", str(raw), "--warehouse",
                             str(warehouse), "--workers", "2", *extra], cwd=ROOT, env=env or os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def parse_workers_up(run: subprocess.Popen, timeout: float = 120.0) -> list[Leftover]:
    """The run's processes once its pool's workers (children of the forkserver) are running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.poll() is None:
        below = descendants(run.pid)
        servers = {p.pid for p in below if "multiprocessing.forkserver" in p.command}
        if any(p.ppid in servers for p in below):
            return below
        time.sleep(0.05)
    raise AssertionError(f"no parse workers came up (exit {run.poll()}): {run.stderr.read() if run.stderr else ''}")


def still_running(processes: list[Leftover], grace: float = 5.0) -> list[Leftover]:
    deadline = time.monotonic() + grace
    while True:
        left = [p for p in processes if _running(p.pid)]
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.05)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def stop(run: subprocess.Popen, signum: int) -> tuple[int, str, float]:
    began = time.monotonic()
    run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    return run.returncode, err, time.monotonic() - began


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    raw = tmp_path_factory.mktemp("landing") / "raw"
    make_landing(raw, 0, N_FILES)
    return raw


def test_sigterm_stops_a_plain_ingest_and_everything_it_started(landing, tmp_path, samples_dir):
    run = start(landing, tmp_path / "w", "--no-prefect")
    processes = parse_workers_up(run)
    code, err, took = stop(run, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM and took < STOPPED_WITHIN, err
    assert err.strip().splitlines() == [err.strip().splitlines()[-1]]          # one line
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    assert still_running(processes) == []
    again = start(samples_dir, tmp_path / "w", "--no-prefect")                  # the lock was released
    assert again.wait(120) == 0, again.stderr.read() if again.stderr else ""


def test_a_sigkilled_ingest_leaves_no_worker_nor_forkserver(landing, tmp_path):
    run = start(landing, tmp_path / "w", "--no-prefect")
    processes = parse_workers_up(run)
    code, _, _ = stop(run, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert still_running(processes) == []


@pytest.mark.prefect
def test_sigterm_stops_a_prefect_run_its_server_and_marks_the_run_crashed(landing, tmp_path):
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    run = start(landing, tmp_path / "w", env=env)
    processes = parse_workers_up(run, timeout=180)
    assert any("uvicorn" in p.command for p in processes)                       # the embedded server
    code, err, took = stop(run, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM and took < STOPPED_WITHIN, err[-3000:]
    assert "newsflow: ingest stopped by SIGTERM" in err and "Traceback" not in err
    assert still_running(processes) == []
    with sqlite3.connect(home / "prefect.db") as db:
        states = db.execute("SELECT state_type FROM flow_run").fetchall()
    assert states == [("CRASHED",)]


@pytest.mark.prefect
def test_a_dask_run_reports_to_the_flows_api_and_leaves_nothing_on_the_workers(tmp_path, samples_dir):
    """`--runner dask` on a cluster at NEWSFLOW_DASK_ADDRESS (a one-worker LocalCluster started here):
    the worker runs its tasks against the run's embedded Prefect server instead of starting one of
    its own, nothing is left running on it, and a NEWSFLOW_SPOOL folder not made yet is made."""
    from distributed import LocalCluster

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               NEWSFLOW_SPOOL=str(tmp_path / "spool" / "not-made-yet"))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        env["NEWSFLOW_DASK_ADDRESS"] = cluster.scheduler_address
        done = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "--runner", "dask", "--raw",
                               str(samples_dir), "--warehouse", str(tmp_path / "w")], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        assert (tmp_path / "spool" / "not-made-yet").is_dir()
        on_the_cluster = descendants(os.getpid())
        assert [p for p in on_the_cluster if "uvicorn" in p.command or "prefect" in p.command] == []
        with sqlite3.connect(tmp_path / "prefect-home" / "prefect.db") as db:       # the tasks reported here
            assert db.execute("SELECT count(*) FROM task_run WHERE name LIKE 'parse-batch%'").fetchone()[0] > 0
