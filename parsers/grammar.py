"""The grammar every Korean news page shares, applied to every page whatever parsed it: before a
template (or the fallback) labels its lines (`prepare`) and after (`refine`). Templates declare
what is theirs; what holds across outlets, eras and page kinds lives here.

Before labelling (`prepare`): crawler preambles (`Title:`, `URL Source:`, ` date 2026-03-01`),
markdown image lines (captions), share words glued before a line's first words.

After labelling (`refine`, in this order):
- **bylines**: a whole-line byline a parser set aside near the body (`stray_bylines`); bylines,
  e-mails, wire-photo credits, copyright notices, agency and pool credits and runs of such
  furniture glued after a paragraph's last sentence, cut as spans (`glued_tails`);
- **dates** a template did not find: labelled before or after the time, or on a dated byline;
- **headers**: a chrome line, byline, number or issue stamp taken for the title gives way
  (`chrome_title`); a paragraph taken for the title is body (`prose_title`); a headline set
  aside right above the date line is the title (`title_above_dates`);
- **pages with no body**: prose set aside as header lines (`orphan_prose`); one photo's
  description is the body of a photo-news page (`photo_news`);
- **inside the body**: transcript labels, a byline lead inside the first line after a glued
  header, a caption glued before the first paragraph, chrome, widgets, promotions, list
  headings, issue stamps, place tags, broadcast sign-offs (`chrome_in_body`);
- **authors of last resort**: the reporter an anchor introduces, a bare name closing the last
  paragraph.

Each pass only relabels lines or trims a line's kept text, so `ParseResult.removed()` still
lists every removed span with its reason. Most passes look only where their shape can be (a
line's end, lines holding a literal), which keeps the grammar cheap.
"""
from __future__ import annotations

import re

from . import dates, people
from . import linekinds as lk
from .outlets import outlet_from_name
from .people import Byline
from .text import collapse, identity_text, looks_like_prose

rx = re.compile

_NAME = r"[가-힣]{2,4}"
_JOB = r"(?:선임|수석|객원|전문|사진|영상|인턴|취재)?(?:기자|특파원)"
# A byline closing a sentence: `/대전=이한영기자`, `신호철 기자`, `<김기용 기자>`, `〈金成奎기자〉`,
# `정재훈 기자 jprime@cctoday.co.kr`, `홍길동·김철수 기자`, then maybe `<<끝>>`.
TAIL_BYLINE = rx(
    r"(?P<cut>\s*[/〈<(\[‹《]?\s*(?:(?P<dateline>[가-힣]{1,10})\s*[=〓]\s*)?"
    rf"(?:[가-힣]{{2,12}}(?:기자단|취재단)\s*[·,]\s*)?(?P<people>(?:{_NAME}|[\u4e00-\u9fff]{{2,4}})(?:\s*[·,]\s*{_NAME})*)\s?{_JOB}\s*[〉>)\]›》]?"
    r"(?P<emails>(?:\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*(?:\s*[\w.+-]+@[\w.-]*|\s+[A-Za-z][\w.+-]{0,30}(?=\s*$))?)"
    r"\s*(?:<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\))?"
    r"(?:\s*(?:19|20)\d{2}[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}\.?)?)\s*$"
)
# Furniture that a crawl glues onto a paragraph's last sentence.
TAIL_FURNITURE = rx(
    r"(?P<cut>\s*(?:<\s*저작권자|저작권자\s*[©ⓒ(]|[©ⓒ]\s*\S|Copyright\s*[©ⓒ(]|COPYRIGHT|무단\s*전재"
    r"|핫뉴스\s*[ㆍ·]|<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\)"
    r"|\(\s*[가-힣A-Za-z]{2,12}\s*(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*\)"
    r"|(?:/\s*)?(?:[가-힣]{2,12}(?:사진기자단|취재단|기자단)|연합뉴스|뉴시스|뉴스1|로이터|AP|AFP|EPA|UPI)(?:=[가-힣]{2,6})?\s*$"
    r"|[<\[(]\s*사진\s*[:=]\s*[^<>\[\]()]{1,20}[>\])]\s*$|/\s*[가-힣A-Za-z0-9·]{2,15}\s*제공\s*$"
    r"|[◎☞]\s*[가-힣]{2,10}\s*[가-힣A-Za-z0-9]{2,10}\s*(?:[\w.+-]+@[\w.-]+|\[email\s*protected\]).{0,20}$).*)$"
)
# A wire photo's credit: `2024.05.08. photo@newsis.com`, `2026.1.6/뉴스1 ⓒ News1 유승관 기자`,
# `2022.09.26 [email protected] *재판매 및 DB 금지`.
TAIL_PHOTO_CREDIT = rx(
    r"\s*(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:/\s*[가-힣A-Za-z0-9]{2,8}\s*)?"
    r"(?:(?:[ⓒ©]\s*[A-Za-z0-9가-힣]{2,10}\s*(?P<people>[가-힣]{2,4})\s?(?:선임|수석)?기자)"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*|\[email\s*protected\])?"
    r"\s*(?:[*]?\s*재판매\s*및\s*DB\s*금지)?\s*$"
)
# An e-mail after a paragraph, maybe with the name (and place) it signs: `… 연출하고 있다. 江陵/李在龍 a@b`.
TAIL_EMAIL = rx(r"\s*(?:(?:[가-힣\u4e00-\u9fff]{1,6}/)?(?P<people>[가-힣]{2,4}|[\u4e00-\u9fff]{2,4})\s+)?"
                r"[\[(<]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[\])>]?\s*$")
_SENTENCE_CLOSED = rx(r"[.!?。][\"'”’」』)\]]*$")
EDITION_STAMP = rx(r"(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*\)\.?\s*$")
_WRAPPED_OBJECT = rx(r"[가-힣](?:을|를)$")       # headlines rarely stop on an object particle
_SENTENCE_ENDING = rx(r"[가-힣][.。][\"'”’」』)\]]*$")
_FULL_STOP = rx(r"[.。][\"'”’」』)\]]*$")        # a headline may ask (`?`) but does not end with a full stop
_CAPTION_CREDIT = rx(
    r"(?P<cut>\s*(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*)?(?:/\s*)?"
    r"(?:(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])\s*)?(?:[*]?\s*재판매\s*및\s*DB\s*금지)?"
    r"(?:[/\s]*(?:뉴스1|뉴시스|연합뉴스|News1)?\s*[©ⓒ]\s*\S.*)?)$"
)
_MIN_PHOTO_PROSE = 30
# A caption's marker, maybe after a series label: `▲ …`, `카메라 고발 ▲ …`, `<대학의 현주소>…`.
_CAPTION_MARK = rx(r"^\s*(?:[^▲◀△▶↑.]{1,12}?\s*)?[▲◀△▶↑]\s*|^\s*<[^<>]{2,16}>\s*(?=\S)")
# A photographer's bare name closing a photo's description: `… 성명을 발표했다. 서영`.
BARE_NAME_CREDIT = rx(r"(?<=[.。])[\"'”’)]?\s*(?:/\s*)?\s(?P<name>[가-힣]{2,3})$|(?<=[.。])\s*/\s*(?P<slashed>[가-힣]{2,3})$")
_NOT_NAMES = {"한편", "이어", "이번", "이날", "이에", "이후", "이는", "이와", "이로", "이를", "이상", "이하", "또한", "정부"}


