"""Furniture glued after a paragraph's last sentence, cut as spans: bylines, e-mails, wire-photo
credits, copyright notices, agency credits, chains of such furniture (`glued_tails`)."""
from __future__ import annotations

import re

from .. import dates, people
from .. import linekinds as lk
from ..people import Byline
from ..text import ends_with_full_stop
from .shared import (
    _CAPTION_CREDIT,
    _CAPTION_MARK,
    _CLOSERS,
    _JOB,
    _NAME,
    _NOT_NAMES,
    _SENTENCE_ENDING,
    _WRAPPED_OBJECT,
    _YEAR,
    BARE_NAME_CREDIT,
    GLUED_DATED_BYLINE,
    _closes_sentence,
    _names,
    rx,
)

# A byline closing a sentence: `/대전=이한영기자`, `신호철 기자`, `<김기용 기자>`, `〈金成奎기자〉`,
# `정재훈 기자 jprime@cctoday.co.kr`, `홍길동·김철수 기자`, then maybe `<<끝>>`.
TAIL_BYLINE = rx(
    r"(?P<cut>\s*(?:[/\[]\s*[가-힣A-Za-z0-9]{2,12}\s+(?=[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s?기자)|"
    r"[/〈<(\[‹《])?\s*(?:[가-힣]{2,8}(?:팀|"
    r"부)\s+)?(?:(?P<dateline>[가-힣]{1,10}(?:\s[A-Za-z가-힣]{1,8}){0,2})\s*[=〓]\s*)?"
    rf"(?:[가-힣]{{2,12}}(?:기자단|취재단)\s*[·,]\s*)?(?:[가-힣A-Za-z]{{2,6}}(?:닷컴|뉴스|일보|신문|경제|방송|"
    rf"TV)\s+)?(?P<people>(?:{_NAME}|[\u4e00-\u9fff]{{2,4}}|"
    rf"[가-힣](?: [가-힣]){{2}})(?:\s*[·,]\s*{_NAME})*)\s?{_JOB}\s*[〉>)\]›》]?"
    r"(?:[가-힣]{2,4}[〉>])?"
    r"(?P<emails>(?:[\s·]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*(?:[\s·]*[\w.+-]+@[\w.-]*|\s+[A-Za-z][\w.+-]{0,30}(?=\s*$))?)"
    r"\s*(?:<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\))?"
    r"(?:\s*(?:19|20)\d{2}[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}\.?)?)\s*$"
)


# Furniture that a crawl glues onto a paragraph's last sentence.
TAIL_FURNITURE = rx(
    r"(?P<cut>\s*(?:<\s*저작권자|저작권자\s*[©ⓒ(]|[©ⓒ]\s*\S|Copyright\s*[©ⓒ(]|COPYRIGHT|무단\s*전재"
    r"|핫뉴스\s*[ㆍ·]|<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\)"
    r"|\(\s*[가-힣A-Za-z]{2,12}\s*(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*\)"
    r"|제\s?\d{1,5}\s?호\s*\(\s*(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*\)\s*$"      # `제300호(2002년 2월 8일)`
    r"|[<(〈]\s*관련\s?기사\s*[A-Z]?\d{0,2}\s?면?\s*[>)〉]"                                     # `<관련기사 11면>`
    r"|(?:/\s*)?(?:[가-힣]{1,6}\s?=\s?)?(?:[가-힣]{2,12}(?:사진기자단|취재단|기자단)|연합뉴스|연합|뉴시스|뉴스1|로이터|"
    r"AP|AFP|EPA|UPI)(?:=[가-힣]{2,6})?\s*$"
    r"|\(\s*[가-힣]{1,10}\s*=\s*(?:연합뉴스|뉴시스|뉴스1)\s*\)\s*$"
    r"|[<\[(]\s*사진\s*[:=·]\s*[^<>\[\]()]{1,20}[>\])]\s*$|/\s*[가-힣A-Za-z0-9·]{2,15}\s*제공\s*$"
    # `… 마음이다. 화성시 남수현씨 제공`
    r"|(?:[가-힣A-Za-z0-9·]{2,12}\s){0,2}[가-힣A-Za-z0-9·]{2,12}\s?제공\s*$"
    r"|[◎☞]\s*[가-힣]{2,10}\s*[가-힣A-Za-z0-9]{2,10}\s*(?:[\w.+-]+@[\w.-]+|\[email\s*protected\]).{0,20}$).*)$"
)


