"""What a line of a Korean news page looks like, told from its text alone (no outlet knowledge).

Predicates for the generic fallback (parsers/templates/generic.py): page furniture common to
Korean news sites (UI words, breadcrumbs, share rows, "most read" headings, reading-time and
weather widgets), photo captions and their credits, sentence-like prose, headline-like lines,
date labels (`입력`, `등록`, `기사입력`, `승인`, `수정`, `업데이트`…, before or after the time,
with or without a colon) and byline shapes (`홍길동 기자`, contributor lines, broadcast
sign-offs `MBN뉴스 홍길동입니다`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import dates, people
from .captions import CAPTION_PATTERNS
from .outlets import outlet_from_name
from .people import COMMON_SURNAMES
from .record import Reason
from .text import collapse, hangul_count, is_sentence_end

rx = re.compile

# ---------------------------------------------------------------- normalising a line

_EDGE_MARKS = rx(r"^(?:[|•◦▪∙·]\s*)+|(?:\s*[|•])+$")


@lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The line without table pipes and list bullets at its edges, spaces collapsed."""
    return collapse(_EDGE_MARKS.sub("", text.strip()))


_HANGUL = rx(r"[가-힣]")
_LETTER = rx(r"[가-힣A-Za-z]")


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


# ---------------------------------------------------------------- prose

# A sentence ending followed by more text: `…했다. 그는`, `…밝혔다." 이어`.
# Paragraphs a crawl glued together have no space after the full stop: `…착수했다.26일 국민의힘`.
_INNER_END = rx(r"[.!?。](?:[\"'”’」』)\]]*\s+(?=\S)|(?<=[가-힣][.!?])(?=[가-힣\"“‘'(\[]|\d+일))")
# Prose ends a sentence with punctuation (`…했다.`, `…했다."`); a headline ends without (`…연다`).
_TERMINAL = rx(r"[.!?。…][\"'”’」』》〉)\]]*$")
_QUESTION = rx(r"[?!][\"'”’」』》〉)\]]*$")
# A teaser cut short by a list widget: `… 밤하늘을 물들이는...`.
_TEASER_CUT = rx(r"[가-힣A-Za-z0-9,]\s?(?:\.{2,}|…)$")
_SENTENCE_TRAIL = rx(r"(?:다|요|죠)\s?(?:\.{2,}|…)$")


# Another article's byline lead inside a line: `헤드라인 [서울=뉴스핌] 홍길동 기자 = …`.
_INNER_LEAD = rx(r"\S\s*[\[(【][^\]\)】=]{1,20}=[^\]\)】]{1,20}[\]\)】]\s*(?:[가-힣]{2,4}[\s·,]*){1,4}(?:기자|"
                 r"특파원)\s?=")


def is_teaser(text: str) -> bool:
    if len(text) < 20 or not text.endswith(("..", "…")):
        return False
    return bool(_TEASER_CUT.search(text, len(text) - 12)) and not _SENTENCE_TRAIL.search(text, len(text) - 12)


def is_prose(text: str, min_chars: int = 30, page_end: bool = False) -> bool:
    """Article prose: long enough and ends a sentence, or holds sentences and ends with a short
    tail (`… 밝혔다. 기사 A4면`); at the page's end (`page_end`), sentences then a paragraph the
    excerpt cut short. A teaser cut with `...` or a headline glued to another article's byline
    lead (`제목 [서울=뉴스핌] 홍길동 기자 = …`, a sidebar item) is not prose."""
    text = text.strip()
    if len(text) < min_chars or is_teaser(text) or ("=" in text and _INNER_LEAD.search(text)):
        return False
    ends = list(_INNER_END.finditer(text))
    if _TERMINAL.search(text):
        # a lone question or exclamation is rather a headline (`…할 만 하죠?"`)
        return not _QUESTION.search(text) or bool(ends) or len(text) >= 60
    if page_end and len(ends) >= 2 and len(text) >= 100:
        return True                       # sentences, then a paragraph cut short where the page stops
    return len(text) >= 60 and bool(ends) and len(text) - ends[-1].end() <= 12


def sentence_count(text: str) -> int:
    return len(_INNER_END.findall(text)) + (1 if _TERMINAL.search(text) else 0)


# ---------------------------------------------------------------- furniture