# A crawler's preamble (`Title: …`, `URL Source: …`, `Markdown Content:`, ` date 2026-03-01`).
CRAWLER_LINE = rx(r"^(?:Title|URL Source|Published Time|Markdown Content|Description|Source|date)\s*:?(?:\s.*)?$")
CRAWLER_PREFIX = rx(r"^\s*date\s+(?:19|20)\d{2}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)")
# A markdown image: `![alt text](https://…)`, `![]() |`, `![[서울=뉴시스]…` (alt text cut by the excerpt).
MARKDOWN_IMAGE = rx(r"^!\[(?P<alt>[^\]]*(?:\][^(]*)?)(?:\]\([^)]*\))?\s*\|?\s*$|^!\[")
# Share and menu words a crawl glued before the first words of a line.
_CHROME_WORD = (r"(?:카카오톡|카카오스토리|카카오|페이스북|트위터|네이버\s?밴드|네이버\s?블로그|밴드|블로그|전체|공유하기|공유"
                r"|스크랩|프린트|인쇄|URL\s?복사|링크\s?복사|이메일|메일|글자\s?크기|본문\s?듣기|기사\s?듣기|닫기|X)")
CHROME_PREFIX = rx(rf"^(?:{_CHROME_WORD}\s+){{2,}}(?=\S)")
_CRAWLER_WORDS = ("Title", "URL Source", "Published Time", "Markdown Content", "Description", "Source", "date")
_CHROME_FIRST = frozenset({"카카오톡", "카카오스토리", "카카오", "페이스북", "트위터", "네이버", "네이버밴드", "네이버블로그", "밴드",
                           "블로그", "전체", "공유하기", "공유", "스크랩", "프린트", "인쇄", "URL", "URL복사", "링크", "링크복사",
                           "이메일", "메일", "글자", "글자크기", "본문", "본문듣기", "기사", "기사듣기", "닫기", "X"})
_START_WORDS = ("![", "date ", "Title", "URL Source", "Published Time", "Markdown Content", "Description", "Source",
                "카카오톡", "카카오스토리", "페이스북", "트위터", "네이버밴드", "네이버 밴드", "네이버블로그", "공유하기", "스크랩",
                "프린트", "URL복사", "URL 복사", "링크복사", "글자크기", "본문듣기", "기사듣기")


def prepare(doc) -> None:
    """Before any template labels a page: crawler preamble lines are furniture, markdown image
    lines are captions (their alt text), and a crawler preamble or a run of share words glued
    before a line's first words is cut from it (`ParseResult.removed()` lists it). An image's file
    name a crawl left at a line's start (`김승호 박사.jpg[호남교육신문 …`) goes the same way."""
    if _IMAGE_EXT.search(doc.text):
        _image_file_names(doc)
    _glued_copies(doc)
    for i, line in enumerate(doc.lines):
        if not line.content.startswith(_START_WORDS) or line.role:
            continue                      # no image, preamble or share words start this line
        if line.content.split(None, 1)[0] not in _CHROME_FIRST and not line.content.startswith(("!", "date")) \
                and (i >= 8 or not line.content.startswith(_CRAWLER_WORDS)):
            continue
        image = MARKDOWN_IMAGE.match(line.content)
        if image:
            alt = image.group("alt") or ""
            doc.label(i, "caption" if len(alt.strip()) >= 8 else "furniture", "caption" if alt.strip() else "not_prose")
            continue
        if i < 8 and CRAWLER_LINE.match(line.content) and not CRAWLER_PREFIX.match(line.content):
            doc.label(i, "furniture", "crawler_preamble")
            continue
        prefix = CRAWLER_PREFIX.match(line.content) or CHROME_PREFIX.match(line.content)
        if prefix:
            stamp = re.search(r"(?:19|20)\d{2}-\d{2}-\d{2}", prefix.group(0))
            if stamp and CRAWLER_PREFIX.match(line.content):
                doc.preamble_date = stamp.group(0)      # the crawl's stamp of the page: a date at most
            _cut_prefix(line, prefix.end())


_IMAGE_EXT = rx(r"\.(?:jpe?g|png|gif|webp|bmp)\b", re.I)
IMAGE_FILE = rx(r"^[^\s\[\]<>()]\S*(?:\s\S+){0,4}?\.(?:jpe?g|png|gif|webp|bmp)\b", re.I)


def _glued_copies(doc) -> None:
    """A line that is the next two lines glued together (an image's alt text: the headline and the
    photo's description, then both again on lines of their own) is a copy."""
    filled = [i for i, line in enumerate(doc.lines) if line.content]
    for k in range(len(filled) - 2):
        line, a, b = (doc.lines[i] for i in filled[k: k + 3])
        text = line.content
        if len(text) < 40 or line.role or abs(len(text) - len(a.content) - len(b.content)) > 2:
            continue
        if text.startswith(a.content) and text.endswith(b.content):
            doc.label(filled[k], "furniture", "duplicate_block")


def _image_file_names(doc) -> None:
    for i, line in enumerate(doc.lines):
        match = IMAGE_FILE.match(line.content) if not line.role else None
        if match is None:
            continue
        if not line.content[match.end():].strip():
            doc.label(i, "furniture", "not_prose")
        else:
            _cut_prefix(line, match.end())


def _cut_prefix(line, end: int) -> None:
    start = len(line.text) - len(line.text.lstrip())
    line.cut_prefix = line.text[: start + end]
    line.text = line.text[start + end:]
    line.content = line.text.strip()


