"""Inside the body: transcripts, chrome, widgets, promotions, programme cards, editor's notes, what
follows the closing copyright, prose set aside, and photo-news pages whose description is the body."""
from __future__ import annotations

import re
from itertools import islice

from .. import linekinds as lk
from .. import people
from ..outlets import outlet_from_name
from ..people import Byline
from ..text import collapse, ends_with_full_stop, ends_with_stop, hangul_count, identity_text
from .bylines import _SPOKEN_END
from .headers import ISSUE_STAMP
from .shared import (
    _CLOSERS,
    _COPYRIGHT_LITERALS,
    _COPYRIGHT_START,
    _WIDGET_HINT,
    PROGRAMME_LINE,
    WIDGET_LINE,
    _describes,
    _has_no_body,
    _is_cut,
    rx,
)
from .tails import _cut_line_tails, _cut_tails, _strip_credit, _to_body

_PART = r"(?:앵커\s?멘트|앵커\s?코멘트|앵커|기자|리포트|리포터|인터뷰|현장음|녹취|스탠딩|싱크|클로징|기자\s?리포트)"


# A transcript's part label alone (`<기자>`, `[앵커]`, `◀ 리포트 ▶`, `【 앵커멘트 】`), a speaker line with
# no words of the speaker (`[인터뷰] 임유경 / 출연자`, `◀ 홍길동/시민 ▶`), a `[현장음] …` cue.
TRANSCRIPT_LINE = rx(
    rf"^(?:[<\[【◀]\s*{_PART}\s*[>\]】▶]|[<\[]\s*인터뷰\s*[>\]]\s*[^:：\"“]{{1,60}}"
    r"|◀\s*[^▶]{1,60}▶|◀\s*[A-Za-z/]{2,6}\s*▶\s*[^.!?\"“”]{1,24}|[<\[]\s*현장음\s*[>\]].*|"
    r"[가-힣]{2,4}\s?앵커(?:\s*\([^()]{1,40}\))?"
    r"|[가-힣]{2,4}\s?(?:기자|앵커|특파원)\s*[:：])$"
)
# `김명화 기자 :` opening (or standing for) a reporter's part in a 1990s script: the report's author.
_REPORTER_LABEL = rx(r"^(?P<name>[가-힣]{2,4})\s?(?:기자|특파원)\s*[:：]")


# `▶ 인터뷰 : 홍길동 / 시민`: a broadcast's cue naming who speaks next.
_CUE = r"▶\s*(?:인터뷰|스탠딩|녹취|현장음|싱크|전화\s*인터뷰)[^:：]{0,12}[:：]\s*[^\"“]{0,30}"


# A label opening a line of speech: `<앵커> 어젯밤 …`, `<인터뷰> 홍길동(기자) : "…"`, `[홍길동 / 시민 : …]`,
# `▶ 인터뷰 : 홍길동 / 시민 …`.
TRANSCRIPT_LEAD = rx(
    rf"^(?:\(\s*(?:남|여|앵커|기자)\s*\)\s*(?=\S)|[<\[【]\s*{_PART}\s*[>\]】]\s*(?:[^:：\"“]{{1,40}}[:：]\s*)?"
    r"|\[[^\]:：\"“]{1,50}[:：]\s*(?=[^\]]*\]\s*$|[\"“][^\]]*$)"        # `[홍길동/시민 : "…"]` (or cut before `]`)
    # `(S/U) …`: a stand-up; `ANC▶ …` cut at its `◀`
    r"|\((?:S/U|s/u|SU|스탠드업)\)\s*(?=\S)|[A-Z]{3}▶\s*(?=\S)"
    rf"|{_CUE}?(?=[\"“(])"
    r"|[◆◇▶▷]\s*[가-힣]{2,4}\s*[>:：]\s*(?=\S)"
    r"|[<\[]\s*질문\s*\d{1,2}(?:-\d{1,2})?\s*[>\]]\s*(?=\S)"     # `<질문 3-1> …`: an interview's question number
    r"|◀\s*[A-Za-z가-힣/ ]{1,10}\s*▶\s*(?=\S)"                    # `◀ANC▶ …`, `◀VCR▶ …`: a script's cue
    r"|(?:c/g|C/G|CG)\s*[/:]\s*(?=\S)"                              # `c/g/ …`: a graphics cue
    r"|[●○]\s*[가-힣]{2,4}\s*>\s*(?=\S)"                             # `●윤상범> …`: a radio host and guest
    r"|[●⊙◎○]\s*(?:[가-힣]{2,4}\s?)?(?:앵커|기자|리포터)?\s*[:：]\s*(?=\S)"  # `● 앵커: …`, `⊙앵커: …` (1990s scripts)
    # `● 송일용 총무부장 (한양대): …`
    r"|[●⊙◎○]\s*(?P<speaker>[가-힣]{2,4})(?:\s?씨)?(?:\s+[가-힣]{1,10})?(?:\s*\([^()]{1,16}\))?\s*[:：]\s*(?=\S)"
    r"|[가-힣]{2,4}\s?(?:기자|앵커|특파원)\s*[:：]\s*(?=\S)"              # `김명화 기자 : …`
    r"|[가-힣]\s?[:：]\s*(?=\S))"                                           # `양 : …`, `문: …` (a syllable of the name)
)


# A script's cue inside a line (`◀VCR▶`, `◀INT▶`, `◀END▶`) and a speaker's name alone in brackets.
_INLINE_CUE = rx(r"\s*(?:◀\s*[A-Za-z/]{2,6}\s*▶|\((?:S/U|s/u)\))\s*")
_SPEAKER_PAREN = rx(r"^\(\s*[가-힣]{2,4}\s*\)$")


_SYLLABLE_TURN = rx(r"\n[가-힣]\s?[:：]\s*\S")      # (a line's start: `\n`, faster than `(?m)^`)
_SYLLABLE_TURN_AT = rx(r"[가-힣]\s?[:：]\s*\S")


# Speakers inside a line of transcript: `… ▷김태현 : 국민의힘이 … ▶김재섭 : …`.
INLINE_SPEAKER = rx(r"[▷▶◆◇]\s*[가-힣]{2,4}\s*[:：]\s*")


_LABEL_STARTS = frozenset("<[【◀(▶◆◇▷●○⊙◎cC")


_SPEAKER_MARK = rx(r"[▷▶◆◇]")


# A speaker's label alone on its line in a broadcast transcript: `[앵커]`, `[김경진]`, `<기자>`.
_SPEAKER_ALONE = rx(r"^[\[<【]\s*(?P<who>앵커\s?멘트|앵커|기자|리포트|진행자?|사회자|현장음|[가-힣]{2,4})\s*[\]>】]$")


