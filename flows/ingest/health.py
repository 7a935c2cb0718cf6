"""Run health: the parser drift alarm and the operator's run report (the leak detector it counts
with is the parsers' own: `parsers.leaks`).

Drift alarm: a template change at an outlet shows as a jump, against that outlet's
recent runs, in its reject rate, empty-body rate, `no_date` rate or leak rate; flagged runs say
so in the log, the Prefect artifact and the flow run's state, and each alarm is a Prefect event.

Events (`run_events`; `flows.flow` emits them, so automations can react): one
`newsflow.parser.drift` per alarm (resource `newsflow.outlet.<outlet>`), and one
`newsflow.rejects.spike` when the rejects are more than NEWSFLOW_REJECTS_SPIKE (default half) of
the files a run read (at least MIN_FILES read; resource `newsflow.warehouse.<warehouse>`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from statistics import median

from flows.ingest.contracts import RunSummary

METRICS = ("rejected", "empty_body", "no_date", "leaks")
MIN_FILES = 10            # an outlet's run with fewer files says nothing
HISTORY_RUNS = 10
JUMP = 0.2                # absolute rise of a rate that counts as drift …
FACTOR = 3.0              # … when it is also this many times the usual rate


@dataclass(frozen=True)
class DriftAlarm:
    """One outlet's rate that jumped: this run's `rate` of `files` against the `usual` rate (the
    median of its last `runs` runs). Its text is what the log, the report and the state say."""

    outlet: str
    metric: str
    rate: float
    usual: float
    files: int
    runs: int

    def __str__(self) -> str:
        return (f"{self.outlet}: {self.metric} {self.rate:.0%} of {self.files} files, usually {self.usual:.0%} "
                f"(median of {self.runs} runs)")


def drift(health: dict[str, dict], history: list[dict[str, dict]]) -> list[str]:
    """The drift alarms' texts (see `drift_alarms`)."""
    return [str(alarm) for alarm in drift_alarms(health, history)]


def drift_alarms(health: dict[str, dict], history: list[dict[str, dict]]) -> list[DriftAlarm]:
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
                alarms.append(DriftAlarm(outlet, metric, rate, usual, files, len(past)))
    return alarms


@dataclass(frozen=True)
class RunEvent:
    """A Prefect event a run emits: its name, the resource it concerns (`prefect.resource.id`,
    `prefect.resource.name`) and what happened."""

    event: str
    resource: dict[str, str]
    payload: dict = field(default_factory=dict)


def files_read(summary: RunSummary) -> int:
    """The files a run parsed (new, changed, retried and re-parsed ones)."""
    return (summary["files_new"] + summary["files_changed"] + summary.get("files_retried", 0)
            + summary.get("files_reparsed", 0))


def run_events(summary: RunSummary, alarms: list[DriftAlarm], warehouse: str,
               rejects_spike: float) -> list[RunEvent]:
    """The events a finished run emits: one per drift alarm, and a rejects spike when the run's
    rejects are more than `rejects_spike` of the files it read (at least MIN_FILES of them)."""
    events = [RunEvent("newsflow.parser.drift",
                       {"prefect.resource.id": f"newsflow.outlet.{alarm.outlet}",
                        "prefect.resource.name": alarm.outlet},
                       {"run_id": summary["run_id"], "warehouse": warehouse, "outlet": alarm.outlet,
                        "metric": alarm.metric, "rate": round(alarm.rate, 4), "usual": round(alarm.usual, 4),
                        "files": alarm.files, "runs": alarm.runs, "message": str(alarm)})
              for alarm in alarms]
    read = files_read(summary)
    if read >= MIN_FILES and summary["rejects"] / read > rejects_spike:
        events.append(RunEvent("newsflow.rejects.spike",
                               {"prefect.resource.id": f"newsflow.warehouse.{warehouse}",
                                "prefect.resource.name": warehouse},
                               {"run_id": summary["run_id"], "warehouse": warehouse, "rejects": summary["rejects"],
                                "files_read": read, "share": round(summary["rejects"] / read, 4),
                                "threshold": rejects_spike, "rejects_by_reason": summary.get("rejects_by_reason", {})}))
    return events


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
    if s.get("report"):
        lines += [f"Charts and tables: the HTML report `{s['report']}`", ""]
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
