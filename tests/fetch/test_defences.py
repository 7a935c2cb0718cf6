"""The fetcher against hostile servers and URLs (issue 13, items 7-9): a server that drips one byte
every 0.5 s, URLs and redirects that point at internal addresses, redirects to another host,
credentials and tokens in URLs, a 2 MB URL. Two local servers: A on 127.0.0.1 and B on
127.0.0.2 (both loopback), each started and stopped by the fixture."""
import base64
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flows.fetch import FetchPolicy, fetch_urls, read_url_list
from flows.fetch import address as address_module
from flows.fetch.address import refusal
from flows.fetch.urls import MAX_URL_CHARS, redact_url, shown_url
from flows.ingest.parse import process_batch
from flows.ingest.sidecar import read_sidecar

PAGE = ("<!doctype html><html><head><title>제목</title></head><body><h1>시의회 예산안 통과</h1>"
        "<p>시의회는 11일 본회의를 열고 내년도 예산안을 처리했다고 밝혔다. 의원들은 오랜 시간 토론했다.</p>"
        "<p>똠양꿍 축제 예산도 함께 통과됐다고 시 관계자는 전했다.</p></body></html>").encode()
STOP = threading.Event()           # set when a test ends: dripping handlers stop


class Handler(BaseHTTPRequestHandler):
    requests: list = []             # (server address, path, headers) of every request, both servers
    redirect_to: str = ""           # where /away redirects

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.requests.append((self.server.server_address[0], self.path, dict(self.headers)))
        if self.path.startswith("/ok"):
            self.reply(200, PAGE)
        elif self.path == "/away":
            self.reply(302, headers=[("Location", Handler.redirect_to)])
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.drip(PAGE * 100)
        elif self.path == "/drip-headers":
            self.drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"x" * 1000 + b"\r\n\r\n")
        elif self.path == "/gzip":
            self.reply(200, gzip.compress(PAGE), headers=[("Content-Encoding", "gzip")])
        elif self.path == "/bomb":
            self.reply(200, gzip.compress(b"<p>" + b"a" * 5_000_000), headers=[("Content-Encoding", "gzip")])
        else:
            self.reply(404)

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def drip(self, data: bytes):
        """One byte every 0.5 s until the client hangs up or the test ends."""
        for byte in data:
            if STOP.wait(0.5):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return


def start(host):
    httpd = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, thread


@pytest.fixture
def servers():
    """Base URLs of server A (127.0.0.1) and server B (127.0.0.2)."""
    STOP.clear()
    Handler.requests, Handler.redirect_to = [], ""
    running = [start("127.0.0.1"), start("127.0.0.2")]
    yield tuple(f"http://{h.server_address[0]}:{h.server_address[1]}" for h, _ in running)
    STOP.set()
    for httpd, thread in running:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
        assert not thread.is_alive()


LOCAL = dict(per_host_interval=0.0, connect_timeout=2, read_timeout=5, retries=2, backoff=0.05)
ONLY_A = FetchPolicy(**LOCAL, allowed_networks=("127.0.0.1/32",))     # A allowed, B (127.0.0.2) not
ANY_LOCAL = FetchPolicy(**LOCAL, allow_private=True)


def stored_files(raw):
    return sorted(str(p.relative_to(raw)) for p in Path(raw).rglob("*") if p.is_file() and p.name != ".fetch-log.jsonl")


def log_entries(raw):
    return [json.loads(line) for line in (Path(raw) / ".fetch-log.jsonl").read_text(encoding="utf-8").splitlines()]


# item 7: an overall deadline


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_dripping_server_fails_at_the_deadline_stores_nothing_and_frees_the_host(servers, tmp_path, path):
    a, _ = servers
    policy = FetchPolicy(**{**LOCAL, "workers": 2, "per_host_concurrency": 1}, deadline=2.0, allow_private=True)
    began = time.monotonic()
    summary = fetch_urls([a + path, a + "/ok"], str(tmp_path), policy)
    took = time.monotonic() - began
    drip, ok = summary.results
    assert (drip.status, drip.reason, drip.attempts) == ("failed", "deadline", 1)   # not retried
    assert took < 2.0 + 1.5                       # one deadline, not read timeouts times bytes
    assert ok.status == "fetched"                 # the host's only slot was freed
    assert stored_files(tmp_path) == [f"fetched/127.0.0.1/{Path(ok.path).name}",
                                      f"fetched/127.0.0.1/{Path(ok.path).name}.meta.json"]
    logged = {entry["url"]: entry for entry in log_entries(tmp_path)}
    assert logged[a + path]["status"] == "failed" and logged[a + path]["reason"] == "deadline"


# item 8: internal addresses, checked at every hop


