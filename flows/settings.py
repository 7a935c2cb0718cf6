"""Every setting newsflow reads: one `Settings` object (the `NEWSFLOW_*` environment variables,
limits and defaults), and Prefect's environment defaults for embedded (serverless) runs, applied
before `import prefect`: the ephemeral server's default 20 s start-up timeout is too tight on small
machines, telemetry lookups log errors offline, and a project-local PREFECT_HOME keeps state in
the project.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from parsers import MAX_PAGE_BYTES

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


@dataclass(frozen=True)
class Settings:
    """What a run may be told. Read the environment with `Settings.from_env()` when a run starts."""

    batch_size: int = 200                 # raw files per parse task (one Prefect task run each)
    max_file_bytes: int = MAX_PAGE_BYTES  # a larger raw file is no article page: rejected unread
    spool: str | None = None              # NEWSFLOW_SPOOL: where parse tasks leave their outcomes
                                          # (a folder or an fsspec URL every worker reaches)
    dask_address: str | None = None       # NEWSFLOW_DASK_ADDRESS: a Dask scheduler for --runner dask

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(spool=env.get("NEWSFLOW_SPOOL") or None, dask_address=env.get("NEWSFLOW_DASK_ADDRESS") or None)


DEFAULT = Settings()


def configure_prefect_env(project_dir: Path | None = None) -> None:
    """Set Prefect's environment defaults unless the user already chose otherwise."""
    os.environ.setdefault("PREFECT_HOME", str((project_dir or Path.cwd()) / ".prefect"))
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
