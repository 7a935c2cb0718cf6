"""The ingest pipeline as plain functions: discover → parse in batches → commit → catalog.

`flows.flow` wraps these in Prefect tasks; tests call them directly. `ingest` takes the batch
mapper as an argument so the same code runs with the builtin `map` or Prefect's task runner.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator

from parsers import RECORD_FIELDS, ParseResult, parse_bytes
from parsers.dates import to_datetime
from parsers.decode import DecodeError, decode
from parsers.recurring import RecurringLines
from parsers.registry import GENERIC
from parsers.text import identity_text

from .catalog import refresh_catalog
from .sidecar import SUFFIX as SIDECAR_SUFFIX
from .sidecar import Sidecar, apply_sidecar, read_sidecar
from .storage import Warehouse

DEFAULT_BATCH_SIZE = 200
MAX_FILE_BYTES = 20 * 1024 * 1024     # larger files are no article page: rejected unread
OUTPUT_FIELDS = RECORD_FIELDS + ("url", "fetched_at")   # `newsflow parse` output: record + sidecar


# ---------------------------------------------------------------- discover

def iter_raw_files(root: str) -> Iterator[str]:
    """Every candidate raw file under `root` (or `root` itself), in a stable order; paths keep
    the form `root` was given in. Hidden files/folders and `.meta.json` sidecars are skipped."""
    if os.path.isfile(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                yield os.path.join(folder, name)


def batched(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


# ---------------------------------------------------------------- parse

@dataclass
class BatchResult:
    articles: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    skipped: int = 0
    _shas: set = field(default_factory=set, repr=False)

    def merge(self, other: "BatchResult") -> None:
        """Add another batch's rows; bytes already taken from an earlier batch count as skipped."""
        self.skipped += other.skipped
        for rows, mine in ((other.articles, self.articles), (other.rejects, self.rejects)):
            for row in rows:
                sha = row["source_sha256"]
                if sha is not None and sha in self._shas:
                    self.skipped += 1
                    continue
                if sha is not None:
                    self._shas.add(sha)
                mine.append(row)


def article_id(record: dict) -> str:
    """Same original outlet + same normalised text → same id, wherever and however often saved."""
    text = record["body"] or f"{record['title']}\n{record['published_at']}"
    key = f"{record['outlet'] or ''}\x1f{identity_text(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def parse_file(path: str, data: bytes) -> tuple[ParseResult, Sidecar]:
    """Parse one raw file's bytes with what its sidecar says (URL, declared charset, outlet hint)."""
    meta = read_sidecar(path)
    result = parse_bytes(data, source=path, url=meta.url, charset=meta.charset)
    apply_sidecar(result.record, meta)
    return result, meta


def output_record(result: ParseResult, meta: Sidecar) -> dict:
    """The public `newsflow parse` object: the record, then the sidecar's url and fetched_at."""
    fetched = meta.fetched_at.isoformat() if meta.fetched_at else None
    return {**result.record, "url": meta.url, "fetched_at": fetched}


