"""The search index: BM25 full-text search over the articles' titles and bodies, kept in the catalog.

`build_index` runs inside `refresh_catalog`, on the catalog being built under its temporary name,
so the index is swapped in with the catalog (`os.replace`) and is as crash-safe as it is. It
writes the table `search_docs` (article_id, outlet, published_at, title, body, tokens) and
DuckDB's full-text-search index over `tokens` (`PRAGMA create_fts_index`, schema
`fts_main_search_docs`, extension loaded from the `duckdb-extension-fts` wheel, never downloaded).
The extension has no incremental update, so the expensive part is made incremental: an article
whose title and body are unchanged keeps the tokens of the previous catalog, only new or changed
articles are tokenised, removed ones are gone with their rows; then the FTS index is rebuilt over
the stored tokens.

Tokens are character bigrams of Hangul and Han runs (a one-syllable run is kept whole) and whole
runs of Latin letters and digits, lower-cased: `서울시는 CES行` → `서울 울시 시는 ces 行`. A word
matches whatever particle or suffix follows it (`서울` is in `서울에서`). Measured on 17 judged
queries over the dev corpus (bench/search_quality.py, judgements in tests/store/search_judged.json):
bigrams P@5 0.59, MRR@10 0.97; uni+bigrams 0.58, 1.00; kiwipiepy morphemes 0.59, 0.97 — a tie,
but kiwipiepy indexes 13x slower (8.5 s against 0.65 s for 992 articles) and cannot run in SQL,
while bigrams tokenise in plain SQL: the `search` macro tokenises its query itself and needs no
Python and no extension at query time. kiwipiepy stays a dev dependency for that measurement.

Timings (bench/search.py, 20,000 articles, 2 cores): full build 13.1 s, build after 200 new
articles 13.1 s (only the 200 are tokenised, but `create_fts_index` over the stored tokens is
most of the time), query median 110 ms (max 341 ms), catalog 58 MB.

The `search(words, db := 'nf')` macro: a document is a hit when it holds at least one query word
(a word is held when all of its bigrams occur in the document); hits are ranked by the number of
words held, then by BM25 (k1 1.2, b 0.75: the extension's `match_bm25` formula, computed here over
its tables because `match_bm25` needs the extension's `stem` at query time and names its tables
without a catalog). A table macro binds table names in the *caller's* database, so the macro
reads its tables with `query_table(db || '.…')`: `db` is the name the catalog is attached as,
`nf` unless told (`open_catalog` attaches it as `nf`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.store.warehouse import sql_str

TOKENIZER = "bigram-1"              # stored with the index: a different one re-tokenises everything
FTS_SCHEMA = "fts_main_search_docs"
DEFAULT_DB = "nf"                   # the catalog's name in a session (open_catalog attaches it so)
SNIPPET_CHARS = 120                 # the snippet's window of the body
SNIPPET_BEFORE = 30                 # characters shown before the first hit
HIGHLIGHT = ("«", "»")              # around each query word in the snippet

# A run: Hangul syllables, Han characters, or Latin letters and digits (after lower-casing).
RUN_PATTERN = "[가-힣]+|[一-鿿]+|[a-z0-9]+"


def tokens_sql(text: str) -> str:
    """SQL for the list of tokens of the SQL expression `text` (see the module docstring)."""
    runs = f"regexp_extract_all(lower(coalesce({text}, '')), '{RUN_PATTERN}')"
    return f"flatten(list_transform({runs}, w -> {grams_sql('w')}))"


def grams_sql(run: str) -> str:
    """SQL for one run's tokens: itself when it is Latin/digits or one character, else its bigrams."""
    return (f"CASE WHEN length({run}) < 2 OR regexp_matches({run}, '^[a-z0-9]') THEN [{run}] "
            f"ELSE list_transform(range(1, length({run})), i -> substr({run}, i, 2)) END")


def fts_extension() -> Path:
    """The FTS extension file shipped in the `duckdb-extension-fts` wheel for this DuckDB."""
    import duckdb_extension_fts

    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise RuntimeError(f"no FTS extension for DuckDB {duckdb.__version__} at {path}: "
                           f"install duckdb-extension-fts=={duckdb.__version__}")
    return path


