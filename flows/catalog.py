"""The DuckDB catalog: a small `catalog.duckdb` in the warehouse holding only views.

Views read the Parquet folders by paths relative to the warehouse root, so the warehouse can
be moved; a reader sets `file_search_path` to the root (`open_catalog` does). The file is
rebuilt under a temporary name and swapped in with `os.replace`, so a reader holding the old
file is never blocked and never sees a half-built catalog.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

from .schema import TABLES
from .storage import Warehouse

CATALOG = "catalog.duckdb"


def duck_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return duck_type(arrow_type.value_type) + "[]"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_date(arrow_type):
        return "DATE"
    return "VARCHAR"


def view_sql(warehouse: Warehouse, table: str) -> str:
    schema, partition_cols = TABLES[table]
    if not warehouse.parquet_files(table):
        columns = ", ".join(f"CAST(NULL AS {duck_type(f.type)}) AS {f.name}" for f in schema)
        return f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} WHERE false"
    hive_types = ", ".join(f"'{c}': {duck_type(schema.field(c).type)}" for c in partition_cols)
    options = f"hive_partitioning=true, hive_types={{{hive_types}}}" if partition_cols else "hive_partitioning=false"
    columns = ", ".join(f.name for f in schema)
    return (
        f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} FROM "
        f"read_parquet('{table}/**/*.parquet', {options}, union_by_name=true)"
    )


def refresh_catalog(warehouse: Warehouse) -> Path:
    """Rebuild the catalog's views from the tables now on disk."""
    target = warehouse.root / CATALOG
    tmp = warehouse.root / (CATALOG + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(f"SET file_search_path = '{_sql_str(warehouse.root.resolve())}'")
        for table in TABLES:
            con.execute(view_sql(warehouse, table))
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def open_catalog(warehouse_root: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the catalog with paths resolved against the warehouse root."""
    root = Path(warehouse_root)
    path = root / CATALOG
    if not path.is_file():
        raise FileNotFoundError(f"no catalog at {path}: run `newsflow ingest` first")
    con = duckdb.connect(str(path), read_only=True)
    con.execute(f"SET file_search_path = '{_sql_str(root.resolve())}'")
    con.execute("SET TimeZone = 'Asia/Seoul'")   # show TIMESTAMPTZ columns in KST
    return con


def _sql_str(value: object) -> str:
    return str(value).replace("'", "''")
