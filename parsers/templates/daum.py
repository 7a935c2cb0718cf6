"""Articles read on the Daum portal (v.daum.net, v.media.daum.net, m.news.daum.net); `outlet` is
the original publisher, never Daum.

Recognised by the portal's article furniture, which every layout since 2016 carries in the text
dump: the font-size widget (`글자크기 설정 파란원을 좌우로 움직이시면…`, `이 글자크기로 변경됩니다.`,
`(예시) 가장 빠른 뉴스가 있고 … 다음뉴스를 만나보세요.`), the translator (`번역beta Translated by
kaka i`), the auto-summary box (`… 전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.` followed by
the summary sentences, which repeat the body and are cut out as a widget), the newer toolbar
(`음성으로 듣기`, `글씨크기 조절하기`) and `Copyright ⓒ Kakao Corp.`.

Layout: a category line (`사회`) or the publisher's name may stand above the title; the title is
the first other line; deck lines follow until the byline lead or the first paragraph. Times are
Daum's own (`입력 2024. 1. 11. 15:00`, `수정 …`; in the 2016 layout `기자 2016. 8. 31. 14:00`, the
reporter's name before `기자` when the publisher gave one). A contributor line under the title
(`명승환 인하大 교수`) or a reporter line (`홍길동 기자`) is a byline. The outlet comes from a
publisher-name line, the byline lead's agency (`[서울=뉴시스]`, `[더팩트ㅣ라스베이거스=…]`) or the
sign-off e-mail; a page that names none has no outlet.
"""
from __future__ import annotations

from .. import people
from ..engine import Doc, Template, rx
from ..people import Byline
from .zum import PortalTemplate, is_body_start, is_caption, label_source_lines

_DAUM_TIME = r"(?P<when>(?:19|20)\d{2}\.\s*\d{1,2}\.\s*\d{1,2}\.?\s*(?:오전|오후)?\s*\d{1,2}:\d{2})"
_NAMES = r"[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*"

# The auto-summary box: its note line, then up to a few summary sentences (copies of body text).
_SUMMARY_NOTE = rx(
    r"^(?:요약보기\s*)?(?:자동요약 기술로 요약된 내용입니다.*|자동요약\s.{0,60}자동요약한 결과입니다\.?"
    r"|.{0,90}전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다\.?)$"
)
_SUMMARY_MAX_LINES = 6

# Lines between the title and the body that name the writer.
_HEADER_BYLINES = (
    # `홍길동 기자`, `홍길동·김철수 기자`
    rx(rf"^(?P<people>{_NAMES})\s*(?:기자|특파원|통신원|객원기자)$"),
    # a contributor: `명승환 인하大 교수`, `김철수 서울대 명예교수`
    rx(
        r"^(?P<people>[가-힣]{2,4})\s+[가-힣A-Za-z·.大]{1,15}\s*"
        r"(?:명예교수|교수|연구위원|선임연구원|연구원|원장|소장|센터장|변호사|회계사|이사장|위원장)$"
    ),
)
# A date line that starts with the reporter's name: `홍길동 기자 2016. 8. 31. 14:00`.
_DATE_LINE_BYLINE = rx(rf"^(?P<people>{_NAMES})\s*(?:기자|특파원|통신원)\s+(?:입력\s*)?(?:19|20)\d{{2}}\.")


# The portal's source line under the headline: the reporter's name and the time, no title word
# (`안지혜 2025. 6. 18. 21:31`); a desk or the publisher (`데스크 …`, `조선일보 …`) names no one.
_NAME_TIME_LINE = rx(r"^(?P<name>[가-힣]{2,4})\s+(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.\s+\d{1,2}:\d{2}$")


def daum_header(template: Template, doc: Doc) -> int:
    """Publisher-name lines are source labels; the title is the first other line; then bylines
    and deck lines until the byline lead, the first paragraph or a photo caption."""
    label_source_lines(doc)
    title = doc.next_free(0)
    if title is None:
        return 0
    doc.label(title, "title")
    doc.title = title
    for i in range(title + 1, len(doc)):
        if not doc.free(i):
            continue
        text = doc.lines[i].content
        byline = next((m for m in (p.match(text) for p in _HEADER_BYLINES) if m), None)
        if byline:
            doc.label(i, "byline", "byline")
            # Kept with the sign-offs, not the leads: the body's own lead must still be found.
            doc.signoffs.append(Byline(authors=people.author_names(byline["people"])))
        elif is_body_start(text) or is_caption(text):
            return i
        else:
            doc.label(i, "subtitle")
    return len(doc)


