"""Bylines: the lead before the first sentence, sign-off lines, author names, datelines, e-mails.

Shapes handled (all outlets; templates add their own sign-off patterns on top):
- lead `[서울=뉴스핌] 이경화 기자 = `, `(서울=연합뉴스) 홍길동 기자 = `, `【울랴놉스크=뉴시스】박대로 기자 = `, `[서울=뉴스핌] 고인원 기자= `,
  `[마드리드 신화사=뉴스핌] ` (no person; dateline `마드리드`), old `[뉴스핌=홍길동 기자] ` (agency
  first), `[더팩트ㅣ라스베이거스=이헌일 기자] ` (agency and place before `=`),
  `[아시아경제 홍길동 기자] ` (agency and people in one bracket);
- sign-off `라스베이거스=이상은 기자 selee@hankyung.com`, `이상은 기자`, an e-mail alone on a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Job titles that follow a reporter's name. A token ending in one of these is a title, not a name.
TITLE_WORDS = (
    "기자", "특파원", "통신원", "논설위원", "위원", "부장", "차장", "국장", "팀장", "에디터",
    "PD", "앵커", "리포터", "칼럼니스트", "인턴",
)
_TITLE_ALT = "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
_NAME_RE = re.compile(r"^[가-힣]{2,4}$")
# Bracket labels that look like `[x=y]` but are photo/graphic credits, not a dateline.
_CREDIT_LABELS = ("사진", "그래픽", "자료", "출처", "영상", "표", "제공", "일러스트", "편집", "디자인")
# Wire agencies written after the place in a lead (`[마드리드 신화사=뉴스핌]`, `(워싱턴 AP=연합뉴스)`).
_WIRE_AGENCIES = ("신화사", "신화통신", "신화", "로이터", "블룸버그", "교도", "지지", "타스", "AP", "AFP", "EPA",
                  "UPI", "dpa", "AFPBB")

# [dateline=agency] or 【dateline=agency】, then optionally `people =`.
_LEAD_RE = re.compile(
    r"^\s*[\[【(]\s*(?P<left>[^=\[\]【】()]{1,24}?)\s*=\s*(?P<right>[^=\[\]【】()]{1,60}?)\s*[\]】)]\s*"
    rf"(?:(?P<people>[^=\[\]【】()\n]{{0,40}}?(?:{_TITLE_ALT})[^=\[\]【】()\n]{{0,6}}?)\s*=\s*)?"
)
# `[아시아경제 홍길동 기자] `, `[이데일리 김철수·이영희 기자] `: agency and people in one bracket.
_AGENCY_PEOPLE_LEAD_RE = re.compile(
    r"^\s*[\[【]\s*(?P<agency>[^=\[\]【】]{1,20}?)\s+"
    rf"(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*(?:[가-힣]{{0,6}}(?:{_TITLE_ALT})))\s*[\]】]\s*"
)
EMAIL_ONLY_RE = re.compile(rf"^\s*(?:{EMAIL_RE.pattern}[\s,/;]*)+$")
# `라스베이거스=이상은 기자 selee@hankyung.com`, `이상은·김철수 기자`, `정인설 특파원 a@b.com`
SIGNOFF_RE = re.compile(
    r"^\s*(?:(?P<dateline>[가-힣A-Za-z][가-힣A-Za-z·]{0,15})\s*=\s*)?"
    r"(?P<people>[가-힣]{2,4}(?:\s*[·,/]\s*[가-힣]{2,4}|\s+[가-힣]{2,4})*)\s*"
    rf"(?:{_TITLE_ALT})(?:들)?"
    rf"(?P<emails>(?:\s*[\s,/(]\s*{EMAIL_RE.pattern}\)?)*)\s*$"
)


@dataclass
class Byline:
    """What a byline lead or sign-off says. `end` is where the lead stops in its line."""

    end: int = 0
    dateline: str | None = None
    agency: str | None = None
    authors: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def author_names(people: str) -> list[str]:
    """`채송무 홍석희 기자` → ['채송무', '홍석희']; `유신모 외교전문기자` → ['유신모']."""
    names = []
    for token in re.split(r"[\s·,/]+", people):
        token = token.strip()
        if not token or token.endswith(TITLE_WORDS) or token in ("외", "등", "및"):
            continue
        if _NAME_RE.match(token) and token not in names:
            names.append(token)
    return names


def match_lead(line: str) -> Byline | None:
    """The byline lead at the start of a line, or None."""
    match = _LEAD_RE.match(line)
    if not match:
        match = _AGENCY_PEOPLE_LEAD_RE.match(line)
        if match:
            return Byline(end=match.end(), agency=match["agency"].strip(), authors=author_names(match["people"]))
        return None
    left, right, people = match["left"].strip(), match["right"].strip(), match["people"]
    if left.startswith(_CREDIT_LABELS):
        return None
    if people is None and right.endswith(TITLE_WORDS):
        # Old form `[뉴스핌=홍길동 기자]`: agency first, people inside the brackets;
        # `[더팩트ㅣ라스베이거스=이헌일 기자]`: agency and place before `=`, split by `ㅣ`/`|`.
        agency, _, place = re.sub(r"\s*[ㅣ|｜]\s*", "ㅣ", left).partition("ㅣ")
        return Byline(end=match.end(), dateline=place or None, agency=agency, authors=author_names(right))
    head, _, tail = left.rpartition(" ")
    dateline = head.strip() if head.strip() and tail in _WIRE_AGENCIES else left
    return Byline(
        end=match.end(), dateline=dateline, agency=right, authors=author_names(people or "")
    )


def match_signoff(line: str, patterns: tuple[re.Pattern, ...] = ()) -> Byline | None:
    """A whole-line sign-off (`dateline=name 기자 email`, an e-mail alone, or a template's own)."""
    if len(line) > 120:
        return None
    if EMAIL_ONLY_RE.match(line):
        return Byline(emails=EMAIL_RE.findall(line))
    for pattern in (*patterns, SIGNOFF_RE):
        match = pattern.match(line)
        if match:
            groups = match.groupdict()
            return Byline(
                dateline=groups.get("dateline"),
                authors=author_names(groups.get("people") or ""),
                emails=EMAIL_RE.findall(line),
            )
    return None
