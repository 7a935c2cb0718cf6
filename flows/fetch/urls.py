"""URLs as the fetcher takes them in and writes them out.

`web_target` reads a URL defensively into what a request needs (scheme, ASCII host, port, the
path to send, Basic credentials) or says why it is bad input: not http/https, overlong, control
characters, no or malformed host, bad port. `redact_url` is the only form a URL is stored or
logged in: no `user:pass@`, no secret-looking query or fragment parameters (`token`, `secret`,
`password`, `sig`, `access_token`, `api_key`, `session`…), the rest untouched byte for byte.
`shown_url` also caps the text, so a 2 MB line never lands whole in a log.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

from parsers.urls import MAX_URL_CHARS, clean_host  # the ingest's limits: what is fetched reads back

_CONTROL = re.compile(r"[\x00-\x20\x7f]")

# Parameter names (lower case, letters and digits only) that are secrets whatever their value ...
_SECRET_NAMES = frozenset({"sig", "auth", "pass", "pwd", "sid", "jwt", "otp", "hmac"})
# ... and parts that make any name one (`access_token`, `X-Amz-Signature`, `client_secret`, `apikey`).
# A bare `key` is not one: Korean news sites name their article ids so (`view.php?key=2022…`,
# YTN, 중도일보, 영남일보), and dropping it would make every article of the site one URL.
_SECRET_PARTS = ("token", "secret", "password", "passwd", "apikey", "accesskey", "privatekey", "signature",
                 "credential", "session", "sessid", "authorization", "authkey", "signingkey")


class BadUrl(ValueError):
    """A URL the fetcher will not request; `reason` is the fetch log's reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


@dataclass(frozen=True)
class WebTarget:
    """One request's target: connect to `host` (ASCII, IDNA-encoded; an IP literal without
    brackets) on `port`, send `request_path` (path and query, non-ASCII percent-encoded)."""

    scheme: str
    host: str
    port: int
    request_path: str
    authorization: str | None = None     # a `Basic …` header value from `user:pass@`, if any


def web_target(url: str) -> WebTarget:
    """The target of an http(s) URL, or BadUrl(reason: url_too_long, bad_scheme, bad_url)."""
    if len(url) > MAX_URL_CHARS:
        raise BadUrl("url_too_long", f"{len(url)} characters, over the {MAX_URL_CHARS} character limit")
    if _CONTROL.search(url):
        raise BadUrl("bad_url", "control characters or spaces in the URL")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BadUrl("bad_url", str(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BadUrl("bad_scheme", f"scheme {scheme or '(none)'!r} is not http or https")
    host = clean_host(parts.hostname or "")
    if host is None:
        raise BadUrl("bad_url", "no valid host name")
    path = _ascii_escaped(parts.path or "/") + (f"?{_ascii_escaped(parts.query)}" if parts.query else "")
    authorization = None
    if parts.username is not None or parts.password is not None:
        pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode("utf-8")
        authorization = "Basic " + base64.b64encode(pair).decode("ascii")
    return WebTarget(scheme, host, port or (443 if scheme == "https" else 80), path, authorization)


def redact_url(url: str) -> str:
    """`url` without credentials: the `user:pass@` part and secret-looking parameters of the query
    and fragment are removed; anything else is kept exactly as written."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("?", 1)[0].split("#", 1)[0] if "@" not in url else "(unreadable URL)"
    netloc = parts.netloc.rsplit("@", 1)[1] if "@" in parts.netloc else parts.netloc
    query, fragment = _without_secrets(parts.query), _without_secrets(parts.fragment)
    if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit(SplitResult(parts.scheme, netloc, parts.path, query, fragment))


def shown_url(url: str) -> str:
    """The form of a URL for logs, summaries and messages: redacted, and cut to MAX_URL_CHARS."""
    clean = redact_url(url)                  # whole, then cut: a cut could split `user:pass@` from its `@`
    if len(clean) <= MAX_URL_CHARS:
        return clean
    return f"{clean[:MAX_URL_CHARS]}…[{len(url)} characters]"


def is_secret_name(name: str) -> bool:
    """Whether a query parameter name looks like it carries a credential."""
    letters = re.sub(r"[^a-z0-9]", "", unquote(name).lower())
    return letters in _SECRET_NAMES or any(part in letters for part in _SECRET_PARTS)


def _without_secrets(text: str) -> str:
    if "=" not in text:
        return text
    pairs = re.split(r"[&;]", text)
    kept = [pair for pair in pairs if not is_secret_name(pair.split("=", 1)[0])]
    return text if len(kept) == len(pairs) else "&".join(kept)


def _ascii_escaped(text: str) -> str:
    """Non-ASCII characters percent-encoded as UTF-8 (what a browser sends); the rest as written."""
    return "".join(char if ord(char) < 128 else quote(char, safe="") for char in text)