# Words of site chrome: navigation, toolbars, share rows, login, font size, comments.
UI_WORDS = (
    "바로가기", "로그인", "로그아웃", "회원가입", "마이페이지", "전체메뉴", "메뉴", "검색", "공유", "스크랩",
    "인쇄", "프린트", "이메일", "메일보내기", "메일전송", "보내기", "댓글", "좋아요", "구독", "알림", "닫기", "더보기",
    "목록", "맨위로", "위로가기", "글자크기", "글씨크기", "글자 크기", "글씨 크기", "글자크게", "글자작게", "글씨크게",
    "글씨작게", "확대", "축소", "듣기",
    "읽어주기", "복사", "신고", "페이스북", "트위터", "카카오", "카카오톡", "카카오스토리", "밴드",
    "싸이월드", "네이버", "URL", "PDF", "클린뷰", "번역", "언어변경", "설정", "기사본문", "본문",
    "다운로드", "APP", "앱", "홈", "페이지", "공감", "추천", "답글", "보기", "기사제보", "제보하기", "추천해요",
    "원본보기", "RSS", "전체기사", "건너뛰기", "로고", "즐겨찾기", "시작페이지",
)
_UI_TOKEN = rx("|".join(re.escape(w) for w in sorted(UI_WORDS, key=len, reverse=True)))


def has_ui_word(text: str) -> bool:
    return bool(_UI_TOKEN.search(text))

# Furniture by pattern. Patterns that could also match a sentence of an article are held to
# short lines (`^(?=.{0,N}$)`) or to phrases only page chrome uses.
GENERIC_FURNITURE: tuple[tuple[re.Pattern, Reason], ...] = (
    # skip links, font-size and reading-time widgets, weather, image zoom hints
    (rx(r"^(?=.{0,40}$).*바로\s?가기"), "menu"),
    (rx(r"^(?=.{0,45}$)(?!.*다\.$).*(?:글자|글씨)\s?크기"), "toolbar"),
    # font-size buttons: `크게 작게`, `글자크게 글자작게`, `• 더 크게`, `가장작게`
    (rx(r"^(?:(?:글자|글씨|폰트|더|가장)\s?)?(?:크게|작게)(?:\s+(?:(?:글자|글씨|폰트|더|가장)\s?)?(?:크게|작게))*$"),
     "toolbar"),
    (rx(r"^.{0,20}\d+\s*분\s*(?:\d+\s*초\s*)?소요$|^(?=.{0,20}$).*읽는\s?시간"), "toolbar"),
    (rx(r"^(?=.{0,30}$).*-?\d+(?:\.\d)?\s*(?:°C|℃)"), "header"),
    (rx(r"^(?=.{0,45}$).*(?:크게\s?(?:보실|볼)\s?수\s?있(?:습니다|어요)?[.>)\]]*$|클릭하(?:시면|면)\s?(?:크게|확대))|"
        r"^이미지\s?확대$"),
     "caption"),
    (rx(r"^(?=.{0,20}$).*(?:공유\s?하기|공유합니다|공유되었|복사되었|복사가 완료)"), "share"),
    (rx(r"^(?=.{0,40}$).*(?:눌러|남겨|작성해|클릭해|구독해)\s?(?:주세요|보세요)\.?$"), "widget"),
    (rx(r"^(?:AD|ADVERTISEMENT|광고|Advertisement|PR)$"), "ad"),
    (rx(r"^※"), "widget"),
    # notices of machine summaries: only chrome tells readers to go and check the article body
    (rx(r"(?:기사\s?)?본문을\s?(?:함께\s?)?확인(?:해|하)|본문\s?보기를\s?권장"), "widget"),
    # imprint lines of site footers (`대표이사/발행인 : 홍길동`, `사업자등록번호 : …`)
    (rx(r"^(?:대표이사|발행인|편집인|편집국장|주소|사업자등록번호|등록번호|등록일|고충처리인|청소년보호책임자|"
        r"통신판매업신고|제호|대표\s?전화|대표\s?이메일|발행일자)(?:/\S+)?\s*[:：].{0,80}$"), "footer"),
)

_SIDEBAR_A = rx(r"관련|추천|인기|주요|많이\s?본|많이\s?읽은|최신|핫|베스트|실시간|화제|이\s?시각|뜨는|맞춤|헤드라인")
_SIDEBAR_B = rx(r"기사|뉴스|콘텐츠|컨텐츠|정보|이슈|포토|영상")