class Daum(PortalTemplate):
    name = "daum"
    version = 3
    hosts = ("daum.net",)
    site = "v.daum.net"
    markers = (
        (rx(r"^이 글자크기로 변경됩니다\.?$"), 3),
        (rx(r"^\(예시\) 가장 빠른 뉴스가 있고 다양한 정보, 쌍방향 소통이 숨쉬는 다음뉴스를 만나보세요"), 3),
        (rx(r"^번역\s?beta\s*Translated by kaka i$"), 3),
        (rx(r"^글자크기 설정 파란원을 좌우로 움직이시면"), 2),
        (rx(r"전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다\.?$"), 2),
        (rx(r"^Copyright\s*[ⓒ©]\s*Kakao Corp"), 2),
        (rx(r"^(?:음성으로 듣기|글씨크기 조절하기)$"), 1),
    )
    published = (
        rx(rf"^(?:입력|기사입력|등록)\s*:?\s*{_DAUM_TIME}"),
        rx(rf"^(?:{_NAMES}\s+)?(?:기자|특파원|통신원)\s+(?:입력\s*)?{_DAUM_TIME}"),
    )
    updated = (rx(rf"(?:^|\d:\d{{2}}\s*)(?:수정|업데이트)\s*:?\s*{_DAUM_TIME}"),)
    furniture = (
        (rx(r"^이 글자크기로 변경됩니다\.?$"), "widget"),
        (rx(r"^\(예시\) 가장 빠른 뉴스가 있고 다양한 정보"), "widget"),
        (rx(r"^번역\s?beta\s*(?:Translated by kaka i)?$"), "toolbar"),
        (rx(r"^글자크기 설정(?:\s+파란원을 좌우로 움직이시면 글자크기가 변경\s?됩니다\.?)?$"), "toolbar"),
        (rx(r"^(?:음성으로 듣기|음성 기본 설정|음성재생 설정|번역 설정|글씨크기 조절하기|인쇄하기|요약보기|"
            r"Translated by kaka i)$"), "toolbar"),
        (rx(r"^(?:사회|정치|경제|국제|세계|문화|생활|IT|IT/과학|연예|스포츠|오피니언|사설·칼럼|칼럼|기획|연재)$"),
         "menu"),
        (rx(r"^(?:다음뉴스|Daum 뉴스|뉴스홈)$"), "menu"),
        (rx(r"^댓글\s*\d*개?$"), "comments"),
        (rx(r"^Copyright\s*[ⓒ©]\s*Kakao Corp"), "portal_footer"),
    )
    cuts = (
        (rx(r"^(?:이 기사에 대해 공감해주세요|이 기사에 대해 어떻게 생각하시나요\??|당신의 의견을 남겨주세요|관련 태그|"
            r"많이 본 뉴스|실시간 인기 뉴스)$"), "sidebar"),
        # the publisher's box of its other headlines (`뉴시스에서 직접 확인하세요. 해당 언론사로 이동합니다.`)
        (rx(r"^\S{1,15}에서 직접 확인하세요\.?\s*해당 언론사로 이동합니다\.?$"), "sidebar"),
    )
    header = daum_header

    dated_bylines = (_DATE_LINE_BYLINE,)

    def cut_blocks(self, doc: Doc) -> None:
        super().cut_blocks(doc)
        self._summary_box(doc)
        self._name_time_line(doc)

    @staticmethod
    def _name_time_line(doc: Doc) -> None:
        for line in doc.lines[:8]:
            match = _NAME_TIME_LINE.match(line.content)
            if match and people.is_person_name(match["name"]) and not people.has_title_word(match["name"]):
                doc.signoffs.append(Byline(authors=[match["name"]]))
                return

    def _summary_box(self, doc: Doc) -> None:
        """The auto-summary box: the note line and the summary sentences after it, up to the next
        portal widget, a byline lead or at most a few lines."""
        start = next((i for i, ln in enumerate(doc.lines)
                      if ln.role in ("", "furniture") and _SUMMARY_NOTE.search(ln.content)), None)
        if start is None:
            return
        doc.label(start, "furniture", "widget")
        taken, i = 0, start + 1
        while i < len(doc) and taken < _SUMMARY_MAX_LINES:
            line = doc.lines[i]
            if line.role == "blank":
                i += 1
                continue
            if line.role or people.match_lead(line.content):
                break
            doc.label(i, "furniture", "widget")
            taken += 1
            i += 1
