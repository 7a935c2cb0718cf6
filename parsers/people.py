"""Bylines: the lead before the first sentence, sign-off lines, author names, datelines, e-mails.

Shapes handled (all outlets; templates add their own sign-off patterns on top):
- lead `[서울=뉴스핌] 이경화 기자 = `, `(서울=연합뉴스) 홍길동 기자 = `, `【울랴놉스크=뉴시스】박대로 기자 = `,
  `[서울=뉴스핌] 고인원 기자= `,
  `[마드리드 신화사=뉴스핌] ` (no person; dateline `마드리드`), old `[뉴스핌=홍길동 기자] ` (agency
  first), `[더팩트ㅣ라스베이거스=이헌일 기자] ` (agency and place before `=`),
  `[아시아경제 홍길동 기자] ` (agency and people in one bracket);
- sign-off `라스베이거스=이상은 기자 selee@hankyung.com`, `이상은 기자`, an e-mail alone on a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .outlets import outlet_from_name

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")   # ASCII: `이정수기자polaris@…`
# Job titles that follow a reporter's name. A token ending in one of these is a title, not a name.
TITLE_WORDS = (
    "기자", "특파원", "통신원", "논설위원", "위원", "부장", "차장", "국장", "팀장", "에디터",
    "PD", "앵커", "리포터", "칼럼니스트", "인턴", "작가", "편집장", "디자이너", "대기자", "주필", "논설실장",
    "논설주간", "편집국장", "편집부국장", "보도국장", "편집위원",
)
_TITLE_ALT = "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
_NAME_RE = re.compile(r"^[가-힣]{2,4}$")
_GLUED_TITLE = re.compile(r"^(?P<name>[가-힣]{2,4}?)(?:선임|수석|객원)?(?:기자|특파원)$")
# Words that stand before a job title (`선임 기자`) and are never a name.
JOB_PREFIXES = frozenset({"선임", "수석", "객원", "전문", "사진", "영상", "취재", "인턴", "기자명"})
# Bracket labels that look like `[x=y]` but are photo/graphic credits, not a dateline.
CREDIT_LABELS = ("사진", "그래픽", "자료", "출처", "영상", "표", "제공", "일러스트", "편집", "디자인")
# Wire agencies written after the place in a lead (`[마드리드 신화사=뉴스핌]`, `(워싱턴 AP=연합뉴스)`).
_WIRE_AGENCIES = ("신화사", "신화통신", "신화", "로이터", "블룸버그", "교도", "지지", "타스", "AP", "AFP", "EPA",
                  "UPI", "dpa", "AFPBB")

# [dateline=agency] or 【dateline=agency】, then optionally `people =`.
_LEAD_RE = re.compile(
    r"^\s*[\[【(]\s*(?P<left>[^=\[\]【】()]{1,24}?)\s*=\s*(?P<right>[^=\[\]【】()]{1,60}?)\s*[\]】)]\s*"
    rf"(?:(?P<people>[^=\[\]【】()\n]{{0,40}}?(?:{_TITLE_ALT})[^=\[\]【】()\n]{{0,6}}?)\s*=\s*)?"
)
# `[영일만(포항)=권병창 기자]`: a place with its city in parentheses, inside square brackets.
_BRACKET_PLACE_LEAD_RE = re.compile(
    r"^\s*[\[【]\s*(?P<left>[^=\[\]【】]{1,24}?)\s*=\s*(?P<right>[^=\[\]【】()]{1,60}?)\s*[\]】]\s*"
    rf"(?:(?P<people>[^=\[\]【】()\n]{{0,40}}?(?:{_TITLE_ALT})[^=\[\]【】()\n]{{0,6}}?)\s*=\s*)?"
)
# `[아시아경제 홍길동 기자] `, `[이데일리 김철수·이영희 기자] `: agency and people in one bracket.
_AGENCY_PEOPLE_LEAD_RE = re.compile(
    r"^\s*[\[【]\s*(?P<agency>[^=\[\]【】ㅣ|/]{1,20}?)(?:\s+|\s*[ㅣ|/]\s*)"
    rf"(?P<people>[가-힣]{{2,4}}(?:(?:\s*[·,]\s*|\s+)[가-힣]{{2,4}})*\s*(?:[가-힣]{{0,6}}(?:{_TITLE_ALT})))\s*[\]】]\s*"
)
# `[선정화 인턴기자] `: people and title in brackets, no agency.
_BRACKETED_PEOPLE_LEAD_RE = re.compile(
    rf"^\s*[\[【]\s*(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*)\s?(?:인턴|선임|수석|"
    rf"객원)?(?:{_TITLE_ALT})\s*[\]】]\s*(?=\S)"
)
# `[최은영 이코노미스트 편집국장]`: the person, the outlet, the title, in brackets.
_PEOPLE_AGENCY_LEAD_RE = re.compile(
    rf"^\s*[\[【]\s*(?P<people>[가-힣]{{2,4}})\s+(?P<agency>[가-힣A-Za-z0-9]{{2,12}})\s+(?:{_TITLE_ALT})\s*[\]】]\s*(?=\S)"
)
# `[에너지경제연구원 박주헌 원장] …`: a contributor's office, name and post opening the text.
_WRITER_LEAD_RE = re.compile(r"^\s*\[\s*(?:[가-힣A-Za-z0-9]{2,16}\s){1,2}(?P<name>[가-힣]{2,4})\s"
                             r"(?:원장|교수|회장|대표|소장|위원장|이사장|박사|변호사|센터장|사무총장|"
                             r"연구위원)\s*\]\s*(?=\S)")
# `한국사회적경제신문 KSEN 황인규 기자 | …`: the paper's name (and its acronym), the reporter, a bar or `=`.
_PAPER_PEOPLE_LEAD_RE = re.compile(
    r"^\s*(?P<agency>[가-힣]{2,12}(?:신문|일보|뉴스|방송|경제|저널|타임스|투데이)(?:\s[A-Za-z]{2,8})?)\s+"
    r"(?P<people>[가-힣]{2,4}\s?기자)\s*[|ㅣ=]\s*(?=\S)")
# `(박병종 IT과학부 기자) `: a lead in parentheses, the desk between name and title.
_PAREN_LEAD_RE = re.compile(rf"^\s*[(（]\s*(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*)"
                            rf"(?:\([\u4e00-\u9fff]{{2,4}}\))?"
                            # `(린샤오춘(林小春) 기자) `
                            rf"(?:\s+[^()（）]{{1,14}}?)?\s?(?:{_TITLE_ALT})\s*[)）]\s*")
# `(엑스포츠뉴스 김현정 기자) `: the outlet, then people and title, in parentheses.
_PAREN_OUTLET_LEAD_RE = re.compile(
    rf"^\s*[(（]\s*(?P<agency>[가-힣A-Za-z0-9]{{2,12}})\s+(?:(?P<place>[가-힣]{{2,6}}),\s*)?(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*)\s?(?:{_TITLE_ALT})\s*[)）]\s*(?=\S)"
)
# A desk signing for its reporters: `온라인이슈팀`, `디지털뉴스부`, `뉴스데스크`.
DESK_NAME = r"[가-힣A-Za-z]{1,10}(?:팀|부|데스크|센터)"
# `[아시아경제 온라인이슈팀] `: a desk's lead, no person named.
_DESK_LEAD_RE = re.compile(rf"^\s*[\[【]\s*(?:(?P<agency>[가-힣A-Za-z0-9]{{2,12}})\s+)?{DESK_NAME}\s*[\]】]\s*(?=\S)")
# A broadcaster's regional station before the first words (`[KBS 춘천] 내일이면 …`, `[MBC 경남] …`).
_STATION_REGIONS = ("서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
                    "|춘천|원주|강릉"
                    "|청주|충주|전주|목포|순천|여수|안동|포항|창원|진주|마산|삼척|대구경북|광주전남|대전충남|충청|호남|영남")
_STATION_LEAD_RE = re.compile(rf"^\s*\[\s*(?P<agency>KBS|MBC|SBS|OBS|TJB|KNN|TBC|KBC|JIBS|CJB|UBC|G1|JTV|ubc)\s?"
                              rf"(?:{_STATION_REGIONS})(?:방송총국|총국|방송국)?\s*\]\s*(?=\S)")
# `온라인이슈팀 issue@asiae.co.kr`: a desk's sign-off.
DESK_SIGNOFF_RE = re.compile(rf"^\s*[가-힣A-Za-z]{{2,12}}(?:팀|부|데스크|센터)\s*[(/]?\s*{EMAIL_RE.pattern}\)?\s*$")
# `매일일보 = 황경근 기자 | `, `[쿠키뉴스] 박효상, 박태현 기자 =`: the outlet, then people, then `|` or `=`.
_OUTLET_PEOPLE_LEAD_RE = re.compile(
    r"^\s*(?:\[\s*(?P<bracketed>[^\[\]=]{2,16}?)\s*\]|(?P<agency>[가-힣A-Za-z0-9]{2,12})\s*=)\s*"
    rf"(?P<people>[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?(?:{_TITLE_ALT}))\s*[=|ㅣ]\s*"
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
    """What a byline lead or sign-off says. `end` is where the lead stops in its line. A
    `photo_credit` names the photographer: an author only when no byline names anyone."""

    end: int = 0
    dateline: str | None = None
    agency: str | None = None
    authors: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    photo_credit: bool = False


# The most common Korean surnames: a token that does not start with one is rather a place (`경주 이종원 기자`).
COMMON_SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우"
                            "구민진나지엄채원천방공현함"
                            "변염여추도소석선설마길연위표명반왕금옥육인맹제모탁국어은편용예봉")
# Korean surnames (one syllable; the two-syllable ones lead a four-syllable name): the common ones and rarer.
SURNAMES = COMMON_SURNAMES | frozenset("경사태목형피감음빈견탄기좌부계동")
_TWO_SYLLABLE_SURNAMES = ("남궁", "선우", "제갈", "황보", "독고", "사공", "서문", "동방")
# Words that stand where a byline's names do but name nobody: places, crafts, page chrome.
NOT_NAMES = frozenset({
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "전북", "전남",
    "경북",
    "경남", "제주", "기획", "제작", "구성", "편집", "촬영", "취재", "영상", "사진", "그래픽", "디자인", "멘트", "보기",
    "다른기사", "기사", "전체", "뉴스", "이메일", "무단", "전재", "배포", "금지", "저작권", "정리", "글", "사회",
    "정치",
    "이사장", "이사", "회장", "사장", "대표", "교수", "원장", "위원장", "의원", "시장", "지사", "장관", "총장", "소장",
    "변호사", "박사", "연구원", "센터장", "본부장", "실장", "과장", "오늘의", "이번주", "이주의", "이달의", "문의",
    "제보", "연락처", "메일", "주소", "기고", "인물", "편집자", "관리자", "운영자", "작성자", "글쓴이", "담당자",
    "구독하", "구독중",
    # common words that begin with a surname's syllable (`이미지`, `정보`, `한국`)
    "이미지", "정보", "최신", "최근", "이전", "이번", "주요", "공유", "한국", "유료", "조회", "방송", "안내", "소개",
    "원문", "인기", "포토", "시민", "주민", "국민", "국회", "정부", "지역", "전국", "전문", "최초", "단독", "종합",
    "방영", "입력", "등록", "수정", "승인", "게재", "발행", "송고", "모니터",
    # desks glued to a title after the name (`이영태 여행선임기자`, `홍길동 경제전문기자`)
    "여행", "경제", "문화", "국제", "금융", "증권", "산업", "과학", "교육", "연예", "체육", "부동산", "유통", "국방",
    "외교", "노동", "복지", "의료", "건강", "여성", "기상", "생활", "전자", "통신", "성장", "남북", "법조", "공연",
})


# A desk or team standing where a name does: `사진부`, `편집국`, `온라인팀`.
_DESK_NAME = re.compile(r"^(?:(?:사진|편집|취재|사회|정치|경제|문화|체육|국제|산업|온라인|디지털|영상|보도)(?:부|국|팀|"
                        r"실)"
                        r"|[가-힣]{1,2}전문|기사제보|제보)$")


# An outlet's name (`한경닷컴`, `충청일보`) or a word with a particle (`현장으로`) is no person's name.
_NOT_NAME_ENDINGS = ("닷컴", "일보", "신문", "뉴스", "방송", "통신", "경제", "저널", "타임스", "타임즈", "미디어",
                     "으로", "에서", "에게", "까지", "부터")


def is_person_name(token: str) -> bool:
    """Could `token` be a Korean person's name (`홍길동`, `서영`, `남궁민수`)? Not a publisher's
    (`연합`, `한경`: an agency credit glued after a photo's description)."""
    if token in NOT_NAMES or token in JOB_PREFIXES or _DESK_NAME.match(token) or token.endswith(_NOT_NAME_ENDINGS) \
            or outlet_from_name(token) is not None:
        return False
    if len(token) == 4 and token.startswith(_TWO_SYLLABLE_SURNAMES):
        return True
    return token[0] in SURNAMES


def author_names(people: str) -> list[str]:
    """`채송무 홍석희 기자` → ['채송무', '홍석희']; `유신모 외교전문기자` → ['유신모']."""
    names = []
    tokens = re.split(r"[\s·,/]+", people)
    for k, token in enumerate(tokens):
        token = _GLUED_TITLE.sub(r"\g<name>", token.strip())     # `이웅희기자` → `이웅희`
        if not token or token.endswith(TITLE_WORDS) or token in ("외", "등", "및") or token in JOB_PREFIXES:
            continue
        monk = k + 1 < len(tokens) and tokens[k + 1] == "스님" and _DHARMA_NAME.match(token)   # `월주 스님`
        if _NAME_RE.match(token) and token not in names and (monk or is_person_name(token)):
            names.append(token)
    return names


_DHARMA_NAME = re.compile(r"^[가-힣]{2}$")      # a monk's name has no surname


def match_lead(line: str) -> Byline | None:
    """The byline lead at the start of a line, or None."""
    match = _LEAD_RE.match(line) or (_BRACKET_PLACE_LEAD_RE.match(line) if line.lstrip()[:1] in "[【" else None)
    if not match:
        match = _BRACKETED_PEOPLE_LEAD_RE.match(line)
        if match:
            return Byline(end=match.end(), authors=author_names(match["people"]))
        match = _AGENCY_PEOPLE_LEAD_RE.match(line)
        if match and author_names(match["people"]):
            return Byline(end=match.end(), agency=match["agency"].strip(), authors=author_names(match["people"]))
        swapped = _PEOPLE_AGENCY_LEAD_RE.match(line) if match else None     # `[최은영 이코노미스트 편집국장]`
        if swapped and author_names(swapped["people"]):
            return Byline(end=swapped.end(), agency=swapped["agency"], authors=author_names(swapped["people"]))
        if match:
            return Byline(end=match.end(), agency=match["agency"].strip(), authors=[])
        match = _PAREN_LEAD_RE.match(line)
        if match:
            return Byline(end=match.end(), authors=author_names(match["people"]))
        match = _PAREN_OUTLET_LEAD_RE.match(line)
        if match and author_names(match["people"]):     # `(엑스포츠뉴스 여의도, 윤현지 기자)`: the place first
            return Byline(end=match.end(), agency=match["agency"], dateline=match["place"],
                          authors=author_names(match["people"]))
        match = _OUTLET_PEOPLE_LEAD_RE.match(line)
        if match:
            agency = (match["bracketed"] or match["agency"]).strip()
            return Byline(end=match.end(), agency=agency, authors=author_names(match["people"]))
        match = _DESK_LEAD_RE.match(line) or _STATION_LEAD_RE.match(line)
        if match:
            return Byline(end=match.end(), agency=match["agency"])
        match = _PAPER_PEOPLE_LEAD_RE.match(line)
        if match and author_names(match["people"]):
            return Byline(end=match.end(), agency=match["agency"], authors=author_names(match["people"]))
        match = _WRITER_LEAD_RE.match(line) if line.lstrip()[:1] == "[" else None
        if match and is_person_name(match["name"]):
            return Byline(end=match.end(), authors=[match["name"]])
        return None
    left, right, people = match["left"].strip(), match["right"].strip(), match["people"]
    if left.startswith(CREDIT_LABELS):
        return None
    if people is None and right.endswith(TITLE_WORDS):
        # Old form `[뉴스핌=홍길동 기자]`: agency first, people inside the brackets;
        # `[더팩트ㅣ라스베이거스=이헌일 기자]`: agency and place before `=`, split by `ㅣ`/`|`.
        agency, _, place = re.sub(r"\s*[ㅣ|｜]\s*", "ㅣ", left).partition("ㅣ")
        named = author_names(right)
        if not named and _NAME_RE.match(left) and is_person_name(left):     # `(이심기=뉴욕 특파원)`: name, place
            return Byline(end=match.end(), dateline=right.rsplit(" ", 1)[0] if " " in right else None, authors=[left])
        return Byline(end=match.end(), dateline=place or None, agency=agency, authors=named)
    head, _, tail = left.rpartition(" ")
    dateline = head.strip() if head.strip() and tail in _WIRE_AGENCIES else left
    return Byline(
        end=match.end(), dateline=dateline, agency=right, authors=author_names(people or "")
    )


def _byline_of(match: re.Match, line: str) -> Byline:
    groups = match.groupdict()
    if (groups.get("dateline") or "") in ("그래픽", "디자인", "일러스트"):   # `그래픽=홍길동 디자이너`: no author
        return Byline(emails=EMAIL_RE.findall(line))
    return Byline(dateline=groups.get("dateline"), authors=author_names(groups.get("people") or ""),
                  emails=EMAIL_RE.findall(line))


# A photographer's credit, not a writer's byline: `사진·고민수 기자`, `사진=홍길동 기자`, `영상 홍길동 기자`.
_PHOTO_CREDIT_START = re.compile(r"^\s*[\[(<]?\s*(?:사진|영상|그래픽)\s*[=·/:]?\s*"
                                 r"(?=[가-힣]{2,4}\s?(?:선임|수석)?기자)")


def match_signoff(line: str, patterns: tuple[re.Pattern, ...] = ()) -> Byline | None:
    """A whole-line sign-off (`dateline=name 기자 email`, an e-mail alone, or a template's own)."""
    if len(line) > 120:
        return None
    outlet = _OUTLET_SLASH.match(line)          # `KPI뉴스 / 이상훈 선임기자 jow@…`: the outlet first
    if outlet:
        line = line[outlet.end():].rstrip(". ")
    bracketed = _BRACKET_OUTLET_NAME_RE.match(line) if line.lstrip()[:1] == "[" else None
    if bracketed and is_person_name(bracketed["name"]):
        return Byline(authors=[bracketed["name"]])          # `[청년의사 신문 김형진]`
    if "@" not in line and "=" not in line and ":" not in line and "：" not in line \
            and not _TITLE_WORD_RE.search(line):
        # none of the shared shapes can match (each holds an e-mail, a title word or a role label)
        return next((_byline_of(m, line) for p in patterns if (m := p.match(line))), None)
    if EMAIL_ONLY_RE.match(line) or DESK_SIGNOFF_RE.match(line):
        return Byline(emails=EMAIL_RE.findall(line))
    for pattern in (*patterns, SIGNOFF_RE):
        match = pattern.match(line)
        if match:
            byline = _byline_of(match, line)
            if _PHOTO_CREDIT_START.match(line):               # `사진·고민수 기자`, `사진=홍길동 기자`
                byline.photo_credit, byline.dateline = True, None
            return byline
    credits = CREDITS_RE.match(line) or _TEXT_AND_PHOTO_RE.match(line)
    if credits:
        return Byline(authors=author_names(credits["name"]), emails=EMAIL_RE.findall(line))
    magazine = MAGAZINE_SIGNOFF_RE.match(line)
    if magazine and is_person_name(magazine["name"]):
        return Byline(authors=[magazine["name"]], emails=EMAIL_RE.findall(line))
    return role_credits(line) or loose_signoff(line)


# What may stand before the reporters of a sign-off: the outlet and a slash (`KPI뉴스 / 이상훈 선임기자 …`), the
# outlet in brackets and the desk (`<한겨레> 사회부 김양중 의료전문기자, 이근영 기자 a@b.`).
_OUTLET_SLASH = re.compile(
    r"^\s*(?:[가-힣A-Za-z0-9]{1,10}(?:뉴스|일보|신문|방송|경제|타임스|투데이|닷컴)\s*/\s*"
    r"|[<〈]\s*[가-힣A-Za-z0-9]{2,12}\s*[>〉]\s*(?:[가-힣]{1,8}(?:부|팀)\s+)?)"
    r"(?=[가-힣]{2,4}\s?(?:[가-힣]{1,4}전문)?(?:선임|수석)?기자)")


# A magazine's sign-off: the name, the title and desk it writes for, 기자, the e-mail: `최원기 중앙일보
# 통일문화연구소 기자 brent1@joongang.co.kr`, `김태윤 이코노미스트 기자 김태윤 기자 pin21@joongang.co.kr`.
MAGAZINE_SIGNOFF_RE = re.compile(rf"^\s*(?P<name>[가-힣]{{2,4}})\s+(?:[가-힣A-Za-z0-9·]{{2,14}}\s+){{1,3}}(?:기자|"
                                 rf"특파원)"
                                 rf"(?:\s+(?P=name)\s?기자)?\s+{EMAIL_RE.pattern}\s*$")


# An outlet and a reporter's bare name in brackets, alone on a line: `[청년의사 신문 김형진]`.
# What a publisher's name ends with (`청년의사 신문`, `한국대학신문`).
OUTLET_SUFFIX = r"(?:신문|일보|뉴스|방송|저널|타임스|타임즈|미디어|통신)"
_BRACKET_OUTLET_NAME_RE = re.compile(rf"^\s*\[\s*[^\[\]]{{1,16}}?{OUTLET_SUFFIX}\s+(?P<name>[가-힣]{{2,4}})\s*\]\s*$")


# Credits by role: `글=홍길동 기자 사진=청와대사진기자단`, `[글·구성=천우진 기자, 사진=이종현 기자·국회사진기자단]`.
_WRITER_ROLES = {"글", "구성", "정리", "취재", "기획", "진행", "글쓴이"}
_OTHER_ROLES = {"사진", "영상", "그래픽", "디자인", "편집", "일러스트", "촬영", "영상취재", "영상편집", "사진기자"}
_ROLE_START = re.compile(r"(?:^|(?<=[\s,/]))(?P<role>[가-힣]{1,4}(?:\s*[·ㆍ]\s*[가-힣]{1,4})*)\s*[=:：]\s*")
_ROLE_WHO = re.compile(r"^(?P<people>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)?\s?(?:선임|수석|객원|인턴)?(?:기자|"
                       r"특파원|PD|작가|디자이너)?"
                       r"(?:\s*[·,]?\s*[가-힣]{2,12}(?:기자단|취재단|제공))?(?:\s*[\w.+-]+@[\w.-]+)?$")


def role_credits(line: str) -> Byline | None:
    """A line made only of credits by role, one of them the writer's (`글=`, `글·구성=`, `정리=`):
    the writers are the authors; a photographer's or designer's credit alone names no author."""
    if "=" not in line and ":" not in line and "：" not in line:
        return None
    text = _BRACKETS.sub(" ", line).strip(" ,/")
    starts = list(_ROLE_START.finditer(text))
    if not starts or starts[0].start() != 0:
        return None
    authors: list[str] = []
    writer = False
    for k, start in enumerate(starts):
        roles = set(re.split(r"\s*[·ㆍ]\s*", start["role"]))
        if not roles <= _WRITER_ROLES | _OTHER_ROLES:
            return None
        who = text[start.end(): starts[k + 1].start() if k + 1 < len(starts) else len(text)].strip(" ,/")
        match = _ROLE_WHO.match(who)
        if not who or not match:
            return None
        if roles & _WRITER_ROLES:
            writer = True
            authors += [a for a in author_names(match["people"] or "") if a not in authors]
    return Byline(authors=authors, emails=EMAIL_RE.findall(line)) if writer else None


# Text and photos by one reporter: `글·사진 지호영 기자 f3young@donga.com` (the writer, not a photographer only).
_TEXT_AND_PHOTO_RE = re.compile(rf"^\s*글\s*[·ㆍ/,]\s*사진\s*[=:：]?\s*(?P<name>[가-힣]{{2,4}})\s?(?:기자|작가)?"
                                rf"(?:\s*[(\[<]?\s*{EMAIL_RE.pattern}\s*[)\]>]?)?\s*$")
# A broadcast report's credits: `(취재: 이강 / 영상취재: 양현철 / 구성 : 조도혜)`: the reporter is 취재.
CREDITS_RE = re.compile(r"^\s*[•·]?\s*[(\[]?\s*(?:(?:취재|취재기자|기사|기자)\s*[:：]|"
                        r"기자명\s*[:：]?)\s*(?P<name>[가-힣]{2,4})\s*(?:[/,)\]|]|\s(?:입력|등록|작성|승인)|$)")


# One person-unit of a byline line: `진도=이형주 기자 a@b.com`, `이은택 기자`, `편집장 이형삼`.
_UNIT = (rf"(?:(?:[가-힣]{{1,10}})\s*=\s*)?(?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?"
         rf"(?:[가-힣]{{1,4}}전문\s?)?(?:선임|수석|객원|전문|사진)?(?:{_TITLE_ALT})"
         rf"|(?:{_TITLE_ALT})\s+[가-힣]{{2,4}}|[가-힣]{{2,4}}(?=\s*(?:{EMAIL_RE.pattern})))")
_UNITS_RE = re.compile(rf"^(?:{_UNIT})(?:\s*[,·/]?\s*(?:{_UNIT}))*$")
_BRACKETS = re.compile(r"[\[\]<>〈〉‹›《》()（）]")
_LINK_WORDS = re.compile(r"\s*(?:이\s?기자의\s?|(?<=기자)의\s?)?(?:다른\s?(?:뉴스|기사)\s?보기|기사\s?더\s?보기|"
                         r"구독(?:하기|중)?|\+\s?구독|이전|다음)\s*")
_VIEWS_AND_LABELS = re.compile(r"(?:조회(?:수)?\s*[:：]?\s*[\d,]+|(?:입력|수정|등록|승인|기사입력|최종수정)\s*[:：]?)")
_DATE_TIME = re.compile(r"(?:19|20)\d{2}[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_PLACE_AGENCY = re.compile(r"^[가-힣A-Za-z ]{1,12}=\s*[가-힣A-Za-z0-9]{2,10}\s+(?=[가-힣]{2,4}\s?(?:기자|특파원))")
_DESK_WORD = re.compile(r"^[가-힣A-Za-z]{1,8}(?:부|팀|국|센터|데스크)\s+(?=[가-힣]{2,4}\s?(?:선임|수석)?(?:기자|"
                        r"특파원))")
_OUTLET_WORD = re.compile(r"^(?:[가-힣A-Za-z0-9]{1,10}(?:일보|신문|뉴스|방송|통신|투데이|경제|에픽|데일리|매일|타임즈|"
                          r"타임스|저널|미디어|TV|닷컴)"
                          r"|[A-Z][A-Za-z0-9]{1,7}(?=\s+[가-힣]{2,4}\s?(?:기자|특파원|$)))\s*=?\s*")


_TITLE_WORD_RE = re.compile(_TITLE_ALT)
_PARTIAL_EMAIL = re.compile(r"[\w.+-]+@[\w.-]*")           # an address cut short by the page's end
_GLUED_JOB = re.compile(r"([가-힣]{2,4}?)((?:선임|수석|객원)?(?:기자|특파원))(?=\s|$|=)")


def has_title_word(text: str) -> bool:
    """Whether a reporter's title word (`기자`, `특파원`, `논설위원`…) or a credit (`취재:`) stands in `text`."""
    return bool(_TITLE_WORD_RE.search(text)) or "취재" in text


def loose_signoff(line: str) -> Byline | None:
    """A byline line in the shapes pages print beyond the plain one: bracketed (`<윤승모기자>a@b`,
    `〈대전〓송인수기자〉`, `[박윤구 기자]`), several people each with an e-mail (`진도=이형주 기자
    a@b 이은택 기자 c@d`), e-mail first (`a@b 최두선 기자`), after the outlet's name (`머니투데이
    여한구 기자 2008.07.02 18:43`), job before the name (`편집장 이형삼 a@b`), a name with its
    e-mail (`장보경(a@b)`), links after it (`다른기사 보기`)."""
    if "@" not in line and not _TITLE_WORD_RE.search(line):
        return None                                   # every shape holds a title word or an e-mail
    emails = EMAIL_RE.findall(line)
    line = line.replace(" ㅣ ", " | ").replace(" l ", " | ").replace("기자I ", "기자 | ")   # ㅣ, l, I as separators
    text = _PARTIAL_EMAIL.sub(" ", EMAIL_RE.sub(" ", line.replace("〓", "=")))
    text = _DATE_TIME.sub(" ", _LINK_WORDS.sub(" ", _BRACKETS.sub(" ", text)))
    text = _VIEWS_AND_LABELS.sub(" ", text)
    text = " ".join(text.replace("/", " / ").split()).strip(" /|,")
    text = _DESK_WORD.sub("", _OUTLET_WORD.sub("", text).strip(" /|,")).strip(" /|,")
    agency_lead = _PLACE_AGENCY.match(text)          # `서울=연합뉴스 이지은 기자`
    if agency_lead:
        text = text[agency_lead.end():]
    if "|" in text:                                   # `영종도 | 임진환 기자`: the part with the byline
        text = next((part.strip(" ,") for part in text.split("|") if _TITLE_WORD_RE.search(part)), text)
    if not text or len(text) > 60:
        return None
    probe = " ".join(_GLUED_JOB.sub(r"\1 \2", text).split())
    if not _UNITS_RE.match(probe) and not (emails and re.fullmatch(r"[가-힣]{2,4}", probe)):
        return None
    dateline = re.match(r"^([가-힣]{1,10})\s*=", probe)
    if dateline and dateline.group(1).startswith(CREDIT_LABELS):
        return Byline(emails=emails)                  # `(그래픽=박지영 기자)`: a credit, no author
    names = author_names(re.sub(r"(?:^|\s)[가-힣]{1,10}\s*=\s*", " ", probe))
    if not names:
        return None
    return Byline(dateline=dateline.group(1) if dateline else None, authors=names, emails=emails)