def refine(doc) -> None:
    """The shared passes, in order (see the module docstring)."""
    if doc.published is None and doc.preamble_date:
        doc.published = doc.preamble_date
    stray_bylines(doc)
    glued_tails(doc)
    split_labels(doc)
    label_dates(doc)
    chrome_title(doc)
    prose_title(doc)
    title_above_dates(doc)
    if _has_no_body(doc):           # what only a page without a body needs
        orphan_prose(doc)
        photo_news(doc)
    sandwiched_prose(doc)
    editor_notes(doc)
    transcript_turns(doc)
    transcript_labels(doc)
    later_leads(doc)
    lead_inside_first_line(doc)
    caption_before_first_paragraph(doc)
    chrome_in_body(doc)
    after_copyright(doc)
    reporter_intros(doc)
    closing_name(doc)


_PART = r"(?:앵커\s?멘트|앵커\s?코멘트|앵커|기자|리포트|리포터|인터뷰|현장음|녹취|스탠딩|싱크|클로징|기자\s?리포트)"
# A transcript's part label alone (`<기자>`, `[앵커]`, `◀ 리포트 ▶`, `【 앵커멘트 】`), a speaker line with
# no words of the speaker (`[인터뷰] 임유경 / 출연자`, `◀ 홍길동/시민 ▶`), a `[현장음] …` cue.
TRANSCRIPT_LINE = rx(
    rf"^(?:[<\[【◀]\s*{_PART}\s*[>\]】▶]|[<\[]\s*인터뷰\s*[>\]]\s*[^:：\"“]{{1,60}}"
    r"|◀\s*[^▶]{1,60}▶|[<\[]\s*현장음\s*[>\]].*|[가-힣]{2,4}\s?앵커(?:\s*\([^()]{1,40}\))?)$"
)
# A label opening a line of speech: `<앵커> 어젯밤 …`, `<인터뷰> 홍길동(기자) : "…"`, `[홍길동 / 시민 : …]`,
# `▶ 인터뷰 : 홍길동 / 시민 …`.
TRANSCRIPT_LEAD = rx(
    rf"^(?:\(\s*(?:남|여|앵커|기자)\s*\)\s*(?=\S)|[<\[【]\s*{_PART}\s*[>\]】]\s*(?:[^:：\"“]{{1,40}}[:：]\s*)?"
    r"|\[[^\]:：\"“]{1,50}[:：]\s*(?=[^\]]*\]\s*$)"
    r"|▶\s*(?:인터뷰|스탠딩|녹취|현장음|싱크|전화\s*인터뷰)[^:：]{0,12}[:：]\s*[^\"“]{0,30}?(?=[\"“(])"
    r"|[◆◇▶▷]\s*[가-힣]{2,4}\s*[>:：]\s*(?=\S)"
    r"|[<\[]\s*질문\s*\d{1,2}(?:-\d{1,2})?\s*[>\]]\s*(?=\S))"      # `<질문 3-1> …`: an interview's question number
)


# Speakers inside a line of transcript: `… ▷김태현 : 국민의힘이 … ▶김재섭 : …`.
INLINE_SPEAKER = rx(r"[▷▶◆◇]\s*[가-힣]{2,4}\s*[:：]\s*")


_LABEL_STARTS = frozenset("<[【◀(▶◆◇▷")
_SPEAKER_MARK = rx(r"[▷▶◆◇]")


# A speaker's label alone on its line in a broadcast transcript: `[앵커]`, `[김경진]`, `<기자>`.
_SPEAKER_ALONE = rx(r"^[\[<【]\s*(?P<who>앵커|기자|진행자?|사회자|[가-힣]{2,4})\s*[\]>】]$")
_HOST_LABELS = {"앵커", "기자", "진행", "진행자", "사회자"}


def transcript_turns(doc) -> None:
    """A transcript (speaker labels alone on their lines, the anchor's among them): every turn after
    the first label is body, however short (`안녕하십니까.`, `2007년 말까지 했죠.`), up to the last
    body line; the labels are not."""
    labels = [i for i, line in enumerate(doc.lines) if line.content and _SPEAKER_ALONE.match(line.content)]
    if len(labels) < 3 or not any(_SPEAKER_ALONE.match(doc.lines[i].content)["who"] in _HOST_LABELS for i in labels):
        return
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    if not body or labels[0] > body[0]:
        return
    turns = set(labels)
    for i in range(labels[0] + 1, body[-1]):
        line = doc.lines[i]
        if i in turns:
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
        elif line.content and line.role in ("subtitle", "furniture") and line.reason in (None, "header", "not_prose"):
            line.role, line.reason, line.kept = "body", None, None
    doc.lines[labels[0]].role, doc.lines[labels[0]].reason = "furniture", "transcript_label"


def transcript_labels(doc) -> None:
    """Broadcast transcripts: part and speaker labels are not the report's words."""
    for line in doc.lines:
        if line.role != "body":
            continue
        text = line.kept if line.kept is not None else line.content
        if not text or (text[0] not in _LABEL_STARTS and "앵커" not in text[:12]):
            if _SPEAKER_MARK.search(text) and len(INLINE_SPEAKER.findall(text)) >= 2:   # a transcript on one line
                line.kept, line.reason = collapse(INLINE_SPEAKER.sub(" ", text)), line.reason or "transcript_label"
            continue                      # no label can open this line
        if TRANSCRIPT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "transcript_label", None
            continue
        if _SPEAKER_MARK.search(text) and len(INLINE_SPEAKER.findall(text)) >= 2:
            line.kept, line.reason = collapse(INLINE_SPEAKER.sub(" ", text)), line.reason or "transcript_label"
            continue
        match = TRANSCRIPT_LEAD.match(text)
        if match and text[match.end():].strip():
            kept = text[match.end():].strip()
            if match.group(0).startswith("[") and not re.match(rf"\[\s*{_PART}\s*\]", match.group(0)):
                kept = kept.removesuffix("]").rstrip()
            line.kept, line.reason = kept, line.reason or "transcript_label"


