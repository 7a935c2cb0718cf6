"""The warehouse on disk: versioned Parquet tables, the commit protocol, the writer lock, recovery.

Layout under the warehouse root:

    _versions/v000042/<table>/[<outlet>/<year>/]part-*.parquet   one complete, immutable snapshot per commit
    _versions/v000042/MANIFEST.json                      written last: the snapshot is complete
    current -> _versions/v000042                         the committed snapshot (a symlink)
    articles -> current/articles, rejects -> …          stable table paths for any Parquet reader
    catalog.duckdb                                       views pinned to the current snapshot
    .lock                                                held (flock) by the one writer

Commit (`Transaction.commit`): build the next snapshot beside the current one — files a commit
does not touch are hard-linked, files holding deleted/replaced rows are rewritten without them,
new rows become new files — write its MANIFEST, then switch `current` with one atomic rename of
a symlink. Readers resolve `current` when they open a path, so they see the old snapshot or the
new one, never a mix of a half-written run. A crash at any point leaves `current` on the last
committed snapshot; the next writer deletes unfinished snapshots (`recover`). Old snapshots are
kept for a while (`KEEP_VERSIONS`) so readers that resolved them keep working. Partition values
live in the files, never in folder names (`flows.store.layout` says why); files of the older Hive
layout (`outlet=…/year=…`) move to the new folders when the next commit carries them over.

`Transaction` asks its warehouse for every file operation, so the same commit runs on object
storage (`flows.store.objectstore`, chosen by `open_warehouse` for fsspec URLs).
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.store.identity import is_flat_table
from flows.store.integrity import FileFacts, check_snapshot, describe, describe_file, manifest_facts
from flows.store.layout import is_hive_path, partition_folders
from flows.store.schema import TABLES, table_row

# Told the name of each step of a run's commit as it ends (progress, or a test's fault injection).
PhaseHook = Callable[[str], None]

VERSIONS, CURRENT, LOCK, MANIFEST = "_versions", "current", ".lock", "MANIFEST.json"
CATALOG = "catalog.duckdb"
EMPTY_STEM = "empty"          # `<table>/empty-<run>.parquet`: the one file of a table with no rows


def sql_str(value: object) -> str:
    """A value inside a single-quoted SQL string literal."""
    return str(value).replace("'", "''")
KEEP_VERSIONS = 3
PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, row_group_size=64_000)
VERSION_RE = re.compile(r"^v(\d{6,})$")     # a snapshot folder's name: v000042
SEARCH_PATH_UNSAFE = set("?*[]{},\\")      # glob syntax and file_search_path's separator


class WarehouseError(RuntimeError):
    """The warehouse cannot do what was asked; the message (one line) says why and what to do."""


class WarehouseBusy(WarehouseError):
    """Another writer holds the warehouse lock."""


class WarehouseDamaged(WarehouseError):
    """A file of the snapshot a writer builds on does not match its MANIFEST (`newsflow repair`)."""


class WarehouseWriteFailed(WarehouseError):
    """Writing the next snapshot failed (a full disk, a read-only folder): nothing was committed."""


class Warehouse(ABC):
    """The interface every warehouse back-end implements (a local folder: `LocalWarehouse`; object
    storage through fsspec: `objectstore.ObjectWarehouse`), and what they share: reading a
    snapshot's table and starting a transaction through their own file operations. A file is
    whatever the back-end names it by (a `Path` locally, a store path remotely)."""

    # -- snapshots
    @abstractmethod
    def current_version(self) -> str | None:
        """The committed snapshot readers see (`v000012`), None before the first commit."""

    @abstractmethod
    def parquet_files(self, table: str, version: str | None = None) -> list[Any]:
        """The data files of a table in the current (or given) snapshot."""

    @abstractmethod
    def writer_lock(self) -> AbstractContextManager[None]:
        """Held by the one writer; raises WarehouseBusy when another holds it. Recovers on entry."""

    @abstractmethod
    def recover(self) -> list[str]:
        """Remove what a crashed writer left unfinished; the names removed."""

    @abstractmethod
    def switch_to(self, version: str) -> None:
        """Make a finished snapshot the one readers see, atomically."""

    @abstractmethod
    def collect_garbage(self, keep: int = KEEP_VERSIONS) -> list[str]:
        """Delete old snapshots beyond the newest `keep`; the names deleted."""

    # -- the file operations a transaction uses
    @abstractmethod
    def start_snapshot(self, version: str) -> None: ...

    @abstractmethod
    def snapshot_files(self, table: str, version: str) -> list[tuple[Any, str]]:
        """(file, its path inside the snapshot) of a table."""

    @abstractmethod
    def read_file(self, path: Any, columns: list[str] | None = None) -> pa.Table: ...

    @abstractmethod
    def write_bytes(self, data: pa.Buffer, version: str, relative: str) -> str:
        """A new data file of the next snapshot (its encoded bytes); its name in the MANIFEST."""

    @abstractmethod
    def carry_file(self, path: Any, version: str, relative: str) -> str:
        """An untouched file joins the next snapshot (linked or copied, never re-encoded)."""

    @abstractmethod
    def finish_snapshot(self, version: str, meta: dict, files: dict[str, list[str]],
                        facts: dict[str, FileFacts]) -> None:
        """Write the snapshot's MANIFEST (`manifest_data`): it is complete from then on. `files`
        and `facts` name files as `write_bytes` and `carry_file` returned them."""

    # -- what checking a snapshot needs (flows/store/integrity.py)
    @abstractmethod
    def manifest(self, version: str) -> dict:
        """A snapshot's MANIFEST (OSError when it is missing, ValueError when it is not JSON)."""

    @abstractmethod
    def snapshot_names(self) -> list[str]:
        """Every snapshot folder's name (`v000042`), committed or not, oldest first."""

    @abstractmethod
    def entry_path(self, entry: str) -> Any:
        """The file a MANIFEST names by its path from the root."""

    @abstractmethod
    def entry_of(self, path: Any) -> str:
        """A file's path from the root (how a MANIFEST names it)."""

    @abstractmethod
    def open_file(self, path: Any) -> BinaryIO:
        """A data file opened for reading its bytes."""

    def stray_files(self, version: str) -> list[tuple[str, str]]:
        """(table, path from the root) of files readers would see that the MANIFEST does not list."""
        return []

    def manifest_entries(self, version: str) -> dict[str, list[str]]:
        """Each table's data files of a snapshot by path from the root, whatever format wrote its
        MANIFEST (a warehouse migrated from the flat layout lists none: its folders are read)."""
        manifest = self.manifest(version)
        listed = manifest_files(manifest)
        if not listed:
            return {table: [self.entry_of(path) for path, _ in self.snapshot_files(table, version)]
                    for table in TABLES}
        prefix = f"{VERSIONS}/{version}/"
        return {table: [p if p.startswith(VERSIONS + "/") else prefix + p for p in paths]
                for table, paths in listed.items()}

    def uri(self, path: str) -> str:
        """What a reader outside this process opens for a data file (a local path as it is)."""
        return path

    # -- what the DuckDB catalog needs (flows/store/catalog.py asks, whatever the back-end)
    @abstractmethod
    def catalog_file(self) -> Path | None:
        """Where the catalog's DuckDB file lives, or None when the store cannot hold one (a bucket:
        the views are then built in memory each time the catalog is opened)."""

    @abstractmethod
    def parquet_source(self, table: str, version: str) -> str:
        """The SQL that names a snapshot's files of a table for `read_parquet(…)`."""

    @abstractmethod
    def attach(self, con: Any) -> None:
        """Let a DuckDB connection read this warehouse's files (search path, or filesystem)."""

    def location_text(self) -> str:
        """The warehouse's path or URL, for messages."""
        return str(self)

    def read(self, table: str, columns: list[str] | None = None, version: str | None = None) -> pa.Table:
        """A table of the current (or given) snapshot, as one Arrow table (empty if it has no rows)."""
        schema = TABLES[table].schema
        wanted = schema if columns is None else pa.schema([schema.field(c) for c in columns])
        parts = [_conform(self.read_file(path, columns), wanted) for path in self.parquet_files(table, version)]
        return pa.concat_tables(parts) if parts else wanted.empty_table()

    def transaction(self, run_id: str, verify: bool = True) -> "Transaction":
        """The next commit. `verify`: first check the current snapshot's files against its MANIFEST
        (size and row count) and refuse, with `WarehouseDamaged`, to build on a damaged one."""
        return Transaction(self, run_id, verify)


