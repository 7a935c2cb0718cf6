"""Etoday (etoday.co.kr) article pages: desktop (`www`/`web2.etoday.co.kr/news/view/<id>`) and mobile
(`m*.etoday.co.kr/view.php?idxno=<id>`) text dumps.

Recognised by the font-size toolbar under the date (`가장작게` `작게` `기본` `크게` `가장크게`, one item a
line) and `@etoday.co.kr` sign-offs; most pages are chosen by their host, since many dumps of
this site hold the article body alone, without headline, date or byline (then the record has no
title and no date rather than a paragraph taken for a headline).

Layout: title, `입력 2020-11-08 13:52` (and `수정 …`), the toolbar, photo credits in
parentheses printed twice (`(에프앤가이드)`), deck lines, body; the sign-off
`홍길동 기자 hong@etoday.co.kr` ends the article.
"""
import re

from .. import people
from ..engine import Doc, Template, deck_until_body, rx, set_title
from ..text import looks_like_prose

# A photo credit or caption in parentheses on a line of its own: `(에프앤가이드)`, `(사진=연합뉴스)`.
_CREDIT = re.compile(r"^\([^()]{1,40}\)$")


def etoday_header(template: Template, doc: Doc) -> int:
    """Credits become captions (their printed copy a duplicate); the first free line is the title
    unless the page holds no date and starts with a paragraph."""
    for i, line in enumerate(doc.lines):
        if doc.free(i) and _CREDIT.match(line.content):
            doc.label(i, "caption", "caption")
            j = i + 1
            if j < len(doc) and doc.free(j) and doc.lines[j].content == line.content:
                doc.label(j, "furniture", "duplicate_block")
    first = doc.next_free(0)
    if first is None:
        return len(doc)
    text = doc.lines[first].content
    if doc.published is None and (looks_like_prose(text) or people.match_lead(text)):
        return first
    set_title(doc, first)
    return deck_until_body(doc, first + 1)


class Etoday(Template):
    name = "etoday"
    version = 2
    hosts = ("etoday.co.kr",)
    site = "www.etoday.co.kr"
    default_outlet = "etoday"
    markers = (
        (rx(r"^(?:•\s*)?가장작게$"), 2),
        (rx(r"^(?:•\s*)?가장크게$"), 1),
        (rx(r"@etoday\.co\.kr"), 2),
        (rx(r"이투데이\s*\(?www\.etoday\.co\.kr"), 3),
    )
    published = (rx(r"^(?:기사)?입력\s*:?\s*(?:19|20)\d{2}[.-]"),)
    updated = (rx(r"^(?:최종)?수정\s*:?\s*(?:19|20)\d{2}[.-]"),)
    furniture = (
        (rx(r"^(?:•\s*)?(?:가장작게|작게|기본|크게|가장크게)$"), "toolbar"),
    )
    header = etoday_header
