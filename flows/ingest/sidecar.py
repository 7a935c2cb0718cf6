"""Sidecar metadata beside a raw file: `<file>.meta.json` (or `<stem>.meta.json`).

    {"url": "https://www.newsis.com/view/NISX…", "fetched_at": "2026-02-09T12:31:06Z",
     "outlet": "newsis", "charset": "euc-kr", "anything": "else is kept in extras"}

The URL host selects the template first; `fetched_at` becomes a column; `outlet` is a hint used
only when the page itself names no publisher; `charset` is the one the server declared. A missing
sidecar is normal; a broken one is ignored with the warning `sidecar_invalid`, never fatal. A `url`
is read defensively (`parsers.urls`: NUL and control characters, over 2,000 characters, a host
that is no host name): a bad one is dropped with the warning `url_invalid`; credentials are dropped,
and so are secret-looking query parameters (`flows.fetch.urls.redact_url`). A `final_url` (where
`newsflow fetch` was redirected) is the page's URL; the listed `url` is then `requested_url`.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flows.fetch.urls import redact_url
from flows.store import location
from parsers.outlets import outlet_from_host, outlet_from_name
from parsers.record import ArticleRecord
from parsers.urls import clean_url

SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1 << 20       # a larger `.meta.json` is no sidecar: ignored unread (`sidecar_invalid`)
_OUTLET_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,40}$")


@dataclass
class Sidecar:
    url: str | None = None               # the page's URL: `final_url` when there is one, else `url`
    requested_url: str | None = None     # `url` when a redirect led elsewhere (`final_url`)
    fetched_at: datetime | None = None
    outlet: str | None = None
    charset: str | None = None
    extras: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def sidecar_path(path: str) -> str | None:
    stem = os.path.splitext(path)[0]
    for candidate in (path + SUFFIX, stem + SUFFIX):
        if location.exists_in_listing(candidate):
            return candidate
    return None


def read_sidecar(path: str) -> Sidecar:
    found = sidecar_path(path)
    if found is None:
        return Sidecar()
    try:
        if location.stat(found)[0] > MAX_SIDECAR_BYTES:
            raise ValueError(f"over {MAX_SIDECAR_BYTES} bytes: no sidecar")
        data = json.loads(location.read_bytes(found).decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as error:
        return Sidecar(warnings=["sidecar_invalid"], extras={"error": f"{type(error).__name__}: {error}"})
    meta = Sidecar()
    url, final_url = data.pop("url", None), data.pop("final_url", None)
    cleaned, final = clean_url(url), clean_url(final_url)
    if cleaned is not None:
        meta.url = redact_url(cleaned.url)
    elif url is not None:
        meta.warnings.append("url_invalid")
    if final is not None and redact_url(final.url) != meta.url:   # `newsflow fetch` was redirected there
        meta.requested_url, meta.url = meta.url, redact_url(final.url)
    elif final_url is not None and final is None:
        meta.warnings.append("url_invalid")
    fetched_at = data.pop("fetched_at", None)
    if fetched_at is not None:
        meta.fetched_at = _timestamp(fetched_at)
        if meta.fetched_at is None:
            meta.warnings.append("sidecar_invalid")
    outlet = data.pop("outlet", None)
    if isinstance(outlet, str) and outlet.strip():
        meta.outlet = outlet_from_name(outlet) or outlet_from_host(outlet) or (
            outlet.strip() if _OUTLET_ID.match(outlet.strip()) else None)
    charset = data.pop("charset", None)
    meta.charset = charset if isinstance(charset, str) else None
    meta.extras = data
    meta.warnings = sorted(set(meta.warnings))
    return meta


def _timestamp(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def apply_sidecar(record: ArticleRecord, meta: Sidecar) -> None:
    """Fold the sidecar into a parsed record: the outlet hint fills a missing outlet."""
    record["warnings"] = record["warnings"] + [w for w in meta.warnings if w not in record["warnings"]]
    if record["status"] == "ok" and record["outlet"] is None and meta.outlet:
        record["outlet"] = meta.outlet
        record["warnings"] = [w for w in record["warnings"] if w != "unknown_outlet"]
