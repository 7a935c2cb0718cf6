"""The warehouse's tables through every common Parquet reader: pandas, pyarrow.parquet,
pyarrow.dataset, polars and DuckDB read `warehouse/<table>` with the files' own types (partition
values are in the files, not in folder names), an older Hive-layout warehouse is moved to the new
folders by its next commit, and a compaction that would change nothing writes nothing."""
import json
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows.ingest.pipeline import compact, ingest
from flows.store.schema import TABLES
from tests.helpers import landing_zone, query

KST = timezone(timedelta(hours=9))
OUTLETS = {"newspim", "hankyung", "newsis", None}        # the samples; the regional site has no outlet id


@pytest.fixture
def warehouse(tmp_path) -> Path:
    raw = landing_zone(tmp_path)
    ingest(str(raw), str(tmp_path / "warehouse"))
    return tmp_path / "warehouse"


def read_all_ways(path: Path) -> dict[str, pa.Table]:
    """One table read by each reader, as Arrow (polars and pandas converted back) to compare."""
    return {
        "pandas": pa.Table.from_pandas(pd.read_parquet(path, dtype_backend="pyarrow"), preserve_index=False),
        "pyarrow.parquet": pq.read_table(path),
        "pyarrow.dataset": ds.dataset(path).to_table(),
        "polars": pl.read_parquet(path).to_arrow(),
        "duckdb": duckdb.sql(f"SELECT * FROM read_parquet('{path}/**/*.parquet')").to_arrow_table(),
    }


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_reader_reads_every_table_with_its_schema(warehouse, table):
    expected_rows = query(warehouse, f"SELECT count(*) FROM {table}")[0][0]
    for reader, result in read_all_ways(warehouse / table).items():
        assert result.num_rows == expected_rows, reader
        assert set(result.column_names) == set(TABLES[table].schema.names), reader   # no column added or lost


def test_partition_columns_keep_their_types_and_nulls_in_every_reader(warehouse):
    for reader, table in read_all_ways(warehouse / "articles").items():
        schema = table.schema
        outlet_type = schema.field("outlet").type
        assert pa.types.is_string(outlet_type) or pa.types.is_large_string(outlet_type), reader
        assert schema.field("year").type == pa.int32(), reader
        assert schema.field("published_ts").type.tz, reader       # an instant (DuckDB shows it in its session zone)
        instants = {v.timestamp() for v in table["published_ts"].to_pylist() if v is not None}
        assert datetime(2024, 1, 11, 15, 0, tzinfo=KST).timestamp() in instants, reader
        assert set(table["outlet"].to_pylist()) == OUTLETS, reader
        years = table["year"].to_pylist()
        assert None in years and 2024 in years, reader


def test_pandas_default_backend_reads_the_articles(warehouse):
    frame = pd.read_parquet(warehouse / "articles")          # the call that failed on Hive folders
    assert len(frame) == 5
    assert set(frame["outlet"].dropna()) == OUTLETS - {None}
    assert frame["outlet"].isna().sum() == 1


def test_an_empty_table_is_one_empty_file_with_the_columns(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).resolve().parents[2] / "raw" / "samples", raw)
    ingest(str(raw), str(tmp_path / "w"))
    rejects = pq.read_table(tmp_path / "w" / "rejects")
    assert rejects.num_rows == 0 and rejects.schema.names == TABLES["rejects"].schema.names
    assert pl.read_parquet(tmp_path / "w" / "rejects").columns == TABLES["rejects"].schema.names


def test_no_folder_name_holds_a_partition_value_assignment(warehouse):
    current = warehouse / "current"
    folders = [p.parent.relative_to(current).as_posix() for p in current.rglob("*.parquet")]
    assert folders and not [f for f in folders if "=" in f]


def _to_hive_layout(warehouse: Path) -> int:
    """Move the current snapshot's article files into `outlet=…/year=…` folders, as the older layout had."""
    moved = 0
    base = warehouse / "current" / "articles"
    for path in sorted(base.rglob("*.parquet")):
        outlet, year = path.parent.relative_to(base).parts
        outlet = "__HIVE_DEFAULT_PARTITION__" if outlet == "unknown" else outlet
        year = "__HIVE_DEFAULT_PARTITION__" if year == "undated" else year
        target = base / f"outlet={outlet}" / f"year={year}" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        moved += 1
    for folder in sorted(base.iterdir()):
        if "=" not in folder.name:
            shutil.rmtree(folder)
    # and its MANIFEST as that layout's writers left it (format 2: the files listed, no facts)
    snapshot = (warehouse / "current").resolve()
    manifest = json.loads((snapshot / "MANIFEST.json").read_text())
    manifest["files"]["articles"] = sorted(f"_versions/{snapshot.name}/{p.relative_to(snapshot).as_posix()}"
                                           for p in (snapshot / "articles").rglob("*.parquet"))
    manifest = {k: v for k, v in manifest.items() if k != "facts"} | {"format": 2}
    (snapshot / "MANIFEST.json").write_text(json.dumps(manifest))
    return moved


def test_the_next_commit_moves_a_hive_layout_warehouse(tmp_path, warehouse):
    assert _to_hive_layout(warehouse) == 5
    raw = tmp_path / "raw"
    (raw / "extra.txt").write_text("추가 기사 제목\n\n" + "본문 문장입니다. " * 40, encoding="utf-8")
    ingest(str(raw), str(warehouse))
    folders = {p.parent.name for p in (warehouse / "articles").rglob("*.parquet")}
    assert not [f for f in folders if "=" in f]
    assert pd.read_parquet(warehouse / "articles").shape[0] == 6
    assert query(warehouse, "SELECT count(*) FROM articles WHERE outlet IS NULL") == [(2,)]


def test_compact_moves_a_hive_layout_and_then_writes_nothing(warehouse):
    _to_hive_layout(warehouse)
    first = compact(str(warehouse))
    assert first["version"] != first["run_id"] and not [p for p in (warehouse / "articles").rglob("*=*")]
    snapshots = sorted(p.name for p in (warehouse / "_versions").iterdir())
    second = compact(str(warehouse))
    assert second["version"] == first["version"]                  # already compact: no new snapshot
    assert sorted(p.name for p in (warehouse / "_versions").iterdir()) == snapshots
    assert second["files_before"] == second["files_after"]
    assert pq.read_table(warehouse / "articles").num_rows == 5
