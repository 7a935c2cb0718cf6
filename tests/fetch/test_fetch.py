"""The fetcher against a local HTTP server on 127.0.0.1 started by the test: slow responses,
500s, 404s, redirects, a huge body, non-text content, EUC-KR pages, rate limiting and skipping.
The server is on loopback, so these policies allow private addresses (test_defences.py shows the
refusal)."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows.fetch import FetchPolicy, already_fetched, fetch_urls, read_url_list
from flows.ingest.parse import process_batch

PAGE = ("<!doctype html><html><head><title>제목</title></head><body><h1>시의회 예산안 통과</h1>"
        "<p>시의회는 11일 본회의를 열고 내년도 예산안을 처리했다고 밝혔다. 의원들은 오랜 시간 토론했다.</p>"
        "<p>똠양꿍 축제 예산도 함께 통과됐다고 시 관계자는 전했다.</p></body></html>")


class Handler(BaseHTTPRequestHandler):
    hits: dict = {}
    times: list = []
    agents: list = []

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        Handler.agents.append(self.headers.get("User-Agent"))
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        Handler.times.append((path, time.monotonic()))
        if path == "/ok" or path.startswith("/ok?"):
            self.send(200, PAGE.encode())
        elif path == "/euckr":
            self.send(200, PAGE.encode("cp949"), "text/html; charset=euc-kr")
        elif path == "/slow":
            time.sleep(1.0)
            self.send(200, PAGE.encode())
        elif path == "/flaky":
            self.send(500) if Handler.hits[path] <= 2 else self.send(200, PAGE.encode())
        elif path == "/error":
            self.send(503)
        elif path == "/missing":
            self.send(404)
        elif path == "/redirect":
            self.send(302, headers=[("Location", "/ok?from=redirect")])
        elif path == "/huge":
            self.send(200, b"<p>" + b"x" * 50_000 + b"</p>")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        else:
            self.send(404)


@pytest.fixture
def server():
    Handler.hits, Handler.times, Handler.agents = {}, [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = FetchPolicy(per_host_interval=0.0, workers=4, per_host_concurrency=4, connect_timeout=2,
                   read_timeout=0.4, retries=2, backoff=0.05, max_bytes=10_000, allow_private=True)


def by_url(summary):
    return {r.url.rsplit("/", 1)[-1]: r for r in summary.results}


def test_outcomes_for_each_kind_of_response(server, tmp_path):
    names = ["ok", "euckr", "slow", "flaky", "error", "missing", "redirect", "huge", "image"]
    summary = fetch_urls([f"{server}/{n}" for n in names] + ["ftp://127.0.0.1/x"], str(tmp_path), FAST)
    got = by_url(summary)
    assert {n: got[n].status for n in names} == {
        "ok": "fetched", "euckr": "fetched", "slow": "failed", "flaky": "fetched", "error": "failed",
        "missing": "failed", "redirect": "fetched", "huge": "failed", "image": "failed"}
    assert (got["slow"].reason, got["slow"].attempts) == ("timeout", 3)        # retried
    assert (got["error"].reason, got["error"].attempts) == ("http_503", 3)     # retried
    assert (got["missing"].reason, Handler.hits["/missing"]) == ("http_404", 1)  # 4xx: never retried
    assert got["flaky"].attempts == 3
    assert got["huge"].reason == "too_large" and got["image"].reason == "bad_content_type"
    assert got["x"].reason == "bad_scheme"


def test_sidecar_records_url_time_and_charset_and_the_page_parses(server, tmp_path):
    summary = fetch_urls([f"{server}/euckr", f"{server}/redirect"], str(tmp_path), FAST)
    euckr, redirect = (by_url(summary)[n] for n in ("euckr", "redirect"))
    sidecar = json.loads(open(euckr.path + ".meta.json", encoding="utf-8").read())
    assert sidecar["url"] == f"{server}/euckr" and sidecar["charset"] == "euc-kr"
    assert json.loads(open(redirect.path + ".meta.json").read())["final_url"].endswith("/ok?from=redirect")
    (out,) = process_batch([euckr.path], "r", None)
    row = out.article
    assert "똠양꿍" in row["body"] and row["url"] == f"{server}/euckr"


def test_already_fetched_urls_are_skipped_unless_refresh(server, tmp_path):
    url = f"{server}/ok"
    fetch_urls([url], str(tmp_path), FAST)
    assert already_fetched(str(tmp_path), url)
    again = fetch_urls([url], str(tmp_path), FAST)
    assert again.results[0].status == "skipped" and Handler.hits["/ok"] == 1
    fetch_urls([url], str(tmp_path), FAST, refresh=True)
    assert Handler.hits["/ok"] == 2


def test_requests_to_one_host_are_spaced(server, tmp_path):
    polite = FetchPolicy(per_host_interval=0.25, workers=4, retries=0, allow_private=True)
    fetch_urls([f"{server}/ok?{i}" for i in range(4)], str(tmp_path), polite)
    starts = sorted(t for path, t in Handler.times)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(gaps) == 3 and min(gaps) >= 0.24


def test_user_agent_and_url_list(tmp_path, server):
    fetch_urls([f"{server}/ok"], str(tmp_path), FAST)
    assert Handler.agents[0].startswith("newsflow/")
    listing = tmp_path / "urls.txt"
    listing.write_text("# news\nhttps://a.example/1\n\nhttps://a.example/1\nhttps://b.example/2\n", encoding="utf-8")
    assert read_url_list(str(listing)) == ["https://a.example/1", "https://b.example/2"]
