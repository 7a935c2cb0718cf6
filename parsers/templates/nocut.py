"""Nocut News / CBS (nocutnews.co.kr) article pages: desktop (`www.nocutnews.co.kr/news/<id>`) and
mobile AMP (`m.nocutnews.co.kr/news/amp/<id>`) text dumps.

Recognised by the desktop chrome (`탑배너 닫기`, `전체메뉴보기`), the `[CBS노컷뉴스 홍길동 기자]` lead,
`@cbs.co.kr` / `@nocutnews.co.kr` sign-offs, the `CBS 노컷뉴스(www.nocutnews.co.kr)` copyright and
the site's `[노컷V]` video label; AMP pages often carry none of these and are chosen by their host.

Layout: desktop pages print the title, the section (`국회/정당`), then the title again; AMP pages
start with the title. Photo captions are printed twice on one line (alt text, then caption:
`연합뉴스연합뉴스`); the caption is one copy. The `많이 본 뉴스` box closes the page.
"""
from ..engine import Doc, Template, deck_until_body, rx

_TITLE_COPY_WINDOW = 10   # desktop pages repeat the title within a few lines (section label between)


def _doubled(text: str) -> str | None:
    """`XX` → `X` for a line that is one text printed twice (X at least 4 characters)."""
    half = len(text) // 2
    if len(text) % 2 == 0 and half >= 4 and text[:half] == text[half:]:
        return text[:half]
    return None


def nocut_header(template: Template, doc: Doc) -> int:
    """Doubled lines are captions; the title is the first free line; on desktop pages the lines
    up to the title's copy are header furniture (section), the copy a duplicate."""
    for i, line in enumerate(doc.lines):
        if doc.free(i) and _doubled(line.content):
            doc.label(i, "caption", "caption")
    first = doc.next_free(0)
    if first is None:
        return len(doc)
    doc.label(first, "title")
    doc.title = first
    title = doc.lines[first].content
    start = first + 1
    for i in range(first + 1, min(len(doc), first + 1 + _TITLE_COPY_WINDOW)):
        if doc.free(i) and doc.lines[i].content == title:
            doc.label_free(first + 1, i, "furniture", "header")
            doc.label(i, "furniture", "duplicate_block")
            start = i + 1
            break
    return deck_until_body(doc, start)


class Nocut(Template):
    name = "nocut"
    version = 2
    hosts = ("nocutnews.co.kr",)
    site = "www.nocutnews.co.kr"
    default_outlet = "nocut"
    markers = (
        (rx(r"^탑배너 닫기$"), 2),
        (rx(r"^전체메뉴보기$"), 1),
        (rx(r"@(?:nocutnews|cbs)\.co\.kr"), 2),
        (rx(r"CBS\s*노컷뉴스\s*\(www\.nocutnews\.co\.kr\)"), 3),
        (rx(r"^\[CBS\s*노컷뉴스 [가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})* 기자\]"), 3),
        (rx(r"^\[노컷V\]"), 3),          # the site's video label opening a headline
    )
    published = (rx(r"^(?:기사)?입력\s*:?\s*(?:19|20)\d{2}[.-]"),)
    updated = (rx(r"^(?:최종)?수정\s*:?\s*(?:19|20)\d{2}[.-]"),)
    furniture = (
        (rx(r"^(?:탑배너 닫기|전체메뉴보기)$"), "menu"),
    )
    cuts = ((rx(r"^많이 본 뉴스$"), "widget"),)
    header = nocut_header

    def caption_text(self, text: str, doc: Doc) -> str:
        """A caption printed twice on its line is kept once."""
        return _doubled(text) or text
