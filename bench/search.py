"""Search index timings on 20,000 articles: full build, incremental build after 200 new articles,
and the `search` macro's median latency over 20 queries.

    .venv/bin/python -m bench.search /tmp/dev_warehouse [--articles 20000]

The articles are the dev corpus warehouse's (tests/corpus/dev ingested), each copied with a
different id and a numbered sentence appended until there are 20,000; `build_index` runs on them
exactly as `refresh_catalog` runs it after a commit.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from flows.store.catalog import open_catalog
from flows.store.search import build_index

QUERIES = ["반도체 수출", "고용률", "물가 상승", "폭우 침수", "계엄군", "축제 개막", "환율", "코스피 하락",
           "올림픽 메달", "아파트 전세", "미세먼지", "화재 예방", "광화문 집회", "삼성 갤럭시", "재건축 집값",
           "산천어축제", "창간 기념식", "서울 CES", "국회의장", "대통령 선거"]


def catalog_with(path: Path, source: str, count: int) -> duckdb.DuckDBPyConnection:
    """A database at `path` whose `articles` table holds `count` copies of the corpus' articles."""
    con = duckdb.connect(str(path))
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    con.execute(f"""CREATE TABLE articles AS
        SELECT md5(article_id || n) AS article_id, outlet, published_at, title,
               body || ' 복사본 ' || n || '번째 문장.' AS body
        FROM src.corpus, range(0, 1 + {count} // (SELECT count(*) FROM src.corpus)) r(n)
        LIMIT {count}""")
    con.execute("DETACH src")
    return con


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse")
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="search_bench_"))
    corpus = work / "corpus.duckdb"
    cat = open_catalog(args.warehouse)
    cat.execute(f"ATTACH '{corpus}' AS c")
    cat.execute("CREATE TABLE c.corpus AS SELECT article_id, outlet, published_at, title, body FROM articles")
    cat.close()

    first = work / "catalog_1.duckdb"
    con = catalog_with(first, str(corpus), args.articles)
    full = build_index(con, previous=None)
    con.close()

    second = work / "catalog_2.duckdb"
    con = catalog_with(second, str(corpus), args.articles)
    con.execute("""INSERT INTO articles SELECT md5(article_id || 'new'), outlet, published_at, title, body || ' 새 기사'
                   FROM articles LIMIT 200""")
    incremental = build_index(con, previous=first)
    con.close()

    reader = duckdb.connect()
    reader.execute(f"ATTACH '{second}' AS nf (READ_ONLY)")
    latencies = []
    for query in QUERIES:
        started = time.perf_counter()
        reader.execute("SELECT * FROM nf.search(?) LIMIT 20", [query]).fetchall()
        latencies.append(time.perf_counter() - started)
    reader.close()
    print(json.dumps({
        "articles": full.articles, "full_build_s": full.seconds,
        "incremental": {"articles": incremental.articles, "tokenised": incremental.tokenised,
                        "seconds": incremental.seconds},
        "query_median_ms": round(statistics.median(latencies) * 1000, 1),
        "query_max_ms": round(max(latencies) * 1000, 1),
        "catalog_mb": round(second.stat().st_size / 1e6, 1),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
