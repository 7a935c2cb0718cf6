"""The search index (flows/store/search.py) on a warehouse of the samples and the fixture pages."""
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.ingest.pipeline import ingest
from flows.store.catalog import open_catalog
from flows.store.search import FTS_SCHEMA, fts_extension
from tests.conftest import ROOT, SAMPLES

CES_TITLES = {"서울시장도 구청장도 CES行…첨단기술 '열공 모드'",
              "오세훈 시장, CES서 '서울 스마트 라이프 위크' 공개...10월 국내 개최",
              "[CES 2024] \"언제까지 미국 와야 되나\"…오세훈, 서울서 '미니 CES' 연다"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    raw = root / "raw"
    shutil.copytree(SAMPLES, raw / "samples")
    shutil.copytree(ROOT / "tests" / "fixtures" / "pages", raw / "pages",
                    ignore=shutil.ignore_patterns("*.json"))
    ingest(str(raw), str(root / "wh"), workers=1, progress=False)
    return root / "wh"


def rows(warehouse, words, extra=""):
    con = open_catalog(warehouse)
    try:
        cursor = con.execute(f"SELECT * FROM search(?) {extra}", [words])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]
    finally:
        con.close()


def test_seoul_ces_finds_the_three_articles_with_both_words_first(warehouse):
    found = rows(warehouse, "서울 CES")
    both = [r for r in found if r["words_found"] == 2]
    assert {r["title"] for r in both} == CES_TITLES
    assert found[:len(both)] == both                    # articles with both words rank above the rest
    assert len(found) > len(both)                       # articles with one of the words follow
    assert all(a["score"] >= b["score"] for a, b in zip(both, both[1:]))


def test_multi_word_query_ranks_the_article_with_both_words_above_one_word(warehouse):
    found = rows(warehouse, "스마트도시 바르셀로나")
    assert found[0]["words_found"] == 2 and found[-1]["words_found"] == 1
    first_one_word = next(i for i, r in enumerate(found) if r["words_found"] == 1)
    assert all(r["words_found"] == 2 for r in found[:first_one_word])


def test_particles_do_not_break_matching(warehouse):
    found = rows(warehouse, "서울")
    snippets = " ".join(r["snippet"] for r in found)
    assert "«서울»에서" in snippets and "«서울»시는" in snippets
    assert {r["article_id"] for r in rows(warehouse, "서울시는")} <= {r["article_id"] for r in found}


def test_snippet_highlights_the_words_around_the_first_hit(warehouse):
    hit = rows(warehouse, "혁신상")[0]
    assert "«혁신상»" in hit["snippet"] and len(hit["snippet"]) <= 140


def test_scores_are_the_extensions_bm25(warehouse):
    """One-word queries: the macro's score is `match_bm25`'s (the extension's own formula)."""
    con = duckdb.connect()
    con.execute(f"LOAD '{fts_extension()}'")
    con.execute(f"ATTACH '{warehouse / 'catalog.duckdb'}' AS nf (READ_ONLY)")
    con.execute("USE nf")
    ours = dict(con.execute("SELECT article_id, score FROM search('라이프')").fetchall())
    bm25 = f"{FTS_SCHEMA}.match_bm25(article_id, '라이 이프', conjunctive := 1)"
    theirs = dict(con.execute(f"SELECT article_id, {bm25} AS s FROM search_docs WHERE s IS NOT NULL").fetchall())
    con.close()
    assert ours.keys() == theirs.keys() and ours
    assert all(abs(ours[k] - theirs[k]) < 1e-9 for k in ours)


def test_macro_works_through_attach_without_use(warehouse):
    con = duckdb.connect()                              # a plain session: no extension, no USE
    con.execute(f"ATTACH '{warehouse / 'catalog.duckdb'}' AS nf (READ_ONLY)")
    titles = {r[0] for r in con.execute("SELECT title FROM nf.search('서울 CES') WHERE words_found = 2").fetchall()}
    con.execute(f"ATTACH '{warehouse / 'catalog.duckdb'}' AS other (READ_ONLY)")
    other = {r[0] for r in con.execute("SELECT title FROM other.search('서울 CES', db := 'other') "
                                       "WHERE words_found = 2").fetchall()}
    con.close()
    assert titles == other == CES_TITLES


def test_ingest_adds_and_removes_articles_in_the_index(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES / "001_b16488920c083763.txt", raw)
    wh = tmp_path / "wh"
    ingest(str(raw), str(wh), workers=1, progress=False)
    assert {r["outlet"] for r in rows(wh, "CES")} == {"hankyung"}
    shutil.copy(SAMPLES / "000_8cd87e7541eef3e1.txt", raw)
    ingest(str(raw), str(wh), workers=1, progress=False)    # one new article: only it is tokenised
    assert {r["outlet"] for r in rows(wh, "CES")} == {"hankyung", "newspim"}
    con = duckdb.connect(str(wh / "catalog.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM search_docs").fetchone() == (2,)
    con.close()
    (raw / "001_b16488920c083763.txt").unlink()
    ingest(str(raw), str(wh), workers=1, progress=False)
    con = open_catalog(wh)
    in_articles = con.execute("SELECT count(*) FROM articles WHERE outlet = 'hankyung'").fetchone()
    con.close()
    expected = {"newspim"} if in_articles == (0,) else {"hankyung", "newspim"}
    assert {r["outlet"] for r in rows(wh, "CES")} == expected
