"""The Prefect ingest flow end to end, under Prefect's test harness (one embedded server per session),
and `newsflow ingest` as a user runs it (its own embedded server)."""
import os
import subprocess
import sys

import pytest

from flows.settings import configure_prefect_env

configure_prefect_env()
from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from flows.flow import ingest_flow  # noqa: E402
from flows.store.catalog import open_catalog  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.helpers import landing_zone  # noqa: E402

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module", autouse=True)
def harness():
    with prefect_test_harness(server_startup_timeout=90):
        yield


def count(warehouse, table):
    con = open_catalog(warehouse)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_flow_loads_then_adds_nothing_on_rerun(tmp_path):
    raw = landing_zone(tmp_path)
    warehouse = tmp_path / "warehouse"
    first = ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse), batch_size=2)
    assert (first["articles"], first["rejects"]) == (5, 2)
    assert first["rejects_by_reason"] == {"empty": 1, "binary": 1}
    second = ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse), batch_size=2)
    assert (second["articles"], second["rejects"], second["files_unchanged"]) == (0, 0, 7)
    assert (count(warehouse, "articles"), count(warehouse, "rejects")) == (5, 2)


def test_flow_on_an_empty_landing_folder(tmp_path):
    (tmp_path / "raw").mkdir()
    summary = ingest_flow(raw_dir=str(tmp_path / "raw"), warehouse_dir=str(tmp_path / "warehouse"))
    assert (summary["files_seen"], summary["articles"]) == (0, 0)
    assert count(tmp_path / "warehouse", "articles") == 0


def test_newsflow_ingest_command(tmp_path):
    raw = landing_zone(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / ".prefect")
    newsflow = [sys.executable, "-m", "flows.cli"]
    done = subprocess.run([*newsflow, "ingest", "--raw", str(raw), "--warehouse", str(tmp_path / "w")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "new articles 5, duplicates of loaded articles 0, new rejects 2" in done.stdout
    assert "ERROR" not in done.stderr
    shown = subprocess.run([*newsflow, "sql", "SELECT count(*) AS n FROM articles", "--warehouse", str(tmp_path / "w"),
                            "--format", "csv"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert shown.stdout.splitlines() == ["n", "5"]


def test_fetch_flow_downloads_into_the_landing_zone(tmp_path):
    import threading
    from http.server import ThreadingHTTPServer

    from flows.flow import fetch_flow
    from tests.fetch.test_fetch import Handler

    Handler.hits, Handler.times, Handler.agents = {}, [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{base}/ok\n{base}/missing\n", encoding="utf-8")
        summary = fetch_flow(urls_file=str(urls), raw_dir=str(tmp_path / "raw"), allow_private=True)  # 127.0.0.1
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (summary["fetched"], summary["failed"], summary["failed_by_reason"]) == (1, 1, {"http_404": 1})
    assert summary["failed_urls"] == [[f"{base}/missing", "http_404"]]
    assert len(list((tmp_path / "raw" / "fetched").rglob("*.html"))) == 1


def test_fetch_command_exits_non_zero_naming_what_failed(tmp_path, capsys):
    import threading
    from http.server import ThreadingHTTPServer

    from flows.cli import main
    from tests.fetch.test_fetch import Handler

    assert main(["fetch", str(tmp_path / "no-such-list.txt"), "--raw", str(tmp_path / "raw")]) == 2
    assert capsys.readouterr().err.strip() == f"newsflow: no URL list at {tmp_path / 'no-such-list.txt'}"
    Handler.hits, Handler.times, Handler.agents = {}, [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{base}/ok\n{base}/missing\n", encoding="utf-8")
        refused = main(["fetch", str(urls), "--raw", str(tmp_path / "raw")])      # 127.0.0.1: internal
        refused_err = capsys.readouterr().err
        code = main(["fetch", str(urls), "--raw", str(tmp_path / "raw"), "--allow-private"])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert refused == 1 and f"newsflow: fetch failed for good (blocked_address): {base}/ok" in refused_err
    assert code == 1
    assert f"newsflow: fetch failed for good (http_404): {base}/missing" in capsys.readouterr().err


def test_compact_flow_keeps_query_results(tmp_path):
    from flows.flow import compact_flow

    raw = landing_zone(tmp_path)
    warehouse = tmp_path / "warehouse"
    ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse))
    (raw / "more.txt").write_text("메뉴\n", encoding="utf-8")
    ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse))
    before = count(warehouse, "rejects"), count(warehouse, "files")
    summary = compact_flow(warehouse_dir=str(warehouse))
    assert summary["files_after"]["rejects"] == 1 < summary["files_before"]["rejects"]
    assert (count(warehouse, "rejects"), count(warehouse, "files")) == before


def test_compact_command_on_a_busy_or_unopenable_warehouse_says_why(tmp_path, capsys):
    from flows.cli import main
    from flows.store.warehouse import LocalWarehouse

    with LocalWarehouse(tmp_path / "w").writer_lock():                 # another writer holds it
        assert main(["compact", "--warehouse", str(tmp_path / "w")]) == 2
    assert "another ingest is writing" in capsys.readouterr().err
    assert main(["compact", "--warehouse", "nosuchfs://bucket/wh"]) == 2
    assert "cannot open nosuchfs://" in capsys.readouterr().err


def test_a_drifting_run_says_so_in_its_state_and_artifact(tmp_path):
    from prefect.artifacts import Artifact
    from prefect.states import State

    from tests.ingest.test_health import newspim_pages

    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    raw.mkdir()
    for run in range(3):
        newspim_pages(raw, run * 12, 12)
        assert isinstance(ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse)), dict)
    newspim_pages(raw, 100, 12, label="타임스탬프 |")
    state = ingest_flow(raw_dir=str(raw), warehouse_dir=str(warehouse), return_state=True)
    assert isinstance(state, State) and state.is_completed() and state.name == "Completed with drift"
    assert "newspim: no_date" in state.message
    report = Artifact.get("newsflow-ingest-report")
    assert report is not None and "Parser drift" in report.data


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_the_same_flow_on_other_task_runners(tmp_path, runner):
    """ProcessPoolTaskRunner, and a 2-worker Dask LocalCluster (prefect-dask)."""
    from flows.flow import run_ingest

    raw = landing_zone(tmp_path)
    summary = run_ingest(runner, raw_dir=str(raw), warehouse_dir=str(tmp_path / "w"), batch_size=2, workers=2)
    assert (summary["articles"], summary["rejects"]) == (5, 2)
    assert count(tmp_path / "w", "articles") == 5


