"""MBN (mbn.co.kr) article pages: desktop (`www.mbn.co.kr/news/…`), mobile (`m.mbn.co.kr/news/…`)
and AMP (`m.mbn.co.kr/news-amp/…`) text dumps, text articles and broadcast transcripts.

Recognised by the transcript labels (`【 앵커멘트 】`, `【 기자 】`), the sign-off
`MBN뉴스 홍길동입니다. [ hong@mbn.co.kr ]`, `@mbn.co.kr` e-mails, the AMP footer
`MBN APP 다운로드`, the desk sign-off `[MBN 뉴스센터 / …]`, the desktop copyright line
`Copyright ⓒ MBN(매일방송) …` and the mobile `기사에 대해 의견을 남겨주세요.` prompt.

Layout: AMP pages show the section (`사회`), the title, then `입력 2022-01-27 07:00 | 수정 …` on
one line and deck lines; desktop pages show the title and a photo caption led by `↑`; mobile
pages and many dumps start right at the body (no title, no date). Transcripts interleave label
lines (`【 기자 】`, `▶ 인터뷰 : 홍길동 / 시민`, `▶ 스탠딩 : …`) with the spoken text: the labels are
furniture, the spoken text is body (a sound bite's leading `- ` goes). The story ends at the
sign-off; credits (`영상편집 : …`), hashtags and the page's repeat of the story follow it.
"""
from __future__ import annotations

from .. import people
from ..engine import Doc, Template, rx
from ..text import is_sentence_end

# `【 앵커멘트 】`, `【 기자 】`, `【 리포트 】`: a transcript's speaker/part label.
LABEL = rx(r"^【\s*[^】]{1,12}?\s*】")
# `▶ 인터뷰 : 홍길동 / 시민`, `▶ 인터뷰(☎) : 소방 관계자`, `▶ 스탠딩 : 김태형 / 기자`, `▶ 녹취 : …`.
SPEAKER = rx(r"^▶\s*(?:인터뷰|스탠딩|녹취|현장음|싱크|전화\s*인터뷰)[^:：]{0,12}[:：]")
# A photo caption on desktop pages: `↑ 김주하/사진출처=스타투데이 |`.
ARROW_CAPTION = rx(r"^↑\s*\S")
# A sound bite's dash: `- "방 하나랑 …"`, `-"내려가세요. 아저씨!"`.
SOUND_BITE = rx(r"^-\s*(?=[\"“'‘(\[])")
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


def mbn_header(template: Template, doc: Doc) -> int:
    """With a date line (AMP): the title is the nearest free line above it (the section above
    that is menu) and deck lines follow the dates up to the first sentence or transcript label.
    Without one: the first line is the title unless it is already body (a sentence, a transcript
    label or a byline lead), in which case the page shows no title."""
    date_i = doc.index_of("published")
    if date_i is not None:
        above = next((i for i in range(date_i - 1, -1, -1) if doc.free(i)), None)
        if above is not None:
            doc.label(above, "title")
            doc.title = above
        last = max(i for i, line in enumerate(doc.lines) if line.role in ("published", "updated"))
        for i in range(last + 1, len(doc)):
            if not doc.free(i):
                if doc.lines[i].role == "furniture" and LABEL.match(doc.lines[i].content):
                    return i
                continue
            if _starts_body(doc.lines[i].content):
                return i
            doc.label(i, "subtitle")
        return len(doc)
    first = doc.next_free(0)
    if first is None or _starts_body(doc.lines[first].content):
        return first if first is not None else len(doc)
    doc.label(first, "title")
    doc.title = first
    return first + 1


def _starts_body(text: str) -> bool:
    return is_sentence_end(text) or bool(LABEL.match(text)) or people.match_lead(text) is not None


class Mbn(Template):
    name = "mbn"
    version = 2
    hosts = ("mbn.co.kr",)
    site = "www.mbn.co.kr"
    default_outlet = "mbn"
    markers = (
        (rx(r"^【\s*(?:앵커\s*멘트|앵커|기자|리포트)\s*】$"), 3),
        (rx(rf"^MBN\s?뉴스\s*[가-힣]{{2,4}}입니다\.?\s*(?:\[\s*{EMAIL}\s*\])?$"), 3),
        (rx(r"^Copyright\s*ⓒ\s*MBN\s*\(매일방송\)"), 3),
        (rx(r"^MBN\s?AP"), 3),
        (rx(r"@mbn\.co\.kr\b"), 2),
        (rx(r"^\[\s*MBN\s*(?:뉴스센터|스타)\b"), 2),
        (rx(r"^기사에 대해 의견을 남겨주세요\.?$"), 1),
        (rx(r"^▶\s*(?:인터뷰|스탠딩)[^:：]{0,12}[:：]"), 1),
    )
    published = (rx(r"^입력\s*(?:19|20)\d{2}[-.]\d{1,2}[-.]\d{1,2}"),)
    updated = (rx(r"수정\s*(?P<when>(?:19|20)\d{2}[-.]\d{1,2}[-.]\d{1,2}\s+\d{1,2}:\d{2})"),)
    furniture = (
        (LABEL, "transcript_label"),
        (SPEAKER, "transcript_label"),
        (rx(r"^(?:영상취재|영상편집|영상제공|화면제공|자료제공|그래픽|촬영|편집)\s*[:：]"), "footer"),
        (rx(r"^#\S+(?:\s+#\S+)*$"), "footer"),
        (rx(r"^MBN\s?AP"), "ad"),
        (rx(r"^기사에 대해 의견을 남겨주세요\.?$"), "comments"),
        (rx(r"^(?:스타|핫뉴스|MBN 화제뉴스|많이 본 뉴스|주요뉴스)$"), "widget"),
    )
    signoffs = (
        # `MBN뉴스 김태형입니다. [ flash@mbn.co.kr ]`
        rx(rf"^MBN\s?뉴스\s*(?P<people>[가-힣]{{2,4}})입니다\.?\s*(?:\[\s*{EMAIL}\s*\])?$"),
        # `[MBN 뉴스센터 / mbnreporter01@mbn.co.kr]`: a desk, no person.
        rx(rf"^\[\s*(?:MBN\s*)?[^/\]]{{0,16}}(?:뉴스센터|뉴스팀|뉴스부|뉴스국|온라인팀|편집부)\s*/\s*{EMAIL}\s*\]$"),
        # `[ 추성남 / sporchu@hanmail.net]`, `[홍길동 기자 / hong@mbn.co.kr]`
        rx(rf"^\[\s*(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*)\s*(?:인턴기자|기자|특파원|기상캐스터)?\s*/\s*{EMAIL}\s*\]$"),
    )
    header = mbn_header

    early_captions = (ARROW_CAPTION,)

    def after_label(self, doc: Doc) -> None:
        """A sound-bite or transcript label opening a body line leaves it."""
        for line in doc.lines:
            if line.role != "body":
                continue
            text = line.kept if line.kept is not None else line.text
            stripped = SOUND_BITE.sub("", text.strip(), count=1)
            label = LABEL.match(stripped)
            if label and stripped[label.end():].strip():
                stripped = stripped[label.end():].strip()
            if stripped != text.strip():
                line.kept = stripped
                line.reason = line.reason or "transcript_label"
