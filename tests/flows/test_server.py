"""Scheduled operation against a real Prefect server on 127.0.0.1 (slow integration test, run in
CI): deploy prefect.yaml on a process work pool, a worker without PROJECT_DIR failing its run with
a message naming it, trigger a run through the API, see it complete; `newsflow serve` registering
the same schedules under names of its own, leaving the deployed ones alone and stopping in
seconds; `newsflow ingest` using the server the active profile names, with its events and
artifacts there. One server for the module; the tests run in this order."""
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


def api_patch(env, path, body) -> None:
    request = urllib.request.Request(env["PREFECT_API_URL"] + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="PATCH")
    urllib.request.urlopen(request, timeout=10).close()


def api_get(env, path):
    with urllib.request.urlopen(env["PREFECT_API_URL"] + path, timeout=10) as response:
        return json.loads(response.read())


def wait_for_run(env, run_id, timeout=300) -> dict:
    deadline = time.time() + timeout
    state: dict = {}
    while time.time() < deadline:
        state = api_get(env, f"/flow_runs/{run_id}")["state"]
        if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            break
        time.sleep(2)
    return state


def run_logs(env, run_id) -> str:
    return "\n".join(ln["message"] for ln in api_post(env, "/logs/filter",
                                                      {"logs": {"flow_run_id": {"any_": [run_id]}}}))


