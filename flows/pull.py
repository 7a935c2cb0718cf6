"""The pull step of prefect.yaml's deployments: a worker's flow run starts in a temporary folder
and must move to the newsflow project folder (where `flows/flow.py` and the relative `raw/` and
`warehouse/` live). The folder is the PROJECT_DIR environment variable of the worker; without
it, or with a folder that is not the project, the run fails with a message that says so (instead
of a FileNotFoundError in the temporary folder), logged to the `prefect.flow_runs` logger with
the run's id so it shows in the flow run's logs too. No Prefect import: Prefect calls it by name.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TypedDict


class PullStepOutput(TypedDict):
    directory: str


class ProjectDirError(RuntimeError):
    """PROJECT_DIR is unset or does not name the newsflow project folder."""


MARKER = "prefect.yaml"             # the file that tells the project folder


def project_dir(environ: dict[str, str] | None = None) -> Path:
    """The project folder PROJECT_DIR names, checked."""
    env = os.environ if environ is None else environ
    given = env.get("PROJECT_DIR", "").strip()
    if not given:
        raise ProjectDirError(
            "PROJECT_DIR is not set in the worker's environment: start the worker from the newsflow project folder "
            "as `PROJECT_DIR=$PWD prefect worker start --pool process` (see README, 'Run it on a schedule')")
    folder = Path(given).expanduser()
    if not folder.is_dir():
        raise ProjectDirError(f"PROJECT_DIR={given} is not a folder: set it to the newsflow project folder")
    if not (folder / MARKER).is_file():
        raise ProjectDirError(f"PROJECT_DIR={given} is not the newsflow project folder (no {MARKER} there)")
    return folder.resolve()


def set_project_directory() -> PullStepOutput:
    """The pull step: change into the project folder PROJECT_DIR names (the same output as
    Prefect's `set_working_directory`)."""
    try:
        folder = project_dir()
    except ProjectDirError as error:
        flow_run_id = os.environ.get("PREFECT__FLOW_RUN_ID")      # set by the worker for the run
        logging.getLogger("prefect.flow_runs").error("%s", error, extra={"flow_run_id": flow_run_id})
        raise
    os.chdir(folder)
    return {"directory": str(folder)}
