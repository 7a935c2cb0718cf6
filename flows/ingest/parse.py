"""One raw file in, one outcome out: read, hash, parse with its sidecar, and the rows it yields
(article or reject, removed lines for the boilerplate audit). Nothing a file holds can raise out."""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flows.ingest import dedupe
from flows.ingest.budget import FileBudget, OverBudget, file_budget
from flows.ingest.sidecar import Sidecar, apply_sidecar, read_sidecar
from flows.settings import DEFAULT, Settings
from flows.store import location
from parsers import RECORD_FIELDS, ParseResult, generic_page, parse_bytes
from parsers.dates import to_datetime
from parsers.leaks import leak
from parsers.record import ArticleRecord
from parsers.recurring import PageLines, RecurringLines, page_lines
from parsers.text import identity_text

MAX_FILE_BYTES = DEFAULT.max_file_bytes     # larger files are no article page: rejected unread
OUTPUT_FIELDS = RECORD_FIELDS + ("url", "fetched_at")   # `newsflow parse` output: record + sidecar


@dataclass
class Outcome:
    """What processing one raw file produced."""

    path: str
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    article: dict | None = None                              # an `articles` row
    reject: dict | None = None                               # a `rejects` row
    boilerplate: list[dict] = field(default_factory=list)    # `boilerplate` rows (removed lines)
    signature: dict | None = None                            # a `signatures` row (near-duplicates)
    leak: bool = False                                       # furniture found in the body (for the drift alarm)
    # a page for the generic fallback, not parsed yet: its site and line statistics, pooled with
    # its site's other pages (what recurs on them is furniture) before it is parsed, once
    site: str | None = None
    pooled: PageLines | None = None
    ms: float = 0.0                                          # time spent on the file

    @property
    def status(self) -> str:
        return "article" if self.article is not None else "rejected"


def parse_file(path: str, data: bytes, recurring: frozenset[str] = frozenset()) -> tuple[ParseResult, Sidecar]:
    """Parse one raw file's bytes with what its sidecar says (URL, declared charset, outlet hint)."""
    meta = read_sidecar(path)
    result = parse_bytes(data, source=path, url=meta.url, charset=meta.charset, recurring=recurring)
    apply_sidecar(result.record, meta)
    return result, meta


def output_record(result: ParseResult, meta: Sidecar) -> dict:
    """The public `newsflow parse` object: the record, then the sidecar's url and fetched_at."""
    fetched = meta.fetched_at.isoformat() if meta.fetched_at else None
    return {**result.record, "url": meta.url, "fetched_at": fetched}


def storable(text: str) -> str:
    """A path that may hold undecodable bytes (surrogate escapes) as valid UTF-8 for Parquet: each
    such byte as `\\xNN`, so two names that differ only there keep distinct keys."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def article_id(record: Mapping[str, Any]) -> str:
    """Same original outlet + same normalised text → same id, wherever and however often saved."""
    text = record["body"] or f"{record['title']}\n{record['published_at']}"
    key = f"{record['outlet'] or ''}\x1f{identity_text(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def article_row(record: ArticleRecord, sha: str | None, encoding: str | None, run_id: str, ingested_at: datetime,
                meta: Sidecar | None = None) -> dict:
    published = record["published_at"]
    return {
        **record,
        "source": storable(record["source"]),
        "url": meta.url if meta else None,
        "fetched_at": meta.fetched_at if meta else None,
        "article_id": article_id(record),
        "source_sha256": sha,
        "published_ts": to_datetime(published),
        "updated_ts": to_datetime(record["updated_at"]),
        "body_chars": len(record["body"] or ""),
        "encoding": encoding,
        "run_id": run_id,
        "ingested_at": ingested_at,
        "year": int(published[:4]) if published else None,
    }


def reject_row(source: str, sha: str | None, reason: str, error: str | None, parser: str | None,
               run_id: str, ingested_at: datetime) -> dict:
    return {"source": storable(source), "source_sha256": sha, "reason": reason, "error": error,
            "parser": parser, "run_id": run_id, "ingested_at": ingested_at}


def boilerplate_rows(result: ParseResult, row: dict) -> list[dict]:
    return [{"article_id": row["article_id"], "outlet": row["outlet"], "line_no": number, "text": storable(text),
             "reason": reason} for number, text, reason in result.removed()]


@dataclass
class RawPage:
    """One raw file read for parsing: its bytes, or why it could not be read (`vanished`,
    `unreadable`, `not_regular_file`, `too_large`) with the error; its size, mtime and SHA-256 as
    far as known."""

    path: str
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    data: bytes | None = None
    reason: str | None = None
    error: str | None = None


def read_page(path: str) -> RawPage:
    """Read a raw file (a local path or an fsspec URL) unless it is over the page size limit. A file
    over it is rejected `too_large` from its `stat` alone: never opened, read or hashed (its
    manifest row has no SHA-256; its size and mtime say when to look again). At most one byte past
    the limit is read, so a file that grew after its `stat` is rejected the same way."""
    size = mtime = None
    try:
        size, mtime = location.stat(path)
        if size > MAX_FILE_BYTES:
            return _too_large(path, size, mtime)
        with location.open_binary(path) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return _too_large(path, size, mtime)
        return RawPage(path, size, mtime, hashlib.sha256(data).hexdigest(), data)
    except Exception as error:  # OSError locally; object stores raise their own kinds too
        reason = ("vanished" if isinstance(error, FileNotFoundError) else
                  "not_regular_file" if isinstance(error, location.NotRegularFile) else "unreadable")
        return RawPage(path, size, mtime, reason=reason, error=f"{type(error).__name__}: {error}")


def _too_large(path: str, size: int, mtime: int) -> RawPage:
    return RawPage(path, size, mtime, reason="too_large",
                   error=f"{size} bytes (or more), over the {MAX_FILE_BYTES} byte limit for one page")


def process_file(path: str, run_id: str, ingested_at: datetime, recurring: frozenset = frozenset(),
                 pool_generic: bool = False) -> Outcome:
    """One raw file → an article, a reject, or (`pool_generic`) a generic page set aside with its
    line statistics, to be parsed once its site's furniture is known (`recurring`)."""
    page = read_page(path)
    size, mtime, sha, data = page.size, page.mtime_ns, page.sha256, page.data
    if data is None:
        return Outcome(path, size, mtime, sha, reject=reject_row(path, sha, page.reason or "unreadable", page.error,
                                                                 None, run_id, ingested_at))
    if pool_generic:
        try:
            meta = read_sidecar(path)
            probe = generic_page(data, path, meta.url, meta.charset)
        except Exception:  # noqa: BLE001 - a probe that fails leaves the page to the normal parse
            probe = None
        if probe is not None:
            text, site = probe
            return Outcome(path, size, mtime, sha, site=site or "dir:" + os.path.dirname(path), pooled=page_lines(text))
    try:
        result, meta = parse_file(path, data, recurring)
    except Exception as error:  # a parser bug must not sink the run: keep the file as a reject
        reason = "too_expensive" if isinstance(error, MemoryError) else "parser_error"   # over the memory budget
        return Outcome(path, size, mtime, sha,
                       reject=reject_row(path, sha, reason, f"{type(error).__name__}: {error}", None, run_id,
                                         ingested_at))
    record = result.record
    if record["status"] != "ok":
        return Outcome(path, size, mtime, sha, reject=reject_row(
            path, sha, record["reason"] or "rejected", result.error, record["parser"], run_id, ingested_at))
    row = article_row(record, sha, result.encoding, run_id, ingested_at, meta)
    return Outcome(path, size, mtime, sha, article=row, boilerplate=boilerplate_rows(result, row),
                   signature=dedupe.signature_row(row["article_id"], row["body"]), leak=leak(row["body"]))


