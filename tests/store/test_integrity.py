"""The warehouse defends its data (issue 13, items 1, 5 and 12): recovery keeps every complete
snapshot, the MANIFEST describes every file and writers check it, `newsflow check` / `repair`,
a damaged catalog is rebuilt, a full disk ends in one line with the last snapshot untouched."""
import errno
import hashlib
import json
import os
import shutil
import subprocess
import uuid

import pyarrow.parquet as pq
import pytest

from flows.cli.main import main
from flows.ingest.pipeline import ingest
from flows.store import warehouse as warehouse_module
from flows.store.warehouse import MANIFEST_FORMAT, LocalWarehouse, WarehouseDamaged
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def landing(tmp_path, files):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, raw / path.name)
    return raw


def newsflow(capsys, *args):
    """The command in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(warehouse):
    wh = LocalWarehouse(warehouse)
    return (sorted(wh.read("articles", ["article_id"])["article_id"].to_pylist()),
            sorted(wh.read("runs", ["run_id"])["run_id"].to_pylist()))


def snapshot_bytes(warehouse, version):
    """Every file of a snapshot folder with its bytes (to show a snapshot was not touched)."""
    base = warehouse / "_versions" / version
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def test_a_missing_current_loses_no_article_and_no_run(tmp_path, capsys):
    """The issue's reproduction: ingest, add a file, ingest, delete a raw file and `current`, ingest."""
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:-1]), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    shutil.copy(SAMPLE_FILES[-1], raw / SAMPLE_FILES[-1].name)
    ingest(str(raw), str(warehouse), workers=1)
    articles, runs = counts(warehouse)
    assert len(articles) == len(SAMPLE_FILES) and len(runs) == 2
    (raw / SAMPLE_FILES[0].name).unlink()                     # rotated out of the landing folder
    (warehouse / "current").unlink()
    capsys.readouterr()
    ingest(str(raw), str(warehouse), workers=1)
    err = capsys.readouterr().err
    assert "current was missing; restored to the newest complete snapshot v000002" in err
    assert counts(warehouse) == (articles, runs)              # no article, no run lost
    assert sorted(p.name for p in (warehouse / "_versions").iterdir()) == ["v000001", "v000002"]


def test_a_broken_current_is_restored_and_unfinished_snapshots_go(tmp_path, capsys):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    before = counts(warehouse)
    (warehouse / "_versions" / "v000002" / "articles").mkdir(parents=True)   # a crash before its MANIFEST
    (warehouse / "current").unlink()
    os.symlink("_versions/v000009", warehouse / "current")                   # names nothing
    assert LocalWarehouse(warehouse).recover() == ["v000002"]
    assert "named v000009, which is missing" in capsys.readouterr().err
    assert LocalWarehouse(warehouse).current_version() == "v000001" and counts(warehouse) == before


def test_a_complete_snapshot_never_made_current_is_kept(tmp_path):
    """A crash between the MANIFEST and the switch leaves a complete snapshot: recovery keeps it, and
    the next commit numbers itself after it."""
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:2]), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    shutil.copytree(warehouse / "_versions" / "v000001", warehouse / "_versions" / "v000002")
    landing(tmp_path, SAMPLE_FILES[2:])
    summary = ingest(str(raw), str(warehouse), workers=1)
    assert summary["version"] == "v000003"
    assert (warehouse / "_versions" / "v000002" / "MANIFEST.json").is_file()


def test_the_manifest_describes_every_file_and_an_older_one_still_reads(tmp_path):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:3]), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    path = warehouse / "_versions" / "v000001" / "MANIFEST.json"
    manifest = json.loads(path.read_text())
    assert manifest["format"] == MANIFEST_FORMAT == 3
    listed = [p for paths in manifest["files"].values() for p in paths]
    assert sorted(manifest["facts"]) == sorted(listed)
    for entry, facts in manifest["facts"].items():
        data = (warehouse / entry).read_bytes()
        assert facts == {"size": len(data), "rows": pq.read_metadata(warehouse / entry).num_rows,
                         "sha256": hashlib.sha256(data).hexdigest()}
    # a format-2 MANIFEST (no facts) is still read, checked, and its files described by the next commit
    path.write_text(json.dumps({k: v for k, v in manifest.items() if k != "facts"} | {"format": 2}))
    landing(tmp_path, SAMPLE_FILES[3:])
    assert ingest(str(raw), str(warehouse), workers=1)["articles"] == len(SAMPLE_FILES) - 3
    newer = json.loads((warehouse / "_versions" / "v000002" / "MANIFEST.json").read_text())
    assert sorted(newer["facts"]) == sorted(p for paths in newer["files"].values() for p in paths)


def test_a_truncated_part_is_found_refused_and_repaired(tmp_path, capsys):
    """Truncate one Parquet part → check reports it (exit 1) and an ingest refuses to build on it →
    repair → check clean, queries work, the raw file is read again, no other snapshot touched."""
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:3]), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    landing(tmp_path, SAMPLE_FILES[3:])
    ingest(str(raw), str(warehouse), workers=1)
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0
    part = sorted((warehouse / "_versions" / "v000002" / "articles").rglob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:200])                 # in place: both snapshots share the inode
    old_snapshot = snapshot_bytes(warehouse, "v000001")

    code, _, err = newsflow(capsys, "check", "--warehouse", str(warehouse))
    assert code == 1 and err.count("\n") == 1
    assert "articles/" in err and "200 bytes, the MANIFEST says" in err
    code, _, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse))
    assert code == 1 and "damaged" in err and "newsflow repair" in err and "Traceback" not in err
    assert sorted(p.name for p in (warehouse / "_versions").iterdir()) == ["v000001", "v000002"]   # nothing written

    code, out, err = newsflow(capsys, "repair", "--warehouse", str(warehouse))
    assert code == 0, err
    assert "snapshot v000002 → v000003" in out and "read again by the next ingest" in out
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0
    assert snapshot_bytes(warehouse, "v000001") == old_snapshot                  # no other snapshot affected
    code, out, _ = newsflow(capsys, "sql", "SELECT count(*) FROM articles", "--warehouse", str(warehouse),
                            "--format", "csv")
    assert code == 0 and int(out.split()[-1]) < len(SAMPLE_FILES)            # the damaged part's rows are out…
    summary = ingest(str(raw), str(warehouse), workers=1)                    # …until the next ingest
    assert summary["files_new"] >= 1
    articles, _ = counts(warehouse)
    assert len(articles) == len(set(articles)) == len(SAMPLE_FILES)
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0


