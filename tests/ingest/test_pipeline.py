"""The ingest pipeline's plain functions end to end (no Prefect): raw folder → Parquet → catalog."""
import json

import pyarrow.dataset as ds
import pytest

from flows.ingest.pipeline import article_id, ingest, iter_raw_files
from tests.helpers import landing_zone, query


@pytest.fixture
def loaded(tmp_path):
    raw = landing_zone(tmp_path)
    warehouse = tmp_path / "warehouse"
    summary = ingest(str(raw), str(warehouse))
    return raw, warehouse, summary


def test_first_run_loads_samples_and_rejects_bad_files(loaded):
    raw, warehouse, summary = loaded
    assert (summary["files_seen"], summary["articles"], summary["rejects"]) == (7, 5, 2)
    titles = dict(query(warehouse, "SELECT source, title FROM articles"))
    assert (
        titles[str(raw / "samples" / "004_d32cad0dd2ba4f1c.txt")]
        == "박원순, 세계 110개市 시장에 서울시 전자정부기술 자랑"
    )
    rejects = dict(query(warehouse, "SELECT source, reason FROM rejects"))
    assert rejects == {str(raw / "empty.txt"): "empty", str(raw / "photo.txt"): "binary"}
    assert query(warehouse, "SELECT error FROM rejects WHERE reason = 'binary'") == [("png image",)]


def test_second_run_adds_nothing(loaded):
    raw, warehouse, first = loaded
    before = sorted(p.relative_to(warehouse) for p in warehouse.rglob("*.parquet"))
    summary = ingest(str(raw), str(warehouse))
    assert (summary["articles"], summary["rejects"], summary["files_unchanged"]) == (0, 0, 7)
    assert summary["version"] == first["version"]                      # no new snapshot
    assert sorted(p.relative_to(warehouse) for p in warehouse.rglob("*.parquet")) == before
    assert query(warehouse, "SELECT count(*), count(DISTINCT source_sha256) FROM articles") == [(5, 5)]


def test_a_new_file_is_added_alone(loaded, tmp_path):
    raw, warehouse, _ = loaded
    copy = (raw / "samples" / "000_8cd87e7541eef3e1.txt").read_bytes().replace("서울시장이 9일 오후".encode(),
                                                                               "서울시장이 10일 오후".encode())
    (raw / "later.txt").write_bytes(copy)
    summary = ingest(str(raw), str(warehouse))
    assert (summary["files_new"], summary["articles"], summary["files_unchanged"]) == (1, 1, 7)
    assert query(warehouse, "SELECT count(*) FROM articles") == [(6,)]


