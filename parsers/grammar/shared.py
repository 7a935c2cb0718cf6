"""Patterns and small tests the grammar's passes share (sentence ends, names, where the body is)."""
from __future__ import annotations

import re

from .. import linekinds as lk
from .. import people
from ..text import ends_with_stop, looks_like_prose

rx = re.compile


_NAME = r"[가-힣]{2,4}"


# `골프전문기자`, `이승렬 디자이너`
_JOB = r"(?:[가-힣]{1,4}전문|선임|수석|객원|전문|사진|영상|인턴|취재)?(?:기자|특파원|디자이너)"


_WRAPPED_OBJECT = rx(r"[가-힣](?:을|를)$")       # headlines rarely stop on an object particle


_SENTENCE_ENDING = rx(r"[가-힣][.。][\"'”’」』)\]]*$")


_CAPTION_CREDIT = rx(
    r"(?P<cut>\s*(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*)?(?:/\s*)?"
    r"(?:(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])\s*)?(?:[*]?\s*재판매\s*및\s*DB\s*금지)?"
    r"(?:[/\s]*(?:뉴스1|뉴시스|연합뉴스|News1)?\s*[©ⓒ]\s*\S.*)?)$"
)


_MIN_PHOTO_PROSE = 30


# A caption's marker, maybe after a series label: `▲ …`, `카메라 고발 ▲ …`, `<대학의 현주소>…`.
_CAPTION_MARK = rx(r"^\s*(?:[^▲◀△▶↑.]{1,12}?\s*)?[▲◀△▶↑]\s*|^\s*<[^<>]{2,16}>\s*(?=\S)")


# A photographer's bare name closing a photo's description: `… 성명을 발표했다. 서영`.
BARE_NAME_CREDIT = rx(r"(?<=[.。])[\"'”’)]?\s*(?:/\s*)?\s(?P<name>[가-힣]{2,3})$|"
                      r"(?<=[.。])\s*/\s*(?P<slashed>[가-힣]{2,3})$")


_NOT_NAMES = {"한편", "이어", "이번", "이날", "이에", "이후", "이는", "이와", "이로", "이를", "이상", "이하", "또한",
              "정부"}


# What a copyright notice holds; a prose line with none of these and no widget word skips the chrome tests.
_COPYRIGHT_LITERALS = ("ⓒ", "©", "Copyright", "COPYRIGHT", "저작권자", "무단")


_CLOSERS = frozenset(".!?\"'”’」』)")


_COPYRIGHT_START = rx(r"\s*[\[<(]?\s*(?:ⓒ|©|Copyright|COPYRIGHT|저작권자|무단\s*전재)")


_BYLINE_WINDOW = 8          # non-blank lines around the body where the byline may stand


def first_body_line(doc, default=None):
    """The index of the first body line (`default` when there is none)."""
    return next((i for i, line in enumerate(doc.lines) if line.role == "body"), default)


def _near_body(doc) -> list[int]:
    """Indexes of the non-blank lines from a few before the first body line to a few after the
    last (all lines of a page with no body)."""
    filled = [i for i, line in enumerate(doc.lines) if line.content]
    body = [k for k, i in enumerate(filled) if doc.lines[i].role == "body" or i == doc.title]
    if not body:
        return filled
    return filled[max(0, body[0] - _BYLINE_WINDOW): body[-1] + _BYLINE_WINDOW + 1]


_NOT_THE_ARTICLE = {"sidebar", "related", "comments", "portal_footer", "duplicate_block", "recurring"}


_YEAR = rx(r"(?:19|20)\d{2}\.")


_YEAR_ANY = rx(r"(?:19|20)\d{2}")


def _closes_sentence(head: str) -> bool:
    head = head.rstrip()
    return not head or ends_with_stop(head)


def _names(people_text: str) -> list[str]:
    names = people.author_names(people_text)
    if names:
        return names
    return [n for n in re.split(r"\s*[·,]\s*", people_text.strip()) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)]


def _describes(text: str) -> bool:
    """A photo's description: a sentence, or sentences whose last the excerpt cut short."""
    return looks_like_prose(text, _MIN_PHOTO_PROSE) or (len(text) >= 60 and lk.sentence_count(text) >= 1)


def _is_cut(text: str) -> bool:
    """A line the excerpt stopped in (last of the page, or ending in a broken character)."""
    return text.endswith("\ufffd")


def _has_no_body(doc) -> bool:
    """No body line that reads as prose (short teaser lines a parser let through do not count)."""
    return not any(line.role == "body" and lk.is_prose(line.kept if line.kept is not None else line.content)
                   for line in doc.lines)


