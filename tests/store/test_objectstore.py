"""Raw files and the warehouse at fsspec URLs: fsspec's in-memory filesystem (an object store in
this process), `file://` URLs, and the object-store commit protocol on the local disk (so a
writer can be SIGKILLed mid-commit) — pointer object, MANIFEST-listed files, lease, GC."""
import json
import signal
import subprocess
import sys
import time
import uuid

import fsspec
import pytest

from flows.cli import main
from flows.ingest.pipeline import ingest
from flows.store import location, open_warehouse
from flows.store.catalog import open_catalog
from flows.store.objectstore import LEASE, POINTER, ObjectWarehouse
from flows.store.warehouse import CURRENT, LocalWarehouse, WarehouseBusy
from tests.conftest import ROOT, SAMPLES
from tests.helpers import PNG_BYTES, landing_zone
from tests.ingest.test_crash import check_complete, make_landing, state

MEMORY = fsspec.filesystem("memory")


@pytest.fixture
def memory_root():
    """A fresh folder in fsspec's in-memory filesystem, removed afterwards."""
    name = f"/t{uuid.uuid4().hex[:10]}"
    yield name
    if MEMORY.exists(name):
        MEMORY.rm(name, recursive=True)


def put_samples(root: str) -> list[str]:
    names = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        MEMORY.pipe_file(f"{root}/raw/samples/{sample.name}", sample.read_bytes())
        names.append(sample.name)
    MEMORY.pipe_file(f"{root}/raw/empty.txt", b"")
    MEMORY.pipe_file(f"{root}/raw/photo.txt", PNG_BYTES)
    MEMORY.pipe_file(f"{root}/raw/.hidden/skip.txt", b"not an input")
    return names


def sql(warehouse: str, query: str):
    con = open_catalog(warehouse)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_ingest_from_and_to_memory_urls(memory_root):
    put_samples(memory_root)
    raw, wh = f"memory://{memory_root}/raw", f"memory://{memory_root}/wh"
    first = ingest(raw, wh)
    assert (first["files_seen"], first["articles"], first["rejects"]) == (7, 5, 2)
    assert MEMORY.exists(f"{memory_root}/wh/{POINTER}")
    assert not MEMORY.exists(f"{memory_root}/wh/{LEASE}")        # released
    # DuckDB reads the snapshot through the same fsspec filesystem
    assert sql(wh, "SELECT count(*) FROM articles")[0][0] == 5
    assert sorted(r[0] for r in sql(wh, "SELECT outlet FROM articles WHERE outlet IS NOT NULL")) == \
        ["hankyung", "newsis", "newspim", "newspim"]
    assert sorted(r[0] for r in sql(wh, "SELECT reason FROM rejects")) == ["binary", "empty"]
    paths = [r[0] for r in sql(wh, "SELECT path FROM files")]
    assert all(p.startswith("memory://") for p in paths) and len(paths) == 7
    # a re-run over unchanged objects writes nothing
    again = ingest(raw, wh)
    assert (again["files_unchanged"], again["articles"], again["version"]) == (7, 0, first["version"])


def test_a_changed_object_replaces_its_rows(memory_root):
    put_samples(memory_root)
    raw, wh = f"memory://{memory_root}/raw", f"memory://{memory_root}/wh"
    ingest(raw, wh)
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    body_before = sql(wh, f"SELECT body FROM articles a JOIN files f USING (article_id) "
                          f"WHERE f.path LIKE '%{sample.name}'")[0][0]
    time.sleep(0.01)
    text = sample.read_text(encoding="utf-8")
    last = body_before.split("\n")[-1]
    MEMORY.pipe_file(f"{memory_root}/raw/samples/{sample.name}", text.replace(last, last + " 수정", 1).encode())
    run = ingest(raw, wh)
    assert (run["files_changed"], run["articles"]) == (1, 1)
    assert sql(wh, "SELECT count(*) FROM articles")[0][0] == 5       # replaced, not added
    body = sql(wh, f"SELECT body FROM articles a JOIN files f USING (article_id) WHERE f.path LIKE '%{sample.name}'")
    assert body[0][0].endswith("수정")


