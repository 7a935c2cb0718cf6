"""The grammar every Korean news page shares, applied after a template (or the fallback) has
labelled a page's lines. What it knows holds across outlets, eras and page kinds:

- **a headline is not a sentence**: a "title" that is a closed sentence of article length
  (`… 점검하고 있다.`) is the body of an article-only dump or a photo page, not its headline;
- **spans, not only lines**: a byline (`… 밝혔다. /대전=이한영기자`, `… 있다. 신호철 기자`,
  `…<김기용 기자><<끝>>`), an e-mail, a copyright notice or a `핫뉴스ㆍ…` list glued onto the
  last sentence of a paragraph is cut from it, and the byline's people become authors;
- **photo-news**: a page whose only prose is a photo's description has that description as
  its body (without its lead `[서울=뉴시스]` and its credit `2024.05.08. photo@…`).

Each pass only relabels lines or trims a body line's kept text, so `ParseResult.removed()`
still lists every removed span with its reason.
"""
from __future__ import annotations

import re

from . import people
from .people import Byline
from .text import identity_text, looks_like_prose

rx = re.compile

_NAME = r"[가-힣]{2,4}"
_JOB = r"(?:선임|수석|객원|전문|사진|영상|인턴|취재)?(?:기자|특파원)"
# A byline closing a sentence: `/대전=이한영기자`, `신호철 기자`, `<김기용 기자>`, `〈金成奎기자〉`,
# `정재훈 기자 jprime@cctoday.co.kr`, `홍길동·김철수 기자`, then maybe `<<끝>>`.
TAIL_BYLINE = rx(
    r"(?P<cut>\s*[/〈<(\[‹《]?\s*(?:(?P<dateline>[가-힣]{1,10})\s*[=〓]\s*)?"
    rf"(?P<people>(?:{_NAME}|[\u4e00-\u9fff]{{2,4}})(?:\s*[·,]\s*{_NAME})*)\s?{_JOB}\s*[〉>)\]›》]?"
    r"(?P<emails>(?:\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*)\s*(?:<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\))?)\s*$"
)
# Furniture that a crawl glues onto a paragraph's last sentence.
TAIL_FURNITURE = rx(
    r"(?P<cut>\s*(?:<\s*저작권자|저작권자\s*[©ⓒ(]|[©ⓒ]\s*\S|Copyright\s*[©ⓒ(]|COPYRIGHT|무단\s*전재"
    r"|핫뉴스\s*[ㆍ·]|<<\s*끝\s*>>|<\s*끝\s*>|\(\s*끝\s*\)|[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$).*)$"
)
_SENTENCE_CLOSED = rx(r"[.!?。][\"'”’」』)\]]*$")
_FULL_STOP = rx(r"[.。][\"'”’」』)\]]*$")        # a headline may ask (`?`) but does not end with a full stop
_CAPTION_CREDIT = rx(
    r"(?P<cut>\s*(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*)?(?:/\s*)?"
    r"(?:(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])\s*)?(?:[*]?\s*재판매\s*및\s*DB\s*금지)?"
    r"(?:[/\s]*(?:뉴스1|뉴시스|연합뉴스|News1)?\s*[©ⓒ]\s*\S.*)?)$"
)
_MIN_PHOTO_PROSE = 30


def refine(doc) -> None:
    """The shared passes, in order (see the module docstring)."""
    prose_title(doc)
    photo_news(doc)
    glued_tails(doc)


def prose_title(doc) -> None:
    """A 'title' that reads as a closed sentence of article length is body (or, on a photo page,
    the photo's description: `photo_news` decides)."""
    if doc.title is None:
        return
    line = doc.lines[doc.title]
    if _is_closed_sentence(line.content):
        doc.label(doc.title, "caption" if _has_no_body(doc) else "body")
        doc.title = None


def photo_news(doc) -> None:
    """No body and no deck, but one photo whose caption is prose: that description is the
    article (photo-news). Several different captions under a deck are an article whose text
    the dump did not capture: they stay captions."""
    if not _has_no_body(doc) or any(line.role == "subtitle" for line in doc.lines):
        return
    described = {identity_text(_strip_credit(line.content)) for line in doc.lines
                 if line.role == "caption" and looks_like_prose(_strip_credit(line.content), _MIN_PHOTO_PROSE)}
    if len(described) != 1:
        return
    for line in doc.lines:
        if line.role == "caption" and identity_text(_strip_credit(line.content)) in described:
            text = line.content
            lead = people.match_lead(text)
            if lead is not None:
                doc.leads.append(lead)
                text = text[lead.end:].strip()
            line.role, line.reason = "body", ("caption_lead" if lead else None)
            kept = _strip_credit(text)
            if kept != line.content:
                line.kept = kept
                line.reason = line.reason or "caption_credit"
                line.cut_tail = lead is None


def glued_tails(doc) -> None:
    """Cut bylines and furniture glued after a paragraph's last sentence; collect the bylines."""
    for line in doc.lines:
        if line.role != "body":
            continue
        text = line.kept if line.kept is not None else line.content
        trimmed, bylines, reason = _cut_tails(text)
        if trimmed == text:
            continue
        doc.signoffs.extend(bylines)
        if not trimmed:
            line.role, line.reason, line.kept = "signoff", reason, None
            continue
        starts_same = text.startswith(trimmed)
        line.kept = trimmed
        line.reason = line.reason or reason
        line.cut_tail = line.cut_tail or (starts_same and line.kept == line.content[: len(trimmed)])


def _cut_tails(text: str) -> tuple[str, list[Byline], str]:
    """The text without the bylines and furniture glued at its end (repeatedly: a byline then
    a copyright), the bylines found, and the reason of the outermost cut."""
    bylines: list[Byline] = []
    reason = ""
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
    match = TAIL_BYLINE.search(text)
    if match and _closes_sentence(text[: match.start("cut")]):
        from .linekinds import clean_byline

        byline = clean_byline(Byline(dateline=match["dateline"], authors=_names(match["people"]),
                                     emails=people.EMAIL_RE.findall(match["emails"] or "")))
        return text[: match.start("cut")].rstrip(), byline
    for found in TAIL_FURNITURE.finditer(text):
        head = text[: found.start("cut")]
        if _closes_sentence(head) and len(text) - len(head) <= 200:
            return head.rstrip(), "copyright"
    return text, None


def _closes_sentence(head: str) -> bool:
    head = head.rstrip()
    return not head or bool(_SENTENCE_CLOSED.search(head))


def _names(people_text: str) -> list[str]:
    names = people.author_names(people_text)
    if names:
        return names
    return [n for n in re.split(r"\s*[·,]\s*", people_text.strip()) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)]


def _strip_credit(text: str) -> str:
    """A caption without its trailing credit (date and e-mail, `© News1 홍길동 기자`, a byline)."""
    trimmed, _, _ = _cut_tails(text)
    match = _CAPTION_CREDIT.search(trimmed)
    if match and match.start("cut") > 0 and match["cut"].strip():
        trimmed = trimmed[: match.start("cut")].rstrip()
    return trimmed


def _is_closed_sentence(text: str) -> bool:
    return len(text) >= 30 and bool(_FULL_STOP.search(_strip_credit(text))) and text.count(" ") >= 4


def _has_no_body(doc) -> bool:
    return not any(line.role == "body" for line in doc.lines)


