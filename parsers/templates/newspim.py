"""Newspim (newspim.com and its www/m/member/ir/search hosts) article pages: desktop, mobile
and article-only text dumps.

Recognised by the `기사입력 : 2024년01월11일 15:00` / `기사등록 : 2020-02-01 10:06` date labels,
the `※ 본문 글자 크기 조정` / `※ 번역할 언어 선택` widgets, the `[서울=뉴스핌]` byline lead (also
`[서울 = 뉴스핌]`, `[마드리드 신화사=뉴스핌]`), the old `[뉴스핌=홍길동 기자]` lead, the old
`[뉴스핌 Newspim] 홍길동 기자` sign-off, the mobile `본문내용` / `썸네일 이미지` labels and the
`[뉴스핌 베스트 기사]` sidebar.

Layout: menu, title, date lines, widgets, deck lines, byline lead, body, e-mail sign-off, then
the `[뉴스핌 베스트 기사]` block, which embeds whole unrelated articles (`사진` + one long line
ending `email 2025-06-11 16:23` per item). Scrapes put that block at the end or at the start of
the text; its cut stops at the first line that is neither `사진` nor such an item, so at the start
it ends before the real article's menu or title. Mobile pages show no date. Article-only dumps
begin with the byline lead: they have no title.

The variants the corpus had no page of (the block at the start, the `기사등록 :` label, the old
lead without a space, the old sign-off, the wire-agency lead) are checked on CONSTRUCTED fixtures
(tests/fixtures/pages/newspim/newspim_constructed_*), each a real page of the project transformed.

What data cannot say is in small overrides: template photo-credit captions
(`… /김학선 기자 yooksa@`, `… [사진=뉴스핌DB] |`) labelled before the header, and the table-cell
` |` after captions. The old lead with many names and a wire agency in the dateline
(`마드리드 신화사` → `마드리드`) are read by the shared `people.match_lead`.
"""
from __future__ import annotations

import re

from .. import people
from ..engine import Doc, Template, rx, title_above_date

# One item of the `[뉴스핌 베스트 기사]` block: `사진`, or a line ending `email 2025-06-11 16:23`.
# The block's cut stops at the first short line that is neither (the real menu/title, `안다쇼핑`).
BEST_BLOCK_END = rx(r"^(?!사진$)(?!.*(?:19|20)\d{2}-\d{2}-\d{2} \d{2}:\d{2}$).{1,120}$")


def newspim_header(template: Template, doc: Doc) -> int:
    """An article-only dump (no date line, first line is the byline lead) has no title. A mobile
    page (no date line) has the title first, deck lines, then the `본문내용` label before the body.
    Otherwise the title is above the date line and deck lines follow the dates."""
    if doc.index_of("published") is None:
        first = next((i for i, ln in enumerate(doc.lines) if ln.role in ("", "body")), None)
        if first is not None and people.match_lead(doc.lines[first].content):
            return first
        body_label = next((i for i, ln in enumerate(doc.lines) if ln.content == "본문내용"), None)
        if body_label is not None:
            # Mobile: title, deck lines, then the `본문내용` label; the body follows it.
            title = doc.next_free(0, body_label)
            if title is not None:
                doc.label(title, "title")
                doc.title = title
                for j in range(title + 1, body_label):
                    if doc.free(j):
                        doc.label(j, "subtitle")
            return body_label + 1
    return title_above_date(template, doc)


class Newspim(Template):
    name = "newspim"
    version = 3
    hosts = ("newspim.com",)
    site = "www.newspim.com"
    default_outlet = "newspim"
    markers = (
        (rx(r"^(?:기사입력|기사등록)\s*:\s*(?:19|20)\d{2}"), 2),
        (rx(r"^최종수정\s*:\s*(?:19|20)\d{2}"), 1),
        (rx(r"^\[뉴스핌 베스트 기사\]$"), 3),
        (rx(r"^[\[【][^\]】=]{1,20}=\s*뉴스핌\s*[\]】]"), 2),
        (rx(r"^\[\s*뉴스핌\s*=[^\]]{2,80}(?:기자|특파원)\s*\]"), 2),
        (rx(r"^\[뉴스핌 Newspim\]"), 2),
        (rx(r"^※\s*(?:본문 글자 크기 조정|번역할 언어 선택)$"), 2),
        (rx(r"^본문내용$"), 1),
        (rx(r"^썸네일 이미지$"), 1),
        (rx(r"@newspim\.com"), 1),
    )
    published = (rx(r"^(?:기사입력|기사등록)\s*:"),)
    updated = (rx(r"^최종수정\s*:"),)
    cuts = ((rx(r"^\[뉴스핌 베스트 기사\]$"), "sidebar", BEST_BLOCK_END),)
    furniture = (
        (rx(r"^※\s*(?:본문 글자 크기 조정|번역할 언어 선택)"), "widget"),
        (rx(r"^•?\s*(?:더 작게|작게|보통|크게|더 크게)$"), "widget"),
        (rx(r"^본문내용$"), "header"),
        (rx(r"^썸네일 이미지$"), "not_prose"),
        (rx(r"^!\[[^\]]*\]\([^)]*\)\s*\|?$"), "not_prose"),
        (rx(r"^Top으로 이동$"), "menu"),
        (rx(r"^안다쇼핑$"), "ad"),
    )
    signoffs = (
        # `[뉴스핌 Newspim] 홍길동 기자 (email)`
        rx(r"^\[뉴스핌 Newspim\]\s*(?P<people>[가-힣·\s]{2,30}?)\s*(?:기자|특파원)\s*\(?[\w.+-]*@?[\w.-]*\)?$"),
    )
    # Photo captions the common patterns miss: the 2018-era credit `… /김학선 기자 yooksa@`
    # (photographer's short e-mail) and a credit followed by a table-cell bar `… [사진=뉴스핌DB] |`.
    captions = (
        rx(r"/\s*[가-힣]{2,4}\s*(?:기자|특파원)\s+[\w.+-]+@[\w.-]*\s*\|?$"),
        rx(r"[\[(]\s*(?:사진|사진제공|자료사진|그래픽)\s*[=:/]?[^\])]{0,40}[\])]\s*\|$"),
    )
    header = newspim_header
    captions_anywhere = True          # a credit line above the dates is a caption, not a title or deck line

    def caption_text(self, text: str, doc: Doc) -> str:
        """The table-cell bar after a credit (`… [사진=뉴스핌DB] |`) is not the caption's."""
        return re.sub(r"\s*\|$", "", text)
