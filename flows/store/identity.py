"""Whether a local folder is a newsflow warehouse, so a run never writes into (or moves, or
deletes) a folder that holds anything else.

A folder may become a warehouse when it does not exist, is empty, or holds only what a newsflow
warehouse holds: `_versions`, `current`, `catalog.duckdb` (and its temporary files), `.lock`,
`reports`, the tables' links, working folders starting with `_`, and a `README.md`/`.gitignore`/
`.gitkeep` (the project's own `warehouse/` keeps a README). A real folder named like a table is
accepted only as part of a warehouse from before snapshots (`is_flat_table`): its Parquet files
carry newsflow's schema metadata, or the folder holds that layout's `_commits`. Anything else is
the user's, and the run is refused (`foreign_entry`).
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq

from flows.store.schema import TABLES

OWN_ENTRIES = frozenset({
    "_versions", "current", "current.tmp", ".lock", "reports",
    "catalog.duckdb", "catalog.duckdb.wal", "catalog.duckdb.tmp", "catalog.duckdb.tmp.wal",
    "README.md", ".gitignore", ".gitkeep",
})
OLD_COMMITS = "_commits"          # the pre-snapshot layout's commit records
SCHEMA_KEY = b"newsflow.schema_version"


def is_flat_table(root: Path, name: str) -> bool:
    """Whether `root/name` is a table folder of a warehouse from before snapshots: the root holds
    `_commits`, or a Parquet file in the folder carries newsflow's schema metadata."""
    folder = root / name
    if name not in TABLES or folder.is_symlink() or not folder.is_dir():
        return False
    if (root / OLD_COMMITS).is_dir():
        return True
    for path in sorted(folder.rglob("*.parquet"))[:3]:
        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, ValueError):
            continue
        if SCHEMA_KEY in metadata:
            return True
    return False


def foreign_entry(root: str | os.PathLike) -> str | None:
    """The first entry of a local folder that is not part of a newsflow warehouse (None when the
    folder is missing, empty or a warehouse)."""
    folder = Path(root)
    if not folder.is_dir():
        return None
    for name in sorted(os.listdir(folder)):
        if name in OWN_ENTRIES or name.startswith("_"):
            continue
        if name in TABLES and ((folder / name).is_symlink() or is_flat_table(folder, name)):
            continue
        return name
    return None


def not_a_warehouse_problem(path: str) -> str | None:
    """Why a `--warehouse` folder is refused: it holds something a newsflow warehouse does not."""
    found = foreign_entry(path)
    if found is None:
        return None
    return f"{path} is not a newsflow warehouse (it holds {found!r}); give an empty or new folder"