_SPEAKER_CUE = rx(rf"^{_CUE}$")                   # the cue alone on its line
_HOST_LABELS = {"앵커", "앵커멘트", "앵커 멘트", "기자", "리포트", "진행", "진행자", "사회자"}
_HOST_ALONE = rx(r"(?m)^\s*(?:[\[<【]\s*(?:앵커(?:\s?멘트)?|기자|리포트|진행자?|사회자)\s*[\]>】]|"
                 r"\*\s*[가-힣]{2,4}\s(?:앵커|기자)\s*[:：])\s*$")


def transcript_turns(doc) -> None:
    """A transcript (speaker labels alone on their lines, the anchor's among them): every turn after
    the first label is body, however short (`안녕하십니까.`, `2007년 말까지 했죠.`), up to the last
    body line; the labels are not."""
    text = doc.text
    if not ("앵커" in text or "[진행" in text or "<진행" in text or "사회자" in text or "[기자" in text
            or "<기자" in text or "【기자" in text) or not _HOST_ALONE.search(text):
        return
    speakers = {i: label["who"] for i, line in enumerate(doc.lines)        # line → who speaks
                if line.content[:1] in ("[", "<", "【") and (label := _SPEAKER_ALONE.match(line.content))}
    speakers.update({i: ("앵커" if "앵커" in line.content else "기자" if "기자" in line.content else line.content)
                     for i, line in enumerate(doc.lines)      # `* 심병일 기자 :` (labelled by the grammar's prepare)
                     if line.reason == "transcript_label" and line.content[:1] == "*"})
    if len(speakers) < 2 or not any(who in _HOST_LABELS for who in speakers.values()):
        return
    first = min(speakers)
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if not body or first > body[0]:
        return
    after_label = True                    # the first label opens the loop's range
    last = body[-1]
    starred = any(doc.lines[i].content[:1] == "*" for i in speakers)     # a 1990s script: every turn labelled
    if starred and max(speakers) > last:  # turns after the body's end: their words run to the next furniture
        last = next((k for k in range(max(speakers) + 1, len(doc)) if doc.lines[k].role == "furniture"
                     and doc.lines[k].reason not in ("footer", "not_prose", "duplicate_block")), len(doc))
    for i in range(first + 1, last):
        line = doc.lines[i]
        if i in speakers:
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
            after_label = True
            continue
        if i == doc.title:                     # a 'headline' after the first label is a speaker's words
            doc.title = None
            line.role = "subtitle"
        if _SPEAKER_CUE.match(line.content):   # `▶ 인터뷰(☎) : 소방 관계자`: who speaks next, not words
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
            after_label = True
            continue
        if line.content and (line.role in ("subtitle", "furniture") and line.reason in (None, "header", "not_prose")
                             or starred and line.role == "furniture" and line.reason == "footer" and i > body[-1]
                             or line.role == "caption" and after_label):     # a speaker's first words
            line.role, line.reason, line.kept = "body", None, None
            _cut_line_tails(doc, line)        # (glued tails were cut before it was body)
        after_label = after_label and not line.content
    doc.lines[first].role, doc.lines[first].reason = "furniture", "transcript_label"


def _next_text(doc, i: int) -> str:
    """The next line after `i` that holds anything ('' at the page's end)."""
    return next((line.content for line in doc.lines[i + 1:] if line.content), "")


# A broadcast script's cue alone or opening its line: `◀ANC▶`, `◀ VCR ▶`, `◀INT▶`, `◀END▶`, `◀ 앵 커 ▶`.
_SCRIPT_CUE = rx(r"^◀\s*(?:ANC|VCR|INT|END|SYN|CG|SU|S/U|앵\s?커|리\s?포\s?트|기\s?자|인터뷰)\s*▶")
_SCRIPT_HEADER_REASONS = (None, "header", "not_prose")


def script_in_header(doc) -> None:
    """A broadcast script (two or more `◀ANC▶`-style cues) runs from its first cue: the lines a parser
    took for the header's deck between the first cue and the script's last paragraph are the report
    (the cues and speaker lines among them are `transcript_labels`' to drop)."""
    if "◀" not in doc.text:
        return
    cues = [i for i, line in enumerate(doc.lines) if _SCRIPT_CUE.match(line.content)]
    if len(cues) < 2:
        return
    last = max((i for i, line in enumerate(doc.lines) if line.role in ("body", "signoff")), default=cues[-1])
    for i in range(cues[0], max(last, cues[-1]) + 1):
        line = doc.lines[i]
        if line.content and _script_words(line.content) and (
                line.role == "subtitle" or line.role == "furniture" and line.reason in (*_SCRIPT_HEADER_REASONS,
                                                                                        "footer")):
            doc.label(i, "body")
    for i in range(max(last, cues[-1]) + 1, len(doc)):       # the script goes on after its last cue
        line = doc.lines[i]
        if not line.content:
            continue
        if line.role != "furniture" or line.reason != "footer" or not _script_words(line.content):
            break
        doc.label(i, "body")
    for i in cues:                        # the speaker's name and role under an interview's cue
        if not _INTERVIEW_CUE.match(doc.lines[i].content) or doc.lines[i].content.rstrip()[-1:] != "▶":
            continue
        below = next((k for k in range(i + 1, min(i + 3, len(doc))) if doc.lines[k].content), None)
        if below is not None and doc.lines[below].role == "body" and _SPEAKER_ROLE.match(doc.lines[below].content):
            doc.label(below, "furniture", "transcript_label")
    for i, line in enumerate(doc.lines):
        if line.role != "body":
            continue
        if _STAND_UP.match(line.content):
            doc.label(i, "furniture", "transcript_label")


def _script_words(text: str) -> bool:
    """A line of a script's words (or a cue): Korean text, no site chrome, no tags, no copyright, no
    on-screen super (`수퍼1) 이상철`) and no crew credit (`(영상취재: 양철규)`)."""
    if _SUPER_OR_CREW.match(text):
        return False
    return (_SCRIPT_CUE.match(text) is not None or hangul_count(text) >= 0.5 * len(text.replace(" ", ""))) \
        and not _SCRIPT_STOP.search(text) \
        and not lk.is_ui_line(text) and not lk.is_sidebar_heading(text) \
        and lk.broadcast_signoff(text) is None and lk.contracted_signoff(text) is None


_SUPER_OR_CREW = rx(r"^[(\[]?\s*(?:(?:수퍼|자막|CG|C/G|그래픽)\s?\d{0,2}\s?[):]|(?:영상\s?취재|영상\s?편집|촬영|카메라|"
                    r"편집)\s*[:：/])")