def is_sidebar_heading(text: str) -> bool:
    """`관련기사`, `많이 본 뉴스`, `[○○ 베스트 기사]`, `실시간 핫이슈`: a heading of a list of other articles."""
    text = core(text)
    return len(text) <= 18 and not is_sentence_end(text) and bool(_SIDEBAR_A.search(text)) \
        and bool(_SIDEBAR_B.search(text))


def is_symbolic(text: str) -> bool:
    """No letters at all (`|`, `-----`, `0`, `1. 1`): never content."""
    return not _LETTER.search(text)


def is_ui_line(text: str) -> bool:
    """Most of the words are site chrome (`쪽지신고하기 기사글확대 기사스크랩 프린트하기`)."""
    text = core(text)
    if len(text) > 70 or (is_sentence_end(text) and len(text) > 30):
        return False
    tokens = text.split()
    hits = sum(1 for t in tokens if _UI_TOKEN.search(t))
    return hits >= 1 and hits * 2 >= len(tokens)


_CRUMB = rx(r"\s[>›»|/]\s|[>›»]")
_HEADLINE_MARKS = rx(r"[\"'“”‘’,…·?!\[\](){}<>:;~%=]|\.\.")


def is_breadcrumb(text: str) -> bool:
    """`Home > 검색목록 > 기사상세보기`, `로그인 | 회원가입`: short parts between separators."""
    parts = [p.strip() for p in _CRUMB.split(text)]
    return len(parts) >= 2 and all(len(p) <= 12 for p in parts) and not is_sentence_end(text)


def is_navlike(text: str) -> bool:
    """Three or more short words with no punctuation (`전체기사 최신뉴스 GAM`, `이슈 이태원 참사`)."""
    tokens = core(text).split()
    return len(tokens) >= 3 and all(len(t) <= 5 or t.isascii() for t in tokens) and not _HEADLINE_MARKS.search(text) \
        and not _PREDICATE_END.search(tokens[-1])        # (`… 사시를 새롭게 선보입니다`: a clause, no menu)


_PREDICATE_END = rx(r"(?:^|[가-힣])(?:니다|한다|했다|된다|됐다|이다|있다|없다|는다)[.!?]?$")      # (`… 볼 수 있다`)


_BRACKETED = rx(r"^\s*(?:\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|〈[^〈〉]*〉|《[^《》]*》|\([^()]*\)|\{[^{}]*\})\s*$")


def is_bracket_label(text: str) -> bool:
    """A label in brackets alone on a line: `[포토에세이]`, `【 앵커멘트 】`, `<기자>`, `(에프앤가이드)`."""
    return len(text) <= 32 and bool(_BRACKETED.match(core(text)))


def is_doubled(text: str) -> bool:
    """The same text twice in a row (an image's alt text glued to its caption: `연합뉴스연합뉴스`)."""
    return undoubled(text) != text.strip()