# Widgets, notices and promotions that read like sentences: a TTS player, a screen-reader skip
# link, a paywall, a tip line, channel promotions, comment boxes, pagers, a print edition's stamp.
WIDGET_LINE = rx(
    r"아래\s?텍스트는\s?실제\s?방송\s?내용과\s?차이가|음성\s?재생.{0,40}데이터\s?요금|화면\s?낭독기|"
    r"유료\s?(?:콘텐트|콘텐츠|회원)(?:로|\s?서비스)|기사\s?문의\s?및\s?제보|제보를\s?기다립니다|"
    r"다양한\s?채널로\s?만나\s?보세요|삭제하시겠습니까|\d+\s?개의\s?댓글|^댓글\s?정렬|^\d+\s?/\s?\d{3,4}$|"
    r"로그인\s?후\s?(?:댓글|이용)|^이전\s?\d+\s?/\s?\d+\s?다음$|^오늘의\s?신문\s?-\s?(?:19|20)\d{2}|"
    r"합산하여\s?자동으로\s?노출|삭제한\s?댓글은|해당\s?기사는.{0,30}에서\s?작성되었습니다|모이\(moi\)란|"
    r"댓글\s?수정은|계정을\s?선택하시면|댓글을\s?남기실\s?수|^read full story$|인용\s?보도\s?시|프로그램명을\s?밝혀|"
    r"^[▷▶☞]\s*\[?관련\s?기사\]?|보러\s?가기\s*☞|해당\s?언론사로\s?이동합니다|에서\s?직접\s?확인하세요|"
    r"^\(?(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*[가-힣A-Za-z]{2,10}\s*[A-Z]?\d{1,2}\s*면\.?\)?$"
)
_WIDGET_HINT = rx(r"텍스트는|음성|낭독기|유료|제보|채널|삭제하시|댓글|\d\s?/\s?\d|로그인|이전|오늘의|합산|삭제한|작성되었습니다|moi|"
                  r"계정|read full|인용|프로그램명|■|관련|보러|일\s?자|이동합니다|확인하세요")
# What a copyright notice holds; a prose line with none of these and no widget word skips the chrome tests.
_COPYRIGHT_LITERALS = ("ⓒ", "©", "Copyright", "COPYRIGHT", "저작권자", "무단")
_CHROME_HINT = rx("|".join(re.escape(c) for c in _COPYRIGHT_LITERALS) + "|" + _WIDGET_HINT.pattern)
_CLOSERS = frozenset(".!?\"'”’」』)")
# A photo's place under its picture: `―서울 종로구 계동길에서`.
PLACE_TAG = rx(r"^[―—]\s*[가-힣A-Za-z0-9 ·,]{2,30}에서$")
# A section label in capitals standing in the body: `COVER STORY`, `INTERVIEW`.
_SECTION_CAPS = rx(r"^[A-Z][A-Z &·-]{2,28}$")
# A desk signing the article: `편집국`, `온라인뉴스팀`, `디지털뉴스부`.
DESK_LINE = rx(r"^[가-힣]{0,6}(?:편집국|편집부|뉴스팀|뉴스부|취재팀|취재부|사진부|온라인팀)$")
# A transcript's speaker named in brackets on a line of its own: `[안준연]`, `[대구 전세사기 피해자]`.
SPEAKER_LINE = rx(r"^\[[^\[\]]{2,24}\]$")


def later_leads(doc) -> None:
    """A body line after the article's first that opens with a byline lead (`[서울=뉴스핌] 홍길동
    기자 = 1일 오후 …`) is a wire photo's caption or another article's teaser, not a paragraph."""
    body = [line for line in doc.lines if line.role == "body"]
    if len(body) < 2 or not doc.leads:
        return
    for line in body[1:]:
        if people.match_lead(line.content) is not None:
            line.role, line.reason, line.kept = "caption", "caption", None


# A byline lead standing inside a line, after the header a crawl glued before it:
# `제목 2013-07-14 13:49 아주경제 이규하 기자=불볕더위가 …`, `… [연합뉴스 자료 사진] (부산=연합뉴스) 민영규 기자 = …`.
MID_LEAD = rx(
    r"(?:[(\[【][^()\[\]【】=]{1,12}=[^()\[\]【】]{1,12}[)\]】]|(?<=\s)[가-힣A-Za-z0-9]{2,10})\s*"
    r"(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4}|\s[가-힣]{2,4}(?=\s?(?:기자|특파원)))*)\s?(?:기자|특파원)\s*=\s*(?=\S)"
)
_GLUED_ARTICLE = 100      # characters after a mid-line lead that make the line the article's start


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
    if "=" not in text or not people.has_title_word(text):
        return
    match = MID_LEAD.search(text, 1)
    if not match or match.start() < 8 or len(text) - match.end() < 40:
        return
    head = text[: match.start()]
    lead = people.match_lead(text[match.start():].lstrip()) or Byline(authors=people.author_names(match["people"]))
    doc.leads.append(lead)
    first.kept, first.reason = text[match.end():], "byline"
    if glued is not None:
        _cut_line_tails(doc, first)          # it was not body when glued tails were cut
    stamp = dates.DATETIME_RE.search(lk.normalize_times(head))
    if stamp and doc.published is None:
        doc.published = dates.parse_kst(stamp.group(0))
    if doc.title is None and stamp and 5 <= stamp.start() <= 100:
        title = head[: stamp.start()].strip()
        if lk.is_title_like(title):
            doc.title_text = title


_HANGUL = rx(r"[가-힣]")


def _trailing_foreign_lines(doc) -> None:
    """Body lines without a Hangul letter after the article's last Korean paragraph: a widget's
    English text (`Ask about this article`, `Answer for your question …`)."""
    for line in reversed(doc.lines):
        if not line.content or line.role != "body":
            continue
        if _HANGUL.search(line.content):
            return
        line.role, line.reason, line.kept = "furniture", "widget", None


def _glued_article(doc):
    """A line set aside above the body (or on a page with no body) that a crawl made of the header,
    the photo's caption and the lead and first paragraph (`… 이미지 확대 … [두산 베어스 제공] (서울=연합뉴스)
    이동칠 기자 = 프로야구 …`): the article starts in it."""
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


# A broadcast's programme card: `■ 프로그램명 : KBS1라디오 <주진우 라이브>`, `■ 출연자 : …`, `■ 방송시간 : …`.
PROGRAMME_LINE = rx(r"^[■□▣◆◇●○▶]\s*(?:프로그램명?|코너명?|방송\s?(?:시간|일시?|날짜)?|출연(?:자|진)?|진행(?:자)?|대담|일시|채널|"
                    r"제작|연출|작가|앵커)\s*[:：]")
# A line of hashtags only (`#한국 #독일 #손흥민`), a contact line (`이승환(취재) 010-3593-5214`), a copyright
# notice a dash or bullet opens (`- Copyrights ⓒ 조선`).
HASHTAGS = rx(r"^#[^\s#]+(?:\s+#[^\s#]+)+$")
CONTACT_LINE = rx(r"^[가-힣]{2,4}\s*(?:\([^()]{1,12}\))?\s*[:：]?\s*0\d{1,2}[-.)\s]\d{3,4}[-.\s]\d{4}$")
COPYRIGHT_LINE = rx(r"^[-–•·]?\s*(?:Copyrights?|COPYRIGHTS?)\s*[©ⓒⒸ(]")
# A paragraph boxed in lenticular brackets: the outlet's note or promotion (`【오마이뉴스의 모토는 …】`);
# the brackets of a transcript label hold a word or two.
BOXED_NOTE = rx(r"^【[^【】]{40,}】$")
# A photo's short title and its credit after a slash: `눈 내린 한라산 / 김호천 기자`, `… 등산객들 / 인제군 제공`.
SLASH_CAPTION = rx(r"^[^.!?。/]{2,50}?\s/\s*(?:[가-힣]{2,4}\s?(?:선임|수석)?기자|[^\s/]{1,15}\s?제공"
                   r"|AP|AFP|EPA|UPI|로이터|연합뉴스|뉴시스|뉴스1|게티이미지|신화)\s*$")


