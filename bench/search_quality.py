"""Which tokeniser the search index uses: character bigrams, uni+bigrams or kiwipiepy morphemes,
scored on judged queries over the dev corpus (precision@5 and MRR@10).

    .venv/bin/newsflow ingest --raw <copy of tests/corpus/dev without *.json> --warehouse /tmp/dev --no-prefect
    .venv/bin/python -m bench.search_quality /tmp/dev [--pool]

The judgements are in tests/store/search_judged.json: for each query, the article ids read and
judged relevant (`relevant`) out of the pooled top 10 of the three tokenisers (`--pool` prints
that pool for judging). Each tokeniser gets its own FTS index over titles and bodies, and the same
ranking as the `search` macro: words held first (a word is held when all its tokens occur), then
BM25. kiwipiepy is a dev dependency for this measurement only.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

import duckdb

from flows.store.catalog import open_catalog
from flows.store.search import FTS_SCHEMA, fts_extension, tokens_sql

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "store" / "search_judged.json"
KIWI_TAGS = ("NNG", "NNP", "NR", "NP", "XR", "SL", "SH", "SN", "VV", "VA", "MAG")
QueryWords = list[list[str]]          # a query: its words, each word's tokens

UNIGRAMS_TOO = ("flatten(list_transform(regexp_extract_all(lower(coalesce({text}, '')), '[가-힣]+|[一-鿿]+|[a-z0-9]+'),"
                " w -> CASE WHEN regexp_matches(w, '^[a-z0-9]') OR length(w) < 2 THEN [w] "
                "ELSE list_concat(string_split(w, ''), "
                "list_transform(range(1, length(w)), i -> substr(w, i, 2))) END))")


def kiwi_tokeniser() -> Callable[[str], list[str]]:
    from kiwipiepy import Kiwi

    kiwi = Kiwi()

    def tokens(text: str) -> list[str]:
        return [t.form.lower() for t in kiwi.tokenize(text or "") if t.tag in KIWI_TAGS]
    return tokens


def build(articles: list[tuple[str, str]], tokens: Callable[[str], list[str]] | None, sql_tokens: str | None
          ) -> tuple[duckdb.DuckDBPyConnection, float]:
    """An in-memory FTS index over (article_id, text); tokenised in Python or in SQL."""
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"LOAD '{fts_extension()}'")
    con.execute("CREATE TABLE raw (article_id VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO raw VALUES (?, ?)", articles)
    if tokens is not None:
        rows = [(article_id, " ".join(tokens(text))) for article_id, text in articles]
        con.execute("CREATE TABLE docs (article_id VARCHAR, tokens VARCHAR)")
        con.executemany("INSERT INTO docs VALUES (?, ?)", rows)
    else:
        assert sql_tokens is not None
        con.execute(f"CREATE TABLE docs AS SELECT article_id, array_to_string({sql_tokens.format(text='text')}, ' ')"
                    " AS tokens FROM raw")
    con.execute("PRAGMA create_fts_index('docs', 'article_id', 'tokens', stemmer='none', stopwords='none', "
                "ignore='\\s+', strip_accents=0, lower=0)")
    return con, time.perf_counter() - started


def rank(con: duckdb.DuckDBPyConnection, words: QueryWords, limit: int = 10) -> list[str]:
    """Article ids, best first: words held, then BM25 (the `search` macro's ranking)."""
    pairs = [(no, term) for no, word in enumerate(words) for term in dict.fromkeys(word)]
    if not pairs:
        return []
    schema = FTS_SCHEMA.replace("search_docs", "docs")
    con.execute("CREATE OR REPLACE TEMP TABLE q_terms (word_no INTEGER, term VARCHAR)")
    con.executemany("INSERT INTO q_terms VALUES (?, ?)", pairs)
    return [r[0] for r in con.execute(f"""
        WITH q_needed AS (SELECT word_no, count(*) AS needed FROM q_terms GROUP BY word_no),
        q_dict AS (SELECT DISTINCT q.word_no, d.termid, d.df FROM q_terms q JOIN {schema}.dict d USING (term)),
        hits AS (SELECT docid, termid, count(*) AS tf FROM {schema}.terms
                 WHERE termid IN (SELECT termid FROM q_dict) GROUP BY ALL),
        held AS (SELECT docid, count(*) AS words_found FROM (
                   SELECT h.docid, q.word_no, count(*) AS present FROM hits h JOIN q_dict q USING (termid) GROUP BY ALL)
                 JOIN q_needed USING (word_no) WHERE present = needed GROUP BY docid),
        scored AS (SELECT h.docid, sum(log(((SELECT num_docs FROM {schema}.stats) - d.df + 0.5) / (d.df + 0.5) + 1)
                     * h.tf * 2.2 / (h.tf + 1.2 * (0.25 + 0.75 * fd.len / (SELECT avgdl FROM {schema}.stats)))) AS score
                   FROM hits h JOIN (SELECT DISTINCT termid, df FROM q_dict) d USING (termid)
                   JOIN {schema}.docs fd ON fd.docid = h.docid GROUP BY h.docid)
        SELECT fd.name FROM scored JOIN held USING (docid) JOIN {schema}.docs fd ON fd.docid = scored.docid
        ORDER BY words_found DESC, score DESC, fd.name LIMIT {limit}""").fetchall()]


def sql_query_words(sql_tokens: str, query: str) -> QueryWords:
    con = duckdb.connect()
    runs = con.execute("SELECT regexp_extract_all(lower(?), '[가-힣]+|[一-鿿]+|[a-z0-9]+')", [query]).fetchone()
    out = []
    for run in runs[0] if runs else []:
        row = con.execute(f"SELECT {sql_tokens.format(text='?')}", [run]).fetchone()
        out.append(list(row[0]) if row else [])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse")
    parser.add_argument("--pool", action="store_true", help="print the pooled top 10 of each query for judging")
    args = parser.parse_args(argv)
    cat = open_catalog(args.warehouse)
    articles = cat.execute("SELECT article_id, concat_ws(' ', title, body) FROM articles").fetchall()
    titles = dict(cat.execute("SELECT article_id, coalesce(title, left(body, 60)) FROM articles").fetchall())
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    kiwi = kiwi_tokeniser()
    bigram_sql = tokens_sql("{text}")
    methods = {
        "bigram": (None, bigram_sql, lambda q: sql_query_words(bigram_sql, q)),
        "uni+bigram": (None, UNIGRAMS_TOO, lambda q: sql_query_words(UNIGRAMS_TOO, q)),
        "kiwi": (kiwi, None, lambda q: [kiwi(word) for word in q.split()]),
    }
    results: dict[str, dict[str, list[str]]] = {}
    for name, (py_tokens, sql_tokens, query_words) in methods.items():
        con, seconds = build(articles, py_tokens, sql_tokens)
        results[name] = {j["query"]: rank(con, query_words(j["query"])) for j in judged["queries"]}
        print(f"{name}: index of {len(articles)} articles in {seconds:.2f} s", file=sys.stderr)
    if args.pool:
        for j in judged["queries"]:
            pool = dict.fromkeys(a for name in methods for a in results[name][j["query"]])
            print(f"\n## {j['query']}")
            for article_id in pool:
                print(f"  {article_id}  {' '.join(titles[article_id].split())[:70]}")
        return 0
    print("| tokeniser | P@5 | MRR@10 |\n|---|---|---|")
    for name in methods:
        p5, rr = [], []
        for j in judged["queries"]:
            relevant, ranked = set(j["relevant"]), results[name][j["query"]]
            p5.append(sum(a in relevant for a in ranked[:5]) / 5)
            rr.append(next((1 / (i + 1) for i, a in enumerate(ranked) if a in relevant), 0.0))
        print(f"| {name} | {sum(p5) / len(p5):.2f} | {sum(rr) / len(rr):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
