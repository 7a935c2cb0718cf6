"""Run health: leak detector, parser drift alarm, the run report, the progress line."""

from flows.ingest.health import drift, report_markdown
from flows.ingest.pipeline import Progress, ingest
from parsers.leaks import leak
from tests.conftest import SAMPLES


def test_leak_detector_flags_furniture_lines_not_prose():
    assert leak("본문 첫 문단이다.\n[뉴스핌 베스트 기사]\n다른 기사")
    assert leak("본문이다.\n<저작권자ⓒ 공감언론 뉴시스통신사. 무단전재-재배포 금지.>")
    assert not leak("서울시는 기사 스크랩 기능을 소개했다고 밝혔다.\n저작권 교육을 받은 기자들이 참석했다.")
    assert not leak("")


def test_drift_compares_an_outlet_with_its_recent_runs():
    usual = {"newspim": {"files": 50, "no_date": 1, "rejected": 0, "empty_body": 0, "leaks": 0}}
    now = {"newspim": {"files": 40, "no_date": 30, "rejected": 0, "empty_body": 0, "leaks": 0},
           "hankyung": {"files": 5, "no_date": 5}}                       # too few files to judge
    alarms = drift(now, [usual] * 5)
    assert len(alarms) == 1 and alarms[0].startswith("newspim: no_date 75%")
    assert drift(usual, [usual] * 5) == []
    assert drift(now, []) == []                                           # no history, no alarm


def newspim_pages(raw, start, count, label="기사입력 :"):
    text = (SAMPLES / "000_8cd87e7541eef3e1.txt").read_text(encoding="utf-8")
    for n in range(start, start + count):
        page = text.replace("기사입력 :", label).replace("관련해 오 시장은", f"관련해 ({n}) 오 시장은")
        (raw / f"p{n}.txt").write_text(page, encoding="utf-8")


def test_a_template_change_at_an_outlet_raises_the_alarm(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "w"
    raw.mkdir()
    for run in range(3):                                # three normal runs build the history
        newspim_pages(raw, run * 12, 12)
        assert ingest(str(raw), str(warehouse))["drift"] == []
    newspim_pages(raw, 100, 12, label="타임스탬프 |")    # the outlet changed its date label to one no grammar knows
    summary = ingest(str(raw), str(warehouse))
    assert summary["drift"] and summary["drift"][0].startswith("newspim: no_date 100%")
    assert "Parser drift" in report_markdown(summary)


def test_report_shows_the_run_on_one_screen(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    newspim_pages(raw, 0, 3)
    (raw / "empty.txt").write_bytes(b"")
    report = report_markdown(ingest(str(raw), str(tmp_path / "w")))
    assert "| 4 | 4 | 0 | 0 | 0 | 0 | 3 | 0 | 1 |" in report           # files seen/new/…/articles/…/rejects
    assert "| newspim | 3 | 3 |" in report and "| empty | 1 |" in report
    assert "slowest files" in report and len(report.splitlines()) < 60


def test_progress_line(capsys):
    meter = Progress(400, enabled=True)
    meter.advance(200)
    meter.advance(200)
    meter.close()
    err = capsys.readouterr().err
    assert "parsed 400/400 files" in err and "files/s" in err