def chrome_in_body(doc) -> None:
    """Lines a template let into the body that are site chrome (`기사제보`, `좋아요0 추천해요0`),
    a widget's or promotion's sentence, a list's heading (`이 기사의 관련기사`, `인기 화보 갤러리`),
    an issue stamp, a photo's place tag, a bracketed speaker, a byline before a copyright notice
    or a broadcast sign-off (`KBS 뉴스 서영민입니다.`; their names are the authors)."""


    last_prose = next((i for i in range(len(doc.lines) - 1, -1, -1) if doc.lines[i].role == "body" and (
        len(doc.lines[i].content) >= 40 or lk.is_prose(doc.lines[i].content) or _is_cut(doc.lines[i].content))), -1)
    for i, line in enumerate(doc.lines):
        if line.role == "body" and BOXED_NOTE.match(line.content):
            line.role, line.reason, line.kept = "furniture", "promotion", None
            continue
        if line.role != "body" or len(line.content) > 160:
            continue                      # chrome, widgets, headings and sign-offs are short
        raw = line.kept if line.kept is not None else line.content
        if not raw:
            continue                      # a wrapped paragraph's continuation, joined into its first line
        if len(raw) >= 40 and raw[-1] in _CLOSERS and not _CHROME_HINT.search(raw) \
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
        elif widget_hint and WIDGET_LINE.search(text):
            line.role, line.reason, line.kept = "furniture", "widget", None
        elif SLASH_CAPTION.match(text):
            line.role, line.reason, line.kept = "caption", "caption", None
        elif PROGRAMME_LINE.match(text) or HASHTAGS.match(text) or CONTACT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "header" if PROGRAMME_LINE.match(text) else "footer", None
        elif COPYRIGHT_LINE.match(text):
            line.role, line.reason, line.kept = "furniture", "copyright", None
        elif ISSUE_STAMP.match(text) or PLACE_TAG.match(text):
            line.role, line.reason, line.kept = "furniture", "caption" if PLACE_TAG.match(text) else "header", None
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


# A heading over a list of other articles or pictures that `is_sidebar_heading` does not know.
_LIST_HEADING = rx(r"^(?:헤드라인|이\s?기사의\s?관련\s?기사|인기\s?화보(?:\s?갤러리)?|오늘의\s?사진|금주의\s?베스트\s?기사|댓글\s?많은\s?뉴스?"
                   r"|많이\s?본\s?뉴스|포토\s?뉴스|관련\s?기사|함께\s?볼\s?만한\s?기사)$")


CUT_SIGNOFF = rx(r"^(?P<name>[가-힣]{2,4})\s?(?:기|특)$")


def closing_name(doc) -> None:
    """A page with no author whose last paragraph ends with a bare name after its last sentence
    (`… 전했다. 김여진`, regional papers' sign-off): that name is the byline."""
    if any(b.authors for b in doc.leads + doc.signoffs):
        return
    final = next((line for line in reversed(doc.lines) if line.content), None)
    cut = CUT_SIGNOFF.match(final.content) if final is not None else None
    if cut and people.is_person_name(cut["name"]):
        doc.signoffs.append(Byline(authors=[cut["name"]]))      # `박찬범 기`: the excerpt stopped in it
        final.role, final.reason, final.kept = "signoff", "signoff", None
        return
    last = next((line for line in reversed(doc.lines) if line.role == "body"), None)
    if last is None or last is final:
        return                            # where the excerpt stops, a name may open a cut sentence
    text = last.kept if last.kept is not None else last.content
    match = BARE_NAME_CREDIT.search(text)
    person = match and (match["name"] or match["slashed"])
    if person and person[0] in lk.COMMON_SURNAMES and person not in _NOT_NAMES and people.is_person_name(person):
        doc.signoffs.append(Byline(authors=[person]))
        last.kept, last.reason = text[: match.start()].rstrip(), last.reason or "signoff"
        last.cut_tail = last.cut_tail or text == last.content


# A broadcast anchor handing over to the reporter: `조윤하 기자입니다.`, `김지성 기자가 전해드립니다.`
REPORTER_INTRO = rx(
    r"(?:^|[\s,])(?:[A-Z]{2,5}\s+)?(?P<name>[가-힣]{2,4})\s?(?:기자|특파원)(?:입니다|의\s?(?:단독\s?)?보도입니다"
    r"|가\s(?:[^.]{0,30}?\s)?(?:전해\s?드립니다|취재했습니다|보도합니다|정리했습니다|다녀왔습니다|함께\s?했습니다"
    r"|짚어\s?봅니다|알아\s?봤습니다|전합니다|보도합니다|만나\s?봤습니다)|[!.])[.]?\s*$"
    r"|^(?P<addressed>[가-힣]{2,4})\s?(?:기자|특파원)\s?,\s"
)


def reporter_intros(doc) -> None:
    """The reporter an anchor's line introduces is the report's author; the line stays body."""
    if any(b.authors for b in doc.leads + doc.signoffs):
        return
    for line in doc.lines:
        if line.role == "body" and len(line.content) <= 90:
            match = REPORTER_INTRO.search(line.kept if line.kept is not None else line.content)
            if match and people.is_person_name(match["name"] or match["addressed"]):
                doc.leads.append(Byline(authors=[match["name"] or match["addressed"]]))
                return


# Lines a template set aside that may still be the article's byline; never a sidebar's or a
# related article's (those carry other articles' reporters).
_RESCUABLE = {None, "footer", "not_prose", "header", "caption", "copyright", "menu", "toolbar", "widget"}
_COPYRIGHT_START = rx(r"\s*[\[<(]?\s*(?:ⓒ|©|Copyright|COPYRIGHT|저작권자|무단\s*전재)")
_SPOKEN_END = rx(r"(?:입니다|이었습니다)\.?(?:\s*[\[(].{0,40}[\])])?$")
_BYLINE_WINDOW = 8          # non-blank lines around the body where the byline may stand


