"""Headers: dates a template did not find (split labels, dated bylines, a bare time under the
article), a chrome line or paragraph taken for the title, a headline set aside above the dates."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from .. import dates, people
from .. import linekinds as lk
from ..outlets import outlet_from_name
from ..people import Byline
from ..text import ends_with_full_stop, ends_with_stop, hangul_count, looks_like_prose
from .shared import (
    _NOT_THE_ARTICLE,
    _WIDGET_HINT,
    _YEAR_ANY,
    PROGRAMME_LINE,
    WIDGET_LINE,
    _has_no_body,
    _near_body,
    first_body_line,
    rx,
)
from .tails import _is_closed_sentence, _to_body, without_tails

# Chrome words a crawl glued after a headline: `… 과제 본문듣기`, `… 공유하기 글자크기`.
_CHROME_TAIL_WORDS = {"본문듣기", "듣기", "기사듣기", "공유하기", "공유", "스크랩", "글자크기", "크기", "인쇄",
                      "프린트", "댓글"}


TITLE_CHROME_TAIL = rx(r"(?:\s+(?:본문\s?듣기|기사\s?듣기|공유하기|공유|스크랩|글자\s?크기|인쇄|프린트|댓글))+\s*$")


_VIEWS_LABEL = rx(r"^(?:조회수?|조회\s?수|views?|Views?|hit|Hit)\s*[:：]?$")


_COUNT = rx(r"^[\d,]{1,9}$")


_LABEL_MAX = 16
_LABEL_HINT = rx(r"입력|등록|작성|게재|발행|송고|승인|게시|출고|수정|업데이트|갱신|편집|조회|글쓴날|[Dd]ate|DATE|"
                 r"[Pp]ost|[Pp]ublish|"
                 r"[Vv]iew|[Hh]it")


def split_labels(doc) -> None:
    """A label alone on its line with its value on the next, whatever took them for text: a date
    label (`기사입력` / `2025-05-14 오후 8:57`, `최종수정` / …) and a view counter (`조회수` / `4`)."""
    for i, line in enumerate(doc.lines):
        if not line.content or len(line.content) > _LABEL_MAX or line.role in ("published", "updated", "title") \
                or not _LABEL_HINT.search(line.content):
            continue                      # a label alone is a word or two, one of these
        j = next((k for k in range(i + 1, min(i + 3, len(doc))) if doc.lines[k].content), None)
        if j is None:
            continue
        kind = lk.label_only(line.content)
        if kind:
            value = lk.leading_date(doc.lines[j].content)
            if value is None or len(doc.lines[j].content) > 40:
                continue
            role = "published" if kind == "pub" else "updated"
            if getattr(doc, role) is None and not doc.title_hint:
                setattr(doc, role, value)      # (an HTML page's markup states the time to the second)
            doc.label(i, "furniture", "date")
            doc.label(j, "furniture", "date")
        elif _VIEWS_LABEL.match(line.content) and _COUNT.match(doc.lines[j].content):
            doc.label(i, "furniture", "widget")
            doc.label(j, "furniture", "widget")


# A date alone under the article's end: `2016.01.25` (with a print page, `1998-09-03 2면`, it labels the
# print archive's page, not the article's publication).
_BARE_DATE = rx(r"^((?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2})\.?$")


# The day, then the writer's bare name (and the outlet): `2019.10.02 김진철  |  CIO KR`, `2015-03-12     박지민`.
_DATED_NAME = rx(
    r"^((?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2})\.?\s+([가-힣]{2,4})(?:\s+[가-힣][^|]{1,50})?(?:\s*[|ㅣ]\s*[^|]{1,20})?$"
)
_CREDITED_TIME = rx(r"^[ⓒ©]\s*([가-힣]{2,4})\s*\|")
_DATED_SOURCE = rx(r"^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?\s+\S{1,10}(?:일보|신문|뉴스|방송|투데이|저널|타임스|"
                   r"타임즈)$")
# (searched as `\n` + the line: a literal start is far faster than `(?m)^`; the page's first line is
# searched with a `\n` put before it)
_SEPARATOR_LINE = rx(r"\n[ \t]*[|ㅣ·\-/][ \t]*(?=\n|\Z)")
_DATED_NAME_HINT = rx(r"\n\s*(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?\s+[가-힣]{2,4}(?:\s+[가-힣][^|\n]{1,50})?"
                      r"(?:\s*[|ㅣ][^|\n]{1,20})?[ \t]*(?=\n|\Z)")


def _any_line(pattern, text: str) -> bool:
    """Whether a line of `text` matches `pattern` (which starts with `\n`)."""
    return pattern.search(text) is not None or pattern.match("\n" + text[:300]) is not None


def _dated_name(doc, first_body: int) -> None:
    """A header line holding only the day and the writer's name: the page's date and its author."""
    if not _any_line(_DATED_NAME_HINT, doc.text):
        return
    for i in range(min(first_body, 40)):
        line = doc.lines[i]
        match = _DATED_NAME.match(line.content) if line.content[:2] in ("19", "20") else None
        if match and _DATED_SOURCE.match(line.content):            # `2022-06-17 도시일보`: the day and the paper
            doc.published = doc.published or dates.parse_kst(match.group(1))
            if i == doc.title:                                   # the headline stands right above it
                above = next((k for k in range(i - 1, max(-1, i - 4), -1) if doc.lines[k].content), None)
                ok = above is not None and doc.lines[above].role in ("furniture", "subtitle") \
                    and lk.is_title_like(doc.lines[above].content) and not _is_chrome(doc.lines[above].content)
                doc.title = above if ok else None
                if ok:
                    doc.label(above, "title")
            doc.label(i, "furniture", "date")
            return
        if match and people.is_person_name(match.group(2)):
            if doc.published is None:
                doc.published = dates.parse_kst(match.group(1))
            if not doc.has_authors():
                doc.signoffs.append(Byline(authors=[match.group(2)]))
            doc.label(i, "byline", "byline")
            return


# The date line of a CMS's article header with the writer after the time (`[345호] 2019년 07월 31일 (수)
# 11:57:24 김기현 goscon@goscon.co.kr`): issue stamp, day, weekday, time, then a byline.
_TIME_THEN_WRITER = rx(r"^(?:\[[^\[\]]{1,12}\]\s*)?((?:19|"
                       r"20)\d{2}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D{0,2}\s*(?:\([월화수목금토일]\))?"
                       r"\s*\d{1,2}:\d{2}(?::\d{2})?)\s+(\S.{1,60})$")


_DATE_LINE_START = frozenset("[12")


def _writer_after_time(doc, first_body: int) -> None:
    """A header date line that ends with the writer: the page's author (and its date when none);
    or that opens with the writer's name before its label (`윤형호 / 기사승인 : 2015-04-14 07:29:48`)."""
    for i in range(min(first_body, 40)):
        line = doc.lines[i]
        named = _WRITER_THEN_LABEL.match(line.content) if line.role == "published" else None
        if named and people.is_person_name(named["name"]):
            doc.signoffs.append(Byline(authors=[named["name"]]))
            return
        match = _TIME_THEN_WRITER.match(line.content) if line.content[:1] in _DATE_LINE_START \
            and line.role in ("published", "furniture") else None
        byline = people.match_signoff(match.group(2)) if match else None
        if match is None or byline is None or not byline.authors or not lk.unlabelled_datetime(match.group(1)):
            continue
        doc.signoffs.append(byline)
        doc.published = doc.published or lk.unlabelled_datetime(match.group(1))
        if line.role == "furniture":
            doc.label(i, "published", "date")
        return