def undoubled(text: str) -> str:
    """One copy of a text printed twice in a row (`강제일 기자강제일 기자` → `강제일 기자`), else the
    text stripped."""
    text = text.strip()
    n = len(text)
    if n < 6:
        return text
    for cut in (n // 2, (n + 1) // 2):
        a, b = text[:cut].strip(), text[cut:].strip()
        if a and a == b:
            return a
    return text


_DATE_TOKEN = rx(r"(?:19|20)?\d{2,4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]?\s*(?:\d{1,2}\s*일?)?|"
                 r"\d{1,2}\s*:\s*\d{2}(?::\d{2})?"
                 r"|\(\s*[월화수목금토일]\s*\)|\d{1,2}월\s*\d{1,2}일|[월화수목금토일]요일|\b(?:mon|tue|wed|thu|fri|sat|"
                 r"sun)\w*",
                 re.I)


def is_dateish(text: str) -> bool:
    """A date or clock with little else (`06.28 (금)`, `2025-06-04 02:19 기준`, `11월01일fri`)."""
    rest = _DATE_TOKEN.sub(" ", text)
    return rest != text and len(_LETTER.findall(rest)) <= 3


# ---------------------------------------------------------------- captions

_CAPTION_TAIL = rx(
    r"(?:[.!?)\]]|다|모습|현장|장면)\s*(?P<tail>"
    r"(?:(?:19|20)\d{2}[./]\d{1,2}[./]\d{1,2}\.?\s*)?"
    r"(?:/?\s*[^\s\d][^\s]{1,12}\s*)?(?:[ⓒ©]\s*\S+\s*)?(?:[가-힣]{2,4}\s?기자)?)$"
)
_PHOTO_CREDIT = rx(r"(?:사진|자료|그래픽|영상)\s*(?:제공|출처)?\s*[=:/]\s*[^\s=]{1,24}\s*[)\]]?$|"
                   r"사진\s?제공\s+\S{1,20}$"
                   r"|사진\s+\S{1,15}\s+제공$|재판매\s*및\s*DB\s*금지$"
                   r"|^(?:사진|자료|영상)\s*[=:]\s*[^=]{1,40}?(?:캡처|캡쳐|제공|촬영)$"      # `사진=… 홍보영상 캡처`
                   # `… /tvN 제공`
                   r"|/\s?[^\s/]{1,15}(?:\s[^\s/]{1,10})?\s?(?:제공|캡처|캡쳐|페이스북|인스타그램|SNS)$"
                   r"|^[^()]{2,30}\([^()]{1,15}\s?제공\)$"                               # `조수빈 아나운서(KBS 제공)`
                   # `데이터 출처: App Ape …`
                   r"|^(?:데이터|자료|그래픽|영상)\s?(?:출처|제공)\s*[:：=].{1,40}$")
# `… 있다. /홍길동 기자 hong@…`: a photographer's credit after a caption, or a reporter's sign-off
# glued after a paragraph (`… 말했다. /홍길동기자 hong@…`): told apart by the sentence before it.
_SLASH_CREDIT = rx(r"/\s?[가-힣]{2,4}\s?기자(?:\s+\S+@\S*)?$")
_REPORTED_SENTENCE = rx(r"(?<!있)다\.[\"'”’」』)]*$")     # `… 말했다.`, `… 없다.`; a caption is `… 있다.`
# A credit in brackets inside a short line: `오세훈 서울시장. 2025.12.31. (사진=서울시 제공) …`.
_INLINE_CREDIT = rx(r"[\[(]\s*(?:사진|자료사진|그래픽)\s*(?:제공|출처)?\s*[=:]")


_YEAR_FIRST = rx(r"(?:19|20)\d{2}[./]")
_AGENCY_END = rx(r"(?:뉴스|일보|신문|통신|DB|제공|뉴스1|포토)$")
_NAME_CREDIT = rx(r"^(?P<body>.*?[.!?\"'”’)])\s+(?P<sign>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s?(?:선임|수석|"
                  r"객원)?기자)$")


def credit_tail(text: str) -> str | None:
    """The credit closing a photo caption (`… 있다. 연합뉴스`, `… 현장. 권도현 기자`), or None."""
    match = _CAPTION_TAIL.search(text)
    if not match or not match["tail"].strip():
        return None
    tail = match["tail"].strip()
    if tail.endswith("기자") or _YEAR_FIRST.match(tail) or "ⓒ" in tail or "©" in tail:
        return tail
    last = tail.lstrip("/").strip()
    return tail if outlet_from_name(last) or _AGENCY_END.search(last) else None


def is_caption(text: str, extra: tuple[re.Pattern, ...] = ()) -> bool:
    """A photo caption: a credit (`[사진=…]`, `사진=서울시`, `… 있다. 연합뉴스`), a ▲ lead, an image
    alt text glued to its caption."""
    text = core(text)
    if any(p.search(text) for p in (*CAPTION_PATTERNS, *extra)) or _PHOTO_CREDIT.search(text):
        return True
    slash = _SLASH_CREDIT.search(text)
    if slash:
        return not _REPORTED_SENTENCE.search(text[: slash.start()].rstrip())
    if is_doubled(text) and len(text) >= 8:
        return True
    if _INLINE_CREDIT.search(text) and len(text) <= 150 and sentence_count(text) <= 2:
        return True
    tail = credit_tail(text)
    return tail is not None and len(text) - len(tail) >= 12


# A photo's credit in brackets closing a line: `… 설명했다. (사진=공동취재단)`.
_REPORTING_END = rx(r"(?:말했|밝혔|설명했|전했|강조했|덧붙였)다\.[\"'”’)]*$")      # `… 라고 밝혔다.`
_BRACKET_CREDIT_END = rx(r"\s*[\[(]\s*(?:사진|자료사진)\s*[=:][^\[\]()]{1,24}[\])]\s*$")


def is_credited_paragraph(text: str) -> bool:
    """A paragraph of reported prose with a photo's credit glued to its end (`… 입장이었다"고
    설명했다. (사진=공동취재단)`): the article's text, not a caption (a caption shows: `… 있다.`)."""
    credit = _BRACKET_CREDIT_END.search(text)
    if credit is None:
        return False
    prose = text[: credit.start()].rstrip()
    if len(prose) < 60:
        return False
    return bool(_REPORTING_END.search(prose)) or (  # (any closed sentence but a photo's `… 하고 있다.`)
        bool(_CLOSED_END.search(prose)) and not prose.endswith("있다."))


_CLOSED_END = rx(r"(?:다|요)\.[\"'”’)]*$")


def name_credit(text: str) -> tuple[str, str] | None:
    """(sentence part, `홍길동 기자`) when a prose line ends with a bare reporter credit."""
    match = _NAME_CREDIT.match(text.strip())
    return (match["body"], match["sign"]) if match else None


# ---------------------------------------------------------------- dates

PUB_LABEL = (r"(?:기사\s?)?(?:입력|등록|작성|게재|발행|송고|승인|게시|출고|공개)(?:\s?(?:일시|일자|날짜|시간|시각|"
             r"일))?|글쓴날"
             r"|(?:방송|방영)\s?(?:일시|일자|날짜|일)"
             r"|\b(?:[Dd]ate|DATE|[Pp]osted|[Pp]ublished)\b")
UPD_LABEL = (r"(?:최종\s?|기사\s?)?(?:수정|업데이트|갱신)(?:\s?(?:일시|일자|날짜|시간|시각|일))?"
             r"|최종\s?편집(?:\s?(?:일시|일자|시간))?|\b(?:[Uu]pdated|UPDATED)\b")
_LABEL_BEFORE = rx(rf"(?:^|(?<=[^가-힣])|(?<=기자)|(?<=특파원)|(?<=일반)|(?<=최초)|(?<=보기))(?:(?P<pub>{PUB_LABEL})|"
                   rf"(?P<upd>{UPD_LABEL}))\s*[:：|]?\s*[\[(]?\s*$")
_LABEL_AFTER = rx(rf"\s*[\])]?\s*(?:(?P<pub>{PUB_LABEL})|(?P<upd>{UPD_LABEL}))(?![가-힣])")
_LABEL_ONLY = rx(rf"^\s*(?:(?P<pub>{PUB_LABEL})|(?P<upd>{UPD_LABEL}))\s*[:：|]?\s*$")
MAX_DATE_LINE = 100
_DATE_NEXT = rx(r"\s*[:：|]?\s*[\[(]?\s*(?:19|20)\d{2}")


class DateHit:
    """What a line says about the article's times."""

    def __init__(self) -> None:
        self.published: str | None = None
        self.updated: str | None = None
        self.spans: list[tuple[int, int]] = []      # where the dates and their labels stand
        self.byline: str | None = None               # text before the first label (`김아연 기자`)

    def __bool__(self) -> bool:
        return bool(self.published or self.updated)


# `2024.03.18 (21:05)`, `2024/03/18 [10:22]`: a time in brackets; `24.03.18 14:20`: a two-digit year.
_BRACKETED_TIME = rx(r"(\d)\s*[(\[]\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*[)\]]")
_SHORT_YEAR = rx(r"(?<![\d.\-])(\d{2})([.\-])(\d{1,2})\2(\d{1,2})\.?(?=\s+\d{1,2}:\d{2})")


def normalize_times(text: str) -> str:
    """Date forms `parsers.dates` does not read, rewritten to ones it does."""
    text = _SHORT_YEAR.sub(r"20\1.\3.\4", _BRACKETED_TIME.sub(r"\1 \2", text))
    if ", " in text and _ENGLISH_DATE.search(text):
        text = _ENGLISH_DATE.sub(lambda m: f"{m[3]}.{_MONTHS[m[1][:3]]:02d}.{int(m[2]):02d}", text)
    return text


# `January. 27, 2018 09:14` (Dong-A's English edition)
_MONTHS = {m: k for k, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                       "Dec"), 1)}
_ENGLISH_DATE = rx(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\.?"
                   r"\s+(\d{1,2}),\s*((?:19|20)\d{2})")


