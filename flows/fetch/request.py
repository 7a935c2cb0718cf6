"""One fetch attempt: GET a URL, following redirects hop by hop, within one overall deadline.

Each hop reads the URL defensively (`urls.web_target`), resolves its host once, refuses it if any
address it resolves to is internal (`address.refusal`), then connects to a checked address itself
while sending the real host name in the Host header and TLS SNI (certificates are verified
against that name), so a second DNS answer is never used. The whole attempt — lookups, connects,
TLS, headers and body of every hop — has one deadline: a watchdog shuts the socket when it
passes, however slowly the server drips bytes, and the attempt fails `deadline`. Bodies are capped
(also after gzip decoding) and only HTML or plain text is accepted. The caller gets a `Page` or a
`Failure` with a reason code, whether a retry may help, and a detail for the log.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

from flows.fetch.address import ResolveError, refusal, resolve
from flows.fetch.policy import FetchPolicy
from flows.fetch.urls import BadUrl, WebTarget, shown_url, web_target

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    final_url: str             # the URL the body came from (after redirects), as requested: not redacted
    status: int
    content_type: str          # the Content-Type header as sent (charset included)
    body: bytes


@dataclass(frozen=True)
class Failure:
    reason: str                # timeout, deadline, blocked_address, http_404, too_large, bad_url, ...
    retryable: bool
    detail: str | None = None


@dataclass(frozen=True)
class _Redirect:
    location: str


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()


class _Watchdog:
    """Shuts every socket it guards once `seconds` have passed: a blocked read then returns."""

    def __init__(self, seconds: float):
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def guard(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)    # the plain socket under TLS too
    except OSError:
        pass


_tls_context: ssl.SSLContext | None = None


def _tls() -> ssl.SSLContext:
    global _tls_context
    if _tls_context is None:
        try:
            import certifi
            _tls_context = ssl.create_default_context(cafile=certifi.where())
        except ImportError:
            _tls_context = ssl.create_default_context()
    return _tls_context


def get(url: str, policy: FetchPolicy) -> Page | Failure:
    """GET `url` (redirects followed, each hop checked) within `policy.deadline` seconds."""
    clock = _Deadline(policy.deadline)
    current = url
    for _hop in range(policy.max_redirects + 1):
        try:
            target = web_target(current)
        except BadUrl as error:
            where = "" if current == url else f" (redirect to {shown_url(current)})"
            return Failure(error.reason, False, f"{error}{where}")
        outcome = _exchange(target, policy, clock)
        if not isinstance(outcome, _Redirect):
            return Page(current, *outcome) if isinstance(outcome, tuple) else outcome
        current = urljoin(current, outcome.location)
    return Failure("too_many_redirects", False, f"more than {policy.max_redirects} redirects")


def _exchange(target: WebTarget, policy: FetchPolicy, clock: _Deadline) -> tuple[int, str, bytes] | _Redirect | Failure:
    """One request to one checked address: (status, content type, body), a redirect, or a failure."""
    late = Failure("deadline", False, f"no complete response within the {policy.deadline:g} s deadline")
    if clock.left() <= 0:
        return late
    try:
        addresses = resolve(target.host, target.port, min(clock.left(), policy.connect_timeout))
    except ResolveError as error:
        return late if clock.left() <= 0 else Failure("dns_error", True, str(error))
    for address in addresses:
        why = refusal(address, policy.allow_private, policy.allowed_networks)
        if why:
            return Failure("blocked_address", False, f"{target.host}: {why}")
    watchdog = _Watchdog(clock.left())
    connection: http.client.HTTPConnection | None = None
    sock: socket.socket | None = None
    try:
        sock = _connect(addresses, target.port, min(policy.connect_timeout, max(clock.left(), 0.01)), watchdog)
        peer = sock.getpeername()[0]
        why = refusal(peer, policy.allow_private, policy.allowed_networks)
        if why:                           # cannot happen unless the socket layer rerouted: refuse anyway
            return Failure("blocked_address", False, f"{target.host}: connected to {why}")
        sock.settimeout(policy.read_timeout)
        if target.scheme == "https":
            sock = _tls().wrap_socket(sock, server_hostname=target.host)
            watchdog.guard(sock)
            connection = http.client.HTTPSConnection(target.host, target.port)
        else:
            connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = sock            # already connected to the checked address: never looked up again
        connection.request("GET", target.request_path, headers=_headers(target, policy))
        response = connection.getresponse()
        outcome = _read(response, policy)
        return late if watchdog.fired else outcome
    except ssl.SSLCertVerificationError as error:
        return Failure("tls_error", False, str(error))
    except TimeoutError:
        return late if watchdog.fired else Failure("timeout", True, f"no data for {policy.read_timeout:g} s")
    except (OSError, http.client.HTTPException) as error:
        if watchdog.fired:
            return late
        return Failure("connection_error", True, f"{type(error).__name__}: {error}")
    finally:
        watchdog.cancel()
        if connection is not None:
            connection.close()
        if sock is not None:
            sock.close()


def _connect(addresses: list[str], port: int, timeout: float, watchdog: _Watchdog) -> socket.socket:
    """A TCP connection to the first checked address that answers."""
    error: OSError = OSError("no address to connect to")
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        watchdog.guard(sock)
        sock.settimeout(timeout)
        try:
            sock.connect((address, port))
            return sock
        except OSError as failed:
            sock.close()
            error = failed
            if watchdog.fired:
                break
    raise error


def _headers(target: WebTarget, policy: FetchPolicy) -> dict[str, str]:
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip", "Connection": "close",
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
    if target.authorization:
        headers["Authorization"] = target.authorization
    return headers


def _read(response: http.client.HTTPResponse, policy: FetchPolicy) -> tuple[int, str, bytes] | _Redirect | Failure:
    status = response.status
    if status in REDIRECTS:
        location = response.getheader("Location")
        if not location:
            return Failure(f"http_{status}", False, "redirect without Location")
        return _Redirect(location.strip())
    if status >= 300:
        return Failure(f"http_{status}", status >= 500)
    header = response.getheader("Content-Type", "") or ""
    content_type = header.split(";")[0].strip().lower()
    if content_type and content_type not in TEXT_TYPES:
        return Failure("bad_content_type", False, content_type)
    declared = (response.getheader("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > policy.max_bytes:
        return Failure("too_large", False, f"Content-Length {declared}")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        return Failure("bad_content_encoding", False, encoding)
    inflate = zlib.decompressobj(47) if encoding != "identity" else None     # 47: gzip or zlib header
    body = bytearray()
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            break
        try:
            body += inflate.decompress(chunk, policy.max_bytes + 1 - len(body)) if inflate else chunk
        except zlib.error as error:
            return Failure("bad_content_encoding", False, str(error))
        if len(body) > policy.max_bytes:
            return Failure("too_large", False, f"over {policy.max_bytes} bytes")
    if inflate:
        body += inflate.flush()
        if len(body) > policy.max_bytes:
            return Failure("too_large", False, f"over {policy.max_bytes} bytes")
    return status, header or "text/html", bytes(body)