_WRITER_THEN_LABEL = rx(r"^(?P<name>[가-힣]{2,4})\s*[/|ㅣ·]\s*(?:기사\s?)?(?:승인|입력|등록|작성)(?:일|"
                        r"일시)?\s*[:：]?\s*(?:19|20)\d{2}")


_SITE_EDIT = rx(r"최종\s?편집")


def _site_edit_stamp(doc) -> None:
    """`최종편집 : 2019.10.1 화 13:37` in the masthead above the headline is when the site last
    changed, not the article: it is no update time."""
    for i in range(doc.title):
        line = doc.lines[i]
        if line.role in ("updated", "published") and _SITE_EDIT.search(line.content):
            hit = lk.labelled_dates(line.content)
            if hit.updated == doc.updated and not hit.published:
                doc.updated = None
                doc.label(i, "furniture", "header")
            return


# A weekly's or a paper's issue line over the article: the day (and weekday), then the issue number or
# the paper and its address (`2018년 12월 10일(월) 제587호`, `2020년 11월 10일 (화) 서울매일 shilbo@naver.com`).
_ISSUE_LINE = rx(r"^((?:19|20)\d{2}년\s?\d{1,2}월\s?\d{1,2}일)\s?(?:\([월화수목금토일]\))?"
                 r"\s+(?:제\s?\d{1,5}\s?호|(?P<paper>[가-힣A-Za-z]{2,12})(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?)$")


def _issue_date(doc, first_body: int) -> bool:
    """An issue line above the body dates the page (the day only)."""
    for i in range(min(first_body, 40)):
        line = doc.lines[i]
        match = _ISSUE_LINE.match(line.content) if line.content[:2] in ("19", "20") and line.role != "body" else None
        if match and (not match["paper"] or outlet_from_name(match["paper"]) or _PAPER_NAME.search(match["paper"])):
            doc.published = dates.parse_kst(match.group(1))
            doc.label(i, "furniture", "date")
            return True
    return False


_ISSUE_HINT = rx(r"\n(?:19|20)\d{2}년\s?\d{1,2}월\s?\d{1,2}일\s?(?:\([월화수목금토일]\))?\s+\S")
_PAPER_NAME = rx(r"(?:신문|일보|매일|뉴스|저널|타임스|타임즈|시사IN|주간)$")


def _dates_only(hit, text: str) -> bool:
    """The line holds its labelled times and nothing else (no byline, little other text)."""
    return bool(hit and not hit.byline and sum(b - a for a, b in hit.spans) >= 0.8 * len(text))


def _only_updated(hit, text: str) -> bool:
    """The line is an update time and its label, nothing else."""
    return bool(hit and hit.updated) and _dates_only(hit, text)


def _updated_in_body(doc) -> None:
    """The update time a template let into the body's first lines (`입력` found, `수정 2015.12.04
    17:41` on its own line below it)."""
    for i in islice((i for i, line in enumerate(doc.lines) if line.role == "body"), 2):
        if len(doc.lines[i].content) > 60:
            continue
        text = lk.core(doc.lines[i].content)
        if len(text) <= 50 and text[:2] in ("수정", "최종", "업데", "Up", "UP", "변경") and _YEAR_ANY.search(text):
            hit = lk.labelled_dates(text)
            if _only_updated(hit, text) and hit.updated >= doc.published:
                doc.updated = hit.updated
                doc.label(i, "furniture", "date")
                return