@dataclass(frozen=True)
class IndexBuild:
    """What one index build did."""
    articles: int           # documents in the index
    tokenised: int          # of them, tokenised in this build (the rest kept their tokens)
    seconds: float


def build_index(con: duckdb.DuckDBPyConnection, previous: Path | None, db: str = DEFAULT_DB) -> IndexBuild:
    """Write `search_docs`, its FTS index and the `search` macro into the database of `con`, which
    has the `articles` view. Tokens of unchanged articles come from the `previous` catalog file."""
    started = time.perf_counter()
    con.execute(f"LOAD '{sql_str(fts_extension())}'")
    kept = _attach_previous(con, previous)
    tokens = f"array_to_string({tokens_sql(_doc_text('a'))}, ' ')"
    if kept:
        con.execute(f"""CREATE OR REPLACE TABLE search_docs AS
            SELECT a.article_id, a.outlet, a.published_at, a.title, a.body,
                   CASE WHEN p.article_id IS NULL THEN {tokens} ELSE p.tokens END AS tokens,
                   p.article_id IS NULL AS tokenised
            FROM articles a LEFT JOIN search_prev.search_docs p
              ON p.article_id = a.article_id AND p.title IS NOT DISTINCT FROM a.title
                 AND p.body IS NOT DISTINCT FROM a.body""")
        con.execute("DETACH search_prev")
    else:
        con.execute(f"""CREATE OR REPLACE TABLE search_docs AS
            SELECT a.article_id, a.outlet, a.published_at, a.title, a.body, {tokens} AS tokens, true AS tokenised
            FROM articles a""")
    row = con.execute("SELECT count(*), count(*) FILTER (tokenised) FROM search_docs").fetchone()
    articles, tokenised = row if row else (0, 0)
    con.execute("ALTER TABLE search_docs DROP COLUMN tokenised")
    con.execute("""PRAGMA create_fts_index('search_docs', 'article_id', 'tokens', stemmer='none',
                    stopwords='none', ignore='\\s+', strip_accents=0, lower=0, overwrite=1)""")
    con.execute("CREATE OR REPLACE TABLE search_meta AS SELECT ? AS tokenizer", [TOKENIZER])
    con.execute(search_macro_sql(db))
    return IndexBuild(articles, tokenised, round(time.perf_counter() - started, 3))


def _doc_text(alias: str) -> str:
    return f"concat_ws(' ', {alias}.title, {alias}.body)"


def _attach_previous(con: duckdb.DuckDBPyConnection, previous: Path | None) -> bool:
    """Attach the previous catalog as `search_prev` when it holds an index of the same tokenizer."""
    if previous is None or not previous.is_file():
        return False
    try:
        con.execute(f"ATTACH '{sql_str(previous)}' AS search_prev (READ_ONLY)")
    except duckdb.Error:                # unreadable: tokenise everything again
        return False
    try:
        row = con.execute("SELECT tokenizer FROM search_prev.search_meta").fetchone()
        if row and row[0] == TOKENIZER:
            return True
    except duckdb.Error:                # a catalog from before the index
        pass
    con.execute("DETACH search_prev")
    return False


