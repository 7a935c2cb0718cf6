"""An article a page carries as data rather than markup: JSON-LD `articleBody`, Next.js
`__NEXT_DATA__`, and the React flight stream (`self.__next_f.push([1, "…"])`) of app-router sites.

Script-rendered pages (Hankook Ilbo since 2026, many CMS front-ends) ship an almost empty
`<body>` and the article inside a script. `embedded_article` walks every JSON value such a
page embeds and returns the object that looks most like an article: a long Hangul text or HTML
under a body-like key, with the title, times and writer found beside it. Reading is bounded
(size and depth), and a block that does not parse is skipped.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

from .text import hangul_count

BODY_KEYS = ("articleBody", "contentHtml", "articleContent", "content", "contents", "body", "bodyHtml",
             "html", "articleHtml", "text")
TITLE_KEYS = ("headline", "title", "articleTitle", "subject")
PUBLISHED_KEYS = ("datePublished", "publishedAt", "published_at", "publishDate", "publishedDate", "deployDt",
                  "firstPublishedAt", "pubDate", "regDt", "registDt", "createdAt", "createDt", "serviceDt")
MODIFIED_KEYS = ("dateModified", "modifiedAt", "updatedAt", "updated_at", "reDeployDt", "modifyDt", "updateDt",
                 "lastModified", "lastModifiedDt")
SUBTITLE_KEYS = ("subTitle", "subtitle", "subHeadline", "deck", "summary")
AUTHOR_KEYS = ("writerDisplay", "author", "byline", "reporterName", "reporter", "writerName", "writer")
MIN_BODY_CHARS = 120
MAX_SCRIPT_CHARS = 5_000_000
MAX_DEPTH = 40                # how deep the search for the article object walks a JSON value
MAX_JSON_DEPTH = 500          # a JSON block nested deeper is not parsed at all (far below the recursion limit)
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\(\[1,\s*(\"(?:[^\"\\]|\\.)*\")\s*\]\)")
_FLIGHT_TEXT_ROW = re.compile(r"(?:^|(?<=[\n\]}>\"]))([0-9a-f]{1,6}):T([0-9a-f]{1,8}),")
_FLIGHT_JSON_ROW = re.compile(r"^([0-9a-f]{1,6}):(?=[\[{\"])", re.M)
EMBEDDED_PLACEHOLDER = re.compile(r"\$\$[A-Z0-9_]+\$\$")     # a CMS slot marker (`$$ARTICLEAD$$`)
EMBEDDED_CAPTION_CLASS = re.compile(r"caption|photo_?desc|img_?desc|figcaption", re.I)


@dataclass
class EmbeddedArticle:
    """What a page's embedded data says about its article (all fields optional but the body)."""

    body_html: str
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    writer: str | None = None
    subtitles: list[str] = field(default_factory=list)


def embedded_article(soup: BeautifulSoup, json_ld: list[dict]) -> EmbeddedArticle | None:
    """The article object among every JSON value the page embeds, or None. `json_ld`: the
    page's JSON-LD objects, already parsed for its metadata."""
    best: tuple[int, dict, str] | None = None
    for data, refs in [(item, {}) for item in json_ld] + list(_embedded_values(soup)):
        for obj in _dicts(data):
            body = _body_of(obj, refs)
            if body is None:
                continue
            count = hangul_count(body)
            if best is None or count > best[0]:
                best = (count, obj, body)
    if best is None:
        return None
    _, obj, body = best
    return EmbeddedArticle(
        body_html=body,
        title=_first_text(obj, TITLE_KEYS),
        published=_first_text(obj, PUBLISHED_KEYS),
        modified=_first_text(obj, MODIFIED_KEYS),
        writer=_writer(obj),
        subtitles=_lines_of(_first_text(obj, SUBTITLE_KEYS)),
    )


def _embedded_values(soup: BeautifulSoup):
    """(parsed JSON value, flight text references) for every data script of the page but its
    JSON-LD (parsed once, by parsers.html)."""
    flight: list[str] = []
    for script in soup.find_all("script"):
        source = script.string or ""
        if not source or len(source) > MAX_SCRIPT_CHARS:
            continue
        kind = str(script.get("type") or "").lower()
        if kind == "application/ld+json":
            continue
        if script.get("id") == "__NEXT_DATA__" or kind == "application/json":
            value = load_json(source)
            if value is not None:
                yield value, {}
        elif "self.__next_f.push" in source:
            for literal in _FLIGHT_PUSH.findall(source):
                chunk = load_json(literal)
                if isinstance(chunk, str):
                    flight.append(chunk)
    if flight:
        yield from _flight_values("".join(flight))


def _flight_values(stream: str):
    """The JSON rows of a React flight stream, with its text rows (`24:T1b7b,<html>`) as the
    references (`"$24"`) they resolve."""
    refs: dict[str, str] = {}
    cleaned = stream
    for match in reversed(list(_FLIGHT_TEXT_ROW.finditer(stream))):
        size = int(match.group(2), 16)
        raw = stream[match.end():].encode("utf-8")[:size].decode("utf-8", "ignore")
        refs["$" + match.group(1)] = raw
        cleaned = cleaned[: match.start()] + "\n" + cleaned[match.end() + len(raw):]
    for line in cleaned.split("\n"):
        row = _FLIGHT_JSON_ROW.match(line)
        if row:
            value = load_json(line[row.end():])
            if value is not None:
                yield value, refs


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (brackets inside strings do not count)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(text: str, max_depth: int = MAX_JSON_DEPTH):
    """A script's JSON value, or None when it is no JSON, or nests deeper than `max_depth` (a
    hostile block must cost neither a RecursionError nor a deep walk): that block is dropped, the
    page is read without it."""
    try:
        if text.count("[") + text.count("{") > max_depth and json_depth(text) > max_depth:
            return None
        return json.loads(text)
    except (ValueError, RecursionError, MemoryError):
        return None



def _dicts(value):
    """Every dict inside a JSON value, to a bounded depth (no recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(item, dict):
            yield item
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, (dict, list)))


def _body_of(obj: dict, refs: dict[str, str]) -> str | None:
    for key in BODY_KEYS:
        value = obj.get(key)
        if isinstance(value, str):
            value = refs.get(value, value)
            if hangul_count(value) >= MIN_BODY_CHARS:
                return value
    return None


def _first_text(obj: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip() and not value.startswith("$"):
            return " ".join(value.split())
    return None


def _lines_of(html: str | None) -> list[str]:
    """`줄 하나<br>줄 둘` → its lines as text."""
    if not html:
        return []
    text = BeautifulSoup(re.sub(r"<br\s*/?>", "\n", html), "lxml").get_text()
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _writer(obj: dict) -> str | None:
    for key in AUTHOR_KEYS:
        value = obj.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip() and not value.startswith("$"):
            return " ".join(value.split())
    return None
