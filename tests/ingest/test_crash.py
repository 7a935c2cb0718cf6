"""Crash safety and the single writer, with real processes: SIGKILL at every commit phase and at
arbitrary moments of a run over a few hundred files; two ingests started at once."""
import os
import signal
import subprocess
import sys
import time

import pytest

from flows.store import open_warehouse
from parsers import parse_text
from tests.conftest import ROOT, SAMPLES

N_FILES = 240


def make_landing(raw, start, stop):
    """Distinct articles (sample pages with a numbered first sentence) and a few bad files."""
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    # the last paragraph of each sample's body: changing it makes a distinct article
    last = [parse_text(text).record["body"].split("\n")[-1] for text in pages]
    for n in range(start, stop):
        sample, paragraph = pages[n % len(pages)], last[n % len(pages)]
        assert paragraph in sample
        page = sample.replace(paragraph, f"{paragraph} ({n}번째 변형)", 1)
        folder = raw / f"batch{n // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 40 == 7:
            (folder / f"bad{n}.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        else:
            (folder / f"page{n}.txt").write_text(page, encoding="utf-8")


def newsflow(*args, env=None):
    return [sys.executable, "-m", "flows.cli", *args]


def run(raw, warehouse, env=None, **popen):
    return subprocess.Popen(newsflow("ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse)),
                            cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def run_with_fault(raw, warehouse, *fault):
    """An ingest in a child process with a fault injected at a step (see tests/faults.py)."""
    return subprocess.Popen([sys.executable, "-m", "tests.faults", str(raw), str(warehouse), *fault],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def state(warehouse):
    """Every table must be readable; returns (article ids, reject sources, manifest paths).
    `warehouse`: its folder, or a warehouse object (e.g. the object-store layout)."""
    wh = open_warehouse(warehouse)
    for table in ("articles", "rejects", "files", "runs", "boilerplate", "duplicates", "signatures"):
        wh.read(table)
    articles = wh.read("articles", ["article_id"])["article_id"].to_pylist()
    rejects = wh.read("rejects", ["source"])["source"].to_pylist()
    files = wh.read("files", ["path"])["path"].to_pylist()
    return articles, rejects, files


def check_complete(raw, warehouse):
    articles, rejects, files = state(warehouse)
    inputs = sorted(str(p) for p in raw.rglob("*.txt"))
    assert len(articles) == len(set(articles))                   # no duplicate rows
    assert len(articles) + len(rejects) == len(inputs)           # exactly one row per input file
    assert sorted(files) == inputs


POINTS = ["table:articles", "table:boilerplate", "table:files", "table:signatures", "before_switch", "after_switch"]


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_at_each_commit_phase(tmp_path, point):
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    make_landing(raw, 0, N_FILES // 2)
    assert run(raw, warehouse).wait(120) == 0
    before = state(warehouse)
    make_landing(raw, N_FILES // 2, N_FILES)
    crashed = run_with_fault(raw, warehouse, "--crash-at", point)
    assert crashed.wait(120) == -signal.SIGKILL
    after_crash = state(warehouse)
    if point != "after_switch":
        assert after_crash == before                             # readers still see the last commit
    assert run(raw, warehouse).wait(120) == 0
    check_complete(raw, warehouse)


@pytest.mark.parametrize("delay", [0.5, 0.9, 1.1, 1.3, 1.5, 1.7])
def test_sigkill_at_arbitrary_moments(tmp_path, delay):
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    make_landing(raw, 0, N_FILES)
    victim = run(raw, warehouse)
    time.sleep(delay)
    victim.send_signal(signal.SIGKILL)
    victim.wait(60)
    state(warehouse)                                              # readable whatever the moment
    assert run(raw, warehouse).wait(120) == 0
    check_complete(raw, warehouse)
    again = run(raw, warehouse)                                   # and a re-run adds nothing
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0 and "new articles 0" in out


def test_two_ingests_at_once_one_waits_out_with_a_clear_message(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    make_landing(raw, 0, 60)
    first = run_with_fault(raw, warehouse, "--hold", "4")
    deadline = time.time() + 30
    while not (warehouse / ".lock").exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)                                               # the first holds the lock now
    second = run(raw, warehouse)
    out2, err2 = second.communicate(timeout=120)
    assert second.returncode == 2 and "another ingest is writing" in err2
    assert first.wait(120) == 0
    check_complete(raw, warehouse)


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    """A Prefect server on loopback for the flow runs below (their processes are killed: an
    embedded server of theirs would be left behind)."""
    from tests.flows.test_server import free_port, wait_healthy

    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=api, PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    server = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "prefect"), "server", "start",
                               "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_healthy(api)
        yield env
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


@pytest.mark.server
@pytest.mark.parametrize("point", ["table:articles", "before_switch", "after_switch"])
def test_sigkill_at_a_commit_phase_of_the_prefect_flow(tmp_path, prefect_api, point):
    """The path scheduled runs take (the Prefect flow, its phases as tasks) is as crash-safe as the
    plain one: killed at a step of its commit, readers keep the last commit and the next flow
    run completes the warehouse."""
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    make_landing(raw, 0, 40)

    def flow_run(*fault):
        return subprocess.Popen([sys.executable, "-m", "tests.faults", str(raw), str(warehouse), "--prefect",
                                 "--workers", "1", *fault], cwd=ROOT, env=prefect_api, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    first = flow_run()
    assert first.wait(180) == 0, first.stderr.read()[-3000:]
    before = state(warehouse)
    make_landing(raw, 40, 80)
    crashed = flow_run("--crash-at", point)
    assert crashed.wait(180) == -signal.SIGKILL
    if point != "after_switch":
        assert state(warehouse) == before                        # readers still see the last commit
    again = flow_run()
    assert again.wait(180) == 0, again.stderr.read()[-3000:]
    check_complete(raw, warehouse)

