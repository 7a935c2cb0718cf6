"""Landing-folder hygiene (issue 13, items 2, 4, 6, 10 and the `--raw` spellings of 12): only
regular files are read, symlinks stay inside the landing folder, a warehouse never nests in the
landing folder (or the other way round) nor takes over a folder of the user's, and every file has
one manifest key whatever the spelling of `--raw` or the bytes of its name."""
import faulthandler
import os
import shutil

import pytest

from flows.cli.main import main
from flows.ingest import parse, pipeline
from flows.ingest.landing import LandingError
from flows.ingest.parse import process_batch, read_page
from flows.ingest.pipeline import ingest
from flows.store.warehouse import LocalWarehouse
from tests.conftest import SAMPLES
from tests.helpers import landing_zone, query

SAMPLE = SAMPLES / "002_2073495484cbea58.txt"


@pytest.fixture(autouse=True)
def no_hang():
    """A run that blocks on a FIFO or reads /dev/zero fails the test run instead of hanging it."""
    faulthandler.dump_traceback_later(300, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def in_process(batches, run_id, started, job):
    """Parse batches in this process (no worker pool to leave behind if a read blocked)."""
    for batch in batches:
        recurring, pool_generic = job.for_batch(batch)
        yield process_batch(batch, run_id, started, recurring, pool_generic)


def run(raw, warehouse, **options):
    return ingest(str(raw), str(warehouse), map_batches=in_process, **options)


def manifest(warehouse) -> dict:
    return dict(query(warehouse, "SELECT path, coalesce(reason, status) FROM files"))


def test_a_fifo_is_a_reject_never_opened_and_not_recorded_again(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    os.mkfifo(raw / "x.txt")                       # opening it would block until a writer comes
    first = run(raw, tmp_path / "w")
    assert first["articles"] == 5 and first["rejects_by_reason"] == {"not_regular_file": 1}
    assert query(tmp_path / "w", "SELECT source, error FROM rejects") == [(str(raw / "x.txt"), "fifo")]
    again = run(raw, tmp_path / "w")               # checked from stat alone, nothing recorded again
    assert (again["files_unchanged"], again["rejects"], again["version"]) == (6, 0, first["version"])


def test_reading_a_fifo_directly_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    page = read_page(str(tmp_path / "x.txt"))      # what `newsflow parse` and the workers call
    assert (page.reason, page.data) == ("not_regular_file", None)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (outcome,) = process_batch([str(tmp_path / "zero.txt")], "r", None)
    assert outcome.reject["reason"] == "not_regular_file"


def test_symlinks_are_followed_only_to_regular_files_inside_the_landing_folder(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(SAMPLE.read_bytes().replace("서울시를 찾는".encode(), "서울시를 밖에서 찾는".encode()))
    links = {"passwd.txt": "/etc/passwd", "outside.txt": str(outside), "zero.txt": "/dev/zero",
             "dangling.txt": str(tmp_path / "nothing"), "folder": str(tmp_path), "inside.txt": "samples/" + SAMPLE.name}
    for name, target in links.items():
        (raw / name).symlink_to(target)
    summary = run(raw, tmp_path / "w")
    by_name = {os.path.relpath(path, raw): outcome for path, outcome in manifest(tmp_path / "w").items()}
    assert {name: by_name[name] for name in links if name != "inside.txt"} == {
        "passwd.txt": "symlink_outside", "outside.txt": "symlink_outside", "zero.txt": "not_regular_file",
        "dangling.txt": "symlink_dangling", "folder": "symlink_to_folder"}
    assert sorted([by_name["inside.txt"], by_name["samples/" + SAMPLE.name]]) == ["article", "duplicate"]
    assert len(by_name) == 5 + len(links)           # nothing skipped without a record
    assert summary["files_refused"] == 5
    assert not query(tmp_path / "w", "SELECT count(*) FROM articles WHERE body LIKE '%root:%'")[0][0]
    allowed = run(raw, tmp_path / "w2", symlinks_anywhere=True)
    assert allowed["rejects_by_reason"] == {"no_content": 1, "not_regular_file": 1, "symlink_dangling": 1,
                                            "symlink_to_folder": 1} and allowed["articles"] == 6   # passwd: read


def test_a_refused_link_that_now_points_inside_is_read(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    (raw / "link.txt").symlink_to(tmp_path / "nothing")
    run(raw, tmp_path / "w")
    (raw / "mine.txt").write_bytes(SAMPLE.read_bytes().replace("서울시를 찾는".encode(), "서울시를 다시 찾는".encode()))
    (raw / "link.txt").unlink()
    (raw / "link.txt").symlink_to("mine.txt")
    summary = run(raw, tmp_path / "w")
    assert manifest(tmp_path / "w")[str(raw / "link.txt")] in ("article", "duplicate")
    assert summary["rejects"] == 0 and query(tmp_path / "w", "SELECT count(*) FROM rejects") == [(0,)]


@pytest.mark.parametrize("layout", ["warehouse_in_raw", "raw_in_warehouse"])
def test_a_warehouse_and_landing_folder_inside_each_other_are_refused(tmp_path, capsys, layout):
    raw = landing_zone(tmp_path, bad=False)
    warehouse = raw / "w" if layout == "warehouse_in_raw" else tmp_path
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert main(["ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(warehouse)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "inside the" in err and "nothing written" in err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    with pytest.raises(LandingError):
        run(raw, warehouse)


def test_a_folder_of_the_users_is_not_taken_for_a_warehouse(tmp_path, capsys):
    raw = landing_zone(tmp_path, bad=False)
    mine = tmp_path / "mine"
    (mine / "articles").mkdir(parents=True)          # named like a table, holding the user's things
    (mine / "articles" / "draft.txt").write_text("mine")
    assert main(["ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(mine)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"newsflow: {mine} is not a newsflow warehouse (it holds 'articles'); give an empty or new "
                   "folder: nothing ingested, nothing written")
    with LocalWarehouse(mine).writer_lock():         # the library does not move it either
        pass
    assert (mine / "articles" / "draft.txt").read_text() == "mine" and not (mine / "_versions").exists()
    (mine / "articles").rename(tmp_path / "moved")
    (mine / "notes.txt").write_text("mine too")
    assert main(["ingest", "--no-prefect", "--raw", str(raw), "--warehouse", str(mine)]) == 2
    assert "it holds 'notes.txt'" in capsys.readouterr().err


def test_a_new_or_readme_only_or_existing_warehouse_is_accepted(tmp_path, capsys):
    raw = landing_zone(tmp_path, bad=False)
    warehouse = tmp_path / "w"
    warehouse.mkdir()
    (warehouse / "README.md").write_text("# warehouse/\n")       # the project's own warehouse/ keeps one
    assert main(["ingest", "--no-prefect", "--json", "--raw", str(raw), "--warehouse", str(warehouse)]) == 0
    assert main(["ingest", "--no-prefect", "--json", "--raw", str(raw), "--warehouse", str(warehouse)]) == 0
    capsys.readouterr()


def test_every_spelling_of_raw_gives_one_key_per_file(tmp_path, monkeypatch):
    landing_zone(tmp_path)
    monkeypatch.chdir(tmp_path)
    first = run("raw", "w")
    for spelling in ("./raw/", str(tmp_path / "raw"), "raw/../raw"):
        again = run(spelling, "w")
        assert (again["files_new"], again["files_unchanged"], again["version"]) == (0, 7, first["version"])
    paths = [path for (path,) in query(tmp_path / "w", "SELECT path FROM files")]
    assert len(paths) == len(set(paths)) == 7 and all(os.path.isabs(path) for path in paths)
    assert {source for (source,) in query(tmp_path / "w", "SELECT source FROM articles")} <= set(paths)


def test_keys_stored_by_older_runs_are_found_again(tmp_path, monkeypatch):
    """Warehouses written before kept the landing folder as spelled and undecodable bytes as U+FFFD:
    their files are not parsed again and their rows are replaced, never doubled."""
    raw = landing_zone(tmp_path)
    (raw / os.fsdecode(b"old-\xff.txt")).write_bytes(SAMPLE.read_bytes().replace("서울".encode(), "부산".encode()))
    monkeypatch.chdir(tmp_path)
    with monkeypatch.context() as old:               # the key format of runs before this one
        old.setattr(pipeline, "scan", lambda root, anywhere=False: _old_scan(root))
        legacy = lambda text: text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # noqa: E731
        old.setattr(pipeline, "storable", legacy)
        old.setattr(parse, "storable", legacy)
        run("raw", "w")
    assert "raw/old-\ufffd.txt" in manifest(tmp_path / "w")
    again = run("raw", "w")
    assert (again["files_new"], again["files_unchanged"], again["articles"]) == (0, 8, 0)
    (raw / "samples" / SAMPLE.name).write_bytes(SAMPLE.read_bytes() + "\n덧붙임".encode())   # one changes
    changed = run("raw", "w")
    assert (changed["files_new"], changed["files_changed"]) == (0, 1)
    paths = [path for (path,) in query(tmp_path / "w", "SELECT path FROM files")]
    assert len(paths) == 8 and str(raw / "samples" / SAMPLE.name) in paths
    assert f"raw/samples/{SAMPLE.name}" not in paths          # the old row was replaced


def _old_scan(root):
    """Discovery as it was: paths as `root` was spelled."""
    from flows.ingest.discover import RawFile

    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            found.append(RawFile(path, os.stat(path).st_size, os.stat(path).st_mtime_ns))
    return found


def test_names_that_differ_only_in_undecodable_bytes_keep_distinct_keys(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, byte in enumerate((b"\xff", b"\xfe")):
        text = SAMPLE.read_bytes().replace("서울시를 찾는".encode(), f"서울시를 {n}번 찾는".encode())
        with open(os.path.join(os.fsencode(raw), b"page-" + byte + b".txt"), "wb") as handle:
            handle.write(text)
    first = run(raw, tmp_path / "w")
    assert first["articles"] == 2
    assert sorted(os.path.basename(p) for p in manifest(tmp_path / "w")) == ["page-\\xfe.txt", "page-\\xff.txt"]
    again = run(raw, tmp_path / "w")
    assert (again["files_unchanged"], again["articles"], again["version"]) == (2, 0, first["version"])
    assert query(tmp_path / "w", "SELECT count(*) FROM articles") == [(2,)]


def test_hidden_entries_and_sidecars_are_not_inputs(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    shutil.copy(SAMPLE, raw / ".hidden.txt")
    (raw / "a.meta.json").write_text("{}")
    assert run(raw, tmp_path / "w")["files_seen"] == 5
