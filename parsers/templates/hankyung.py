"""Hankyung (hankyung.com) article pages.

Recognised by the article toolbar (`기사 스크랩 - 공유 - 댓글 - 클린뷰 - 프린트`, one item per
line with `-` separators) and `@hankyung.com` sign-offs. The title is the first line, deck
lines follow the toolbar, and the page text often repeats the body after the sign-off
(`라스베이거스=이상은 기자 selee@hankyung.com`): the copy is dropped as `duplicate_block`.
Syndicated copies (Yonhap, 한국경제TV) take their outlet from the byline.
"""
from ..engine import Template, rx, title_first


class Hankyung(Template):
    name = "hankyung"
    version = 1
    hosts = ("hankyung.com",)
    site = "www.hankyung.com"
    default_outlet = "hankyung"
    markers = (
        (rx(r"^기사 스크랩$"), 2),
        (rx(r"^클린뷰$"), 2),
        (rx(r"@hankyung\.com"), 2),
        (rx(r"^프린트$"), 1),
    )
    furniture = (
        (rx(r"^-$"), "toolbar"),
        (rx(r"^(?:기사 스크랩|공유|댓글|클린뷰|프린트|글자크기 설정|텍스트 음성 변환 서비스)$"), "toolbar"),
    )
    published = (rx(r"^(?:입력|기사입력)\s*:?\s*(?:19|20)\d{2}"),)
    updated = (rx(r"^(?:수정|업데이트)\s*:?\s*(?:19|20)\d{2}"),)
    header = title_first
