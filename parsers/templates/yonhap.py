"""Yonhap (yna.co.kr) article pages, desktop and mobile text dumps.

Recognised by the `(서울=연합뉴스) 홍길동 기자 = ` lead, the `송고시간2024-01-11 15:00` date label
(older pages: `2020/03/16 10:00 송고`), the copyright line `<저작권자(c) 연합뉴스, 무단 전재-재배포,
AI 학습 및 활용 금지>`, the tip line `제보는 카카오톡 okjebo` and sign-offs `hong@yna.co.kr`.

Layout: title above the date label; the reporter line `홍길동기자` with `구독` / `구독중`
buttons; photos as `이미지 확대` followed by a caption whose credit ends it (`[촬영 홍길동]`,
`[연합뉴스 자료사진]`, `[○○ 제공. 재판매 및 DB 금지]`, or a wire-photo tail
`2025.9.11 hong@yna.co.kr`), on one line or split: the image text and caption, then the credit on
a line of its own (as a stored copy of a yna.co.kr page shows it); the article closes with the
reporter's e-mail and `(끝)`.
No Yonhap article page was found in the pages corpus: the patterns follow the labels above and
are checked only against two CONSTRUCTED pages (tests/fixtures/pages/yonhap/yonhap_constructed_*:
real articles of the project rewritten with Yonhap's lead and wrapped in yna.co.kr's furniture).
"""
from ..engine import Doc, Template, is_body_start, label_captions, rx, title_above_date

# Caption credits at the end of a line, optionally followed by the photo's date.
CAPTIONS = (
    rx(r"\[(?:촬영|제작|그래픽)\s+[^\]]{1,20}\]\s*(?:(?:19|20)\d{2}\.\d{1,2}(?:\.\d{1,2})?\.?)?\s*$"),
    rx(r"\[[^\]]{0,40}(?:연합뉴스 자료사진|제공|재판매 및 DB 금지)[^\]]{0,20}\]\s*(?:(?:19|"
       r"20)\d{2}\.\d{1,2}(?:\.\d{1,2})?\.?)?\s*$"),
)


IMAGE = rx(r"^이미지 확대$")
# A caption may be split over lines (the image text, the caption, then the credit on its own
# line): the lines after `이미지 확대` up to the credit within this many lines are the caption.
CAPTION_SPAN = 3


def captions_then_title_above_date(template: Template, doc: Doc) -> int:
    """Label the photo captions wherever they stand (a credit ends each; the lines between
    `이미지 확대` and a credit line are its caption too), then title above the date label."""
    def is_credit(i: int) -> bool:
        return any(p.search(doc.lines[i].content) for p in template.captions)

    label_captions(doc, template.captions)
    for i, line in enumerate(doc.lines):
        if not IMAGE.match(line.content):
            continue
        span = [j for j in range(i + 1, len(doc)) if doc.lines[j].role != "blank"][:CAPTION_SPAN]
        for k, j in enumerate(span):
            if is_credit(j):
                for m in span[:k]:
                    doc.label(m, "caption", "caption")
                break
            if not doc.free(j) or is_body_start(doc, j):
                break   # a paragraph or the byline lead: this photo's caption has no credit line
    return title_above_date(template, doc)


class Yonhap(Template):
    name = "yonhap"
    version = 3
    hosts = ("yna.co.kr", "yonhapnews.co.kr")
    site = "www.yna.co.kr"
    default_outlet = "yonhap"
    captions = CAPTIONS
    markers = (
        (rx(r"^송고시간\s*(?:19|20)\d{2}"), 3),
        (rx(r"^(?:19|20)\d{2}/\d{2}/\d{2}\s+\d{2}:\d{2}\s+송고$"), 3),
        (rx(r"^<?\s*저작권자\s*\(c\)\s*연합뉴스"), 3),
        (rx(r"^제보는 카카오톡 okjebo"), 3),
        (rx(r"^[\[(【][^\[\]()【】=]{1,20}=\s*연합뉴스\s*[\])】]"), 2),
        (rx(r"@yna\.co\.kr\s*$"), 1),
        (rx(r"^\(끝\)$"), 1),
    )
    published = (
        rx(r"^송고시간\s*(?P<when>(?:19|20)\d{2}.*)$"),
        rx(r"^(?P<when>(?:19|20)\d{2}/\d{2}/\d{2}\s+\d{2}:\d{2})\s+송고$"),
    )
    updated = (rx(r"^(?:업데이트|수정)\s*(?:시간)?\s*:?\s*(?P<when>(?:19|20)\d{2}.*)$"),)
    bylines = (
        # `홍길동기자` / `홍길동 특파원` on a line of its own (followed by the `구독` buttons)
        rx(r"^(?P<people>[가-힣]{2,4})\s?(?:기자|특파원)$"),
    )
    furniture = (
        (rx(r"^제보는 카카오톡 okjebo"), "footer"),
        (rx(r"^(?:구독|구독중)$"), "widget"),
        (rx(r"^이미지 확대$"), "toolbar"),
        (rx(r"^(?:기자 ?페이지|기사 ?제보|글자크기 ?조정|본문 글자 크기 조정|인쇄하기|관련 뉴스|광고|댓글)$"),
         "toolbar"),
    )
    ends = (
        (rx(r"^\(끝\)$"), "signoff"),
    )
    header = captions_then_title_above_date
