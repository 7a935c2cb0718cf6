"""Hankyoreh (hani.co.kr and its sub-hosts) article pages, desktop layouts.

- 2010s layout: `본문 바로가기 주요메뉴 바로가기`, `본문`, `광고` lines, `기사본문`, then
  `등록 : 2016.10.09 17:36 수정 : 2016.10.09 19:00` on one line, deck lines (a rubric such as
  `[포토에세이]`), the body, the sign-off `강재훈 선임기자 khan@hani.co.kr`, and a footer of
  `광고`, `브랜드 링크`, `멀티미디어`, `한겨레 소개 및 약관`.
- Later layout: `등록 : …` and `수정 : …` on lines of their own, the body, the e-mail alone
  on a line, `광고`, `기사공유하기`. In photo stories the byline closes the last paragraph
  (`… 이재훈 사주조합장. 김명진 기자`) and the e-mail follows on the next line: that tail is the
  sign-off, not body.

Recognised by those menu, date and share lines, the footer and `@hani.co.kr` sign-offs. The
headline is the free line right above the `등록` date line (these dumps often lose it: then the
title is null); short deck lines follow the dates up to the first paragraph.
"""
from __future__ import annotations

import re

from .. import people
from ..engine import Doc, Template, is_body_start, rx, set_title
from ..people import Byline

# `강재훈 선임기자 khan@hani.co.kr`, `김명진 기자`, `홍길동 사진기자 a@hani.co.kr`
_SIGNOFF = (
    r"(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s+"
    r"(?:선임|전문|사진|대|편집|논설|수석)?(?:기자|특파원|논설위원)"
)
# The byline closing a paragraph: `…조합장. 김명진 기자`.
_TRAILING_BYLINE = re.compile(rf"(?<=[.!?”’\"'」)])\s+{_SIGNOFF}$")
# Deck lines are short; a longer line is a paragraph even when it does not end a sentence.
_DECK_MAX = 80


def hani_header(template: Template, doc: Doc) -> int:
    """Title: the free line right above the `등록` line (often lost in dumps). Deck lines: short
    lines after the dates, up to the first paragraph."""
    dated = [i for i, line in enumerate(doc.lines) if line.role in ("published", "updated")]
    if not dated:
        start = doc.next_free(0)
        set_title(doc, start)
        start = (start + 1) if start is not None else 0
    else:
        set_title(doc, next((i for i in range(dated[0] - 1, -1, -1) if doc.free(i)), None))
        start = max(dated) + 1
    for i in range(start, len(doc)):
        if not doc.free(i):
            continue
        text = doc.lines[i].content
        if is_body_start(doc, i) or len(text) > _DECK_MAX or _TRAILING_BYLINE.search(text):
            return i
        doc.label(i, "subtitle")
    return len(doc)


class Hani(Template):
    name = "hani"
    version = 2
    hosts = ("hani.co.kr",)
    site = "www.hani.co.kr"
    default_outlet = "hani"
    markers = (
        (rx(r"^본문 바로가기 주요메뉴 바로가기$"), 2),
        (rx(r"^기사본문$"), 1),
        (rx(r"^등록\s*:\s*(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}(?:\s+수정\s*:.*)?$"), 2),
        (rx(r"^수정\s*:\s*(?:19|20)\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}$"), 1),
        (rx(r"^기사공유하기$"), 2),
        (rx(r"@hani\.co\.kr\b"), 2),
        (rx(r"^한겨레 소개 및 약관$"), 2),
        (rx(r"^항상 시민과 함께하겠습니다\. 한겨레 구독신청 하기$"), 3),
    )
    published = (rx(r"^등록\s*:\s*(?:19|20)\d{2}"),)
    updated = (rx(r"(?:^|\s)수정\s*:\s*(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2}\s+\d{1,2}:\d{2})"),)
    furniture = (
        (rx(r"^본문 바로가기 주요메뉴 바로가기$"), "menu"),
        (rx(r"^(?:본문|기사본문)$"), "menu"),
        (rx(r"^광고$"), "ad"),
        (rx(r"^기사공유하기$"), "share"),
        (rx(r"^(?:브랜드 링크|멀티미디어|한겨레 소개 및 약관)$"), "footer"),
        (rx(r"^항상 시민과 함께하겠습니다\. 한겨레 구독신청 하기$"), "footer"),
    )
    cuts = ((rx(r"^(?:한겨레21 인기기사|한겨레 인기기사)$"), "sidebar"),)
    signoffs = (rx(rf"^{_SIGNOFF}(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$"),)
    header = hani_header

    def after_label(self, doc: Doc) -> None:
        """An e-mail alone on the line after the last paragraph: the paragraph's tail
        `… 김명진 기자` is the byline that goes with it."""
        first_signoff = next((i for i, ln in enumerate(doc.lines) if ln.role == "signoff"), None)
        if first_signoff is None or doc.signoffs[0].authors:
            return
        last_body = next((i for i in range(first_signoff - 1, -1, -1) if doc.lines[i].role != "blank"), None)
        if last_body is None or doc.lines[last_body].role != "body":
            return
        line = doc.lines[last_body]
        text = line.kept if line.kept is not None else line.text
        match = _TRAILING_BYLINE.search(text.rstrip())
        if match:
            # The tail leaves the body but the line keeps no reason: Line.kept can only describe a
            # removed lead, so ParseResult.removed() would misreport the span (see the report).
            line.kept = text.rstrip()[: match.start()].rstrip()
            doc.signoffs.insert(0, Byline(authors=people.author_names(match["people"])))
