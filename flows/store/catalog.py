"""The DuckDB catalog: a small `catalog.duckdb` in the warehouse holding only views and macros.

Table views read the current snapshot's Parquet files (`_versions/vNNNNNN/<table>/…`) by paths
relative to the warehouse root, so the warehouse can be moved and every query of one catalog
sees one consistent snapshot; a reader sets `file_search_path` to the root (`open_catalog`
does). The file is rebuilt under a temporary name after each commit and swapped in with
`os.replace`, so a reader holding the old file is never blocked.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

from flows.store import open_warehouse
from flows.store.schema import TABLES
from flows.store.warehouse import Warehouse

# Views and macros on top of the tables: what people ask every day.
EXTRA_SQL = (
    """CREATE OR REPLACE VIEW daily_counts AS
       SELECT CAST(published_ts AS DATE) AS day, outlet, count(*) AS articles
       FROM articles WHERE published_ts IS NOT NULL GROUP BY ALL""",
    """CREATE OR REPLACE VIEW articles_by_author AS
       SELECT author, outlet, count(*) AS articles,
              min(published_at) AS first_published, max(published_at) AS last_published
       FROM (SELECT unnest(authors) AS author, outlet, published_at FROM articles) GROUP BY ALL""",
    """CREATE OR REPLACE VIEW boilerplate_by_reason AS
       SELECT outlet, reason, count(*) AS lines, count(DISTINCT article_id) AS articles
       FROM boilerplate GROUP BY ALL""",
    """CREATE OR REPLACE VIEW duplicate_clusters AS
       SELECT d.cluster_id, count(*) AS members, list(a.outlet ORDER BY a.outlet) AS outlets,
              min(d.similarity) AS min_similarity, any_value(a.title) AS a_title
       FROM duplicates d JOIN articles a USING (article_id) GROUP BY d.cluster_id""",
    """CREATE OR REPLACE MACRO search(words) AS TABLE
       SELECT article_id, outlet, published_at, title FROM articles
       WHERE contains(title, words) OR contains(body, words)""",
    """CREATE OR REPLACE MACRO kst(ts) AS timezone('Asia/Seoul', ts)""",
)


def duck_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return duck_type(arrow_type.value_type) + "[]"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_uint64(arrow_type):
        return "UBIGINT"
    if pa.types.is_float32(arrow_type):
        return "FLOAT"
    if pa.types.is_binary(arrow_type):
        return "BLOB"
    if pa.types.is_date(arrow_type):
        return "DATE"
    return "VARCHAR"


def view_sql(warehouse: Warehouse, table: str) -> str:
    spec = TABLES[table]
    version = warehouse.current_version()
    files = warehouse.parquet_files(table, version) if version else []
    if not files or version is None:
        columns = ", ".join(f"CAST(NULL AS {duck_type(f.type)}) AS {f.name}" for f in spec.schema)
        return f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} WHERE false"
    hive_types = ", ".join(f"'{c}': {duck_type(spec.schema.field(c).type)}" for c in spec.partition)
    options = f"hive_partitioning=true, hive_types={{{hive_types}}}" if spec.partition else "hive_partitioning=false"
    columns = ", ".join(f.name for f in spec.schema)
    source = warehouse.parquet_source(table, version)
    return (
        f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} FROM read_parquet({source}, {options}, union_by_name=true)"
    )


def _create_views(con: duckdb.DuckDBPyConnection, warehouse) -> None:
    for table in TABLES:
        con.execute(view_sql(warehouse, table))
    for statement in EXTRA_SQL:
        con.execute(statement)
    con.execute("CREATE OR REPLACE TABLE newsflow_catalog AS SELECT ? AS version", [warehouse.current_version()])


def refresh_catalog(warehouse: Warehouse) -> Path | None:
    """Rebuild the catalog's views for the current snapshot. A warehouse on object storage has no
    catalog file (DuckDB cannot write a database there): `open_catalog` builds its views."""
    target = warehouse.catalog_file()
    if target is None:
        return None
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        warehouse.attach(con)
        _create_views(con, warehouse)
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def catalog_is_current(warehouse: Warehouse) -> bool:
    """Whether the catalog's views show the current snapshot (always, for object storage)."""
    path = warehouse.catalog_file()
    if path is None:
        return True
    return path.is_file() and catalog_version(warehouse) == warehouse.current_version()


def catalog_version(warehouse: Warehouse) -> str | None:
    """The snapshot the catalog's views point at (None when there is no catalog)."""
    path = warehouse.catalog_file()
    if path is None or not path.is_file():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT version FROM newsflow_catalog").fetchone()
        return row[0] if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def open_catalog(warehouse_root: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the catalog with paths resolved against the warehouse root; for
    a warehouse on object storage, an in-memory database with the same views over the current
    snapshot's files, read through the warehouse's fsspec filesystem."""
    warehouse = open_warehouse(warehouse_root)
    path = warehouse.catalog_file()
    if path is None:                               # no catalog file: the views, built in memory
        if not warehouse.current_version():
            raise FileNotFoundError(f"no snapshot at {warehouse.location_text()}: run `newsflow ingest` first")
        con = duckdb.connect()
        warehouse.attach(con)
        _create_views(con, warehouse)
    else:
        if not path.is_file():
            raise FileNotFoundError(f"no catalog at {path}: run `newsflow ingest` first")
        con = duckdb.connect(str(path), read_only=True)
        warehouse.attach(con)
    con.execute("SET TimeZone = 'Asia/Seoul'")   # show TIMESTAMPTZ columns in KST
    return con



