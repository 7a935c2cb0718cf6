"""Naeil (내일신문, naeil.com) article pages (`www.naeil.com/news/read/<id>`), desktop text dumps.

Recognised by the URL host, else by its date line — the time followed by `게재` on a line of its own
(`2026-01-26 13:05:00 게재`) — the `홍길동 기자 기사 더보기` link under the sign-off and
`@naeil.com` addresses.

Layout: headline, the `게재` line, deck lines, the body (often without a byline lead), photos as
an optional label line (the image's name) directly followed by the caption, whose credit ends it
(`… 사진 은평구 제공`), and the sign-off: `홍길동 기자 hong@naeil.com` on one line or the name
and the e-mail on two. The `… 기자 기사 더보기` link after it is furniture. A contact line the
reporter ends a notice with (`문의 02-351-8547`) is a phone number, not prose: it leaves the body
(`not_prose`), so a complete article is not taken for a truncated one.
"""
from __future__ import annotations

from ..engine import Template, rx, title_above_date

_WHEN = r"(?P<when>(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)"


class Naeil(Template):
    name = "naeil"
    version = 2
    hosts = ("naeil.com",)
    site = "www.naeil.com"
    default_outlet = "naeil"
    markers = (
        (rx(rf"^{_WHEN}\s*게재$"), 3),
        (rx(r"^[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*기자 기사 더보기$"), 2),
        (rx(r"@naeil\.com"), 1),
    )
    published = (rx(rf"^{_WHEN}\s*게재$"),)
    furniture = (
        (rx(r"^[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*기자 기사 더보기$"), "related"),
        # `문의 02-351-8547`, `문의 02-2147-2000, 2001`: a contact phone number on a line of its own
        (rx(r"^문의\s*[:：]?\s*\(?0\d{1,3}\)?[-.\s]?\d{3,4}[-.\s]?\d{4}(?:\s*[,~/]\s*\d{1,4})*$"), "not_prose"),
    )
    # Caption credit at the end of the caption: `… 사진 은평구 제공`.
    captions = (
        rx(r"\S\s+사진\s+\S{1,20}(?:\s+\S{1,20})?\s+제공\.?$"),
    )
    header = title_above_date
    captions_anywhere = True          # photo captions stand anywhere,
    caption_label_above = True        # each with its label line right above (short, not a sentence)
