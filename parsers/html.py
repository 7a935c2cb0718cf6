"""HTML input: page metadata (title, canonical URL, OpenGraph/article times, JSON-LD NewsArticle)
and the visible text as lines, so the same template parsers read HTML and text dumps alike.

Scripts, styles, navigation, footers and other non-content elements are dropped; block elements
become lines; inline elements stay inside their line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from .dates import KST, parse_kst
from .embedded import (
    EMBEDDED_CAPTION_CLASS,
    EMBEDDED_PLACEHOLDER,
    MAX_SCRIPT_CHARS,
    EmbeddedArticle,
    embedded_article,
    load_json,
)
from .soup import page_soup

DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "form", "button",
    "select", "option", "input", "textarea", "object", "embed", "canvas", "head", "link", "meta",
})
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})
_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_TAG = re.compile(rb"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]*)?/?>")     # one start or end tag
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
NEWS_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
              "OpinionNewsArticle", "WebPage"}


@dataclass
class PageMeta:
    """What the markup states about the article, besides its text."""

    title: str | None = None
    url: str | None = None            # <link rel=canonical> or og:url
    published: str | None = None      # record form (ISO +09:00 or date)
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    site_name: str | None = None
    embedded: EmbeddedArticle | None = None   # the article as the page's scripts carry it


def is_html(data: bytes) -> bool:
    """Whether the bytes are markup, by their content alone: a text dump saved as `.html` is text, a
    page saved as `.txt` is HTML. Markup starts with a document tag (`<!doctype html>`, `<html>`,
    `<head>`, …) or, for a saved fragment, with any tag and holds a few more. A text dump whose body
    carries markup further down (portal copies) stays text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if _SNIFF.match(head):
        return True
    return bool(_TAG.match(head)) and len(_TAG.findall(data[:8192])) >= 3


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag (`euc-kr` is read as its superset CP949)."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    charset = match.group(1).decode("ascii", "ignore").lower()
    return "cp949" if charset in ("euc-kr", "euckr", "ks_c_5601-1987", "x-windows-949", "ms949") else charset


def html_to_text(html: str) -> tuple[str, PageMeta]:
    soup = page_soup(html)
    json_ld = _json_ld(soup)
    meta = read_meta(soup, json_ld)
    meta.embedded = embedded_article(soup, json_ld)
    root = soup.body or soup
    return "\n".join(_lines(root)), meta