# Widgets, notices and promotions that read like sentences: a TTS player, a screen-reader skip
# link, a paywall, a tip line, channel promotions, comment boxes, pagers, a print edition's stamp.
WIDGET_LINE = rx(
    r"아래\s?텍스트는\s?실제\s?방송\s?내용과\s?차이가|음성\s?재생.{0,40}데이터\s?요금|화면\s?낭독기|"
    r"유료\s?(?:콘텐트|콘텐츠|회원)(?:로|\s?서비스)|기사\s?문의\s?및\s?제보|제보를\s?기다립니다|"
    r"제보가\s?뉴스가\s?됩니다|제보로\s?(?:함께\s?)?세상을\s?바꿉니다|독자\s?투고를\s?받고\s?있습니다|"
    r"편집\s?(?:보도\s?)?방향과\s?다를\s?수\s?있습니다|"
    r"정기\s?독자만\s?볼\s?수|정기\s?독자(?:는|가\s?아닌\s?분은)|이\s?기사를\s?후원|"
    r"주요\s?문장\s?추출|요약한\s?결과입니다|이메일\s?주소는\s?공개되지|필수\s?필드는|"
    r"영상이\s?뜨지\s?않는|support\s+HTML5\s+video|카테고리\s?설정이\s?아직|"
    r"다양한\s?채널로\s?만나\s?보세요|삭제하시겠습니까|\d+\s?개의\s?댓글|^댓글\s?정렬|^\d+\s?/\s?\d{3,4}$|"
    r"로그인\s?후\s?(?:댓글|이용)|^이전\s?\d+\s?/\s?\d+\s?다음$|^오늘의\s?신문\s?-\s?(?:19|20)\d{2}|"
    r"합산하여\s?자동으로\s?노출|삭제한\s?댓글은|해당\s?기사는.{0,30}에서\s?작성되었습니다|모이\(moi\)란|"
    r"이\s?기사는\s.{0,40}(?:표출|게재|출고|송고)된\s?기사입니다|댓글\s?수정은|계정을\s?선택하시면|"
    r"댓글을\s?남기실\s?수|댓글을\s?작성해\s?주십시오|Comments are moderated|^read full story$|인용\s?보도\s?시|"
    r"프로그램명을\s?밝혀|"
    r"^[▷▶☞]\s*\[?관련\s?기사\]?|보러\s?가기\s*☞|☞\s*\S{1,12}\s?바로\s?가기$|^[가-힣A-Za-z0-9 ,·]{2,30}\s바로\s?가기$|"
    r"(?:뉴스|뉴스데스크|방송)(?:를|을)\s?마칩니다\.?$|해당\s?언론사로\s?이동합니다|에서\s?직접\s?확인하세요|"
    r"^\(?(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일\s*자\s*[가-힣A-Za-z]{2,10}\s*[A-Z]?\d{1,2}\s*면\.?\)?$|"
    r"^(?:(?:홈페이지|사이트|블로그|카페)에\s?오신\s?것을|방문을)\s?환영합니다[.!]?$|"      # a site's greeting
    # a digital edition's ad
    r"(?:PC|폰|모바일|태블릿)[^.]{0,30}읽을\s?수\s?있는.{0,20}(?:디지털|전자)\s?(?:신문|지면)입니다|"
    r"URL을\s?길게\s?누르면"                                                 # a share box's hint
)


_WIDGET_HINT = rx(r"텍스트는|음성|낭독기|유료|제보|채널|방향과|삭제하시|댓글|\d\s?/\s?\d|로그인|이전|오늘의|합산|"
                  r"삭제한|작성되었습니다|moi|"
                  r"계정|read full|인용|프로그램명|■|관련|보러|일\s?자|이동합니다|확인하세요|독자|후원|문장|요약|"
                  r"이메일|필드|"
                  r"영상|HTML5|카테고리|마칩니다|바로\s?가기|기사입니다|환영합니다|읽을|URL")


# A broadcast's programme card: `■ 프로그램명 : KBS1라디오 <주진우 라이브>`, `■ 출연자 : …`, `■ 방송시간 : …`.
PROGRAMME_LINE = rx(r"^[■□▣◆◇●○▶*]\s*(?:프로그램명?|코너명?|방송\s?(?:시간|일시?|날짜)?|출연(?:자|진)?|진행(?:자)?|"
                    r"대담|일시|채널|"
                    r"제작|연출|작가|앵커)\s*[:：]")


# Reporters and the time glued between a headline and the text, with no space: `…보여줬다"문창석 기자,
# 박기현 기자2024.12.04 오전 02:21윤석열 대통령이 …` (News1's AMP pages flattened into one line).
GLUED_DATED_BYLINE = rx(r"(?P<people>[가-힣]{2,4}\s?기자(?:\s*,\s*[가-힣]{2,4}\s?기자)*)\s*"
                        r"(?P<date>(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*(?:오전|오후)?\s*\d{1,2}:\d{2})(?=\S)")