def test_cli_ingest_and_sql_with_urls(memory_root, capsys):
    put_samples(memory_root)
    raw, wh = f"memory://{memory_root}/raw", f"memory://{memory_root}/wh"
    assert main(["ingest", "--no-prefect", "--raw", raw, "--warehouse", wh, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == 5
    assert main(["sql", "--warehouse", wh, "--format", "csv", "SELECT count(*) AS n FROM daily_counts"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "3"]


def test_file_urls_are_local_paths(tmp_path):
    raw = landing_zone(tmp_path)
    summary = ingest(f"file://{raw}", f"file://{tmp_path / 'w'}", workers=1)
    assert summary["articles"] == 5
    assert (tmp_path / "w" / CURRENT).is_symlink()                   # the local layout
    assert isinstance(open_warehouse(f"file://{tmp_path / 'w'}"), LocalWarehouse)
    assert location.local_path(f"file://{raw}") == str(raw)


def test_the_lease_keeps_a_second_writer_out_until_it_expires(memory_root):
    wh = ObjectWarehouse(f"memory://{memory_root}/wh")
    with wh.writer_lock():
        with pytest.raises(WarehouseBusy, match="holds the lease"):
            with ObjectWarehouse(f"memory://{memory_root}/wh").writer_lock():
                pass
    # a crashed writer's lease: taken over once expired, not before
    lease = {"owner": "crashed", "expires": time.time() + 60}
    MEMORY.pipe_file(f"{memory_root}/wh/{LEASE}", json.dumps(lease).encode())
    with pytest.raises(WarehouseBusy):
        with wh.writer_lock():
            pass
    MEMORY.pipe_file(f"{memory_root}/wh/{LEASE}", json.dumps({**lease, "expires": time.time() - 1}).encode())
    with wh.writer_lock():
        assert json.loads(MEMORY.cat_file(f"{memory_root}/wh/{LEASE}"))["owner"] != "crashed"
    assert not MEMORY.exists(f"{memory_root}/wh/{LEASE}")


def test_a_writer_whose_lease_was_taken_over_does_not_commit(memory_root):
    wh = ObjectWarehouse(f"memory://{memory_root}/wh")
    with pytest.raises(WarehouseBusy, match="passed to another writer"):
        with wh.writer_lock():
            tx = wh.transaction("late")
            tx.append("rejects", [{"source": "a", "reason": "empty"}])
            # the run outlived its lease: another writer took it over meanwhile
            MEMORY.pipe_file(f"{memory_root}/wh/{LEASE}", json.dumps({"owner": "other", "expires": 1e12}).encode())
            tx.commit()
    assert wh.current_version() is None                              # the pointer was not moved
    assert json.loads(MEMORY.cat_file(f"{memory_root}/wh/{LEASE}"))["owner"] == "other"   # not released


def test_snapshots_list_old_files_and_gc_keeps_what_they_list(memory_root):
    put_samples(memory_root)
    raw, wh_url = f"memory://{memory_root}/raw", f"memory://{memory_root}/wh"
    for n in range(6):
        MEMORY.pipe_file(f"{memory_root}/raw/more/page{n}.txt", f"빈 페이지 {n}".encode())
        ingest(raw, wh_url)
    wh = ObjectWarehouse(wh_url)
    snapshots = wh._snapshots()
    assert len(snapshots) == 3 and snapshots[-1] == wh.current_version()
    listed = {p for v in snapshots for paths in wh.manifest(v)["files"].values() for p in paths}
    stored = {p[len(wh.base) + 1:] for p in MEMORY.find(f"{memory_root}/wh/_versions") if p.endswith(".parquet")}
    assert stored == listed                                          # nothing unlisted is left over
    first_articles = wh.manifest(snapshots[-1])["files"]["articles"]
    assert any(not p.startswith(f"_versions/{snapshots[-1]}/") for p in first_articles)   # carried, not copied
    for version in snapshots:                                        # every kept snapshot still reads
        assert wh.read("files", version=version).num_rows >= 7
    assert wh.read("files").num_rows == 7 + 6


def test_recover_drops_what_an_unfinished_commit_left(memory_root):
    put_samples(memory_root)
    wh_url = f"memory://{memory_root}/wh"
    ingest(f"memory://{memory_root}/raw", wh_url)
    MEMORY.pipe_file(f"{memory_root}/wh/_versions/v000002/articles/part-x.parquet", b"half written")
    wh = ObjectWarehouse(wh_url)
    assert wh.read("articles").num_rows == 5                         # readers never see it
    with wh.writer_lock():
        pass
    assert not MEMORY.exists(f"{memory_root}/wh/_versions/v000002")


def run_object_ingest(raw, warehouse, crash_at=None):
    """An ingest into the folder as a file:// bucket, in a child process killed at `crash_at`."""
    fault = ["--crash-at", crash_at] if crash_at else []
    return subprocess.run([sys.executable, "-m", "tests.faults", str(raw), str(warehouse), "--object-store",
                           "--workers", "1", *fault], cwd=ROOT, capture_output=True, text=True, timeout=120).returncode


@pytest.mark.parametrize("point", ["table:articles", "table:signatures", "before_switch", "after_switch"])
def test_sigkill_during_an_object_store_commit(tmp_path, point):
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    make_landing(raw, 0, 40)
    assert run_object_ingest(raw, warehouse) == 0
    layout = ObjectWarehouse(f"file://{warehouse}")
    before = state(layout)
    make_landing(raw, 40, 80)
    assert run_object_ingest(raw, warehouse, crash_at=point) == -signal.SIGKILL
    if point != "after_switch":
        assert state(layout) == before                               # readers see the last commit
    lease = warehouse / LEASE                                        # the dead writer's lease…
    assert lease.exists()
    lease.write_text(json.dumps({**json.loads(lease.read_text()), "expires": time.time() - 1}))   # …expires
    assert run_object_ingest(raw, warehouse) == 0
    check_complete(raw, ObjectWarehouse(f"file://{warehouse}"))

def test_an_url_fsspec_cannot_open_is_a_clear_error(tmp_path, capsys):
    assert main(["ingest", "--no-prefect", "--raw", "nosuchfs://bucket/raw", "--warehouse", str(tmp_path / "w")]) == 2
    assert "cannot open nosuchfs:// locations" in capsys.readouterr().err
    assert main(["sql", "--warehouse", "nosuchfs://bucket/wh", "SELECT 1"]) == 1
    assert "cannot open nosuchfs://" in capsys.readouterr().err


def test_sidecars_on_a_store_come_from_one_listing_per_folder(memory_root, monkeypatch):
    names = put_samples(memory_root)
    sidecar = {"url": "https://www.newspim.com/news/view/20240111000123", "fetched_at": "2024-01-11T07:00:00Z"}
    MEMORY.pipe_file(f"{memory_root}/raw/samples/{names[0]}.meta.json", json.dumps(sidecar).encode())
    calls = {"ls": 0, "isfile": 0}
    real_ls, real_isfile = MEMORY.ls, MEMORY.isfile

    def counting(name, real):
        def call(path, *args, **kwargs):
            if name == "ls" or str(path).endswith(".meta.json"):    # asked about a sidecar
                calls[name] += 1
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(MEMORY, "ls", counting("ls", real_ls))
    monkeypatch.setattr(MEMORY, "isfile", counting("isfile", real_isfile))
    wh = f"memory://{memory_root}/wh"
    ingest(f"memory://{memory_root}/raw", wh)
    assert calls["isfile"] == 0                       # no request per raw file for its sidecar…
    assert calls["ls"] <= 5            # …but a listing of raw/ and raw/samples/ (+ the warehouse, + its reports/)
    rows = sql(wh, f"SELECT a.url, a.fetched_at IS NOT NULL FROM articles a JOIN files f USING (article_id) "
                   f"WHERE f.path LIKE '%{names[0]}'")
    assert rows == [(sidecar["url"], True)]


def test_both_back_ends_write_one_manifest_format(memory_root, tmp_path):
    put_samples(memory_root)
    remote = ObjectWarehouse(f"memory://{memory_root}/wh")
    ingest(f"memory://{memory_root}/raw", remote)
    local_raw = landing_zone(tmp_path)
    local = LocalWarehouse(tmp_path / "wh")
    ingest(str(local_raw), local)
    manifests = {
        "remote": json.loads(MEMORY.cat_file(f"{memory_root}/wh/_versions/{remote.current_version()}/MANIFEST.json")),
        "local": json.loads((local.root / "_versions" / str(local.current_version()) / "MANIFEST.json").read_text()),
    }
    for where, manifest in manifests.items():
        assert set(manifest) == {"version", "run_id", "parent", "format", "files", "facts"}, where
        assert manifest["format"] == 3 and len(manifest["files"]["articles"]) >= 1, where
        listed = {path for paths in manifest["files"].values() for path in paths}
        assert set(manifest["facts"]) == listed, where           # every file described…
        assert all(set(f) == {"size", "rows", "sha256"} for f in manifest["facts"].values()), where
    # every listed file is there, named from the warehouse's root
    for path in manifests["local"]["files"]["articles"]:
        assert (local.root / path).is_file()
    for path in manifests["remote"]["files"]["articles"]:
        assert MEMORY.exists(f"{memory_root}/wh/{path}")


def test_a_format_1_manifest_on_object_storage_still_reads(memory_root):
    put_samples(memory_root)
    wh = ObjectWarehouse(f"memory://{memory_root}/wh")
    ingest(f"memory://{memory_root}/raw", wh)
    version = wh.current_version()
    path = f"{memory_root}/wh/_versions/{version}/MANIFEST.json"
    manifest = json.loads(MEMORY.cat_file(path))
    old = {k: v for k, v in manifest.items() if k not in ("format", "files")} | {"objects": manifest["files"]}
    MEMORY.pipe_file(path, json.dumps(old).encode())
    assert ObjectWarehouse(f"memory://{memory_root}/wh").read("articles").num_rows == 5