class LocalWarehouse(Warehouse):
    """A warehouse in a local folder (see `open_warehouse` for URLs)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    # -- snapshots
    def current_version(self) -> str | None:
        link = self.root / CURRENT
        return os.readlink(link).rsplit("/", 1)[-1] if link.is_symlink() else None

    def version_dir(self, version: str | None = None) -> Path | None:
        version = version or self.current_version()
        return self.root / VERSIONS / version if version else None

    def parquet_files(self, table: str, version: str | None = None) -> list[Path]:
        base = self.version_dir(version)
        folder = base / table if base else None
        return sorted(folder.rglob("*.parquet")) if folder and folder.is_dir() else []

    # -- the single writer
    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WarehouseBusy(f"another ingest is writing to {self.root}; try again when it ends") from None
            try:
                self.recover()
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def recover(self) -> list[str]:
        """Delete what a crashed writer left unfinished — snapshot folders newer than `current`
        that have no MANIFEST, never one that has —, restore a missing or broken `current` to the
        newest complete snapshot (with a warning on stderr), leave the stable table links in place,
        and move a pre-versioning warehouse into a first snapshot."""
        self._migrate_flat_layout()
        current = self._restore_current()
        removed = []
        for folder in sorted((self.root / VERSIONS).iterdir()) if (self.root / VERSIONS).is_dir() else []:
            unfinished = VERSION_RE.match(folder.name) and not (folder / MANIFEST).exists() and (
                current is None or folder.name > current)
            if folder.name != current and (unfinished or not VERSION_RE.match(folder.name)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        (self.root / (CURRENT + ".tmp")).unlink(missing_ok=True)
        shutil.rmtree(self.root / "_staging", ignore_errors=True)
        self._link_tables()
        return removed

    def _complete(self, version: str) -> bool:
        """Whether a snapshot's MANIFEST is there and whole (it is written last, renamed into place)."""
        try:
            return isinstance(self.manifest(version), dict)
        except (OSError, ValueError):
            return False

    def _restore_current(self) -> str | None:
        """`current`, or, when it is missing or names a snapshot that is gone or has no whole
        MANIFEST, the newest complete snapshot made current again (None when there is none)."""
        current = self.current_version()
        if current is not None and self._complete(current):
            return current
        complete = [v for v in reversed(self.snapshot_names()) if self._complete(v)]
        if not complete:
            return None
        was = "was missing" if current is None else f"named {current}, which is missing or has no whole MANIFEST"
        sys.stderr.write(f"newsflow: warning: {self.root / CURRENT} {was}; restored to the newest complete "
                         f"snapshot {complete[0]}\n")
        self.switch_to(complete[0])
        return complete[0]

    def _migrate_flat_layout(self) -> None:
        """Warehouses written before snapshots kept tables as plain folders: they become v000001.
        Only folders that really are such tables move (`identity.is_flat_table`): a folder of the
        user's that is merely named like a table is left where it is."""
        flat = [name for name in TABLES if is_flat_table(self.root, name)]
        if not flat or self.current_version():
            return
        first = self.root / VERSIONS / "v000001"
        first.mkdir(parents=True, exist_ok=True)
        for name in flat:
            os.replace(self.root / name, first / name)
        _write_json(first / MANIFEST, {"version": "v000001", "migrated": flat})
        self.switch_to("v000001")
        shutil.rmtree(self.root / "_commits", ignore_errors=True)

    def _link_tables(self) -> None:
        for name in TABLES:
            link = self.root / name
            if not link.is_symlink() and not link.exists():
                os.symlink(os.path.join(CURRENT, name), link)

    def switch_to(self, version: str) -> None:
        tmp = self.root / (CURRENT + ".tmp")
        tmp.unlink(missing_ok=True)
        os.symlink(os.path.join(VERSIONS, version), tmp)
        os.replace(tmp, self.root / CURRENT)          # atomic: readers see old or new
        _fsync_dir(self.root)

    def collect_garbage(self, keep: int = KEEP_VERSIONS) -> list[str]:
        folder = self.root / VERSIONS
        versions = sorted(p.name for p in folder.iterdir() if VERSION_RE.match(p.name)) if folder.is_dir() else []
        current = self.current_version()
        old = [v for v in versions if v != current][: max(0, len(versions) - keep)]
        for version in old:
            shutil.rmtree(self.root / VERSIONS / version, ignore_errors=True)
        return old

    # -- the file operations a transaction uses (objectstore.ObjectWarehouse has the same)
    def start_snapshot(self, version: str) -> None:
        (self.root / VERSIONS / version).mkdir(parents=True, exist_ok=True)

    def snapshot_files(self, table: str, version: str) -> list[tuple[Path, str]]:
        """(file, its path inside the snapshot) of a table."""
        base = self.root / VERSIONS / version
        return [(path, path.relative_to(base).as_posix()) for path in self.parquet_files(table, version)]

    def read_file(self, path: Path, columns: list[str] | None = None) -> pa.Table:
        return pq.read_table(path, columns=columns)

    def write_bytes(self, data: pa.Buffer, version: str, relative: str) -> str:
        _write_new_file(data, self.root / VERSIONS / version / relative)
        return relative

    def carry_file(self, path: Path, version: str, relative: str) -> str:
        """An untouched file joins the next snapshot as a hard link (no bytes copied)."""
        target = self.root / VERSIONS / version / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(path, target)
        return relative

    def catalog_file(self) -> Path | None:
        return self.root / CATALOG

    def parquet_source(self, table: str, version: str) -> str:
        """A glob resolved against the search path (the catalog keeps working when the warehouse
        folder moves), unless the root's path holds what DuckDB reads as glob syntax or as the
        search path's separator (`?`, `*`, `[`, `{`, `,`…): then the snapshot's files, named in full."""
        if set(str(self.root.resolve())) & SEARCH_PATH_UNSAFE:
            files = (sql_str(path.resolve()) for path in self.parquet_files(table, version))
            return "[" + ", ".join(f"'{name}'" for name in files) + "]"
        return f"'{VERSIONS}/{version}/{table}/**/*.parquet'"     # resolved against the search path

    def attach(self, con: Any) -> None:
        con.execute(f"SET file_search_path = '{sql_str(self.root.resolve())}'")

    def location_text(self) -> str:
        return str(self.root)

    def finish_snapshot(self, version: str, meta: dict, files: dict[str, list[str]],
                        facts: dict[str, FileFacts]) -> None:
        target = self.root / VERSIONS / version
        in_snapshot = f"{VERSIONS}/{version}/"          # (a local snapshot links every file it lists)
        listed = {table: [in_snapshot + path for path in paths] for table, paths in files.items()}
        described = {in_snapshot + path: known for path, known in facts.items()}
        _write_json(target / MANIFEST, manifest_data(meta, listed, described))
        _fsync_dir(target)

    def manifest(self, version: str) -> dict:
        with open(self.root / VERSIONS / version / MANIFEST, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict):
            raise ValueError(f"{VERSIONS}/{version}/{MANIFEST} holds no JSON object")
        return data

    def snapshot_names(self) -> list[str]:
        folder = self.root / VERSIONS
        return sorted(p.name for p in folder.iterdir() if VERSION_RE.match(p.name)) if folder.is_dir() else []

    def entry_path(self, entry: str) -> Path:
        return self.root / entry

    def entry_of(self, path: Path) -> str:
        return Path(path).relative_to(self.root).as_posix()

    def open_file(self, path: Path) -> BinaryIO:
        return open(path, "rb")

    def stray_files(self, version: str) -> list[tuple[str, str]]:
        """Readers of a local snapshot read its folders (`warehouse/articles/**`), so a Parquet file
        there that the MANIFEST does not list is read as if it belonged."""
        listed = {entry for entries in self.manifest_entries(version).values() for entry in entries}
        return [(table, self.entry_of(path)) for table in TABLES for path in self.parquet_files(table, version)
                if self.entry_of(path) not in listed]


