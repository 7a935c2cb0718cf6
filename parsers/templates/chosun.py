"""Chosun Ilbo (chosun.com) article pages: the news.chosun.com desktop layout and the
archive.chosun.com article viewer.

- Desktop (news.chosun.com, `site/data/html_dir/…`): the headline, the source line `조선일보`,
  `입력 2018.09.14 03:00` (older pages: `입력 : 2015.03.02 03:00 | 수정 : …`), the body, and the
  `내가 본 뉴스 맨 위로` / `내가 본 뉴스 닫기` widget.
- Archive viewer: `Home > 검색목록 > 기사상세보기`, the label `타이틀`, the headline,
  `발행일 : 2023.03.03 / 종합 A1 면` (a date only), `종이신문보기` / `▲ 종이신문보기`, deck lines,
  then the body.

Recognised by those widget, breadcrumb and print-date lines (plus the `조선일보` source line and
`@chosun.com` sign-offs). The headline is the first line that is not furniture; deck lines run
from the date to the first paragraph. A body that stops right after a bare list number (`4.`)
was cut off: that is `truncated` too.
"""
from __future__ import annotations

import re

from ..engine import Doc, Template, rx, title_first
from ..record import ArticleRecord

_BARE_LIST_NUMBER = re.compile(r"^\d{1,2}\.$")


class Chosun(Template):
    name = "chosun"
    version = 2
    hosts = ("chosun.com",)
    site = "www.chosun.com"
    default_outlet = "chosun"
    markers = (
        (rx(r"^내가 본 뉴스 맨 위로$"), 2),
        (rx(r"^내가 본 뉴스 닫기$"), 2),
        (rx(r"^Home > 검색목록 > 기사상세보기$"), 3),
        (rx(r"^발행일 : (?:19|20)\d{2}\.\d{2}\.\d{2} / .{1,20}면$"), 2),
        (rx(r"^▲?\s*종이신문보기$"), 1),
        (rx(r"^조선일보$"), 1),
        (rx(r"@chosun\.com\b"), 1),
        (rx(r"^-?\s*Copyrights ⓒ 조선일보 & chosun\.com"), 2),
    )
    published = (
        rx(r"^입력\s*:?\s*(?:19|20)\d{2}"),
        rx(r"^발행일\s*:\s*(?:19|20)\d{2}"),
    )
    updated = (
        rx(r"(?:^|\|\s*)(?:수정|업데이트)\s*:?\s*(?P<when>(?:19|20)\d{2}\.\d{2}\.\d{2}\.?\s*\d{1,2}:\d{2})"),
    )
    furniture = (
        (rx(r"^내가 본 뉴스 (?:맨 위로|닫기)$"), "widget"),
        (rx(r"^Home > 검색목록 > 기사상세보기$"), "menu"),
        (rx(r"^타이틀$"), "header"),
        (rx(r"^▲?\s*종이신문보기$"), "toolbar"),
        (rx(r"^\[?조선일보\]?$"), "source_label"),
    )
    header = title_first

    def finish(self, record: ArticleRecord, doc: Doc) -> None:
        paragraphs = record["body"].split("\n") if record["body"] else []
        if paragraphs and _BARE_LIST_NUMBER.match(paragraphs[-1]) and "truncated" not in record["warnings"]:
            record["warnings"].insert(len(doc.warnings), "truncated")
