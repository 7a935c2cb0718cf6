"""Hankyung (hankyung.com) article pages: desktop, old AMP (`hankyung.com/amp/…`), archive
articles in the current desktop layout, and copies of other publishers' stories.

Recognised by the article toolbar (`기사 스크랩 - 공유 - 댓글 - 클린뷰 - 프린트`, one item per line
with `-` separators, or a bulleted `• 공유` / `• 댓글` / `• 클린뷰` / `• 프린트` list), sign-offs
ending in `@hankyung.com`, the archive edition stamp `( 한 국 경 제 신 문 1999년 6월 8일자 ).`,
the AMP print-page label `지면A29` and the 한국경제TV copyright `ⓒ 한국경제TV, …`.

Layout:
- Desktop: the title is the first line, deck lines follow the toolbar up to the first
  paragraph, and the page text often repeats the deck and the body after the sign-off
  (`라스베이거스=이상은 기자 selee@hankyung.com`): the copies are dropped as `duplicate_block`.
  Some dumps start right at the first paragraph: a first line that is already a sentence
  means the page shows no title.
- Dates: the stored pages show the `입력` / `수정` labels without their values (AMP) or no
  date at all, so most records have none; a label with a value (`입력2024.01.09 18:12`,
  `수정2024.01.10 01:22`) is read. Archive articles carry the print edition stamp
  `( 한 국 경 제 신 문 1999년 6월 8일자 ).`, read as the published date.
- Archive articles are hard-wrapped (a paragraph runs over several lines, paragraphs are
  separated by blank lines, a line may even break before a particle: `위정자` / `가 암우하기`):
  on pages with the edition stamp the wrapped lines are joined back and there are no decks.
- Copies: the original publisher is the outlet. 한국경제TV copies sign off `어예진 한국경제TV`
  and carry `ⓒ 한국경제TV`; on old pages the sign-off, the `핫뉴스 ㆍ…` widget and the copyright
  run into the last paragraph's line and are split off before labelling. A Yonhap lead
  (`(서울=연합뉴스) 홍길동 기자 = `) names Yonhap; an article id ending in `Y`
  (`/article/202404090307Y`) is a Yonhap copy.
- Magazine pages (magazine.hankyung.com) sign off `손희식 한경비즈니스 편집장 hssohn@hankyung.com`
  and end with `© 매거진한경, 무단전재 및 재배포 금지`.
"""
from __future__ import annotations

import re

from ..engine import Doc, Template, deck_until_body, opens_body, rx, set_title
from ..outlets import outlet_from_name
from ..text import is_sentence_end

_DATE = r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}(?:\.?\s*\d{1,2}:\d{2})?"
# `( 한 국 경 제 신 문 1999년 6월 8일자 ).`: the archive's print edition stamp.
EDITION = rx(
    r"^\(\s*한\s*국\s*경\s*제\s*신\s*문\s+(?P<when>(?:19|20)\d{2}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일)"
    r"\s*자?\s*\)\.?$"
)
# 한국경제TV as the source: its copyright line or a `어예진 한국경제TV` sign-off.
TV_SOURCE = rx(r"ⓒ\s*한국경제TV|^[가-힣]{2,4}\s+(?:기자\s+)?한국경제TV$")
# `/article/202404090307Y`: hankyung.com's id for a Yonhap copy.
YONHAP_ID = re.compile(r"/article/\d{10,}Y(?:[/?#]|$)")
# A wrapped line that starts with a lone particle continues the previous word (`위정자` / `가 …`).
PARTICLES = frozenset(("가", "는", "을", "를", "의", "에", "와", "과", "로"))

# Old pages glue the last paragraph, the sign-off, the `핫뉴스 ㆍ…` widget and the copyright
# into one line: split them back into lines before labelling.
_HOT_NEWS = re.compile(r"\s+(?=핫뉴스\s*ㆍ)")
_GLUED_TV_SIGNOFF = re.compile(r"(?<=[.!?\"'”’])\s+(?=[가-힣]{2,4}\s+(?:기자\s+)?한국경제TV$)")
_GLUED_COPYRIGHT = re.compile(r"\s+(?=ⓒ\s*\S)")