_SCRIPT_STOP = rx(r"#|ⓒ|©|Copyright|저작권|무단|https?://|www\.|daum|네이버|구독|확인하세요|바로\s?가기")
_INTERVIEW_CUE = rx(r"^◀\s*(?:INT|SYN|인터뷰)\s*▶")
# `노자섭/ 농민`, `故 강영훈 / 전 국무총리 (대전직할시 개청식, 1989년)`: who speaks, no words of theirs.
_SPEAKER_ROLE = rx(r"^(?:故\s?)?[가-힣]{2,4}(?:\s?스님)?\s*/\s*[^\"“”.!?]{1,50}$")
# A camera or production cue alone on its line: `(스탠드업)`, `(PAN)`, `(VCR)`, `(꼼지락 타이틀 BG)`.
_STAND_UP = rx(r"^\((?:스탠드\s?업|S/U|s/u|SU|PAN|VCR|CAM|CG|C/G|INT|ANC|[가-힣 ]{0,12}\s?(?:BG|타이틀|이펙트|"
               r"효과음))\)$")


def spoken_turns(doc) -> None:
    """In a transcript, the line under a speaker's label (`[앵커]` / `폭음 소리를 들으셨습니까?`) is
    what they said: a sentence a parser set aside as too short for prose is body again."""
    labels = [i for i, line in enumerate(doc.lines) if line.reason == "transcript_label" and line.kept is None
              or line.role == "furniture" and _SPEAKER_TAG.match(line.content)]
    if len(labels) < 2 or not any("앵커" in doc.lines[i].content or "기자" in doc.lines[i].content for i in labels):
        return
    for i in labels:
        below = next((k for k in range(i + 1, min(i + 3, len(doc))) if doc.lines[k].content), None)
        if below is None:
            continue
        line = doc.lines[below]
        if line.role == "furniture" and line.reason in ("not_prose", "header",
                                                        None) and _SPOKEN_SENTENCE.search(line.content):
            doc.label(below, "body")


# A speaker's or part's tag alone on its line: `[앵커]`, `[이완배]`, `<기자>`.
_SPEAKER_TAG = rx(r"^[\[<【]\s*[가-힣]{2,6}\s*[\]>】]$")
_SPOKEN_SENTENCE = rx(r"[가-힣](?:다|요|죠|까|니까|나요|세요)[.?!]{1,2}[\"'”’]?$")


def transcript_labels(doc) -> None:
    """Broadcast transcripts: part and speaker labels are not the report's words."""
    marks = any(mark in doc.text for mark in "▷▶◆◇")
    reporters: list[str] = []
    cues = "◀" in doc.text or "/U)" in doc.text or "/u)" in doc.text
    spoken = cues or "앵커" in doc.text or "리포트" in doc.text     # a broadcast's script or transcript
    turns = 1 if _SYLLABLE_TURN_AT.match(doc.text) else 0     # `양 : …` / `청 : …` opening two lines or more
    for _ in _SYLLABLE_TURN.finditer(doc.text):
        turns += 1
        if turns >= 2:
            break
    syllable_turns = turns >= 2
    for i, line in enumerate(doc.lines):
        if line.role != "body":
            continue
        text = line.kept if line.kept is not None else line.content
        if cues and _INLINE_CUE.search(text, 1):      # `… 보도합니다. ◀VCR▶ 여수항에서 …`, `… (s/u) "…`
            text = line.kept = collapse(_INLINE_CUE.sub(" ", text[:1]) + _INLINE_CUE.sub(" ", text[1:]))
            line.reason = line.reason or "transcript_label"
        if text[:1] == "(" and _STAND_UP.match(text):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None   # `(PAN)`: a camera cue
            continue
        if spoken and "/" in text[2:12] and _SPEAKER_ROLE.match(text) and _next_text(doc, i)[:1] in ("\"", "“", "("):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None   # a speaker over their words
            continue
        if text[:1] == "(" and _SPEAKER_PAREN.match(text) and people.is_person_name(text[1:-1].strip()) \
                and _next_text(doc, i).startswith(("\"", "“")):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None   # `(고승덕)` over a quote
            continue
        reporter = _REPORTER_LABEL.match(text) if "기자" in text[:10] or "특파원" in text[:11] else None
        if reporter and people.is_person_name(reporter["name"]) and reporter["name"] not in reporters:
            reporters.append(reporter["name"])
        if not text:
            continue
        opens_label = text[0] in _LABEL_STARTS or "앵커" in text[:12] or reporter is not None or text[3:4] == "▶" \
            or (syllable_turns and text[1:3] in (" :", ":", " ：", "："))
        if opens_label and TRANSCRIPT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
            continue
        if marks and _SPEAKER_MARK.search(text) and len(INLINE_SPEAKER.findall(text)) >= 2:   # one-line transcript
            line.kept, line.reason = collapse(INLINE_SPEAKER.sub(" ", text)), line.reason or "transcript_label"
            continue
        if not opens_label:
            continue                      # no label can open this line
        match = TRANSCRIPT_LEAD.match(text)
        if match and match["speaker"] and not people.is_person_name(match["speaker"]):
            match = None                  # `● 신청기간 접수처: …`: a list's label, not a speaker
        if match and text[match.end():].strip():
            kept = text[match.end():].strip()
            if match.group(0).startswith("[") and not re.match(rf"\[\s*{_PART}\s*\]", match.group(0)):
                kept = kept.removesuffix("]").rstrip()
            line.kept, line.reason = kept, line.reason or "transcript_label"
    if len(reporters) == 1 and not doc.has_authors():
        doc.leads.append(Byline(authors=reporters))


_CHROME_HINT = rx("|".join(re.escape(c) for c in _COPYRIGHT_LITERALS) + "|" + _WIDGET_HINT.pattern)


# A photo's place under its picture: `―서울 종로구 계동길에서`.
PLACE_TAG = rx(r"^[―—]\s*[가-힣A-Za-z0-9 ·,]{2,30}에서$")


# A section label in capitals standing in the body: `COVER STORY`, `INTERVIEW`.
_SECTION_CAPS = rx(r"^[A-Z][A-Z &·-]{2,28}$")


# A desk signing the article: `편집국`, `온라인뉴스팀`, `디지털뉴스부`.
DESK_LINE = rx(r"^(?:[가-힣]{0,6}|[A-Z0-9]{2,5}\s)(?:편집국|편집부|뉴스팀|뉴스부|취재팀|취재부|사진부|온라인팀|이슈팀|"
               r"디지털팀|기획팀"
               r"|지역국|보도국)$")                 # (`KBS 지역국`: a broadcaster's desk signs off)


# A transcript's speaker named in brackets on a line of its own: `[안준연]`, `[대구 전세사기 피해자]`.
SPEAKER_LINE = rx(r"^\[[^\[\]]{2,24}\]$")


_DESK_WORD = rx(people.DESK_NAME)


# A line of hashtags only (`#한국 #독일 #손흥민`), a contact line (`이승환(취재) 010-3593-5214`), a copyright
# notice a dash or bullet opens (`- Copyrights ⓒ 조선`).
HASHTAGS = rx(r"^#[^\s#]+(?:\s+#[^\s#]+)+$")


