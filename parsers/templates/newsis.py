"""Newsis (newsis.com) pages: desktop article and photo views (`www.newsis.com/view/?id=NISX…`,
`…NISI…`), mobile (`mobile.newsis.com`) and AMP dumps.

Recognised by the URL host, else by its date label with seconds (desktop `등록 2026.02.11 10:40:17`,
often run together with `수정 2026.02.11 11:16:24` on one line; mobile `기사등록 2026/02/09 13:49:06`,
old desktop `기사등록 일시 [2017-06-28 09:00:00]`), the `[서울=뉴시스]` / `【서울=뉴시스】` byline
lead, the article toolbar (`• 이메일 보내기`, `• 프린터`, `• PDF`) and `@newsis.com` addresses.

Layout: SNS links, then the title right above the date line, the toolbar, deck lines, photo captions
(`… 2026.02.10. photo@newsis.com`, also the Cloudflare-obfuscated `[email protected]`, or a
`*재판매 및 DB 금지` tail), the body from the byline lead, the sign-off `☞공감언론 뉴시스 email`,
then widgets (`많이 본 기사`). Mobile dumps repeat the `기사등록 … 최초수정` line; the copies are
dropped as `date`. When the date line only follows prose (a mobile dump that prints it under the
article), the title is the first free line instead.

Checked against real pages: desktop articles and photo views, and a mobile article
(tests/fixtures/pages/newsis/newsis_mobile_1: the same caption twice, the `◎공감언론 뉴시스` sign-off,
`button by close ad` lines, then the headline and `기사등록 … 최초수정` repeated under the article).
No AMP page was found in the stored corpus: a CONSTRUCTED AMP page (newsis_constructed_amp: the
real desktop article, AMP header/footer, the mobile date form `기사등록 … 최종수정 …` on one line)
is its only check, and the AMP date form there is an assumption.
"""
from ..engine import Doc, Template, looks_like_prose, rx, title_above_date, title_first

# Date values as Newsis prints them: 2026.02.11 10:40:17, 2026/02/09 13:49:06, [2017-06-28 09:00:00].
_WHEN = r"(?P<when>(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?)"
_PUBLISHED = rx(rf"^(?:기사)?등록\s*(?:일시)?\s*:?\s*\[?\s*{_WHEN}")
# `수정` may follow the published time on the same line with no space (`…10:40:17수정 2026.02.11 …`).
_UPDATED = rx(rf"(?:^|\d\s*|\]\s*)(?:최종|최초)?수정\s*(?:일시)?\s*:?\s*\[?\s*{_WHEN}")
_DATE_LINE = rx(r"^(?:기사)?등록\s*(?:일시)?\s*:?\s*\[?\s*(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}")
# Captions Newsis ends with its resale notice (`… (사진=서울시 제공) *재판매 및 DB 금지`).
_CAPTION_RESALE = rx(
    r"(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])"
    r"|[\[(](?:사진|그래픽|자료사진)\s*=[^\])]{0,40}[\])])\s*\*?\s*재판매\s*및\s*DB\s*금지\s*$"
)


def newsis_header(template: Template, doc: Doc) -> int:
    """Title above the date line (desktop, AMP); title first when the date only follows prose."""
    date_i = doc.index_of("published")
    if date_i is not None and not any(doc.free(j) and looks_like_prose(doc.lines[j].content) for j in range(date_i)):
        return title_above_date(template, doc)
    return title_first(template, doc)


class Newsis(Template):
    name = "newsis"
    version = 2
    hosts = ("newsis.com",)
    site = "www.newsis.com"
    default_outlet = "newsis"
    markers = (
        (rx(r"^(?:기사)?등록\s+(?:19|20)\d{2}[./]\d{2}[./]\d{2}\s+\d{2}:\d{2}:\d{2}"), 2),
        (rx(r"^기사등록\s*일시\s*\[\s*(?:19|20)\d{2}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\s*\]"), 2),
        (rx(r"^[\[【][^\]】=]{1,20}=\s*(?:[A-Za-z]{1,10}/)?뉴시스\s*[\]】]"), 1),
        (rx(r"^(?:•\s*)?이메일 보내기$"), 1),
        (rx(r"@newsis\.com"), 1),
    )
    published = (_PUBLISHED,)
    updated = (_UPDATED,)
    furniture = (
        (rx(r"^(?:•\s*)?(?:페이스북|트위터|유튜브|카카오톡|카카오스토리|밴드|네이버 ?밴드|URL ?복사|링크 ?복사)$"),
         "share"),
        (rx(r"^(?:•\s*)?(?:이메일 보내기|프린터|PDF|글자크기|글씨크기|글자 크기|인쇄)$"), "toolbar"),
        (rx(r"^\*?\s*재판매\s*및\s*DB\s*금지$"), "copyright"),
    )
    cuts = (
        (rx(r"^많이 본 기사$"), "widget"),
        (rx(r"^(?:관련기사|관련뉴스)$"), "related"),
    )
    ends = (
        (rx(r"^◎\s*공감언론 뉴시스가 독자 여러분의 소중한 제보를 기다립니다"), "footer"),
    )
    signoffs = (
        # `☞공감언론 뉴시스 daero@newsis.com` (the address is often obfuscated as `[email protected]`)
        rx(r"^[☞◎]\s*공감언론\s*뉴시스\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])?\s*$"),
    )
    header = newsis_header
    # Captions with the resale notice tail, which the shared caption patterns do not know.
    early_captions = (_CAPTION_RESALE,)
    # Mobile dumps repeat `기사등록 … 최초수정`: later copies are date furniture, not text.
    date_copies = (_DATE_LINE,)
