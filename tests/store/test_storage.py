"""The commit protocol: snapshots, atomic switch, crash recovery, row replacement, the writer lock."""
import os
from datetime import datetime, timezone

import pyarrow.dataset as ds
import pytest

from flows.store.warehouse import CURRENT, VERSIONS, LocalWarehouse, WarehouseBusy

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def reject(source, sha):
    return {"source": source, "source_sha256": sha, "reason": "empty", "error": None,
            "parser": None, "run_id": "r", "ingested_at": NOW}


def sources(warehouse):
    return sorted(warehouse.read("rejects", ["source"])["source"].to_pylist())


def test_a_commit_makes_a_snapshot_and_switches_current(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        tx = warehouse.transaction("run1")
        tx.append("rejects", [reject("a", "s1"), reject("b", "s2")])
        assert tx.commit() == "v000001"
    assert os.readlink(tmp_path / CURRENT) == os.path.join(VERSIONS, "v000001")
    assert sources(warehouse) == ["a", "b"]
    # the stable table path works for any Parquet reader
    assert ds.dataset(tmp_path / "rejects").to_table().num_rows == 2


def test_nothing_to_write_means_no_snapshot(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        assert warehouse.transaction("r").commit() is None
    assert warehouse.current_version() is None


def test_deletes_rewrite_only_the_files_holding_those_keys(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        tx = warehouse.transaction("run1")
        tx.append("rejects", [reject("a", "s1"), reject("b", "s2")])
        tx.commit()
        tx = warehouse.transaction("run2")
        tx.append("rejects", [reject("c", "s3")])
        tx.commit()
        first_two = set(warehouse.parquet_files("rejects"))
        tx = warehouse.transaction("run3")
        tx.delete("rejects", ["a"])
        tx.append("rejects", [reject("a", "s9")])
        tx.commit()
    rows = warehouse.read("rejects", ["source", "source_sha256"]).to_pylist()
    assert sorted((r["source"], r["source_sha256"]) for r in rows) == [("a", "s9"), ("b", "s2"), ("c", "s3")]
    # the untouched file (run2's) is the same inode, linked into the new snapshot
    run2_file = next(p for p in first_two if "run2" in p.name)
    same = [p for p in warehouse.parquet_files("rejects") if p.name == run2_file.name]
    assert same and os.stat(same[0]).st_ino == os.stat(run2_file).st_ino


def test_a_crash_before_the_switch_leaves_the_previous_snapshot(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        tx = warehouse.transaction("run1")
        tx.append("rejects", [reject("a", "s1")])
        tx.commit()
    # a writer that died while building v000002
    half = tmp_path / VERSIONS / "v000002" / "rejects"
    half.mkdir(parents=True)
    (half / "part-x.parquet").write_bytes(b"PAR1 half written")
    assert sources(warehouse) == ["a"]                        # readers never see it
    with warehouse.writer_lock():                             # the next writer cleans up
        pass
    assert not (tmp_path / VERSIONS / "v000002").exists()
    assert sources(warehouse) == ["a"]


def test_old_snapshots_are_collected_but_recent_ones_kept(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        for n in range(5):
            tx = warehouse.transaction(f"run{n}")
            tx.append("rejects", [reject(str(n), str(n))])
            tx.commit()
        warehouse.collect_garbage(keep=3)
    assert sorted(p.name for p in (tmp_path / VERSIONS).iterdir()) == ["v000003", "v000004", "v000005"]
    assert sources(warehouse) == ["0", "1", "2", "3", "4"]


def test_compacting_keeps_rows_and_merges_files(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        for n in range(4):
            tx = warehouse.transaction(f"run{n}")
            tx.append("rejects", [reject(str(n), str(n))])
            tx.commit()
        assert len(warehouse.parquet_files("rejects")) == 4
        tx = warehouse.transaction("compact")
        tx.compact("rejects")
        tx.commit()
    assert len(warehouse.parquet_files("rejects")) == 1
    assert sources(warehouse) == ["0", "1", "2", "3"]


def test_a_flat_warehouse_from_before_snapshots_is_migrated(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flows.store.schema import REJECTS

    (tmp_path / "rejects").mkdir()
    pq.write_table(pa.Table.from_pylist([reject("old", "s0")], schema=REJECTS), tmp_path / "rejects" / "part-1.parquet")
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        pass
    assert warehouse.current_version() == "v000001"
    assert sources(warehouse) == ["old"]
    assert (tmp_path / "rejects").is_symlink()


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    warehouse = LocalWarehouse(tmp_path)
    with warehouse.writer_lock():
        with pytest.raises(WarehouseBusy, match="another ingest"):
            with LocalWarehouse(tmp_path).writer_lock():
                pass


def test_every_row_enters_through_its_tables_schema(tmp_path):
    from flows.store.schema import table_row

    assert table_row("sites", {"site": "a.kr", "pages": 3}) == {"site": "a.kr", "pages": 3, "run_id": None}
    with pytest.raises(ValueError, match="not columns of rejects: _leak"):
        table_row("rejects", {"source": "x.txt", "_leak": True})
    tx = LocalWarehouse(tmp_path).transaction("r1")
    with pytest.raises(ValueError, match="not columns of files"):
        tx.append("files", [{"path": "x.txt", "body": "not a column here"}])