CONTACT_LINE = rx(r"^[가-힣]{2,4}\s*(?:\([^()]{1,12}\))?\s*[:：]?\s*0\d{1,2}[-.)\s]\d{3,4}[-.\s]\d{4}$"
                  # `문의 02) 360-4000`
                  r"|^(?:구독|독자|광고|기사)?\s?문의\s*[:：]?\s*(?:\(?0\d{1,2}\)?[-.\s]?)?\d{3,4}[-.\s]\d{4}$"
                  # a tip line's contacts: `▶ 전화 032-670-5555`, `▶ 이메일 jebo@obs.co.kr`, `▶ 카카오톡 @OBS제보`
                  r"|^[▶▷►■•-]?\s*(?:전화|이메일|e메일|카카오톡|카톡|팩스|"
                  r"홈페이지)\s*[:：]?\s*(?:0\d{1,2}[-.)\s]?\d{3,4}[-.\s]\d{4}|[\w.+-]+@[\w.-]+|@\S{2,20})$")


COPYRIGHT_LINE = rx(r"^[-–•·]?\s*(?:Copyrights?|COPYRIGHTS?)\s*[©ⓒⒸ(]")


# A short line that ends with a web address and says no sentence (`동아닷컴 도깨비뉴스 http://…`).
LINK_LINE = rx(r"^(?:[^.!?。]{0,60}\s)?(?:https?://|www\.)\S+$")
# A paragraph boxed in lenticular brackets: the outlet's note or promotion (`【오마이뉴스의 모토는 …】`);
# the brackets of a transcript label hold a word or two.
BOXED_NOTE = rx(r"^【[^【】]{40,}】$")


# A photo's short title and its credit after a slash: `눈 내린 한라산 / 김호천 기자`, `… 등산객들 / 인제군 제공`.
SLASH_CAPTION = rx(r"^[^.!?。/]{2,50}?\s/\s*(?:[가-힣]{2,4}\s?(?:선임|수석)?기자|[^\s/]{1,15}\s?제공"
                   r"|AP|AFP|EPA|UPI|로이터|연합뉴스|뉴시스|뉴스1|게티이미지|신화)\s*$")


# Who stands where in a photo (`최용석 총회의장(왼쪽)과 여윤정 회장.`): a caption's mark, when no verb
# makes the line a sentence of the article.
_PARTIAL_EMAIL_LINE = rx(r"^[\w.+-]{2,}@[\w.-]*$")
# A table's or chart's title with its units and source: `2023년 국내 수산물생산량 및 생산금액(단위: 톤, 억 원, %,
# 자료=…)`.
_TABLE_TITLE = rx(r"[(\[<]\s*단위\s*[:：]")
_POSITION_MARK = rx(r"\((?:왼쪽|오른쪽|가운데|앞줄|뒷줄|사진\s?왼쪽|좌|우)[^)]{0,10}\)")
_VERB_END = rx(r"(?:다|요|까)[.?!]?[\"'”’)]*$")


def chrome_in_body(doc) -> None:
    """Lines a template let into the body that are site chrome (`기사제보`, `좋아요0 추천해요0`),
    a widget's or promotion's sentence, a list's heading (`이 기사의 관련기사`, `인기 화보 갤러리`),
    an issue stamp, a photo's place tag, a bracketed speaker, a byline before a copyright notice
    or a broadcast sign-off (`KBS 뉴스 서영민입니다.`; their names are the authors)."""
    paragraphs = sum(1 for line in doc.lines if line.role == "body")
    last_prose = next((i for i in range(len(doc.lines) - 1, -1, -1) if doc.lines[i].role == "body" and (
        len(doc.lines[i].content) >= 40 or lk.is_prose(doc.lines[i].content) or _is_cut(doc.lines[i].content))), -1)
    for i, line in enumerate(doc.lines):
        if line.role == "body" and BOXED_NOTE.match(line.content):
            line.role, line.reason, line.kept = "furniture", "promotion", None
            continue
        if line.role != "body" or len(line.content) > 160:
            continue                      # chrome, widgets, headings and sign-offs are short
        if "단위" in line.content and _TABLE_TITLE.search(line.content) and len(line.content) <= 120 \
                and not ends_with_full_stop(line.content):
            line.role, line.reason, line.kept = "caption", "caption", None      # a table's title and units
            continue
        if line.reason == "signoff" and line.cut_tail and paragraphs >= 3 and _POSITION_MARK.search(line.content) \
                and any(b.photo_credit for b in doc.signoffs):
            line.role, line.reason, line.kept = "caption", "caption", None      # a caption with its photographer
            continue
        raw = line.kept if line.kept is not None else line.content
        if not raw:
            continue                      # a wrapped paragraph's continuation, joined into its first line
        if len(raw) >= 40 and raw[-1] in _CLOSERS and "@" not in raw and not _CHROME_HINT.search(raw) \
                and not raw.endswith(("입니다.", "입니다", "었습니다.")):
            continue                      # a sentence of prose: none of the shapes below
        copyright_hint = any(c in raw for c in _COPYRIGHT_LITERALS)
        widget_hint = bool(_WIDGET_HINT.search(raw))
        text = lk.core(raw)
        signoff = lk.broadcast_signoff(text) if _SPOKEN_END.search(text) else None
        byline_part = _COPYRIGHT_START.split(text, 1) if copyright_hint else [text]
        byline = people.match_signoff(byline_part[0]) if len(byline_part) == 2 and byline_part[0] else None
        if byline is None and len(text) <= 60 and ("@" in text or people.has_title_word(text)):
            byline = people.match_signoff(text)               # a whole byline line left in the body
            byline = byline if byline is not None and (byline.authors or byline.emails) else None
        if byline is not None:
            doc.signoffs.append(lk.clean_byline(byline))
            line.role, line.reason, line.kept = "signoff", "signoff", None
        elif len(byline_part) == 2 and _DESK_WORD.fullmatch(byline_part[0].strip()):
            line.role, line.reason, line.kept = "furniture", "copyright", None   # `온라인이슈팀 ⓒ …`
        elif widget_hint and WIDGET_LINE.search(text):
            line.role, line.reason, line.kept = "furniture", "widget", None
        elif _PARTIAL_EMAIL_LINE.match(text):
            # `rlawlsrn57@ha`: an e-mail the page cut
            line.role, line.reason, line.kept = "signoff", "signoff", None
        elif SLASH_CAPTION.match(text) or (len(text) <= 40 and not ends_with_full_stop(text) and lk.is_caption(text)) \
                or (paragraphs >= 3 and len(text) <= 90 and _POSITION_MARK.search(text) and not _VERB_END.search(text)):
            line.role, line.reason, line.kept = "caption", "caption", None     # `조수빈 아나운서(KBS 제공)`
        elif PROGRAMME_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "header", None
        elif HASHTAGS.match(text) or CONTACT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "footer", None
        elif LINK_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "related", None
        elif COPYRIGHT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "copyright", None
        elif ISSUE_STAMP.match(text):
            line.role, line.reason, line.kept = "furniture", "header", None
        elif PLACE_TAG.match(text):                   # (starts with a dash: never an issue stamp)
            line.role, line.reason, line.kept = "furniture", "caption", None
        elif DESK_LINE.match(text):
            line.role, line.reason, line.kept = "signoff", "signoff", None
        elif SPEAKER_LINE.match(text) and not people.match_lead(text):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
        elif signoff is not None:
            doc.signoffs.append(signoff)
            line.role, line.reason, line.kept = "signoff", "signoff", None
        elif lk.is_ui_line(text) or (lk.is_symbolic(text) and not any(ch.isdigit() for ch in text)) \
                or _SECTION_CAPS.match(text):
            line.role, line.reason, line.kept = "furniture", "toolbar", None
        elif (lk.is_sidebar_heading(text) and i > last_prose) or _LIST_HEADING.match(text):
            line.role, line.reason, line.kept = "furniture", "sidebar", None
            _list_under(doc, i)
        elif text[:2] == "- " and len(text) <= 30 and _photo_card_line(doc, text[2:]):
            line.role, line.reason, line.kept = "furniture", "photo_card", None
        elif _BRACKETED_OUTLET.match(text):
            line.role, line.reason, line.kept = "furniture", "source_label", None       # `<한국대학신문>`


