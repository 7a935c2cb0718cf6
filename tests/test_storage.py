"""The commit protocol: staging, atomic publish, crash recovery, and the single-writer lock."""
import json
import os
from datetime import datetime, timezone

import pyarrow.parquet as pq
import pytest

from flows.storage import STAGING, Warehouse, WarehouseBusy

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def reject(source, sha):
    return {"source": source, "source_sha256": sha, "reason": "empty", "error": None,
            "parser": None, "run_id": "r", "ingested_at": NOW}


def test_commit_publishes_files_and_known_sources(tmp_path):
    warehouse = Warehouse(tmp_path)
    files = warehouse.commit("run1", {"rejects": [reject("a", "s1"), reject("b", "s2")]}, {})
    assert files == ["rejects/part-run1.parquet"]
    assert pq.read_table(tmp_path / files[0]).num_rows == 2
    assert warehouse.known_sources() == {"s1", "s2"}


def test_a_prepared_run_left_by_a_crash_is_rolled_forward(tmp_path, monkeypatch):
    warehouse = Warehouse(tmp_path)
    monkeypatch.setattr(Warehouse, "_publish", lambda self, run_dir, manifest: None)   # crash before publishing
    warehouse.commit("run1", {"rejects": [reject("a", "s1")]}, {})
    assert warehouse.known_sources() == set()
    monkeypatch.undo()
    with warehouse.writer_lock():
        pass
    assert warehouse.known_sources() == {"s1"}
    assert [r["run_id"] for r in warehouse.committed_runs()] == ["run1"]
    assert not any((tmp_path / STAGING).iterdir())


def test_an_unprepared_run_is_discarded(tmp_path):
    half = tmp_path / STAGING / "run1" / "rejects"
    half.mkdir(parents=True)
    (half / "part-run1.parquet").write_bytes(b"PAR1 half written")
    warehouse = Warehouse(tmp_path)
    with warehouse.writer_lock():
        pass
    assert warehouse.parquet_files("rejects") == []
    assert not (tmp_path / STAGING / "run1").exists()


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    warehouse = Warehouse(tmp_path)
    with warehouse.writer_lock():
        with pytest.raises(WarehouseBusy, match="another ingest"):
            with Warehouse(tmp_path).writer_lock():
                pass
