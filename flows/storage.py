"""The warehouse on disk: Parquet tables, the commit protocol, the writer lock and recovery.

Layout under the warehouse root:

    articles/outlet=<id>/year=<yyyy>/part-<run_id>.parquet   committed data only
    rejects/part-<run_id>.parquet
    _staging/<run_id>/...        a run's files before commit (outside every table folder)
    _staging/<run_id>/MANIFEST   written last when staging is complete: the run is "prepared"
    _commits/<run_id>.json       written after every file is in place: the run is committed
    .lock                        held (flock) by the one writer
    catalog.duckdb               views over the tables (see flows.catalog)

Commit: stage every file, write MANIFEST atomically, `os.replace` each file into its table
folder (each file appears whole: readers never see a partial Parquet file), then write the
commit record. Recovery at the next writer start: a prepared run is rolled forward (finish
the moves, write the record); an unprepared one is deleted. Null partition values use the
Hive convention `__HIVE_DEFAULT_PARTITION__`, which DuckDB, pyarrow and Spark read as NULL.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES

HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
STAGING, COMMITS, LOCK = "_staging", "_commits", ".lock"
PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, row_group_size=64_000)


class WarehouseBusy(RuntimeError):
    """Another writer holds the warehouse lock."""


class Warehouse:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def table_dir(self, table: str) -> Path:
        return self.root / table

    def parquet_files(self, table: str) -> list[Path]:
        folder = self.table_dir(table)
        return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []

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
        """Finish prepared runs left by a crash; drop unprepared ones. Returns the rolled-forward run ids."""
        staging = self.root / STAGING
        rolled = []
        for run_dir in sorted(staging.iterdir()) if staging.is_dir() else []:
            manifest = run_dir / "MANIFEST"
            if manifest.is_file():
                self._publish(run_dir, json.loads(manifest.read_text()))
                rolled.append(run_dir.name)
            else:
                shutil.rmtree(run_dir)
        return rolled

    # -- reading what is there
    def known_sources(self) -> set[str]:
        """sha256 of every raw file already loaded, as an article or a reject."""
        known: set[str] = set()
        for table in ("articles", "rejects"):
            for path in self.parquet_files(table):
                column = pq.read_table(path, columns=["source_sha256"]).column(0)
                known.update(v for v in column.to_pylist() if v)
        return known

    # -- writing a run
    def commit(self, run_id: str, rows_by_table: dict[str, list[dict]], summary: dict) -> list[str]:
        """Write the run's rows and make them visible; return the committed file paths (relative)."""
        run_dir = self.root / STAGING / run_id
        files: list[str] = []
        for table, rows in rows_by_table.items():
            if rows:
                files += self._stage(run_dir, table, run_id, rows)
        manifest = {"run_id": run_id, "files": files, "summary": summary}
        _write_atomic(run_dir / "MANIFEST", json.dumps(manifest, ensure_ascii=False, indent=1))
        self._publish(run_dir, manifest)
        return files

    def _stage(self, run_dir: Path, table: str, run_id: str, rows: list[dict]) -> list[str]:
        schema, partition_cols = TABLES[table]
        groups: dict[tuple, list[dict]] = {}
        for row in rows:
            groups.setdefault(tuple(row.get(c) for c in partition_cols), []).append(row)
        written = []
        for values, group in sorted(groups.items(), key=lambda kv: str(kv[0])):
            parts = [f"{c}={HIVE_NULL if v is None else v}" for c, v in zip(partition_cols, values)]
            relative = Path(table, *parts, f"part-{run_id}.parquet")
            target = run_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(group, schema=schema), target, **PARQUET_OPTIONS)
            written.append(relative.as_posix())
        return written

    def _publish(self, run_dir: Path, manifest: dict) -> None:
        for relative in manifest["files"]:
            staged, final = run_dir / relative, self.root / relative
            if staged.exists():
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, final)
        record = {key: manifest[key] for key in ("run_id", "files", "summary")}
        _write_atomic(self.root / COMMITS / f"{manifest['run_id']}.json", json.dumps(record, ensure_ascii=False, indent=1))
        shutil.rmtree(run_dir, ignore_errors=True)

    def committed_runs(self) -> list[dict]:
        folder = self.root / COMMITS
        return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