_BRACKETED_OUTLET = rx(rf"^[<〈《\[]\s*[가-힣A-Za-z0-9]{{1,12}}{people.OUTLET_SUFFIX}\s*[>〉》\]]$")
_FULL_STORY = rx(r"^(?:기사\s?)?(?:전체\s?보기|원문\s?보기|더\s?보기)$")


def _photo_card_line(doc, rest: str) -> bool:
    """A photo card's dashed lines under its caption: the agency's photo service (`- 연합포토`), the
    time (`- 2026-01-02 13:56`, which dates the page when nothing else does), a link (`- 기사 전체 보기`)."""
    if (
        _FULL_STORY.match(rest)
        or (rest.endswith("포토") and outlet_from_name(rest[:-2].strip()))
        or outlet_from_name(rest)
    ):
        return True                       # (`- 스포츠월드`: the card's publisher)
    when = lk.unlabelled_datetime(rest) if rest[:2] in ("19", "20") else None
    if when and doc.published is None:
        doc.published = when
    return when is not None


def _list_under(doc, heading: int) -> None:
    """The items under a list's heading (`• [사회일반] 비 와도 '함박웃음'…`): headlines, not prose, up to
    the next paragraph of prose."""
    for line in doc.lines[heading + 1:]:
        if not line.content:
            continue
        text = lk.core(line.content)
        if line.role not in ("body", "subtitle") or len(text) > 100 or lk.is_prose(text) or ends_with_full_stop(text):
            return
        line.role, line.reason, line.kept = "furniture", "sidebar", None


# A heading over a list of other articles or pictures that `is_sidebar_heading` does not know.
_LIST_HEADING = rx(r"^(?:헤드라인|태그|Tags?|TAGS?|이\s?기사의\s?관련\s?기사|인기\s?화보(?:\s?갤러리)?|오늘의\s?사진|"
                   r"금주의\s?베스트\s?기사|댓글\s?많은\s?뉴스?"
                   r"|많이\s?본\s?뉴스|포토\s?뉴스|관련\s?기사|함께\s?볼\s?만한\s?기사)$")


_ARROW_NOTE_MAX = 80


def trailing_arrow_notes(doc) -> None:
    """Short `▶ …`/`☞ …` lines that close the body are the outlet's notes and links (`▶ 동영상 콘텐츠는
    … 제작되었습니다.`), not the article (a list inside the article is followed by more text)."""
    for line in reversed(doc.lines):
        if not line.content or line.role in ("blank", "furniture", "signoff"):
            continue
        if line.role == "body" and _glued_list(line.content):
            line.role, line.reason, line.kept = "furniture", "sidebar", None
            return
        if line.role != "body" or line.content[0] not in "▶☞" or len(line.content) > _ARROW_NOTE_MAX:
            return
        line.role, line.reason, line.kept = "furniture", "related", None


# Sentence ends inside a line: `…했다. `, `…입니다 `; a run of headlines has none.
_SENTENCE_INSIDE = rx(r"(?:[다요죠까]|니다)[.?!]?[”\"’']?(?:\s|$)")


_LIST_WORD = rx(r"기사|뉴스|콘텐츠|컨텐츠|정보|이슈|포토|영상|헤드라인|화보|사진")


def _glued_list(text: str) -> bool:
    """A list's heading with its items run together on the body's last line, as a flattened page
    gives them (`주요기사 홍성군, … 접수 예산군, … 캠페인 전개 …`): no sentence ends among the items."""
    if len(text) < 50 or not _LIST_WORD.search(text, 0, 14):
        return False
    words = text.split(" ", 3)
    for size in (1, 2, 3):
        heading = " ".join(words[:size])
        if len(words) > size and (_LIST_HEADING.match(heading) or lk.is_sidebar_heading(heading)):
            return len(text) - len(heading) >= 40 and not _SENTENCE_INSIDE.search(text[len(heading):])
    return False


def after_copyright(doc) -> None:
    """Below the copyright notice that closes an article (its prose or its photo's caption above),
    short lines a parser kept as body (a portal's list of other headlines, `- [오늘의 운세] …`,
    `- 김재욱, 안타까운 소식 전했다 "암수술 2번 했는데…"`) are not the article."""
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if not body:
        return
    first_caption = next((i for i, line in enumerate(doc.lines) if line.role == "caption"), len(doc))
    opened = min(first_caption, body[0] if lk.is_prose(doc.lines[body[0]].content) else len(doc))
    closing = next((i for i, line in enumerate(doc.lines) if line.reason == "copyright" and i > opened), None)
    if closing is None:
        return
    above = {collapse(doc.lines[i].content) for i in body if i < closing}
    # (a copy of the article's text below its copyright is `repeated_paragraphs`' to drop, not a sidebar)
    after = [i for i in body if i > closing and collapse(doc.lines[i].content) not in above]
    if after and (not any(lk.is_prose(doc.lines[i].content) for i in after)
                  or all(_LIST_ITEM.match(doc.lines[i].content) or _CORNER_CARD.match(doc.lines[i].content)
                         for i in after)):
        for i in after:
            doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "furniture", "related", None


_LIST_ITEM = rx(r"^[-•·]\s.{4,80}$")
# Another article's card: its corner in brackets, its headline and first words (`[설왕설래] 두부대란 콩(대두) …`).
_CORNER_CARD = rx(r"^\[[^\[\]]{2,12}\]\s?\S")


# An editor's note: its label alone (`편집자주`), or a paragraph it opens or closes (`[편집자주] …`,
# `… 부문별로 소개한다.<편집자주>`, `… 알아보자. <편집자>`).
_NOTE_LABEL = r"[\[<(【〈]?\s*편집자\s?(?:주|註|노트)?\s*[\]>)】〉]?"


