"""Articles read on the Naver portal (n.news.naver.com, news.naver.com, m.news.naver.com).

`site` is the portal host; `outlet` is the ORIGINAL publisher, taken from the page: the press name
printed on its own line above the headline (the logo's text), else the copyright line
(`Copyright ⓒ 뉴시스. All rights reserved.`), else the byline lead agency (`[서울=뉴시스]`) or the
sign-off e-mail domain (engine defaults). Never the portal.

Recognised by the URL host, else by the portal's own lines: `기사원문`, `본문 요약봇`,
`텍스트 음성 변환 서비스 사용하기`, `기사 섹션 분류 안내` and the `입력2024.01.11. 오후 3:00` label.

Layout: portal menu, press name, headline, `입력… 수정… 기사원문` (label and value on one line or on
two), the reporter's name line and the reading toolbar, the publisher's deck lines, captions, the
body, the publisher's sign-off and copyright line; everything from the copyright line or the
`기사 섹션 분류 안내` box on (reporter card, reactions, ranking, comments) is portal furniture.
Times use 오전/오후; the engine's date parser converts them. Reporter name lines count as bylines
only above the article text; below it a name line with an e-mail is the publisher's sign-off. Wire
captions ending in the resale notice (`… (사진=서울시 제공) *재판매 및 DB 금지`) are captions, not a
byline lead.

Written from the portal's known layout: the pages corpus held no Naver article page. It is checked
only against two CONSTRUCTED pages (tests/fixtures/pages/naver/naver_constructed_newsis and
_donga: real Newsis and Dong-A Ilbo articles of the project wrapped in Naver's furniture).
"""
from __future__ import annotations

import re

from .. import people
from ..dates import parse_kst
from ..engine import Doc, Template, rx, title_above_date
from ..outlets import outlet_from_name
from ..people import Byline
from ..text import looks_like_prose

_WHEN = r"(?:19|20)\d{2}[.\-]\s*\d{1,2}[.\-]\s*\d{1,2}\.?\s*(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}:\d{2}"
# `입력2024.01.11. 오후 3:00`, `입력 2024.01.11. 오후 3:00 수정2024.01.11. 오후 4:00 기사원문`,
# old `기사입력 2017.03.12 오후 3:00` / `최종수정 …`.
_LABELLED = re.compile(rf"(?P<label>기사입력|최종수정|입력|수정)\s*:?\s*(?P<when>{_WHEN})")
_LABEL_ONLY = re.compile(r"^(?:기사입력|최종수정|입력|수정)$")
_WHEN_ONLY = re.compile(rf"^(?P<when>{_WHEN})$")
# Whole-line reporter names (`박정규 기자`, `홍길동 기자 a@b.com`, `홍길동·김철수 기자`).
_NAME_LINE = re.compile(
    r"^(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원|논설위원|선임기자|객원기자)"
    r"(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$"
)
# A wire photo caption that ends with the resale notice, which the shared caption patterns do not
# know: `[서울=뉴시스] 오세훈 서울시장. 2025.12.31. (사진=서울시 제공) *재판매 및 DB 금지`. Without it
# the caption's `[서울=뉴시스]` would be read as the byline lead.
_CAPTION_RESALE = re.compile(
    r"(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])"
    r"|[\[(](?:사진|그래픽|자료사진)\s*=[^\])]{0,40}[\])])\s*\*?\s*재판매\s*및\s*DB\s*금지\s*$"
)
_COPYRIGHT_NAME = re.compile(
    r"^(?:Copyright|COPYRIGHT|copyright)?\s*(?:ⓒ|©|\([cC]\))\s*(?P<name>[^.,<>|ⓒ©]{1,30}?)\s*(?:\.|,|\s+All\s+rights|"
    r"\s+무단)"
)


def _set_date(doc: Doc, role: str, when: str) -> bool:
    """Record the first time found for `role`."""
    value = parse_kst(when)
    if value and getattr(doc, role) is None:
        setattr(doc, role, value)
        return True
    return False


def naver_header(template: Template, doc: Doc) -> int:
    """Title above the `입력` line; deck lines after the toolbar; the press name above the title."""
    start = title_above_date(template, doc)
    if doc.title is not None:
        for i in range(doc.title - 1, -1, -1):
            if doc.free(i) and outlet_from_name(doc.lines[i].content):
                doc.outlet_hint = outlet_from_name(doc.lines[i].content)
                doc.label(i, "furniture", "source_label")
                break
    return start


