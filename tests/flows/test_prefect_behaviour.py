"""What Prefect users expect of newsflow, without a server: the configured Prefect server is
honoured (PREFECT_API_URL or the active profile; the project-local embedded home only without
one), retries and timeouts only where a retry is safe, tags on the deployments, the pull step
that names PROJECT_DIR, the events a run emits, and `newsflow serve` refusing to run without a
server. (tests/flows/test_server.py checks the same against a real `prefect server`.)"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows import flow, pull
from flows.ingest import health
from flows.ingest.pipeline import Progress
from flows.settings import Settings, prefect_config_files
from tests.conftest import ROOT

PYTHON_SNIPPET = """
import os, sys
from flows.cli.main import configured_server
print(configured_server())
print(os.environ.get("PREFECT_HOME"))
print("prefect" in sys.modules)
from prefect.settings import get_current_settings
print(get_current_settings().home, get_current_settings().api.url)
"""


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["HOME"] = str(home)
    return env


def configure_in(cwd: Path, env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PYTHON_SNIPPET], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def write_profiles(home: Path, active: str, api_url: str | None) -> None:
    (home / ".prefect").mkdir(parents=True)
    profile = f'PREFECT_API_URL = "{api_url}"' if api_url else 'PREFECT_SERVER_EPHEMERAL_ENABLED = "true"'
    (home / ".prefect" / "profiles.toml").write_text(f'active = "{active}"\n[profiles.{active}]\n{profile}\n')


def test_an_active_profile_naming_a_server_is_honoured(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    write_profiles(home, "team", "http://127.0.0.1:4999/api")
    url, prefect_home, _, settings = configure_in(work, clean_env(home))
    assert url == "http://127.0.0.1:4999/api" and prefect_home == "None"
    assert settings == f"{home / '.prefect'} http://127.0.0.1:4999/api"
    assert not (work / ".prefect").exists()


def test_without_a_server_the_embedded_one_keeps_its_state_in_the_project(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    write_profiles(home, "ephemeral", None)                  # Prefect's default profile: no API URL
    url, prefect_home, _, settings = configure_in(work, clean_env(home))
    assert url == "None" and prefect_home == str(work / ".prefect")
    assert settings == f"{work / '.prefect'} None"            # Prefect re-read its settings
    bare = tmp_path / "bare"                                 # no profiles file at all: Prefect not imported
    bare.mkdir()
    env = clean_env(bare)
    assert prefect_config_files(env, cwd=work) == []
    assert configure_in(work, env)[:3] == ["None", str(work / ".prefect"), "False"]   # nor imported
    assert not (bare / ".prefect").exists()


def test_prefect_api_url_wins_and_an_explicit_prefect_home_is_kept(tmp_path):
    env = clean_env(tmp_path)
    env.update(PREFECT_API_URL="http://127.0.0.1:4998/api", PREFECT_HOME=str(tmp_path / "mine"))
    url, prefect_home, _, _ = configure_in(tmp_path, env)
    assert (url, prefect_home) == ("http://127.0.0.1:4998/api", str(tmp_path / "mine"))


def test_serve_without_a_server_says_how_to_start_one(tmp_path):
    env = clean_env(tmp_path)
    newsflow = [sys.executable, "-m", "flows.cli", "serve"]
    done = subprocess.run(newsflow, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert "prefect server start" in done.stderr and "PREFECT_API_URL" in done.stderr
    assert not (tmp_path / ".prefect").exists()               # no temporary server was started
    env["PREFECT_API_URL"] = "http://127.0.0.1:9/api"         # nothing listens there
    done = subprocess.run(newsflow, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr.strip().startswith("newsflow: no Prefect server answers at "
                                                                  "http://127.0.0.1:9/api")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_retries_and_timeouts_only_where_a_retry_is_safe():
    assert flow.parse_batch_task.retries == 2 and flow.parse_batch_task.retry_delay_seconds == [2, 10]
    assert flow.parse_batch_task.timeout_seconds == flow.PARSE_BATCH_TIMEOUT
    assert flow.plan_task.retries == 2 and flow.catalog_task.retries == 2
    assert flow.fetch_task.retries == 2 and flow.fetch_task.timeout_seconds
    for unsafe in (flow.merge_task, flow.dedupe_task, flow.commit_task, flow.report_task):
        assert unsafe.retries == 0, unsafe.name
    for each in (flow.ingest_flow, flow.fetch_flow, flow.compact_flow):
        assert each.timeout_seconds and each.timeout_seconds >= 3600
    assert "newsflow" in flow.parse_batch_task.tags and "newsflow" in flow.commit_task.tags


def test_deployments_are_tagged_and_serve_uses_names_of_its_own():
    deployments = {d["name"]: d for d in flow.deployments_in_yaml()}
    assert deployments["ingest-hourly"]["tags"] == ["newsflow", "ingest"]
    assert all("newsflow" in d["tags"] for d in deployments.values())
    assert all(flow.served_name(name) not in deployments for name in deployments)
    assert flow.served_name("ingest-hourly") == "ingest-hourly-serve"


def test_the_pull_step_names_project_dir(tmp_path, monkeypatch):
    import yaml

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    assert spec["pull"] == [{"flows.pull.set_project_directory": {}}]
    with pytest.raises(pull.ProjectDirError, match="PROJECT_DIR is not set"):
        pull.project_dir({})
    with pytest.raises(pull.ProjectDirError, match=f"PROJECT_DIR={tmp_path / 'gone'} is not a folder"):
        pull.project_dir({"PROJECT_DIR": str(tmp_path / "gone")})
    with pytest.raises(pull.ProjectDirError, match="not the newsflow project folder"):
        pull.project_dir({"PROJECT_DIR": str(tmp_path)})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROJECT_DIR", str(ROOT))
    assert pull.set_project_directory() == {"directory": str(ROOT.resolve())}
    assert Path.cwd() == ROOT.resolve()


def summary(files_new: int, rejects: int) -> dict:
    return {"run_id": "r1", "files_new": files_new, "files_changed": 0, "files_retried": 0, "files_reparsed": 0,
            "rejects": rejects, "rejects_by_reason": {"empty": rejects}}


def test_drift_and_a_rejects_spike_become_events():
    alarm = health.DriftAlarm("newspim", "no_date", 0.75, 0.0, 12, 3)
    events = health.run_events(summary(12, 1), [alarm], "/w", rejects_spike=0.5)
    assert [e.event for e in events] == ["newsflow.parser.drift"]
    assert events[0].resource == {"prefect.resource.id": "newsflow.outlet.newspim", "prefect.resource.name": "newspim"}
    assert events[0].payload["message"] == str(alarm)
    assert str(alarm) == "newspim: no_date 75% of 12 files, usually 0% (median of 3 runs)"
    spike = health.run_events(summary(12, 7), [], "/w", rejects_spike=0.5)
    assert [(e.event, e.resource["prefect.resource.id"], e.payload["rejects"]) for e in spike] == [
        ("newsflow.rejects.spike", "newsflow.warehouse./w", 7)]
    assert health.run_events(summary(12, 6), [], "/w", rejects_spike=0.5) == []     # half: not above
    assert health.run_events(summary(9, 9), [], "/w", rejects_spike=0.5) == []      # too few files to say
    assert Settings.from_env({"NEWSFLOW_REJECTS_SPIKE": "0.2"}).rejects_spike == 0.2


def test_the_progress_hook_hears_every_batch():
    heard = []
    meter = Progress(5, enabled=False, hook=lambda done, total: heard.append((done, total)))
    meter.advance(2)
    meter.advance(3)
    assert heard == [(2, 5), (5, 5)]
