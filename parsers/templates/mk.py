"""Maeil Business (매일경제, mk.co.kr) article pages.

Recognised by the copyright line in its forms `[ⓒ 매일경제 & mk.co.kr, 무단전재 및 재배포 금지]`,
`Copyright © 매일경제 & mk.co.kr` and `ⓒ 매일경제 & mk.co.kr, 무단 전재, 재배포 및 AI학습 이용
금지`, by `@mk.co.kr` e-mails and by the bracketed sign-off `[김정환 기자]`.

Layout: the title is the first line unless the dump starts at the body (a first line that is
already a sentence closed by a full stop); deck lines follow up to the first paragraph; a
series banner such as `◆ 제17회 세계지식포럼 ◆` stands above or inside the article; the story
closes with the bracketed sign-off and the copyright line. mk's own pages add the `mk` /
`구독신청` / `검색전체보기` header and date labels `입력 : 2024-01-09 18:12:00` /
`수정 : …` (older pages: `기사입력 2016.10.11 10:04:21 | 최종수정 …`).

The 2025 www.mk.co.kr layout (checked on a real page, tests/fixtures/pages/mk/): menu lines,
the title, one `홍길동 기자` line and one e-mail line per reporter, `입력 :` / `수정 :` labels with
the time on the next line, the AI summary box (`뉴스 요약쏙` … `로그인`), language/font/share
widgets, deck lines, then the article with photo captions ending `[사진 출처 = …]`; it closes
with `이 기사가 마음에 들었다면, 좋아요를 눌러주세요.` and a most-read list.

Evidence for the older forms: no other www.mk.co.kr article page was found in the search
tool's pages corpus. The copyright, sign-off and banner forms were seen on mk articles carried
by mbn.co.kr and daum.net and on opinion.mk.co.kr list pages; the one-line date labels are
mk's known forms and are not yet checked against a fixture. A page of another site that
carries mk's copyright line is an mk article: its outlet is `mk` whatever the host.
"""
from __future__ import annotations

import re

from ..engine import Doc, Template, deck_until_body, opens_body, rx, set_title

_BARE_LABEL = re.compile(r"^(?P<label>입력|기사입력|수정|최종수정)\s*:?$")
MK_COPYRIGHT = rx(r"(?:ⓒ|©|\(c\))\s*매일경제\s*&\s*mk\.co\.kr")
_DATE = r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}(?:\.?\s*\d{1,2}:\d{2}(?::\d{2})?)?"


def mk_header(template: Template, doc: Doc) -> int:
    """With reporter lines (2025 layout): the title is the free line above the first of them and
    deck lines follow the last byline/date line. Otherwise the title is first unless the page
    starts at the body; deck lines run up to the first paragraph."""
    bylined = [i for i, line in enumerate(doc.lines) if line.role == "byline"]
    if bylined:
        set_title(doc, next((i for i in range(bylined[0] - 1, -1, -1) if doc.free(i)), None))
        last = max(i for i, line in enumerate(doc.lines)
                   if line.role in ("byline", "published", "updated") or line.reason == "date")
        return deck_until_body(doc, last + 1, template.captions)
    first = doc.next_free(0)
    if first is None:
        return 0
    if opens_body(doc.lines[first].content):
        return first
    set_title(doc, first)
    return deck_until_body(doc, first + 1)


class Mk(Template):
    name = "mk"
    version = 3
    hosts = ("mk.co.kr",)
    site = "www.mk.co.kr"
    default_outlet = "mk"
    markers = (
        (MK_COPYRIGHT, 3),
        (rx(r"@mk\.co\.kr\b"), 2),
        (rx(r"^\[\s*[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*(?:기자|특파원)\s*\]$"), 1),
        (rx(r"^◆\s*\S.{0,40}\s*◆$"), 1),
        (rx(r"^뉴스 요약쏙$"), 2),
        (rx(r"^이 기사가 마음에 들었다면, 좋아요를 눌러주세요\.$"), 2),
    )
    furniture = (
        (rx(r"^mk$"), "menu"),
        (rx(r"^(?:[•·]\s*)?구독신청$"), "menu"),
        (rx(r"^검색전체보기$"), "menu"),
        (rx(r"^◆\s*\S.{0,40}\s*◆$"), "header"),
        (rx(r"^(?:언어변경|ENG|JPN|CHN|글자크기 설정)$"), "widget"),
        (rx(r"^(?:기사 공유|이메일에 공유하기 .*)$"), "share"),
    )
    # The AI summary box repeats the story in a machine's words: cut up to the language widget.
    cuts = ((rx(r"^뉴스 요약쏙$"), "widget", rx(r"^(?:언어변경|글자크기 설정|기사 공유)$")),)
    ends = ((rx(r"^이 기사가 마음에 들었다면, 좋아요를 눌러주세요\.$"), "widget"),)
    bylines = (
        rx(r"^(?P<people>[가-힣]{2,4})\s*(?:기자|특파원)$"),
        rx(r"^[\w.+-]+@mk\.co\.kr$"),
    )
    captions = (rx(r"\[사진(?:\s*출처)?\s*=\s*[^\]]{1,40}\]\s*$"),)
    published = (rx(rf"^(?:입력|기사입력)\s*:?\s*(?P<when>{_DATE})"),)
    updated = (
        rx(rf"^(?:수정|최종수정)\s*:?\s*(?P<when>{_DATE})"),
        rx(rf"^(?:입력|기사입력)\s*:?\s*{_DATE}\s*\|?\s*(?:수정|최종수정)\s*:?\s*(?P<when>{_DATE})"),
    )
    signoffs = (
        # `[김정환 기자]`, `[김대은 기자]`, `[홍길동·김철수 기자]`
        rx(r"^\[\s*(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원)\s*\]$"),
    )
    header = mk_header
    bare_date_label = _BARE_LABEL     # 2025 layout: `입력 :` alone, the time on the next line

    def find_outlet(self, doc: Doc) -> str | None:
        """mk's copyright line makes the page an mk article, on whatever site it is read."""
        if any(MK_COPYRIGHT.search(line.content) for line in doc.lines):
            return "mk"
        return super().find_outlet(doc)
