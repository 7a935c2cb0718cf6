"""The ND소프트 CMS family: hundreds of Korean news sites (university papers, regional dailies,
trade and local papers) whose article URLs are `/news/articleView.html?idxno=…`. One template
serves them all; the outlet comes from the page or the URL host, never from the template (the
engine falls back to the site's host name, e.g. `skkuw.com`, for publishers `parsers/outlets.py`
does not know).

Recognised by the family's furniture: `상태바`, `이 기사를 공유합니다`, the bulleted article
info (`• 홍길동 기자`, `• 승인 2016.12.07 12:32`, `• 호수 1603`, `• 댓글 0`), the newer
`기자명 홍길동 기자 (hong@…)` byline, `에디터 초이스`, the site clock `UPDATE. 2024-03-29 18:48 (금)`
and the footer `저작권자 © 대학신문 무단전재 및 재배포 금지` (no brackets, no comma).

Layout (desktop): the title, `상태바`, the title again, the bulleted byline and 승인/입력 time,
`댓글 0`, `이 기사를 공유합니다`, then deck lines and photo captions, then the body, often led by
`[충청일보] ` (the paper's name in brackets, removed like a byline lead). Many dumps hold the
body only (from the `기자명` line or from the first paragraph to the copyright line): they show
no title. What data cannot say is in `nd_header`: the bullet byline block above the time, the
title's first copy, and deck lines told from captions (a caption ends in a `사진=…` credit or
is long; deck lines are short headlines).
"""
from __future__ import annotations

from .. import people
from ..engine import Doc, Template, rx
from ..people import Byline
from ..text import identity_text, is_sentence_end

# `• 박희철 기자`, `• 이우재`, `• 서울포커스 기자`: the byline bullet of the article info block.
BULLET = rx(r"^•\s*(?P<people>[^•]{1,40}?)\s*$")
# `[충청일보] `, `[서울포커스신문] `: the paper's name leading the first paragraph.
PAPER_LEAD = rx(
    r"^\[\s*(?P<agency>[^\[\]=]{1,20}?(?:신문|일보|뉴스|방송|저널|타임즈|타임스|통신|미디어|매일|닷컴|포커스))\s*\]\s*"
)
# Photo credit ending a caption: `… 사진=서울시`, `… (사진제공=○○)`, `… /사진=○○`.
PHOTO_CREDIT = rx(r"(?:사진\s*(?:제공)?\s*[=:]\s*[^\s=]{1,20}|사진제공\s+[^\s=]{1,20})\s*[)\]]?$")
# A byline name that is the paper or a desk, not a person (`기자명 성대신문`).
NOT_A_PERSON = rx(r"(?:신문|일보|뉴스|방송|저널|편집국|편집부|취재팀|기자단)$")
CAPTION_MIN_CHARS = 70
# A paragraph's pointer to its photo after the last sentence: `… 체육대회를 가졌다.<사진>`, `(사진)`.
PHOTO_MARK = rx(r"\s*[<(〈\[]\s*사진(?:\s?(?:위|아래|왼쪽|오른쪽))?\s*[>)〉\]]\s*$")


def nd_header(template: Template, doc: Doc) -> int:
    """Title, byline block and deck lines; returns where the body starts."""
    date_i = doc.index_of("published")
    if date_i is not None:
        i = date_i - 1
        while i >= 0 and (not doc.free(i) or BULLET.match(doc.lines[i].content)):
            if doc.free(i):
                _bullet_byline(doc, i)
            i -= 1
        if i >= 0:
            doubled = _doubled_above(doc, i)
            if doubled is not None:       # the headline twice, then a deck line above the byline block
                for k in range(doubled + 1, i + 1):
                    if doc.free(k):
                        doc.label(k, "subtitle")
                i = doubled
            doc.label(i, "title")
            doc.title = i
            key = identity_text(doc.lines[i].text)
            for j in range(i):
                if doc.free(j) and identity_text(doc.lines[j].text) == key:
                    doc.label(j, "furniture", "duplicate_block")
        start = date_i + 1
    else:
        first = doc.next_free(0)
        if first is None:
            return len(doc)
        if _starts_body(doc.lines[first].content):
            return _body_lead(doc, first)
        doc.label(first, "title")
        doc.title = first
        start = first + 1
    for i in range(start, len(doc)):
        if not doc.free(i):
            continue
        text = doc.lines[i].content
        if PHOTO_CREDIT.search(text) or (len(text) >= CAPTION_MIN_CHARS and not is_sentence_end(PHOTO_MARK.sub("",
                                                                                                               text))):
            doc.label(i, "caption", "caption")
        elif _starts_body(text):
            return _body_lead(doc, i)
        else:
            doc.label(i, "subtitle")
    return len(doc)


