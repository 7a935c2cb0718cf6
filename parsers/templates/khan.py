"""Kyunghyang Shinmun (khan.co.kr) article pages: the mobile layout and a desktop dump.

- Mobile (m.khan.co.kr): the headline, then `2024.03.13 21:50 입력 2024.03.13 21:55 수정` (the
  time before its label), pictures as two identical lines (alt text, then caption), the body,
  and the `추천기사` block of widgets (`바로가기 링크 설명`, `화제의 추천 정보`, `오늘의 인기 정보`,
  `추천 이슈`, `이 시각 포토 정보`), cut to the end of the page.
- Desktop dump (www.khan.co.kr/article/…): the first line holds the date and the headline,
  ` date 2026-03-12 경향신문 독자위원회 3월 정기회의`, then the body.

Recognised by the date-then-label line, the widget titles, the ` date YYYY-MM-DD` line and
`@kyunghyang.com` sign-offs. The headline is the first free line (or the text after the date
on a ` date …` line); lines between the date and the first paragraph are deck lines.
"""
from __future__ import annotations

import re

from ..engine import Doc, Template, is_body_start, label_picture_pairs, rx, set_title
from ..record import ArticleRecord
from ..text import collapse

_DATE_TITLE = re.compile(r"^date\s+(?:19|20)\d{2}-\d{2}-\d{2}\s+(?P<title>\S.*)$")


def khan_header(template: Template, doc: Doc) -> int:
    dated = [i for i, line in enumerate(doc.lines) if line.role in ("published", "updated")]
    date_title = next((i for i in dated if _DATE_TITLE.match(doc.lines[i].content)), None)
    if date_title is not None:
        doc.title = date_title            # the line stays `published`; assemble() takes the headline from it
        start = date_title + 1
    else:
        first = doc.next_free(0)
        set_title(doc, first)
        if first is None:
            return 0
        start = max([first, *dated]) + 1
    label_picture_pairs(doc, start)
    for i in range(start, len(doc)):
        if doc.free(i):
            if is_body_start(doc, i):
                return i
            doc.label(i, "subtitle")
    return len(doc)


class Khan(Template):
    name = "khan"
    version = 2
    hosts = ("khan.co.kr",)
    site = "www.khan.co.kr"
    default_outlet = "khan"
    markers = (
        (rx(r"^(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2} 입력(?: (?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2} 수정)?$"), 3),
        (rx(r"^추천기사$"), 1),
        (rx(r"^(?:화제의 추천 정보|오늘의 인기 정보|이 시각 포토 정보)$"), 2),
        (rx(r"^바로가기 링크 설명$"), 1),
        (rx(r"@kyunghyang\.com\b"), 2),
        (rx(r"©\s*경향신문\(www\.khan\.co\.kr\)"), 2),
    )
    published = (
        rx(r"^(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}) 입력"),
        rx(r"^입력\s*:?\s*(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2})"),
        rx(r"^date\s+(?P<when>(?:19|20)\d{2}-\d{2}-\d{2})\s"),
    )
    updated = (
        rx(r"(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}) 수정$"),
        rx(r"(?:^|\s)수정\s*:?\s*(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2})"),
    )
    furniture = (
        (rx(r"^(?:바로가기 링크 설명|화제의 추천 정보|오늘의 인기 정보|추천 이슈|이 시각 포토 정보)$"), "widget"),
    )
    cuts = ((rx(r"^추천기사$"), "sidebar"),)
    header = khan_header

    def finish(self, record: ArticleRecord, doc: Doc) -> None:
        if doc.title is not None:
            match = _DATE_TITLE.match(doc.lines[doc.title].content)
            if match:
                record["title"] = collapse(match["title"])