MANIFEST_FORMAT = 3


def manifest_data(meta: dict, files: dict[str, list[str]], facts: dict[str, FileFacts]) -> dict:
    """A snapshot's MANIFEST, the same for every back-end: the snapshot's `version`, `run_id` and
    `parent`, the `format`, `files`: each table's data files by their path from the warehouse's
    root (`_versions/v000042/articles/newsis/2024/part-….parquet`), and `facts`: each of those
    paths' `{"size", "rows", "sha256"}` (flows/store/integrity.py). Format 2 had no `facts`;
    format 1 listed the files under `objects` on object storage and relative to the snapshot
    folder locally. All three are read."""
    return {**meta, "format": MANIFEST_FORMAT, "files": files,
            "facts": {entry: known.as_json() for entry, known in sorted(facts.items())}}


def manifest_files(manifest: dict) -> dict[str, list[str]]:
    """Each table's files of a MANIFEST, root-relative, whatever format wrote it."""
    if "objects" in manifest:                          # format 1 on object storage (root-relative already)
        return manifest["objects"]
    return manifest.get("files", {})


# Rows a table buffers before they are written (bounds the writer's memory: ~5 KB an article).
FLUSH_ROWS = {"articles": 5_000, "boilerplate": 50_000}
DEFAULT_FLUSH_ROWS = 20_000