def search_macro_sql(db: str = DEFAULT_DB) -> str:
    """The `search(words, db := …)` table macro: article_id, outlet, published_at, title, score,
    words_found, snippet; best first."""
    def table(name: str) -> str:
        return f"query_table(db || '.{name}')"

    runs = f"regexp_extract_all(lower(words), '{RUN_PATTERN}')"
    open_mark, close_mark = HIGHLIGHT
    return f"""CREATE OR REPLACE MACRO search(words, db := '{sql_str(db)}') AS TABLE
WITH q_words AS (
    SELECT unnest(r) AS word, generate_subscripts(r, 1) AS word_no FROM (SELECT {runs} AS r)),
q_terms AS (
    SELECT DISTINCT word_no, unnest({grams_sql('word')}) AS term FROM q_words),
q_needed AS (SELECT word_no, count(*) AS needed FROM q_terms GROUP BY word_no),
q_dict AS (
    SELECT DISTINCT q_terms.word_no, d.termid, d.df FROM q_terms JOIN {table(FTS_SCHEMA + '.dict')} d USING (term)),
stats AS (SELECT num_docs, avgdl FROM {table(FTS_SCHEMA + '.stats')}),
hits AS (
    SELECT t.docid, t.termid, count(*) AS tf FROM {table(FTS_SCHEMA + '.terms')} t
    WHERE t.termid IN (SELECT termid FROM q_dict) GROUP BY t.docid, t.termid),
held AS (
    SELECT docid, count(*) AS words_found FROM (
        SELECT h.docid, q.word_no, count(*) AS present FROM hits h JOIN q_dict q USING (termid)
        GROUP BY h.docid, q.word_no) JOIN q_needed USING (word_no)
    WHERE present = needed GROUP BY docid),
scored AS (
    SELECT h.docid, sum(log(((SELECT num_docs FROM stats) - d.df + 0.5) / (d.df + 0.5) + 1)
           * h.tf * 2.2 / (h.tf + 1.2 * (0.25 + 0.75 * fd.len / (SELECT avgdl FROM stats)))) AS score
    FROM hits h JOIN (SELECT DISTINCT termid, df FROM q_dict) d USING (termid)
         JOIN {table(FTS_SCHEMA + '.docs')} fd ON fd.docid = h.docid
    WHERE h.docid IN (SELECT docid FROM held) GROUP BY h.docid),
found AS (
    SELECT s.article_id, s.outlet, s.published_at, s.title, scored.score, held.words_found, s.body,
           list_min(list_filter(list_transform((SELECT list(word) FROM q_words), w -> instr(lower(s.body), w)),
                                p -> p > 0)) AS first_hit
    FROM scored JOIN held USING (docid) JOIN {table(FTS_SCHEMA + '.docs')} fd ON fd.docid = scored.docid
         JOIN {table('main.search_docs')} s ON s.article_id = fd.name)
SELECT article_id, outlet, published_at, title, score, words_found,
       CASE WHEN coalesce(first_hit, 1) > {SNIPPET_BEFORE + 1} THEN '…' ELSE '' END
       || regexp_replace(regexp_replace(substr(body, greatest(coalesce(first_hit, 1) - {SNIPPET_BEFORE}, 1),
                                                {SNIPPET_CHARS}), '\\s+', ' ', 'g'),
                         '(?i)(' || (SELECT string_agg(regexp_escape(word), '|' ORDER BY length(word) DESC)
                                     FROM q_words) || ')',
                         '{open_mark}\\1{close_mark}', 'g')
       || CASE WHEN length(body) >= greatest(coalesce(first_hit, 1) - {SNIPPET_BEFORE}, 1) + {SNIPPET_CHARS}
               THEN '…' ELSE '' END AS snippet
FROM found ORDER BY words_found DESC, score DESC, article_id"""


def missing_index_macro_sql() -> str:
    """A `search` macro for a catalog without an index (a warehouse on object storage): it fails
    with a message that says what to do."""
    return ("CREATE OR REPLACE MACRO search(words, db := 'memory') AS TABLE SELECT NULL::VARCHAR AS article_id, "
            "error('search needs a local warehouse (its catalog holds the index); on object storage use "
            "`newsflow search`, which builds the index in memory') AS outlet")



@dataclass(frozen=True)
class SearchRequest:
    """A search from the command line: the words, and the filters on the macro's rows."""
    words: str
    outlet: str | None = None
    since: str | None = None        # an ISO date: articles published that day (KST) or later
    limit: int = 20


COLUMNS = ("article_id", "outlet", "published_at", "title", "score", "words_found", "snippet")


def run_search(con: duckdb.DuckDBPyConnection, request: SearchRequest) -> list[tuple]:
    """Rows of the `search` macro (COLUMNS), best first, through the filters of `request`. A
    connection without an index (object storage) gets one built in memory first."""
    if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'search_docs'").fetchone() == (0,):
        build_index(con, previous=None, db=con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]
    filters, params = ["true"], [request.words]
    if request.outlet is not None:
        filters.append("outlet = ?")
        params.append(request.outlet)
    if request.since is not None:
        filters.append("published_at >= ?")     # ISO text in KST: '2024-01-11T15:00:00+09:00' >= '2024-01-11'
        params.append(request.since)
    sql = (f"SELECT {', '.join(COLUMNS)} FROM search(?) WHERE {' AND '.join(filters)} "
           f"ORDER BY words_found DESC, score DESC, article_id LIMIT {int(request.limit)}")
    return con.execute(sql, params).fetchall()
