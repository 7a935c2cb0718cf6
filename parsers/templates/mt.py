"""Money Today (mt.co.kr) article pages, mobile AMP text dumps (`m.mt.co.kr/renew/view_amp.html`).

Recognised by the byline-and-date line under the title, `머니투데이 홍길동 기자 | 2010.01.01 08:03`
(agency, reporter, `|`, the published time), and `@mt.co.kr` sign-offs. The title is the first
line; the byline line holds the published time and, when it names reporters, the authors (a
column's byline may hold a description instead of a name, `머니투데이 유일한 공채 1기, MTN 기자`:
then no author is taken). Desktop labels `입력 2024.01.11 15:00` / `수정 …` are matched too.
"""
from ..engine import Template, rx, title_first

_DATE = r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\s+\d{1,2}:\d{2}"
# `머니투데이 홍길동 기자 | 2010.01.01 08:03`, `머니투데이 홍길동·김철수 기자 | …`
DATED_BYLINE = rx(
    r"^머니투데이\s+(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원|논설위원|부장|에디터)\s*\|\s*"
    + _DATE + r"\s*$"
)


class MoneyToday(Template):
    name = "mt"
    version = 2
    hosts = ("mt.co.kr",)
    site = "www.mt.co.kr"
    default_outlet = "mt"
    markers = (
        (rx(r"^머니투데이\s.{1,40}\|\s*" + _DATE + r"\s*$"), 3),
        (rx(r"@mt\.co\.kr\b"), 1),
        (rx(r"^<?\s*저작권자\s*[ⓒ©]\s*(?:'돈이 보이는 리얼타임 뉴스'\s*)?머니투데이"), 3),
    )
    published = (
        rx(r"^머니투데이\s.{1,40}\|\s*(?P<when>" + _DATE + r")\s*$"),
        rx(r"^(?:입력|기사입력)\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\d{1,2}[.\-]\d{1,2}.*)$"),
    )
    updated = (rx(r"^(?:수정|최종수정)\s*:?\s*(?P<when>(?:19|20)\d{2}[.\-]\d{1,2}[.\-]\d{1,2}.*)$"),)
    header = title_first
    dated_bylines = (DATED_BYLINE,)   # the AMP byline shares its line with the published time