def stray_bylines(doc) -> None:
    """A page whose parser found no author: a whole-line byline it set aside as a caption,
    deck, footer or copyright line near the body is the byline (`dschoi@fnnews.com 최두선 기자`,
    `[박윤구 기자][ⓒ 매일경제 …]`, `<윤승모기자>ysmo@donga.com`)."""
    if any(b.authors for b in doc.leads + doc.signoffs):
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


def _near_body(doc) -> list[int]:
    """Indexes of the non-blank lines from a few before the first body line to a few after the
    last (all lines of a page with no body)."""
    filled = [i for i, line in enumerate(doc.lines) if line.content]
    body = [k for k, i in enumerate(filled) if doc.lines[i].role == "body" or i == doc.title]
    if not body:
        return filled
    return filled[max(0, body[0] - _BYLINE_WINDOW): body[-1] + _BYLINE_WINDOW + 1]


# Chrome words a crawl glued after a headline: `… 과제 본문듣기`, `… 공유하기 글자크기`.
_CHROME_TAIL_WORDS = {"본문듣기", "듣기", "기사듣기", "공유하기", "공유", "스크랩", "글자크기", "크기", "인쇄", "프린트", "댓글"}
TITLE_CHROME_TAIL = rx(r"(?:\s+(?:본문\s?듣기|기사\s?듣기|공유하기|공유|스크랩|글자\s?크기|인쇄|프린트|댓글))+\s*$")


_NOT_THE_ARTICLE = {"sidebar", "related", "comments", "portal_footer", "duplicate_block", "recurring"}


_VIEWS_LABEL = rx(r"^(?:조회수?|조회\s?수|views?|Views?|hit|Hit)\s*[:：]?$")
_COUNT = rx(r"^[\d,]{1,9}$")


def split_labels(doc) -> None:
    """A label alone on its line with its value on the next, whatever took them for text: a date
    label (`기사입력` / `2025-05-14 오후 8:57`, `최종수정` / …) and a view counter (`조회수` / `4`)."""
    for i, line in enumerate(doc.lines):
        if not line.content or line.role in ("published", "updated", "title"):
            continue
        j = next((k for k in range(i + 1, min(i + 3, len(doc))) if doc.lines[k].content), None)
        if j is None:
            continue
        kind = lk.label_only(line.content)
        if kind:
            value = lk.leading_date(doc.lines[j].content)
            if value is None or len(doc.lines[j].content) > 40:
                continue
            role = "published" if kind == "pub" else "updated"
            if getattr(doc, role) is None and not getattr(doc, "title_hint", None):
                setattr(doc, role, value)      # (an HTML page's markup states the time to the second)
            doc.label(i, "furniture", "date")
            doc.label(j, "furniture", "date")
        elif _VIEWS_LABEL.match(line.content) and _COUNT.match(doc.lines[j].content):
            doc.label(i, "furniture", "widget")
            doc.label(j, "furniture", "widget")


def label_dates(doc) -> None:
    """A page whose parser found no publication time: the first date line near the body that a
    date label names (`2021/06/11 11:25 송고`, `일반입력 :2011/04/05 15:23`), else a byline line that
    carries a date (`머니투데이 여한구 기자 2008.07.02 18:43`, `2023-05-18 고광섭 기자`)."""

    if doc.published is not None:
        return
    near = [i for i in _near_body(doc) if doc.lines[i].role != "body" and doc.lines[i].reason not in _NOT_THE_ARTICLE
            and len(doc.lines[i].content) <= 120 and _YEAR_ANY.search(doc.lines[i].content)]
    for i in near:
        hit = lk.labelled_dates(doc.lines[i].content)
        if hit.published:
            doc.published, doc.updated = hit.published, doc.updated or hit.updated
            return
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
                return


OUTLET_BEFORE_CORNER = rx(r"^(?P<name>[가-힣A-Za-z0-9]{2,12})\s+(?=\[)")


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
    if text[:1] in ("•", "·", "-") and len(text) > 2 and text[1] == " ":
        line.text = line.content = text = text[2:].strip()               # a list bullet before the headline
    outlet_prefix = OUTLET_BEFORE_CORNER.match(text)
    if outlet_prefix and outlet_from_name(outlet_prefix["name"]):
        line.text = line.content = text = text[outlet_prefix.end():]      # `연합뉴스TV [1번지 현장] …`
    byline = people.match_signoff(text)
    if not (_is_chrome(text) or byline is not None):
        return
    old, doc.title = doc.title, None
    if byline is not None and byline.authors:
        doc.signoffs.append(byline)
        doc.label(old, "byline", "byline")
    else:
        doc.label(old, "furniture", "menu")
    first_body = next((i for i, l in enumerate(doc.lines) if l.role == "body"), len(doc))
    label = next((i for i in range(old + 1, first_body) if lk.label_only(doc.lines[i].content)
                  or doc.lines[i].role in ("published", "updated")), None)
    if label is not None:                # the headline stands right above the date label
        above = next((k for k in range(label - 1, old, -1) if doc.lines[k].content), None)
        if above is not None and lk.is_title_like(doc.lines[above].content) and not _is_chrome(doc.lines[above].content):
            doc.lines[above].text = doc.lines[above].content = lk.core(doc.lines[above].content)
            doc.label(above, "title")
            doc.title = above
            return
    for i in range(old + 1, first_body):
        candidate = doc.lines[i]
        if candidate.role in ("subtitle", "furniture") and candidate.reason in (None, "header", "menu") \
                and lk.is_title_like(candidate.content) and not _is_chrome(candidate.content):
            candidate.text = candidate.content = lk.core(candidate.content)     # without list bullets
            doc.label(i, "title")
            doc.title = i
            return


def _is_chrome(text: str) -> bool:
    core = lk.core(text)
    if core[:1] in ("▲", "↑", "△"):
        return True                      # a photo caption's marker, never a headline
    if lk.is_bracket_label(core) or (lk.is_breadcrumb(core) and "|" in core):
        return True                      # `[Cover Story]`, `뉴스핌 | ANDA 뉴스 | 월간 ANDA | …`
    return (lk.is_symbolic(core) or bool(re.fullmatch(r"[\d\s.,/]+", core)) or bool(ISSUE_STAMP.match(core))
            or bool(re.fullmatch(r"[A-Za-z ]{2,24}", core)) or bool(_WIDGET_NAME.fullmatch(core))
            or bool(_CREDIT_ONLY.fullmatch(core))
            or (len(core) <= 70 and lk.has_ui_word(core) and (lk.is_ui_line(core) or lk.is_navlike(core))))


