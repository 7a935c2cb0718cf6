"""Where run reports go: `<warehouse>/reports/<run_id>.html` and a copy as `reports/latest.html`.

The folder sits beside the snapshots (`_versions/`), in no snapshot and no MANIFEST: a report is
derived from the tables and can be rendered again (`newsflow report --run ID`). Each file is
written atomically — locally a temporary file renamed over the old one, on object storage one PUT
— so a browser never opens half a page. Only the newest KEEP_REPORTS run reports are kept (each
holds plotly.js, ~5 MB).
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from flows.ingest.contracts import RunSummary
from flows.report.data import load_run_report
from flows.report.html import render_html
from flows.store import location
from flows.store.warehouse import Warehouse

REPORTS = "reports"
LATEST = "latest.html"
KEEP_REPORTS = 30
_REPORT_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*\.html$")


def report_location(warehouse: Warehouse, name: str) -> str:
    """The path (or URL) of a file in the warehouse's reports folder."""
    return location.join(warehouse.location_text(), REPORTS, name)


def report_link(where: str) -> str:
    """What a person opens: a file:// URL for a local file, the store's URL otherwise."""
    return where if location.is_remote(where) else Path(location.local_path(where)).resolve().as_uri()


def write_report(warehouse: Warehouse, run_id: str | None = None, summary: RunSummary | None = None,
                 out: str | None = None) -> str:
    """Render a run's report (default: the latest run) and write it; where it went. By default it
    goes to the warehouse's reports folder (and `latest.html` when it is the newest run there);
    `out` writes it to that file instead."""
    report = load_run_report(warehouse, run_id, summary)
    page = render_html(report).encode("utf-8")
    if out is not None:
        write_atomically(out, page)
        return out
    target = report_location(warehouse, f"{report.run_id}.html")
    write_atomically(target, page)
    names = _report_names(warehouse)
    if not names or report.run_id + ".html" >= names[-1]:
        write_atomically(report_location(warehouse, LATEST), page)
    for old in names[:-KEEP_REPORTS] if len(names) > KEEP_REPORTS else []:
        if old != report.run_id + ".html":          # (a report of an old run asked for by name stays)
            location.remove(report_location(warehouse, old))
    return target


def write_atomically(where: str, data: bytes) -> None:
    """Replace a file with `data` in one step (a local rename, or a single PUT on object storage)."""
    if location.is_remote(where):
        location.write_bytes(where, data)
        return
    path = Path(location.local_path(where))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _report_names(warehouse: Warehouse) -> list[str]:
    """The run reports in the folder, oldest first (run ids start with their UTC start time)."""
    folder = location.join(warehouse.location_text(), REPORTS)
    try:
        if location.is_remote(folder):
            fs, inner = location.filesystem(folder)
            names = [p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(inner, detail=False)]
        else:
            names = os.listdir(location.local_path(folder))
    except FileNotFoundError:
        return []
    return sorted(n for n in names if _REPORT_NAME.match(n) and n != LATEST)