def start_worker(env, log_path):
    return subprocess.Popen([os.path.join(BIN, "prefect"), "worker", "start", "--pool", "process"], env=env,
                            cwd=log_path.parent, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(30)


def test_deploy_trigger_and_complete_a_run(server, tmp_path):
    env = server
    raw = landing_zone(tmp_path)
    prefect(env, "work-pool", "create", "process", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    deployments = {d["name"]: d for d in api_post(env, "/deployments/filter", {})}
    assert {"ingest-hourly", "fetch-hourly", "compact-nightly"} <= set(deployments)
    assert deployments["ingest-hourly"]["tags"] == ["newsflow", "ingest"]
    assert deployments["ingest-hourly"]["pull_steps"] == [{"flows.pull.set_project_directory": {}}]
    schedules = deployments["ingest-hourly"]["schedules"]
    assert schedules[0]["schedule"]["cron"] == "0 * * * *"
    assert schedules[0]["schedule"]["timezone"] == "Asia/Seoul"
    limit = deployments["ingest-hourly"]["global_concurrency_limit"]
    assert (
        limit["limit"] == 1
        and deployments["ingest-hourly"]["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    )
    parameters = {"raw_dir": str(raw), "warehouse_dir": str(tmp_path / "w")}
    create_run = f"/deployments/{deployments['ingest-hourly']['id']}/create_flow_run"
    # A worker started as Prefect suggests, without PROJECT_DIR: its run fails saying why.
    worker = start_worker({k: v for k, v in env.items() if k != "PROJECT_DIR"}, tmp_path / "worker-bare.log")
    try:
        run = api_post(env, create_run, {"parameters": parameters})
        state = wait_for_run(env, run["id"])
    finally:
        stop(worker)
    assert state["type"] in ("CRASHED", "FAILED"), state
    assert "PROJECT_DIR is not set in the worker's environment" in run_logs(env, run["id"])
    # The README's automations: the rejects spike of the next run (14 of 19 files) pauses it.
    prefect(env, "automation", "create", "--from-file", "automations.yaml")
    for number in range(12):
        (raw / f"junk{number}.txt").write_bytes(b"")
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        run = api_post(env, create_run, {"parameters": parameters})
        state = wait_for_run(env, run["id"])
        if state.get("type") != "COMPLETED":
            pytest.fail(f"{state}\n" + run_logs(env, run["id"])[-4000:] + (tmp_path / "worker.log").read_text()[-3000:])
    finally:
        stop(worker)
    from flows.store.catalog import open_catalog

    con = open_catalog(tmp_path / "w")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    con.close()
    deployment = f"/deployments/{deployments['ingest-hourly']['id']}"
    deadline = time.time() + 60
    while not api_get(env, deployment)["paused"] and time.time() < deadline:
        time.sleep(1)
    assert api_get(env, deployment)["paused"], "the rejects-spike automation did not pause ingest-hourly"
    api_patch(env, deployment, {"paused": False})
    artifacts = api_post(env, "/artifacts/filter", {"artifacts": {"key": {"any_": ["newsflow-ingest-report"]}}})
    assert artifacts and "files seen" in artifacts[0]["data"]


def test_newsflow_serve_uses_its_own_names_and_leaves_deployed_ones_alone(server, tmp_path):
    """After `prefect deploy --all` (the test above): serve registers `<name>-serve` deployments
    with the same schedules, and when it stops (in seconds, no traceback) pauses those only."""
    env = server
    names = ("ingest-hourly", "fetch-hourly", "compact-nightly")
    wanted = {name + "-serve" for name in names}
    log_path = tmp_path / "serve.log"
    serving = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve"], env=env, cwd=tmp_path,
                               stdout=open(log_path, "w"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 120
        served: dict = {}
        while time.time() < deadline and not (wanted <= set(served) and not any(
                served[name]["paused"] for name in wanted)):
            time.sleep(1)
            served = {d["name"]: d for d in api_post(env, "/deployments/filter", {})}
        assert wanted <= set(served), log_path.read_text()[-3000:]
        assert served["compact-nightly-serve"]["schedules"][0]["schedule"]["cron"] == "30 3 * * *"
        assert served["compact-nightly-serve"]["global_concurrency_limit"]["limit"] == 1
        assert served["fetch-hourly-serve"]["global_concurrency_limit"] is None
        assert served["ingest-hourly-serve"]["tags"] == ["newsflow", "ingest", "serve"]
        assert served["ingest-hourly-serve"]["work_pool_name"] is None
    finally:
        started = time.monotonic()
        os.killpg(serving.pid, signal.SIGTERM)
        code = serving.wait(30)
        stop_seconds = time.monotonic() - started
    print(f"newsflow serve stopped {stop_seconds:.1f} s after SIGTERM")
    assert code == 0 and stop_seconds < 15, log_path.read_text()[-3000:]
    assert "Traceback" not in log_path.read_text()
    after = {d["name"]: d for d in api_post(env, "/deployments/filter", {})}
    for name in names:                                        # `prefect deploy`'s: untouched
        assert not after[name]["paused"] and after[name]["pull_steps"], after[name]
        assert after[name]["work_pool_name"] == "process"
    assert all(after[name]["paused"] for name in wanted)      # serve's own: paused until it serves again


def test_ingest_uses_the_server_of_the_active_profile(server, tmp_path):
    """No PREFECT_API_URL, no PREFECT_HOME: the user's profile names the server. The run shows up
    there, no ./.prefect is made, and its rejects spike, progress and table reach the server."""
    home, work = tmp_path / "home", tmp_path / "work"
    (home / ".prefect").mkdir(parents=True)
    (home / ".prefect" / "profiles.toml").write_text(
        f'active = "team"\n[profiles.team]\nPREFECT_API_URL = "{server["PREFECT_API_URL"]}"\n')
    raw = landing_zone(work)
    for number in range(12):                                  # 14 of 19 files rejected: a spike
        (raw / f"junk{number}.txt").write_bytes(b"")
    env = {k: v for k, v in server.items() if not k.startswith("PREFECT_")}
    env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "--raw", "raw", "--warehouse", "w", "--json"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run_id = json.loads(done.stdout)["run_id"]
    assert not (work / ".prefect").exists()
    runs = api_post(server, "/flow_runs/filter", {"flows": {"name": {"any_": ["ingest"]}}})
    ours = [r for r in runs if r["parameters"].get("warehouse_dir") == "w"]
    assert len(ours) == 1 and ours[0]["state"]["type"] == "COMPLETED"
    resource = f"newsflow.warehouse.{work / 'w'}"
    deadline, events = time.time() + 30, []
    while not events and time.time() < deadline:              # the server stores events a moment later
        time.sleep(1)
        spikes = {"filter": {"event": {"name": ["newsflow.rejects.spike"]}, "resource": {"id": [resource]}}}
        events = api_post(server, "/events/filter", spikes)["events"]
    assert len(events) == 1, events
    assert events[0]["payload"]["run_id"] == run_id and events[0]["payload"]["rejects"] == 14
    assert f"prefect.flow-run.{ours[0]['id']}" in [r["prefect.resource.id"] for r in events[0]["related"]]
    artifacts = {a["key"]: a for a in api_post(server, "/artifacts/filter", {
        "artifacts": {"flow_run_id": {"any_": [ours[0]["id"]]}}})}
    assert artifacts["newsflow-ingest-progress"]["data"] == 100
    assert {row["outlet"] for row in json.loads(artifacts["newsflow-outlet-health"]["data"])} >= {"newspim"}
