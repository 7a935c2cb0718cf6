"""The DuckDB catalog: a small `catalog.duckdb` in the warehouse holding only views and macros.

Table views read the current snapshot's Parquet files (`_versions/vNNNNNN/<table>/…`) by paths
relative to the warehouse root, so the warehouse can be moved and every query of one catalog
sees one consistent snapshot; a reader sets `file_search_path` to the root (`open_catalog`
does). The file is rebuilt under a temporary name after each commit and swapped in with
`os.replace`, so a reader holding the old file is never blocked.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from flows.store import open_warehouse
from flows.store.schema import TABLES
from flows.store.search import DEFAULT_DB as SEARCH_DB
from flows.store.search import build_index, missing_index_macro_sql
from flows.store.warehouse import Warehouse, WarehouseError, sql_str

# Views and macros on top of the tables: what people ask every day. A view binds the names in its
# body in the catalog it lives in, so the views work through `ATTACH 'catalog.duckdb' AS nf` with
# no `USE`; a table macro binds them in the caller's database, so `search` (flows/store/search.py)
# names its tables through its `db` parameter, and `kst` names none.
EXTRA_SQL = (
    # The KST day, whatever the reader's session time zone; an article that shows only a date counts on it.
    """CREATE OR REPLACE VIEW daily_counts AS
       SELECT coalesce(CAST(timezone('Asia/Seoul', published_ts) AS DATE), TRY_CAST(published_at AS DATE)) AS day,
              outlet, count(*) AS articles
       FROM articles WHERE published_ts IS NOT NULL OR TRY_CAST(published_at AS DATE) IS NOT NULL GROUP BY ALL""",
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


def table_source(warehouse: Warehouse, table: str) -> str:
    """What a query reads a table from: the current snapshot's Parquet files (paths resolved against
    the `file_search_path`), or a typed empty relation before the first commit."""
    spec = TABLES[table]
    version = warehouse.current_version()
    files = warehouse.parquet_files(table, version) if version else []
    if not files or version is None:
        columns = ", ".join(f"CAST(NULL AS {duck_type(f.type)}) AS {f.name}" for f in spec.schema)
        return f"(SELECT {columns} WHERE false)"
    # hive_partitioning=false: partition values are in the files (flows.store.layout)
    return f"read_parquet({warehouse.parquet_source(table, version)}, hive_partitioning=false, union_by_name=true)"


def view_sql(warehouse: Warehouse, table: str) -> str:
    columns = ", ".join(f.name for f in TABLES[table].schema)
    return f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} FROM {table_source(warehouse, table)}"


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
    version = warehouse.current_version()
    # DuckDB reads what follows a `?` in a database path as options (its write-ahead log then lands
    # elsewhere): such a catalog is built in a scratch folder and copied in (readers only read it)
    scratch = tempfile.mkdtemp(prefix="newsflow-catalog-") if "?" in str(tmp) else None
    built = Path(scratch) / tmp.name if scratch else tmp
    try:
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(built))
        try:
            warehouse.attach(con)
            _create_views(con, warehouse)
            build_index(con, previous=target)           # the search index and macro (flows/store/search.py)
            con.execute("CHECKPOINT")                # everything into the file: its WAL is not renamed with it
        finally:
            con.close()
        if built.with_name(built.name + ".wal").exists():
            raise duckdb.IOException("the new catalog's write-ahead log was not merged into it")
        if scratch:
            shutil.copyfile(built, tmp)
            with open(tmp, "rb") as copied:
                os.fsync(copied.fileno())
        written = _stored_version(tmp)               # checked before it is swapped in
        if written != version:
            raise duckdb.IOException(f"the new catalog file reads back {written!r}, not {version!r}")
        os.replace(tmp, target)
    except (OSError, duckdb.Error) as error:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        raise CatalogError(f"the catalog at {target} could not be rebuilt for snapshot {version} "
                           f"({' '.join(str(error).split())}); the catalog file in place was not replaced, and the "
                           f"next ingest or `newsflow repair` rebuilds it") from error
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


class CatalogError(WarehouseError):
    """The catalog could not be rebuilt (the committed snapshot is not affected)."""


def _stored_version(path: Path) -> str | None:
    """The snapshot a catalog file's views point at; raises duckdb.Error when it is no catalog."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT version FROM newsflow_catalog").fetchone()
        return row[0] if row else None
    finally:
        con.close()


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
    try:
        return _stored_version(path)
    except duckdb.Error:                             # damaged (not a DuckDB file, no version): rebuilt
        return None


def rebuild_damaged_catalog(warehouse: Warehouse, error: BaseException) -> None:
    """Rebuild a catalog a reader could not open, as the writer would (taking the writer lock),
    with a warning on stderr; `CatalogError` in one line when it cannot be done here."""
    from flows.store.warehouse import WarehouseBusy

    reason = " ".join(str(error).split())
    try:
        with warehouse.writer_lock():
            refresh_catalog(warehouse)
    except WarehouseBusy:
        raise CatalogError(f"the catalog at {warehouse.catalog_file()} cannot be read ({reason}) and an ingest "
                           f"is running: try again when it ends") from error
    except OSError as failure:
        raise CatalogError(f"the catalog at {warehouse.catalog_file()} cannot be read ({reason}) and cannot be "
                           f"rebuilt here ({failure.strerror or failure}): run `newsflow repair` where the "
                           f"warehouse is writable") from error
    sys.stderr.write(f"newsflow: warning: the catalog at {warehouse.catalog_file()} could not be read ({reason}); "
                     f"rebuilt from snapshot {warehouse.current_version()}\n")


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
        con.execute(missing_index_macro_sql())     # no index here: `newsflow search` builds one
    else:
        if not path.is_file():
            raise FileNotFoundError(f"no catalog at {path}: run `newsflow ingest` first")
        con = duckdb.connect()                     # attached as `nf`: the name `search` reads through
        try:
            con.execute(f"ATTACH '{sql_str(path)}' AS {SEARCH_DB} (READ_ONLY)")
            con.execute(f"SELECT version FROM {SEARCH_DB}.newsflow_catalog").fetchone()
        except duckdb.Error as error:              # damaged: rebuilt when the warehouse is writable
            con.close()
            if not warehouse.current_version():
                raise
            rebuild_damaged_catalog(warehouse, error)
            con = duckdb.connect()
            con.execute(f"ATTACH '{sql_str(path)}' AS {SEARCH_DB} (READ_ONLY)")
        con.execute(f"USE {SEARCH_DB}")
        warehouse.attach(con)
    con.execute("SET TimeZone = 'Asia/Seoul'")   # show TIMESTAMPTZ columns in KST
    return con

