"""Bylines and leads the labelling missed: a whole-line byline set aside near the body, later leads,
a lead inside a glued first line, a caption glued before the first paragraph, an anchor's
introduction, a bare name closing the last paragraph, a writer's line, readers' signatures."""
from __future__ import annotations

import re

from .. import dates, people
from .. import linekinds as lk
from ..people import Byline
from ..text import ends_with_stop
from .shared import (
    _COPYRIGHT_START,
    _NOT_NAMES,
    _NOT_THE_ARTICLE,
    BARE_NAME_CREDIT,
    GLUED_DATED_BYLINE,
    _has_no_body,
    _near_body,
    first_body_line,
    rx,
)
from .tails import _cut_line_tails

_HEADER_LINES = 3        # body lines a template may have taken from the header before a byline lead


def header_before_lead(doc) -> None:
    """No byline lead found, but one opens a body line just after a few short lines that are no
    sentences: those lines are the header a template read as body (the first the title, when none
    was found; the rest deck), and the article starts after the lead."""
    if doc.leads:
        return
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    for k, i in enumerate(body[1: _HEADER_LINES + 1], 1):
        lead = people.match_lead(doc.lines[i].content)
        if lead is None:
            continue
        above = body[:k]
        if any(len(doc.lines[j].content) > 100 or ends_with_stop(doc.lines[j].content) for j in above):
            return
        for j in above:
            if doc.title is None:
                doc.label(j, "title")
                doc.title = j
            else:
                doc.label(j, "subtitle")
        line = doc.lines[i]
        doc.leads.append(lead)
        base = line.kept if line.kept is not None else line.content     # a glued tail may be cut already
        line.kept, line.reason, line.cut_tail = base[lead.end:].strip(), "byline", False
        return


# A series' note and index above the article (`[편집자] 이 기사는 … 먼저 출고됐습니다`, `‹편집자주>`,
# `(上) …` / `(中) …` / `(下) …`, `① …`).
_SERIES_MARK = rx(r"^\[편집자\]|편집자\s?주\s*[>〉\]]?\s*$|^\((?:上|中|下|상|중|하)\)\s|^[①②③④⑤]\s?\S|먼저\s?(?:출고|"
                  r"송고|게재)")


def notes_before_lead(doc) -> None:
    """No byline lead found, but one opens a body line after an editor's note and a series index
    that a template read as body: those are furniture, and the article starts after the lead."""
    text = doc.text
    if doc.leads or not ("편집자" in text or "(上)" in text or "(상)" in text or "①" in text or "먼저" in text):
        return
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"][:10]
    for k, i in enumerate(body[1:], 1):
        lead = people.match_lead(doc.lines[i].content) if doc.lines[i].content[:1] in "[(【" else None
        if lead is None or not lead.authors:
            continue
        above = body[:k]
        if not any(_SERIES_MARK.search(doc.lines[j].content) for j in above):
            return
        for j in above:
            doc.label(j, "furniture", "editor_note")
        line = doc.lines[i]
        doc.leads.append(lead)
        base = line.kept if line.kept is not None else line.content
        line.kept, line.reason, line.cut_tail = base[lead.end:].strip(), "byline", False
        return


def later_leads(doc) -> None:
    """A body line after the article's first that opens with a byline lead (`[서울=뉴스핌] 홍길동
    기자 = 1일 오후 …`) is a wire photo's caption or another article's teaser, not a paragraph."""
    body = [line for line in doc.lines if line.role == "body"]
    if len(body) < 2 or not doc.leads:
        return
    start = _article_after_wire_caption(doc, body)
    for line in body[start + 1:]:
        if people.match_lead(line.content) is not None:
            line.role, line.reason, line.kept = "caption", "caption", None


# A wire photo's caption closes with the day the photo was taken (`… 바라보고 있다. 2022.07.05.`).
_PHOTO_DAY_END = rx(r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:[\w.+-]+@[\w.-]+)?\s*$")


def _article_after_wire_caption(doc, body: list) -> int:
    """When the 'first paragraph' is a wire photo's caption (its lead names no reporter, it closes
    with the photo's day: `[도쿄=AP/뉴시스]지난 4일 … 2022.07.05.`, maybe shown twice) and a later
    line opens with a reporter's lead (`[서울=뉴시스] 박준호 기자 = …`), the captions before that
    line are captions and the article starts there. The index of the article's first line in `body`."""
    if not _PHOTO_DAY_END.search(body[0].content, max(0, len(body[0].content) - 60)):
        return 0                          # (the cheap test first: most first paragraphs close no photo's day)
    first_lead = people.match_lead(body[0].content)
    if first_lead is None or first_lead.authors:
        return 0
    for k, line in enumerate(body[1:4], start=1):
        lead = people.match_lead(line.content)
        if lead is not None and lead.authors:
            break
        if not _PHOTO_DAY_END.search(line.content):
            return 0
    else:
        return 0
    for caption in body[:k]:
        caption.role, caption.reason, caption.kept = "caption", "caption", None
    if first_lead in doc.leads:
        doc.leads.remove(first_lead)
    doc.leads.insert(0, lead)
    line.kept, line.reason = line.content[lead.end:].strip(), "byline"
    return k


