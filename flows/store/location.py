"""Where raw files (and parse spools) live: a local path or any fsspec URL (`s3://bucket/raw`, `memory://…`).

Local paths (and `file://` URLs, turned into plain paths) go through `os` directly: that is the
fast path the benchmarks measure. Anything else goes through fsspec; a path of a raw file found
under an URL root keeps its protocol (`s3://bucket/raw/a.html`), so it names the file wherever it
is read — in this process, a worker process or a Dask worker (each opens its own filesystem;
the in-memory filesystem is per process, so it only works with one process).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat as stat_module
from datetime import datetime
from functools import lru_cache

LOCAL_PROTOCOLS = ("file", "local")


def protocol(path: str) -> str | None:
    """The URL scheme of `path`, or None for a plain local path."""
    head, sep, _ = path.partition("://")
    return head.lower() if sep and head.isidentifier() else None


def is_remote(path: str) -> bool:
    return protocol(path) not in (None, *LOCAL_PROTOCOLS)


PROCESS_LOCAL = ("memory",)        # filesystems only the process that wrote them can see


def shared_between_processes(path: str) -> bool:
    """Whether other processes (a process pool, Dask workers) can read what `path` names."""
    return protocol(path) not in PROCESS_LOCAL


def local_path(path: str) -> str:
    """`file:///data/raw` → `/data/raw`; other paths unchanged."""
    return path.split("://", 1)[1] if protocol(path) in LOCAL_PROTOCOLS else path


class LocationError(ValueError):
    """An URL whose filesystem is unknown or whose driver is not installed."""


@lru_cache(maxsize=32)
def _filesystem(scheme: str):
    import fsspec  # noqa: PLC0415  (only runs that use URLs pay for the import)

    try:
        return fsspec.filesystem(scheme)
    except (ValueError, ImportError) as error:     # unknown protocol; driver missing (s3fs, gcsfs, …)
        raise LocationError(f"cannot open {scheme}:// locations: {error}") from None


def filesystem(url: str):
    """The fsspec filesystem of an URL and the URL's path inside it."""
    fs = _filesystem(protocol(url))
    return fs, fs._strip_protocol(url)


def join(root: str, *parts: str) -> str:
    return "/".join([root.rstrip("/"), *parts]) if is_remote(root) else os.path.join(root, *parts)


class NotRegularFile(OSError):
    """A local path that is a FIFO, a device, a socket or a folder: never read (a FIFO blocks
    forever, `/dev/zero` never ends)."""


def open_regular(path: str):
    """A binary file object on a local regular file. The file is opened without blocking (a FIFO
    with no writer would block `open` itself) and checked on the open descriptor, so a file
    swapped for a FIFO or a device after it was listed is refused too."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat_module.S_ISREG(mode):
            raise NotRegularFile(f"{path}: not a regular file ({file_kind(mode)})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_kind(mode: int) -> str:
    """What a file mode names: `fifo`, `character device`, `socket`…"""
    for test, kind in ((stat_module.S_ISFIFO, "fifo"), (stat_module.S_ISCHR, "character device"),
                       (stat_module.S_ISBLK, "block device"), (stat_module.S_ISSOCK, "socket"),
                       (stat_module.S_ISDIR, "folder"), (stat_module.S_ISLNK, "symlink")):
        if test(mode):
            return kind
    return "not a regular file"


def read_bytes(path: str) -> bytes:
    """A file's bytes; a local path must be a regular file (`NotRegularFile` otherwise)."""
    if not is_remote(path):
        with open_regular(local_path(path)) as handle:
            return handle.read()
    fs, inner = filesystem(path)
    return fs.cat_file(inner)


def open_binary(path: str):
    """A binary file object to read `path` (local: a regular file only, or an URL)."""
    if not is_remote(path):
        return open_regular(local_path(path))
    fs, inner = filesystem(path)
    return fs.open(inner, "rb")


def write_bytes(path: str, data: bytes) -> None:
    if not is_remote(path):
        with open(local_path(path), "wb") as handle:
            handle.write(data)
        return
    fs, inner = filesystem(path)
    fs.pipe_file(inner, data)


