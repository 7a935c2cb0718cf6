"""Where a table's rows go inside a snapshot: `<table>/<outlet>/<year>/part-….parquet`.

Partition values are kept **in the files and not in the path**. Folder names hold no `=`, so no
reader infers Hive partitions from them: `pandas.read_parquet`, `pyarrow.parquet.read_table`,
`pyarrow.dataset`, polars, DuckDB and Spark all read `warehouse/articles` as the files' own typed
columns (`outlet` a string, `year` an int32, nulls as nulls). Written as Hive folders
(`outlet=yna/year=2024`), the same values would be typed by each reader's guess (pyarrow makes them
dictionaries, which pandas then fails to unify with the files' strings or with a null partition),
and a value from a page would become a path. The folders only group files, so a reader that
filters on `outlet` or `year` still skips row groups by their statistics.

Folder names are cleaned: an outlet is an id from a fixed alphabet (`a-z 0-9 . -`, at most 64
characters, never starting with `.` or `_`, which readers take for hidden files); anything else is
replaced by a short hash of it. A missing value is `unknown` (outlet) or `undated` (year).
"""
from __future__ import annotations

import hashlib
import re

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{0,63}$")
MISSING = {"outlet": "unknown", "year": "undated"}


def folder_name(column: str, value: object) -> str:
    """A partition value as one folder name: safe on every file system and object store."""
    if value is None:
        return MISSING.get(column, "none")
    text = str(value).lower()
    if SAFE_NAME.match(text) and ".." not in text:
        return text
    return "h-" + hashlib.sha256(str(value).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def partition_folders(columns: tuple[str, ...], values: tuple) -> list[str]:
    """The folders (outermost first) that hold rows with these partition values."""
    return [folder_name(column, value) for column, value in zip(columns, values)]


def is_hive_path(relative: str) -> bool:
    """Whether a file sits in the older layout's `column=value` folders (moved on the next commit)."""
    return any("=" in part for part in relative.split("/")[1:-1])


def needs_compaction(relatives: list[str]) -> bool:
    """Whether a table's files (paths inside a snapshot) would change if compacted: a folder holds
    more than one file, or a file is still in the older Hive layout."""
    folders = [relative.rsplit("/", 1)[0] for relative in relatives]
    return len(folders) != len(set(folders)) or any(is_hive_path(relative) for relative in relatives)
