"""The HTML run report without a browser: written at each ingest beside the snapshots, holding
the run's numbers as the tables have them, escaping what pages say, rendered again by
`newsflow report`, and the rows of the Prefect table artifacts."""
import json
import re

import fsspec

from flows.cli.main import main
from flows.ingest.pipeline import ingest
from flows.report import artifacts, publish
from flows.report.data import load_run_report
from flows.store import open_warehouse
from tests.helpers import landing_zone, query
from tests.report.conftest import HOSTILE_NAME, HOSTILE_TITLE


def figure_data(page: str, chart_id: str) -> dict:
    """The first trace plotly is given for a chart (its JSON escapes < > & as \\u003c …)."""
    found = re.search(r'Plotly\.newPlot\(\s*"' + chart_id + r'",\s*(\[.*?\]),\s*\{', page, re.S)
    assert found, chart_id
    return json.loads(found.group(1))[0]


def test_an_ingest_writes_its_report_and_latest_beside_the_snapshots(reported):
    reports = reported.warehouse / "reports"
    assert reported.page == reports / f"{reported.summary['run_id']}.html"
    assert (reports / "latest.html").read_bytes() == reported.page.read_bytes()
    assert sorted(p.name for p in reports.iterdir()) == sorted([reported.page.name, "latest.html"])  # no temp file
    manifest = (reported.warehouse / "current" / "MANIFEST.json").read_text(encoding="utf-8")
    assert "reports" not in json.loads(manifest)["files"] and "latest.html" not in manifest


def test_the_page_holds_the_runs_numbers(reported):
    page = reported.page.read_text(encoding="utf-8")
    run_id = reported.summary["run_id"]
    by_outlet = dict(query(reported.warehouse, f"SELECT coalesce(outlet, 'unknown'), count(*) FROM articles "
                                               f"WHERE run_id = '{run_id}' GROUP BY 1"))
    assert by_outlet == {"newspim": 6, "hankyung": 1, "newsis": 1, "unknown": 1}
    outlets = figure_data(page, "chart-outlets")
    assert dict(zip(outlets["x"], outlets["y"])) == by_outlet
    rejects = figure_data(page, "chart-rejects")
    assert dict(zip(rejects["y"], rejects["x"])) == {"empty": 2, "binary": 1}
    removed = dict(query(reported.warehouse, "SELECT reason, count(*) FROM boilerplate GROUP BY 1"))
    chart = figure_data(page, "chart-removed")
    assert dict(zip(chart["y"], chart["x"])) == removed
    days = figure_data(page, "chart-days")
    assert dict(zip(days["x"], days["y"])) == {"2021-10-13": 2, "2023-05-26": 1, "2024-01-11": 4, "no date": 2}
    assert '<td>newspim</td><td class="n">6</td><td class="n">6</td>' in page       # files, new articles
    assert "Near-duplicate clusters (2)" in page and "/raw/p1.txt" in page
    assert page.count("<tr><td>/") >= 5 + 3                                  # slowest files, rejected files
    assert '<meta charset="utf-8">' in page and "서울시장도 구청장도" not in page    # (titles: clusters only)


def test_text_from_pages_is_escaped(reported):
    page = reported.page.read_text(encoding="utf-8")
    assert "window.pwned" in page                                         # the hostile texts are shown …
    assert "<script>window.pwned" not in page and "<img src=x" not in page  # … never as markup
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=window.pwned=3&gt;.txt" in page


def test_the_page_asks_for_nothing_from_the_network(reported):
    page = reported.page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', page)
    assert len(page) > 3_000_000                                          # plotly.js is in the page


def test_the_outlet_figures_count_outlets_not_templates(reported):
    health = reported.summary["outlet_health"]
    assert set(health) == set(reported.summary["articles_by_outlet"])     # regional_cms's article is "unknown"
    assert "regional_cms" not in health and health["unknown"]["rejected"] == 3


def test_newsflow_report_renders_a_run_again(reported, tmp_path, capsys):
    run_id = reported.summary["run_id"]
    assert main(["report", "--warehouse", str(reported.warehouse)]) == 0
    assert capsys.readouterr().out.strip() == str(reported.page)
    out = tmp_path / "again.html"
    assert main(["report", "--warehouse", str(reported.warehouse), "--run", run_id, "--out", str(out)]) == 0
    again = out.read_text(encoding="utf-8")
    assert figure_data(again, "chart-outlets") == figure_data(reported.page.read_text(encoding="utf-8"),
                                                              "chart-outlets")