EDITOR_NOTE_ALONE = rx(rf"^(?:{_NOTE_LABEL}|[-–—]\s*편집자\s?주\s*[-–—])\s*:?$")


EDITOR_NOTE = rx(r"^[\[<(【〈]\s*편집자\s?(?:주|註|노트)\s*[\]>)】〉]|[.!?。\"'”’)]\s*(?:[\[<(【〈]\s*편집자\s?(?:주|"
                 r"註)?\s*[\]>)】〉]"
                 r"|[-–—]\s*편집자\s?주\s*[-–—])$")


# A series' or corner's note about itself, in a box above or below the article: `한강로 사진관은 세계일보
# 사진부 기자들이 만드는 코너입니다.`, `[포토多이슈] … 연재물`, `… 칼럼을 새롭게 마련했습니다.`, `… 뒷 이야기를
# 들려드립니다.`, `… 사진뉴스들을 만나보세요.`, `다음호도 기대해주세요.`
SERIES_NOTE = rx(r"코너입니다|연재물$|(?:칼럼|코너|지면|연재)을\s?(?:새롭게\s?|새로\s?)?마련했습니다|(?:을|"
                 r"를)\s?들려\s?드립니다"
                 r"|(?:을|를)\s?(?:만나|들어)\s?보세요[.!]?$|다음\s?호도\s?기대해\s?주세요")
_SERIES_HINT = rx(r"코너|연재|마련했습니다|드립니다|보세요|기대해")


def series_notes(doc) -> None:
    """The first or last body lines that are a series' note about itself are furniture (the same
    words between the article's paragraphs are the article's own, and are kept)."""
    if not _SERIES_HINT.search(doc.text):
        return
    lines = doc.lines
    first = list(islice((i for i, line in enumerate(lines) if line.role == "body" and line.content), 3))
    last = list(islice((i for i in range(len(lines) - 1, -1, -1) if lines[i].role == "body" and lines[i].content), 3))
    for run in (first, last):
        notes = [k for k, i in enumerate(run) if _SERIES_HINT.search(doc.lines[i].content)
                 and SERIES_NOTE.search(doc.lines[i].content)]
        if not notes or notes[0] != 0:
            continue                      # the box stands at the article's edge
        for i in run[: notes[-1] + 1]:    # with a line of its own between two of its notes
            doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "furniture", "promotion", None


def editor_notes(doc) -> None:
    """An editor's note introducing a series or a column (issue 10's `[편집자주]`) is not the article:
    a paragraph it opens or closes, or the paragraph after its label alone on a line."""
    if "편집자" not in doc.text:
        return
    after_label = False
    for line in doc.lines:
        if not line.content:
            continue
        if EDITOR_NOTE_ALONE.match(line.content):
            line.role, line.reason, line.kept = "furniture", "editor_note", None
            after_label = True
            continue
        if line.role == "body" and (after_label or EDITOR_NOTE.search(line.kept or line.content)):
            line.role, line.reason, line.kept = "furniture", "editor_note", None
        after_label = False


_SANDWICH_MIN = 80        # characters of a paragraph set aside between two body lines


def sandwiched_prose(doc) -> None:
    """A long paragraph set aside as 'not prose' between two body paragraphs because it does not
    end a sentence (a crawl cut or wrapped it: `… 할 것입니다.지난 16년 동안 … 감사드리며`) is body
    when it holds a sentence of its own."""
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    for before, after in zip(body, body[1:]):
        for i in range(before + 1, after):
            line = doc.lines[i]
            if line.role == "furniture" and line.reason == "not_prose" and len(line.content) >= _SANDWICH_MIN \
                    and lk.sentence_count(line.content) >= 1 and not lk.is_caption(line.content):
                line.role, line.reason = "body", None


def orphan_prose(doc) -> None:
    """A page left with no body whose parser set its paragraphs aside as header or deck lines:
    those paragraphs are the body."""
    if not _has_no_body(doc):
        return

    last = max((i for i, line in enumerate(doc.lines) if line.content), default=-1)
    set_aside = ("header", "menu", "not_prose", "footer") if doc.title is None else ("header",)
    for i, line in enumerate(doc.lines):
        if (line.role == "subtitle" or (line.role == "furniture" and line.reason in set_aside)) \
                and (lk.is_prose(line.content, page_end=i == last or line.content.endswith("\ufffd"))
                     or _describes(line.content)):
            _to_body(doc, i, photo=True)
    _wrapped_deck(doc)


_DECK_RUN = 4        # deck lines in a row: more than a deck, the article's text cut into short lines


def _wrapped_deck(doc) -> None:
    """A run of four or more 'deck' lines on a page with no body is its text in short lines (an
    intro to a photo gallery, a verse-like caption)."""
    if not _has_no_body(doc):
        return
    runs, current = [], []
    for i, line in enumerate(doc.lines):
        if line.role == "subtitle":
            current.append(i)
        elif line.content:
            runs.append(current)
            current = []
    runs.append(current)
    for run in runs:
        if len(run) >= _DECK_RUN:
            for i in run:
                doc.lines[i].role, doc.lines[i].reason = "body", None


def photo_news(doc) -> None:
    """No body and no deck, but photos whose captions are prose: the descriptions are the article
    (photo-news; a gallery when there are several). Captions under a deck are an article whose
    text the dump did not capture: they stay captions."""
    if not _has_no_body(doc) and not _body_is_image_texts(doc):
        return
    first_caption = next((i for i, line in enumerate(doc.lines) if line.role == "caption"), len(doc))
    if any(line.role == "subtitle" for line in doc.lines[:first_caption]):
        return                            # a deck above the photo: an article the dump did not capture
    if _verse_above(doc, first_caption):
        return                            # the story told in short lines above the photos
    # a gallery (several photos, no deck, no text) is described by its captions: each is a paragraph;
    # an image's alt text repeats its caption and stays out
    described = {
        identity_text(_strip_credit(line.content))
        for line in doc.lines
        if line.role == "caption" and not line.content.startswith("![") and _describes(_strip_credit(line.content))
    }
    if not described:
        return
    was_body = set()
    for i, line in enumerate(doc.lines):
        if line.role == "body":
            line.role, line.reason, line.kept = "furniture", "not_prose", None      # teasers around the photo
            was_body.add(i)
    photos = [i for i, line in enumerate(doc.lines) if line.content.startswith("![")]
    doc.gallery = len(photos) >= 2
    for k, i in enumerate(photos if doc.gallery else ()):
        # a gallery's photo whose caption the excerpt cut off: its alt text is the only description
        below = next((j for j in range(i + 1, len(doc)) if doc.lines[j].content), None)
        alt = _ALT_CREDIT.split(doc.lines[i].content[2:].split("](")[0].rstrip("]").strip(), 1)[0]
        if below is None and _describes(alt):
            doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "caption", None, None
            doc.lines[i].text = doc.lines[i].content = alt
            described.add(identity_text(alt))
    for i, line in enumerate(doc.lines):
        repeated = doc.gallery and (line.reason == "duplicate_block" or i in was_body)   # one description per photo
        if (line.role == "caption" or repeated) and not line.content.startswith("![") \
                and identity_text(_strip_credit(line.content)) in described:
            text = line.content
            lead = people.match_lead(text)
            if lead is not None:
                doc.leads.append(lead)
                text = text[lead.end:].strip()
            line.role, line.reason = "body", ("caption_lead" if lead else None)
            doc.signoffs.extend(_cut_tails(text)[1])
            kept = _strip_credit(text)
            if kept != line.content:
                line.kept = kept
                line.reason = line.reason or "caption_credit"
                line.cut_tail = lead is None


