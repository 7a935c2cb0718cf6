"""Scheduled operation against a real Prefect server on 127.0.0.1 (slow integration test, run in
CI): deploy prefect.yaml on a process work pool, trigger a run through the API, see it complete;
and `newsflow serve` registering the same schedules."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.helpers import landing_zone

pytestmark = pytest.mark.server
BIN = os.path.dirname(sys.executable)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"Prefect server at {url} not healthy after {timeout} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=api, PROJECT_DIR=str(ROOT),
               PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_WORKER_QUERY_SECONDS="2", PREFECT_WORKER_PREFETCH_SECONDS="5",
               PATH=BIN + os.pathsep + env.get("PATH", ""))
    process = subprocess.Popen([os.path.join(BIN, "prefect"), "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_healthy(api)
        yield env
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def prefect(env, *args, timeout=180):
    done = subprocess.run([os.path.join(BIN, "prefect"), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def api_post(env, path, body):
    request = urllib.request.Request(env["PREFECT_API_URL"] + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def api_get(env, path):
    with urllib.request.urlopen(env["PREFECT_API_URL"] + path, timeout=10) as response:
        return json.loads(response.read())


def test_newsflow_serve_registers_the_same_schedules(server, tmp_path):
    """Runs first: the deployments it creates are served ones (no work pool)."""
    env = server
    log = open(tmp_path / "serve.log", "w")
    serving = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve"], env=env, cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    wanted = {"ingest-hourly", "fetch-hourly", "compact-nightly"}
    try:
        deadline = time.time() + 120
        served = {}
        while time.time() < deadline and not wanted <= set(served):
            time.sleep(2)
            served = {d["name"]: d for d in api_post(env, "/deployments/filter", {})
                      if d["name"] in wanted and d.get("work_pool_name") is None}
        assert wanted <= set(served), (tmp_path / "serve.log").read_text()[-3000:]
        assert served["compact-nightly"]["schedules"][0]["schedule"]["cron"] == "30 3 * * *"
        assert served["compact-nightly"]["global_concurrency_limit"]["limit"] == 1
        assert served["fetch-hourly"]["global_concurrency_limit"] is None
    finally:
        os.killpg(serving.pid, signal.SIGTERM)
        serving.wait(30)


def test_deploy_trigger_and_complete_a_run(server, tmp_path):
    env = server
    raw = landing_zone(tmp_path)
    prefect(env, "work-pool", "create", "process", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    deployments = {d["name"]: d for d in api_post(env, "/deployments/filter", {})}
    assert {"ingest-hourly", "fetch-hourly", "compact-nightly"} <= set(deployments)
    schedules = deployments["ingest-hourly"]["schedules"]
    assert schedules[0]["schedule"]["cron"] == "0 * * * *"
    assert schedules[0]["schedule"]["timezone"] == "Asia/Seoul"
    limit = deployments["ingest-hourly"]["global_concurrency_limit"]
    assert (
        limit["limit"] == 1
        and deployments["ingest-hourly"]["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    )
    log = open(tmp_path / "worker.log", "w")
    worker = subprocess.Popen([os.path.join(BIN, "prefect"), "worker", "start", "--pool", "process"], env=env,
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        run = api_post(env, f"/deployments/{deployments['ingest-hourly']['id']}/create_flow_run",
                       {"parameters": {"raw_dir": str(raw), "warehouse_dir": str(tmp_path / "w")}})
        deadline = time.time() + 300
        state = None
        while time.time() < deadline:
            state = api_get(env, f"/flow_runs/{run['id']}")["state"]
            if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            time.sleep(2)
        if not state or state["type"] != "COMPLETED":
            logs = api_post(env, "/logs/filter", {"logs": {"flow_run_id": {"any_": [run["id"]]}}})
            pytest.fail(f"{state}\n" + "\n".join(ln["message"] for ln in logs)[-4000:]
                        + (tmp_path / "worker.log").read_text()[-3000:])
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    from flows.store.catalog import open_catalog

    con = open_catalog(tmp_path / "w")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    con.close()
    artifacts = api_post(env, "/artifacts/filter", {"artifacts": {"key": {"any_": ["newsflow-ingest-report"]}}})
    assert artifacts and "files seen" in artifacts[0]["data"]