def label_dates(doc) -> None:
    """A page whose parser found no publication time: the first date line near the body that a
    date label names (`2021/06/11 11:25 송고`, `일반입력 :2011/04/05 15:23`), else a byline line that
    carries a date (`머니투데이 여한구 기자 2008.07.02 18:43`, `2023-05-18 고광섭 기자`)."""
    start = first_body_line(doc, len(doc))     # (the passes below label header lines only)
    if doc.published is None:
        _dated_name(doc, start)
    if not doc.has_authors():
        _writer_after_time(doc, start)
    if doc.updated is not None and doc.title is not None and _SITE_EDIT.search(doc.text):
        _site_edit_stamp(doc)
    if doc.published is not None:
        if doc.updated is None:
            _updated_in_body(doc)
        return
    if (_ISSUE_HINT.search(doc.text) or doc.text.lstrip()[:2] in ("19", "20")) and _issue_date(doc, start):
        return
    for i in range(min(len(doc), 30)):    # a magazine's `BYESQUIRE2018.10.21`: the credit and the day, glued
        if doc.lines[i].role == "body":
            continue
        by = (
            _BY_DATE.match(doc.lines[i].content)
            if "BY" in doc.lines[i].content[:16]
            or "by" in doc.lines[i].content[:16]
            or "By" in doc.lines[i].content[:16]
            else None
        )
        if by:
            doc.published = dates.parse_kst(by.group(1))
            doc.label(i, "furniture", "date")
            return
    near = [i for i in _near_body(doc) if doc.lines[i].role != "body" and doc.lines[i].reason not in _NOT_THE_ARTICLE
            and len(doc.lines[i].content) <= 120 and _YEAR_ANY.search(doc.lines[i].content)]
    for k, i in enumerate(near):
        hit = lk.labelled_dates(doc.lines[i].content)
        if hit.published:
            doc.published, doc.updated = hit.published, doc.updated or hit.updated
            for j in near[k + 1: k + 3] if doc.updated is None else ():     # `Posted …` / `Updated …`
                doc.updated = lk.labelled_dates(doc.lines[j].content).updated
                if doc.updated:
                    break
            return
    for i, line in enumerate(doc.lines[:60] if _any_line(_SEPARATOR_LINE, doc.text) else ()):
        # `입력` / `|` / `2010-05-08 03:00:00`: a label, its date below
        if line.content[:2] in ("입력", "등록", "작성") and len(line.content) <= 6 and lk.label_only(line.content):
            gap = next((k for k in range(i + 1, min(i + 3, len(doc))) if doc.lines[k].content), None)
            if gap is None or doc.lines[gap].content not in ("|", "ㅣ", "·", "-", "/"):
                continue                   # (a label right above its date is the templates' and the markup's)
            below = next((k for k in range(gap + 1, min(gap + 3, len(doc))) if doc.lines[k].content), None)
            value = lk.unlabelled_datetime(doc.lines[below].content) if below is not None else None
            if value:
                doc.published = value
                doc.label(i, "furniture", "date")
                doc.label(below, "published", "date")
                return
    body = islice((i for i, line in enumerate(doc.lines) if line.role == "body"), 2)
    for i in body:                     # a date line a template let into the body (`작성 : 2019-07-08 19:10:14`)
        text = lk.core(doc.lines[i].content)
        body_hit = lk.labelled_dates(text) if len(text) <= 50 and _YEAR_ANY.search(text) else None
        if body_hit and body_hit.published and _dates_only(body_hit, text):
            doc.published, doc.updated = body_hit.published, doc.updated or body_hit.updated
            doc.label(i, "furniture", "date")
            return
        if body_hit and _only_updated(body_hit, text):
            doc.updated = doc.updated or body_hit.updated        # `수정 2015.12.04 17:41` alone
            doc.label(i, "furniture", "date")
    for i in near:
        text = doc.lines[i].content
        found = dates.DATETIME_RE.search(lk.normalize_times(text))
        if found and people.loose_signoff(text) is not None:
            doc.published = dates.parse_kst(found.group(0))
            return
    # a bare time of day just under the article's end or its sign-off (`강유신 기자 |` / `2005-09-11 오후
    # 3:53:00`, `ⓒ김도균 | 2004.03.22 12:02`)
    filled = [i for i, line in enumerate(doc.lines) if line.content]
    ends = [k for k, i in enumerate(filled) if doc.lines[i].role in ("body", "signoff")]
    for k in filled[ends[-1] + 1: ends[-1] + 3] if ends else ():
        line = doc.lines[k]
        if len(line.content) <= 40 and line.reason not in _NOT_THE_ARTICLE and ":" in line.content:
            value = lk.unlabelled_datetime(line.content)
            if value:
                doc.published = value
                line.role, line.reason = "furniture", "date"
                credit = _CREDITED_TIME.match(line.content)         # `ⓒ김도균 | 2004.03.22 12:02`
                if credit and people.is_person_name(credit.group(1)):
                    doc.signoffs.append(Byline(authors=[credit.group(1)], photo_credit=True))
                return
        bare = _BARE_DATE.match(line.content) if line.reason not in _NOT_THE_ARTICLE else None
        if bare:                       # `2016.01.25` under the sign-off: the day
            doc.published = dates.parse_kst(bare.group(1))
            line.role, line.reason = "furniture", "date"
            return
    # a portal's source line under the headline: the publisher's or the reporter's name, then the
    # time (`조선일보 2026. 1. 17. 00:54`, `박종진 2023. 5. 3. 17:03`), or the time alone
    if doc.title is not None:         # (the header's lines under the headline, before the article starts)
        first = first_body_line(doc, len(doc))
        near = [i for i in range(doc.title + 1, min(doc.title + 9, first, len(doc))) if doc.lines[i].content][:4] \
            or [i for i in range(doc.title + 1, min(doc.title + 5, len(doc))) if doc.lines[i].content][:2]
    else:                              # no headline: the lines just above the article's first paragraph
        first = first_body_line(doc)
        near = [i for i in range(first - 1, -1, -1) if doc.lines[i].content][:3] if first is not None else []
    for i in near:
        if len(doc.lines[i].content) > 48:
            continue                       # (normalising times shortens a line by a few letters at most)
        text = lk.normalize_times(doc.lines[i].content)
        found = dates.DATETIME_RE.search(text) if len(text) <= 40 else None
        if not found or doc.lines[i].role == "body":
            continue
        who, rest = text[: found.start()].strip(" -•"), text[found.end():].strip()
        if rest in _POSTER_WORDS:
            rest = ""                      # `2006-05-12     관리자`: a board's poster, no reporter
        if ":" not in found.group(0) and not _DATE_TAIL.fullmatch(rest) and not lk.bare_name(rest):
            continue                       # a date alone needs a plain line (`2016.01.25`, `2025-08-17,`)
        if not who or outlet_from_name(who) or lk.bare_name(who) or people.author_names(who) == [who] \
                or who in ("데스크", "편집국", "편집부", "뉴스팀", "온라인팀") or _OUTLET_DESK.fullmatch(who) \
                and outlet_from_name(who.split()[0]):                    # `KBS 지역국`
            doc.published = dates.parse_kst(found.group(0))
            doc.label(i, "furniture", "date")
            return