def test_internal_addresses_are_refused_unless_allowed():
    for address, why in [("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
                         ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("::1", "loopback"),
                         ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
                         ("100.64.0.1", "not a global address"), ("fd00::1", "private")]:
        assert refusal(address) == f"{address} is {why}", address
        assert refusal(address, allow_private=True) is None
    assert refusal("::ffff:127.0.0.1") is not None and refusal("64:ff9b::a9fe:a9fe") is not None  # wrapped
    assert refusal("8.8.8.8") is None and refusal("2001:4860:4860::8888") is None
    assert refusal("64:ff9b::808:808") is None                           # NAT64 of a public address
    assert refusal("10.9.8.7", allowed_networks=["10.9.0.0/16"]) is None
    assert refusal("10.8.8.7", allowed_networks=["10.9.0.0/16"]) == "10.8.8.7 is private"


def test_a_loopback_url_is_refused_without_allow_private(servers, tmp_path):
    a, _ = servers
    summary = fetch_urls([a + "/ok"], str(tmp_path), FetchPolicy(**LOCAL))
    (result,) = summary.results
    assert (result.status, result.reason) == ("failed", "blocked_address")
    assert result.detail == "127.0.0.1: 127.0.0.1 is loopback"
    assert Handler.requests == [] and stored_files(tmp_path) == []        # never connected


def test_a_redirect_to_a_refused_address_is_checked_at_that_hop(servers, tmp_path):
    a, b = servers
    Handler.redirect_to = b + "/ok?from=a"
    refused = fetch_urls([a + "/away"], str(tmp_path / "only-a"), ONLY_A).results[0]
    assert (refused.status, refused.reason) == ("failed", "blocked_address")
    assert refused.detail == "127.0.0.2: 127.0.0.2 is loopback"
    assert [(host, path) for host, path, _ in Handler.requests] == [("127.0.0.1", "/away")]   # B never reached
    assert stored_files(tmp_path / "only-a") == []
    # the same chain where B is allowed: B answers, so the refusal above was the address check
    allowed = fetch_urls([a + "/away"], str(tmp_path / "any"), ANY_LOCAL).results[0]
    assert allowed.status == "fetched" and Handler.requests[-1][:2] == ("127.0.0.2", "/ok?from=a")
    # metadata address: refused before any connection is tried
    Handler.redirect_to = "http://169.254.169.254/latest/meta-data/"
    metadata = fetch_urls([a + "/away"], str(tmp_path / "meta"), ONLY_A).results[0]
    assert (metadata.reason, metadata.detail) == ("blocked_address", "169.254.169.254: 169.254.169.254 is link-local")


def test_a_name_is_resolved_once_and_the_checked_address_is_the_one_connected(servers, tmp_path, monkeypatch):
    """DNS rebinding: `news.test` answers 127.0.0.1 (allowed) first and 127.0.0.2 (refused) after.
    The fetcher connects to the address it checked and sends the name in the Host header."""
    a, _ = servers
    port = int(a.rsplit(":", 1)[1])
    real, answers = address_module.socket.getaddrinfo, []

    def rebinding(host, *args, **kwargs):
        if host != "news.test":
            return real(host, *args, **kwargs)
        answers.append(host)
        ip = "127.0.0.1" if len(answers) == 1 else "127.0.0.2"
        return [(2, 1, 6, "", (ip, port))]

    monkeypatch.setattr(address_module.socket, "getaddrinfo", rebinding)
    result = fetch_urls([f"http://news.test:{port}/ok"], str(tmp_path), ONLY_A).results[0]
    assert result.status == "fetched" and len(answers) == 1
    ((server, path, headers),) = Handler.requests
    assert (server, path, headers["Host"]) == ("127.0.0.1", "/ok", f"news.test:{port}")
    assert Path(result.path).parent.name == "news.test"


# redirects to another host: final_url is the page's URL


def test_a_redirect_to_another_host_is_the_pages_url(servers, tmp_path):
    a, b = servers
    Handler.redirect_to = b + "/ok?from=a"
    (result,) = fetch_urls([a + "/away"], str(tmp_path), ANY_LOCAL).results
    assert result.status == "fetched" and result.final_url == b + "/ok?from=a"
    sidecar = json.loads(Path(result.path + ".meta.json").read_text(encoding="utf-8"))
    assert (sidecar["url"], sidecar["final_url"]) == (a + "/away", b + "/ok?from=a")
    meta = read_sidecar(result.path)
    assert (meta.url, meta.requested_url) == (b + "/ok?from=a", a + "/away")
    (out,) = process_batch([result.path], "r", None)
    assert out.article["url"] == b + "/ok?from=a"
    assert log_entries(tmp_path)[0]["final_url"] == b + "/ok?from=a"


def test_too_many_redirects(servers, tmp_path):
    a, _ = servers
    Handler.redirect_to = a + "/away"                 # a loop
    (result,) = fetch_urls([a + "/away"], str(tmp_path), ANY_LOCAL).results
    assert (result.reason, len(Handler.requests)) == ("too_many_redirects", 6)   # the first hop and 5 more


# item 9: credentials never stored, host read correctly


def test_credentials_and_tokens_reach_the_server_but_nothing_stored_holds_them(servers, tmp_path):
    a, _ = servers
    port = a.rsplit(":", 1)[1]
    url = f"http://user:hunter2@127.0.0.1:{port}/ok?id=7&access_token=SECRET123&api_key=K3Y9&Signature=S1G"
    failing = f"http://127.0.0.1:{port}/missing?session=SESS42&page=2"
    summary = fetch_urls([url, failing], str(tmp_path), ANY_LOCAL)
    fetched, missing = summary.results
    assert fetched.status == "fetched" and fetched.url == f"http://127.0.0.1:{port}/ok?id=7"
    assert missing.reason == "http_404" and summary.as_dict()["failed_urls"] == [
        [f"http://127.0.0.1:{port}/missing?page=2", "http_404"]]
    # the server got what the URL says: the token in the query, the credentials as Basic auth
    (_, path, headers), = [request for request in Handler.requests if request[1].startswith("/ok")]   # any order
    assert "access_token=SECRET123" in path
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"user:hunter2").decode()
    # the host folder is the host, not `user`
    assert Path(fetched.path).parent == tmp_path / "fetched" / "127.0.0.1"
    out = process_batch([fetched.path], "r", None)[0]
    assert out.article["url"] == f"http://127.0.0.1:{port}/ok?id=7"
    everything = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()) + json.dumps(
        [summary.as_dict(), [r.__dict__ for r in summary.results], out.article], default=str)
    for secret in ("hunter2", "user:", "SECRET123", "K3Y9", "S1G", "SESS42"):
        assert secret not in everything


