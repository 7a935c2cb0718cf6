"""News1 (news1.kr) article pages, desktop text dumps (`www.news1.kr/<section>/<id>`).

Recognised by the site footer (`제호 : 뉴스1코리아(읽기: 뉴스원코리아)`, `Copyright ⓒ 뉴스1.`),
photo credits ending `/뉴스1 ⓒ News1 홍길동 기자` and the `(서울=뉴스1) 홍길동 기자 = ` lead.

Layout: the title first, deck lines under it, then photo captions. Every caption is printed
twice: as the caption and again as the image's alt text prefixed `본문 이미지 - `; the first
image's caption is simply doubled. Captions are recognised by the `ⓒ News1` credit at their end
(a template pattern the shared caption list does not know), so they are labelled before the
header strategy runs. The footer block from `대표이사/발행인 :` to the end is cut.
Date labels (`등록 2024.01.11 15:00`, `업데이트 …`) are matched when the dump carries them.
"""
from ..engine import Doc, Template, label_captions, rx, title_first

# `… 2025.9.26/뉴스1 ⓒ News1 신웅수 기자`, `… ⓒ 로이터=뉴스1 ⓒ News1 윤다정 기자`, `… ⓒ News1 DB`
CAPTIONS = (
    rx(r"(?:ⓒ|©)\s*News1(?:\s+\S+){0,2}\s*$"),
)


def captions_then_title_first(template: Template, doc: Doc) -> int:
    """Label the template's photo captions wherever they stand, then title first and deck lines."""
    label_captions(doc, template.captions)
    return title_first(template, doc)


class News1(Template):
    name = "news1"
    version = 2
    hosts = ("news1.kr",)
    site = "www.news1.kr"
    default_outlet = "news1"
    captions = CAPTIONS
    markers = (
        (rx(r"^제호\s*:\s*뉴스1코리아"), 3),
        (rx(r"^Copyright\s*ⓒ\s*뉴스1\."), 3),
        (rx(r"/뉴스1\s*ⓒ\s*News1\b"), 2),
        (rx(r"^[\[(【][^\[\]()【】=]{1,20}=\s*뉴스1\s*[\])】]"), 2),
        (rx(r"^본문 이미지 - "), 1),
    )
    published = (rx(r"^(?:등록|입력)\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\s*\d{1,2}[.\-]\s*\d{1,2}.*)$"),)
    updated = (rx(r"^(?:업데이트|수정)\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\s*\d{1,2}[.\-]\s*\d{1,2}.*)$"),)
    furniture = (
        # the image's alt text: a copy of the caption that follows it
        (rx(r"^본문 이미지 - "), "duplicate_block"),
    )
    cuts = (
        (rx(r"^대표이사/발행인\s*:"), "footer"),
    )
    header = captions_then_title_first

