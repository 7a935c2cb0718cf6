"""Every kind of raw input in one landing folder: sidecars, odd names, bad files. Nothing is lost:
each file ends up in `articles` or `rejects`, and the rest of the batch loads."""
import json
import os

import pytest

from flows.ingest.parse import MAX_FILE_BYTES, process_batch
from flows.ingest.pipeline import ingest
from flows.ingest.sidecar import read_sidecar
from tests.conftest import SAMPLES
from tests.helpers import PNG_BYTES, query

SAMPLE = SAMPLES / "002_2073495484cbea58.txt"


def test_sidecar_url_selects_the_template_and_fills_columns(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_bytes(SAMPLE.read_bytes())
    (raw / "page.meta.json").write_text(json.dumps({
        "url": "https://www.gyeonggi-news.example/news/view.php?no=7", "fetched_at": "2026-11-01T03:04:05Z",
        "outlet": "gyeonggi_news", "crawler": "x"}), encoding="utf-8")
    ingest(str(raw), str(tmp_path / "w"))
    (outlet, site, url, fetched, warnings), = query(
        tmp_path / "w", "SELECT outlet, site, url, fetched_at, warnings FROM articles")
    assert site == "www.gyeonggi-news.example"
    assert outlet == "gyeonggi-news.example"      # the site's own host names its publisher
    assert url.startswith("https://www.gyeonggi-news.example/")
    assert fetched.isoformat() == "2026-11-01T12:04:05+09:00"
    assert "unknown_outlet" not in warnings


def test_outlet_hint_fills_only_a_missing_outlet(tmp_path):
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "뉴시스"}', encoding="utf-8")
    (tmp_path / "b.txt").write_bytes((SAMPLES / "001_b16488920c083763.txt").read_bytes())
    (tmp_path / "b.meta.json").write_text('{"outlet": "newsis"}', encoding="utf-8")
    out = process_batch([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], "r", None)
    assert [o.article["outlet"] for o in out] == ["newsis", "hankyung"]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"fetched_at": "yesterday"}', "\x00\x01"])
def test_broken_sidecars_are_ignored_with_a_warning(tmp_path, content):
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "a.txt.meta.json").write_text(content, encoding="utf-8")
    assert read_sidecar(str(tmp_path / "a.txt")).warnings == ["sidecar_invalid"]
    (out,) = process_batch([str(tmp_path / "a.txt")], "r", None)
    assert out.article is not None and "sidecar_invalid" in out.article["warnings"]


def variant(n: int) -> bytes:
    """Sample 002 with a different first sentence: a distinct article."""
    return SAMPLE.read_bytes().replace("서울시를 찾는".encode(), f"서울시를 {n}번 찾는".encode())


def test_a_mixed_landing_folder_accounts_for_every_file(tmp_path):
    raw = tmp_path / "raw"
    (raw / "nested" / "deeper").mkdir(parents=True)
    files = {
        "empty.txt": b"",
        "image.txt": PNG_BYTES,
        "doc.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "archive.zip": b"PK\x03\x04" + bytes(200),
        "cut.txt": "끝이 잘린 기사".encode()[:-1],
        "이름에 공백 한글.txt": variant(1),
        "emoji 📰.txt": variant(2),
        "nested/deeper/page.html": b"<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>",
        "nested/euc.txt": variant(3).decode().replace("\xa0", " ").encode("cp949"),
        "menu-only.txt": "메뉴\n로그인\n".encode(),
    }
    for name, data in files.items():
        (raw / name).write_bytes(data)
    (raw / "looks-like-a-file.txt").mkdir()                       # a directory named like a file
    (raw / "looks-like-a-file.txt" / "inside.txt").write_bytes(variant(4))
    big = raw / "huge.txt"
    with open(big, "wb") as handle:                               # 50 MB, sparse: cheap to make
        handle.truncate(50 * 1024 * 1024)
    locked = raw / "locked.txt"
    locked.write_bytes(variant(5))
    locked.chmod(0)
    summary = ingest(str(raw), str(tmp_path / "w"))
    locked.chmod(0o644)
    articles = dict(query(tmp_path / "w", "SELECT source, parser FROM articles"))
    rejects = dict(query(tmp_path / "w", "SELECT source, reason FROM rejects"))
    seen = {os.path.relpath(p, raw) for p in list(articles) + list(rejects)}
    expected = set(files) | {"looks-like-a-file.txt/inside.txt", "huge.txt", "locked.txt"}
    assert seen == expected and summary["files_seen"] == len(expected)
    statuses = dict(query(tmp_path / "w", "SELECT path, status FROM files"))
    assert {os.path.relpath(p, raw) for p in statuses} == expected   # the manifest has every file too
    by_name = {os.path.relpath(k, raw): v for k, v in rejects.items()}
    assert by_name["empty.txt"] == "empty" and by_name["image.txt"] == "binary"
    assert by_name["doc.pdf"] == "binary" and by_name["archive.zip"] == "binary"
    assert by_name["huge.txt"] == "empty" or by_name["huge.txt"] == "too_large"
    assert by_name["menu-only.txt"] == "no_content"
    if os.geteuid() != 0:                                         # root reads anything
        assert by_name["locked.txt"] == "unreadable"
    loaded = {os.path.relpath(k, raw) for k in articles}
    assert {"이름에 공백 한글.txt", "emoji 📰.txt", "nested/euc.txt", "looks-like-a-file.txt/inside.txt"} <= loaded


def test_a_file_that_vanishes_mid_run_is_a_reject_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    gone, kept = process_batch([str(tmp_path / "gone.txt"), str(tmp_path / "a.txt")], "r", None)
    assert gone.reject["reason"] == "vanished" and kept.article is not None


def test_too_large_files_are_rejected_unread(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.write(b"x" * 10)
        handle.truncate(MAX_FILE_BYTES + 1)
    (out,) = process_batch([str(big)], "r", None)
    assert out.reject["reason"] == "too_large" and out.reject["source_sha256"] is None   # not even hashed


def test_undecodable_path_bytes_are_stored_as_text(tmp_path):
    name = os.fsdecode(b"bad-\xff-name.txt")
    path = os.path.join(str(tmp_path), name)
    with open(path, "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    summary = ingest(str(tmp_path), str(tmp_path.parent / f"{tmp_path.name}-w"))
    assert summary["articles"] == 1
    (source,), = query(tmp_path.parent / f"{tmp_path.name}-w", "SELECT source FROM articles")
    assert source.endswith("bad-\\xff-name.txt")        # each undecodable byte as \xNN: names stay distinct
