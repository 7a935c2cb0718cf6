"""Bounded work per file (issue 13, items 11 and 12): files over the size limit rejected from `stat`
alone, a time budget per file (`too_expensive`, worker replaced when the kernel ends it), the HTML
nesting depth cap, JSON-LD depth limits, and spool files that cannot execute code."""
import gzip
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from flows.ingest import parse, spool, workers
from flows.ingest.budget import FileBudget, OverBudget, time_limit
from flows.ingest.parse import MAX_FILE_BYTES, process_batch, read_page
from flows.ingest.spool import SpoolError, decode_outcomes, encode_outcomes, unspool
from flows.ingest.workers import BatchWork, ParseJob, PoolJob, map_batches_in_processes
from parsers import parse_bytes
from parsers.soup import MAX_DEPTH, page_soup
from tests.conftest import SAMPLES

NEWSFLOW = [sys.executable, "-c", "from flows.cli import main; raise SystemExit(main())"]
ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
BODY = "<p>" + "서울시가 새 교통 정책을 발표했다. 시민들의 반응은 엇갈렸다. " * 12 + "</p>"


def newsflow(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSFLOW, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def slow_page() -> bytes:
    """A text dump whose one endless word costs the grammar's patterns tens of seconds (pure Python
    and `re`: the kind of work the time budget interrupts)."""
    return ("정책 발표\n\n" + "x" * 120_000 + "\n").encode()


# ------------------------------------------------------------------ size limit from stat alone

def test_a_sparse_8_gb_file_is_rejected_too_large_unread(tmp_path):
    big = tmp_path / "huge.html"
    with open(big, "wb") as handle:
        handle.truncate(8 * 1024**3)                 # sparse: no disk used, 8 GB to read or hash
    with time_limit(20):                             # the guard: reading or hashing it would take minutes
        page = read_page(str(big))
        outcome = process_batch([str(big)], "run", NOW, budget=FileBudget(20, 0))[0]
    assert page.reason == "too_large" and page.data is None and page.sha256 is None
    assert page.size == 8 * 1024**3 > MAX_FILE_BYTES
    assert outcome.reject["reason"] == "too_large" and outcome.sha256 is None and outcome.size == 8 * 1024**3
    printed = newsflow("parse", str(big), timeout=60)
    assert printed.returncode == 0 and json.loads(printed.stdout)["reason"] == "too_large"


def test_a_file_that_grew_past_the_limit_after_its_stat_is_not_read_whole(tmp_path, monkeypatch):
    grown = tmp_path / "grown.txt"
    grown.write_bytes(b"x" * (MAX_FILE_BYTES + 10))
    monkeypatch.setattr(parse.location, "stat", lambda path: (100, 0))     # what the listing saw
    page = read_page(str(grown))
    assert page.reason == "too_large" and page.data is None


# ------------------------------------------------------------------ HTML nesting depth

def test_a_page_of_millions_of_unclosed_tags_is_parsed_shallow_and_keeps_its_text(tmp_path):
    # the page: 49 KB of gzip, 20 MB of unclosed nested tags (215 s and 4.8 GB before)
    markup = b"<html><head><title>t</title></head><body>" + b"<div><b>x" * 2_000_000
    packed = gzip.compress(markup, 9)
    assert len(packed) < 100_000 and len(markup) > MAX_FILE_BYTES // 2
    page = tmp_path / "nested.html.gz"
    page.write_bytes(packed)
    printed = newsflow("parse", str(page), timeout=120)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["source"] == str(page)


def test_elements_below_the_depth_cap_are_flattened_their_text_kept():
    soup = page_soup("<html><body>" + "<div>" * 1000 + "깊은 곳의 글" + "</div>" * 1000 + "<p>끝</p></body></html>")
    deepest = max(len(list(tag.parents)) for tag in soup.find_all(True))
    assert deepest <= MAX_DEPTH + 1
    assert "깊은 곳의 글" in soup.get_text() and soup.find("p").get_text() == "끝"
    shallow = page_soup("<html><body><div><p>한 문단</p></div></body></html>")
    assert [tag.name for tag in shallow.find_all(True)] == ["html", "body", "div", "p"]


# ------------------------------------------------------------------ JSON-LD depth

def deep_json_ld_page() -> str:
    deep = "[" * 100_000 + "]" * 100_000
    article = json.dumps({"@type": "NewsArticle", "headline": "교통 정책 발표",
                          "datePublished": "2024-01-02T03:04:05+09:00"}, ensure_ascii=False)
    return (f'<html><head><title>교통 정책 발표</title><script type="application/ld+json">{deep}</script>'
            f'<script type="application/ld+json">{article}</script></head><body><h1>교통 정책 발표</h1>'
            f'{BODY}</body></html>')


def test_a_100000_deep_json_ld_block_only_drops_that_block(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(deep_json_ld_page(), encoding="utf-8")
    printed = newsflow("parse", str(page), timeout=120)
    assert printed.returncode == 0 and "RecursionError" not in printed.stderr, printed.stderr
    record = json.loads(printed.stdout)
    assert record["status"] == "ok"
    assert record["published_at"] == "2024-01-02T03:04:05+09:00"     # the next block was still read
    outcome = process_batch([str(page)], "run", NOW)[0]
    assert outcome.article is not None


# ------------------------------------------------------------------ time budget

def test_a_file_over_its_time_budget_is_rejected_too_expensive_and_the_batch_goes_on(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_bytes(slow_page())
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    outcomes = process_batch([str(slow), str(sample)], "run", NOW, budget=FileBudget(2, 0))
    assert outcomes[0].reject["reason"] == "too_expensive" and "2 s budget" in outcomes[0].reject["error"]
    assert outcomes[0].size == slow.stat().st_size
    assert outcomes[1].article is not None


def test_the_budget_reaches_python_work_in_another_thread():
    """A Prefect or Dask task parsing in place runs in a thread, where no SIGALRM arrives: a
    watchdog thread raises OverBudget there (between Python steps), and none arrives late."""
    import threading
    import time

    caught = []

    def spin() -> None:
        try:
            with time_limit(0.3):
                while True:
                    pass
        except OverBudget:
            caught.append("over")
        with time_limit(0.2):
            pass
        time.sleep(0.4)                  # a withdrawn timer raises nothing afterwards
        caught.append("after")

    thread = threading.Thread(target=spin)
    thread.start()
    thread.join(30)
    assert not thread.is_alive() and caught == ["over", "after"]


def test_the_pool_rejects_a_slow_page_too_expensive_and_parses_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFLOW_PARSE_SECONDS", "2")
    raw = tmp_path / "raw"
    raw.mkdir()
    for sample in sorted(SAMPLES.glob("*.txt"))[:3]:
        shutil.copy(sample, raw / sample.name)
    (raw / "slow.txt").write_bytes(slow_page())
    paths = sorted(str(p) for p in raw.iterdir())
    try:
        batches = list(map_batches_in_processes(2)([paths[:2], paths[2:]], "run", NOW, ParseJob()))
    finally:
        workers.shutdown_pools()
    by_path = {o.path: o for batch in batches for o in batch}
    assert by_path[str(raw / "slow.txt")].reject["reason"] == "too_expensive"
    assert sum(o.article is not None for o in by_path.values()) == 3


def end_worker_on_stuck_file(paths, run_id, ingested_at, spool_dir, recurring, pool_generic, budget):
    """A pool job that ends its worker process the way the kernel does for a file stuck in C code
    past its CPU limit (SIGXCPU cannot be caught there), when its batch holds `stuck.txt`."""
    if any(path.endswith("stuck.txt") for path in paths):
        os.kill(os.getpid(), signal.SIGKILL)
    return spool.spool_batch(paths, run_id, ingested_at, spool_dir, recurring, pool_generic, budget)


def test_a_file_that_ends_its_worker_is_rejected_and_the_pool_replaced(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))[:3]
    for sample in samples:
        shutil.copy(sample, raw / sample.name)
    (raw / "stuck.txt").write_bytes(b"whatever")
    paths = sorted(str(p) for p in raw.iterdir())
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    try:
        work = BatchWork(paths, "run", NOW, str(spool_dir), None, False, FileBudget(30, 0), 2,
                         run=end_worker_on_stuck_file)
        job = PoolJob(work)
        broken = job.pool
        outcomes = unspool(job.result())
        assert broken not in workers._POOLS.values()
        after = PoolJob(BatchWork(paths[:2], "run", NOW, str(spool_dir), None, False, FileBudget(30, 0), 2))
        assert all(o.article is not None for o in unspool(after.result()))      # a new pool, new workers
    finally:
        workers.shutdown_pools()
    by_name = {Path(o.path).name: o for o in outcomes}
    assert [o.path for o in outcomes] == paths
    assert by_name["stuck.txt"].reject["reason"] == "too_expensive"
    assert "worker process ended" in by_name["stuck.txt"].reject["error"]
    assert all(by_name[s.name].article is not None for s in samples)


def test_a_bad_budget_setting_is_one_line_and_exit_2(tmp_path):
    done = newsflow("ingest", "--raw", str(SAMPLES), "--warehouse", str(tmp_path / "wh"), "--no-prefect",
                    env={"NEWSFLOW_PARSE_SECONDS": "soon"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == ("newsflow: NEWSFLOW_PARSE_SECONDS must be a number of at least 0, not 'soon': "
                                   "nothing ingested, nothing written")


def test_over_budget_is_no_exception_the_parsers_can_swallow():
    with pytest.raises(OverBudget):
        with time_limit(0.2):
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 - what a parser's fallback does
                pass


# ------------------------------------------------------------------ spool format

def test_spool_files_round_trip_outcomes_as_json(tmp_path):
    odd = tmp_path / os.fsdecode(b"odd-\xff.txt")
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], odd)
    outcomes = process_batch([str(odd), str(tmp_path / "gone.txt")], "run", NOW)
    outcomes += process_batch(sorted(str(p) for p in SAMPLES.glob("*.txt"))[:20], "run", NOW, pool_generic=True)
    assert outcomes[0].article is not None and outcomes[0].signature is not None
    data = encode_outcomes(outcomes)
    assert json.loads(data)["spool"] == "newsflow-outcomes"
    assert decode_outcomes(data) == outcomes


def test_a_pickle_left_in_the_spool_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    planted = tmp_path / "planted.spool.json"
    planted.write_bytes(pickle.dumps(Payload()))
    with pytest.raises(SpoolError):
        unspool(str(planted))
    assert not marker.exists()
    other = tmp_path / "other.spool.json"
    other.write_text('{"spool": "something else", "outcomes": []}')
    with pytest.raises(SpoolError):
        unspool(str(other))


def test_the_nested_page_parses_in_process_too():
    markup = b"<html><body>" + b"<span>" * 200_000 + BODY.encode()
    result = parse_bytes(markup, source="nested.html")
    assert "서울시가 새 교통 정책을 발표했다" in (result.record["body"] or "")