def labelled_dates(text: str) -> DateHit:
    """Dates with a label before (`입력 2024.01.11 15:00`, `등록 : …`, `기사입력 [ … ]`) or after
    (`2024.03.13 21:50 입력`) them. One line may hold both times."""
    hit = DateHit()
    text = normalize_times(text)
    if len(text) > MAX_DATE_LINE:
        return hit
    consumed = 0
    for match in dates.DATETIME_RE.finditer(text):
        value = dates.parse_kst(match.group(0))
        if value is None or match.start() < consumed:
            continue
        kind, start, end = None, match.start(), match.end()
        before = _LABEL_BEFORE.search(text, max(consumed, match.start() - 16), match.start())
        if before:
            kind, start = ("pub" if before["pub"] else "upd"), before.start()
        else:
            after = _LABEL_AFTER.match(text, match.end())
            if after and _DATE_NEXT.match(text, after.end()) and not _labelled_after(text, after.end()):
                # `2023.01.07 05:00 수정 : 2023.01.07 06:00`: the label is the next date's; an
                # unlabelled time before an update label is the publication
                kind = "pub" if after["upd"] else None
            elif after:
                kind, end = ("pub" if after["pub"] else "upd"), after.end()
        if kind is None:
            continue
        consumed = end
        if kind == "pub" and hit.published is None:
            hit.published = value
        elif kind == "upd" and hit.updated is None:
            hit.updated = value
        if not hit.spans:
            hit.byline = text[:start].strip()
        hit.spans.append((start, end))
    return hit