class Naver(Template):
    name = "naver"
    version = 3
    hosts = ("news.naver.com",)
    site = "n.news.naver.com"
    portal = True
    markers = (
        (rx(r"^본문 요약봇$"), 3),
        (rx(r"^기사 섹션 분류 안내$"), 3),
        (rx(r"^기사원문$|기사원문$"), 2),
        (rx(rf"^입력\s*{_WHEN}"), 2),
        (rx(r"^텍스트 음성 변환 서비스 사용하기$"), 1),
    )
    furniture = (
        (rx(r"^(?:본문 바로가기|NAVER|네이버|뉴스|언론사별|정치|경제|사회|생활/문화|IT/과학|세계|랭킹|신문보기|"
            r"오피니언|TV|팩트체크"
            r"|알고리즘 안내|정정보도 모음|뉴스홈|속보|연예|스포츠|날씨|프리미엄|검색|로그인|전체 언론사|MY뉴스)$"),
         "menu"),
        (rx(r"^기사원문$"), "toolbar"),
        (rx(r"^(?:본문 요약봇|요약|요약봇|텍스트 음성 변환 서비스 사용하기|글자 크기 변경하기|SNS 보내기|인쇄하기|닫기|"
            r"도움말"
            r"|구독|구독중|구독하기|구독 해지|언론사 구독|추천|좋아요|댓글|공유|공유하기|URL복사"
            r"|이 기사를 추천합니다)$"), "toolbar"),
        (rx(r"^자동 추출 기술로 요약된 내용입니다"), "widget"),
        (rx(r"^(?:쏠쏠정보|흥미진진|공감백배|분석탁월|후속강추|슬퍼요|화나요|팬이에요|후속기사 원해요|훈훈해요|"
            r"놀랐어요)\s*\d*$"), "widget"),
        (rx(r"^기사 추천은 24시간 내"), "widget"),
        (rx(r"^\d{1,6}$"), "widget"),
        (rx(r"^(?:구독자|응원수)\s*[\d,]*$"), "widget"),
        (rx(r"^이 기사는 언론사에서 .{1,12} 섹션으로 분류했습니다\.?$"), "portal_footer"),
        (rx(r"^언론사 홈 바로가기$"), "portal_footer"),
    )
    cuts = (
        (rx(r"^(?:Copyright|COPYRIGHT|copyright)\s*(?:ⓒ|©|\([cC]\))"), "copyright"),
        (rx(r"^기사 섹션 분류 안내$"), "portal_footer"),
    )
    ends = (
        (rx(r"^◎\s*공감언론 뉴시스가 독자 여러분의 소중한 제보를 기다립니다"), "footer"),
    )
    signoffs = (
        rx(r"^[☞◎]\s*공감언론\s*뉴시스\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])?\s*$"),
    )
    captions = (_CAPTION_RESALE,)
    header = naver_header

    def after_label(self, doc: Doc) -> None:
        # No press name above the headline: the copyright line names the publisher.
        if doc.outlet_hint is None:
            for line in doc.lines:
                match = _COPYRIGHT_NAME.match(line.content)
                if match and outlet_from_name(match["name"]):
                    doc.outlet_hint = outlet_from_name(match["name"])
                    break
        # The reporter line under the headline names the authors when the body has no byline lead.
        if not doc.leads and not doc.signoffs:
            doc.leads.extend(doc.name_lines[:1])

    def read_dates(self, doc: Doc) -> None:
        """`입력…`/`수정…` on one line, or the label alone with the time on the next line."""
        pending: str | None = None
        for i, line in enumerate(doc.lines):
            if line.role:
                continue
            text = line.content
            if _LABEL_ONLY.match(text):
                pending = "published" if "입력" in text else "updated"
                doc.label(i, "furniture", "date")
                continue
            roles = [role for role, when in self._labelled_dates(text, pending) if _set_date(doc, role, when)]
            pending = None
            if roles:
                doc.label(i, "published" if "published" in roles else "updated", "date")

    @staticmethod
    def _labelled_dates(text: str, pending: str | None) -> list[tuple[str, str]]:
        found = [("published" if "입력" in m["label"] else "updated", m["when"]) for m in _LABELLED.finditer(text)]
        alone = _WHEN_ONLY.match(text)
        if pending and alone:
            found.append((pending, alone["when"]))
        return found

    def read_bylines(self, doc: Doc) -> None:
        """Reporter name lines above the article text leave it as bylines; kept aside as a fallback
        for the authors (see after_label). From the first paragraph or byline lead on, a name line is the
        publisher's sign-off (`김아연 기자 aykim@donga.com`), left to the body pass."""
        for i, line in enumerate(doc.lines):
            if not doc.free(i):
                continue
            if looks_like_prose(line.content) or people.match_lead(line.content):
                break
            match = _NAME_LINE.match(line.content)
            if match:
                doc.name_lines.append(Byline(
                    authors=people.author_names(match["people"]),
                    emails=people.EMAIL_RE.findall(line.content),
                ))
                doc.label(i, "byline", "byline")
