"""Hostile URLs in pages and sidecars (issue 13, item 3): a 253-character host, a host holding
`=`, `%2f` or `..`, a sidecar URL with a NUL byte or credentials. Each run finishes, the next run
changes nothing, the catalog still answers, and no folder is named after a host."""
import html
import json

import pyarrow.parquet as pq

from flows.ingest.pipeline import ingest
from parsers.urls import OUTLET_ID
from tests.conftest import SAMPLES
from tests.helpers import query

SAMPLE = SAMPLES / "002_2073495484cbea58.txt"
LONG_HOST = ".".join(["a" * 63] * 3 + ["b" * 61])          # 253 characters: a valid host name


def page(n: int, url: str) -> bytes:
    """An HTML page holding a distinct copy of sample 002, with `url` as its canonical link."""
    text = SAMPLE.read_text(encoding="utf-8").replace("서울시를 찾는", f"서울시를 {n}번 찾는")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f'<!doctype html><html><head><link rel="canonical" href="{html.escape(url)}">'
            f"<title>t</title></head><body>{body}</body></html>").encode()


def test_hostile_hosts_and_urls_land_and_the_next_run_changes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    canonical = [f"https://{LONG_HOST}/a", "https://a=b%2f..example.com/x", "https://../../etc/x",
                 "https://x.example.com%2f..%2f..%2fetc/", "https://한국신문.kr/a"]
    for n, url in enumerate(canonical):
        (raw / f"c{n}.html").write_bytes(page(n, url))
    sidecars = {"s0": "https://news.example.kr/a\x00b", "s1": "https://user:secret@news.example.kr/a",
                "s2": "https://news.example.kr/" + "a" * 3000}
    for n, (name, url) in enumerate(sidecars.items(), start=10):
        link = b'<link rel="canonical" href="https://ok.example.kr/x">'
        (raw / f"{name}.txt").write_bytes(page(n, "https://ok.example.kr/x").replace(link, b""))   # sidecar URL only
        (raw / f"{name}.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    first = ingest(str(raw), str(tmp_path / "w"))
    assert first["articles"] == len(canonical) + len(sidecars) and first["rejects"] == 0
    again = ingest(str(raw), str(tmp_path / "w"))
    assert (again["files_unchanged"], again["articles"], again["version"]) == (8, 0, first["version"])
    rows = {source.rsplit("/", 1)[-1]: (outlet, url, warnings) for source, outlet, url, warnings in
            query(tmp_path / "w", "SELECT source, outlet, url, warnings FROM articles")}
    assert rows["c0.html"][0].startswith("h-")                         # the 253-character host: hashed
    assert rows["c4.html"][0] == "xn--3e0bp5x81f0uu.kr"                  # an IDN host: its ASCII form
    for name in ("c1.html", "c2.html", "c3.html", "s0.txt", "s2.txt"):
        assert "url_invalid" in rows[name][2], name
    assert rows["s0.txt"][1] is None and rows["s2.txt"][1] is None
    assert rows["s1.txt"][1] == "https://news.example.kr/a"            # credentials dropped
    for outlet, _, _ in rows.values():
        assert outlet is None or OUTLET_ID.match(outlet)
    folders = [p for p in (tmp_path / "w" / "current" / "articles").rglob("*") if p.is_dir()]
    assert all(len(p.name) <= 64 and "=" not in p.name and "%" not in p.name for p in folders)
    table = pq.read_table(tmp_path / "w" / "articles")                 # a plain Parquet reader agrees
    assert table.num_rows == 8 and ".." not in "".join(o or "" for o in table["outlet"].to_pylist())
