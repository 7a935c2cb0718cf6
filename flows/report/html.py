"""The run report as one static HTML page: bar charts drawn by plotly.js, which is embedded in the
page once (no network needed to view it), and tables of the run's figures.

Pages are hostile input: every text that comes from them (titles, paths, outlet hints, error
details) is HTML-escaped before it enters the page, chart labels included (plotly reads its
labels as a small HTML dialect and decodes the entities back for display), and a
Content-Security-Policy forbids the page any request at all (scripts and styles inline only).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape

from flows.report.data import RunReport

# Nothing leaves the page: no fetch, no image, no font from anywhere; inline script and style only.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}
STYLE = """
body { font-family: system-ui, "Noto Sans CJK KR", "Malgun Gothic", sans-serif; margin: 1.5rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 1rem; }
.chart { border: 1px solid #ddd; padding: .5rem; min-width: 0; overflow: hidden; }
.alarm { background: #fff1f0; border: 1px solid #e55; padding: .5rem 1rem; }
.ok { background: #f0fff1; border: 1px solid #5a5; padding: .5rem 1rem; }
.empty, .note { color: #666; }
code { font-size: .8rem; word-break: break-all; }
"""


@dataclass(frozen=True)
class Chart:
    """One bar chart of counts: its element id, title, and the counts by label in display order."""

    chart_id: str
    title: str
    counts: dict[str, int]
    horizontal: bool = False


def charts_of(report: RunReport) -> list[Chart]:
    return [
        Chart("chart-outlets", "Articles per outlet", report.articles_by_outlet),
        Chart("chart-days", "Articles per publication day (KST)", report.articles_by_day),
        Chart("chart-rejects", "Rejected files by reason", report.rejects_by_reason, horizontal=True),
        Chart("chart-removed", "Removed lines by reason", report.removed_lines_by_reason, horizontal=True),
    ]


def render_html(report: RunReport, generated_at: datetime | None = None) -> str:
    """The whole page, plotly.js included."""
    from plotly.offline import get_plotlyjs

    generated = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M:%S UTC")
    sections = [
        _headline(report),
        _alarms(report),
        '<h2>Charts</h2>\n<div class="charts">\n' + "\n".join(_chart(c) for c in charts_of(report)) + "\n</div>",
        _outlets(report),
        _clusters(report),
        _slowest(report),
        _rejected(report),
        _counts_table("Warnings", "warning", "articles", report.summary.get("warnings") or {}),
        _counts_table("Phase timings", "phase", "seconds", report.summary.get("seconds") or {}),
    ]
    title = f"newsflow {report.kind} {report.run_id}"
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="ko">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        *sections,
        f'<p class="note">Generated {generated} from the warehouse tables; '
        f"<code>newsflow report --run {escape(report.run_id)}</code> renders it again.</p>",
        "</body>",
        "</html>",
        "",
    ])


def _chart(chart: Chart) -> str:
    if not chart.counts:
        return (f'<div class="chart" id="{chart.chart_id}"><h3>{escape(chart.title)}</h3>'
                f'<p class="empty">None in this run.</p></div>')
    import plotly.graph_objects as go
    import plotly.io as pio

    labels = [escape(label) for label in chart.counts]
    values = list(chart.counts.values())
    height = max(360, 24 * len(values) + 100) if chart.horizontal else 360     # a bar a label
    bar = (go.Bar(x=values, y=labels, orientation="h", text=values, textposition="outside", cliponaxis=False)
           if chart.horizontal else go.Bar(x=labels, y=values, text=values, textposition="auto"))
    figure = go.Figure(bar)
    figure.update_layout(title=chart.title, margin=dict(l=40, r=30, t=50, b=40), height=height,
                         template="plotly_white")
    if chart.horizontal:
        figure.update_yaxes(type="category", autorange="reversed", automargin=True, dtick=1)
    else:
        figure.update_xaxes(type="category", automargin=True)
    inner = pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=chart.chart_id, config=PLOT_CONFIG,
                        default_height=f"{height}px")
    return f'<div class="chart">{inner}</div>'


def _table(headers: list[str], rows: Sequence[Sequence[object]], numeric: Collection[int] = ()) -> str:
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(_cell(value, i in numeric) for i, value in enumerate(row)) + "</tr>"
                     for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _cell(value: object, numeric: bool) -> str:
    if value is None:
        text = ""
    else:
        text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return f'<td class="n">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"


def _headline(report: RunReport) -> str:
    s = report.summary
    when = ""
    if report.started_at and report.finished_at:
        seconds = (report.finished_at - report.started_at).total_seconds()
        when = f"Started {report.started_at:%Y-%m-%d %H:%M:%S} UTC, took {seconds:,.1f} s. "
    elif not report.recorded:
        when = "The run changed nothing in the warehouse, so it has no row in the runs table. "
    version = f"Snapshot {escape(str(s['version']))}." if s.get("version") else ""
    figures = [("files seen", "files_seen"), ("new", "files_new"), ("changed", "files_changed"),
               ("re-parsed", "files_reparsed"), ("retried", "files_retried"), ("unchanged", "files_unchanged"),
               ("articles", "articles"), ("duplicates", "duplicates"), ("rejects", "rejects"),
               ("clusters touched", "duplicate_clusters_touched")]
    table = _table([name for name, _ in figures], [[s.get(key, 0) for _, key in figures]],
                   set(range(len(figures))))
    return f'<p class="note">{escape(when)}{version}</p>\n<h2>Summary</h2>\n{table}'


def _alarms(report: RunReport) -> str:
    if not report.alarms:
        return '<h2>Alarms</h2>\n<p class="ok" id="alarms">No parser drift, no furniture leaking into bodies.</p>'
    items = "\n".join(f"<li>{escape(alarm)}</li>" for alarm in report.alarms)
    return f'<h2>Alarms</h2>\n<div class="alarm" id="alarms"><ul>\n{items}\n</ul></div>'


def _outlets(report: RunReport) -> str:
    if not report.outlet_health:
        return '<h2>Outlets</h2>\n<p class="empty">No files parsed in this run.</p>'
    rows = [[h.outlet, h.files, h.articles, h.rejected, h.empty_body, h.no_date, h.leaks]
            for h in report.outlet_health]
    table = _table(["outlet", "files", "new articles", "rejected", "empty body", "no date", "leaks"],
                   rows, {1, 2, 3, 4, 5, 6})
    return f'<h2>Outlets</h2>\n<div id="outlets">{table}</div>'


def _clusters(report: RunReport) -> str:
    if not report.clusters:
        return '<h2>Near-duplicate clusters</h2>\n<p class="empty">No article of this run is in a cluster.</p>'
    rows = []
    for number, cluster in enumerate(report.clusters, 1):
        for member in cluster:
            similarity = "" if member.similarity is None else f"{member.similarity:.2f}"
            rows.append([number, member.kind, similarity, member.outlet or "", member.title or "",
                         "this run" if member.in_this_run else "earlier", member.source or ""])
    table = _table(["cluster", "kind", "similarity", "outlet", "title", "loaded", "file"], rows, {0, 2})
    return (f"<h2>Near-duplicate clusters ({len(report.clusters)})</h2>\n"
            f'<div id="clusters">{table}</div>')


def _slowest(report: RunReport) -> str:
    if not report.slowest:
        return '<h2>Slowest files</h2>\n<p class="empty">No file parsed in this run.</p>'
    table = _table(["file", "ms"], [[f.path, f"{f.ms:,.1f}"] for f in report.slowest], {1})
    return f'<h2>Slowest files</h2>\n<div id="slowest">{table}</div>'


def _rejected(report: RunReport) -> str:
    if not report.rejected_files:
        return '<h2>Rejected files</h2>\n<p class="empty">No file rejected in this run.</p>'
    total = sum(report.rejects_by_reason.values())
    shown = f" (first {len(report.rejected_files)} of {total})" if total > len(report.rejected_files) else ""
    table = _table(["file", "reason", "detail"], [[r.source, r.reason, r.error or ""] for r in report.rejected_files])
    return f'<h2>Rejected files{shown}</h2>\n<div id="rejected">{table}</div>'


def _counts_table(title: str, label: str, unit: str, counts: dict) -> str:
    if not counts:
        return ""
    return f"<h2>{escape(title)}</h2>\n" + _table([label, unit], [[k, v] for k, v in counts.items()], {1})