# A page element's name left as text (`Dim영역`, `팝업레이어`) and a photo credit alone (`기상청 제공`).
_WIDGET_NAME = rx(r"[A-Za-z]{2,12}\s?(?:영역|레이어|팝업|배너|버튼|메뉴)")
_CREDIT_ONLY = rx(r"(?:사진|자료|그래픽|영상)?\s*[=:]?\s*[가-힣A-Za-z0-9·]{1,15}(?:\s[가-힣A-Za-z0-9·]{1,15})?\s?제공")
# A magazine's issue stamp standing where the headline should: `주간동아 685`, `1583호 (2021.05.03)`.
ISSUE_STAMP = rx(r"^(?:[가-힣A-Za-z]{2,10}\s*)?\d{2,5}\s*호?(?:\s*\(.*\))?$")


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
        if line.role in ("furniture", "subtitle") and line.reason not in _NOT_THE_ARTICLE \
                and lk.is_title_like(line.content) and not _is_chrome(line.content):
            doc.label(above, "title")
            doc.title = above


def prose_title(doc) -> None:
    """A 'title' that reads as a paragraph (a closed sentence of article length, or several
    sentences) is the first paragraph of an article-only dump or a photo page's description:
    body, with its byline lead taken; deck lines under it that read as prose are body too."""
    if doc.title is None or not _is_closed_sentence(doc.lines[doc.title].content):
        return
    i, doc.title = doc.title, None
    _to_body(doc, i, photo=_has_no_body(doc))
    for j in range(i + 1, len(doc)):
        line = doc.lines[j]
        if line.role == "subtitle" and looks_like_prose(line.content):
            _to_body(doc, j)
        elif line.role not in ("blank", "subtitle"):
            break


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
        if person and person[0] in lk.COMMON_SURNAMES and person not in _NOT_NAMES:
            doc.signoffs.append(Byline(authors=[person]))
            line.kept, line.reason, line.cut_tail = text[: name.start()].rstrip(), line.reason or "signoff", lead is None


def after_copyright(doc) -> None:
    """Below the copyright notice that closes an article, short lines a parser kept as body (a
    portal's list of other headlines, `- [오늘의 운세] …`) are not the article."""
    body = [i for i, line in enumerate(doc.lines) if line.role == "body"]
    closing = next((i for i, line in enumerate(doc.lines) if line.reason == "copyright"
                    and body and i > body[0] and lk.is_prose(doc.lines[body[0]].content)), None)
    if closing is None:
        return
    after = [i for i in body if i > closing]
    if after and not any(lk.is_prose(doc.lines[i].content) for i in after):
        for i in after:
            doc.lines[i].role, doc.lines[i].reason, doc.lines[i].kept = "furniture", "related", None


# An editor's note: its label alone (`편집자주`), or a paragraph it opens or closes (`[편집자주] …`,
# `… 부문별로 소개한다.<편집자주>`, `… 알아보자. <편집자>`).
_NOTE_LABEL = r"[\[<(【〈]?\s*편집자\s?(?:주|註|노트)?\s*[\]>)】〉]?"
EDITOR_NOTE_ALONE = rx(rf"^{_NOTE_LABEL}\s*:?$")
EDITOR_NOTE = rx(rf"^[\[<(【〈]\s*편집자\s?(?:주|註|노트)\s*[\]>)】〉]|[.!?。\"'”’)]\s*[\[<(【〈]\s*편집자\s?(?:주|註)?\s*[\]>)】〉]$")


def editor_notes(doc) -> None:
    """An editor's note introducing a series or a column (issue 10's `[편집자주]`) is not the article:
    a paragraph it opens or closes, or the paragraph after its label alone on a line."""
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


def photo_news(doc) -> None:
    """No body and no deck, but photos whose captions are prose: the descriptions are the article
    (photo-news; a gallery when there are several). Captions under a deck are an article whose
    text the dump did not capture: they stay captions."""
    if not _has_no_body(doc):
        return
    first_caption = next((i for i, line in enumerate(doc.lines) if line.role == "caption"), len(doc))
    if any(line.role == "subtitle" for line in doc.lines[:first_caption]):
        return                            # a deck above the photo: an article the dump did not capture
    # a gallery (several photos, no deck, no text) is described by its captions: each is a paragraph;
    # an image's alt text repeats its caption and stays out
    described = {identity_text(_strip_credit(line.content)) for line in doc.lines
                 if line.role == "caption" and not line.content.startswith("![") and _describes(_strip_credit(line.content))}
    if not described:
        return
    for line in doc.lines:
        if line.role == "body":
            line.role, line.reason, line.kept = "furniture", "not_prose", None      # teasers around the photo
    for line in doc.lines:
        if line.role == "caption" and not line.content.startswith("![") \
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


def glued_tails(doc) -> None:
    """Cut bylines and furniture glued after a paragraph's last sentence; collect the bylines."""
    for line in doc.lines:
        if line.role == "body":
            _cut_line_tails(doc, line)


def _cut_line_tails(doc, line) -> None:
    text = line.kept if line.kept is not None else line.content
    if doc.published is None:
        stamp = EDITION_STAMP.search(text)      # `… 거래됐다. (한국경제신문 1995년 6월 1일자)`: the print date
        if stamp:
            doc.published = dates.parse_kst(stamp.group(0))
    trimmed, bylines, reason = _cut_tails(text)
    if trimmed == text:
        return
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
    if not _tail_hint(text, max(0, len(text) - _CHAIN_REACH)) and not _chain_hint(text):
        return text, bylines, reason                 # nothing that a glued tail is made of
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
    job = max(text.rfind("기자", window), text.rfind("특파원", window))
    match = None
    if job >= 0 and len(text) - job <= 90:          # names before the title, e-mails and a date after it
        match = TAIL_BYLINE.search(text, max(window, job - 40))
    if match and _closes_sentence(text[: match.start("cut")]):
        credit = (match["dateline"] or "").startswith(people.CREDIT_LABELS)   # `(그래픽=홍길동 기자)`
        byline = lk.clean_byline(Byline(dateline=None if credit else match["dateline"],
                                     authors=[] if credit else _names(match["people"]),
                                     emails=people.EMAIL_RE.findall(match["emails"] or "")))
        return text[: match.start("cut")].rstrip(), byline
    credit = TAIL_PHOTO_CREDIT.search(text, window) if _YEAR.search(text, window) else None
    if credit and credit.group(0).strip() and _closes_sentence(text[: credit.start()]):
        names = _names(credit["people"]) if credit["people"] else []
        return text[: credit.start()].rstrip(), Byline(authors=names, emails=people.EMAIL_RE.findall(credit.group(0)))
    email = TAIL_EMAIL.search(text, window) if "@" in text[window:] else None
    if email and _closes_sentence(text[: email.start()]):
        names = _names(email["people"]) if email["people"] else []
        return text[: email.start()].rstrip(), Byline(authors=names, emails=people.EMAIL_RE.findall(email.group(0)))
    start = max(0, len(text) - 220)
    for found in TAIL_FURNITURE.finditer(text, start) if _FURNITURE_HINT.search(text, start) else ():
        head = text[: found.start("cut")]
        if _closes_sentence(head) and len(text) - len(head) <= 200:
            return head.rstrip(), "copyright"
    return text, None