def _labelled_after(text: str, start: int) -> bool:
    """Whether the date starting at `start` is followed by a label of its own (`X 입력 Y 수정`:
    every label follows its date)."""
    match = dates.DATETIME_RE.search(text, start)
    return bool(match and _LABEL_AFTER.match(text, match.end()))


def label_only(text: str) -> str | None:
    """`입력`, `수정 :`, `업데이트` alone on a line (the time, if any, on the next line): 'pub'/'upd'."""
    match = _LABEL_ONLY.match(core(text))
    if not match:
        return None
    return "pub" if match["pub"] else "upd"


def leading_date(text: str) -> str | None:
    """The date a line starts with (the time under a label-only line)."""
    match = dates.DATETIME_RE.match(normalize_times(core(text)))
    return dates.parse_kst(match.group(0)) if match else None


def unlabelled_datetime(text: str) -> str | None:
    """A date with a time in a short non-prose line (`기자 2016. 8. 31. 14:00`, `… | 2010.01.01 08:03`)."""
    if len(text) > 80 or is_prose(text):
        return None
    text = normalize_times(text)
    for match in dates.DATETIME_RE.finditer(text):
        if match["H"] is not None:
            value = dates.parse_kst(match.group(0))
            if value and "T" in value:
                return value
    return None


# ---------------------------------------------------------------- bylines

_JOB = "|".join(sorted(people.TITLE_WORDS, key=len, reverse=True))
# Titles of outside contributors (op-eds, columns); not 대표/회장…, which name newsmakers in captions.
_CONTRIBUTOR_JOB = "교수|연구원|연구위원|변호사|회계사|박사|작가|평론가|칼럼니스트|컬럼니스트|논설위원|객원기자|소장"
# `명승환 인하大 교수`, `이병한 < 서울대 명예교수 >`: a contributor's name, affiliation and title.
_CONTRIBUTOR = rx(rf"^(?P<name>[가-힣]{{2,4}})\s+(?:\S{{1,12}}\s+){{0,2}}\S{{0,8}}(?:{_CONTRIBUTOR_JOB})$")
_BRACKETS = rx(r"[<>()\[\]〈〉]")
# `MBN뉴스 김태형입니다.`, `한국거래소에서 이데일리TV 이지혜입니다.`, `KBS 뉴스 이민지입니다.`
_BROADCAST = rx(r"^(?:지금까지\s)?(?:[^.!?]{0,30}?에서\s)?(?P<org>(?:\S+\s){0,2}?\S*(?:[A-Za-z]{2,}|뉴스|방송|TV|"
                r"시청자\s?기자)\S*)\s"
                r"(?P<name>[가-힣]{2,4})\s?(?:입니다|이었습니다)\.?$")     # (`B tv 뉴스 김석진 입니다.`)
