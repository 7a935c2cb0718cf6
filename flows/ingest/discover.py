"""Finding raw files: the landing folder walk (local or an fsspec URL), file stats for the
manifest (with the entries that must not be read: `flows.ingest.landing`), batching, run ids."""
from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from flows.ingest.landing import Refusal, local_root, refusal
from flows.ingest.sidecar import SUFFIX as SIDECAR_SUFFIX
from flows.store import location


@dataclass(frozen=True)
class RawFile:
    path: str          # local: the absolute landing folder joined with the path below it; URLs as found
    size: int
    mtime_ns: int
    refused: Refusal | None = None     # why it is not read (a FIFO, a symlink out of the landing folder…)


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


def scan(root: str, symlinks_anywhere: bool = False) -> list[RawFile]:
    """The raw files with their size and mtime (what the manifest compares), local paths absolute
    (`landing.local_root`). Entries that must not be read (`flows.ingest.landing`: FIFOs,
    devices, sockets, symlinks out of the landing folder, dangling or to a folder) come with their
    refusal and the size and time of the entry itself; files that vanish between listing and stat
    are left for the next run."""
    if location.is_remote(root):
        return _scan_url(root)
    root = local_root(root)
    real_root = os.path.realpath(root)
    found = []
    for path in _walk_entries(root):
        try:
            entry = os.lstat(path)
            refused = refusal(path, entry, real_root, symlinks_anywhere)
            info = entry if refused or not stat.S_ISLNK(entry.st_mode) else os.stat(path)
        except OSError:
            continue
        found.append(RawFile(path, info.st_size, info.st_mtime_ns, refused))
    return found


def _walk_entries(root: str) -> Iterator[str]:
    """Every non-hidden entry under `root` that is not a folder (symlinks to folders included,
    not walked into), sidecars left out, in a stable order; `root` itself when it is no folder."""
    if not os.path.isdir(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        linked = sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(folder, d)))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        names = sorted(files + linked)
        for name in names:
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                yield os.path.join(folder, name)


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