# A photo's zoom button standing above its picture (and its caption).
_PHOTO_MARKERS = frozenset({"이미지 확대", "사진 확대", "이미지 크게보기", "사진 크게보기"})


def marked_gallery(doc) -> None:
    """A gallery whose photos each stand under a zoom button (`이미지 확대`) with their description
    printed again and again: when every body line is such a copy, the body is one description per
    photo (without its credit), in order; the other copies are not."""
    if "확대" not in doc.text and "크게보기" not in doc.text:
        return
    markers = [i for i, line in enumerate(doc.lines) if line.content in _PHOTO_MARKERS]
    if len(markers) < 2:
        return
    described = {}
    for marker in markers:
        j = next((k for k in range(marker + 1, len(doc)) if doc.lines[k].content), None)
        if (
            j is not None
            and doc.lines[j].content not in _PHOTO_MARKERS
            and _describes(_strip_credit(doc.lines[j].content))
        ):
            described[j] = identity_text(_strip_credit(doc.lines[j].content))
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if len(described) < 2 or not body or any(
            identity_text(_strip_credit(doc.lines[i].content)) not in described.values() for i in body):
        return
    for i in body:
        doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "furniture", "duplicate_block", None
    for j in described:
        line = doc.lines[j]
        doc.signoffs.extend(_cut_tails(line.content)[1])
        line.role, line.reason, line.kept = "body", "caption_credit", _strip_credit(line.content)
        line.cut_tail = line.kept != line.content
    doc.gallery = True


# A photographer's credit after an alt text's description (and whatever the alt repeats after it).
_ALT_CREDIT = rx(r"(?<=[.!?])\s+[가-힣]{2,4}\s?(?:선임|수석)?기자\b")


def _verse_above(doc, first_caption: int) -> bool:
    """Three or more body lines in a row above the first photo, 60 characters or more with a
    sentence ending among them (`따듯한 바람에 겨울을 건너 봄이 온듯 하더니` / `어느새 찬바람이 눈을
    몰고와` / `온세상을 … 버렸다.`): the article's text set in short lines, not teasers around the photo."""
    run: list[str] = []
    for line in doc.lines[:first_caption]:
        if line.role == "body":
            run.append(line.content)
        elif line.content:
            run = []
    return len(run) >= 3 and any(ends_with_full_stop(text) for text in run) and sum(map(len, run)) >= 60


def _body_is_image_texts(doc) -> bool:
    """Every body line repeats an image's alt text (`![…`): a gallery's descriptions, one of them
    taken for the article."""
    alts = [identity_text(line.content[2:])[:40] for line in doc.lines if line.content.startswith("![")]
    body = [identity_text(line.content)[:40] for line in doc.lines if line.role == "body"]
    return len(alts) >= 2 and bool(body) and all(len(b) >= 20 and any(b.startswith(a[:20]) for a in alts) for b in body)


# How a photo's description ends: `… 찍고 있다.`, `… 모습.`
_DESCRIPTION_END = rx(r"(?:있다|모습|모습이다|보이고\s?있다|펼쳐졌다)\.?[\"'”’)]*$")


def doubled_captions(doc) -> None:
    """A short description printed twice in a row (an image's alt text, then its caption) among an
    article's paragraphs is a photo's caption, not a paragraph (both copies)."""
    if not any(line.reason == "duplicate_block" for line in doc.lines):
        return
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if not any(len(doc.lines[i].content) >= 100 for i in body):
        return                            # no article beside it: the description may be all there is
    for i in body:
        text = doc.lines[i].content
        described = doc.lines[i].kept or text          # (without a credit cut from its end: `… / 삼성전자 제공`)
        if len(described) > 120 or not _DESCRIPTION_END.search(described) or lk.sentence_count(described) > 1:
            continue
        below = next((k for k in range(i + 1, len(doc)) if doc.lines[k].content), None)
        if below is not None and doc.lines[below].reason == "duplicate_block" and doc.lines[below].content == text:
            doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "caption", "caption", None


def photo_item_tail(doc) -> None:
    """A photo item told in one paragraph under its wire lead, whose description goes on in the next
    line, the one that ends with the photo's day and credit (`… 선정했다.2022.10.26 photo@newspim.com`):
    that line is the description's end (its credit cut), not another photo's caption."""
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if len(body) != 1 or doc.lines[body[0]].reason != "byline" or not doc.leads:
        return
    below = next((k for k in range(body[0] + 1, min(body[0] + 3, len(doc))) if doc.lines[k].content), None)
    if below is None or doc.lines[below].role != "caption" or not _PHOTO_CREDIT_END.search(doc.lines[below].content):
        return
    if any(line.role == "caption" for line in doc.lines[below + 1:]):
        return                            # (a gallery: every photo has its caption)
    _to_body(doc, below)