_BY_DATE = rx(r"^(?:[A-Z]{2,12}\s)?(?:BY|By|by)\s?[A-Za-z가-힣 .]{0,24}?\s?((?:19|"
              r"20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2})\.?$")
_POSTER_WORDS = ("관리자", "운영자", "admin", "Admin", "편집부", "편집국", "편집자")
_DATE_TAIL = rx(r"[,.]?\s*(?:(?:방영|송고|입력|등록)\s*)?(?:조회수?\s*[\d,]+)?")
_OUTLET_DESK = rx(r"\S{2,10}\s(?:지역국|보도국|보도부|취재팀|뉴스팀|편집국|편집부|총국|방송총국)")


# A reporter's card line (`고민주 기자 (도남초등학교 / 5학년)`): never the headline.
_REPORTER_CARD = rx(r"^[가-힣]{2,4}\s?(?:어린이|학생|시민|객원|명예|인턴)?\s?기자(?:\s|$)")
# A section's name and a breadcrumb arrow glued before the headline.
_SECTION_CRUMB = rx(r"^[가-힣A-Za-z·&]{2,10}(?:\s[가-힣A-Za-z·&]{1,10})?\s?[>›»]\s?(?=\S)")


OUTLET_BEFORE_CORNER = rx(r"^(?P<name>[가-힣A-Za-z0-9]{2,12})\s+(?=\[)")


# A clause that goes on (`… 폭염경보가 내려진 가운데`) and a line that ends a sentence (`… 잇따랐습니다.`).
_CLAUSE_GOES_ON = rx(r"(?:가운데|는데|면서|지만|으며|하며|이며|하고|했고|됐고|하여|해서|인해|따라|에게|에서는)$")
_SENTENCE_ENDS = rx(r"(?:다|요|죠|까)[.?!][\"'”’)]*\s*(?://)?$")
_CLOSED_PREDICATE = rx(r"(?:있|없|한|했|된|됐|이|는|니|겠|였|왔)다$")


def _wrapped_at(doc, width: int) -> int:
    """How many of the page's first lines stop mid-sentence at about `width` characters with the
    sentence going on in the line right under them: a text hard-wrapped at that width."""
    count = 0
    lines = doc.lines[:80]
    for k, line in enumerate(lines[:-1]):
        core = line.content
        if 0.85 * width <= len(core) <= 1.15 * width and not ends_with_stop(core) and lines[k + 1].content \
                and not lk.is_title_like(lines[k + 1].content):
            count += 1
    return count


def opens_wrapped_sentence(doc, i: int) -> bool:
    """Line `i` opens a sentence that the line right under it ends (a script wrapped at a short
    width), or a paragraph hard-wrapped at a fixed width (lines of about its length right under
    it, one of the next few closing a sentence): not a headline."""
    if i + 1 >= len(doc):
        return False
    text = lk.core(doc.lines[i].content)
    below = lk.core(doc.lines[i + 1].content)
    if not below:
        return False
    if _CLAUSE_GOES_ON.search(text):
        return len(below) <= 60 and bool(_SENTENCE_ENDS.search(below))
    if len(text) < 24 or ends_with_stop(text) or any(c in text for c in "…\"“”'‘’?!") or _CLOSED_PREDICATE.search(text):
        return False                             # (`… 골라볼 수 있다`: a headline, its full stop dropped)
    if len(below) < len(text) and _SENTENCE_ENDS.search(below) and _wrapped_at(doc, len(text)) >= 2:
        return True                              # the paragraph's short last line, on a page wrapped at this width
    if abs(len(text) - len(below)) > 0.2 * max(len(text), len(below)):
        return False
    width = 1.2 * max(len(text), len(below))
    for line in doc.lines[i + 1: i + 5]:           # lines of the same width, one closing a sentence
        core = lk.core(line.content)
        if not core or len(core) > width:
            return False
        if _SENTENCE_ENDS.search(core):
            return line is not doc.lines[i + 1] or len(core) >= 0.6 * len(text)
    return False


