"""The regional-news CMS family of `raw/samples/002_…txt`, shared by many small sites.

Recognised by `등록날짜 [ 2023년05월26일 15시08분 ]`, the sign-off `허성일 기자 이 기자의 다른뉴스보기`,
the `쪽지신고하기 기사글확대 기사글축소 …` toolbar and the bank-transfer form. Title and deck
lines are the block right above the date line. The outlet is not printed in the text: it
comes from the URL host when one is known (the engine's host-name fallback, e.g. `japolicenews.kr`).

Raw/samples/002 is `japolicenews.kr/detail.php?number=50602&thread=22`: this CMS serves articles
at `/detail.php?number=…&thread=…`.
"""
from ..engine import Template, block_above_date, rx


class RegionalCms(Template):
    name = "regional_cms"
    version = 2
    markers = (
        (rx(r"^등록날짜\s*\[\s*(?:19|20)\d{2}"), 3),
        (rx(r"이 기자의 다른뉴스보기$"), 3),
        (rx(r"^(?:쪽지신고하기\s+)?기사글확대 기사글축소"), 2),
        (rx(r"^무통장입금 정보입력"), 1),
    )
    published = (rx(r"^등록날짜\s*\["),)
    updated = (rx(r"^수정날짜\s*\["),)
    furniture = (
        (rx(r"^(?:맑음|흐림|비|눈|구름\S*|소나기|안개|황사|박무|연무)\s+\S+\s+-?\d+(?:\.\d+)?\s*°C$"), "widget"),
        (rx(r"^로그인\s*\|\s*회원가입"), "menu"),
        (rx(r"^\d{1,2}월\s*\d{1,2}일\s*(?:mon|tue|wed|thu|fri|sat|sun)$", ), "widget"),
        (rx(r"^(?:티커뉴스|OFF|ON|현재접속자|해당섹션에 뉴스가 없습니다)$"), "widget"),
        (rx(r"^뉴스홈\s*>"), "menu"),
        (rx(r"^트위터로 보내기"), "share"),
        (rx(r"^(?:쪽지신고하기\s+)?기사글확대 기사글축소"), "toolbar"),
        (rx(r"^올려\s*\d+\s*내려\s*\d+$"), "widget"),
        (rx(r"^(?:무통장입금 정보입력|입금할 금액은)"), "payment_form"),
    )
    cuts = ((rx(r"^\[관련뉴스\]$"), "related"),)
    signoffs = (
        rx(r"^(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원|통신원)?\s*이 기자의 다른뉴스보기$"),
    )
    header = block_above_date