@pytest.mark.parametrize("runner", ["threads", "dask"])
def test_the_flow_reads_and_writes_fsspec_urls(tmp_path, runner, monkeypatch):
    """A warehouse on fsspec's in-memory store; raw files in memory too (threads: one process
    sees them, and the parse tasks' spool is there as well) or at a file:// URL that the Dask
    workers open themselves."""
    import uuid

    import fsspec

    from flows.flow import run_ingest

    raw = landing_zone(tmp_path)
    memory, root = fsspec.filesystem("memory"), f"/flow{uuid.uuid4().hex[:8]}"
    if runner == "threads":
        for path in raw.rglob("*.txt"):
            memory.pipe_file(f"{root}/raw/{path.relative_to(raw)}", path.read_bytes())
        raw_url = f"memory://{root}/raw"
        monkeypatch.setenv("NEWSFLOW_SPOOL", f"memory://{root}/spool")
    else:
        raw_url = f"file://{raw}"
    warehouse = f"memory://{root}/wh"
    try:
        summary = run_ingest(runner, raw_dir=raw_url, warehouse_dir=warehouse, batch_size=2, workers=2)
        assert (summary["articles"], summary["rejects"]) == (5, 2)
        assert count(warehouse, "articles") == 5
        assert memory.exists(f"{root}/wh/_CURRENT.json")
        assert not memory.exists(f"{root}/spool") or not memory.find(f"{root}/spool")   # spool removed
    finally:
        memory.rm(root, recursive=True)


def test_each_phase_of_a_run_is_a_task_of_the_flow_run(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    raw = landing_zone(tmp_path)
    state = ingest_flow(raw_dir=str(raw), warehouse_dir=str(tmp_path / "w"), batch_size=3, return_state=True)
    assert state.is_completed()
    this_run = FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=this_run)
    names = [run.name.rsplit("-", 1)[0] for run in runs]            # `plan-a1b`, `parse-batch-0c2`
    assert {"plan", "merge", "dedupe", "commit", "catalog", "report"} <= set(names)
    assert names.count("parse-batch") == 3                      # 7 files, 3 a batch
    assert all(run.state.is_completed() for run in runs)