def test_repair_says_what_it_cannot_rebuild(tmp_path, capsys):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    runs = next((warehouse / "current" / "runs").rglob("*.parquet"))
    runs.write_bytes(b"garbage")
    code, out, err = newsflow(capsys, "repair", "--warehouse", str(warehouse))
    assert code == 1 and "cannot rebuild runs: 1 rows of the run history" in err
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0
    assert len(counts(warehouse)[0]) == len(SAMPLE_FILES) and counts(warehouse)[1] == []


def test_a_writer_will_not_build_on_a_damaged_file(tmp_path):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    part = next((warehouse / "current" / "files").rglob("*.parquet"))
    with open(part, "r+b") as handle:
        handle.truncate(part.stat().st_size - 10)              # ten bytes short: its footer is gone
    with pytest.raises(WarehouseDamaged, match="newsflow repair"):
        LocalWarehouse(warehouse).transaction("r")


def test_a_garbage_catalog_is_rebuilt_by_an_unchanged_ingest_and_by_sql(tmp_path, capsys):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    catalog = warehouse / "catalog.duckdb"
    catalog.write_bytes(os.urandom(5000))
    code, out, err = newsflow(capsys, "sql", "SELECT count(*) FROM articles", "--warehouse", str(warehouse),
                              "--format", "csv")
    assert code == 0 and out.split()[-1] == str(len(SAMPLE_FILES))
    assert "could not be read" in err and "rebuilt from snapshot v000001" in err
    catalog.write_bytes(b"not a database")
    code, out, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse))
    assert code == 0 and "new articles 0" in out
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0


def test_a_full_disk_injected_ends_in_one_line_and_leaves_the_snapshot(tmp_path, capsys, monkeypatch):
    """ENOSPC injected into the data-file write (the tmpfs test below does it for real, as root)."""
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:3]), tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    before = snapshot_bytes(warehouse, "v000001")
    landing(tmp_path, SAMPLE_FILES[3:])

    def full(data, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    monkeypatch.setattr(warehouse_module, "_write_new_file", full)
    code, out, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse),
                              "--workers", "1")
    assert code == 1 and err.count("\n") == 1 and "No space left on device" in err
    assert "nothing was committed, the warehouse still shows v000001" in err
    assert [p.name for p in (warehouse / "_versions").iterdir()] == ["v000001"]      # the unfinished one removed
    assert snapshot_bytes(warehouse, "v000001") == before
    monkeypatch.undo()
    assert ingest(str(raw), str(warehouse), workers=1)["articles"] == len(SAMPLE_FILES) - 3


@pytest.fixture
def tiny_disk(tmp_path):
    """A 16 MB tmpfs (needs root; skipped otherwise), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk, leave_kb: int):
    """Fill the disk but `leave_kb` KB."""
    free = shutil.disk_usage(disk).free // 1024
    with open(disk / f"filler-{uuid.uuid4().hex}", "wb") as handle:
        for _ in range(max(0, free - leave_kb) // 64):
            handle.write(bytes(64 * 1024))


def test_a_really_full_disk(tiny_disk, tmp_path, capsys):
    raw, warehouse = landing(tmp_path, SAMPLE_FILES[:3]), tiny_disk / "w"
    assert newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse),
                    "--workers", "1")[0] == 0
    before = snapshot_bytes(warehouse, "v000001")
    landing(tmp_path, SAMPLE_FILES[3:])
    fill(tiny_disk, 0)                                         # nothing left: the data files cannot be written
    code, _, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse),
                            "--workers", "1")
    assert code == 1 and "No space left on device" in err and "Traceback" not in err, err
    assert "nothing was committed" in err
    assert LocalWarehouse(warehouse).current_version() == "v000001"
    assert snapshot_bytes(warehouse, "v000001") == before
    for filler in tiny_disk.glob("filler-*"):
        filler.unlink()
    fill(tiny_disk, 400)                                       # room for the data, not for the catalog
    code, _, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse),
                            "--workers", "1")
    assert code == 1 and "catalog" in err and "could not be rebuilt" in err, err   # never exit 0 on a bad catalog
    code, out, _ = newsflow(capsys, "sql", "SELECT count(*) FROM articles", "--warehouse", str(warehouse),
                            "--format", "csv")
    assert code == 0 and out.split()[-1] == "3"                # the catalog in place still answers
    assert snapshot_bytes(warehouse, "v000001") == before
    for filler in tiny_disk.glob("filler-*"):
        filler.unlink()
    code, _, err = newsflow(capsys, "ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse))
    assert code == 0, err
    assert newsflow(capsys, "check", "--warehouse", str(warehouse))[0] == 0
    code, out, _ = newsflow(capsys, "sql", "SELECT count(*) FROM articles", "--warehouse", str(warehouse),
                            "--format", "csv")
    assert out.split()[-1] == str(len(SAMPLE_FILES))