def chrome_title(doc) -> None:
    """A 'title' that is site chrome (`콘텐츠바로가기`, `닫기 공유하기`, `Dim영역`), a byline, a
    number or a magazine's issue stamp is not the headline: it goes back to furniture and the
    next headline-like line above the body, if any, is the title. Chrome glued after a real
    headline is cut from it."""
    if doc.title is None:
        return
    line = doc.lines[doc.title]
    text = line.content
    tail = TITLE_CHROME_TAIL.search(text) if text.rsplit(None, 1)[-1] in _CHROME_TAIL_WORDS else None
    if tail and tail.start() > 0:
        line.text = line.text[: len(line.text) - len(line.text.lstrip())] + text[: tail.start()]
        line.content = text = line.text.strip()
    crumb = _SECTION_CRUMB.match(text)
    if crumb and lk.is_title_like(text[crumb.end():]):
        line.text = line.content = text = text[crumb.end():]              # `편집자 컬럼 > 창간 20주년을 맞으며…`
    if text[:1] in ("•", "·", "-") and len(text) > 2 and text[1] == " ":
        line.text = line.content = text = text[2:].strip()               # a list bullet before the headline
    elif text[:1] in ("-", "―", "–") and len(text) > 2 and not ends_with_stop(text):   # (`―…언제였나.`: a question)
        doc.label(doc.title, "subtitle")                                  # `-대마면민 모두가 …`: a deck line
        doc.title = None
        return
    outlet_prefix = OUTLET_BEFORE_CORNER.match(text)
    if outlet_prefix and (outlet_from_name(outlet_prefix["name"]) or outlet_prefix["name"] in _SECTION_NAMES):
        # `연합뉴스TV [1번지 현장] …`, `사회 [SOFA개정] …`
        line.text = line.content = text = text[outlet_prefix.end():]
    byline = people.match_signoff(text)
    if not (_is_chrome(text) or byline is not None or _crumb_near(doc, doc.title, text)):
        return
    if lk.is_bracket_label(lk.core(text)) and _dated_source_below(doc, doc.title):
        # `[뉴스7 강원 클로징]` over `KBS 지역국 2024. 2. 8. 19:59`: a corner's headline
        return
    old, doc.title = doc.title, None
    if byline is not None and byline.authors:
        doc.signoffs.append(byline)
        doc.label(old, "byline", "byline")
    else:
        doc.label(old, "furniture", "menu")
    first_body = first_body_line(doc, len(doc))
    label = next((i for i in range(old + 1, first_body) if lk.label_only(doc.lines[i].content)
                  or doc.lines[i].role in ("published", "updated")), None)
    if label is not None:                # the headline stands right above the date label
        above = next((k for k in range(label - 1, old, -1) if doc.lines[k].content), None)
        if (
            above is not None
            and lk.is_title_like(doc.lines[above].content)
            and not _is_chrome(doc.lines[above].content)
        ):
            doc.lines[above].text = doc.lines[above].content = lk.core(doc.lines[above].content)
            doc.label(above, "title")
            doc.title = above
            return
    for i in range(old + 1, first_body):
        candidate = doc.lines[i]
        if candidate.role == "subtitle" and opens_wrapped_sentence(doc, i) and doc.lines[i + 1].role == "body":
            doc.label(i, "body")                 # the first line of the article's first sentence
            continue
        if candidate.role in ("subtitle", "furniture") and candidate.reason in (None, "header", "menu") \
                and lk.is_title_like(candidate.content) and not _is_chrome(candidate.content) \
                and not _REPORTER_CARD.match(candidate.content) and not opens_wrapped_sentence(doc, i):
            candidate.text = candidate.content = lk.core(candidate.content)     # without list bullets
            doc.label(i, "title")
            doc.title = i
            return
    _headline_in_body(doc, first_body)


def _headline_in_body(doc, first: int) -> None:
    """A template that took a section label (`Focus`) for the headline let the real one into the
    body: a headline-like first body line, closed by no stop, with the article's prose further on."""
    while first < len(doc) and doc.lines[first].role == "body" and (
            _HOME_CRUMB.match(doc.lines[first].content) or lk.is_breadcrumb(doc.lines[first].content)
            or (len(doc.lines[first].content) <= 40 and _is_chrome(doc.lines[first].content))):
        doc.label(first, "furniture", "menu")       # a breadcrumb or a skip link let into the body
        first = next((k for k in range(first + 1, len(doc)) if doc.lines[k].role == "body"), len(doc))
    if first >= len(doc):
        return
    line = doc.lines[first]
    text = line.kept if line.kept is not None else line.content
    if len(text) > 80 or ends_with_full_stop(text.rstrip(".…") if text.endswith(("..", "…")) else text) \
            or not lk.is_title_like(text) or _is_chrome(text) \
            or opens_wrapped_sentence(doc, first) or people.match_lead(text) is not None:
        return                                    # (a trailing ellipsis is no full stop: `… 신문이 되길...`)
    if not any(ln.role == "body" and lk.is_prose(ln.kept if ln.kept is not None else ln.content)
               for ln in doc.lines[first + 1:]):
        return
    doc.label(first, "title")
    doc.title = first


def _crumb_near(doc, i: int, text: str) -> bool:
    """The 'title' is the last step of a breadcrumb shown near it (`Home>월간중앙>특종.심층취재`)."""
    for line in doc.lines[max(0, i - 6): i + 6]:
        if ">" in line.content and line.content.replace(" ", "").endswith(">" + text.replace(" ", "")):
            return True
    return False


