"""newsflow parsers: a pure library (no Prefect) turning raw news page bytes into article records.

    from parsers import parse_bytes
    result = parse_bytes(open(path, "rb").read(), source=path)
    result.record          # the public record (see parsers.record.RECORD_FIELDS)
    result.lines           # every line with its role and removal reason
"""
from __future__ import annotations

import gzip
import io
import zlib

from .decode import DecodeError, decode
from .embedded import EmbeddedArticle
from .html import PageMeta, body_lines, declared_charset, html_to_text, is_html, markup_fragments_as_lines
from .merge import merge_page_meta
from .people import author_names
from .record import RECORD_FIELDS, ArticleRecord, Line, ParseResult, rejected_record
from .registry import GENERIC, TEMPLATES, detect, parser_versions
from .urls import clean_url

__all__ = [
    "RECORD_FIELDS", "Line", "ParseResult", "TEMPLATES", "detect", "page_text", "parse_bytes", "parse_text",
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


# The largest page a raw file (or a gzipped one, decompressed) may be: larger ones are no article page.
MAX_PAGE_BYTES = 20 * 1024 * 1024


def gunzip(data: bytes, source: str) -> tuple[bytes, str]:
    """Gzipped pages (`page.html.gz`, bulk collections) are read as the page they hold."""
    if not data.startswith(b"\x1f\x8b"):
        return data, source
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        inner = handle.read(MAX_PAGE_BYTES + 1)
    if len(inner) > MAX_PAGE_BYTES:
        raise DecodeError("too_large", f"more than {MAX_PAGE_BYTES} bytes once decompressed")
    return inner, source.removesuffix(".gz")


def page_text(data: bytes, source: str = "<bytes>", charset: str | None = None):
    """The text the template parsers read (HTML turned into lines), the page's markup metadata
    (None for text dumps) and the decoding. Raises DecodeError for bytes that are no page."""
    try:
        data, source = gunzip(data, source)
    except (OSError, EOFError, zlib.error) as error:
        raise DecodeError("binary", f"broken gzip data: {error}") from None
    page_is_html = is_html(data)
    decoded = decode(data, charset or (declared_charset(data) if page_is_html else None))
    if not page_is_html:
        text = decoded.text
        if "</" in text or "<br" in text or "<img" in text:
            text = markup_fragments_as_lines(text)
        return text, None, decoded
    text, meta = html_to_text(decoded.text)
    return text, meta, decoded


def parse_bytes(data: bytes, source: str = "<bytes>", url: str | None = None,
                recurring: frozenset[str] = frozenset(), charset: str | None = None) -> ParseResult:
    """Decode and parse raw bytes (a text dump or an HTML page, possibly gzipped). Never raises
    for bad input: it returns a rejected record. `charset`: the one the source declared."""
    try:
        text, meta, decoded = page_text(data, source, charset)
    except DecodeError as error:
        result = ParseResult(rejected_record(source, error.reason))
        result.error = str(error)
        return result
    url_warnings: list[str] = []
    if meta is not None:
        url = url or _page_url(meta, url_warnings)
    result = parse_text(text, source, url, recurring, title_hint=meta.title if meta else None)
    result.encoding = decoded.encoding
    result.record["warnings"] = decoded.warnings + url_warnings + result.record["warnings"]
    if meta is not None:
        if meta.embedded is not None and _markup_lost_body(result.record, meta.embedded):
            _read_embedded(result, meta.embedded, source, url)
        merge_page_meta(result.record, meta)
    return result


def generic_page(data: bytes, source: str = "<bytes>", url: str | None = None,
                 charset: str | None = None) -> tuple[str, str | None] | None:
    """(the page's text, its site) when no template recognises these bytes and the generic
    fallback would parse them; None for a template's page or bytes that are no page. The
    pipeline pools a site's generic pages (what recurs on them is furniture) before parsing
    them, once."""
    try:
        text, meta, _ = page_text(data, source, charset)
    except DecodeError:
        return None
    if meta is not None:
        url = url or _page_url(meta, [])
    if detect(text, url) is not GENERIC:
        return None
    return text, GENERIC.site_of(url)


def _page_url(meta: PageMeta, warnings: list[str]) -> str | None:
    """The markup's canonical URL if it is a usable one (`parsers.urls`); a bad one is dropped
    (`meta.url` too, so nothing downstream reads it) with the warning `url_invalid`."""
    if meta.url is None:
        return None
    cleaned = clean_url(meta.url)
    if cleaned is None:
        warnings.append("url_invalid")
    meta.url = cleaned.url if cleaned else None
    return meta.url


def _markup_lost_body(record: ArticleRecord, article: EmbeddedArticle) -> bool:
    """The visible markup held (almost) none of the article the page's scripts carry."""
    lost = record["status"] == "ok" or record["reason"] == "no_content"
    return lost and len(record["body"] or "") < 0.1 * len(article.body_html)


def _read_embedded(result: ParseResult, article: EmbeddedArticle, source: str, url: str | None) -> None:
    """Parse the embedded article's text as the page: the same grammar labels its byline,
    captions and furniture; the markup's fields stay where the text found them."""
    lines, captions = body_lines(article)
    title = article.title or result.record["title"]
    dates = [f"입력 {article.published}"] if article.published else []
    dates += [f"수정 {article.modified}"] if article.modified else []
    page = "\n".join([title or "", *dates, "", *lines])
    embedded = GENERIC.parse(page, source, url, title_hint=title).record
    record = result.record
    if record["status"] != "ok":
        record.update({"status": "ok", "reason": None, "title": record["title"] or embedded["title"]})
    record["body"] = embedded["body"]
    record["subtitles"] = record["subtitles"] or article.subtitles
    record["captions"] = captions + [c for c in embedded["captions"] if c not in captions]
    record["published_at"] = record["published_at"] or embedded["published_at"]
    record["updated_at"] = record["updated_at"] or embedded["updated_at"]
    record["dateline"] = record["dateline"] or embedded["dateline"]
    record["authors"] = record["authors"] or embedded["authors"]
    record["emails"] = record["emails"] or embedded["emails"]
    if not record["authors"] and article.writer:
        record["authors"] = author_names(article.writer)
    warnings = [w for w in record["warnings"] if w not in ("empty_body", "no_date")]
    record["warnings"] = warnings + ["embedded_body"]
