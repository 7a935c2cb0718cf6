"""Patterns and small tests the grammar's passes share (sentence ends, names, where the body is)."""
from __future__ import annotations

import re

from .. import people
from .. import linekinds as lk
from ..text import looks_like_prose


rx = re.compile


_NAME = r"[가-힣]{2,4}"


_JOB = r"(?:[가-힣]{1,4}전문|선임|수석|객원|전문|사진|영상|인턴|취재)?(?:기자|특파원)"     # `골프전문기자`


_SENTENCE_CLOSED = rx(r"[.!?。][\"'”’」』)\]]*$")


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


# What a copyright notice holds; a prose line with none of these and no widget word skips the chrome tests.
_COPYRIGHT_LITERALS = ("ⓒ", "©", "Copyright", "COPYRIGHT", "저작권자", "무단")


_CLOSERS = frozenset(".!?\"'”’」』)")


_HANGUL = rx(r"[가-힣]")


_COPYRIGHT_START = rx(r"\s*[\[<(]?\s*(?:ⓒ|©|Copyright|COPYRIGHT|저작권자|무단\s*전재)")


_BYLINE_WINDOW = 8          # non-blank lines around the body where the byline may stand


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
    return not head or bool(_SENTENCE_CLOSED.search(head))


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
