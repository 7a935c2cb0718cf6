"""Reconcile what an HTML page's markup states (OpenGraph, JSON-LD, canonical URL) with what the
template parser read in its text: fill what the text lacks, and say so where the two disagree."""
from __future__ import annotations

from .html import PageMeta
from .outlets import outlet_from_host, outlet_from_name
from .people import author_names
from .record import ArticleRecord
from .text import identity_text
from .urls import url_host

_FILLABLE_WARNINGS = ("no_title", "no_date", "unknown_outlet")


def merge_page_meta(record: ArticleRecord, meta: PageMeta) -> None:
    if record["status"] != "ok" and not (meta.title and record["reason"] == "no_content"):
        return
    warnings = [w for w in record["warnings"] if w not in _FILLABLE_WARNINGS]
    if record["title"] is None:
        record["title"] = meta.title
    elif meta.title and not _same_title(record["title"], meta.title):
        warnings.append("meta_title_mismatch")
    if record["published_at"] is None:
        record["published_at"] = meta.published
    elif meta.published and not _same_time(record["published_at"], meta.published):
        warnings.append("meta_published_mismatch")
    if record["updated_at"] is None:
        record["updated_at"] = meta.modified
    people = [raw for raw in meta.authors if not outlet_from_name(raw) and raw not in (meta.publisher, meta.site_name)]
    if not record["authors"] and people:
        record["authors"] = [name for raw in people for name in (author_names(raw) or [raw])]
    if record["outlet"] is None:
        record["outlet"] = (outlet_from_name(meta.publisher) or outlet_from_name(meta.site_name)
                            or outlet_from_host(_host(meta.url)))
    if record["status"] != "ok" and record["title"]:
        record.update({"status": "ok", "reason": None})
        if "empty_body" not in warnings:
            warnings.append("empty_body")
    for code, missing in (("no_title", record["title"] is None), ("no_date", record["published_at"] is None),
                          ("unknown_outlet", record["outlet"] is None)):
        if missing:
            warnings.append(code)
    record["warnings"] = warnings


def _same_title(text_title: str, meta_title: str) -> bool:
    a, b = identity_text(text_title), identity_text(meta_title)
    return a in b or b in a      # og:title often carries a ` - 사이트명` suffix


def _same_time(a: str, b: str) -> bool:
    if "T" not in a or "T" not in b:
        return a[:10] == b[:10]
    return a[:16] == b[:16]


def _host(url: str | None) -> str | None:
    return url_host(url)