# A broadcast reporter's sign-off glued after the last sentence: `… 전망입니다. MBC뉴스 박은지///`.
TAIL_BROADCAST = rx(r"\s*(?:(?:[A-Za-z]{2,5}(?:-?TV)?|[가-힣]{1,6})\s?(?:뉴스|방송|NEWS|News)|"
                    r"[A-Z]{2,5})\s?(?P<name>[가-힣]{2,4})"
                    r"(?:입니다\.?|\s?/{2,})[\"”’']?\s*$")     # (`… WOW-TV NEWS 이성민입니다.`)


_CALLSIGN = rx(r"뉴스|방송|\b[A-Z]{2,5}\s")     # what a broadcast sign-off names before the reporter


# A wire photo's credit: `2024.05.08. photo@newsis.com`, `2026.1.6/뉴스1 ⓒ News1 유승관 기자`,
# `2022.09.26 [email protected] *재판매 및 DB 금지`.
TAIL_PHOTO_CREDIT = rx(
    r"\s*(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:/\s*[가-힣A-Za-z0-9]{2,8}\s*)?"
    r"(?:(?:(?:[ⓒ©]\s*[A-Za-z0-9가-힣]{2,10}|[가-힣]{1,8})\s*(?P<people>[가-힣]{2,4})\s?(?:선임|수석)?기자)|"
    r"[가-힣]{1,8}$"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*|\[email\s*protected\])?"
    r"\s*(?:[*]?\s*재판매\s*및\s*DB\s*금지)?\s*$"
)


# An e-mail after a paragraph, maybe with the name (and place) it signs: `… 연출하고 있다. 江陵/李在龍 a@b`.
# A desk's ranks signing for it (`멀티미디어부 차장`).
_RANKS = ("차장", "부장", "국장", "부국장", "팀장", "선임기자", "에디터", "대기자")
_DESK_TITLE = rf"[가-힣A-Za-z]{{1,10}}(?:부|팀|국|센터|본부)\s(?:{'|'.join(_RANKS)})"
TAIL_EMAIL = rx(r"\s*(?:(?:[가-힣\u4e00-\u9fff]{1,6}/)?(?P<people>[가-힣]{2,4}|[\u4e00-\u9fff]{2,4})\s+"
                rf"(?:{_DESK_TITLE}\s+)?)?"                     # `홍인기 멀티미디어부 차장 hongik@…`
                r"[\[(<]?\s*/?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[\])>]?\s*$")
# A desk and a rank signing a photo column, its writer's name elsewhere: `… 인지상정이다. 멀티미디어부 차장`.
TAIL_DESK = rx(rf"(?<=[.!?\"”’])\s*{_DESK_TITLE}\s*$")


# Who stands where in a photo: a caption's marks (`김현철(좌)`, `(왼쪽)`, `(가운데)`).
_WHO_STANDS_WHERE = rx(r"\((?:좌|우|왼쪽|오른쪽|가운데|앞줄|뒷줄)[^)]{0,6}\)")


EDITION_STAMP = rx(r"(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*\)\.?\s*$")


def _to_body(doc, i: int, photo: bool = False) -> None:
    """Make line `i` body, its byline lead taken; on a photo page (`photo`) a bare name closing
    the description is its photographer's credit (`… 발표했다. 서영`)."""
    line = doc.lines[i]
    lead = people.match_lead(line.content)
    if lead is not None:
        doc.leads.append(lead)
        line.kept = line.content[lead.end:].strip()
    doc.label(i, "body", "byline" if lead is not None else None)
    mark = _CAPTION_MARK.match(line.content)
    if mark and lead is None:
        line.kept, line.reason = line.content[mark.end():], "caption"
    _cut_line_tails(doc, line)
    if photo:
        text = line.kept if line.kept is not None else line.content
        name = BARE_NAME_CREDIT.search(text)
        person = name and (name["name"] or name["slashed"])
        if (
            name
            and person
            and person[0] in people.COMMON_SURNAMES
            and person not in _NOT_NAMES
            and people.is_person_name(person)
        ):
            doc.signoffs.append(Byline(authors=[person]))
            line.kept, line.reason, line.cut_tail = (
                text[: name.start()].rstrip(),
                line.reason or "signoff",
                lead is None,
            )


def glued_tails(doc) -> None:
    """Cut bylines and furniture glued after a paragraph's last sentence; collect the bylines."""
    for line in doc.lines:
        if line.role == "body":
            _cut_line_tails(doc, line)