# (only right after a station's name: `…ㅂ니다` closes most polite sentences, `전해드립니다`, `시작합니다`)
_BROADCAST_CONTRACTED = rx(r"^(?:[A-Za-z]{2,5}|[가-힣]{1,6})\s?뉴스\s(?P<stem>[가-힣]{3})니다\.?$")
_TRAILING_EMAIL = rx(r"\s*[\[(]\s*(?:[가-힣]{2,4}\s*/\s*)?[\w.+-]+@[\w.-]+\s*[\])]$")
_BYLINE_LABEL = rx(r"^(?:기자명|글|작성자|By|by)\s*[:：]?\s*")
_BYLINE_LINKS = rx(r"\s+(?:이\s?기자의\s?)?(?:다른\s?(?:뉴스|기사)\s?보기|기사\s?더\s?보기|구독(?:하기)?|\+\s?구독)$")
_AND_OTHERS = rx(r"(?:기자|특파원)\s*외\s*\d+\s*(?:명|인)$")
_NAMES_WITH_JOB = rx(rf"(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*)\s?(?:{_JOB})")
_NAME = rx(r"^[가-힣]{3}$")
_NOT_A_PERSON = rx(r"(?:일보|신문|뉴스|방송|경제|닷컴|통신|매일|기자|포토|속보|종합|사회|정치|국제|문화|오피니언)$")
_PUBLISHER_END = rx(r"(?:일보|신문|뉴스|방송|통신|저널|타임즈|타임스|미디어|TV)$")
# Job-title words people.author_names may keep as names (`강재훈 선임기자` → `선임`).
_NOT_NAMES = people.JOB_PREFIXES | {"시민", "명예", "편집", "논설", "대기"}


def broadcast_signoff(raw: str) -> people.Byline | None:
    text = _TRAILING_EMAIL.sub("", core(raw))
    match = _BROADCAST.match(text)
    if not match or len(text) > 40 or not people.is_person_name(match["name"]):
        return None
    return people.Byline(authors=[match["name"]], emails=people.EMAIL_RE.findall(raw))


def contracted_signoff(text: str) -> str | None:
    """The reporter a spoken sign-off with a contracted `입니다` names (`MBC뉴스 박민줍니다.`: 박민주),
    for a script's end only: elsewhere `…ㅂ니다` closes any polite sentence."""
    contracted = _BROADCAST_CONTRACTED.match(core(text)) if text.endswith(("니다", "니다.")) else None
    if contracted is None or contracted["stem"][0] not in COMMON_SURNAMES:
        return None
    name = _without_final_b(contracted["stem"])
    return name if name and people.is_person_name(name) else None


def _without_final_b(stem: str) -> str | None:
    """`박민줍` → `박민주`: the name a spoken `…ㅂ니다` closes, when its last syllable carries that ㅂ."""
    offset = ord(stem[-1]) - 0xAC00
    return stem[:-1] + chr(ord(stem[-1]) - 17) if 0 <= offset < 11172 and offset % 28 == 17 else None


def contributor(text: str) -> people.Byline | None:
    text = collapse(_BRACKETS.sub(" ", core(text)))
    match = _CONTRIBUTOR.match(text) if len(text) <= 30 and not is_sentence_end(text) else None
    return people.Byline(authors=[match["name"]]) if match else None


def clean_byline(byline: people.Byline) -> people.Byline:
    """Drop job-title words taken for names; leading tokens that start with no common surname,
    before one that does, are the dateline (`경주 이종원 선임기자`, `순천, 광양 구현모 기자`)."""
    names = [a for a in byline.authors if a not in _NOT_NAMES and not outlet_from_name(a)]
    places = []
    while len(names) >= 2 and names[0][0] not in COMMON_SURNAMES and any(n[0] in COMMON_SURNAMES for n in names[1:]):
        places.append(names.pop(0))
    if places and byline.dateline is None:
        byline.dateline = ", ".join(places)
    byline.authors = names
    return byline