def test_newsflow_report_on_an_unknown_run_or_warehouse_says_so_in_one_line(reported, tmp_path, capsys):
    assert main(["report", "--warehouse", str(reported.warehouse), "--run", "20200101T000000Z-none"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no run 20200101T000000Z-none" in err
    assert main(["report", "--warehouse", str(tmp_path / "nowhere")]) == 1
    assert "no warehouse at" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", "--warehouse", str(tmp_path / "empty")]) == 1
    assert "no run recorded" in capsys.readouterr().err


def test_a_run_that_changes_nothing_writes_no_report(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    first = ingest(str(raw), str(tmp_path / "w"), workers=1)
    latest = (tmp_path / "w" / "reports" / "latest.html").read_bytes()
    second = ingest(str(raw), str(tmp_path / "w"), workers=1)
    assert first["report"] and second["report"] is None
    assert (tmp_path / "w" / "reports" / "latest.html").read_bytes() == latest
    assert len(list((tmp_path / "w" / "reports").iterdir())) == 2


def test_only_the_newest_reports_are_kept(tmp_path, monkeypatch):
    raw = landing_zone(tmp_path, bad=False)
    warehouse = tmp_path / "w"
    ingest(str(raw), str(warehouse), workers=1)
    reports = warehouse / "reports"
    for old in ("20200101T000000000000Z-aaaaaa", "20200102T000000000000Z-bbbbbb"):
        (reports / f"{old}.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(publish, "KEEP_REPORTS", 2)
    asked = publish.write_report(open_warehouse(warehouse))
    names = sorted(p.name for p in reports.iterdir())
    assert names == sorted(["20200102T000000000000Z-bbbbbb.html", asked.rsplit("/", 1)[-1], "latest.html"])


def test_a_warehouse_on_object_storage_gets_its_report_there(tmp_path):
    raw = landing_zone(tmp_path)
    memory = fsspec.filesystem("memory")
    url = "memory://report-test/wh"
    try:
        summary = ingest(str(raw), url, workers=1)
        assert summary["report"] == f"{url}/reports/{summary['run_id']}.html"
        page = memory.cat_file(f"/report-test/wh/reports/{summary['run_id']}.html").decode("utf-8")
        assert memory.cat_file("/report-test/wh/reports/latest.html").decode("utf-8") == page
        assert dict(zip(*(figure_data(page, "chart-rejects")[k] for k in ("y", "x")))) == {"empty": 1, "binary": 1}
        assert publish.report_link(summary["report"]) == summary["report"]
    finally:
        memory.rm("/report-test", recursive=True)


def test_a_local_report_links_as_a_file_url(reported):
    assert publish.report_link(str(reported.page)) == reported.page.resolve().as_uri()


def test_the_report_data_of_a_run(reported):
    report = load_run_report(open_warehouse(reported.warehouse), reported.summary["run_id"])
    assert [len(cluster) for cluster in report.clusters] == [4, 2]
    hostile = [m for c in report.clusters for m in c if m.source and m.source.endswith("hostile.txt")]
    assert hostile and hostile[0].title == HOSTILE_TITLE and hostile[0].kind in ("first", "near")
    assert [r.source.rsplit("/", 1)[-1] for r in report.rejected_files] == [HOSTILE_NAME, "empty.txt", "photo.txt"]
    assert len(report.slowest) == 5 and all(f.ms > 0 for f in report.slowest)
    assert report.alarms == []


def test_table_artifact_rows(reported):
    figures = {row["figure"]: row["value"] for row in artifacts.run_figures(reported.summary)}
    assert (figures["files seen"], figures["new articles"], figures["rejects"]) == (12, 9, 3)
    assert artifacts.rejects_by_reason(reported.summary) == [{"reason": "empty", "files": 2},
                                                            {"reason": "binary", "files": 1}]
    compacted = {"run_id": "r", "files_before": {"articles": 3, "runs": 1}, "files_after": {"articles": 1, "runs": 1}}
    assert artifacts.compact_rows(compacted) == [{"table": "articles", "files_before": 3, "files_after": 1},
                                                 {"table": "runs", "files_before": 1, "files_after": 1}]
    fetched = {"urls": 3, "fetched": 1, "skipped": 1, "failed": 1, "failed_by_reason": {"http_404": 1}}
    assert artifacts.fetch_rows(fetched)[-1] == {"figure": "failed: http_404", "value": 1}