class Transaction:
    """Rows to add and keys to delete, per table; `commit` turns them into the next snapshot.

    Appended rows are written to the next snapshot's folder as soon as a table has buffered
    enough of them (memory stays flat over any number of files); that folder is invisible until
    `commit` switches to it, and a crash leaves it to `recover`. Deletes apply to the rows of the
    current snapshot. File operations go through the warehouse, local or object storage."""

    def __init__(self, warehouse: Warehouse, run_id: str, verify: bool = True):
        self.warehouse, self.run_id = warehouse, run_id
        self.appends: dict[str, list[dict]] = {}
        self.written: dict[str, list[str]] = {}
        self.deletes: dict[str, set] = {}
        self.rewrite_all: set[str] = set()
        self.dropped: set[str] = set()           # base files left out of the next snapshot (repair)
        self.facts: dict[str, FileFacts] = {}    # the next snapshot's files, as the MANIFEST names them
        self.base = warehouse.current_version()
        # after every snapshot folder there is (one left complete but never made current is kept)
        numbers = [int(m.group(1)) for m in map(VERSION_RE.match, [*warehouse.snapshot_names(), self.base or ""]) if m]
        self.version = f"v{max(numbers, default=0) + 1:06d}"
        self.started = False
        self.counter = iter(range(10_000_000))
        self.base_facts: dict[str, FileFacts] = {}
        if self.base:
            if verify:
                self._verify_base()
            try:
                self.base_facts = manifest_facts(warehouse.manifest(self.base))
            except (OSError, ValueError):
                pass

    def _verify_base(self) -> None:
        """Refuse to build on a snapshot with a damaged file (size or footer row count not the
        MANIFEST's, missing, unreadable): reading it would fail half-way, and linking it would
        share the damage with the next snapshot."""
        assert self.base is not None
        problems = check_snapshot(self.warehouse, self.base)
        if problems:
            raise WarehouseDamaged(
                f"snapshot {self.base} of {self.warehouse.location_text()} has {len(problems)} damaged "
                f"file(s), first {problems[0]}; nothing was written: `newsflow check` lists them, "
                f"`newsflow repair` rebuilds what it can")

    def drop_file(self, entry: str) -> None:
        """Leave a file of the base snapshot (its path from the root) out of the next one, rows and
        all (`newsflow repair`, for a damaged file)."""
        self.dropped.add(entry)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write that fails (a full disk, a read-only folder) ends the commit: what it wrote is
        removed, the current snapshot stays as it was, and the error says so in one line."""
        try:
            yield
        except OSError as error:
            try:
                self.warehouse.recover()
            except OSError:
                pass                            # the next writer's recovery removes it
            raise WarehouseWriteFailed(
                f"cannot write snapshot {self.version} to {self.warehouse.location_text()} "
                f"({error.strerror or error}): nothing was committed, the warehouse still shows "
                f"{self.base or 'no snapshot'}") from error

    def _write(self, table: pa.Table, relative: str) -> str:
        """Rows as one new file of the next snapshot, described for its MANIFEST."""
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, **PARQUET_OPTIONS)
        data = sink.getvalue()
        name = self.warehouse.write_bytes(data, self.version, relative)
        self.facts[name] = describe(data, table.num_rows)
        return name

    def _carry(self, path: Any, relative: str) -> str:
        """An untouched file of the base snapshot joins the next one with the facts it was written
        with (a file of an older MANIFEST, which has none, is described once)."""
        name = self.warehouse.carry_file(path, self.version, relative)
        known = self.base_facts.get(self.warehouse.entry_of(path))
        if known is None:
            with self.warehouse.open_file(path) as handle:
                known = describe_file(handle)
        self.facts[name] = known
        return name

    def append(self, table: str, rows: Iterable[dict]) -> None:
        """Rows for a table, checked against its schema (`schema.table_row`): every row of every
        table enters the warehouse here."""
        buffer = self.appends.setdefault(table, [])
        buffer.extend(table_row(table, row) for row in rows)
        if len(buffer) >= FLUSH_ROWS.get(table, DEFAULT_FLUSH_ROWS):
            self._flush(table)

    def _start(self) -> None:
        if not self.started:
            self.warehouse.start_snapshot(self.version)
            self.started = True

    def _flush(self, table: str) -> None:
        rows = self.appends.get(table)
        if not rows:
            return
        with self._writing():
            self._start()
            self.written.setdefault(table, []).extend(self._write_rows(table, rows))
        self.appends[table] = []

    def delete(self, table: str, keys: Iterable) -> None:
        self.deletes.setdefault(table, set()).update(k for k in keys if k is not None)

    def compact(self, table: str) -> None:
        """Rewrite the table as one file per partition (same rows)."""
        self.rewrite_all.add(table)

    @property
    def empty(self) -> bool:
        return not (any(self.appends.values()) or any(self.written.values()) or any(self.deletes.values())
                    or self.rewrite_all or self.dropped)

    def commit(self, on_phase: PhaseHook | None = None) -> str | None:
        """Write the next snapshot and switch to it. Returns its name, or None when there was
        nothing to write (a run that changed nothing leaves the warehouse untouched). `on_phase`
        is told each step as it ends (`table:<name>`, `before_switch`, `after_switch`)."""
        on_phase = on_phase or _no_phase
        if self.empty:
            return None
        with self._writing():
            self._start()
            files: dict[str, list[str]] = {}
            for name, spec in TABLES.items():
                files[name] = self._carry_over(name, spec)
                self._flush(name)
                files[name] += self.written.get(name, [])
                if not files[name]:        # an empty table is one empty file: readers still get its columns
                    files[name] = [self._write(spec.schema.empty_table(), f"{name}/{EMPTY_STEM}-{self.run_id}.parquet")]
                on_phase(f"table:{name}")
            listed = {name for paths in files.values() for name in paths}
            self.warehouse.finish_snapshot(self.version, {"version": self.version, "run_id": self.run_id,
                                                          "parent": self.base}, files,
                                           {name: known for name, known in self.facts.items() if name in listed})
            on_phase("before_switch")
            self.warehouse.switch_to(self.version)
        on_phase("after_switch")
        return self.version

    def _carry_over(self, name: str, spec) -> list[str]:
        """Files of the current snapshot: kept if untouched, rewritten without deleted rows."""
        wh, keys = self.warehouse, self.deletes.get(name)
        old = wh.snapshot_files(name, self.base) if self.base else []
        old = [(path, relative) for path, relative in old if not relative.rsplit("/", 1)[-1].startswith(EMPTY_STEM)
               and wh.entry_of(path) not in self.dropped]
        if name in self.rewrite_all and old:
            table = pa.concat_tables([_conform(wh.read_file(path), spec.schema) for path, _ in old])
            if keys:
                table = table.filter(pc.invert(pc.is_in(table[spec.key], value_set=pa.array(sorted(keys)))))
            return self._write_rows(name, table.to_pylist(), compacting=True)
        out: list[str] = []
        moved = [(path, relative) for path, relative in old if is_hive_path(relative)]
        if moved:          # the older Hive layout: rewritten into the new folders (values are in the files)
            table = pa.concat_tables([_conform(wh.read_file(path), spec.schema) for path, _ in moved])
            if keys:
                table = table.filter(pc.invert(pc.is_in(table[spec.key], value_set=pa.array(sorted(keys)))))
            out += self._write_rows(name, table.to_pylist())
            old = [(path, relative) for path, relative in old if not is_hive_path(relative)]
        for path, relative in old:
            if keys:
                column = wh.read_file(path, [spec.key])[spec.key]
                hit = pc.is_in(column, value_set=pa.array(sorted(keys), type=column.type))
                if pc.any(hit).as_py():
                    kept = _conform(wh.read_file(path), spec.schema).filter(pc.invert(hit))
                    if kept.num_rows:
                        folder = relative.rsplit("/", 1)[0]
                        new_relative = f"{folder}/part-{self.run_id}-{next(self.counter):04d}.parquet"
                        out.append(self._write(kept, new_relative))
                    continue
            out.append(self._carry(path, relative))
        return out

    def _write_rows(self, name: str, rows: list[dict], compacting: bool = False) -> list[str]:
        """Rows as new files of the next snapshot, one per partition."""
        spec = TABLES[name]
        groups: dict[tuple, list[dict]] = {}
        for row in rows:
            groups.setdefault(tuple(row.get(c) for c in spec.partition), []).append(row)
        written = []
        for values, group in sorted(groups.items(), key=lambda kv: str(kv[0])):
            parts = partition_folders(spec.partition, values)
            stem = "compact" if compacting else "part"
            relative = "/".join([name, *parts, f"{stem}-{self.run_id}-{next(self.counter):04d}.parquet"])
            written.append(self._write(pa.Table.from_pylist(group, schema=spec.schema), relative))
        return written


def _write_new_file(data: pa.Buffer, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(memoryview(data))
    os.replace(tmp, path)


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Old files lack newer columns: add them as nulls, in the schema's order."""
    columns = []
    for field in schema:
        if field.name in table.column_names:
            columns.append(table[field.name].cast(field.type))
        else:
            columns.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _no_phase(phase: str) -> None:
    """The default phase callback: nothing to report."""
