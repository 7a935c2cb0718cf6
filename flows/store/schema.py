"""Arrow schemas of the warehouse tables: defined once here, used by writers and the DuckDB catalog.

Bump SCHEMA_VERSION when a table changes; new columns are appended so older files stay readable
(DuckDB views use union_by_name). Each table declares its Hive partition columns and the key
column by which a commit may delete (replace) rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa

SCHEMA_VERSION = 4   # 2: articles.url/fetched_at; 3: files, runs, boilerplate, duplicates, signatures;
                     # 4: site_lines, sites (site memory across runs)
_text = pa.string()
_texts = pa.list_(pa.string())
_kst = pa.timestamp("us", tz="Asia/Seoul")
_utc = pa.timestamp("us", tz="UTC")
_meta = {"newsflow.schema_version": str(SCHEMA_VERSION)}

ARTICLES = pa.schema(
    [
        ("article_id", _text),       # sha256 of outlet + normalised body: same content → same id
        ("source", _text),           # the raw file's path (the first file seen with this article)
        ("source_sha256", _text),    # sha256 of that file's raw bytes
        ("outlet", _text),
        ("site", _text),
        ("parser", _text),
        ("status", _text),
        ("reason", _text),
        ("title", _text),
        ("subtitles", _texts),
        ("published_at", _text),     # as in `newsflow parse`: ISO with +09:00, or YYYY-MM-DD
        ("updated_at", _text),
        ("published_ts", _kst),      # the same instant, typed (null when only a date is shown)
        ("updated_ts", _kst),
        ("authors", _texts),
        ("dateline", _text),
        ("emails", _texts),
        ("body", _text),
        ("captions", _texts),
        ("warnings", _texts),
        ("body_chars", pa.int32()),
        ("encoding", _text),
        ("run_id", _text),
        ("ingested_at", _utc),
        ("year", pa.int32()),        # partition: year of published_at (null when no date)
        ("url", _text),              # from the sidecar <file>.meta.json (v2)
        ("fetched_at", _utc),        # from the sidecar (v2)
    ],
    metadata=_meta,
)

REJECTS = pa.schema(
    [
        ("source", _text),
        ("source_sha256", _text),
        # empty, binary, undecodable, too_large, unreadable, vanished, no_content, parser_error
        ("reason", _text),
        ("error", _text),            # the detail
        ("parser", _text),
        ("run_id", _text),
        ("ingested_at", _utc),
    ],
    metadata=_meta,
)

FILES = pa.schema(
    [
        ("path", _text),             # as found under the raw folder (the manifest's key)
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", _text),           # null when the file could not be read
        ("status", _text),           # article, duplicate (same article as another file), rejected
        ("article_id", _text),
        ("outlet", _text),
        ("reason", _text),           # reject reason
        ("parser", _text),           # name@version that produced the row
        ("run_id", _text),           # the run that last (re)processed the file
        ("seen_at", _utc),
    ],
    metadata=_meta,
)

RUNS = pa.schema(
    [
        ("run_id", _text),
        ("kind", _text),             # ingest, reparse, compact
        ("started_at", _utc),
        ("finished_at", _utc),
        ("files_seen", pa.int64()),
        ("files_new", pa.int64()),
        ("files_changed", pa.int64()),
        ("files_unchanged", pa.int64()),
        ("articles", pa.int64()),    # new article rows
        ("duplicates", pa.int64()),  # files whose article was already loaded
        ("rejects", pa.int64()),
        ("summary_json", _text),     # counts by outlet/status/warning, timings, parser versions
    ],
    metadata=_meta,
)

BOILERPLATE = pa.schema(
    [
        ("article_id", _text),
        ("outlet", _text),
        ("line_no", pa.int32()),
        ("text", _text),
        ("reason", _text),           # menu, sidebar, byline, caption, copyright, duplicate_block, ...
    ],
    metadata=_meta,
)

DUPLICATES = pa.schema(
    [
        ("article_id", _text),
        ("cluster_id", _text),       # the cluster's first member (the article loaded first)
        ("similarity", pa.float32()),  # estimated Jaccard similarity to the article it matched
        ("kind", _text),             # first (the cluster's first member), exact (same text, other
                                     # outlet), near (edited/republished), contained (a truncated copy)
    ],
    metadata=_meta,
)

SIGNATURES = pa.schema(
    [
        ("article_id", _text),
        ("bands", pa.list_(pa.uint64())),   # LSH band hashes of the MinHash signature
        ("minhash", pa.binary()),            # the signature (uint32 × NUM_PERM, little-endian)
        ("shingles", pa.int32()),            # size of the 5-gram set (for containment)
    ],
    metadata=_meta,
)


SITE_LINES = pa.schema(
    [
        ("site", _text),             # host of the site (or `dir:<folder>` for pages with no URL)
        ("line_hash", pa.int64()),   # parsers.recurring.line_hash of the line's identity form
        ("pages", pa.int32()),       # how many of the site's pages hold the line
    ],
    metadata=_meta,
)

SITES = pa.schema(
    [
        ("site", _text),
        ("pages", pa.int32()),       # pages of the site the generic fallback has read, all runs
        ("run_id", _text),           # the run that last updated the site's statistics
    ],
    metadata=_meta,
)


@dataclass(frozen=True)
class Table:
    schema: pa.Schema
    partition: tuple[str, ...] = ()
    key: str | None = None           # rows are replaced/deleted by this column


TABLES: dict[str, Table] = {
    "articles": Table(ARTICLES, ("outlet", "year"), "article_id"),
    "rejects": Table(REJECTS, (), "source"),
    "files": Table(FILES, (), "path"),
    "runs": Table(RUNS, (), "run_id"),
    "boilerplate": Table(BOILERPLATE, ("outlet",), "article_id"),
    "duplicates": Table(DUPLICATES, (), "article_id"),
    "signatures": Table(SIGNATURES, (), "article_id"),
    "site_lines": Table(SITE_LINES, (), "site"),       # site memory: lines recurring on a site's pages
    "sites": Table(SITES, (), "site"),
}


@lru_cache(maxsize=None)
def _columns(table: str) -> frozenset[str]:
    return frozenset(TABLES[table].schema.names)


def table_row(table: str, row: dict) -> dict:
    """A row of `table` as the schema has it: a key that is no column is an error (no hidden keys
    ride along), a column the row leaves out is null."""
    columns = _columns(table)
    unknown = row.keys() - columns
    if unknown:
        raise ValueError(f"not columns of {table}: {', '.join(sorted(unknown))}")
    return row if len(row) == len(columns) else {**dict.fromkeys(columns), **row}
