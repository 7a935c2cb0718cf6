"""Every setting newsflow reads: one `Settings` object (the `NEWSFLOW_*` environment variables,
limits and defaults), and Prefect's environment defaults, applied before a flow runs: the ephemeral
server's default 20 s start-up timeout is too tight on small machines, telemetry lookups log errors
offline, and — only when the user configured no Prefect server (no PREFECT_API_URL, no active
profile naming one) — a project-local PREFECT_HOME keeps the embedded server's state in the project.
"""
from __future__ import annotations

import os
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from flows.ingest.budget import FileBudget
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
    rejects_spike: float = 0.5            # NEWSFLOW_REJECTS_SPIKE: share of the files a run read that,
                                          # rejected, emits a `newsflow.rejects.spike` Prefect event
    parse_seconds: float = 30.0           # NEWSFLOW_PARSE_SECONDS: time budget to parse one file (0: none)
    parse_memory_mb: int = 4096           # NEWSFLOW_PARSE_MEMORY_MB: memory a parse worker may use beyond
                                          # its own (0: none)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """The settings the environment gives; SettingError for a value that is no number ≥ 0."""
        env = os.environ if environ is None else environ
        spike = env.get("NEWSFLOW_REJECTS_SPIKE")
        return cls(spool=env.get("NEWSFLOW_SPOOL") or None, dask_address=env.get("NEWSFLOW_DASK_ADDRESS") or None,
                   rejects_spike=float(spike) if spike else cls.rejects_spike,
                   parse_seconds=_amount(env, "NEWSFLOW_PARSE_SECONDS", cls.parse_seconds),
                   parse_memory_mb=int(_amount(env, "NEWSFLOW_PARSE_MEMORY_MB", cls.parse_memory_mb)))

    @property
    def file_budget(self) -> FileBudget:
        """What parsing one file may cost (flows.ingest.budget)."""
        return FileBudget(self.parse_seconds, self.parse_memory_mb * 1024 * 1024)


class SettingError(ValueError):
    """A NEWSFLOW_* variable whose value cannot be used."""


def _amount(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise SettingError(f"{name} must be a number of at least 0, not {text!r}")
    return value


DEFAULT = Settings()


def configure_prefect_env(project_dir: Path | None = None) -> bool:
    """Set Prefect's environment defaults unless the user already chose otherwise, before Prefect is
    imported. Whether the user may have configured a Prefect server: PREFECT_API_URL is set, or a
    Prefect configuration file exists where a profile could name one (`flows.flow.configured_api_url`
    reads it with Prefect's loader). When neither, runs use the embedded server with its state in
    `project_dir`/.prefect (default: the working folder), unless PREFECT_HOME says where."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    if os.environ.get("PREFECT_API_URL") or prefect_config_files():
        return True
    os.environ.setdefault("PREFECT_HOME", project_prefect_home(project_dir))
    return False


def project_prefect_home(project_dir: Path | None = None) -> str:
    """The embedded server's home when no server is configured: `project_dir`/.prefect."""
    return str((project_dir or Path.cwd()) / ".prefect")


def prefect_config_files(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> list[Path]:
    """The files where Prefect could find an API URL besides PREFECT_API_URL: the profiles file
    (PREFECT_PROFILES_PATH, else PREFECT_HOME's or ~/.prefect's profiles.toml) and the working
    folder's prefect.toml and .env (pyproject.toml's [tool.prefect] too, when it has one)."""
    env = os.environ if environ is None else environ
    cwd = cwd or Path.cwd()
    home = Path(env["PREFECT_HOME"]).expanduser() if env.get("PREFECT_HOME") else Path.home() / ".prefect"
    profiles = Path(env["PREFECT_PROFILES_PATH"]).expanduser() if env.get("PREFECT_PROFILES_PATH") else \
        home / "profiles.toml"
    candidates = [profiles, cwd / "prefect.toml", cwd / ".env"]
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file() and "[tool.prefect" in pyproject.read_text(encoding="utf-8", errors="replace"):
        candidates.append(pyproject)
    return [path for path in candidates if path.is_file()]


def server_reachable(api_url: str, timeout: float = 3.0) -> bool:
    """Whether the Prefect API at `api_url` answers its health check."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False
