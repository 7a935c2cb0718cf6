"""A polite fetcher: download article URLs once into the landing zone, each with its sidecar.

Per-host rate limit and concurrency cap, connect/read timeouts and one overall deadline per
attempt, retries with exponential backoff on timeouts, connection errors and 5xx (never on 4xx),
a body size cap, http/https only, a content-type check, the server's charset kept in the sidecar,
and a clear User-Agent. The request itself (`flows.fetch.request`) follows redirects hop by hop
and refuses internal addresses unless the policy allows them.

Files land at `<raw>/fetched/<host>/<sha1 of url>.html|.txt` with `<same>.meta.json`; both are
written under hidden temporary names and renamed into place, the sidecar first, so discovery
never sees half a download. Already-fetched URLs are skipped unless `refresh`. Every outcome is
appended to `<raw>/.fetch-log.jsonl`. A URL is stored, logged and reported only redacted
(`flows.fetch.urls.redact_url`: no credentials, no secret-looking parameters) and capped.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from flows.fetch import request
from flows.fetch.policy import USER_AGENT, FetchPolicy
from flows.fetch.urls import BadUrl, redact_url, shown_url, web_target
from parsers.urls import clean_host

__all__ = ["USER_AGENT", "FetchPolicy", "FetchResult", "FetchSummary", "already_fetched", "fetch_urls",
           "read_url_list", "target_path"]
MAX_DETAIL_CHARS = 500


@dataclass
class FetchResult:
    url: str                            # as listed, redacted and capped (`shown_url`)
    status: str                         # fetched, skipped, failed
    reason: str | None = None           # bad_scheme, bad_url, url_too_long, blocked_address, deadline, timeout,
                                        # http_404, http_500, too_large, bad_content_type, too_many_redirects, ...
    path: str | None = None
    attempts: int = 0
    final_url: str | None = None        # where a redirect led (redacted, capped), when not `url`
    detail: str | None = None           # what exactly failed, for the log


@dataclass
class FetchSummary:
    results: list[FetchResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def as_dict(self) -> dict:
        failed: dict[str, int] = {}
        for r in self.results:
            if r.status == "failed":
                reason = r.reason or "unknown"
                failed[reason] = failed.get(reason, 0) + 1
        return {"urls": len(self.results), "fetched": self.count("fetched"), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "failed_by_reason": failed,
                "failed_urls": [[r.url, r.reason or "unknown"] for r in self.results if r.status == "failed"]}


class _HostGate:
    """Per-host spacing between requests and a cap on requests in flight to that host."""

    def __init__(self, interval: float, concurrency: int):
        self.interval, self.concurrency = interval, concurrency
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Semaphore, threading.Lock, list[float]]] = {}

    def _host(self, host: str):
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = (threading.Semaphore(self.concurrency), threading.Lock(), [0.0])
            return self._hosts[host]

    def __call__(self, host: str):
        gate = self

        class _Slot:
            def __enter__(self):
                semaphore, lock, last = gate._host(host)
                semaphore.acquire()
                with lock:
                    wait = last[0] + gate.interval - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                    last[0] = time.monotonic()

            def __exit__(self, *exc):
                gate._host(host)[0].release()

        return _Slot()


def read_url_list(path: str) -> list[str]:
    """URLs from a list file (one per line, `#` comments), or from every `*.txt` list in a folder."""
    files = sorted(str(p) for p in Path(path).rglob("*.txt")) if os.path.isdir(path) else [path]
    urls: list[str] = []
    seen: set[str] = set()
    for name in files:
        with open(name, encoding="utf-8-sig") as handle:
            for line in handle:
                url = line.strip()
                if url and not url.startswith("#") and url not in seen:
                    seen.add(url)
                    urls.append(url)
    return urls


def target_path(raw_dir: str, url: str, content_type: str = "text/html") -> str:
    """Where the page of `url` lands: a folder per host (its ASCII form), a name from a hash of the URL
    (a hash: it keeps no secret the URL holds, and two URLs that differ only in one stay apart)."""
    try:
        host = clean_host(urlsplit(url).hostname or "") or "unknown"
    except ValueError:
        host = "unknown"
    name = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    ext = ".txt" if content_type.startswith("text/plain") else ".html"
    return os.path.join(raw_dir, "fetched", host.replace(":", "_"), name + ext)


def already_fetched(raw_dir: str, url: str) -> str | None:
    for content_type in ("text/html", "text/plain"):
        path = target_path(raw_dir, url, content_type)
        if os.path.exists(path) and os.path.exists(path + ".meta.json"):
            return path
    return None


def fetch_urls(urls: list[str], raw_dir: str, policy: FetchPolicy | None = None, refresh: bool = False) -> FetchSummary:
    policy = policy or FetchPolicy()
    gate = _HostGate(policy.per_host_interval, policy.per_host_concurrency)
    log_lock = threading.Lock()

    def one(url: str) -> FetchResult:
        result = _fetch_one(url, raw_dir, policy, refresh, gate)
        with log_lock:
            _log(raw_dir, result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, policy.workers)) as pool:
        return FetchSummary(list(pool.map(one, urls)))


def _fetch_one(url: str, raw_dir: str, policy: FetchPolicy, refresh: bool, gate: _HostGate) -> FetchResult:
    shown = shown_url(url)
    try:
        host = web_target(url).host
    except BadUrl as error:
        return FetchResult(shown, "failed", error.reason, detail=str(error))
    existing = already_fetched(raw_dir, url)
    if existing and not refresh:
        return FetchResult(shown, "skipped", path=existing)
    attempt, delay = 0, policy.backoff
    while True:
        attempt += 1
        with gate(host):                  # held for one attempt at most: the deadline bounds it
            outcome = request.get(url, policy)
        if isinstance(outcome, request.Page):
            return _store(url, raw_dir, outcome, attempt)
        if not outcome.retryable or attempt > policy.retries:
            return FetchResult(shown, "failed", outcome.reason, attempts=attempt, detail=outcome.detail)
        time.sleep(delay)
        delay *= 2


def _store(url: str, raw_dir: str, page: request.Page, attempts: int) -> FetchResult:
    message = Message()
    message["content-type"] = page.content_type
    content_type = message.get_content_type()
    charset = message.get_param("charset")
    path = target_path(raw_dir, url, content_type)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sidecar = {
        "url": redact_url(url),
        "final_url": redact_url(page.final_url),      # the page's URL: where the redirects led
        "fetched_at": datetime.now(timezone.utc).isoformat(),
        "http_status": page.status,
        "content_type": content_type,
        "charset": charset if isinstance(charset, str) else None,
    }
    _write_atomic(path + ".meta.json", json.dumps(sidecar, ensure_ascii=False, indent=1).encode("utf-8"))
    _write_atomic(path, page.body)
    final = shown_url(page.final_url) if page.final_url != url else None
    return FetchResult(shown_url(url), "fetched", path=path, attempts=attempts, final_url=final)


def _write_atomic(path: str, data: bytes) -> None:
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.part")     # hidden: discovery skips it
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _log(raw_dir: str, result: FetchResult) -> None:
    os.makedirs(raw_dir, exist_ok=True)
    entry = {"at": datetime.now(timezone.utc).isoformat(), **asdict(result)}
    if result.detail and len(result.detail) > MAX_DETAIL_CHARS:
        entry["detail"] = result.detail[:MAX_DETAIL_CHARS] + "…"
    with open(os.path.join(raw_dir, ".fetch-log.jsonl"), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