# A byline lead standing inside a line, after the header a crawl glued before it:
# `제목 2013-07-14 13:49 아주경제 이규하 기자=불볕더위가 …`, `… [연합뉴스 자료 사진] (부산=연합뉴스) 민영규 기자 = …`.
MID_LEAD = rx(
    r"(?:[(\[【][^()\[\]【】=]{1,12}=[^()\[\]【】]{1,12}[)\]】]|(?<=\s)[가-힣A-Za-z0-9]{2,10})\s*"
    r"(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4}|\s[가-힣]{2,4}(?=(?:\s[가-힣]{2,4})*\s?(?:기자|"
    r"특파원)))*)\s?(?:기자|특파원)\s*=\s*(?=\S)"
)


# A dated byline standing inside a line after a glued headline: `… 다가온 봄 2014-02-06 김혜동 기자 지난 4일 …`.
DATED_MID_LEAD = rx(r"(?<=\s)(?=(?:19|20)\d{2}[-.]\d{1,2}[-.]\d{1,2}\s+[가-힣]{2,4}\s?기자\s)(?:19|"
                    r"20)\d{2}[-.]\d{1,2}[-.]\d{1,2}\s+"
                    r"(?P<people>[가-힣]{2,4})\s?기자\s+(?=\S)")
_GLUED_ARTICLE = 100      # characters after a mid-line lead that make the line the article's start


def opening_lead(doc) -> None:
    """The article's first paragraph, once the passes above have settled where it is, opens with a
    byline lead no parser took (`[시사포커스/강종민 기자] 가을볕을 …`, under a headline shown twice and
    a gallery's captions): the lead is cut and names the authors."""
    first = first_body_line(doc)
    if first is None or doc.lines[first].kept is not None or doc.lines[first].content[:1] not in "[(【<":
        return
    line = doc.lines[first]
    lead = people.match_lead(line.content)
    if lead is not None and lead.authors and len(line.content) - lead.end >= 20:
        doc.leads.append(lead)
        line.kept, line.reason = line.content[lead.end:].strip(), "byline"


def lead_inside_first_line(doc) -> None:
    """The first body line holds a byline lead after other text: what precedes the lead is the
    header a crawl glued on (its date dates the page, its headline is the title when none was
    found); the article starts after the lead."""
    first = next((line for line in doc.lines if line.role == "body"), None)
    glued = _glued_article(doc)
    if glued is not None:
        first = glued
        first.role, first.reason = "body", None
        start = glued.no - 1
        if doc.title is not None and doc.title >= start:
            # the 'headline' was this line, or a line after the article's start (a pull quote)
            if doc.title > start:
                doc.label(doc.title, "body")
            doc.title = None
        _trailing_foreign_lines(doc)
    if first is None:
        return
    text = first.kept if first.kept is not None else first.content
    if not people.has_title_word(text):
        return
    if first.reason == "byline" and _caption_lead_then_article(doc, first, text):
        return
    match = MID_LEAD.search(text, 1) if "=" in text else None
    if match is None:
        match = DATED_MID_LEAD.search(text, 1)   # `헤드라인 2014-02-06 김혜동 기자 지난 4일 …`
        if match and not people.author_names(match["people"]):
            match = None
    if match is None and "기자" in text[:200]:
        match = GLUED_DATED_BYLINE.search(text, 1)
    if not match or match.start() < 8 or len(text) - match.end() < 40:
        return
    head = text[: match.start()]
    lead = people.match_lead(text[match.start():].lstrip()) or Byline(authors=people.author_names(match["people"]))
    doc.leads.append(lead)
    first.kept, first.reason = text[match.end():], "byline"
    _caption_lead_then_article(doc, first, first.kept)
    if glued is not None:
        _cut_line_tails(doc, first)          # it was not body when glued tails were cut
    stamp = dates.DATETIME_RE.search(lk.normalize_times(head))
    if match.re is GLUED_DATED_BYLINE:
        stamp = dates.DATETIME_RE.search(lk.normalize_times(match["date"]))
        stamp_at = match.start()
    elif stamp is None and match.re is DATED_MID_LEAD:       # the lead carries the date
        stamp = dates.DATETIME_RE.search(match.group(0))
        head = head + " " + match.group(0)
        stamp_at = len(text[: match.start()].rstrip())
    else:
        stamp_at = stamp.start() if stamp else -1
    if stamp and doc.published is None:
        doc.published = dates.parse_kst(stamp.group(0))
    if doc.title is None and doc.title_text is None and stamp and 5 <= stamp_at <= 100:
        title = head[:stamp_at].strip()
        if lk.is_title_like(title):
            doc.title_text = title


