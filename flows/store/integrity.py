"""What a snapshot's MANIFEST says about each of its data files, and checking the files against it.

A commit describes every data file of its snapshot in the MANIFEST (format 3, `facts`): its size
in bytes, its row count and the sha256 of its bytes (`FileFacts`). A file an older commit wrote
keeps the facts it was written with, so they still describe what was written, not what is there
now. Two depths of checking:

    quick   the size and the Parquet footer's row count: reads a few KB a file, so every writer
            runs it on the snapshot it builds on (`Transaction`) before it reads or links a file
    full    also the sha256 of every byte (reads every file): `newsflow check`

A file of an older MANIFEST (format 1 or 2, no facts) is checked for being there and readable.
sha256 is hashlib's (no xxhash in the environment); it costs one extra pass over the bytes a
commit writes (in memory, before they go to disk) and a full read in `newsflow check`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

READ_CHUNK = 1 << 20


class CheckedStore(Protocol):
    """What checking a snapshot asks of a warehouse (`flows.store.warehouse.Warehouse` has it; named
    here so that this module does not import the warehouse that imports it)."""

    def manifest(self, version: str) -> dict: ...
    def entry_path(self, entry: str) -> Any: ...
    def open_file(self, path: Any) -> BinaryIO: ...
    def stray_files(self, version: str) -> list[tuple[str, str]]: ...
    def manifest_entries(self, version: str) -> dict[str, list[str]]: ...


@dataclass(frozen=True)
class FileFacts:
    """A data file as its commit wrote it."""

    size: int            # bytes
    rows: int            # rows (the Parquet footer's count)
    sha256: str          # of the file's bytes

    def as_json(self) -> dict[str, Any]:
        return {"size": self.size, "rows": self.rows, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> FileFacts | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["size"]), int(data["rows"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a warehouse: where (a data file by its path from the root, the MANIFEST,
    `current`, the catalog) and what."""

    where: str
    what: str
    table: str | None = None     # the table of a damaged data file

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def describe(data: pa.Buffer | bytes, rows: int) -> FileFacts:
    """The facts of a file about to be written from these bytes."""
    return FileFacts(len(data), rows, hashlib.sha256(data).hexdigest())


def describe_file(handle: BinaryIO) -> FileFacts:
    """The facts of a file already written (one read; the row count from its footer)."""
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(READ_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return FileFacts(size, pq.read_metadata(handle).num_rows, digest.hexdigest())


def manifest_facts(manifest: dict) -> dict[str, FileFacts]:
    """Each data file's facts of a MANIFEST, by its path from the root ({} before format 3)."""
    facts = manifest.get("facts")
    if not isinstance(facts, dict):
        return {}
    out = {}
    for entry, data in facts.items():
        known = FileFacts.from_json(data)
        if known is not None:
            out[entry] = known
    return out


def check_file(warehouse: CheckedStore, entry: str, facts: FileFacts | None, full: bool) -> str | None:
    """What is wrong with one data file (named by its path from the root), or None when it matches
    its facts (or, without facts, is a readable Parquet file)."""
    try:
        handle = warehouse.open_file(warehouse.entry_path(entry))
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"cannot be opened ({error.strerror or error})"
    with handle:
        size = handle.seek(0, 2)
        if facts is not None and size != facts.size:
            return f"{size} bytes, the MANIFEST says {facts.size} (truncated or overwritten)"
        handle.seek(0)
        try:
            rows = pq.read_metadata(handle).num_rows
        except (pa.ArrowException, OSError) as error:
            return f"not a readable Parquet file ({_one_line(error)})"
        if facts is not None and rows != facts.rows:
            return f"{rows} rows, the MANIFEST says {facts.rows}"
        if not full:
            return None
        handle.seek(0)
        if facts is not None:
            if describe_file(handle).sha256 != facts.sha256:
                return "its bytes' sha256 differs from the MANIFEST's (damaged in place)"
            return None
        try:
            pq.read_table(handle)
        except (pa.ArrowException, OSError) as error:
            return f"not a readable Parquet file ({_one_line(error)})"
    return None


def check_snapshot(warehouse: CheckedStore, version: str, full: bool = False) -> list[Problem]:
    """Every data file of a snapshot against its MANIFEST (`full`: checksums too), plus files a
    reader would see that the MANIFEST does not list."""
    try:
        manifest = warehouse.manifest(version)
    except (OSError, ValueError) as error:
        return [Problem(f"_versions/{version}/MANIFEST.json", f"missing or unreadable ({_one_line(error)})")]
    facts = manifest_facts(manifest)
    problems = []
    for table, entries in warehouse.manifest_entries(version).items():
        for entry in entries:
            what = check_file(warehouse, entry, facts.get(entry), full)
            if what is not None:
                problems.append(Problem(entry, what, table))
    for table, entry in warehouse.stray_files(version):
        problems.append(Problem(entry, "not in the MANIFEST, but readers of the folder see it", table))
    return problems


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
