"""URLs from pages and sidecars, read defensively: a canonical link or a sidecar's `url` is
whatever the file says, so it is checked before any of it is used.

`clean_url` keeps an `http(s)` URL of at most `MAX_URL_CHARS` characters with no control
characters (NUL, line breaks…) whose host is a real host name (labels of `a-z 0-9 - _`, at most
63 characters each and 253 in all; an internationalised name is turned into its ASCII `xn--`
form) or an IP address; credentials (`user:pass@`) are dropped. Anything else is None: the caller
records the warning `url_invalid` and goes on without the URL. `outlet_id_of_site` turns a host
into an outlet id from a fixed alphabet and length, whatever the host holds.
"""
from __future__ import annotations

import hashlib
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

MAX_URL_CHARS = 2_000
MAX_HOST_CHARS = 253
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
OUTLET_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")      # what an outlet id may be (64 characters at most)
_SITE_PREFIX = re.compile(r"^(?:www|m|mobile|news|amp)\.")


@dataclass(frozen=True)
class CleanUrl:
    url: str                     # the URL as kept: ASCII host, no credentials
    host: str                    # lower-case ASCII host name or IP address


def clean_url(text: object) -> CleanUrl | None:
    """The URL if it is a usable http(s) URL (see the module docstring), else None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_URL_CHARS or _CONTROL.search(text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port                      # raises ValueError for a bad port
    except ValueError:                         # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = clean_host(parts.hostname)
    if host is None:
        return None
    shown = f"[{host}]" if ":" in host else host
    netloc = f"{shown}:{port}" if port is not None else shown
    return CleanUrl(urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment)), host)


def clean_host(host: str) -> str | None:
    """A host name in lower-case ASCII (IDN → `xn--…`) or an IP address; None when it is neither."""
    host = host.strip().rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:                       # an empty or overlong label, characters IDNA refuses
        return None
    labels = ascii_host.split(".")
    if len(ascii_host) > MAX_HOST_CHARS or not all(_LABEL.match(label) for label in labels):
        return None
    return ascii_host


def url_host(url: str | None) -> str | None:
    """The clean host of a URL (None for no URL or a bad one); never raises."""
    cleaned = clean_url(url) if url else None
    return cleaned.host if cleaned else None


def outlet_id_of_site(host: str) -> str:
    """`www.skkuw.com` → `skkuw.com`: the id of a publisher known only by its site. A host that is
    no id (too long, odd characters) becomes `h-` and 16 hex digits of its hash."""
    site = _SITE_PREFIX.sub("", host.lower())
    if OUTLET_ID.match(site) and ".." not in site:
        return site
    return "h-" + hashlib.sha256(host.encode("utf-8", "surrogatepass")).hexdigest()[:16]