def signoff(text: str) -> people.Byline | None:
    """A whole-line byline or sign-off: `홍길동 기자 a@b.com`, `기자명 홍길동 기자 (a@b.com)`,
    `홍길동 기자 이 기자의 다른뉴스보기`, `[MBN 뉴스센터 / a@b.com]`, a broadcast sign-off."""
    text = undoubled(_BYLINE_LINKS.sub("", _BYLINE_LABEL.sub("", core(text))))   # a CMS prints `기자명` twice
    if _AND_OTHERS.search(text) and len(text) <= 30:
        # `박준석 기자 외 1명`: the names are incomplete here; the page's markup may list them all
        return people.Byline(emails=people.EMAIL_RE.findall(text))
    found = people.match_signoff(text) or broadcast_signoff(text)
    if found:
        return found
    emails = people.EMAIL_RE.findall(text)
    if emails and len(text) <= 60 and not is_prose(text):
        match = _NAMES_WITH_JOB.search(text)
        return people.Byline(authors=people.author_names(match["people"]) if match else [], emails=emails)
    return None


def bare_name(text: str) -> str | None:
    """`• 황순호`: a person's name alone (next to the article's time; three syllables, as most are)."""
    text = core(text)
    if _NAME.match(text) and text[0] in COMMON_SURNAMES and not outlet_from_name(text) \
            and not _UI_TOKEN.search(text) and not _NOT_A_PERSON.search(text):
        return text
    return None


def source_label(text: str) -> str | None:
    """A publisher's name alone on a line (`중앙일보`, `• 동아일보`, `뉴시스`): its outlet id."""
    return outlet_from_name(core(text))


def looks_like_source(text: str) -> bool:
    text = core(text)
    return bool(source_label(text)) or (
        len(text) <= 12 and len(text.split()) <= 2 and bool(_PUBLISHER_END.search(text))
    )


# ---------------------------------------------------------------- headlines

_TITLE_PROSE = rx(r"(?:다|요|죠)[.]$")
_URL = rx(r"https?://|www\.")
_JOB_END = rx(rf"(?:{_JOB})$")


_DIGIT = rx(r"\d")


def is_title_like(text: str) -> bool:
    """Could be a headline or a deck line: a short line with Korean words that is no sentence of
    prose, no chrome, no date, no caption and no label in brackets."""
    text = core(text)
    n = len(text)
    if n < 5 or n > 150 or hangul_count(text) < 4:
        return False
    if len(text.split()) == 1 and n < 8:
        return False
    if (_TITLE_PROSE.search(text) and n >= 25) or (is_prose(text) and sentence_count(text) >= 2):
        return False
    if people.EMAIL_RE.search(text) or _URL.search(text):
        return False
    digits = _DIGIT.search(text) is not None  # (a date needs one: skip the date checks without)
    return not (
        _JOB_END.search(text)
        or is_symbolic(text)
        or is_ui_line(text)
        or is_breadcrumb(text)
        or is_bracket_label(text)
        or is_dateish(text)
        or is_sidebar_heading(text)
        or looks_like_source(text)
        or (digits and labelled_dates(text))
        or label_only(text)
        or is_caption(text)
        or (digits and unlabelled_datetime(text))
    )


_ELLIPSIS_END = rx(r"(?:\.{2,}|…)$")
_PARENTHESISED = rx(r"^[(\[].*[)\]]\.?$")


def is_short_sentence(text: str) -> bool:
    """A sentence too short for `is_prose` that still ends like one (`오 시장도 참석한다.`)."""
    text = core(text)
    return len(text) >= 10 and bool(_TERMINAL.search(text)) and not _QUESTION.search(text[-2:]) \
        and has_hangul(text) and not is_bracket_label(text) and not _ELLIPSIS_END.search(text) \
        and not _PARENTHESISED.match(text)


# `1999년 6월 8일자`: the print edition's date stamp under an archived article.
_EDITION = rx(r"(?:19|20)\d{2}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일\s*자")


def edition_date(text: str) -> str | None:
    match = _EDITION.search(text) if len(text) <= 60 else None
    return dates.parse_kst(match.group(0).rstrip("자").strip()) if match else None


# `종합 02면`, `지면A29`, `5면`, `2024-06-28 1면`: the print page an article ran on.
_PRINT_PAGE = rx(r"^(?:\S{1,12}\s?)?(?:지면\s?)?[A-Z]?\d{1,2}\s?면$")


def is_print_page(text: str) -> bool:
    return bool(_PRINT_PAGE.match(core(text)))


def is_section_label(text: str) -> bool:
    """A short section name (`컴퓨팅 반도체`, `국회/정당`): no punctuation of a headline."""
    text = core(text)
    return len(text) <= 10 and not _HEADLINE_MARKS.search(text)