def test_a_sidecar_written_by_another_tool_is_redacted_on_reading(tmp_path):
    page = tmp_path / "a.html"
    page.write_bytes(PAGE)
    (tmp_path / "a.html.meta.json").write_text(json.dumps({
        "url": "https://me:pw@news.example/a?token=T0K&id=1",
        "final_url": "https://www.news.example/a?id=1&X-Amz-Signature=abc#access_token=xyz"}), encoding="utf-8")
    meta = read_sidecar(str(page))
    assert (meta.url, meta.requested_url) == ("https://www.news.example/a?id=1", "https://news.example/a?id=1")


def test_redaction_keeps_everything_else_exactly():
    kept = "https://news.example/view?id=%EA%B0%80+1&keyword=k&author=kim&monkey=1;x=2#top"
    assert redact_url(kept) == kept
    assert redact_url("https://a:b@news.example/p?Api-Key=1&q=a%20b&PASSWORD=x&client_secret=y") == \
        "https://news.example/p?q=a%20b"
    assert redact_url("http://news.example/p?refresh_token=1") == "http://news.example/p"
    article_ids = "https://m.ytn.co.kr/ent_view.php?key=201904131000068946&s_mcd=0117"   # a bare `key` is an id
    assert redact_url(article_ids) == article_ids


def test_an_overlong_url_is_refused_and_only_its_start_is_logged(servers, tmp_path):
    a, _ = servers
    listing = tmp_path / "urls.txt"
    huge = a + "/ok?q=" + "x" * 2_000_000 + "&token=SECRET"
    listing.write_text(f"{huge}\n{a}/ok\n", encoding="utf-8")
    urls = read_url_list(str(listing))
    summary = fetch_urls(urls, str(tmp_path / "raw"), ANY_LOCAL)
    refused, ok = summary.results
    assert (refused.status, refused.reason, ok.status) == ("failed", "url_too_long", "fetched")
    assert refused.url.endswith(f"…[{len(huge)} characters]") and len(refused.url) < MAX_URL_CHARS + 40
    log = (tmp_path / "raw" / ".fetch-log.jsonl").read_text(encoding="utf-8")
    assert len(log.splitlines()[0]) < 3_000 and "SECRET" not in log
    assert shown_url(huge) == refused.url and [path for _, path, _ in Handler.requests] == ["/ok"]


def test_bad_urls_are_refused_with_a_reason(tmp_path):
    urls = ["ftp://news.example/a", "http:///nohost", "http://news.example:99999/", "http://a..b/x",
            "http://news.example/a b", "http://[::1/x"]
    reasons = [r.reason for r in fetch_urls(urls, str(tmp_path), ANY_LOCAL).results]
    assert reasons == ["bad_scheme", "bad_url", "bad_url", "bad_url", "bad_url", "bad_url"]


def test_gzip_bodies_are_decoded_and_capped_after_decoding(servers, tmp_path):
    a, _ = servers
    small = FetchPolicy(**LOCAL, allow_private=True, max_bytes=100_000)
    plain, bomb = fetch_urls([a + "/gzip", a + "/bomb"], str(tmp_path), small).results
    assert plain.status == "fetched" and Path(plain.path).read_bytes() == PAGE
    assert (bomb.status, bomb.reason) == ("failed", "too_large")


def test_fetch_command_options(capsys):
    from flows.cli.main import build_parser

    args = build_parser().parse_args(["fetch", "urls.txt"])
    assert (args.allow_private, args.deadline) == (False, 60)
    args = build_parser().parse_args(["fetch", "urls.txt", "--allow-private", "--deadline", "5"])
    assert (args.allow_private, args.deadline) == (True, 5)
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fetch", "urls.txt", "--deadline", "0"])
    assert exit_.value.code == 2 and "--deadline: must be at least 1, not 0" in capsys.readouterr().err