def process_batch(paths: list[str], run_id: str, ingested_at: datetime, recurring: dict[str, frozenset] | None = None,
                  pool_generic: bool = False, budget: FileBudget | None = None) -> list[Outcome]:
    """`process_file` for each path; `recurring`: the furniture of each generic page's site. Each
    file within `budget` (flows.ingest.budget; default: the settings'): one over it is rejected
    `too_expensive`."""
    location.forget_listings()         # sidecar lookups on object storage: one listing per folder and batch
    seconds = (budget or Settings.from_env().file_budget).seconds
    outcomes = []
    for path in paths:
        started = time.perf_counter()
        try:
            with file_budget(seconds):
                outcome = process_file(path, run_id, ingested_at, (recurring or {}).get(path, frozenset()),
                                       pool_generic)
        except OverBudget:
            outcome = too_expensive(path, f"parsing took over the {seconds:g} s budget for one file", run_id,
                                    ingested_at)
        outcome.ms = round((time.perf_counter() - started) * 1000, 2)
        outcomes.append(outcome)
    return outcomes


def too_expensive(path: str, error: str, run_id: str, ingested_at: datetime) -> Outcome:
    """The reject of a file whose parse ran over its budget (time or memory): its size and mtime
    (from `stat`, so the manifest does not try it again until it changes), no hash."""
    size: int | None = None
    mtime: int | None = None
    try:
        size, mtime = location.stat(path)
    except Exception:  # noqa: BLE001 - gone or unreadable meanwhile: the reject still stands
        pass
    return Outcome(path, size, mtime, None, reject=reject_row(path, None, "too_expensive", error, None, run_id,
                                                              ingested_at))


def pool_sites(pooled: list[Outcome], memory: dict[str, RecurringLines] | None = None
               ) -> tuple[dict[str, frozenset], dict[str, RecurringLines]]:
    """Cross-document evidence for the generic fallback's pages: the lines that recur on many
    pages of one site are furniture. The evidence is this run's pages of the site (their line
    statistics, `Outcome.pooled`) plus `memory`, what earlier runs counted there. Returns each
    site's furniture, and its statistics after this run (bounded) for the warehouse to keep."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in sorted(pooled, key=lambda o: o.path):
        if outcome.site is not None and outcome.pooled is not None:
            groups.setdefault(outcome.site, []).append(outcome)
    furniture: dict[str, frozenset] = {}
    updated: dict[str, RecurringLines] = {}
    for site, outcomes in groups.items():
        seen = RecurringLines()
        for outcome in outcomes:
            assert outcome.pooled is not None
            seen.add_page(outcome.pooled)
        known = (memory or {}).get(site, RecurringLines()).merge(seen)
        updated[site] = known.bounded()
        furniture[site] = known.furniture()
    return furniture, updated
