"""Run health: the parser drift alarm and the operator's run report (the leak detector it counts
with is the parsers' own: `parsers.leaks`).

Drift alarm: a template change at an outlet shows as a jump, against that outlet's
recent runs, in its reject rate, empty-body rate, `no_date` rate or leak rate; flagged runs say
so in the log, the Prefect artifact and the flow run's state.
"""
from __future__ import annotations

import json
from statistics import median

from flows.ingest.contracts import RunSummary

METRICS = ("rejected", "empty_body", "no_date", "leaks")
MIN_FILES = 10            # an outlet's run with fewer files says nothing
HISTORY_RUNS = 10
JUMP = 0.2                # absolute rise of a rate that counts as drift …
FACTOR = 3.0              # … when it is also this many times the usual rate


def drift(health: dict[str, dict], history: list[dict[str, dict]]) -> list[str]:
    """Alarms for outlets whose rates jumped against their recent runs.
    `health`: outlet → counts (files, rejected, empty_body, no_date, leaks) of this run;
    `history`: the same for earlier runs, newest first."""
    alarms = []
    for outlet, counts in sorted(health.items()):
        files = counts.get("files", 0)
        if files < MIN_FILES:
            continue
        for metric in METRICS:
            rate = counts.get(metric, 0) / files
            past = [h[outlet].get(metric, 0) / h[outlet]["files"] for h in history[:HISTORY_RUNS]
                    if outlet in h and h[outlet].get("files", 0) >= MIN_FILES]
            if not past:
                continue
            usual = median(past)
            if rate - usual >= JUMP and rate >= FACTOR * max(usual, 0.01):
                alarms.append(f"{outlet}: {metric} {rate:.0%} of {files} files, usually {usual:.0%} "
                              f"(median of {len(past)} runs)")
    return alarms


def history_from_runs(summaries: list[str]) -> list[dict[str, dict]]:
    out = []
    for text in summaries:
        try:
            out.append(json.loads(text).get("outlet_health") or {})
        except (TypeError, ValueError):
            continue
    return out


def report_markdown(summary: RunSummary) -> str:
    """The run report a person reads: one screen of tables."""
    s = summary
    lines = [f"# newsflow ingest {s['run_id']}", ""]
    if s.get("drift"):
        lines += ["**Parser drift:**", ""] + [f"- {a}" for a in s["drift"]] + [""]
    lines += [
        "| files seen | new | changed | re-parsed | retried | unchanged | articles | duplicates | rejects | clusters "
        "touched |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {s['files_seen']} | {s['files_new']} | {s['files_changed']} | {s['files_reparsed']} | "
        f"{s['files_retried']} | {s['files_unchanged']} | {s['articles']} | {s['duplicates']} | {s['rejects']} | "
        f"{s['duplicate_clusters_touched']} |",
        "",
        "| outlet | files | articles | rejected | empty body | no date | leaks |",
        "|---|---|---|---|---|---|---|",
    ]
    for outlet, counts in s.get("outlet_health", {}).items():
        lines.append(f"| {outlet} | {counts.get('files', 0)} | {s['articles_by_outlet'].get(outlet, 0)} | "
                     f"{counts.get('rejected', 0)} | {counts.get('empty_body', 0)} | {counts.get('no_date', 0)} | "
                     f"{counts.get('leaks', 0)} |")
    if s.get("rejects_by_reason"):
        lines += ["", "| reject reason | files |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in s["rejects_by_reason"].items()]
    if s.get("warnings"):
        lines += ["", "| warning | articles |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in s["warnings"].items()]
    if s.get("slowest"):
        lines += ["", "| slowest files | ms |", "|---|---|"]
        lines += [f"| {path} | {ms} |" for path, ms in s["slowest"]]
    if s.get("seconds"):
        lines += ["", "| phase | seconds |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in s["seconds"].items()]
    return "\n".join(lines) + "\n"
