"""newsflow parsers: a pure library (no Prefect) turning raw news page bytes into article records.

    from parsers import parse_bytes
    result = parse_bytes(open(path, "rb").read(), source=path)
    result.record          # the public record (see parsers.record.RECORD_FIELDS)
    result.lines           # every line with its role and removal reason
"""
from __future__ import annotations

from .decode import DecodeError, decode
from .record import RECORD_FIELDS, Line, ParseResult, rejected_record
from .registry import GENERIC, TEMPLATES, detect, parser_versions

__all__ = [
    "RECORD_FIELDS", "Line", "ParseResult", "TEMPLATES", "detect", "parse_bytes", "parse_text",
    "parser_versions",
]


def parse_text(text: str, source: str = "<text>", url: str | None = None,
               recurring: frozenset[str] = frozenset()) -> ParseResult:
    """Parse already-decoded page text. `recurring`: lines seen on many pages of the same site
    (parsers.recurring), used as furniture evidence by the generic fallback."""
    template = detect(text, url)
    if template is GENERIC:
        return GENERIC.parse(text, source, url, recurring=recurring)
    return template.parse(text, source, url)


def parse_bytes(data: bytes, source: str = "<bytes>", url: str | None = None,
                recurring: frozenset[str] = frozenset()) -> ParseResult:
    """Decode and parse raw bytes. Never raises for bad input: it returns a rejected record."""
    try:
        decoded = decode(data)
    except DecodeError as error:
        result = ParseResult(rejected_record(source, error.reason))
        result.error = str(error)
        return result
    result = parse_text(decoded.text, source, url, recurring)
    result.encoding = decoded.encoding
    result.record["warnings"] = decoded.warnings + result.record["warnings"]
    return result
