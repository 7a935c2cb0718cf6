"""The warehouse on object storage (any fsspec URL: `s3://bucket/wh`, `gs://…`, `memory://…`).

Object stores have no symlinks, hard links, renames or flock, so the local commit protocol
(`storage.Warehouse`) becomes:

    _versions/v000042/<table>/[k=v/...]part-*.parquet   files a commit wrote (immutable)
    _versions/v000042/MANIFEST.json                      the snapshot: every file of every table,
                                                         by path from the root — a file an older
                                                         commit wrote is listed, not copied
    _CURRENT.json                                        {"version": "v000042"}: the commit point
    _LEASE.json                                          the writer's lease (owner, expiry)

Commit: write the new files, then the MANIFEST, then overwrite `_CURRENT.json` with one PUT —
object PUTs are atomic, so a reader that reads the pointer and then that MANIFEST sees one whole
snapshot. A crash before the PUT leaves the old pointer; the next writer deletes what newer
snapshots left behind. One writer at a time: `_LEASE.json` is created with exclusive create
(`x` mode: S3 `If-None-Match` in s3fs >= 2025.7, whose earlier releases wrote small files in
`x` mode as in `w`; gcsfs and adlfs likewise; local and memory filesystems) and expires after
LEASE_SECONDS, so a crashed writer's lease is taken over later. Stores whose fsspec driver lacks exclusive create fall
back to check-then-write, which is only safe when the scheduler runs one ingest at a time (the
Prefect deployment's concurrency limit of 1). Garbage collection keeps KEEP_VERSIONS snapshots
and every file they list.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import BinaryIO, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from flows.store import location
from flows.store.integrity import FileFacts
from flows.store.warehouse import (
    KEEP_VERSIONS,
    MANIFEST,
    VERSION_RE,
    VERSIONS,
    Warehouse,
    WarehouseBusy,
    manifest_data,
    manifest_files,
    sql_str,
)

POINTER, LEASE = "_CURRENT.json", "_LEASE.json"
LEASE_SECONDS = 6 * 3600


class ObjectWarehouse(Warehouse):
    """A warehouse on object storage (any fsspec URL): a pointer object names the current snapshot."""


    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.fs, self.base = location.filesystem(self.url)
        self.base = self.base.rstrip("/")
        self._manifests: dict[str, dict] = {}
        self._token: str | None = None        # our lease, while we hold it

    def _path(self, *parts: str) -> str:
        return "/".join([self.base, *parts])

    def uri(self, path: str) -> str:
        """A full URL of a path in the store (what DuckDB or another reader opens)."""
        return self.fs.unstrip_protocol(path)

    def catalog_file(self) -> None:
        return None                               # DuckDB cannot write a database file to a bucket

    def parquet_source(self, table: str, version: str) -> str:
        """The snapshot's MANIFEST lists the files by URL."""
        return "[" + ", ".join(f"'{sql_str(self.uri(path))}'" for path in self.parquet_files(table, version)) + "]"

    def attach(self, con) -> None:
        con.register_filesystem(self.fs)

    def location_text(self) -> str:
        return self.url

    # -- snapshots
    def current_version(self) -> str | None:
        try:
            return json.loads(self.fs.cat_file(self._path(POINTER)))["version"]
        except FileNotFoundError:
            return None

    def manifest(self, version: str) -> dict:
        if version not in self._manifests:       # a snapshot never changes once committed
            self._manifests[version] = json.loads(self.fs.cat_file(self._path(VERSIONS, version, MANIFEST)))
        return self._manifests[version]

    def parquet_files(self, table: str, version: str | None = None) -> list[str]:
        version = version or self.current_version()
        return [self._path(p) for p in manifest_files(self.manifest(version)).get(table, [])] if version else []

    # -- the single writer
    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        token = secrets.token_hex(8)
        self._take_lease(token)
        self._token = token
        try:
            self.recover()
            yield
        finally:
            self._token = None
            self._release_lease(token)

    def _take_lease(self, token: str) -> None:
        path = self._path(LEASE)
        body = json.dumps({"owner": token, "host": socket.gethostname(), "pid": os.getpid(),
                           "expires": time.time() + LEASE_SECONDS}).encode()
        self.fs.makedirs(self.base, exist_ok=True)
        if self._create_exclusive(path, body):
            return
        try:
            held = json.loads(self.fs.cat_file(path))
        except (FileNotFoundError, ValueError):
            held = {}
        if float(held.get("expires", 0)) > time.time():
            raise WarehouseBusy(f"another ingest holds the lease on {self.url} (until "
                                f"{datetime.fromtimestamp(held['expires'], timezone.utc):%Y-%m-%d %H:%M} UTC); "
                                "try again when it ends")
        self.fs.rm_file(path)                    # a crashed writer's expired lease
        if not self._create_exclusive(path, body):
            raise WarehouseBusy(f"another ingest took the lease on {self.url} just now")

    def _create_exclusive(self, path: str, body: bytes) -> bool:
        try:
            with self.fs.open(path, "xb") as handle:
                handle.write(body)
            return True
        except FileExistsError:
            return False
        except (ValueError, NotImplementedError):    # no exclusive create in this driver
            if self.fs.exists(path):
                return False
            self.fs.pipe_file(path, body)
            return True
        except OSError:                              # a store reporting the conflict its own way (412)
            if self.fs.exists(path):
                return False
            raise

    def _release_lease(self, token: str) -> None:
        path = self._path(LEASE)
        try:
            if json.loads(self.fs.cat_file(path)).get("owner") == token:
                self.fs.rm_file(path)
        except (FileNotFoundError, ValueError):
            pass

    def _versions(self) -> list[str]:
        folder = self._path(VERSIONS)
        if not self.fs.exists(folder):
            return []
        names = (p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False))
        return sorted(n for n in names if VERSION_RE.match(n))

    def _snapshots(self) -> list[str]:
        """Committed-or-pending snapshots that still have their MANIFEST (collected ones do not)."""
        return [v for v in self._versions() if self.fs.exists(self._path(VERSIONS, v, MANIFEST))]

    def recover(self) -> list[str]:
        """Delete what unfinished commits left: snapshots newer than the pointer that have no
        MANIFEST, never one that has. A missing or broken pointer is restored to the newest
        complete snapshot, with a warning on stderr."""
        current = self._restore_pointer()
        complete = set(self._snapshots())
        removed = [v for v in self._versions() if (current is None or v > current) and v not in complete]
        for version in removed:
            self.fs.rm(self._path(VERSIONS, version), recursive=True)
        return removed

    def _restore_pointer(self) -> str | None:
        """The pointer's snapshot; when the pointer is missing, unreadable or names a snapshot
        without a MANIFEST, the newest complete snapshot, made current again."""
        try:
            current: str | None = self.current_version()
        except (ValueError, KeyError, TypeError):
            current = "(unreadable)"
        complete = self._snapshots()
        if current in complete or not complete:
            return current if current in complete else None
        was = "is missing" if current is None else f"names {current}, which has no MANIFEST"
        sys.stderr.write(f"newsflow: warning: {self.url}/{POINTER} {was}; restored to the newest complete "
                         f"snapshot {complete[-1]}\n")
        self.switch_to(complete[-1])
        return complete[-1]

    def switch_to(self, version: str) -> None:
        """The commit point. A writer whose lease expired and was taken over (a run longer than
        LEASE_SECONDS) must not commit over the new holder: it stops here, its snapshot unused."""
        try:
            holder = json.loads(self.fs.cat_file(self._path(LEASE))).get("owner")
        except (FileNotFoundError, ValueError):
            holder = None
        if holder != self._token:
            raise WarehouseBusy(f"the lease on {self.url} passed to another writer; this run's snapshot "
                                f"{version} is left for it to clean up")
        pointer = {"version": version, "switched_at": datetime.now(timezone.utc).isoformat()}
        self.fs.pipe_file(self._path(POINTER), json.dumps(pointer).encode())

    def collect_garbage(self, keep: int = KEEP_VERSIONS) -> list[str]:
        """Drop snapshots beyond the newest `keep` (and the current one). Files in older folders
        are deleted unless a kept snapshot still lists them; a folder goes when it is empty."""
        snapshots, current = self._snapshots(), self.current_version()
        old = [v for v in snapshots if v != current][: max(0, len(snapshots) - keep)]
        kept = [v for v in snapshots if v not in old]
        if not kept:
            return []
        listed = {self._path(p) for v in kept for paths in manifest_files(self.manifest(v)).values() for p in paths}
        for version in (v for v in self._versions() if v < min(kept)):
            folder = self._path(VERSIONS, version)
            for path in sorted(self.fs.find(folder), key=lambda p: p.endswith(MANIFEST)):   # MANIFEST last
                if path not in listed:
                    self.fs.rm_file(path)
            if not self.fs.find(folder):
                self.fs.rm(folder, recursive=True)
            self._manifests.pop(version, None)
        return old

    # -- the file operations a transaction uses
    def start_snapshot(self, version: str) -> None:
        self.fs.makedirs(self._path(VERSIONS, version), exist_ok=True)

    def snapshot_files(self, table: str, version: str) -> list[tuple[str, str]]:
        """(file, its path inside the snapshot that wrote it) of a table."""
        return [(self._path(p), p.split("/", 2)[2]) for p in manifest_files(self.manifest(version)).get(table, [])]

    def read_file(self, path: str, columns: list[str] | None = None) -> pa.Table:
        with self.fs.open(path, "rb") as handle:
            return pq.read_table(handle, columns=columns)

    def write_bytes(self, data: pa.Buffer, version: str, relative: str) -> str:
        entry = f"{VERSIONS}/{version}/{relative}"
        path = self._path(entry)
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        self.fs.pipe_file(path, data.to_pybytes())
        return entry

    def carry_file(self, path: str, version: str, relative: str) -> str:
        """An untouched file stays where it is: the next MANIFEST lists it."""
        return path[len(self.base) + 1:]

    def snapshot_names(self) -> list[str]:
        return self._versions()

    def entry_path(self, entry: str) -> str:
        return self._path(entry)

    def entry_of(self, path: str) -> str:
        return path[len(self.base) + 1:]

    def open_file(self, path: str) -> BinaryIO:
        return self.fs.open(path, "rb")

    def finish_snapshot(self, version: str, meta: dict, files: dict[str, list[str]],
                        facts: dict[str, FileFacts]) -> None:
        data = manifest_data(meta, files, facts)
        self.fs.pipe_file(self._path(VERSIONS, version, MANIFEST), json.dumps(data, ensure_ascii=False).encode())
        self._manifests[version] = data