def _doubled_above(doc: Doc, i: int) -> int | None:
    """A line printed twice in a row just above line `i` (the headline and its copy): the copy."""
    above = [k for k in range(i - 1, max(-1, i - 4), -1) if doc.lines[k].content]
    for upper, lower in zip(above[1:], above):
        if (
            doc.free(upper)
            and doc.free(lower)
            and identity_text(doc.lines[upper].text) == identity_text(doc.lines[lower].text)
        ):
            return lower
    return None


def _starts_body(text: str) -> bool:
    return is_sentence_end(PHOTO_MARK.sub("",
                                          text)) or bool(PAPER_LEAD.match(text)) or people.match_lead(text) is not None


def _bullet_byline(doc: Doc, i: int) -> None:
    text = doc.lines[i].content
    bullet = BULLET.match(text)
    names = [n for n in people.author_names(bullet["people"]) if not NOT_A_PERSON.search(n)] if bullet else []
    doc.leads.append(Byline(authors=names, emails=people.EMAIL_RE.findall(text)))
    doc.label(i, "byline", "byline")


def _body_lead(doc: Doc, i: int) -> int:
    """The first paragraph may open with the paper's name (`[충청일보] `) or a wire lead
    (`[서울=뉴시스] 홍길동 기자 = `): it leaves the body like any byline lead."""
    text = doc.lines[i].content
    paper = PAPER_LEAD.match(text)
    lead = people.match_lead(text)
    if paper:
        doc.leads.append(Byline(agency=paper["agency"]))
        end = paper.end()
    elif lead is not None:
        doc.leads.append(lead)
        end = lead.end
    else:
        return i
    kept = text[end:].strip()
    doc.lines[i].kept = kept
    doc.label(i, "body" if kept else "byline", "byline")
    return i + 1


class NdSoft(Template):
    name = "ndsoft"
    version = 2
    markers = (
        (rx(r"^상태바$"), 3),
        (rx(r"^이 기사를 공유합니다$"), 3),
        (rx(r"^저작권자\s*©\s*\S.{0,60}?\s무단전재 및 재배포 금지$"), 3),
        (rx(r"^(?:•\s*)?승인\s+(?:19|20)\d{2}\.\d{2}\.\d{2}\s+\d{2}:\d{2}$"), 2),
        (rx(r"^기자명\s+\S"), 2),
        (rx(r"^기자명\s+[^()]+\(\s*[\w.+-]+@[\w.-]+\s*\)$"), 1),
        (rx(r"^에디터 초이스$"), 2),
        (rx(r"^•\s*댓글\s+\d+$"), 1),
        (rx(r"^UPDATE\.\s*(?:19|20)\d{2}-\d{2}-\d{2}"), 1),
    )
    published = (rx(r"^(?:•\s*)?(?:승인|입력)\s+(?:19|20)\d{2}\.\d{2}\.\d{2}"),)
    updated = (rx(r"^(?:•\s*)?(?:수정|업데이트)\s+(?:19|20)\d{2}\.\d{2}\.\d{2}"),)
    bylines = (
        # `기자명 안세현·정은서 기자 (webmaster@skkuw.com)`
        rx(r"^기자명\s+(?P<people>[^()]+?)\s*(?:\(\s*[\w.+-]+@[\w.-]+\s*\))?$"),
    )
    furniture = (
        (rx(r"^상태바$"), "toolbar"),
        (rx(r"^이 기사를 공유합니다$"), "share"),
        (rx(r"^\S+\(으\)로 기사보내기$"), "share"),
        (rx(r"^(?:바로가기|복사하기|본문 글씨 키우기|본문 글씨 줄이기|SNS 기사보내기|기사저장|다른 공유 찾기|"
            r"기사스크랩|"
            r"기사 스크랩|닫기|글씨키우기|글씨줄이기|프린트|메일보내기)$"), "toolbar"),
        (rx(r"^(?:•\s*)?댓글\s+\d+$"), "comments"),
        (rx(r"^(?:•\s*)?호수\s+\d+$"), "header"),
        (rx(r"^UPDATE\.\s*(?:19|20)\d{2}-\d{2}-\d{2}"), "widget"),
        (rx(r"^(?:에디터 초이스|많이 본 뉴스|인기기사|최신기사|관련기사)$"), "widget"),
        (rx(r"^HOME(?:\s*>)?(?:\s+\S{1,20}){1,3}$"), "menu"),
        (rx(r"^▶\s*\S.{0,40}보기$"), "related"),
        (rx(r"^https?://\S+$"), "related"),
    )
    header = nd_header

    def after_label(self, doc: Doc) -> None:
        for byline in doc.leads:
            byline.authors = [n for n in byline.authors if not NOT_A_PERSON.search(n)]
