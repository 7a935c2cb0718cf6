"""A polite fetcher: download article URLs once into the landing zone, each with its sidecar.

Per-host rate limit and concurrency cap, connect/read timeouts, retries with exponential
backoff on timeouts, connection errors and 5xx (never on 4xx), a body size cap, http/https only,
a content-type check, the server's charset kept in the sidecar, and a clear User-Agent.

Files land at `<raw>/fetched/<host>/<sha1 of url>.html|.txt` with `<same>.meta.json`; both are
written under hidden temporary names and renamed into place, the sidecar first, so discovery
never sees half a download. Already-fetched URLs are skipped unless `refresh`. Every outcome is
appended to `<raw>/.fetch-log.jsonl`.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import requests

USER_AGENT = "newsflow/0.1 (news archive ingestion; polite: 1 request/s per host)"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass
class FetchPolicy:
    per_host_interval: float = 1.0      # seconds between two requests to one host
    per_host_concurrency: int = 1
    workers: int = 4                    # requests in flight across all hosts
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3                    # extra attempts after the first, on 5xx/timeouts only
    backoff: float = 0.5                # seconds; doubled after each failed attempt
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    url: str
    status: str                         # fetched, skipped, failed
    reason: str | None = None           # bad_scheme, http_404, http_500, timeout, too_large, bad_content_type, ...
    path: str | None = None
    attempts: int = 0


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
    host = (urlsplit(url).hostname or "unknown").lower()
    name = hashlib.sha1(url.encode("utf-8")).hexdigest()[:20]
    ext = ".txt" if content_type.startswith("text/plain") else ".html"
    return os.path.join(raw_dir, "fetched", host, name + ext)


def already_fetched(raw_dir: str, url: str) -> str | None:
    for content_type in ("text/html", "text/plain"):
        path = target_path(raw_dir, url, content_type)
        if os.path.exists(path) and os.path.exists(path + ".meta.json"):
            return path
    return None


def fetch_urls(urls: list[str], raw_dir: str, policy: FetchPolicy | None = None, refresh: bool = False,
               session: requests.Session | None = None) -> FetchSummary:
    policy = policy or FetchPolicy()
    session = session or requests.Session()
    session.headers["User-Agent"] = policy.user_agent
    session.max_redirects = policy.max_redirects
    gate = _HostGate(policy.per_host_interval, policy.per_host_concurrency)
    log_lock = threading.Lock()

    def one(url: str) -> FetchResult:
        result = _fetch_one(url, raw_dir, policy, refresh, session, gate)
        with log_lock:
            _log(raw_dir, result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, policy.workers)) as pool:
        return FetchSummary(list(pool.map(one, urls)))


def _fetch_one(url, raw_dir, policy, refresh, session, gate) -> FetchResult:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return FetchResult(url, "failed", "bad_scheme")
    existing = already_fetched(raw_dir, url)
    if existing and not refresh:
        return FetchResult(url, "skipped", path=existing)
    attempt, delay = 0, policy.backoff
    while True:
        attempt += 1
        with gate(parts.hostname.lower()):
            outcome = _request(url, policy, session)
        if isinstance(outcome[0], requests.Response):
            response, body = outcome
            return _store(url, raw_dir, response, body, attempt)
        reason, retryable = outcome
        if not retryable or attempt > policy.retries:
            return FetchResult(url, "failed", reason, attempts=attempt)
        time.sleep(delay)
        delay *= 2


def _request(url: str, policy: FetchPolicy, session: requests.Session):
    """(response, body) on success, else (reason, retryable)."""
    try:
        with session.get(url, stream=True, timeout=(policy.connect_timeout, policy.read_timeout)) as response:
            if response.status_code >= 500:
                return f"http_{response.status_code}", True
            if response.status_code >= 400:
                return f"http_{response.status_code}", False
            final = urlsplit(response.url)
            if final.scheme.lower() not in ("http", "https"):
                return "bad_scheme", False
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type and content_type not in TEXT_TYPES:
                return "bad_content_type", False
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                return "too_large", False
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > policy.max_bytes:
                    return "too_large", False
            return response, bytes(body)
    except requests.Timeout:
        return "timeout", True
    except requests.TooManyRedirects:
        return "too_many_redirects", False
    except requests.ConnectionError:
        return "connection_error", True
    except requests.RequestException as error:
        return f"request_error:{type(error).__name__}", False


def _store(url: str, raw_dir: str, response: requests.Response, body: bytes, attempts: int) -> FetchResult:
    header = response.headers.get("Content-Type", "text/html")
    message = Message()
    message["content-type"] = header
    content_type = message.get_content_type()
    path = target_path(raw_dir, url, content_type)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sidecar = {
        "url": url,
        "final_url": response.url,
        "fetched_at": datetime.now(timezone.utc).isoformat(),
        "http_status": response.status_code,
        "content_type": content_type,
        "charset": message.get_param("charset"),
    }
    _write_atomic(path + ".meta.json", json.dumps(sidecar, ensure_ascii=False, indent=1).encode("utf-8"))
    _write_atomic(path, body)
    return FetchResult(url, "fetched", path=path, attempts=attempts)


def _write_atomic(path: str, data: bytes) -> None:
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.part")     # hidden: discovery skips it
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _log(raw_dir: str, result: FetchResult) -> None:
    os.makedirs(raw_dir, exist_ok=True)
    entry = {"at": datetime.now(timezone.utc).isoformat(), **result.__dict__}
    with open(os.path.join(raw_dir, ".fetch-log.jsonl"), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
