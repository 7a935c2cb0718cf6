"""What in a local landing folder may be read, and under which key the manifest knows it.

Only regular files are read. An entry that is not one is *refused*: it becomes a `rejects` row
(and a `files` row) with one of these reasons, and is never opened:

    not_regular_file    a FIFO, a device, a socket (or a symlink to one): reading could block forever
                        (a FIFO with no writer) or never end (`/dev/zero`)
    symlink_outside     a symlink to a file outside the landing folder (`/etc/passwd`, another
                        user's files): not followed unless the run allows it (`symlinks_anywhere`)
    symlink_dangling    a symlink to nothing (or a loop)
    symlink_to_folder   a symlink to a folder: not walked into

A refused entry is checked again on every run from `lstat`/`stat` alone (no read), and recorded
again only when what it is or its size/time changed. A symlink to a regular file inside the
landing folder is read like the file.

Keys: a local raw file is known by its absolute, normalised path (`raw`, `./raw/` and
`/data/raw` give the same keys); a name's undecodable bytes stay distinct (`parse.storable`).
`legacy_keys` are the keys older runs stored for the same file (the landing folder as it was
spelled, undecodable bytes as U+FFFD), so a warehouse written before finds its files again.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from flows.store import location

NOT_REGULAR_FILE = "not_regular_file"
SYMLINK_OUTSIDE = "symlink_outside"
SYMLINK_DANGLING = "symlink_dangling"
SYMLINK_TO_FOLDER = "symlink_to_folder"
REFUSALS = (NOT_REGULAR_FILE, SYMLINK_OUTSIDE, SYMLINK_DANGLING, SYMLINK_TO_FOLDER)


class LandingError(ValueError):
    """The landing folder and the warehouse cannot be used together (one inside the other)."""


@dataclass(frozen=True)
class Refusal:
    reason: str                  # one of REFUSALS
    detail: str                  # what the entry is (the `error` column)


def local_root(root: str) -> str:
    """A local landing folder (or file) as an absolute, normalised path."""
    return os.path.abspath(location.local_path(root))


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or below it (both real, absolute paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def refusal(path: str, entry: os.stat_result, real_root: str, symlinks_anywhere: bool = False) -> Refusal | None:
    """Why the entry at `path` (its `lstat` is `entry`) must not be read, or None when it may."""
    if stat.S_ISREG(entry.st_mode):
        return None
    if not stat.S_ISLNK(entry.st_mode):
        return Refusal(NOT_REGULAR_FILE, location.file_kind(entry.st_mode))
    target = os.path.realpath(path)
    try:
        pointed = os.stat(target)
    except OSError as error:
        return Refusal(SYMLINK_DANGLING, f"symlink to {os.readlink(path)} ({error.strerror or error})")
    if stat.S_ISDIR(pointed.st_mode):
        return Refusal(SYMLINK_TO_FOLDER, f"symlink to the folder {target}")
    if not stat.S_ISREG(pointed.st_mode):
        return Refusal(NOT_REGULAR_FILE, f"symlink to {target} ({location.file_kind(pointed.st_mode)})")
    if not symlinks_anywhere and not inside(target, real_root):
        return Refusal(SYMLINK_OUTSIDE, f"symlink to {target}, outside the landing folder")
    return None


def legacy_keys(path: str, root_as_given: str, root: str) -> list[str]:
    """The keys runs before this one may have stored for the file at `path` (absolute, below the
    absolute `root`): the landing folder as the user spelled it, or relative to the working
    folder, with undecodable bytes as U+FFFD."""
    below = os.path.relpath(path, root) if path != root else ""
    spellings = [os.path.join(location.local_path(root_as_given), below) if below else root_as_given, path]
    try:
        spellings.append(os.path.relpath(path))
    except ValueError:
        pass
    keys = []
    for spelled in spellings:
        key = spelled.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if key not in keys:
            keys.append(key)
    return keys


def nesting_problem(raw: str, warehouse: str) -> str | None:
    """Why a landing folder and a warehouse may not be used together: one inside the other (a
    warehouse inside raw/ would ingest its own files; raw/ inside the warehouse would be moved
    and deleted with snapshots). None when they are apart, or either is an URL."""
    if location.is_remote(raw) or location.is_remote(warehouse):
        return None
    raw_real = os.path.realpath(location.local_path(raw))
    warehouse_real = os.path.realpath(location.local_path(warehouse))
    if inside(warehouse_real, raw_real):
        return f"the warehouse {warehouse} is inside the landing folder {raw}"
    if inside(raw_real, warehouse_real):
        return f"the landing folder {raw} is inside the warehouse {warehouse}"
    return None