def _dated_source_below(doc, i: int) -> bool:
    """The line under line `i` (the page's first) is a portal's source line: a name, then the time."""
    if any(line.content for line in doc.lines[:i]):
        return False
    below = next((line.content for line in doc.lines[i + 1: i + 3] if line.content), "")
    if len(below) > 40:
        return False
    below = lk.normalize_times(below)
    found = dates.DATETIME_RE.search(below)
    return found is not None and ":" in found.group(0) and found.end() >= len(below) - 1


@lru_cache(maxsize=8192)
def _is_chrome(text: str) -> bool:
    """Site chrome, a caption or a label that is never a headline (cached: a site's chrome lines
    come again on every page of it)."""
    core = lk.core(text)
    if core[:1] in ("▲", "↑", "△"):
        return True                      # a photo caption's marker, never a headline
    if _COPYRIGHT_NOTICE.search(core):
        return True                      # `<저작권자 ⓒ JD뉴스코리아, 무단 전재 및 재배포 금지>`
    if core[:1] == "<" and core[-1:] == ">" and len(core) > 30 and core[-2:-1] in (".", "다"):
        return True                      # `<21일 오전 … 자태를 뽐낸다.>`: a photo's caption in brackets
    if _ISSUE_STAMP_LINE.search(core):
        return True                      # `2012 01/31ㅣ주간경향 960호`, `[447호 2015년 6월] …`, `Page 22 - 월간HRD …`
    if lk.is_bracket_label(core) or (lk.is_breadcrumb(core) and "|" in core):
        return True                      # `[Cover Story]`, `뉴스핌 | ANDA 뉴스 | 월간 ANDA | …`
    return (lk.is_symbolic(core) or bool(re.fullmatch(r"[\d\s.,/]+", core)) or bool(ISSUE_STAMP.match(core))
            or bool(re.fullmatch(r"[A-Za-z_ ]{2,40}", core)) or bool(_WIDGET_NAME.fullmatch(core))
            or bool(_CREDIT_ONLY.fullmatch(core)) or bool(_SITE_NAME.fullmatch(core)) or core in _SECTION_NAMES
            or set(re.split(r"[\s·>|/]+", core)) <= _SECTION_NAMES                    # `사설·칼럼 사설`
            or bool(_HOME_CRUMB.match(core)) or bool(PROGRAMME_LINE.match(core)) or _names_only(core)
            or bool(_DAY_STAMP.search(core)) or bool(_CHROME_PHRASE.search(core)) or len(_WEATHER.findall(core)) >= 2
            or (_WIDGET_HINT.search(core) is not None and WIDGET_LINE.search(core) is not None)
            or (len(core) <= 70 and lk.has_ui_word(core) and (lk.is_ui_line(core) or lk.is_navlike(core))))


# A date with its weekday (a 'today' widget: `석가탄신일2020.05.30(토)`), a list of names (`김우진, 김민곤,
# 강민주`): never a headline.
# A page's widgets taken for a headline: keyboard help, a link's details, a programme's anchors, the weather.
_CHROME_PHRASE = rx(r"단축키|세부\s?정보|(?:홈페이지|사이트)로\s?이동합니다|[|–-]\s*Read\s?[Mm]ore$|"
                    r"총\s?게시물\s?[\d,]+\s?건|^(?:사회|진행)?\s?앵커\s*[:：]|^(?:태그|TAG|Tag)\s"
                    r"|(?:방송|문화방송|뉴스|신문|일보)입니다\.?$"        # a station's slogan: `… 원주문화방송입니다`
                    r"|(?:을|를)\s?만나\s?보세요[.!]?$"                  # `다양한 채널에서 아시아경제를 만나보세요!`
                    # `독자와 함께|534호`: a magazine's section and issue
                    r"|\|\s*\d{1,5}\s?호$"
                    # a data card's line:
                    r"|^[가-힣 ]{2,8}\s*[:：]\s*[\d\-/.]{3,}$|^[가-힣]{2,6}\s?[:：]\s?\S{1,24}$")
                                                                         # `독자 번호:110120060`, `이름:최혜경(49)`
_WEATHER = rx(r"(?:기온|습도|풍속|미세먼지|강수량|체감온도)\s*\S{0,6}?\d")
_DAY_STAMP = rx(r"(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\.?\s*\([월화수목금토일]\)")


def _names_only(text: str) -> bool:
    parts = [p.strip() for p in re.split(r"[,·]", text)]
    return len(parts) >= 2 and all(re.fullmatch(r"[가-힣]{2,4}", p) and people.is_person_name(p) for p in parts)


# A site's address, a section's or programme's name, a breadcrumb from the home page (`donga.com`, `사회`,
# `뉴스데스크`, `HOME 신년특집호 …`).
_SITE_NAME = rx(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|kr|tv)")
_SECTION_NAMES = frozenset({"사회", "정치", "경제", "국제", "문화", "스포츠", "연예", "오피니언", "사설", "칼럼",
                            "전국", "지역",
                            "산업", "증권", "부동산", "IT", "과학", "생활", "라이프", "포토", "영상", "뉴스", "속보",
                            "종합",
                            "연재", "기획", "특집", "인터뷰", "피플", "인물",
                            # a broadcast's programme, above its items (`- 뉴스데스크` / `뉴스데스크`)
                            "뉴스데스크", "뉴스투데이", "뉴스9", "8뉴스", "뉴스룸", "뉴스광장", "아침뉴스", "저녁뉴스",
                            "최신뉴스",
                            "NEWS", "News"})
