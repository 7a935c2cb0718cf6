"""The warehouse as its users need it: incremental and idempotent runs, re-parsing that replaces
rows, duplicates grouped, compaction that changes no result, and the catalog's views."""
import os
import shutil

from flows.ingest.pipeline import compact, ingest, load_manifest
from flows.store.catalog import open_catalog
from flows.store.warehouse import LocalWarehouse
from tests.conftest import SAMPLES
from tests.helpers import landing_zone, query


def every_row(warehouse):
    """A snapshot of every table's contents (run ids and times left out)."""
    out = {}
    for table, order in (("articles", "article_id"), ("rejects", "source"), ("files", "path"),
                         ("boilerplate", "article_id, line_no"), ("duplicates", "article_id")):
        con = open_catalog(warehouse)
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()
                   if r[0] not in ("run_id", "ingested_at", "seen_at")]
        out[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
        con.close()
    return out


def test_a_touched_but_unchanged_file_is_not_parsed_again(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    ingest(str(raw), str(tmp_path / "w"))
    os.utime(raw / "samples" / "000_8cd87e7541eef3e1.txt", ns=(1, 1))    # mtime changes, bytes do not
    summary = ingest(str(raw), str(tmp_path / "w"))
    assert (summary["files_changed"], summary["articles"], summary["duplicates"]) == (1, 0, 0)
    assert query(tmp_path / "w", "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(5, 5)]


def test_a_changed_file_replaces_its_article(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    ingest(str(raw), str(tmp_path / "w"))
    page = raw / "samples" / "003_fa9aa0f98d6df127.txt"
    page.write_bytes(page.read_bytes().replace("제5차 총회".encode(), "제6차 총회".encode()))
    summary = ingest(str(raw), str(tmp_path / "w"))
    assert (summary["files_changed"], summary["articles"]) == (1, 1)
    bodies = [b for (b,) in query(tmp_path / "w", "SELECT body FROM articles WHERE outlet = 'newspim'")]
    assert len(bodies) == 2 and any("제6차 총회" in b for b in bodies) and not any("제5차 총회" in b for b in bodies)
    assert query(tmp_path / "w", "SELECT count(*) FROM boilerplate WHERE article_id NOT IN (SELECT article_id FROM "
                                 "articles)") == [(0,)]


def test_a_file_moved_elsewhere_maps_to_the_same_article(tmp_path):
    raw = landing_zone(tmp_path, bad=False)
    ingest(str(raw), str(tmp_path / "w"))
    shutil.move(raw / "samples" / "001_b16488920c083763.txt", raw / "moved.txt")
    summary = ingest(str(raw), str(tmp_path / "w"))
    assert (summary["files_new"], summary["articles"], summary["duplicates"]) == (1, 0, 1)
    assert query(tmp_path / "w", "SELECT count(*) FROM articles") == [(5,)]


def test_reparse_replaces_rows_instead_of_adding(tmp_path, monkeypatch):
    raw = landing_zone(tmp_path)
    ingest(str(raw), str(tmp_path / "w"))
    before = every_row(tmp_path / "w")
    # the Newspim template is "updated": its version is bumped
    from parsers.registry import TEMPLATES

    newspim = next(t for t in TEMPLATES if t.name == "newspim")
    monkeypatch.setattr(type(newspim), "version", newspim.version + 1)
    summary = ingest(str(raw), str(tmp_path / "w"), reparse="changed")
    assert (summary["files_reparsed"], summary["articles"]) == (2, 2)
    after = every_row(tmp_path / "w")
    assert len(after["articles"]) == len(before["articles"]) == 5
    parsers = dict(query(tmp_path / "w", "SELECT outlet, max(parser) FROM articles GROUP BY outlet"))
    assert parsers["newspim"] == f"newspim@{newspim.version}"
    assert len(after["boilerplate"]) == len(before["boilerplate"])
    # --reparse-all --outlet narrows to one outlet; a plain re-run after it changes nothing
    summary = ingest(str(raw), str(tmp_path / "w"), reparse="all", outlet="hankyung")
    assert (summary["files_reparsed"], summary["articles"]) == (1, 1)
    assert ingest(str(raw), str(tmp_path / "w"))["files_unchanged"] == 7
    assert len(every_row(tmp_path / "w")["articles"]) == 5


def republished(text: str, lead: str, name: str) -> str:
    """The Zum sample as if another outlet had published it: its lead and source label."""
    return text.replace("【울랴놉스크=뉴시스】", lead).replace("\n뉴시스\n", f"\n{name}\n")


def test_exact_copies_under_other_outlets_and_near_duplicates_are_clustered(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (SAMPLES / "004_d32cad0dd2ba4f1c.txt").read_text(encoding="utf-8")
    (raw / "a.txt").write_text(text, encoding="utf-8")
    # the same wire story republished by another outlet (its own lead), and a lightly edited copy
    (raw / "b.txt").write_text(republished(text, "(울랴놉스크=연합뉴스)", "연합뉴스"), encoding="utf-8")
    paragraphs = text.split("\n\n")
    edited = "\n\n".join(p for p in paragraphs if not p.startswith(("박 시장은 총회 기간", "이어 \"세계 도시"))) \
        .replace("3년 만에 열리는", "3년 만에 다시 열리는").replace("소개한다.", "소개할 예정이다.")
    (raw / "c.txt").write_text(republished(edited, "(울랴놉스크=뉴스1)", "뉴스1"), encoding="utf-8")
    (raw / "unrelated.txt").write_bytes((SAMPLES / "000_8cd87e7541eef3e1.txt").read_bytes())
    ingest(str(raw), str(tmp_path / "w"))
    rows = query(tmp_path / "w", "SELECT a.outlet, d.cluster_id, d.similarity, d.kind FROM duplicates d "
                                 "JOIN articles a USING (article_id) ORDER BY a.outlet")
    assert [r[0] for r in rows] == ["news1", "newsis", "yonhap"]
    assert len({r[1] for r in rows}) == 1
    sims = sorted(sim for _, _, sim, _ in rows)
    assert 0.5 <= sims[0] < 0.95 and sims[-1] == 1.0     # the edited copy is near, the republished one exact
    assert {kind for *_, sim, kind in rows if sim < 0.95} == {"near"}


def test_clusters_grow_across_runs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (SAMPLES / "004_d32cad0dd2ba4f1c.txt").read_text(encoding="utf-8")
    (raw / "a.txt").write_text(text, encoding="utf-8")
    (raw / "b.txt").write_text(republished(text, "(울랴놉스크=연합뉴스)", "연합뉴스"), encoding="utf-8")
    ingest(str(raw), str(tmp_path / "w"))
    assert query(tmp_path / "w", "SELECT count(*), count(DISTINCT cluster_id) FROM duplicates") == [(2, 1)]
    (raw / "c.txt").write_text(republished(text, "(울랴놉스크=뉴스1)", "뉴스1"), encoding="utf-8")
    ingest(str(raw), str(tmp_path / "w"))
    assert query(tmp_path / "w", "SELECT count(*), count(DISTINCT cluster_id) FROM duplicates") == [(3, 1)]


def test_compaction_changes_no_result(tmp_path):
    raw = landing_zone(tmp_path)
    for n in range(3):       # three runs → several small files per table
        (raw / f"extra{n}.txt").write_bytes((SAMPLES / "002_2073495484cbea58.txt").read_bytes()
                                            .replace("서울시를 찾는".encode(), f"서울시를 {n}번 찾는".encode()))
        ingest(str(raw), str(tmp_path / "w"))
    before = every_row(tmp_path / "w")
    summary = compact(str(tmp_path / "w"))
    assert summary["files_after"]["files"] == 1 < summary["files_before"]["files"]
    assert every_row(tmp_path / "w") == before


def test_catalog_views_and_macros(tmp_path):
    raw = landing_zone(tmp_path)
    ingest(str(raw), str(tmp_path / "w"))
    w = tmp_path / "w"
    assert query(w, "SELECT sum(articles) FROM daily_counts") == [(3,)]          # 3 samples show a date
    assert ("이경화", "newspim", 1) in [r[:3] for r in query(w, "SELECT * FROM articles_by_author")]
    reasons = dict(query(w, "SELECT reason, sum(lines) FROM boilerplate_by_reason GROUP BY reason"))
    assert reasons["sidebar"] > 0 and reasons["duplicate_block"] > 0
    assert sorted(r[1] for r in query(w, "SELECT * FROM search('스마트 라이프 위크') WHERE words_found = 3")) == \
        ["hankyung", "newspim"]


def test_the_manifest_remembers_every_file(tmp_path):
    raw = landing_zone(tmp_path)
    ingest(str(raw), str(tmp_path / "w"))
    manifest = load_manifest(LocalWarehouse(tmp_path / "w"))
    assert len(manifest) == 7
    assert {e.status for e in manifest.values()} == {"article", "rejected"}
    assert all(e.sha256 and e.size is not None and e.mtime_ns for e in manifest.values())


def test_a_truncated_copy_on_another_site_joins_the_cluster_as_contained(tmp_path):
    """Real pair: sample 002 and the excerpt of the same article stored from the publisher's site."""
    from tests.conftest import ROOT

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES / "002_2073495484cbea58.txt", raw / "full.txt")
    fixture = ROOT / "tests" / "fixtures" / "pages" / "regional_cms" / "regional_japolice_1"
    shutil.copy(fixture.with_suffix(".txt"), raw / "excerpt.txt")
    shutil.copy(fixture.with_suffix(".meta.json"), raw / "excerpt.meta.json")
    ingest(str(raw), str(tmp_path / "w"))
    rows = query(tmp_path / "w", "SELECT a.source, d.kind, d.similarity FROM duplicates d JOIN articles a USING "
                                 "(article_id)")
    assert len(rows) == 2 and len({r[0] for r in rows}) == 2
    assert "contained" in {r[1] for r in rows}
    assert min(r[2] for r in rows) < 0.5                         # not similar as a whole: contained