def storable(text: str) -> str:
    """A path that may hold undecodable bytes (surrogate escapes) as valid UTF-8 for Parquet."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def article_row(record: dict, sha: str, encoding: str | None, run_id: str, ingested_at: datetime,
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


def parse_batch(paths: list[str], known: frozenset[str] | set[str], run_id: str, ingested_at: datetime) -> BatchResult:
    """Read, hash and parse a batch of files. Files whose bytes were loaded before are skipped;
    nothing raised by one file stops the batch: it becomes a reject with the error."""
    out = BatchResult()
    seen: set[str] = set()
    for path in paths:
        try:
            size = os.path.getsize(path)
            if size > MAX_FILE_BYTES:
                sha, data = file_sha256(path), None
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
                sha = hashlib.sha256(data).hexdigest()
        except OSError as error:
            reason = "vanished" if isinstance(error, FileNotFoundError) else "unreadable"
            out.rejects.append(reject_row(path, None, reason, f"{type(error).__name__}: {error}", None, run_id, ingested_at))
            continue
        if sha in known or sha in seen:
            out.skipped += 1
            continue
        seen.add(sha)
        if data is None:
            error = f"{size} bytes, over the {MAX_FILE_BYTES} byte limit for one page"
            out.rejects.append(reject_row(path, sha, "too_large", error, None, run_id, ingested_at))
            continue
        try:
            result, meta = parse_file(path, data)
        except Exception as error:  # a parser bug must not sink the run: keep the file as a reject
            out.rejects.append(reject_row(path, sha, "parser_error", f"{type(error).__name__}: {error}", None, run_id, ingested_at))
            continue
        record = result.record
        if record["status"] == "ok":
            out.articles.append(article_row(record, sha, result.encoding, run_id, ingested_at, meta))
        else:
            error = getattr(result, "error", None)
            out.rejects.append(reject_row(path, sha, record["reason"], error, record["parser"], run_id, ingested_at))
    return out


def refine_generic(articles: list[dict]) -> int:
    """Re-parse the generic fallback's pages with cross-document evidence: lines that recur on
    many pages of the same site (same host, or same folder when no URL is known) are furniture.
    Returns how many rows were re-parsed."""
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(articles):
        if row["parser"].split("@")[0] == GENERIC.name:
            groups.setdefault(row["site"] or os.path.dirname(row["source"]), []).append(i)
    refined = 0
    for indexes in groups.values():
        seen, pages = RecurringLines(), {}
        for i in indexes:
            try:
                with open(articles[i]["source"], "rb") as handle:
                    pages[i] = handle.read()
                seen.add(decode(pages[i]).text)
            except (OSError, DecodeError):
                continue
        furniture = seen.furniture()
        if not furniture:
            continue
        for i, data in pages.items():
            row = articles[i]
            meta = read_sidecar(row["source"])
            result = parse_bytes(data, source=row["source"], url=meta.url, charset=meta.charset, recurring=furniture)
            apply_sidecar(result.record, meta)
            if result.record["status"] == "ok":
                articles[i] = article_row(result.record, row["source_sha256"], result.encoding, row["run_id"],
                                          row["ingested_at"], meta)
                refined += 1
    return refined


# ---------------------------------------------------------------- the run

BatchMapper = Callable[[list[list[str]], frozenset[str], str, datetime], Iterable[BatchResult]]


def map_batches_locally(batches, known, run_id, ingested_at) -> Iterable[BatchResult]:
    return (parse_batch(batch, known, run_id, ingested_at) for batch in batches)


def ingest(raw_dir: str, warehouse_dir: str, batch_size: int = DEFAULT_BATCH_SIZE,
           map_batches: BatchMapper = map_batches_locally) -> dict:
    """One ingest run: load every new raw file as an article or a reject, commit, refresh the catalog."""
    started = time.perf_counter()
    warehouse = Warehouse(warehouse_dir)
    ingested_at = datetime.now(timezone.utc)
    run_id = new_run_id(ingested_at)
    with warehouse.writer_lock():
        paths = list(iter_raw_files(raw_dir))
        known = frozenset(warehouse.known_sources())
        discovered = time.perf_counter()
        total = BatchResult()
        for result in map_batches(batched(paths, batch_size), known, run_id, ingested_at):
            total.merge(result)
        refine_generic(total.articles)
        parsed = time.perf_counter()
        summary = summarize(run_id, paths, total)
        files = warehouse.commit(run_id, {"articles": total.articles, "rejects": total.rejects}, summary) \
            if total.articles or total.rejects else []
        refresh_catalog(warehouse)
    finished = time.perf_counter()
    summary["files_written"] = files
    summary["seconds"] = {
        "discover": round(discovered - started, 3),
        "parse": round(parsed - discovered, 3),
        "commit": round(finished - parsed, 3),
        "total": round(finished - started, 3),
    }
    return summary


def summarize(run_id: str, paths: list[str], total: BatchResult) -> dict:
    return {
        "run_id": run_id,
        "files_seen": len(paths),
        "files_skipped": total.skipped,
        "articles": len(total.articles),
        "rejects": len(total.rejects),
        "articles_by_outlet": dict(Counter(r["outlet"] or "unknown" for r in total.articles).most_common()),
        "rejects_by_reason": dict(Counter(r["reason"] for r in total.rejects).most_common()),
        "warnings": dict(Counter(w for r in total.articles for w in r["warnings"]).most_common()),
    }