def _cut_line_tails(doc, line) -> None:
    text = line.kept if line.kept is not None else line.content
    if doc.published is None:
        stamp = EDITION_STAMP.search(text, max(0, len(text) - 60))    # `… (한국경제신문 1995년 6월 1일자)`
        if stamp:
            doc.published = dates.parse_kst(stamp.group(0))
    trimmed, bylines, reason = _cut_tails(text)
    if trimmed == text:
        return
    if bylines and _WHO_STANDS_WHERE.search(trimmed):
        for byline in bylines:             # `… 김현철(좌) 감독과 … 조우영 감독.(조성호 기자)`: a caption's photographer
            byline.photo_credit = True
    doc.signoffs.extend(bylines)
    if not trimmed:
        line.role, line.reason, line.kept = "signoff", reason, None
        return
    starts_same = text.startswith(trimmed)
    line.kept = trimmed
    line.reason = line.reason or reason
    line.cut_tail = line.cut_tail or (starts_same and line.kept == line.content[: len(trimmed)])


def has_tail(text: str) -> bool:
    """Whether the line may end with a glued tail (a cheap test before `without_tails`)."""
    return _tail_hint(text, max(0, len(text) - _TAIL_WINDOW))


def without_tails(text: str) -> str:
    """The line without the bylines and furniture glued after its last sentence."""
    return _cut_tails(text)[0] or text


def _cut_tails(text: str) -> tuple[str, list[Byline], str]:
    """The text without the bylines and furniture glued at its end (repeatedly: a byline then
    a copyright), the bylines found, and the reason of the outermost cut."""
    bylines: list[Byline] = []
    reason = ""
    if not _tail_hint(text, max(0, len(text) - _FURNITURE_REACH)) and not _CHAIN_HINT.search(
        text, max(0, len(text) - _CHAIN_REACH)
    ):
        return text, bylines, reason                 # nothing that a glued tail is made of (the first cut
                                                     # needs a hint this close to the end, a chain its proof)
    while True:
        head, found = _cut_one(text)
        if found is None:
            return text, bylines, reason
        if isinstance(found, Byline):
            bylines.insert(0, found)
            reason = reason or "signoff"
        else:
            reason = reason or "copyright"
        text = head


def _cut_one(text: str) -> tuple[str, Byline | str | None]:
    if text.endswith("read full story"):              # an aggregator's link after the excerpt
        return text[: -len("read full story")].rstrip(" .…"), "widget"
    chain = _furniture_chain(text)
    if chain is not None:
        return chain
    window = max(0, len(text) - _TAIL_WINDOW)      # a glued tail is short: search only the line's end
    job = max(text.rfind("기자", window), text.rfind("특파원", window), text.rfind("디자이너", window))
    match = None
    if job >= 0 and len(text) - job <= 90:          # names before the title, e-mails and a date after it
        match = _first_match(TAIL_BYLINE, text, max(window, job - 40))
    if match:
        label = match["dateline"] or ""
        credit = label.startswith(people.CREDIT_LABELS)                      # `(그래픽=홍길동 기자)`
        # `/사진=권병창 기자`: a photo item's author
        photographer = label.startswith("사진")
        byline = lk.clean_byline(Byline(dateline=None if credit else match["dateline"],
                                     authors=_names(_unspaced(match["people"])) if photographer or not credit else [],
                                     emails=people.EMAIL_RE.findall(match["emails"] or ""), photo_credit=photographer))
        return text[: match.start("cut")].rstrip(), byline
    if text.rstrip("\"”’'").endswith(("///", "입니다.", "입니다")) and _CALLSIGN.search(text, max(0, len(text) - 24)):
        signoff = _first_match(TAIL_BROADCAST, text, window)
        if signoff and people.is_person_name(signoff["name"]):
            return text[: signoff.start()].rstrip(), Byline(authors=[signoff["name"]])
    credit = TAIL_PHOTO_CREDIT.search(text, window) if _YEAR.search(text, window) else None
    if credit and credit.group(0).strip() and _closes_sentence(text[: credit.start()]):
        names = _names(credit["people"]) if credit["people"] else []
        return text[: credit.start()].rstrip(), Byline(authors=names, emails=people.EMAIL_RE.findall(credit.group(0)),
                                                       photo_credit=True)
    desk = TAIL_DESK.search(text, window) if text.endswith(_RANKS) else None
    if desk:
        return text[: desk.start()].rstrip(), Byline()
    email = _first_match(TAIL_EMAIL, text, window) if "@" in text[window:] else None
    if email:
        names = _names(email["people"]) if email["people"] else []
        return text[: email.start()].rstrip(), Byline(authors=names, emails=people.EMAIL_RE.findall(email.group(0)))
    start = max(0, len(text) - _FURNITURE_REACH)
    found = _first_match(TAIL_FURNITURE, text, start) if _FURNITURE_HINT.search(text, start) else None
    if found and len(text) - found.start() <= 200:
        return text[: found.start()].rstrip(), "copyright"
    return text, None