_TAIL_WINDOW = 140
_CHAIN_REACH = 620      # a chain of glued furniture starts this close to the line's end, or not at all
# What any glued tail holds: a reporter's title, an e-mail, a copyright sign, a date, an end mark
# (plain substring tests: much cheaper than one regex alternation tried at every position).
_TAIL_LITERALS = ("기자", "특파원", "@", "ⓒ", "©", "Copyright", "COPYRIGHT", "저작권", "무단", "핫뉴스", "<끝", "< 끝", "(끝",
                  "protected", "자)", "자 )", "취재단", "기자단", "연합뉴스", "뉴시스", "뉴스1", "로이터", "AP", "AFP", "EPA",
                  "사진 :", "사진:", "사진=", "read full story", "제공", "◎", "☞")
_CHAIN_LITERALS = ("@", "무단", "재배포", "저작권자", "Copyright", "ⓒ", "©", "전체보기", "전체 보기", "다른기사", "다른 기사")
_DATE_DOT = rx(r"[12][09]\d\d\.\s?\d")


_TAIL_HINT = rx("|".join(re.escape(literal) for literal in _TAIL_LITERALS))
_CHAIN_HINT = rx("|".join(re.escape(literal) for literal in _CHAIN_LITERALS))




def _tail_hint(text: str, start: int) -> bool:
    return bool(_TAIL_HINT.search(text, start) or _DATE_DOT.search(text, start))


def _chain_hint(text: str) -> bool:
    return bool(_CHAIN_HINT.search(text))
_YEAR = rx(r"(?:19|20)\d{2}\.")
_FURNITURE_HINT = rx(r"저작권|ⓒ|©|Copyright|COPYRIGHT|무단|핫뉴스|끝|일\s?자|단\s*$|연합뉴스|뉴시스|뉴스1|로이터|AP|AFP|EPA|UPI|사진|제공|[◎☞]")
_YEAR_ANY = rx(r"(?:19|20)\d{2}")


# Where page furniture glued after a paragraph's last sentence may start: a byline, an e-mail,
# a copyright notice; and what makes the rest of the line furniture for sure.
_CHAIN_START = rx(r"(?<=[.!?。\"'”’)])\s*(?=관련\s?(?:기사|뉴스)\s*[\"'“‘\[<(가-힣]|[<〈(\[/]?\s*(?:[가-힣]{1,10}\s*[=〓]\s*)?[가-힣]{2,4}\s?(?:선임|수석)?기자|[\w.+-]+@[\w-]+\.|[<\[(]?\s*(?:ⓒ|©|Copyright|저작권자)"
                  r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:/\s*[가-힣A-Za-z0-9]{1,8}\s*)?(?:[ⓒ©]|[\w.+-]+@|\[email))")
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
        head = text[: start.start()].rstrip()
        if len(head) < 20:
            continue
        byline = _first_byline(rest)
        return head, byline
    return None


def _first_byline(rest: str) -> Byline:

    match = re.search(rf"(?:^|\s|[<〈(\[/])(?:(?P<dateline>[가-힣]{{1,10}})\s*[=〓]\s*)?(?P<people>{_NAME})\s?(?:선임|수석)?기자",
                      rest.strip()[:160])
    emails = people.EMAIL_RE.findall(rest[:80])
    if match:
        return lk.clean_byline(Byline(dateline=match["dateline"], authors=_names(match["people"]), emails=emails))
    return Byline(emails=emails)


def _closes_sentence(head: str) -> bool:
    head = head.rstrip()
    return not head or bool(_SENTENCE_CLOSED.search(head))


def _names(people_text: str) -> list[str]:
    names = people.author_names(people_text)
    if names:
        return names
    return [n for n in re.split(r"\s*[·,]\s*", people_text.strip()) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)]


def _describes(text: str) -> bool:
    """A photo's description: a sentence, or sentences whose last the excerpt cut short."""

    return looks_like_prose(text, _MIN_PHOTO_PROSE) or (len(text) >= 60 and lk.sentence_count(text) >= 1)


def _strip_credit(text: str) -> str:
    """A caption without its marker (`▲`) and trailing credit (date and e-mail, `© News1 홍길동
    기자`, a byline)."""
    trimmed, _, _ = _cut_tails(_CAPTION_MARK.sub("", text))
    match = _CAPTION_CREDIT.search(trimmed)
    if match and match.start("cut") > 0 and match["cut"].strip():
        trimmed = trimmed[: match.start("cut")].rstrip()
    return trimmed


def _is_closed_sentence(text: str) -> bool:
    """A paragraph, not a headline: a closed sentence, several sentences however it ends, or
    the first line of a paragraph wrapped mid-sentence (`… 12일 실시된 서울지역 아파트를`)."""
    if len(text) >= 25 and _WRAPPED_OBJECT.search(text) and text.count(" ") >= 4:
        return True

    if len(text) < 100 and text[-1] not in _CLOSERS and not BARE_NAME_CREDIT.search(text, max(0, len(text) - 8)) \
            and not _tail_hint(text, max(0, len(text) - 40)):
        return False                     # a headline-length line without a closing stop is a headline
    bare = BARE_NAME_CREDIT.search(text)
    text = text[: bare.start()] if bare else text
    if (len(text) >= 100 and lk.sentence_count(text) >= 2) or len(text) >= 120:
        return True                      # headlines are short
    if _SENTENCE_ENDING.search(text) and text.count(" ") >= 1:
        return True                      # `…맞았습니다.`, `…언제였나.`: headlines drop the full stop
    return len(text) >= 30 and bool(_FULL_STOP.search(_strip_credit(text))) and text.count(" ") >= 4


def _is_cut(text: str) -> bool:
    """A line the excerpt stopped in (last of the page, or ending in a broken character)."""
    return text.endswith("\ufffd")


def _has_no_body(doc) -> bool:
    """No body line that reads as prose (short teaser lines a parser let through do not count)."""

    return not any(line.role == "body" and lk.is_prose(line.kept if line.kept is not None else line.content)
                   for line in doc.lines)


