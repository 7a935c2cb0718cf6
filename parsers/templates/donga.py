"""Donga Ilbo (donga.com) article pages: three layouts seen in text dumps.

- Older desktop (2017–2018): `전체메뉴`, the headline, `더보기`, the headline again, then one line
  `김아연 기자입력 2017-12-20 14:25수정 2017-12-20 15:04` (byline, published and updated run
  together), the `뉴스듣기프린트` / `트랜드뉴스 보기` toolbar, photo captions, the body, the sign-off
  `김아연 기자 aykim@donga.com` and the `주요기사` / `당신이 좋아할 만한 콘텐츠` sidebars.
- Bulleted desktop: the headline, `• 동아일보`, `• 입력 2018년 1월 12일 03시 00분`, optionally
  `코멘트` and deck lines, the body, the sign-off, a `#태그#태그` line and the reaction widget
  (`• 좋아요` / `0` …).
- AMP: the `뉴스 트렌드 생활정보 International edition 매체` menu, the headline,
  `입력 | 2018-01-26 03:00:00`, deck lines, the body.

Recognised by those toolbar, source and date lines and `@donga.com` sign-offs. The headline is
the first line that is not furniture; a second copy of it is dropped. Lines between the date
and the first paragraph are deck lines, except after the older layout's `트랜드뉴스 보기`
toolbar, where they are photo captions. A `《 … 》` intro box opens the body.
"""
from __future__ import annotations

import re

from .. import people
from ..engine import Doc, Template, is_body_start, rx, set_title
from ..people import Byline

# `김아연 기자입력 2017-…`, `김지영 기자 , 김아연 기자 입력 2018-…`: the byline that runs into the date.
_BYLINE_IN_DATE = re.compile(r"^(?P<people>[가-힣][가-힣\s·,]{1,60}?(?:기자|특파원|위원))\s*입력\s*(?:19|20)\d{2}")
_CAPTION_TOOLBAR = re.compile(r"^트랜드뉴스 보기$")
# The `《 … 》` box that opens feature articles: prose, though it ends with the closing bracket.
_LEAD_BOX = re.compile(r"^《.{20,}》$")


def donga_header(template: Template, doc: Doc) -> int:
    """Title first; its repeat is a duplicate; a byline fused with the date line becomes the lead;
    then deck lines (or, after the older layout's toolbar, photo captions) up to the first paragraph."""
    first = doc.next_free(0)
    set_title(doc, first)
    if first is None:
        return 0
    title_text = doc.lines[first].content
    for i in range(first + 1, len(doc)):
        line = doc.lines[i]
        if line.role == "published":
            match = _BYLINE_IN_DATE.match(line.content)
            if match and not doc.leads:
                names = re.sub(r"(기자|특파원|위원)", r" \1", match["people"])   # `유덕영기자` → `유덕영 기자`
                doc.leads.append(Byline(authors=people.author_names(names)))
        elif doc.free(i) and line.content == title_text:
            doc.label(i, "furniture", "duplicate_block")
    dated = [i for i, line in enumerate(doc.lines) if line.role in ("published", "updated")]
    start = max(dated) + 1 if dated else first + 1
    captions = False
    i = first + 1
    while i < len(doc):
        if doc.free(i) and i >= start:
            if is_body_start(doc, i) or _LEAD_BOX.match(doc.lines[i].content):
                return i
            doc.label(i, "caption" if captions else "subtitle", "caption" if captions else None)
        elif doc.lines[i].role == "furniture" and _CAPTION_TOOLBAR.match(doc.lines[i].content):
            captions = True
        i += 1
    return len(doc)


class Donga(Template):
    name = "donga"
    version = 3
    hosts = ("donga.com",)
    site = "www.donga.com"
    default_outlet = "donga"
    markers = (
        (rx(r"^뉴스듣기\s*프린트$"), 3),
        (rx(r"^트랜드뉴스 보기$"), 2),
        (rx(r"기자\s*입력\s*(?:19|20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}\s*수정"), 2),
        (rx(r"^•\s*동아일보$"), 3),
        (rx(r"^•?\s*입력\s+(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*\d{1,2}시\s*\d{1,2}분$"), 1),
        (rx(r"^입력 \| (?:19|20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), 2),
        (rx(r"^뉴스 트렌드 생활정보 International edition 매체$"), 3),
        (rx(r"@donga\.com\b"), 2),
        (rx(r"^당신이 좋아할 만한 콘텐츠$"), 1),
    )
    published = (
        rx(r"^(?:[가-힣][가-힣\s·,]{1,60}?(?:기자|특파원|위원)\s*)?입력\s*(?P<when>(?:19|"
           r"20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)"),
        rx(r"^(?:•\s*)?입력\s*\|?\s*(?:19|20)\d{2}"),
    )
    updated = (
        rx(r"입력\s*(?:19|20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}\s*수정\s*(?P<when>(?:19|"
           r"20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)"),
        rx(r"^(?:•\s*)?(?:수정|업데이트)\s*\|?\s*(?:19|20)\d{2}"),
    )
    furniture = (
        (rx(r"^(?:전체메뉴|더보기)$"), "menu"),
        (rx(r"^뉴스 트렌드 생활정보 International edition 매체$"), "menu"),
        (rx(r"^(?:뉴스듣기\s*프린트|트랜드뉴스 보기)$"), "toolbar"),
        (rx(r"^•?\s*동아일보$"), "source_label"),
        (rx(r"^(?:•\s*)?(?:좋아요|슬퍼요|화나요|코멘트)$"), "widget"),
        (rx(r"^\d{1,6}$"), "widget"),
        (rx(r"^(?:댓글\s*\d*|기사 의견)$"), "comments"),
        (rx(r"^(?:#[^#\s]+)+$"), "related"),
        (rx(r"^관련기사$"), "related"),
        (rx(r"^\d+/\d+이전다음$"), "widget"),
    )
    cuts = (
        (rx(r"^(?:주요기사|지금 뜨는 뉴스|당신이 좋아할 만한 콘텐츠|주요뉴스)$"), "sidebar"),
    )
    header = donga_header