def _unspaced(people_text: str) -> str:
    """`이 종 민` → `이종민`: a name printed with a space between its syllables."""
    return people_text.replace(" ", "") if re.fullmatch(r"[가-힣](?: [가-힣]){2}", people_text) else people_text


# The end of a sentence (its stop and any closing quotes or brackets): where a glued tail may start.
_SENTENCE_STOP = rx(r"[.!?。][\"'”’」』)\]]*")


def _first_match(pattern, text: str, start: int):
    """The first match of a tail `pattern` (anchored at the line's end) that starts where a sentence
    ends (or at the line's start) at or after `start`. Trying only those places, with an anchored
    match, is what a search followed by a closed-sentence test did, at a fraction of the cost."""
    if start == 0:
        match = pattern.match(text, 0)
        if match:
            return match
    for stop in _SENTENCE_STOP.finditer(text, max(0, start - 3)):
        if stop.end() < start:
            continue
        match = pattern.match(text, stop.end())
        if match:
            return match
    return None


_TAIL_WINDOW = 140


_FURNITURE_REACH = 220  # glued furniture (copyright, credits) starts this close to the line's end


_CHAIN_REACH = 620      # a chain of glued furniture starts this close to the line's end, or not at all


# What any glued tail holds: a reporter's title, an e-mail, a copyright sign, a date, an end mark
# (plain substring tests: much cheaper than one regex alternation tried at every position).
_TAIL_LITERALS = ("기자", "특파원", "@", "ⓒ", "©", "Copyright", "COPYRIGHT", "저작권", "무단", "핫뉴스", "<끝", "< 끝",
                  "(끝",
                  "protected", "자)", "자 )", "취재단", "기자단", "연합", "뉴시스", "뉴스1", "로이터", "AP", "AFP",
                  "EPA",
                  "사진 :", "사진:", "사진=", "사진·", "read full story", "제공", "◎", "☞", "///", "호(", "호 (",
                  "관련기사",
                  *_RANKS)


_CHAIN_LITERALS = ("@", "무단", "재배포", "저작권자", "Copyright", "ⓒ", "©", "전체보기", "전체 보기", "다른기사",
                   "다른 기사")


_DATE_DOT = rx(r"[12][09]\d\d\.\s?\d")


_TAIL_HINT = rx("|".join(re.escape(literal) for literal in _TAIL_LITERALS))


_CHAIN_HINT = rx("|".join(re.escape(literal) for literal in _CHAIN_LITERALS))


def _tail_hint(text: str, start: int) -> bool:
    return bool(_TAIL_HINT.search(text, start) or _DATE_DOT.search(text, start)) \
        or (text[-1:] in "다.\"”" and text.rstrip("\"”’'").endswith(("입니다.", "입니다"))
            and _CALLSIGN.search(text, max(0, len(text) - 24)) is not None)


def _chain_hint(text: str) -> bool:
    return bool(_CHAIN_HINT.search(text))


_FURNITURE_HINT = rx(r"저작권|ⓒ|©|Copyright|COPYRIGHT|무단|핫뉴스|끝|일\s?자|호\s?\(|관련\s?기사|단\s*$|연합|뉴시스|"
                     r"뉴스1|로이터|AP|AFP|EPA|UPI|사진|제공|[◎☞]")


# Where page furniture glued after a paragraph's last sentence may start: a byline, an e-mail,
# a copyright notice; and what makes the rest of the line furniture for sure.
_CHAIN_START = rx(r"(?<=[.!?。\"'”’)])\s*(?=관련\s?(?:기사|뉴스)\s*[\"'“‘\[<(가-힣]|[가-힣]{2,8}(?:팀|"
                  r"부)\s*[<\[(]?\s*(?:ⓒ|©)|[<〈(\[/]?\s*(?:[가-힣]{1,10}\s*[=〓]\s*)?[가-힣]{2,4}\s?(?:선임|수석|"
                  r"[가-힣]{1,4}전문)?기자|[―—]\s*[가-힣]|[\w.+-]+@[\w-]+\.|[<\[(]?\s*(?:ⓒ|©|Copyright|저작권자)"
                  r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:/\s*[가-힣A-Za-z0-9]{1,8}\s*)?(?:[ⓒ©]|[\w.+-]+@|"
                  r"\[email))")


