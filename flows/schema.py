"""Arrow schemas of the warehouse tables: defined once here, used by writers and the DuckDB catalog.

Bump SCHEMA_VERSION when a table changes; new columns are appended so older files stay readable
(DuckDB views use union_by_name).
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 2   # 2: articles gained url, fetched_at (from sidecars)
_text = pa.string()
_texts = pa.list_(pa.string())
_kst = pa.timestamp("us", tz="Asia/Seoul")
_utc = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        ("article_id", _text),       # sha256 of outlet + normalised body: same content → same id
        ("source", _text),           # the raw file's path as found under the raw folder
        ("source_sha256", _text),    # sha256 of the raw bytes: the file's identity
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
    metadata={"newsflow.schema_version": str(SCHEMA_VERSION)},
)

REJECTS = pa.schema(
    [
        ("source", _text),
        ("source_sha256", _text),
        ("reason", _text),           # empty, binary, undecodable, too_large, unreadable, vanished, no_content, parser_error
        ("error", _text),            # the detail
        ("parser", _text),
        ("run_id", _text),
        ("ingested_at", _utc),
    ],
    metadata={"newsflow.schema_version": str(SCHEMA_VERSION)},
)

# table name → (schema, hive partition columns)
TABLES: dict[str, tuple[pa.Schema, tuple[str, ...]]] = {
    "articles": (ARTICLES, ("outlet", "year")),
    "rejects": (REJECTS, ()),
}
