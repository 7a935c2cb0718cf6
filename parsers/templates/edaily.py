"""Edaily (edaily.co.kr) article pages (`/News/Read?newsId=…`): news, 스타in and 이데일리TV reports.

Recognised by the byline lead `[이데일리 홍길동 기자] ` / `[이데일리 스타in 홍길동 기자] `
(agency and reporter in one bracket, the rest of the line is the first paragraph), the
copyright line `< 저작권자 ⓒ 이데일리 - 무단전재 & 재배포 금지 >` and, on 이데일리TV reports, the
reporter's spoken sign-off `한국거래소에서 이데일리TV 홍길동입니다.`.

Layout: photos sit in table cells, so the text dump shows a caption as `| 별(사진=…) |` and an
empty cell as a lone `|`; captions are labelled before the header strategy runs and stored
without the cell borders. Text dumps often start at the photo or the lead: the title is the
first line only when that line is not already prose or a byline lead. TV reports carry segment
labels (`<기자>`, `(스탠딩)`) between the spoken paragraphs. Date labels `등록 2023-01-31 오전 6:25:29`
/ `수정 …` are matched when present.
"""
from ..engine import Doc, Template, deck_until_body, is_body_start, label_captions, rx, set_title
from ..text import collapse

# A photo in its table cell: `| 별(사진=콴엔터테인먼트) |`, `| 뉴욕증권거래소(NYSE). (사진=AFP) |`
CAPTIONS = (
    rx(r"^\|\s*\S.*\S\s*\|$"),
)
CELL_BORDERS = rx(r"^\|\s*|\s*\|$")


def captions_then_title_unless_prose(template: Template, doc: Doc) -> int:
    """Label the photo cells as captions; the first free line is the title unless it is body."""
    label_captions(doc, template.captions)
    first = doc.next_free(0)
    if first is None:
        return len(doc)
    if is_body_start(doc, first):
        return first
    set_title(doc, first)
    return deck_until_body(doc, first + 1)


class Edaily(Template):
    name = "edaily"
    version = 2
    hosts = ("edaily.co.kr",)
    site = "www.edaily.co.kr"
    default_outlet = "edaily"
    captions = CAPTIONS
    markers = (
        (rx(r"^[\[【]\s*이데일리(?:\s+[^\s\]】]{1,12})?\s+[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*"
            r"(?:[가-힣]{0,4}기자|특파원)\s*[\]】]"), 3),
        (rx(r"이데일리\s?TV\s+[가-힣]{2,4}입니다\.?$"), 3),
        (rx(r"^<?\s*저작권자\s*[ⓒ©]\s*이데일리"), 3),
    )
    published = (rx(r"^등록\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\d{1,2}[.\-]\d{1,2}.*)$"),)
    updated = (rx(r"^수정\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\d{1,2}[.\-]\d{1,2}.*)$"),)
    furniture = (
        (rx(r"^\|$"), "not_prose"),                                   # an empty table cell
        (rx(r"^<(?:기자|앵커|리포트|인터뷰)>$"), "not_prose"),          # broadcast segment labels
        (rx(r"^\((?:스탠딩|인터뷰|현장음|녹취|자막)\)$"), "not_prose"),
    )
    signoffs = (
        # `한국거래소에서 이데일리TV 이지혜입니다.`
        rx(r"^(?:\S{1,20}에서\s*)?이데일리\s?TV\s+(?P<people>[가-힣]{2,4})입니다\.?$"),
    )
    header = captions_then_title_unless_prose

    def caption_text(self, text: str, doc: Doc) -> str:
        return collapse(CELL_BORDERS.sub("", text))
