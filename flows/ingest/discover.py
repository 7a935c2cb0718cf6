"""Finding raw files: the landing folder walk (local or an fsspec URL), file stats for the
manifest, batching, run ids."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from flows.ingest.sidecar import SUFFIX as SIDECAR_SUFFIX
from flows.store import location


@dataclass(frozen=True)
class RawFile:
    path: str          # as found: the raw root as given, joined with the relative path
    size: int
    mtime_ns: int


def iter_raw_files(root: str) -> Iterator[str]:
    """Every candidate raw file under `root` (or `root` itself), in a stable order; paths keep
    the form `root` was given in. Hidden files/folders and `.meta.json` sidecars are skipped."""
    if location.is_remote(root):
        yield from (raw.path for raw in _scan_url(root))
        return
    root = location.local_path(root)
    if os.path.isfile(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                yield os.path.join(folder, name)


def scan(root: str) -> list[RawFile]:
    """The raw files with their size and mtime (what the manifest compares); files that vanish
    between listing and stat are left for the next run."""
    if location.is_remote(root):
        return _scan_url(root)
    found = []
    for path in iter_raw_files(root):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        found.append(RawFile(path, stat.st_size, stat.st_mtime_ns))
    return found


def _scan_url(root: str) -> list[RawFile]:
    """The same rules on an fsspec URL: one listing with sizes and times."""
    found = []
    for url, below, size, mtime in location.iter_files(root):
        if not any(part.startswith(".") for part in below.split("/")) and not url.endswith(SIDECAR_SUFFIX):
            found.append(RawFile(url, size, mtime))
    return found


def batched(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), max(1, size))]


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
