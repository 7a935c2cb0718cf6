"""Spool files: a parse batch's outcomes, handed from the process (or cluster worker) that parsed
them to the run's merge through a folder, possibly shared (NEWSFLOW_SPOOL, `s3://…`).

The format is JSON (UTF-8), never pickle: whoever can write to a shared spool folder must not be
able to run code in the ingest process by leaving a file there. Decoding builds only plain values
and the typed `Outcome`s; a file that is not a spool of this version is an error, not code.

    {"spool": "newsflow-outcomes", "version": 1, "outcomes": [outcome, …]}

Each outcome holds its fields by name; rows (`article`, `reject`) keep their values as JSON values
with the names of their datetime columns beside them (`"datetimes": ["ingested_at", …]`, ISO 8601
with offset), signature bytes are base64, a pooled page's line hashes a list.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from datetime import datetime
from typing import Any

from flows.ingest.budget import FileBudget
from flows.ingest.parse import Outcome, process_batch
from flows.store import location
from parsers.recurring import PageLines

SPOOL_KIND = "newsflow-outcomes"
SPOOL_VERSION = 1
SUFFIX = ".spool.json"
SIGNATURE_BYTES = ("bands", "minhash")     # a `signatures` row's binary columns


class SpoolError(ValueError):
    """A spool file that is not what `spool_batch` writes."""


def spool_batch(paths: list[str], run_id: str, ingested_at: datetime, spool: str,
                recurring: dict[str, frozenset] | None = None, pool_generic: bool = False,
                budget: FileBudget | None = None) -> str:
    """`process_batch` with its outcomes written to a spool file in `spool`; returns the file's
    path (so a Prefect task's result is a path, not the parsed articles)."""
    return write_spool(process_batch(paths, run_id, ingested_at, recurring, pool_generic, budget), spool)


def write_spool(outcomes: list[Outcome], spool: str) -> str:
    """A new spool file in the folder `spool` holding `outcomes`; its path."""
    data = encode_outcomes(outcomes)
    if location.is_remote(spool):                  # a cluster's shared spool (s3://…)
        path = location.join(spool, f"{secrets.token_hex(8)}{SUFFIX}")
        location.write_bytes(path, data)
        return path
    handle, path = tempfile.mkstemp(suffix=SUFFIX, dir=spool)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return path


def unspool(path: str) -> list[Outcome]:
    """The outcomes `spool_batch` wrote; the file is deleted."""
    outcomes = decode_outcomes(location.read_bytes(path))
    location.remove(path)
    return outcomes


def encode_outcomes(outcomes: list[Outcome]) -> bytes:
    document = {"spool": SPOOL_KIND, "version": SPOOL_VERSION, "outcomes": [_encode(o) for o in outcomes]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def decode_outcomes(data: bytes) -> list[Outcome]:
    try:
        document = json.loads(data.decode("utf-8", "surrogatepass"))
        if not isinstance(document, dict) or document.get("spool") != SPOOL_KIND:
            raise SpoolError("not a newsflow spool file")
        if document.get("version") != SPOOL_VERSION:
            raise SpoolError(f"spool version {document.get('version')!r}, not {SPOOL_VERSION}")
        return [_decode(item) for item in document["outcomes"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        if isinstance(error, SpoolError):
            raise
        raise SpoolError(f"a damaged spool file: {type(error).__name__}: {error}") from None


def _encode(outcome: Outcome) -> dict[str, Any]:
    signature = outcome.signature
    if signature is not None:
        signature = {**signature, **{key: base64.b64encode(signature[key]).decode("ascii")
                                     for key in SIGNATURE_BYTES if key in signature}}
    pooled = outcome.pooled
    return {
        "path": outcome.path, "size": outcome.size, "mtime_ns": outcome.mtime_ns, "sha256": outcome.sha256,
        "article": _encode_row(outcome.article), "reject": _encode_row(outcome.reject),
        "boilerplate": outcome.boilerplate, "signature": signature, "leak": outcome.leak, "site": outcome.site,
        "pooled": None if pooled is None else {"lines": sorted(pooled.lines), "prose": pooled.prose},
        "ms": outcome.ms,
    }


def _decode(item: dict[str, Any]) -> Outcome:
    signature = item["signature"]
    if signature is not None:
        signature = {**signature, **{key: base64.b64decode(signature[key])
                                     for key in SIGNATURE_BYTES if key in signature}}
    pooled = item["pooled"]
    return Outcome(
        path=item["path"], size=item["size"], mtime_ns=item["mtime_ns"], sha256=item["sha256"],
        article=_decode_row(item["article"]), reject=_decode_row(item["reject"]),
        boilerplate=list(item["boilerplate"]), signature=signature, leak=bool(item["leak"]), site=item["site"],
        pooled=None if pooled is None else PageLines(frozenset(pooled["lines"]), pooled["prose"]),
        ms=float(item["ms"]),
    )


def _encode_row(row: dict | None) -> dict | None:
    if row is None:
        return None
    times = [key for key, value in row.items() if isinstance(value, datetime)]
    values = {**row, **{key: row[key].isoformat() for key in times}} if times else row
    return {"values": values, "datetimes": times}


def _decode_row(encoded: dict | None) -> dict | None:
    if encoded is None:
        return None
    row = dict(encoded["values"])
    for key in encoded["datetimes"]:
        row[key] = datetime.fromisoformat(row[key])
    return row
