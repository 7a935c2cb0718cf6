"""Asia Economy (asiae.co.kr) article pages in the current layout (`cm.asiae.co.kr/article/<id>`,
`www.asiae.co.kr/article/<id>`, `view.asiae.co.kr`), old articles re-rendered in it included.

Recognised by the page chrome (`bar_progress`, `시계아이콘02분 03초 소요`, the AI short-news box
`숏 뉴스 AI 요약 기술은 핵심만 전달합니다…`), the `[아시아경제 홍길동 기자]` byline lead, `@asiae.co.kr`
sign-offs and the `아시아경제(www.asiae.co.kr) 무단전재 배포금지` copyright line.

Layout: menu lines, the title, reading time and toolbar, the AI summary box (`불러오는 중...` or
the summary itself, closed by `닫기` / `뉴스듣기`), deck lines, then the body. A photo prints its
alt text (the title) before its caption on one line, followed by `AD`; the title prefix is not
part of the caption. The sign-off `윤동주 기자 doso7@asiae.co.kr` ends the article; ad and
recommendation boxes follow.
"""
import re

from .. import people
from ..engine import Doc, Template, rx
from ..text import looks_like_prose

_SUMMARY = re.compile(r"^숏 뉴스 AI 요약 기술은")
_SUMMARY_END = re.compile(r"^(?:닫기|뉴스듣기(?:\s+글자크기)?)$")
_SUMMARY_MAX_LINES = 12
_DECK_MAX_LINES = 6


def asiae_header(template: Template, doc: Doc) -> int:
    """The AI summary box is cut, the title is the first free line, lines repeating the title
    are photo alt text. Deck lines are the block right after the toolbar: up to six lines with no
    blank line between them (body paragraphs are one line each), most of them not prose."""
    _summary_box(doc)
    first = doc.next_free(0)
    if first is None:
        return len(doc)
    if looks_like_prose(doc.lines[first].content) and doc.published is None:
        return first
    doc.label(first, "title")
    doc.title = first
    title = doc.lines[first].content
    for i in range(first + 1, len(doc)):
        if not doc.free(i):
            continue
        text = doc.lines[i].content
        if text == title:
            doc.label(i, "furniture", "duplicate_block")
        elif text.startswith(title + " "):
            doc.label(i, "caption", "caption")
    start = doc.next_free(first + 1)
    if start is None:
        return len(doc)
    block = []
    i = start
    while i < len(doc) and doc.free(i):
        block.append(i)
        i += 1
    first_line = doc.lines[start].content
    prose = sum(looks_like_prose(doc.lines[i].content) for i in block)
    if people.match_lead(first_line) or len(block) > _DECK_MAX_LINES or 2 * prose > len(block):
        return start
    for i in block:
        doc.label(i, "subtitle")
    return doc.next_free(block[-1] + 1) or len(doc)


def _summary_box(doc: Doc) -> None:
    """From the AI notice to `닫기`/`뉴스듣기` (a bounded block): the box and the summary it shows."""
    for i, line in enumerate(doc.lines):
        if not (doc.free(i) and _SUMMARY.match(line.content)):
            continue
        block, seen = [i], 0
        for j in range(i + 1, len(doc)):
            if doc.lines[j].role == "blank":
                continue
            if _SUMMARY_END.match(doc.lines[j].content):
                for k in block:
                    doc.label_free(k, k + 1, "furniture", "widget")
                break
            seen += 1
            if seen > _SUMMARY_MAX_LINES:
                doc.label(i, "furniture", "widget")
                break
            block.append(j)
        else:
            doc.label(i, "furniture", "widget")
        return


class Asiae(Template):
    name = "asiae"
    version = 2
    hosts = ("asiae.co.kr",)
    site = "cm.asiae.co.kr"
    default_outlet = "asiae"
    markers = (
        (rx(r"^bar_progress$"), 2),
        (rx(r"^시계아이콘\d{2}분 \d{2}초 소요$"), 2),
        (rx(r"^숏 뉴스 AI 요약 기술은"), 2),
        (rx(r"아시아경제\s*\(www\.asiae\.co\.kr\)"), 3),
        (rx(r"@asiae\.co\.kr"), 2),
        (rx(r"^\[아시아경제 [가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})* 기자\]"), 3),
    )
    published = (
        rx(r"^(?:기사)?입력\s*:?\s*(?:19|20)\d{2}[.-]"),
        # old pages: `최종수정 2014.10.04 18:13 기사입력2014.10.04 18:13` on one line
        rx(r"기사입력\s*:?\s*(?P<when>(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?(?:\s*\d{1,2}:\d{2})?)"),
    )
    updated = (rx(r"^(?:최종)?수정\s*:?\s*(?P<when>(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?(?:\s*\d{1,2}:\d{2})?)"),)
    signoffs = (
        # `영남취재본부 여종구 기자 bestsunsu@asiae.co.kr` (the desk is not a name); old pages cut the
        # e-mail after `@` (`지연진 기자 gyj@`)
        rx(r"^(?:[가-힣]{2,8}취재본부\s+)?(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원)"
           r"(?:\s+[\w.+-]+@(?:[\w-]+(?:\.[\w-]+)*)?)*\s*$"),
    )
    furniture = (
        (rx(r"^(?:본문 바로가기|bar_progress|글자크기 설정|닫기|위로가기)$"), "menu"),
        (rx(r"^시계아이콘\d{2}분 \d{2}초 소요$"), "toolbar"),
        (rx(r"^(?:언어변환\s+)?숏뉴스$"), "toolbar"),
        (rx(r"^뉴스듣기(?:\s+글자크기)?$"), "toolbar"),
        (rx(r"^불러오는 중\.\.\.$"), "widget"),
        (rx(r"^AD$"), "ad"),
        (rx(r"^\[성공투자 파트너\]"), "ad"),
        (rx(r"^(?:당신이 궁금할 이슈 콘텐츠|맞춤콘텐츠|실시간 핫이슈)$"), "widget"),
    )
    header = asiae_header

    def caption_text(self, text: str, doc: Doc) -> str:
        """A caption line starts with the photo's alt text (the title): only the rest is the caption."""
        title = doc.lines[doc.title].content if doc.title is not None else None
        if title and text.startswith(title + " "):
            text = text[len(title) + 1:].strip()
        return text
