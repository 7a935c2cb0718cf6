"""Articles read on the Zum portal (news.zum.com); `outlet` is the original publisher.

Recognised by the portal's own lines (`주소복사가 완료되었습니다`, `기사가 속한 카테고리는 언론사가
분류합니다.`, `댓글 첫 댓글을 작성해보세요`, `<이미지를 클릭하시면 크게 보실 수 있습니다>`). The page
opens with `컨텐츠 바로가기` (`컨텐츠로 건너뛰기`, the weather and `… 언론사 이미지` in the 2023+
layout, with `원문보기` under the title), the portal's date widget (`06.28 (금)`, never the article's date) and
sometimes an issue tag (`이슈 이태원 참사`); then the title. The publisher's name stands on a line of
its own (`뉴시스`) under the title, or between paragraphs as a logo's label (`뉴스핌`), sometimes more
than once (`경향신문`): every such line is a source label, the first names the outlet. Photo
captions follow the title up to the byline lead or the first paragraph.

The portal helpers here (`PortalTemplate`, `label_source_lines`) are shared with the Daum template.
"""
from __future__ import annotations

from .. import linekinds as lk
from .. import people
from ..engine import CAPTION_PATTERNS, Doc, Template, rx
from ..outlets import outlet_from_name
from ..text import looks_like_prose


def label_source_lines(doc: Doc, start: int = 0) -> None:
    """Lines holding only a publisher's name (the portal's press label, a logo's alt text) are
    `source_label` furniture; the first one is the outlet hint."""
    for i in range(start, len(doc)):
        if not doc.free(i):
            continue
        text = doc.lines[i].content
        outlet = outlet_from_name(text) if len(text) <= 20 else None
        if outlet:
            doc.label(i, "furniture", "source_label")
            if doc.outlet_hint is None:
                doc.outlet_hint = outlet


def publisher_and_name(text: str) -> bool:
    """`연합뉴스 임성호`: the publisher's label with the reporter's name (the 2023+ Zum layout)."""
    head, _, name = text.rpartition(" ")
    return bool(head) and outlet_from_name(head) is not None and people.is_person_name(name)


def is_body_start(text: str) -> bool:
    return people.match_lead(text) is not None or looks_like_prose(text)


def is_caption(text: str) -> bool:
    return any(p.search(text) for p in CAPTION_PATTERNS)


def title_then_source_labels(template: Template, doc: Doc) -> int:
    """Portal page: title first; publisher-name lines anywhere after it are source labels (the
    first names the outlet); lines between the title and the byline lead or first paragraph are
    photo captions (Zum)."""
    logos = [i for i in range(min(len(doc), 12)) if doc.lines[i].reason == "logo"]
    title = doc.next_free(logos[-1] + 1 if logos else 0)
    if title is not None and title > 0 and doc.lines[title - 1].content.startswith("![") \
            and lk.is_caption(doc.lines[title].content):
        doc.label(title, "caption", "caption")      # an image's caption first: the excerpt has no headline
        start = doc.next_free(title + 1)
        label_source_lines(doc, title + 1)
        return len(doc) if start is None else start
    if title is None:
        return 0
    doc.label(title, "title")
    doc.title = title
    label_source_lines(doc, title + 1)
    title_text = doc.lines[title].content
    for i in range(title + 1, len(doc)):
        if doc.free(i):
            if doc.lines[i].content == title_text:
                doc.label(i, "furniture", "title_repeat")
                continue
            if publisher_and_name(doc.lines[i].content):
                doc.label(i, "furniture", "source_label")
                continue
            if is_body_start(doc.lines[i].content):
                return i
            doc.label(i, "caption", "caption")
    return len(doc)


class PortalTemplate(Template):
    """What portals share: the outlet is the original publisher (source label, byline agency,
    e-mail domain: see `Template.find_outlet`), never the portal's host."""

    portal = True


class Zum(PortalTemplate):
    name = "zum"
    version = 2
    hosts = ("zum.com",)
    site = "news.zum.com"
    markers = (
        (rx(r"^주소복사가 완료되었습니다$"), 3),
        (rx(r"^기사가 속한 카테고리는 언론사가 분류합니다\.$"), 3),
        (rx(r"^댓글 첫 댓글을 작성해보세요$"), 2),
        (rx(r"^컨텐츠 바로가기$"), 1),
        (rx(r"^<이미지를 클릭하시면 크게 보실 수 있습니다>$"), 1),
    )
    published = (rx(r"^(?:입력|기사입력|등록)\s*:?\s*(?:19|20)\d{2}"),)
    updated = (rx(r"^(?:수정|최종수정)\s*:?\s*(?:19|20)\d{2}"),)
    furniture = (
        (rx(r"^컨텐츠 바로가기$"), "menu"),
        # The 2023+ layout: skip link, menu words, the weather widget, the publisher's logo and
        # the link to the original, around the title (`경향신문 언론사 이미지` / title / `원문보기`).
        (rx(r"^컨텐츠로 건너뛰기$"), "menu"),
        (rx(r"^(?:뉴스|검색)$"), "menu"),
        (rx(r"^(?:\S{1,6}\s*)?\S{1,8} / -?\d{1,2}(?:\.\d)? ?°$"), "weather"),
        (rx(r"^\S.{0,20} 언론사 이미지$"), "logo"),
        (rx(r"^원문보기$"), "portal_link"),
        (rx(r"^\d{2}\.\d{2}\s*\([월화수목금토일]\)$"), "portal_date"),
        (rx(r"^이슈 [^.!?。…\"“”]{1,30}$"), "widget"),
        (rx(r"^댓글(?:\s+\d+)?(?:\s+첫 댓글을 작성해보세요)?$"), "comments"),
        (rx(r"^주소복사가 완료되었습니다$"), "share"),
        (rx(r"^\S{1,12} SNS \[페이스북\]"), "share"),
        (rx(r"^<?이미지를 클릭하시면 크게 보실 수 있습니다>?$"), "widget"),
        # A publisher's subscription note (`※뉴스레터 … 구독해 … 이메일 주소를 남겨주세요.`).
        (rx(r"^※.{0,300}(?:구독|뉴스레터).{0,300}$"), "ad"),
        (rx(r"^기사가 속한 카테고리는 언론사가 분류합니다\.$"), "portal_footer"),
        (rx(r"^언론사는 한 기사를 두 개 이상의 카테고리로 분류할 수 있습니다\.$"), "portal_footer"),
        (rx(r"^☞공감언론 뉴시스"), "footer"),
    )
    header = title_then_source_labels
