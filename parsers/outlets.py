"""Canonical outlet ids: one table mapping publisher names, web hosts and e-mail domains to ids.

`outlet` in a record is always one of these ids (the ORIGINAL publisher), whatever site or
portal the text was read on. Add a publisher by adding one row.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Publisher:
    id: str
    names: tuple[str, ...]      # how the page names it (portal source label, byline lead agency)
    domains: tuple[str, ...]    # web hosts and e-mail domains (registrable part)


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher("newspim", ("뉴스핌", "Newspim", "NEWSPIM"), ("newspim.com",)),
    Publisher("newsis", ("뉴시스", "NEWSIS", "newsis"), ("newsis.com",)),
    Publisher("hankyung", ("한국경제", "한국경제신문", "한경", "hankyung"), ("hankyung.com",)),
    Publisher("hankyung_tv", ("한국경제TV", "한경TV"), ("wowtv.co.kr",)),
    Publisher("yonhap", ("연합뉴스", "연합", "Yonhap"), ("yna.co.kr", "yonhapnews.co.kr")),
    Publisher("news1", ("뉴스1", "News1"), ("news1.kr",)),
    Publisher("donga", ("동아일보", "동아닷컴"), ("donga.com",)),
    Publisher("chosun", ("조선일보", "조선비즈", "조선닷컴"), ("chosun.com",)),
    Publisher("joongang", ("중앙일보",), ("joongang.co.kr", "joins.com")),
    Publisher("hani", ("한겨레", "한겨레신문"), ("hani.co.kr",)),
    Publisher("khan", ("경향신문",), ("khan.co.kr",)),
    Publisher("mk", ("매일경제", "매경"), ("mk.co.kr",)),
    Publisher("seoul", ("서울신문",), ("seoul.co.kr",)),
    Publisher("asiae", ("아시아경제",), ("asiae.co.kr",)),
    Publisher("edaily", ("이데일리",), ("edaily.co.kr",)),
    Publisher("mt", ("머니투데이",), ("mt.co.kr",)),
    Publisher("mbn", ("MBN", "매일방송"), ("mbn.co.kr",)),
    Publisher("nocut", ("노컷뉴스", "CBS노컷뉴스", "CBS 노컷뉴스"), ("nocutnews.co.kr",)),
    Publisher("naeil", ("내일신문",), ("naeil.com",)),
    Publisher("etoday", ("이투데이",), ("etoday.co.kr",)),
    Publisher("hankookilbo", ("한국일보",), ("hankookilbo.com",)),
    Publisher("thefact", ("더팩트", "The Fact"), ("tf.co.kr",)),
    # National and regional publishers without a template, under their site's id (what the page's
    # host gives them): a portal names them on a line of their own or in a byline lead.
    Publisher("heraldcorp.com", ("헤럴드경제", "헤럴드POP"), ("heraldcorp.com",)),
    Publisher("sedaily.com", ("서울경제",), ("sedaily.com",)),
    Publisher("fnnews.com", ("파이낸셜뉴스",), ("fnnews.com",)),
    Publisher("kmib.co.kr", ("국민일보",), ("kmib.co.kr",)),
    Publisher("segye.com", ("세계일보",), ("segye.com",)),
    Publisher("munhwa.com", ("문화일보",), ("munhwa.com",)),
    Publisher("asiatoday.co.kr", ("아시아투데이",), ("asiatoday.co.kr",)),
    Publisher("newdaily.co.kr", ("뉴데일리",), ("newdaily.co.kr",)),
    Publisher("dailian.co.kr", ("데일리안",), ("dailian.co.kr",)),
    Publisher("etnews.com", ("전자신문",), ("etnews.com",)),
    Publisher("dt.co.kr", ("디지털타임스",), ("dt.co.kr",)),
    Publisher("ajunews.com", ("아주경제",), ("ajunews.com",)),
    Publisher("inews24.com", ("아이뉴스24",), ("inews24.com",)),
    Publisher("zdnet.co.kr", ("지디넷코리아", "ZDNet Korea"), ("zdnet.co.kr",)),
    Publisher("kukinews.com", ("쿠키뉴스",), ("kukinews.com",)),
    Publisher("ohmynews.com", ("오마이뉴스",), ("ohmynews.com",)),
    Publisher("pressian.com", ("프레시안",), ("pressian.com",)),
    Publisher("mediatoday.co.kr", ("미디어오늘",), ("mediatoday.co.kr",)),
    Publisher("sisain.co.kr", ("시사IN", "시사인"), ("sisain.co.kr",)),
    Publisher("kookje.co.kr", ("국제신문",), ("kookje.co.kr",)),
    Publisher("busan.com", ("부산일보",), ("busan.com",)),
    Publisher("imaeil.com", ("매일신문",), ("imaeil.com",)),
    Publisher("kwnews.co.kr", ("강원일보",), ("kwnews.co.kr",)),
    Publisher("kyeongin.com", ("경인일보",), ("kyeongin.com",)),
    Publisher("sportschosun.com", ("스포츠조선",), ("sportschosun.com",)),
    Publisher("sportsseoul.com", ("스포츠서울",), ("sportsseoul.com",)),
    Publisher("sportsworldi.com", ("스포츠월드",), ("sportsworldi.com",)),
    Publisher("osen.co.kr", ("OSEN",), ("osen.co.kr",)),
    Publisher("mydaily.co.kr", ("마이데일리",), ("mydaily.co.kr",)),
    Publisher("joynews24.com", ("조이뉴스24",), ("joynews24.com",)),
    Publisher("xportsnews.com", ("엑스포츠뉴스",), ("xportsnews.com",)),
    Publisher("starnewskorea.com", ("스타뉴스",), ("starnewskorea.com",)),
    # Broadcasters, under their site's id (a name before a corner label: `연합뉴스TV [1번지 현장] …`)
    Publisher("yonhapnewstv.co.kr", ("연합뉴스TV", "연합뉴스 TV"), ("yonhapnewstv.co.kr",)),
    Publisher("ytn.co.kr", ("YTN",), ("ytn.co.kr",)),
    Publisher("sbs.co.kr", ("SBS",), ("sbs.co.kr",)),
    Publisher("kbs.co.kr", ("KBS",), ("kbs.co.kr",)),
    Publisher("jtbc.co.kr", ("JTBC",), ("jtbc.co.kr",)),
    Publisher("ichannela.com", ("채널A",), ("ichannela.com",)),
    Publisher("tvchosun.com", ("TV조선",), ("tvchosun.com",)),
)

_BY_NAME = {name.casefold(): p.id for p in PUBLISHERS for name in p.names}
_BY_DOMAIN = {domain: p.id for p in PUBLISHERS for domain in p.domains}


def outlet_from_name(name: str | None) -> str | None:
    """`뉴시스` → `newsis`; None when the name is not a known publisher."""
    if not name:
        return None
    return _BY_NAME.get(" ".join(name.split()).casefold())


def outlet_from_host(host: str | None) -> str | None:
    """`www.newsis.com`, `mobile.newsis.com` or an e-mail `x@newsis.com` → `newsis`."""
    if not host:
        return None
    host = host.rsplit("@", 1)[-1].lower().rstrip(".")
    labels = host.split(".")
    for start in range(len(labels) - 1):
        outlet = _BY_DOMAIN.get(".".join(labels[start:]))
        if outlet:
            return outlet
    return None
