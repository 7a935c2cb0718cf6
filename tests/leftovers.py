"""The processes a test session started and that are still running: the session-end check in
tests/conftest.py fails the run when there are any, naming them.

A process counts as the session's when it descends from the test process (by the ppid in
/proc/<pid>/stat) or carries the session's mark in its environment (SESSION_MARK, set at the
start: it reaches the processes whose parent was killed and that the kernel re-parented, e.g. the
forkserver of a SIGKILLed ingest). Zombies (ended, not yet reaped) do not count.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

SESSION_MARK = "NEWSFLOW_TEST_SESSION"
PROC = Path("/proc")


@dataclass(frozen=True)
class Leftover:
    pid: int
    ppid: int
    command: str

    def __str__(self) -> str:
        return f"pid {self.pid} (parent {self.ppid}): {self.command[:200]}"


def _stat(pid: int) -> tuple[str, int] | None:
    """(state letter, ppid) from /proc/<pid>/stat, or None when the process is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()           # the command name may hold spaces and ")"
    return fields[0], int(fields[1])


def _command(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def _marked(pid: int, mark: bytes) -> bool:
    try:
        return mark in (PROC / str(pid) / "environ").read_bytes().split(b"\0")
    except OSError:
        return False


def _live() -> dict[int, int]:
    """pid → ppid of every running process (zombies left out)."""
    live: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[0] not in ("Z", "X"):
                live[int(entry.name)] = stat[1]
    return live


def descendants(root: int) -> list[Leftover]:
    """The running processes below `root`."""
    return _below(_live(), root, set())


def session_processes(session_id: str, root: int | None = None) -> list[Leftover]:
    """The live processes other than `root` (default: this one) that descend from it or carry
    SESSION_MARK=`session_id`."""
    root = os.getpid() if root is None else root
    mark = f"{SESSION_MARK}={session_id}".encode()
    live = _live()
    return _below(live, root, {pid for pid in live if pid != root and _marked(pid, mark)})


def _below(live: dict[int, int], root: int, ours: set[int]) -> list[Leftover]:
    parents = {root} | ours
    changed = True
    while changed:                                           # and everything below them
        below = {pid for pid, ppid in live.items() if ppid in parents and pid not in parents}
        changed = bool(below)
        parents |= below
    return [Leftover(pid, live[pid], _command(pid)) for pid in sorted(parents - {root})]


def wait_for_leftovers(session_id: str, grace: float) -> list[Leftover]:
    """The session's processes still running after up to `grace` seconds (ending ones get the time)."""
    deadline = time.monotonic() + grace
    while True:
        left = session_processes(session_id)
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.1)


def kill(leftovers: list[Leftover]) -> None:
    """SIGKILL each, by pid (after they were reported): the session does not leave them running."""
    for process in leftovers:
        try:
            os.kill(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
