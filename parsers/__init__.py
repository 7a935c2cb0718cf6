"""newsflow parsers: a pure library (no Prefect) turning raw news page bytes into article records.

    from parsers import parse_bytes
    result = parse_bytes(open(path, "rb").read(), source=path)
    result.record          # the public record (see parsers.record.RECORD_FIELDS)
    result.lines           # every line with its role and removal reason
"""
from __future__ import annotations

from .decode import DecodeError, decode
from .html import declared_charset, html_to_text, is_html
from .merge import merge_page_meta
from .record import RECORD_FIELDS, Line, ParseResult, rejected_record
from .registry import GENERIC, TEMPLATES, detect, parser_versions

__all__ = [
    "RECORD_FIELDS", "Line", "ParseResult", "TEMPLATES", "detect", "parse_bytes", "parse_text",
    "parser_versions",
]


def parse_text(text: str, source: str = "<text>", url: str | None = None,
               recurring: frozenset[str] = frozenset(), title_hint: str | None = None) -> ParseResult:
    """Parse already-decoded page text. `recurring` (lines seen on many pages of the same site,
    parsers.recurring) and `title_hint` (the headline from HTML markup) help the generic fallback."""
    template = detect(text, url)
    if template is GENERIC:
        return GENERIC.parse(text, source, url, recurring=recurring, title_hint=title_hint)
    return template.parse(text, source, url)


def parse_bytes(data: bytes, source: str = "<bytes>", url: str | None = None,
                recurring: frozenset[str] = frozenset(), charset: str | None = None) -> ParseResult:
    """Decode and parse raw bytes (a text dump or an HTML page). Never raises for bad input: it
    returns a rejected record. `charset`: the one the source declared (HTTP header), if known."""
    page_is_html = is_html(data, source)
    try:
        decoded = decode(data, charset or (declared_charset(data) if page_is_html else None))
    except DecodeError as error:
        result = ParseResult(rejected_record(source, error.reason))
        result.error = str(error)
        return result
    text, meta = decoded.text, None
    if page_is_html:
        text, meta = html_to_text(text)
        url = url or meta.url
    result = parse_text(text, source, url, recurring, title_hint=meta.title if meta else None)
    result.encoding = decoded.encoding
    result.record["warnings"] = decoded.warnings + result.record["warnings"]
    if meta is not None:
        merge_page_meta(result.record, meta)
    return result