_HOME_CRUMB = rx(r"^(?:HOME|Home|홈)\s*(?:[>›»]\s*)?\S")
# A page element's name left as text (`Dim영역`, `팝업레이어`) and a photo credit alone (`기상청 제공`).
_WIDGET_NAME = rx(r"[A-Za-z]{2,12}\s?(?:영역|레이어|팝업|배너|버튼|메뉴)")


_CREDIT_ONLY = rx(r"(?:사진|자료|그래픽|영상)?\s*[=:]?\s*[가-힣A-Za-z0-9·]{1,15}(?:\s[가-힣A-Za-z0-9·]{1,15})?\s?제공"
                  # `데이터 출처: App Ape Laboratory`
                  r"|(?:데이터|자료|사진|그래픽|영상)\s?(?:출처|제공)\s*[:：=].{1,40}"
                  # `경향신문 DB`: an archive photo's credit
                  r"|[가-힣A-Za-z]{2,12}\s?(?:DB|자료사진|자료\s?사진|사진\s?DB)")


# A magazine's issue stamp standing where the headline should: `주간동아 685`, `1583호 (2021.05.03)`.
ISSUE_STAMP = rx(r"^(?:[가-힣A-Za-z]{2,10}\s*)?\d{2,6}\s*호?(?:\s*\(.*\))?$")


_KICKER_MAX = 10        # characters of a section or series label standing above the headline


# A magazine's headline in English (`The ‘Editors’ – ① Cho So Hyun`): three words or more, no sentence.
_LATIN_HEADLINE = rx(r"^(?=(?:.*[A-Za-z]){8})[A-Za-z0-9‘’'\"“”&:,!?①-⑩–—\- ]{12,90}$")


def kicker_title(doc) -> None:
    """A 'title' that is a short series or section label (`취재 뒷 얘기`, `오피니언 한 컷`) with a
    longer headline right under it: the headline is the title, the label is furniture."""
    if doc.title is None:
        return
    text = doc.lines[doc.title].content
    if len(text.replace(" ", "")) > _KICKER_MAX or any(c in text for c in "….?!\"“”'‘’"):
        return                             # a short headline has its own punctuation
    below = next((i for i in range(doc.title + 1, min(doc.title + 4, len(doc))) if doc.lines[i].content), None)
    if below is None or doc.lines[below].role not in ("subtitle", "furniture", "body"):
        return
    headline = doc.lines[below].content
    if (
        len(headline) < 2 * len(text)
        or len(headline) < 12
        or not (lk.is_title_like(headline) or _LATIN_HEADLINE.match(headline))
        or _is_chrome(headline)
        or headline[:1] in "-―–·•["
    ):
        return
    doc.label(doc.title, "furniture", "header")
    doc.label(below, "title")
    doc.title = below


def decks_without_headline(doc) -> None:
    """An article-only dump that opens with two or more headline-like lines right above the byline
    lead, and shows no date: they are the deck under a headline the dump left out (`8시 페어몬트호텔
    그랜드 볼룸서 창간 기념식` / `민병복 대표 환영사로 …` / `[서울=뉴스핌] 채송무 기자 = …`), not a title
    and its deck. A headline with its kicker (`[2010 ACE ASIA]…`) is a headline still."""
    if doc.title is None or doc.published is not None or doc.updated is not None:
        return
    filled = [i for i, line in enumerate(doc.lines) if line.content]
    if not filled or filled[0] != doc.title or doc.lines[doc.title].content[:1] in "[【<(" \
            or len(filled) < 2 or filled[1] != doc.title + 1:
        return                            # (a headline stands apart from its deck, a blank line between)
    block = [doc.title]
    for i in filled[1:]:
        line = doc.lines[i]
        if line.role == "subtitle" and not people.match_lead(line.content):
            block.append(i)
            continue
        lead = people.match_lead(line.kept if line.kept is not None and line.reason != "byline" else line.content)
        if len(block) >= 2 and (line.reason == "byline" or lead is not None):
            doc.label(doc.title, "subtitle")
            doc.title = None
        return


def doubled_headline(doc) -> None:
    """No title found, and the page opens with a line printed twice (a CMS shows the headline above
    and inside its article box): that line is the title, not the first paragraph."""
    if doc.title is not None or doc.title_text:
        return
    first = first_body_line(doc)
    if first is None or any(doc.lines[i].content for i in range(first)):
        return                             # (only the page's first line)
    below = next((k for k in range(first + 1, min(first + 3, len(doc))) if doc.lines[k].content), None)
    line = doc.lines[first]
    if below is None or doc.lines[below].reason != "duplicate_block" or doc.lines[below].content != line.content \
            or len(line.content) > 100 or ends_with_full_stop(line.content) or not lk.is_title_like(line.content):
        return                             # (a photo's description shown twice ends with its stop)
    doc.label(first, "title")
    doc.title = first


def corner_title(doc) -> None:
    """No title found, and the last header line above the article is a corner's or special's
    name in brackets, words enough to name the piece (`[창간78돌 특집/金대통령 인터뷰 이모저모]`,
    `[주간매일을 읽고]`, `<사진으로 보는 세상>`): on such pages that is the headline. Not a byline,
    a credit or a widget in brackets (`[CBS노컷뉴스 김소연 기자]`, `(자료=네이버금융)`)."""
    if doc.title is not None or doc.title_text:
        return
    first = first_body_line(doc)
    if first is None:
        return
    above = next((i for i in range(first - 1, max(-1, first - 9), -1) if doc.lines[i].content
                  and doc.lines[i].role not in ("published", "updated", "byline")), None)   # (over the date line)
    if above is None or doc.lines[above].role not in ("furniture", "subtitle") \
            or doc.lines[above].reason in _NOT_THE_ARTICLE or doc.lines[above].reason == "copyright":
        return
    text = lk.core(doc.lines[above].content)
    if _COPYRIGHT_NOTICE.search(text):
        return
    if text[:1] not in "[<〈《" or not lk.is_bracket_label(text) or hangul_count(text) < 5 or " " not in text \
            or _NOT_A_CORNER.search(text) or people.has_title_word(text):
        return
    doc.label(above, "title")
    doc.title = above