def _lines(root: Tag) -> list[str]:
    """Visible text as a browser's innerText lays it out: a block element starts and ends a
    line, a paragraph is set off by a blank line, `<br>` breaks the line (two make a blank line),
    and runs of white space inside a line collapse to one space."""
    out: list[str] = []
    buffer: list[str] = []
    pending = 0                      # line breaks owed before the next text

    def flush() -> bool:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            out.extend([""] * (pending - 1 if out else 0))
            out.append(text)
        return bool(text)

    def owe(breaks: int) -> None:
        nonlocal pending
        if flush():
            pending = 0
        pending = max(pending, breaks)

    # Iterative walk (deeply nested pages must not hit Python's recursion limit).
    stack: list[Iterator[Any]] = [iter(root.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, str):   # text, or an end-of-block marker pushed below
            if type(node) is NavigableString:           # not a comment, doctype or script text
                buffer.append(str(node))
            elif node in (_END_OF_BLOCK, _END_OF_PARAGRAPH):
                owe(2 if node == _END_OF_PARAGRAPH else 1)
            continue
        if not isinstance(node, Tag) or node.name in DROP_TAGS or _hidden(node):
            continue
        if node.name == "br":
            if flush():
                pending = 0
            pending += 1
        elif node.name in BLOCK_TAGS:
            owe(2 if node.name == "p" else 1)
            stack.append(iter([_END_OF_PARAGRAPH if node.name == "p" else _END_OF_BLOCK]))
            stack.append(iter(node.children))
        else:
            stack.append(iter(node.children))
    flush()
    return out


# A page's markup left inside a text dump (a board that copied a portal's article HTML: `…<br><br>`,
# `<span class="end_photo_org"><img …><em class="img_desc">캡션</em></span>`). Two tags on a line
# make it markup; elements a portal styles as blocks (a photo, its caption, a summary) are blocks.
_MARKUP_TAG = re.compile(r"</?(?:br|p|div|span|em|strong|img|section|figure|figcaption|font|b|u|a|table|tr|td"
                         r"|li|ul|h[1-6])(?:\s[^<>]*)?/?>", re.I)
_BLOCK_CLASS = re.compile(r"photo|img_desc|caption|summary|figure", re.I)


def markup_fragments_as_lines(text: str) -> str:
    """A text dump's lines that carry HTML markup, laid out as the markup shows them (each tag-free
    line is left as it is)."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(_MARKUP_TAG.findall(line, 0, 4000)) < 2:
            out.append(line)
            continue
        soup = BeautifulSoup(_CUT_TAG.sub("", line), "html.parser")
        for tag in soup.find_all(class_=_BLOCK_CLASS):
            if tag.name not in BLOCK_TAGS:
                tag.name = "div"
        for tag in soup.find_all(_is_caption_tag):
            caption = " ".join(tag.get_text(" ").split())
            tag.clear()
            if caption:                   # a caption line, as a markdown image's alt text says it
                tag.append(NavigableString(f"![{caption}]()"))
        out.extend(_lines(soup))
    return "\n".join(out)


_CUT_TAG = re.compile(r"<[A-Za-z/][^<>]*$")       # a tag the excerpt cut at the line's end
_CAPTION_CLASS = re.compile(r"img_desc|caption", re.I)


def _is_caption_tag(tag: Tag) -> bool:
    return tag.name == "figcaption" or bool(_CAPTION_CLASS.search(attribute(tag, "class")))


def attribute(tag: Tag, key: str) -> str:
    """A tag's attribute as one string (`class` and other multi-valued ones joined by spaces)."""
    value = tag.get(key)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


_END_OF_BLOCK, _END_OF_PARAGRAPH = "\0end-of-block", "\0end-of-paragraph"
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(tag: Tag) -> bool:
    return (
        tag.get("hidden") is not None
        or tag.get("aria-hidden") == "true"
        or bool(_DISPLAY_NONE.search(attribute(tag, "style")))
    )


def read_meta(soup: BeautifulSoup, json_ld: list[dict]) -> PageMeta:
    meta = PageMeta()

    def content(*keys: str) -> str | None:
        for key in keys:
            tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
            if isinstance(tag, Tag) and attribute(tag, "content").strip():
                return " ".join(attribute(tag, "content").split())
        return None

    canonical = soup.find("link", rel="canonical")
    meta.url = (attribute(canonical, "href") if isinstance(canonical, Tag) else None) or content("og:url")
    meta.site_name = content("og:site_name")
    meta.title = content("og:title", "twitter:title") or (
        " ".join(soup.title.get_text().split()) if soup.title and soup.title.get_text().strip() else None)
    meta.published = to_record_time(content("article:published_time", "og:article:published_time", "pubdate",
                                            "publish-date", "article:published"))
    meta.modified = to_record_time(content("article:modified_time", "og:updated_time", "lastmod"))
    named = [" ".join(attribute(tag, "content").split())
             for key in ("author", "article:author", "dable:author")
             for tag in soup.find_all("meta", attrs={"name": key}) + soup.find_all("meta", attrs={"property": key})]
    for item in json_ld:
        types = item.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if not types & NEWS_TYPES:
            continue
        meta.title = meta.title or _text(item.get("headline"))
        meta.published = meta.published or to_record_time(_text(item.get("datePublished")))
        meta.modified = meta.modified or to_record_time(_text(item.get("dateModified")))
        meta.authors = meta.authors or _names(item.get("author"))
        publisher = item.get("publisher")
        meta.publisher = meta.publisher or (_text(publisher.get("name")) if isinstance(publisher, dict) else None)
    if not meta.authors:
        meta.authors = [name for name in named if name and not name.startswith("http")]
    meta.title = strip_site_suffix(meta.title, meta.site_name or meta.publisher)
    return meta


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """`제목-정치ㅣ한국일보` → `제목`: <title>/og:title often end with the section and site name."""
    if not title or not site:
        return title
    stripped = re.sub(rf"\s*[|ㅣ｜\-–—:·]\s*{re.escape(site)}\s*$", "", title)
    if stripped != title:
        stripped = re.sub(r"\s*[|ㅣ｜\-–—:]\s*[^\s|ㅣ｜\-–—:]{1,6}$", "", stripped)
    return stripped or title


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    items: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        if len(script.string or "") > MAX_SCRIPT_CHARS:
            continue
        data = load_json(script.string or "")       # None: no JSON, or nested too deep: only this block is dropped
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, dict):
                items.append(value)
                if "@graph" in value:
                    stack.append(value["@graph"])
    return items


def _text(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _names(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and name not in names:
            names.append(name)
    return names


def to_record_time(value: str | None) -> str | None:
    """ISO 8601 in any offset → the record's KST form; Korean-style text through parse_kst."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_kst(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    if len(value.strip()) <= 10:
        return moment.date().isoformat()
    return moment.astimezone(KST).isoformat()


def body_lines(article: EmbeddedArticle) -> tuple[list[str], list[str]]:
    """The embedded body as lines of text (blocks and `<br>` break lines) and its photo captions
    (elements whose class says caption), which leave the text."""
    soup = page_soup(f"<html><body>{article.body_html}</body></html>")
    captions = []
    for tag in soup.find_all(class_=EMBEDDED_CAPTION_CLASS) + soup.find_all("figcaption"):
        if tag.parent is None:
            continue              # inside a caption already taken
        text = " ".join(tag.get_text(" ").split())
        if text:
            captions.append(text)
        tag.decompose()
    text, _ = html_to_text(str(soup))
    return EMBEDDED_PLACEHOLDER.sub("", text).split("\n"), captions