_CHAIN_PROOF = rx(r"@[\w-]+\.|무단\s*전재|재배포|저작권자|Copyright|ⓒ|©|기사\s?전체\s?보기|다른\s?기사")


def _furniture_chain(text: str) -> tuple[str, Byline] | None:
    """`… 즐기고 있다. 이현덕기자 lhd@… 이현덕 기사 전체보기 영남일보(…), 무단전재 … 사회인기뉴스 …`: a byline,
    e-mail or copyright after a sentence, followed by more furniture, ends the paragraph there."""
    if not _chain_hint(text):
        return None
    for start in _CHAIN_START.finditer(text, max(0, len(text) - _CHAIN_REACH)):
        rest = text[start.end():]
        if len(rest) > 600 or not _CHAIN_PROOF.search(rest[:200] if not rest.startswith("관련") else rest):
            continue
        if GLUED_DATED_BYLINE.match(rest):
            continue                      # a header glued before the article's text, not a closing chain
        head = text[: start.start()].rstrip()
        if len(head) < 20:
            continue
        byline = _first_byline(rest)
        return head, byline
    return None


def _first_byline(rest: str) -> Byline:
    match = re.search(rf"(?:^|\s|[<〈(\[/])(?:(?P<dateline>[가-힣]{{1,10}})\s*[=〓]\s*)?(?P<people>{_NAME})\s?(?:선임|"
                      rf"수석|[가-힣]{{1,4}}전문)?기자",
                      rest.strip()[:160])
    emails = people.EMAIL_RE.findall(rest[:80])
    if match:
        credit = bool(_CREDIT_BEFORE.search(rest.strip()[: match.start("people")]))   # `ⓒ News1 이광호 기자`
        labelled = (match["dateline"] or "").startswith(people.CREDIT_LABELS)        # `사진 = 유진형 기자`
        return lk.clean_byline(Byline(dateline=None if labelled else match["dateline"], authors=_names(match["people"]),
                                      emails=emails, photo_credit=credit or labelled))
    return Byline(emails=emails)


_CREDIT_BEFORE = rx(r"[ⓒ©]\s*[A-Za-z0-9가-힣]{0,12}\s*$")


def _strip_credit(text: str) -> str:
    """A caption without its marker (`▲`) and trailing credit (date and e-mail, `© News1 홍길동
    기자`, a byline)."""
    trimmed, _, _ = _cut_tails(_CAPTION_MARK.sub("", text))
    match = _CAPTION_CREDIT.search(trimmed)
    if match and match.start("cut") > 0 and match["cut"].strip():
        trimmed = trimmed[: match.start("cut")].rstrip()
    return trimmed


_CUT_QUOTE = rx(r"^[\"“”']\s?(?:고|며|라고|라며|이라고|이라며|라는|이라는)\s\S.{20,}")


def _is_closed_sentence(text: str) -> bool:
    """A paragraph, not a headline: a closed sentence, several sentences however it ends, or
    the first line of a paragraph wrapped mid-sentence (`… 12일 실시된 서울지역 아파트를`)."""
    if len(text) >= 25 and _WRAPPED_OBJECT.search(text) and text.count(" ") >= 4:
        return True
    if _CUT_QUOTE.match(text):
        return True                      # `"고 당부했다. 이날 …`: a quote an aggregator cut mid-sentence

    if len(text) < 100 and text[-1] not in _CLOSERS and not BARE_NAME_CREDIT.search(text, max(0, len(text) - 8)) \
            and not _tail_hint(text, max(0, len(text) - 40)):
        return False                     # a headline-length line without a closing stop is a headline
    bare = BARE_NAME_CREDIT.search(text)
    text = text[: bare.start()] if bare else text
    if (len(text) >= 100 and lk.sentence_count(text) >= 2) or len(text) >= 120:
        return True                      # headlines are short
    if _SENTENCE_ENDING.search(text) and text.count(" ") >= 1:
        return True                      # `…맞았습니다.`, `…언제였나.`: headlines drop the full stop
    return len(text) >= 30 and ends_with_full_stop(_strip_credit(text)) and text.count(" ") >= 4