# A magazine's issue stamp beside a date, a section or a page number: never a headline.
_ISSUE_STAMP_LINE = rx(r"\d{2,4}\s?호.{0,24}(?:19|20)\d{2}|(?:19|20)\d{2}.{0,24}\d{2,4}\s?호|^Page\s\d{1,4}\s[-–]"
                       r"|^(?:19|20)\d{2}년\s?\d{1,2}월\s?호$")                   # `2022년 4월호`
_COPYRIGHT_NOTICE = rx(r"저작권자|무단\s?전재|재배포\s?금지|Copyright|COPYRIGHT")
_NOT_A_CORNER = rx(r"[=:：@]|출처|자료\s*(?:[=:/]|제공)|이미지|사진\s*(?:[=:/]|제공)|클릭|검색어|실시간|광고|기자")


def title_above_dates(doc) -> None:
    """No title found, but a headline-like line set aside somewhere (after the body, on AMP and
    print-view dumps) stands right above the article's date line: it is the title."""
    if doc.title is not None or doc.title_text:
        return
    dated = [i for i, line in enumerate(doc.lines) if line.role in ("published", "updated")]
    for i in dated[:1]:
        above = next((k for k in range(i - 1, -1, -1) if doc.lines[k].content), None)
        if above is None:
            return
        line = doc.lines[above]
        set_aside = line.role in ("furniture", "subtitle") and line.reason not in _NOT_THE_ARTICLE \
            and line.reason != "copyright"
        # (or the 'first paragraph' stands above the date line and the article goes on below it)
        first_of_body = line.role == "body" and above == first_body_line(doc) \
            and any(later.role == "body" for later in doc.lines[i + 1:])
        if (set_aside or first_of_body) and lk.is_title_like(line.content) and not _is_chrome(line.content):
            doc.label(above, "title")
            doc.title = above


def _prose_decks(doc) -> None:
    """'Deck' lines right above the body that are paragraphs (two sentences or more, a long
    line): the article's first paragraphs, which a toolbar glued above them kept from the body."""
    first = first_body_line(doc)
    if first is None:
        return
    k = first - 1
    short: list[int] = []                 # short sentences held until a paragraph above vouches for them
    converted = False
    while k >= 0 and (not doc.lines[k].content or doc.lines[k].role == "subtitle"):
        line = doc.lines[k]
        closed = ends_with_full_stop(line.content) and lk.sentence_count(line.content) >= 2
        run_on = line.content.endswith("다") and "다. " in line.content      # the last stop left out
        minimum = 60 if converted else 100  # (shorter above a paragraph already taken back)
        if line.content and (len(line.content) < minimum or not (closed or run_on)):
            if _SHORT_SPOKEN.search(line.content) and len(line.content) <= 60:
                short.append(k)           # `냅다 뛰어서 건너갈까??` between two paragraphs
                k -= 1
                continue
            return
        if line.content:
            for j in short:
                doc.label(j, "body")
            short = []
            doc.label(k, "body")
            converted = True
        k -= 1


# A short sentence of the article's own voice (a question, an exclamation, a spoken ending): body when a
# paragraph stands above it; alone, it may be a deck.
_SHORT_SPOKEN = rx(r"(?:까|나|냐|지|요|죠|다)\s?[?!]{1,3}[\"'”’]?$")


def prose_title(doc) -> None:
    """A 'title' that reads as a paragraph (a closed sentence of article length, or several
    sentences) is the first paragraph of an article-only dump or a photo page's description:
    body, with its byline lead taken; deck lines under it that read as prose are body too."""
    _prose_decks(doc)
    if doc.title is None:
        return
    if opens_wrapped_sentence(doc, doc.title) and doc.lines[doc.title + 1].role in ("body", "subtitle", "furniture"):
        i, doc.title = doc.title, None    # the first line of a hard-wrapped paragraph
        _to_body(doc, i)
        head, below = doc.lines[i], doc.lines[i + 1]
        rest = below.kept if below.kept is not None else below.content
        if below.role == "body" and rest and head.kept is None and "가" <= head.content[-1:] <= "힣":
            head.kept, below.kept = f"{head.content} {rest}", ""      # one paragraph again
        return
    if not _is_closed_sentence(doc.lines[doc.title].content):
        return
    below = next((k for k in range(doc.title + 1, len(doc)) if doc.lines[k].content), None)
    if below is not None and doc.lines[below].role in ("published", "updated") \
            and not ends_with_full_stop(doc.lines[doc.title].content):
        return                            # a headline with its verb left out (`… 분권시대 앞장을`) over its date
    i, doc.title = doc.title, None
    _to_body(doc, i, photo=_has_no_body(doc))
    for j in range(i + 1, len(doc)):
        line = doc.lines[j]
        if line.role == "subtitle" and (looks_like_prose(line.content) or (
                line.content[:20] == doc.lines[i].content[:20] and looks_like_prose(without_tails(line.content)))):
            _to_body(doc, j)              # (or another photo of the same series, its credit glued on)
        elif line.role not in ("blank", "subtitle"):
            break
