"""Newspim (newspim.com) article pages, desktop and mobile text dumps.

Recognised by the `기사입력 : 2024년01월11일 15:00` / `기사등록 : 2020-02-01 10:06` date labels,
the `[서울=뉴스핌]` byline lead and the `[뉴스핌 베스트 기사]` sidebar, which embeds whole
unrelated articles and is cut to the end of the page.
"""
from ..engine import Template, rx, title_above_date


class Newspim(Template):
    name = "newspim"
    version = 1
    hosts = ("newspim.com",)
    site = "www.newspim.com"
    default_outlet = "newspim"
    markers = (
        (rx(r"^(?:기사입력|기사등록)\s*:\s*(?:19|20)\d{2}"), 2),
        (rx(r"^최종수정\s*:\s*(?:19|20)\d{2}"), 1),
        (rx(r"^\[뉴스핌 베스트 기사\]$"), 3),
        (rx(r"^[\[【][^\]】=]{1,20}=\s*뉴스핌\s*[\]】]"), 2),
        (rx(r"@newspim\.com"), 1),
    )
    published = (rx(r"^(?:기사입력|기사등록)\s*:"),)
    updated = (rx(r"^최종수정\s*:"),)
    cuts = ((rx(r"^\[뉴스핌 베스트 기사\]$"), "sidebar"),)
    furniture = (
        (rx(r"^※\s*(?:본문 글자 크기 조정|번역할 언어 선택)"), "widget"),
        (rx(r"^Top으로 이동$"), "menu"),
        (rx(r"^안다쇼핑$"), "ad"),
    )
    signoffs = (
        # `[뉴스핌 Newspim] 홍길동 기자 (email)`
        rx(r"^\[뉴스핌 Newspim\]\s*(?P<people>[가-힣·\s]{2,30}?)\s*(?:기자|특파원)\s*\(?[\w.+-]*@?[\w.-]*\)?$"),
    )
    header = title_above_date