def _unglue(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        hot = _HOT_NEWS.search(line)
        if not hot:
            lines.append(line)
            continue
        head, tail = line[: hot.start()], line[hot.end():]
        lines += _GLUED_TV_SIGNOFF.split(head, maxsplit=1)
        lines += _GLUED_COPYRIGHT.split(tail, maxsplit=1)
    return "\n".join(lines)


def _is_archive(doc: Doc) -> bool:
    return any(EDITION.match(line.content) for line in doc.lines)


_OPEN_END = rx(r"[가-힣](?:과|와|는|은|도|을|를|에|의|고|며|서|면|이|가)$")


def _hard_wrapped(doc: Doc) -> bool:
    """An archive page without its edition stamp: three or more body lines stop on a particle
    (`시가총액 상위종목 중에서는` / `쌍용건설과` / `서울반도체가 3% 이상 올랐다.`)."""
    return sum(1 for line in doc.lines if line.role == "body" and _OPEN_END.search(line.content)) >= 3


def hankyung_header(template: Template, doc: Doc) -> int:
    """Title first (unless the page starts at the body); deck lines follow up to the first
    paragraph, except on hard-wrapped archive pages, which have none."""
    first = doc.next_free(0)
    if first is None:
        return 0
    if opens_body(doc.lines[first].content):
        return first
    set_title(doc, first)
    if _is_archive(doc):
        return first + 1
    return deck_until_body(doc, first + 1)


def _join(head: str, tail: str) -> str:
    head, tail = head.strip(), tail.strip()
    if tail.split(" ", 1)[0] in PARTICLES:
        return head + tail
    return f"{head} {tail}"


def _unwrap(doc: Doc) -> None:
    """Join a hard-wrapped paragraph: a body line that does not end a sentence continues on the
    next line (no blank line between). The joined text stays on the first line; the others keep
    an empty body text, so nothing is listed as removed."""
    head = None
    for i, line in enumerate(doc.lines):
        if line.role != "body":
            head = None
            continue
        text = line.kept if line.kept is not None else line.text
        if head is not None:
            first = doc.lines[head]
            so_far = first.kept if first.kept is not None else first.text
            if not is_sentence_end(so_far.strip()):
                first.kept = _join(so_far, text)
                line.kept = ""
                continue
        head = i


class Hankyung(Template):
    name = "hankyung"
    version = 3
    hosts = ("hankyung.com",)
    site = "www.hankyung.com"
    default_outlet = "hankyung"
    markers = (
        (rx(r"^(?:[•·]\s*)?기사 스크랩$"), 2),
        (rx(r"^(?:[•·]\s*)?클린뷰$"), 2),
        (rx(r"^(?:[•·]\s*)?프린트$"), 1),
        (rx(r"@hankyung\.com\b"), 3),
        (EDITION, 3),
        (rx(r"ⓒ\s*한국경제TV"), 3),
        (rx(r"^©\s*매거진한경"), 3),
        (rx(r"^지면[A-Z]\d{1,3}$"), 2),
        (rx(r"^입력$"), 1),
    )
    furniture = (
        (rx(r"^-$"), "toolbar"),
        (rx(r"^(?:[•·]\s*)?(?:기사 스크랩|공유|댓글|클린뷰|프린트|글자크기 설정|텍스트 음성 변환 서비스)$"), "toolbar"),
        (rx(r"^본문 바로가기$"), "menu"),
        (rx(r"^ADVERTISEMENT$"), "ad"),
        (rx(r"^-{10,}$"), "not_prose"),
        # AMP: the date labels are shown without their values; `지면A29` is the print page.
        (rx(r"^(?:입력|수정)$"), "date"),
        (rx(r"^지면[A-Z]\d{1,3}$"), "header"),
        (rx(r"^핫뉴스\s*ㆍ"), "widget"),
    )
    # The ranked most-read list after the article (`1. 1`, headline, teaser, `2. 2`, …).
    cuts = ((rx(r"^1\. 1$"), "sidebar"),)
    published = (
        rx(rf"^(?:입력|기사입력)\s*:?\s*(?P<when>{_DATE})"),
        EDITION,
    )
    updated = (
        rx(rf"^(?:수정|업데이트)\s*:?\s*(?P<when>{_DATE})"),
        rx(rf"^(?:입력|기사입력)\s*:?\s*{_DATE}\s+수정\s*:?\s*(?P<when>{_DATE})"),
    )
    signoffs = (
        # archive column: `이병한 < 서울대 명예교수 >`
        rx(r"^(?P<people>[가-힣]{2,4})\s*<\s*[^<>]{2,30}?\s*>$"),
        # 한국경제TV copy: `어예진 한국경제TV`
        rx(r"^(?P<people>[가-힣]{2,4})\s+(?:기자\s+)?한국경제TV$"),
        # magazine: `손희식 한경비즈니스 편집장 hssohn@hankyung.com`
        rx(r"^(?P<people>[가-힣]{2,4})\s+한경비즈니스\s+[가-힣]{1,8}\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"),
    )
    header = hankyung_header

    def prepare_text(self, text: str) -> str:
        return _unglue(text)

    def after_label(self, doc: Doc) -> None:
        if _is_archive(doc) or _hard_wrapped(doc):
            _unwrap(doc)
        for line in doc.lines:
            if line.role in ("furniture", "signoff") and TV_SOURCE.search(line.content):
                doc.outlet_hint = "hankyung_tv"
                break

    def find_outlet(self, doc: Doc) -> str | None:
        """The original publisher of a copy comes before the site: a lead's agency
        (`(서울=연합뉴스)`), the 한국경제TV source lines, a Yonhap article id."""
        for lead in doc.leads:
            if outlet_from_name(lead.agency):
                return outlet_from_name(lead.agency)
        if doc.outlet_hint:
            return doc.outlet_hint
        if doc.url and YONHAP_ID.search(doc.url):
            return "yonhap"
        return super().find_outlet(doc)
