"""The `newsflow` command's public output: parse JSONL, --explain, sql formats and errors."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from flows.cli import main
from flows.cli.render import _width, render_table
from flows.ingest.pipeline import OUTPUT_FIELDS, ingest
from tests.conftest import ROOT, SAMPLES
from tests.helpers import landing_zone


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_prints_one_json_object_per_file(capsys, tmp_path):
    raw = landing_zone(tmp_path)
    code, out, _ = run(capsys, "parse", str(raw))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(records) == 7
    assert all(tuple(r) == OUTPUT_FIELDS for r in records)
    by_source = {r["source"]: r for r in records}
    assert by_source[str(raw / "empty.txt")]["status"] == "rejected"
    assert by_source[str(raw / "samples" / "000_8cd87e7541eef3e1.txt")]["published_at"] == "2024-01-11T15:00:00+09:00"


def test_parse_keeps_the_path_as_given_and_reports_missing_files(capsys):
    code, out, _ = run(capsys, "parse", "raw/samples/001_b16488920c083763.txt", "no/such/file.txt")
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first["source"] == "raw/samples/001_b16488920c083763.txt" and first["outlet"] == "hankyung"
    assert (second["status"], second["reason"]) == ("rejected", "not_found")


def test_explain_shows_roles_and_reasons(capsys):
    code, out, _ = run(capsys, "parse", "--explain", str(SAMPLES / "000_8cd87e7541eef3e1.txt"))
    assert code == 0
    lines = out.splitlines()
    assert any("furniture:sidebar" in line and "[뉴스핌 베스트 기사]" in line for line in lines)
    assert any(line.split()[1] == "published:date" for line in lines[1:])


@pytest.fixture
def warehouse(tmp_path):
    raw = landing_zone(tmp_path)
    ingest(str(raw), str(tmp_path / "warehouse"))
    return tmp_path / "warehouse"


def test_sql_formats(capsys, warehouse):
    query = "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY outlet"
    _, out, _ = run(capsys, "sql", query, "--warehouse", str(warehouse), "--format", "csv")
    assert out.splitlines() == ["outlet,n", "hankyung,1", "newsis,1", "newspim,2"]
    _, out, _ = run(capsys, "sql", query, "--warehouse", str(warehouse), "--format", "json")
    assert json.loads(out.splitlines()[2]) == {"outlet": "newspim", "n": 2}
    _, out, _ = run(capsys, "sql", query, "--warehouse", str(warehouse))
    assert out.splitlines()[-1] == "(3 rows)"


def test_csv_tells_null_from_empty_text_and_ends_lines_with_newline(capsys, warehouse):
    import csv
    import io

    query = "SELECT NULL AS a, '' AS b, 'x,\"y\"' AS c, 1 AS d"
    _, out, _ = run(capsys, "sql", query, "--warehouse", str(warehouse), "--format", "csv")
    assert out == 'a,b,c,d\n,"","x,""y""",1\n'
    assert list(csv.reader(io.StringIO(out))) == [["a", "b", "c", "d"], ["", "", 'x,"y"', "1"]]
    _, out, _ = run(capsys, "sql", query, "--warehouse", str(warehouse), "--format", "json")
    assert json.loads(out) == {"a": None, "b": "", "c": 'x,"y"', "d": 1}


def test_sql_errors_are_reported_not_raised(capsys, warehouse, tmp_path):
    code, _, err = run(capsys, "sql", "SELECT nope FROM articles", "--warehouse", str(warehouse))
    assert code == 1 and "nope" in err
    code, _, err = run(capsys, "sql", "SELECT 1", "--warehouse", str(tmp_path / "missing"))
    assert code == 1 and "newsflow ingest" in err


def test_table_lines_up_double_width_text():
    text = render_table(["t", "n"], [("서울", 1), ("ab", 22)])
    header, rule, first, second, count = text.splitlines()
    # 서울 is 2 characters but 4 terminal columns: the separators must still line up.
    assert first.startswith("서울 |") and second.startswith("ab   |")
    assert _width(first[: first.index("|")]) == _width(second[: second.index("|")]) == 5
    assert count == "(2 rows)"


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """`newsflow parse --explain FILE | head -3`: no BrokenPipe traceback once `head` has read enough."""
    import subprocess
    import sys

    sample = sorted(SAMPLES.glob("*.txt"))[0]
    many = " ".join([f"'{sample}'"] * 300)          # more than a pipe holds once `head` has gone
    command = (f"{sys.executable} -c 'from flows.cli import main; raise SystemExit(main())' "
               f"parse --explain {many} | head -1")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("# ") and "Traceback" not in done.stderr


def test_version_names_the_installed_distribution(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsflow {version('newsflow')}"


@pytest.mark.parametrize("args, message", [
    (["--batch-size", "0"], "argument --batch-size: must be at least 1, not 0"),
    (["--workers", "two"], "argument --workers: not a whole number: 'two'"),
])
def test_bad_ingest_arguments_get_one_line_and_exit_2(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as done:
        main(["ingest", "--raw", str(tmp_path), "--warehouse", str(tmp_path / "w"), *args])
    assert done.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "w").exists()


def test_a_missing_landing_folder_is_an_error_and_writes_nothing(tmp_path, capsys):
    assert main(["ingest", "--no-prefect", "--raw", str(tmp_path / "typo"), "--warehouse", str(tmp_path / "w")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"newsflow: no landing folder at {tmp_path / 'typo'}: nothing ingested, nothing written"
    assert not (tmp_path / "w").exists()



def test_a_warehouse_path_that_is_a_file_is_refused_before_anything_runs(tmp_path, capsys):
    (tmp_path / "w").write_text("not a warehouse")
    assert main(["ingest", "--no-prefect", "--raw", str(SAMPLES), "--warehouse", str(tmp_path / "w")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"newsflow: {tmp_path / 'w'} is a file, not a warehouse folder: nothing ingested, nothing written"
    assert main(["compact", "--warehouse", str(tmp_path / "w")]) == 2
    assert "is a file, not a warehouse folder: nothing compacted" in capsys.readouterr().err


@pytest.fixture
def shared_tmp():
    """A folder another user can reach (pytest's own temporary folders are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="newsflow-test-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _as_nobody(*argv: str) -> subprocess.CompletedProcess:
    """The command run as an unprivileged user (root may write anything, so permissions need another user)."""
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "flows.cli", *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to switch to another user")
def test_a_read_only_warehouse_is_one_line_and_nothing_written(shared_tmp):
    warehouse = shared_tmp / "w"
    ingest(str(SAMPLES), str(warehouse))
    for path in [warehouse, *warehouse.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o555 if path.is_dir() else 0o444)
    before = sorted(str(p) for p in warehouse.rglob("*"))
    done = _as_nobody("ingest", "--no-prefect", "--raw", str(SAMPLES), "--warehouse", str(warehouse))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (f"newsflow: cannot write the warehouse at {warehouse}: {warehouse} is read-only "
                                   "or not this user's to write: nothing ingested, nothing written")
    assert sorted(str(p) for p in warehouse.rglob("*")) == before
    warehouse.chmod(0o700)                      # now not even readable by that user
    done = _as_nobody("sql", "--warehouse", str(warehouse), "SELECT count(*) FROM articles")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith(f"newsflow: cannot read the warehouse at {warehouse}: ")
