"""Prefect settings for embedded (serverless) runs on this platform; applied before `import prefect`.

See ../shared/PLATFORM.md: the ephemeral server's default 20 s start-up timeout is too tight,
telemetry DNS lookups log errors offline, and a project-local PREFECT_HOME keeps state here.
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def configure_prefect_env(project_dir: Path | None = None) -> None:
    """Set Prefect's environment defaults unless the user already chose otherwise."""
    os.environ.setdefault("PREFECT_HOME", str((project_dir or Path.cwd()) / ".prefect"))
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