# The photo's day and credit closing a wire photo's description: `… 선정했다.2022.10.26 photo@newspim.com`.
_PHOTO_CREDIT_END = rx(r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*[\w.+-]+@[\w.-]+\s*$")


def empty_box(doc) -> None:
    """A list's heading inside the article whose items the crawl did not keep (`관련기사`, then the
    article's next paragraph): the paragraphs a parser set aside after it, as the page's footer,
    are the article's text going on."""
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if not body:
        return
    for i, line in enumerate(doc.lines):
        if line.reason != "sidebar" or len(line.content) > 12 or i < body[0] or i > body[-1] + 2:
            continue
        k = next((j for j in range(i + 1, len(doc)) if doc.lines[j].content), None)
        last = max(j for j, x in enumerate(doc.lines) if x.content)
        if k is None or doc.lines[k].role != "furniture" or doc.lines[k].reason != "footer" \
                or len(doc.lines[k].content) < 60 or not _goes_on(doc.lines[k].content, k == last):
            continue
        while k < len(doc):
            nxt = doc.lines[k]
            if nxt.content:
                if nxt.role != "furniture" or nxt.reason != "footer" or not _goes_on(nxt.content, k == last):
                    break
                nxt.role, nxt.reason = "body", None
            k += 1
        return


def _goes_on(text: str, page_end: bool) -> bool:
    """A paragraph of the article (maybe the one the excerpt cut)."""
    return lk.is_prose(text, page_end=page_end) or (len(text) >= 80 and lk.sentence_count(text) >= 1) \
        or (page_end and len(text) >= 60 and text.count(" ") >= 8)     # (the excerpt cut it mid-sentence)


def _near_copies(doc) -> None:
    """Two paragraphs in a row that say the same thing but for a word or two (a photo's description
    shown twice, `(사진 위)` in one and `(왼쪽)` in the other): the second is a copy, unless it says
    more: then the first is the photo's caption made from the lead (`… 공무원 600여 명을 …` above
    `… 시 산하 공무원 600여 명을 …`) and the fuller one is the article's."""
    previous: str | None = None           # the last body paragraph's text, and its line
    previous_line = None
    for line in doc.lines:
        if line.role != "body":
            continue
        text = line.kept if line.kept is not None else line.content
        if previous is not None and len(previous) >= _NEAR_COPY_MIN and len(text) >= _NEAR_COPY_MIN \
                and (previous[:_SAME_EDGE] == text[:_SAME_EDGE] or previous[-_SAME_EDGE:] == text[-_SAME_EDGE:]):
            a, b = previous.split(), text.split()
            says_more = len(a) < len(b)
            if (says_more or len(text) >= _NEAR_COPY_FULL) and len(set(a) & set(b)) >= _NEAR_COPY * len(
                set(a) | set(b)
            ):
                copy = previous_line if says_more and previous_line is not None else line
                copy.role, copy.reason, copy.kept = "furniture", "duplicate_block", None
                if copy is line:
                    continue
        previous, previous_line = text, line


_NEAR_COPY_MIN = 40     # characters each of the two needs: shorter lines say too little to compare
_NEAR_COPY_FULL = 60    # characters a second copy that says no more needs (two photos' short descriptions differ)
_SAME_EDGE = 6          # characters two copies share at their start or end (a cheap first test)
_NEAR_COPY = 0.85       # share of words two paragraphs in a row have in common to be one text shown twice


def _marked_copies(doc) -> None:
    """A description shown twice, first as a marked caption (`▲ 정조대왕의 효심이 …`), then as the
    item's text: the marked copy is the caption's duplicate, the unmarked one stays."""
    if "▲" not in doc.text and "△" not in doc.text:
        return
    body = [line for line in doc.lines if line.role == "body"]
    for k, line in enumerate(body):
        text = line.kept if line.kept is not None else line.content
        if text[:1] not in ("▲", "△"):
            continue
        bare = collapse(text[1:].strip())[:_CUT_REPEAT_MIN]
        if len(bare) >= 20 and any(collapse(other.kept if other.kept is not None else other.content).startswith(bare)
                                   for other in body[k + 1:]):
            line.role, line.reason, line.kept = "furniture", "duplicate_block", None


def more_box(doc) -> None:
    """A section's box after the article: its name, a `더보기` link, a headline and its teaser. The
    link ends the article; the label above it and the lines under it are a sidebar."""
    if "더보기" not in doc.text and "더 보기" not in doc.text:
        return
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    for i, line in enumerate(doc.lines):
        if line.content not in ("더보기", "더 보기", "+ 더보기", "+더보기") or not body or i < body[0] or i > body[-1]:
            continue
        before = [k for k in body if k < i]
        after = [k for k in body if k > i]
        if len(before) < 2 or not after or len(after) > 4:
            return
        label = before[-1]
        if len(doc.lines[label].content) <= 20 and not ends_with_full_stop(doc.lines[label].content):
            doc.label(label, "furniture", "sidebar")
        for k in after:
            doc.label(k, "furniture", "sidebar")
        return


def repeated_paragraphs(doc) -> None:
    """A paragraph that comes again once glued tails are cut (the same description under two
    photos, each with its own credit) is kept once."""
    if doc.gallery:
        return                            # a gallery's photos may share a description: each keeps its own
    _marked_copies(doc)
    _near_copies(doc)
    seen: set[str] = set()
    by_start: dict[str, list[str]] = {}   # the paragraphs seen, by their first _CUT_REPEAT_MIN characters
    for line in doc.lines:
        if line.role != "body":
            continue
        key = collapse(line.kept if line.kept is not None else line.content)   # (case and width were
        if not key:                                                              # folded by the engine's pass)
            continue                      # a wrapped line joined into the one above: nothing of its own
        start = key[:_CUT_REPEAT_MIN]
        if key in seen or (len(key) >= _CUT_REPEAT_MIN and any(s.startswith(key) for s in by_start.get(start, ()))):
            line.role, line.reason, line.kept = "furniture", "duplicate_block", None   # (or a copy the excerpt cut)
        if key not in seen:
            seen.add(key)
            by_start.setdefault(start, []).append(key)


_CUT_REPEAT_MIN = 40


def title_copies(doc) -> None:
    """A paragraph that is the headline again (an image's alt text between paragraphs, `[포토로그]
    …`), or the page's last line holding the headline's start (the excerpt cut it), is no body. A
    short one may be a sub-heading that repeats a short headline (`논어에 대하여`): kept."""
    if doc.title is None:
        return
    title = collapse(doc.lines[doc.title].content)
    if len(title) < _TITLE_COPY_MIN or doc.text.count(doc.lines[doc.title].content[:12]) < 2:
        return                            # (the headline's start shown once: no copy to look for)
    body = [line for line in doc.lines if line.role == "body"]
    for k, line in enumerate(body):
        key = collapse(line.kept if line.kept is not None else line.content)
        cut = k == len(body) - 1 and k > 0 and len(key) >= 8 and title.startswith(key) and not ends_with_stop(key)
        if key == title or cut:
            line.role, line.reason, line.kept = "furniture", "duplicate_block", None


_TITLE_COPY_MIN = 15


_LIST_BULLET = rx(r"^[•∙]\s*(?=\S)")
_LEAD_REMNANT = rx(r"^=\s*(?=\S)")     # what a lead cut on the line above left: `= 한국여자프로골프…`


def bullet_prefixes(doc) -> None:
    """A list bullet a page's markup put before a paragraph (`• 미국산 쇠고기 전면 개방에 …`), or a
    table's pipe after it (`… 포부를 밝혔다. |`), is not the paragraph's text."""
    if "•" not in doc.text and "∙" not in doc.text and "=" not in doc.text and " |" not in doc.text:
        return
    first = True
    for line in doc.lines:
        if line.role != "body":
            continue
        text = line.kept if line.kept is not None else line.content
        if text.endswith(" |"):
            text = line.kept = text[:-2].rstrip()
            line.reason = line.reason or "not_prose"
        bullet = _LIST_BULLET.match(text) or (_LEAD_REMNANT.match(text) if first else None)   # (`= …` answers an
        first = False                                                                      # interview's `- …`)
        if bullet:
            line.kept, line.reason = text[bullet.end():], line.reason or "not_prose"