def remove(path: str, recursive: bool = False) -> None:
    """Delete a file (or, with `recursive`, a folder); a missing one is no error."""
    if not is_remote(path):
        if recursive:
            shutil.rmtree(local_path(path), ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.remove(local_path(path))
        return
    fs, inner = filesystem(path)
    with contextlib.suppress(FileNotFoundError):
        fs.rm(inner, recursive=recursive)


def stat(path: str) -> tuple[int, int]:
    """(size, mtime in ns) of a file; raises OSError (FileNotFoundError when it is gone)."""
    if not is_remote(path):
        result = os.stat(local_path(path))
        return result.st_size, result.st_mtime_ns
    fs, inner = filesystem(path)
    info = fs.info(inner)
    if info.get("type") == "directory":
        raise IsADirectoryError(path)
    return int(info.get("size") or 0), mtime_ns(info)


_LISTINGS: dict[str, frozenset[str]] = {}


def exists_in_listing(path: str) -> bool:
    """Whether a file exists, answered for URLs from one listing of its folder (kept until
    `forget_listings`): a request per folder instead of one per file asked about."""
    if not is_remote(path):
        return os.path.isfile(local_path(path))
    folder = path.rsplit("/", 1)[0]
    names = _LISTINGS.get(folder)
    if names is None:
        fs, inner = filesystem(folder)
        try:
            names = frozenset(p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(inner, detail=False))
        except FileNotFoundError:
            names = frozenset()
        _LISTINGS[folder] = names
    return path.rsplit("/", 1)[-1] in names


def forget_listings() -> None:
    _LISTINGS.clear()


def iter_files(root: str) -> list[tuple[str, str, int, int]]:
    """(url, path below root, size, mtime_ns) of every file under an URL root, sorted, with one
    listing call (object stores list with sizes and times: no request per file)."""
    fs, inner = filesystem(root)
    if fs.isfile(inner):
        info = fs.info(inner)
        return [(root, inner.rsplit("/", 1)[-1], int(info.get("size") or 0), mtime_ns(info))]
    base = inner.rstrip("/") + "/"
    found = fs.find(inner, detail=True)
    return sorted((fs.unstrip_protocol(name), name[len(base):] if name.startswith(base) else name,
                   int(info.get("size") or 0), mtime_ns(info))
                  for name, info in found.items() if info.get("type", "file") == "file")


# Keys filesystems use for an object's modification time (s3, gcs, azure, memory, local).
_MTIME_KEYS = ("mtime", "LastModified", "last_modified", "updated", "modified", "created")


def mtime_ns(info: dict) -> int:
    for key in _MTIME_KEYS:
        value = info.get(key)
        if value is None:
            continue
        if isinstance(value, datetime):
            return int(value.timestamp() * 1_000_000_000)
        if isinstance(value, (int, float)):
            return int(value * 1_000_000_000)
        if isinstance(value, str):
            try:
                return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1_000_000_000)
            except ValueError:
                continue
    return 0


def local_write_problem(path: str) -> str | None:
    """Why a local warehouse folder cannot be written (None when it can, or for a URL): it is a
    file, or this user may not write it (or the folder it would be made in), or its file system is
    read-only. Checked before a run starts, so a run that cannot commit writes nothing."""
    if is_remote(path):
        return None
    folder = os.path.abspath(local_path(path))
    if os.path.exists(folder) and not os.path.isdir(folder):
        return f"{path} is a file, not a warehouse folder"
    existing = folder
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.access(existing, os.W_OK | os.X_OK) or not os.access(existing, os.R_OK):
        return f"cannot write the warehouse at {path}: {existing} is read-only or not this user's to write"
    for name in (".lock", "_versions"):
        inside = os.path.join(folder, name)
        if existing == folder and os.path.exists(inside) and not os.access(inside, os.W_OK):
            return f"cannot write the warehouse at {path}: {inside} is read-only or not this user's to write"
    return None