def test_same_article_under_two_names_is_one_row_and_both_files_point_to_it(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    (raw / "copy.txt").write_bytes((raw / "samples" / "001_b16488920c083763.txt").read_bytes())
    summary = ingest(str(raw), str(tmp_path / "w"), batch_size=2)   # the copies land in different batches
    assert (summary["articles"], summary["duplicates"]) == (5, 1)
    rows = query(tmp_path / "w", "SELECT f.status, f.article_id = a.article_id FROM files f JOIN articles a "
                                 "ON f.article_id = a.article_id WHERE a.outlet = 'hankyung' ORDER BY f.status")
    assert rows == [("article", True), ("duplicate", True)]


def test_parquet_folders_group_by_outlet_and_year_and_files_are_zstd(loaded):
    _, warehouse, _ = loaded
    folders = {
        p.parent.relative_to(warehouse / "articles").as_posix() for p in (warehouse / "articles").rglob("*.parquet")
    }
    assert "newspim/2024" in folders
    assert "unknown/2023" in folders           # the regional site: outlet unknown (null in the file)
    assert "hankyung/undated" in folders
    assert not any("=" in folder for folder in folders)      # no Hive folders: the values are in the files
    table = ds.dataset(warehouse / "articles").to_table()
    assert table.num_rows == 5
    assert str(table.schema.field("published_ts").type) == "timestamp[us, tz=Asia/Seoul]"
    import pyarrow.parquet as pq
    first = next((warehouse / "articles").rglob("*.parquet"))
    assert pq.ParquetFile(first).metadata.row_group(0).column(0).compression == "ZSTD"


def test_catalog_columns_and_types(loaded):
    _, warehouse, _ = loaded
    rows = query(warehouse, "SELECT outlet, year, published_ts, authors, body_chars > 1000 FROM articles "
                            "WHERE published_at = '2024-01-11T15:00:00+09:00'")
    (outlet, year, published_ts, authors, long_body), = rows
    assert (outlet, year, authors, long_body) == ("newspim", 2024, ["이경화"], True)
    assert published_ts.isoformat() == "2024-01-11T15:00:00+09:00"


def test_catalog_works_from_another_working_directory(loaded, monkeypatch, tmp_path):
    _, warehouse, _ = loaded
    monkeypatch.chdir(tmp_path.parent)
    assert query(warehouse, "SELECT count(*) FROM articles") == [(5,)]


def test_empty_tables_have_typed_views(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    warehouse = tmp_path / "warehouse"
    ingest(str(raw), str(warehouse))
    assert query(warehouse, "SELECT count(*) FROM rejects") == [(0,)]
    types = dict((name, kind) for name, kind, *_ in query(warehouse, "DESCRIBE rejects"))
    assert types["ingested_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["reason"] == "VARCHAR"


def test_article_id_is_stable_and_content_based():
    record = {"outlet": "newsis", "body": "본문  한 줄", "title": "t", "published_at": None}
    same = {**record, "body": "본문 한 줄", "title": "other title"}
    assert article_id(record) == article_id(same)
    assert article_id(record) != article_id({**record, "outlet": "newspim"})


def test_the_run_is_recorded_with_its_counts(loaded):
    _, warehouse, summary = loaded
    (run_id, kind, new, articles, rejects, summary_json), = query(
        warehouse, "SELECT run_id, kind, files_new, articles, rejects, summary_json FROM runs")
    assert (run_id, kind, new, articles, rejects) == (summary["run_id"], "ingest", 7, 5, 2)
    assert json.loads(summary_json)["articles_by_outlet"]["newspim"] == 2


def test_discovery_skips_sidecars_and_hidden_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.txt.meta.json").write_text("{}")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "b.txt").write_text("x")
    assert list(iter_raw_files(str(tmp_path))) == [str(tmp_path / "a.txt")]


def test_generic_pages_of_one_site_get_cross_document_evidence(tmp_path):
    from tests.parsers.test_parsers_units import _site_page

    raw = tmp_path / "raw" / "some-site"
    raw.mkdir(parents=True)
    for n in (1, 2, 3, 4):
        (raw / f"page{n}.txt").write_text(_site_page(n), encoding="utf-8")
    ingest(str(tmp_path / "raw"), str(tmp_path / "warehouse"))
    bodies = [b for (b,) in query(tmp_path / "warehouse", "SELECT body FROM articles ORDER BY source")]
    assert len(bodies) == 4
    assert not any("인기 기사 목록" in body or "발행인" in body for body in bodies)
    assert all(body.count("\n") == 1 for body in bodies)


def test_each_page_is_parsed_once_generic_pages_too(tmp_path, monkeypatch):
    """The generic fallback's pages are set aside (their line statistics only) until their site's
    furniture is known, then parsed with it: one parse a page, none in the writer twice."""
    from parsers import engine
    from parsers.registry import GENERIC
    from tests.parsers.test_parsers_units import _site_page

    raw = landing_zone(tmp_path, bad=False)
    site = raw / "some-site"
    site.mkdir()
    for n in (1, 2, 3, 4):
        (site / f"page{n}.txt").write_text(_site_page(n), encoding="utf-8")
    parsed: list[str] = []
    generic_parse, template_parse = type(GENERIC).parse, engine.Template.parse
    monkeypatch.setattr(type(GENERIC), "parse", lambda self, text, source, *a, **k: (
        parsed.append(source), generic_parse(self, text, source, *a, **k))[1])
    monkeypatch.setattr(engine.Template, "parse", lambda self, text, source, *a, **k: (
        parsed.append(source), template_parse(self, text, source, *a, **k))[1])
    summary = ingest(str(raw), str(tmp_path / "warehouse"), workers=1)     # (in this process)
    assert summary["articles"] == 9
    assert sorted(parsed) == sorted(set(parsed)) and len(parsed) == 9
    assert not any("인기 기사 목록" in body for (body,) in query(tmp_path / "warehouse", "SELECT body FROM articles"))


def _leaking_pages(warehouse, sources):
    """How many of these files' articles carry the site's footer lines in their body."""
    rows = query(warehouse, "SELECT source, body FROM articles")
    return sum(1 for source, body in rows if any(source.endswith(s) for s in sources)
               and ("인기 기사 목록" in body or "발행인" in body))


def test_site_memory_carries_a_sites_recurring_lines_into_later_runs(tmp_path):
    """A site with no template whose pages trickle in two a run: the first run has too few
    pages for evidence and leaks the site's footer; later runs use what earlier runs counted
    (the `sites`/`site_lines` tables) and leak nothing. Without the memory every run leaks."""
    from tests.parsers.test_parsers_units import _site_page

    def run(warehouse, pages):
        raw = tmp_path / "raw" / "some-site"
        raw.mkdir(parents=True, exist_ok=True)
        for n in pages:
            (raw / f"page{n}.txt").write_text(_site_page(n), encoding="utf-8")
        ingest(str(tmp_path / "raw"), str(warehouse))
        return _leaking_pages(warehouse, [f"page{n}.txt" for n in pages])

    with_memory = [run(tmp_path / "warehouse", pages) for pages in ((1, 2), (3, 4), (5, 6))]
    assert with_memory == [2, 0, 0]
    site, pages, lines = query(tmp_path / "warehouse",
                               "SELECT s.site, s.pages, count(*) FROM sites s JOIN site_lines l USING (site) "
                               "GROUP BY ALL")[0]
    assert site.startswith("dir:") and site.endswith("some-site") and pages == 6 and lines > 0

    fresh = []                       # the same arrivals, each run in a warehouse with no memory
    for k, batch in enumerate(((1, 2), (3, 4), (5, 6))):
        for old in (tmp_path / "raw" / "some-site").glob("*.txt"):
            old.unlink()
        fresh.append(run(tmp_path / f"forgetful{k}", batch))
    assert fresh == [2, 2, 2]


def test_site_memory_is_bounded():
    from parsers.recurring import RecurringLines

    seen = RecurringLines(docs=10, counts={n: n % 7 + 1 for n in range(100)})
    kept = seen.bounded(max_lines=50)
    assert kept.docs == 10 and len(kept.counts) == 50 and min(kept.counts.values()) == 4
    assert kept.furniture() == seen.furniture()       # the 42 lines on half the pages are kept