# A wire photo's credit closing its caption, right before the article's own lead in one line:
# `… 향하고 있다. 2024.12.4 pdj6635@yna.co.kr (서울=연합뉴스) 한혜원 계승현 기자 = 윤석열 …`.
_CREDIT_THEN_LEAD = rx(
    r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*(?:[\w.+-]+@[\w.-]+|\[email\s*protected\])\s*(?=[(\[【])"
)


def _caption_lead_then_article(doc, first, text: str) -> bool:
    """The lead taken from the first body line was a photo caption's (`(서울=연합뉴스) 박동주 기자 =`
    … credit), and the article's own lead follows in the same line: the article starts there."""
    credit = _CREDIT_THEN_LEAD.search(text)
    lead = people.match_lead(text[credit.end():]) if credit else None
    if credit is None or lead is None or not lead.authors or len(text) - credit.end() - lead.end < 40:
        return False
    for byline in doc.leads:                       # the caption's photographer is no author here
        byline.photo_credit = True
    doc.leads.append(lead)
    first.kept = text[credit.end() + lead.end:].strip()
    return True


def _trailing_foreign_lines(doc) -> None:
    """Body lines without a Hangul letter after the article's last Korean paragraph: a widget's
    English text (`Ask about this article`, `Answer for your question …`)."""
    for line in reversed(doc.lines):
        if not line.content or line.role != "body":
            continue
        if lk.has_hangul(line.content):
            return
        line.role, line.reason, line.kept = "furniture", "widget", None


def _glued_article(doc):
    """On a page with no paragraph of Korean prose, a line set aside that a crawl made of the header,
    the photo's caption and the lead and first paragraph (`… 이미지 확대 … [두산 베어스 제공] (서울=연합뉴스)
    이동칠 기자 = 프로야구 …`): the article starts in it. (Where the page has prose, such a line
    above it is another article's text: a sidebar like `[뉴스핌 베스트 기사]`.)"""
    if "=" not in doc.text or not people.has_title_word(doc.text) or not _has_no_body(doc):
        return None
    first_body = next((i for i, line in enumerate(doc.lines) if line.role == "body" and lk.is_prose(line.content)),
                      len(doc))
    for line in doc.lines[:first_body]:
        if line.role not in ("furniture", "subtitle", "title") or line.reason in _NOT_THE_ARTICLE:
            continue
        if len(line.content) < _GLUED_ARTICLE or "=" not in line.content:
            continue
        match = MID_LEAD.search(line.content, 1)
        if match and len(line.content) - match.end() >= _GLUED_ARTICLE:
            return line
    return None


# A photo's caption and credit glued before the article's first words:
# `시민들이 7일 … 봄을 즐기고 있다. 연합뉴스 “사진 찍을 새도 없이 …`.
GLUED_CAPTION = rx(
    r"^(?P<caption>.{15,220}?(?:있다|했다|이다|한다|모습)\.)\s*(?P<credit>(?:연합뉴스|뉴시스|뉴스1|AP|AFP|EPA|로이터|"
    r"\[?사진\s?=\s?[^\s\]]{2,12}\]?|[가-힣]{2,4}\s?기자))\s+(?=\S)"
)


def caption_before_first_paragraph(doc) -> None:
    """The first body line that opens with a photo's caption and its credit: they are a caption."""
    first = next((line for line in doc.lines if line.role == "body"), None)
    if first is None:
        return
    text = first.kept if first.kept is not None else first.content
    match = GLUED_CAPTION.match(text)
    if match and len(text) - match.end() >= 40:
        first.kept, first.reason = text[match.end():], first.reason or "caption"


CUT_SIGNOFF = rx(r"^(?P<name>[가-힣]{2,4})\s?(?:기|특)$"
                 # `KBS 뉴스 서영민입`
                 r"|^(?:[A-Z]{2,5}|[가-힣]{1,6})\s?(?:뉴스|방송)\s?(?P<spoken>[가-힣]{2,4})(?:입|입니)$")


def closing_name(doc) -> None:
    """A page with no author whose last paragraph ends with a bare name after its last sentence
    (`… 전했다. 김여진`, regional papers' sign-off): that name is the byline."""
    final = next((line for line in reversed(doc.lines) if line.content), None)
    cut = CUT_SIGNOFF.match(final.content) if final is not None and final.role != "furniture" else None
    name = cut and (cut["name"] or cut["spoken"])
    if final is not None and name and people.is_person_name(name):    # `박찬범 기`: the excerpt stopped in it
        if not doc.has_authors():
            doc.signoffs.append(Byline(authors=[name]))
        final.role, final.reason, final.kept = "signoff", "signoff", None
        return
    if doc.has_authors():
        return
    last = next((line for line in reversed(doc.lines) if line.role == "body"), None)
    if last is None or last is final:
        return                            # where the excerpt stops, a name may open a cut sentence
    text = last.kept if last.kept is not None else last.content
    match = BARE_NAME_CREDIT.search(text)
    person = match and (match["name"] or match["slashed"])
    if match and person and person[0] in people.COMMON_SURNAMES and person not in _NOT_NAMES \
            and people.is_person_name(person):
        doc.signoffs.append(Byline(authors=[person]))
        last.kept, last.reason = text[: match.start()].rstrip(), last.reason or "signoff"
        last.cut_tail = last.cut_tail or text == last.content


# A broadcast anchor handing over to the reporter: `조윤하 기자입니다.`, `김지성 기자가 전해드립니다.`
REPORTER_INTRO = rx(
    r"(?:^|[\s,])(?:[A-Z]{2,5}\s+)?(?P<name>[가-힣]{2,4})\s?(?:(?:시청자|객원|인턴|수습)\s?)?(?:기자|특파원|아나운서)"
    r"(?:입니다|의\s?(?:단독\s?)?보도입니다"
    r"|가\s(?:[^.]{0,30}?\s)?(?:전해\s?드립니다|취재했습니다|보도합니다|정리했습니다|다녀왔습니다|함께\s?했습니다"
    r"|짚어\s?봅니다|알아\s?봤습니다|전합니다|보도합니다|만나\s?봤습니다|돌아\s?봤습니다|살펴\s?봤습니다|"
    r"들어\s?봤습니다"
    r"|담았습니다)|[!.])[.]?\s*$"
    # a talk segment's reporter
    r"|(?:^|[\s,])(?P<guest>[가-힣]{2,4})\s?기자와\s함께\s?(?:합니다|하겠습니다|해\s?보겠습니다)"
    r"|^(?P<addressed>[가-힣]{2,4})\s?(?:기자|특파원)\s?,\s"
)


# The same hand-over inside an anchor's longer lines: `… 피해상황을 홍희정 기자가 헬기를 타고 취재했습니다.`,
# `… 고우리 기자가 지역민들에게 직접 들어봤습니다.`, `박은지 기잡니다.` (polite broadcast endings only:
# an article's `… 기자가 보도했다` is about another reporter).
ANCHOR_HANDOVER = rx(r"(?:^|[\s,.])(?P<name>[가-힣]{2,4})\s?(?:(?:기자가|"
                     r"특파원이)\s(?:[^.?!\n]{0,40}?\s)?[가-힣]{1,8}(?:습니다|합니다)"
                     r"|기잡니다)[.]")


def _introduced(text: str) -> str | None:
    """The person an anchor's line hands over to, trying each place a hand-over may start (the first
    candidate may be no name: `아침부터 아나운서가 … 박상현 기자가 전해드립니다.`)."""
    pos = 0
    while (match := REPORTER_INTRO.search(text, pos)) is not None:
        name = match["name"] or match["addressed"] or match["guest"]
        if name and people.is_person_name(name):
            return name
        pos = match.start() + 1
    return None


def reporter_intros(doc) -> None:
    """The reporter an anchor's line introduces is the report's author; the line stays body."""
    if doc.has_authors():
        return
    for line in doc.lines:
        if line.role == "body" and (len(line.content) <= 90 or "기자와 함께" in line.content):
            name = _introduced(line.kept if line.kept is not None else line.content)
            if name:
                doc.leads.append(Byline(authors=[name]))
                return
    if "기자가" not in doc.text and "특파원이" not in doc.text and "기잡니다" not in doc.text:
        return
    for line in doc.lines:                 # the first hand-over in an anchor's longer lines
        set_aside = line.reason == "not_prose" and len(line.content) <= 30      # an anchor's line alone
        if (line.role in ("body", "caption", "subtitle") or set_aside) and "기" in line.content:
            match = ANCHOR_HANDOVER.search(line.kept if line.kept is not None else line.content)
            if match and set_aside and match.start("name") > 1:
                match = None
            if match and people.is_person_name(match["name"]):
                doc.leads.append(Byline(authors=[match["name"]]))
                return


# Lines a template set aside that may still be the article's byline; never a sidebar's or a
# related article's (those carry other articles' reporters).
_RESCUABLE = {None, "footer", "not_prose", "header", "caption", "copyright", "menu", "toolbar", "widget"}


_SPOKEN_END = rx(r"(?:입니다|이었습니다)\.?(?:\s*[\[(].{0,40}[\])])?$")


def stray_bylines(doc) -> None:
    """A page whose parser found no author: a whole-line byline it set aside as a caption,
    deck, footer or copyright line near the body is the byline (`dschoi@fnnews.com 최두선 기자`,
    `[박윤구 기자][ⓒ 매일경제 …]`, `<윤승모기자>ysmo@donga.com`)."""
    if doc.has_authors():
        return
    near = _near_body(doc)
    for i in near:
        line = doc.lines[i]
        if line.role not in ("caption", "subtitle", "furniture", "header") or line.reason not in _RESCUABLE:
            continue
        if "@" not in line.content and not people.has_title_word(line.content):
            continue
        text = lk.undoubled(_COPYRIGHT_START.split(lk.core(line.content), 1)[0])
        byline = people.match_signoff(text) if text else None
        if byline is not None and byline.authors:
            doc.signoffs.append(lk.clean_byline(byline))
            doc.label(i, "signoff", "signoff")


# An op-ed's or letter's writer line: `이연옥 / 은평구의회 의장`, `김영철/ 재경 제주사회문제협의회 대표`,
# `윤치원(마산면·77)`, `김동찬 광주광역시의회 의장`, `이상훈 ETRI 원장`, `박상철 일러스트레이터`.
# Police, fire-service and civil-service ranks sign the public servants' contributions that regional papers
# print (`중부경찰서 송림지구대 순경 김승현`, `조광진 부산 남부경찰서 남천1파출소 경장`, `고성경찰서 경무계장`).
_SERVICE_RANK = (r"순경|경장|경사|경위|경감|경정|총경|경무관|치안감|소방사|소방교|소방장|소방위|소방경|소방령|소방정|"
                 r"소방준감|"
                 r"주무관|계장|과장|팀장|지구대장|파출소장")
_WRITER_JOB = (r"의장|부의장|대표|대표이사|원장|회장|이사장|위원장|총장|장관|시장|군수|구청장|도지사|교육감|교수|"
               r"변호사|"
               r"목사|신부|스님|박사|작가|일러스트레이터|평론가|칼럼니스트|소장|센터장|국장|관장|상임대표|사무총장|"
               r"서장|청장|"
               rf"본부장|지사장|지점장|대통령|국무총리|의원|{_SERVICE_RANK}")
# Where a writer without a title works (`최훈/제주경찰서 연동지구대`, `이정연 (인천 계양경찰서 효성지구대)`).
_WRITER_OFFICE = (r"경찰서|경찰청|지구대|파출소|소방서|소방본부|안전센터|치안센터|주민센터|행정복지센터|보건소|"
                  r"보건진료소|"
                  r"구청|시청|군청|도청|교육청|교육지원청|보훈지청|선거관리위원회|우체국|사무소")
# What a student or member writer names in brackets: `정은우(전남대학교 생활복지학과 2학년)`.
_WRITER_STANDING = r"학년|학과|학부|대학교|대학원|고등학교|중학교|초등학교|교사|학생|연구소|연구원|협회|재단|센터"
WRITER_LINE = rx(rf"^[-–―ㅡ]?\s*(?:\[(?:기고|칼럼|시론|특별기고|축사|창간사|발언대|독자투고|"
                 rf"오피니언)\]\s*(?:[가-힣]{{2,6}}\s+)?)?"
                 rf"(?P<name>[가-힣]{{2,4}})\s*(?:/\s*|\s+)(?:[^\s/|]+\s+){{0,3}}[^\s/|]*(?:{_WRITER_JOB}|"
                 rf"{_WRITER_OFFICE})$"
                 r"|^(?P<reader>[가-힣]{2,4})\s*\([가-힣]{1,10}·\d{2}\)$"
                 # a writer's line with an e-mail: `김대현 시사평론가·대현TV 운영자 kimdaehyun15@gmail.com`
                 r"|^(?P<mailed>[가-힣]{2,4})\s+(?:[^\s@]{1,16}\s+){1,4}[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
                 # a label before the name: `외부기고자 홍성관 성남 대추밭한의원장(…)`, `기고자 : 홍길동`
                 r"|^(?:외부\s?기고자|기고자|필자|글쓴이)\s*[:：]?\s*(?P<labelled>[가-힣]{2,4})(?:\s.{0,60})?$"
                 # the desk and rank in brackets after the name: `이경숙 <취재1부 부장>`
                 r"|^(?P<desked>[가-힣]{2,4})\s*[<〈(]\s*[가-힣0-9]{1,10}(?:부|팀|국)\s?(?:부장|차장|국장|팀장|기자|"
                 r"위원)\s*[>〉)]$"
                 rf"|^(?P<affiliated>[가-힣]{{2,4}})\s*\((?:[가-힣0-9]{{1,14}}\s){{0,3}}[가-힣0-9]{{0,14}}"
                 rf"(?:{_WRITER_OFFICE}|{_SERVICE_RANK}|{_WRITER_STANDING}|{_WRITER_JOB})\)$"
                 # the name, a stop, the workplace: `양지혜. 제주시 용담2동주민센터`
                 rf"|^(?P<dotted>[가-힣]{{2,4}})[.,]\s(?:[가-힣0-9]{{1,14}}\s){{0,3}}[가-힣0-9]{{0,14}}(?:{_WRITER_OFFICE})$"
                 # the office first: `논산소방서 김남석 서장`; the job first: `기고-고양소방서장 준감 이경호`
                 rf"|^[-–―ㅡ]?\s*(?:[^\s\[\]]{{2,14}}\s){{1,2}}(?P<office>[가-힣]{{2,4}})\s(?:{_WRITER_JOB})$"
                 r"|^\[?(?:기고|칼럼|시론|"
                 r"특별기고)\]?\s*[-–:]\s*[^\s]{2,16}(?:\s[^\s]{1,8})?\s(?P<titled>[가-힣]{2,4})$"
                 rf"|^(?:\[(?:기고|칼럼|시론|특별기고|"
                 rf"독자투고)\]\s*)?(?:[가-힣0-9]{{2,14}}\s){{1,3}}(?:{_WRITER_JOB})\s(?P<officer>[가-힣]{{2,4}})$"
                 rf"|^(?:\[(?:기고|칼럼|시론|특별기고|"
                 rf"독자투고)\]\s*)[가-힣0-9]{{2,14}}(?:{_WRITER_JOB})\s(?P<postname>[가-힣]{{2,4}})$"
                 # a reader's letter signed with an occupation and an address: `최명연 회사원·대구 중구 남산동 2가`
                 r"|^(?P<letter>[가-힣]{2,4})\s+(?:회사원|주부|학생|대학생|교사|공무원|자영업|농업|농민|회사\s?대표|"
                 r"무직|퇴직\s?교사)·[^·]{2,30}$"
    # or the home first, then the occupation: `이창형 서울 관악구·자영업`
    r"|^(?P<homed>[가-힣]{2,4})\s+[가-힣]{2,4}\s[가-힣]{1,5}(?:시|군|구)\s?·\s?[가-힣]{2,8}$")
# What may follow a writer's title on its line: an affiliation in brackets, a date label cut from its date.
_WRITER_EXTRAS = rx(r"(?:\s*\([^()]{2,30}\))?(?:\s*(?:입력|등록|작성|기사입력)\s*[:：]?)?\s*$")


_NAME_ALONE = rx(r"^[가-힣]{2,4}$")
_NAME_OR_SPACED = rx(r"^(?:[가-힣]{2,4}|[가-힣](?: [가-힣]){1,3})$")       # `이춘영`, `이 춘 영`
_AFFILIATION_LINE = rx(rf"^(?:[가-힣A-Za-z0-9]{{1,14}}\s){{0,3}}[가-힣A-Za-z0-9]{{1,14}}(?:{_WRITER_JOB})$")


def _affiliation_below(doc, i: int) -> int | None:
    """The line right under line `i` when it is a writer's affiliation and title (`고성경찰서 경무계장`)."""
    below = next((k for k in range(i + 1, min(len(doc), i + 3)) if doc.lines[k].content), None)
    if below is None or doc.lines[below].role == "body" or len(doc.lines[below].content) > 40:
        return None
    return below if _AFFILIATION_LINE.match(lk.core(doc.lines[below].content)) else None


# The writer's credit over a contribution: `글 신수경, 홍지혜`, `글/ 이은혜(순천향대 의과대학 교수)`.
WRITER_CREDIT = rx(r"^(?:글|글쓴이|"
                   r"필자)\s*[=:/]?\s*(?P<names>[가-힣]{2,4}(?:\s*[,·]\s*[가-힣]{2,4})*)(?:\s*\([^()]{2,40}\))?$")


# A byline's label alone on its line, the name on the next (`작성자` / `• 서병호`), as CMS boards show it.
_BYLINE_LABEL_ALONE = rx(r"^(?:작성자|글쓴이|필자|기고자|기자명)\s*[:：]?$")


def writer_line(doc) -> None:
    """A page with no author whose title, or a line standing next to the title or the first
    paragraph, is its writer's line (an op-ed, a contribution, a reader's letter): the writer is
    the author, and such a line is never the headline. A byline's label alone on its line names
    the author on the next."""
    if doc.has_authors():
        return
    start = first_body_line(doc, len(doc))
    for i in range(start):
        line = doc.lines[i]
        if not line.content:
            continue
        if line.role in ("byline", "signoff") and "@" in line.content and people.EMAIL_ONLY_RE.match(line.content):
            # a writer's box: the name, the affiliation, the e-mail (`여성구` / `… 컨설턴트` / `a@b`)
            name = next((lk.core(doc.lines[k].content) for k in range(max(0, i - 3), i)
                         if _NAME_ALONE.match(lk.core(doc.lines[k].content))
                         and people.is_person_name(lk.core(doc.lines[k].content))), None)
            if name:
                doc.signoffs.append(Byline(authors=[name]))
                return
        if line.content.startswith(("글", "필자")):
            credit = WRITER_CREDIT.match(lk.core(line.content))
            names = [n for n in re.split(r"\s*[,·]\s*", credit["names"]) if people.is_person_name(n)] if credit else []
            if names:
                doc.signoffs.append(Byline(authors=names))
                doc.label(i, "byline", "byline")
                return
        if line.role in ("published", "updated") and people.has_title_word(line.content):
            # `김미화 기자 | 2015.05.13 08:57`,
            byline = people.match_signoff(line.content) or lk.signoff(line.content)
                                                                                      # `기자명 : 오형국 입력시간 : …`
            if byline is not None and byline.authors:
                doc.signoffs.append(byline)
                return
        if len(line.content) <= 12 and _BYLINE_LABEL_ALONE.match(lk.core(line.content)):
            below = next((k for k in range(i + 1, start) if doc.lines[k].content), None)
            name = lk.core(doc.lines[below].content) if below is not None else ""
            if people.is_person_name(name) and len(name) <= 4:
                doc.signoffs.append(Byline(authors=[name]))
                doc.label(i, "furniture", "byline")
                doc.label(below, "byline", "byline")
                return
    tagged = _SERIES_WRITER.search(doc.lines[doc.title].content) if doc.title is not None else None
    if tagged and people.is_person_name(tagged["name"]):
        doc.signoffs.append(Byline(authors=[tagged["name"]]))      # `…[내 생각은/이창형]`: the writer in the tag
    first_body = first_body_line(doc)
    last_body = next((i for i in range(len(doc) - 1, -1, -1) if doc.lines[i].role == "body"), None)
    spots = [doc.title, first_body]
    near = set()
    for spot in spots:
        if spot is None:
            continue
        filled = [i for i in range(max(0, spot - 4), min(len(doc), spot + 4)) if doc.lines[i].content]
        near.update(filled)
    if doc.title is not None and first_body is not None:
        near.update(range(doc.title + 1, first_body))       # the header under the title
    elif first_body is not None:
        near.update(range(first_body))                       # (a page without its headline: all its header)
    ends = {first_body, last_body} if first_body is not None else set()   # a letter is signed under its text
    signed = next((k for k in range(last_body + 1, min(len(doc), last_body + 5)) if doc.lines[k].content), None) \
        if last_body is not None else None
    if signed is not None and doc.lines[signed].role == "furniture" and doc.lines[signed].reason in ("footer", None):
        ends.add(signed)                   # (its signature may stand under it, set aside with the page's footer)
    near.update(ends)
    for i in sorted(near):
        line = doc.lines[i]
        if line.role == "body" and i not in ends or len(line.content) > 50 or ends_with_stop(line.content):
            continue
        text = lk.core(line.content)
        portrait = _PORTRAIT_MARK.match(text) if line.role != "body" else None
        if portrait:                       # `▲ 윤민현 박사`: the writer's portrait, captioned
            text = text[portrait.end():].rstrip(" |.")
        match = WRITER_LINE.match(text)
        if match is not None and match["name"] and _PLACE_THEN_OFFICE.match(text):
            match = WRITER_LINE.match(text.split(" ", 1)[1])     # `제주시 애월읍사무소 김혜린 주무관`: a place first
        if match is None and (text[-1:] in ")：:" or text.endswith(("입력", "등록", "작성"))):
            match = WRITER_LINE.match(_WRITER_EXTRAS.sub("", text))
        name = match and (match["name"] or match["reader"] or match["letter"] or match["office"] or match["titled"]
                          or match["officer"] or match["affiliated"] or match["desked"] or match["mailed"]
                          or match["labelled"] or match["dotted"] or match["homed"] or match["postname"])
        box = _affiliation_below(doc, i) if match is None and _NAME_OR_SPACED.match(text) else None
        if box is not None:                # `이 춘 영` / `고성경찰서 경무계장`: a writer's box on two lines
            name = text.replace(" ", "")
        if not name or not people.is_person_name(name):
            continue
        if portrait and any(name in other.content for other in doc.lines if other.role == "body"):
            continue                       # (a photo of the person the article is about)
        if box is not None:
            doc.label(box, "byline", "byline")
        doc.signoffs.append(Byline(authors=[name]))
        _writer_lead(doc, text)
        if i == doc.title and line.content.startswith("["):
            return                         # `[기고] 창간사 강대선 하동군의회 의장`: the page's headline too
        copy = _copy_below(doc, i) if i == doc.title else None
        if copy is not None:               # `이상훈 ETRI 원장` twice atop a message: its headline too
            doc.label(copy, "furniture", "duplicate_block")
            return
        if i == doc.title:
            doc.title = _headline_above(doc, i)
        if portrait:
            pass                           # (still the portrait's caption)
        elif line.role != "body":
            line.role, line.reason = "byline", "byline"
        elif i == last_body and i != first_body:
            line.role, line.reason, line.kept = "signoff", "signoff", None      # the letter's signature
        elif i == first_body and i != last_body:
            line.role, line.reason, line.kept = "byline", "byline", None        # the writer's line over the text
        return


# A place, then an office in it, before the writer's name: `제주시 애월읍사무소 김혜린 주무관`.
_PLACE_THEN_OFFICE = rx(rf"^[가-힣]{{1,4}}(?:시|군|구|도)\s+[가-힣0-9]{{0,14}}(?:{_WRITER_OFFICE})\s")


# A portrait's mark before its caption: `▲ 윤민현 박사`, `![]() 제주시 애월읍사무소 김혜린 주무관 |`.
_PORTRAIT_MARK = rx(r"^(?:[▲△]|!\[\]\([^()]*\))\s*")


# A series tag closing the headline with its writer: `… 노인 일자리 늘려야[내 생각은/이창형]`.
_SERIES_WRITER = rx(r"\[[^\[\]/]{2,14}/\s*(?P<name>[가-힣]{2,4})\s*\]\s*$")


def _writer_lead(doc, writer: str) -> None:
    """The writer's line again at the start of the text, as a lead (`이승준/김해서부경찰서 교통관리계
    순경 =5천만 인구, …`): cut from the paragraph."""
    first = first_body_line(doc)
    if first is None:
        return
    line = doc.lines[first]
    text = line.kept if line.kept is not None else line.content
    if text.startswith(writer) and text[len(writer):].lstrip().startswith("="):
        line.kept = text[len(writer):].lstrip()[1:].strip()
        line.reason = line.reason or "byline"


def _copy_below(doc, i: int) -> int | None:
    """The next line, when it repeats line `i` (a headline shown twice: an image's alt text, then the text)."""
    below = next((k for k in range(i + 1, min(len(doc), i + 3)) if doc.lines[k].content), None)
    same = below is not None and doc.lines[below].role in ("subtitle", "furniture", "byline") \
        and lk.core(doc.lines[below].content) == lk.core(doc.lines[i].content)
    return below if same else None


def _headline_above(doc, i: int) -> int | None:
    """The headline standing right above a writer's line that was taken for it, if any."""
    above = next((k for k in range(i - 1, max(-1, i - 4), -1) if doc.lines[k].content), None)
    if above is None:
        return None
    line = doc.lines[above]
    text = lk.core(line.content)
    if line.role not in ("subtitle", "furniture") or line.reason not in (None, "header", "menu") \
            or not lk.is_title_like(text) or lk.is_breadcrumb(text) or lk.is_ui_line(text):
        return None
    line.text = line.content = text
    doc.label(above, "title")
    return above


# A reader's letter signed with the writer's home: `서현진(약사·대전 서구 월평동)`, `윤언숙(경북 경산시 압량면)`,
# `〈이상팔 부산시 해운대구〉`, `서울 마포구에서 신수경 독자`, and glued after the letter's last sentence:
# `… 큰 도움이 되었다. 이선호/ 서울 광진구 광장동`.
_HOME = r"[가-힣0-9 ·]{1,30}(?:시|군|구|동|읍|면|리|가)"
READER_SIGNATURE = rx(
    rf"^(?P<a>[가-힣]{{2,4}})\s*\((?:[가-힣]{{1,8}}·)?(?:\d{{2}}·)?{_HOME}\)$"
    rf"|^[〈<]\s*(?P<b>[가-힣]{{2,4}})\s+{_HOME}\s*[〉>]$"
    rf"|^{_HOME}에서\s+(?P<c>[가-힣]{{2,4}})\s*(?:독자|씨)?$|^[가-힣0-9 ]{{2,20}}에서\s+(?P<e>[가-힣]{{2,4}})\s*독자$"
    rf"|(?:^|(?<=[.!?。]\s))(?P<d>[가-힣]{{2,4}})\s*/\s*{_HOME}$"
    rf"|(?:^|(?<=[.!?。]\s))/\s*(?P<f>[가-힣]{{2,4}})\s*\(\s*{_HOME}\s*\)$"      # `… 합니다. /박연호(제주시 오라동)`
)


def reader_signatures(doc) -> None:
    """Readers' letters: each signature (alone on its line or glued after the letter's last
    sentence) names an author, and is not the letter's text."""
    text = doc.text
    if not (")\n" in text or "〉\n" in text or ">\n" in text or "독자\n" in text or "씨\n" in text or "/ " in text):
        return
    previous = None
    for line in doc.lines:
        if not line.content:
            continue
        after_body, previous = previous == "body", line.role
        if line.role not in ("body", "subtitle") and not (
                after_body and line.role == "furniture" and line.reason in ("footer", "not_prose")):
            continue                      # (the last letter's signature may stand after the body's end)
        text = line.kept if line.kept is not None else line.content
        tail = text[-60:]
        if not tail.endswith(("시", "군", "구", "동", "읍", "면", "리", "가", ")", "〉", ">", "독자", "씨")):
            continue
        start = 0 if len(text) <= 60 else text.rfind(" ", 0, len(text) - 45)
        match = next((m for k in _sentence_starts(text, max(0, start)) if (m := READER_SIGNATURE.match(text, k))), None)
        name = match and next(g for g in match.groups() if g)
        if match is None or not name or not people.is_person_name(name):
            continue
        doc.signoffs.append(Byline(authors=[name]))
        head = text[: match.start()].rstrip()
        if head:
            line.kept, line.reason = head, line.reason or "signoff"
        else:
            line.role, line.reason, line.kept = "signoff", "signoff", None


def _sentence_starts(text: str, start: int):
    """Where a signature may start: the line's start, or after a sentence's end."""
    if start == 0:
        yield 0
    for stop in re.finditer(r"[.!?。]\s", text[start:]):
        yield start + stop.end()


_BOX_PROSE = 3          # long paragraphs after a writer's line that make it a box above the article


def writer_box(doc) -> None:
    """A sign-off with at most one paragraph above it and several long paragraphs set aside below
    it as footer: it was the writer's box above the article (a contribution, a lecture's text),
    and those paragraphs are the article."""
    signoff = next((i for i, line in enumerate(doc.lines) if line.role == "signoff"), None)
    if signoff is None:
        return
    above = [i for i in range(signoff) if doc.lines[i].role == "body"]
    below = _footer_prose_below(doc, signoff)
    if len(above) > 1 or len(below) < (_BOX_PROSE if above else 1):
        return                         # (with no paragraph above it, the prose below is all there is)
    _footer_to_body(doc, signoff + 1, below[-1])
    doc.lines[signoff].role = "byline"


def _footer_prose_below(doc, start: int) -> list[int]:
    """The prose paragraphs after line `start` that a parser set aside as footer."""
    return [i for i in range(start + 1, len(doc)) if doc.lines[i].role == "furniture"
            and doc.lines[i].reason == "footer" and lk.is_prose(doc.lines[i].content)]


def _footer_to_body(doc, start: int, last: int) -> None:
    """The footer lines from `start` to `last` (the article went on below a box or a photo) are body."""
    for line in doc.lines[start: last + 1]:
        if line.role == "furniture" and line.reason == "footer" and line.content:
            line.role, line.reason = "body", None


_CAPTION_SENTENCE = rx(r"(?:있다|모습|모습이다|했다)\.?[\"'”’)]*$")


def photo_credit_in_article(doc) -> None:
    """A 'sign-off' right under a photo's description (`… 답하고 있다.` / `이언탁기자 a@b`) with the
    article's paragraphs continuing below it as footer: the two are a caption and its credit, and
    the article goes on (old print-era pages put the photo between paragraphs)."""
    signoff = next((i for i, line in enumerate(doc.lines) if line.role == "signoff"), None)
    if signoff is None:
        return
    above = next((i for i in range(signoff - 1, -1, -1) if doc.lines[i].content), None)
    if above is None or doc.lines[above].role != "body":
        return
    text = doc.lines[above].content
    if lk.sentence_count(text) > 1 or len(text) > 160 or not _CAPTION_SENTENCE.search(text):
        return
    below = _footer_prose_below(doc, signoff)
    if len(below) < _BOX_PROSE:
        return
    doc.lines[above].role, doc.lines[above].reason, doc.lines[above].kept = "caption", "caption", None
    doc.lines[signoff].role, doc.lines[signoff].reason = "caption", "caption_credit"
    credited = set(people.author_names(doc.lines[signoff].content))
    doc.signoffs[:] = [b for b in doc.signoffs if not set(b.authors) & credited]
    _footer_to_body(doc, signoff + 1, below[-1])
