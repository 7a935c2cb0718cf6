"""A warehouse whose path holds what SQL and DuckDB read specially (`?` starts a database path's
options, `*?[]{}` are glob syntax, `,` splits the search path, `'` ends a string): ingest twice,
then the catalog views, `newsflow sql`, `newsflow search` and `newsflow check` all work."""
import subprocess
import sys

import pytest

from flows.ingest.pipeline import ingest
from flows.store.catalog import open_catalog
from tests.conftest import ROOT, SAMPLES


@pytest.mark.parametrize("name", ["w?{a,b}*[x]'q", "plain{}", "a[1]", "it's?"])
def test_a_warehouse_path_with_sql_and_glob_characters_works(tmp_path, name):
    warehouse = tmp_path / name
    first = ingest(str(SAMPLES), str(warehouse), workers=1)
    again = ingest(str(SAMPLES), str(warehouse), workers=1)
    assert first["articles"] == 5 and again["articles"] == 0
    con = open_catalog(warehouse)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
    finally:
        con.close()
    newsflow = [sys.executable, "-m", "flows.cli"]
    shown = subprocess.run([*newsflow, "sql", "SELECT count(*) AS n FROM articles", "--warehouse", str(warehouse)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and "5" in shown.stdout, shown.stderr
    found = subprocess.run([*newsflow, "search", "서울", "--warehouse", str(warehouse)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0 and "서울" in found.stdout, found.stderr
    checked = subprocess.run([*newsflow, "check", "--warehouse", str(warehouse)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
