"""Seoul Shinmun (seoul.co.kr) article pages: desktop (www*/img.seoul.co.kr, `news/<section>/YYYY/MM/DD/<id>`)
and mobile (m.seoul.co.kr, m.go.seoul.co.kr) text dumps.

Recognised by the `Copyright ⓒ 서울신문 All rights reserved.` line, `@seoul.co.kr` sign-offs, the
article toolbar (`기사 읽어주기` / `다시듣기` / `글씨 크기 조절` / `댓글` with its count) and the
`이미지 확대` button before each photo, and the print-edition line `2024-06-28 1면` that closes the
article.

Layout: the title comes first (desktop pages print it twice), then the reporter's name on a
line of its own (`오달란 기자`, also twice on desktop), `입력`/`수정` lines (mobile pages put
`수정` first) and the toolbar. A deck line stands alone between blank lines before the first
photo; body text that starts right after the toolbar has no blank line before it. Each photo is
`이미지 확대`, then its caption, often printed twice; a short credit line (`성북구 제공`) is a
caption too. The sign-off `경주 이종원 선임기자 jongwon@seoul.co.kr` (place, name, title,
e-mail) ends the article.
"""
import re

from ..engine import Doc, Template, rx
from ..text import looks_like_prose

_TITLE = r"(?:선임|수석|전문|객원|편집)?(?:대기자|기자|특파원|논설위원)"
_NAME = rf"(?!{_TITLE})[가-힣]{{2,4}}"      # `선임기자` is a title, not a name before `기자`
_PEOPLE = rf"(?P<people>{_NAME}(?:\s*[·,]\s*{_NAME})*)"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

_IMAGE_BUTTON = "이미지 확대"
_COMMENTS = re.compile(r"^(?:•\s*)?댓글$")
# A photo credit standing alone under a photo: `성북구 제공`, `사진공동취재단 제공`.
_CREDIT = re.compile(r"^[^\s.!?]{1,15}(?:\s[^\s.!?]{1,15}){0,2}\s?제공$")


def seoul_header(template: Template, doc: Doc) -> int:
    """Title first; copies of it, photo captions and credits labelled; a deck only when it stands
    between blank lines right after the header labels."""
    _photo_captions(doc)
    first = doc.next_free(0)
    if first is None:
        return len(doc)
    if looks_like_prose(doc.lines[first].content) and doc.published is None:
        return first                       # page text without a headline
    doc.label(first, "title")
    doc.title = first
    title = doc.lines[first].content
    for i in range(first + 1, len(doc)):      # desktop pages print the title twice
        if doc.free(i):
            if doc.lines[i].content == title:
                doc.label(i, "furniture", "duplicate_block")
            elif looks_like_prose(doc.lines[i].content):
                break
    start = doc.next_free(first + 1)
    if start is None:
        return len(doc)
    block = _standalone_block(doc, start)
    if not block:
        return start
    for i in block:
        doc.label(i, "subtitle")
    after = doc.next_free(block[-1] + 1)
    return len(doc) if after is None else after


def _photo_captions(doc: Doc) -> None:
    """`이미지 확대`, then the caption (and its printed copy); credit lines; the comment count."""
    for i, line in enumerate(doc.lines):
        if line.role == "furniture" and _COMMENTS.match(line.content):
            j = doc.next_free(i + 1)
            if j is not None and j <= i + 2 and doc.lines[j].content.isdigit():
                doc.label(j, "furniture", "toolbar")
        elif line.role == "furniture" and line.content == _IMAGE_BUTTON:
            j = doc.next_free(i + 1)
            if j is None:
                continue
            doc.label(j, "caption", "caption")
            k = j + 1
            if k < len(doc) and doc.free(k) and doc.lines[k].content == doc.lines[j].content:
                doc.label(k, "furniture", "duplicate_block")
        elif doc.free(i) and _CREDIT.match(line.content):
            doc.label(i, "caption", "caption")


def _standalone_block(doc: Doc, start: int) -> list[int]:
    """Deck lines: a block of short non-prose lines with a blank line before and after it."""
    if start == 0 or doc.lines[start - 1].role != "blank":
        return []
    block: list[int] = []
    i = start
    while i < len(doc) and doc.lines[i].role != "blank":
        if not doc.free(i) or looks_like_prose(doc.lines[i].content) or len(block) == 4:
            return []
        block.append(i)
        i += 1
    return block if i < len(doc) else []


class Seoul(Template):
    name = "seoul"
    version = 2
    hosts = ("seoul.co.kr",)
    site = "www.seoul.co.kr"
    default_outlet = "seoul"
    markers = (
        (rx(r"^Copyright ⓒ 서울신문"), 3),
        (rx(r"@seoul\.co\.kr"), 2),
        (rx(r"^(?:•\s*)?기사 읽어주기$"), 1),
        (rx(r"^(?:•\s*)?글씨 크기 조절$"), 1),
        (rx(r"^이미지 확대$"), 1),
        (rx(r"^(?:19|20)\d{2}-\d{2}-\d{2}\s+\d{1,2}면$"), 1),
    )
    published = (rx(r"^입력\s*(?:19|20)\d{2}[.-]"),)
    updated = (rx(r"^(?:수정|업데이트)\s*(?:19|20)\d{2}[.-]"),)
    bylines = (rx(rf"^{_PEOPLE}\s*{_TITLE}$"),)
    signoffs = (
        # `경주 이종원 선임기자 jongwon@seoul.co.kr`, `김승훈 기자 hunnam@seoul.co.kr`
        rx(rf"^(?:(?P<dateline>[가-힣]{{2,8}})\s+)?{_PEOPLE}\s*{_TITLE}(?:\s*[,/]?\s*{_EMAIL})+\s*$"),
    )
    furniture = (
        (rx(r"^(?:•\s*)?(?:기사 읽어주기|다시듣기|글씨 크기 조절|댓글)$"), "toolbar"),
        (rx(r"^(?:닫기)?이미지 확대(?: 보기)?$"), "widget"),
    )
    # The print-edition line closes the article: `2024-06-28 1면`.
    ends = ((rx(r"^(?:19|20)\d{2}-\d{2}-\d{2}\s+\d{1,2}면$"), "footer"),)
    header = seoul_header
