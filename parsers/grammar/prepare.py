"""Before any template labels a page: crawler preambles, markdown image lines, share words and image
file names glued before a line's first words, a line that is the next two glued together, a page
script's data flattened into a line, a broadcast script's speaker marks (`여>`, `남>`)."""
from __future__ import annotations

import re

from .. import linekinds as lk
from .shared import rx

# A crawler's preamble (`Title: …`, `URL Source: …`, `Markdown Content:`, ` date 2026-03-01`).
_CRAWLER_WORDS = ("Title", "URL Source", "Published Time", "Markdown Content", "Description", "Source", "date")
CRAWLER_LINE = rx(rf"^(?:{'|'.join(_CRAWLER_WORDS)})\s*:?(?:\s.*)?$")


CRAWLER_PREFIX = rx(r"^\s*date\s+(?:19|20)\d{2}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)")


# A markdown image: `![alt text](https://…)`, `![]() |`, `![[서울=뉴시스]…` (alt text cut by the excerpt).
MARKDOWN_IMAGE = rx(r"^!\[(?P<alt>.*)\]\([^()\s]*\)\s*\|?\s*$|"
                    r"^!\[(?P<cut>[^\]]*(?:\][^(]*)?)(?:\]\([^)]*\))?\s*\|?\s*$|^!\[")


def image_alt(text: str) -> str:
    """A markdown image line's alt text (`![설명](https://…)` -> `설명`); any other line as it is."""
    image = MARKDOWN_IMAGE.match(text) if text.startswith("![") else None
    alt = (image.group("alt") or image.group("cut") or "").strip() if image else ""
    return alt or text


# Share and menu words a crawl glued before the first words of a line.
_CHROME_WORD = (r"(?:카카오톡|카카오스토리|카카오|페이스북|트위터|네이버\s?밴드|네이버\s?블로그|밴드|블로그|전체|"
                r"공유하기|공유"
                r"|스크랩|프린트|인쇄|URL\s?복사|링크\s?복사|이메일|메일|글자\s?크기|본문\s?듣기|기사\s?듣기|닫기|X)")


CHROME_PREFIX = rx(rf"^(?:{_CHROME_WORD}\s+){{2,}}(?=\S)")


_CHROME_FIRST = frozenset({"카카오톡", "카카오스토리", "카카오", "페이스북", "트위터", "네이버", "네이버밴드",
                           "네이버블로그", "밴드",
                           "블로그", "전체", "공유하기", "공유", "스크랩", "프린트", "인쇄", "URL", "URL복사", "링크",
                           "링크복사",
                           "이메일", "메일", "글자", "글자크기", "본문", "본문듣기", "기사", "기사듣기", "닫기", "X"})


_START_WORDS = ("![", "date ", "Title", "URL Source", "Published Time", "Markdown Content", "Description", "Source",
                "카카오톡", "카카오스토리", "페이스북", "트위터", "네이버밴드", "네이버 밴드", "네이버블로그",
                "공유하기", "스크랩",
                "프린트", "URL복사", "URL 복사", "링크복사", "글자크기", "본문듣기", "기사듣기")


def prepare(doc) -> None:
    """Before any template labels a page: crawler preamble lines are furniture, markdown image
    lines are captions (their alt text), and a crawler preamble or a run of share words glued
    before a line's first words is cut from it (`ParseResult.removed()` lists it). An image's file
    name a crawl left at a line's start (`김승호 박사.jpg[호남교육신문 …`) goes the same way."""
    if _IMAGE_EXT.search(doc.text):
        _image_file_names(doc)
    if " true " in doc.text or " false " in doc.text:
        for i, line in enumerate(doc.lines):
            if not line.role and PAGE_DATA.search(line.content) and len(_LONG_NUMBER.findall(line.content)) >= 2:
                doc.label(i, "furniture", "page_data")
    _glued_copies(doc)
    if "<#" in doc.text or "?>" in doc.text:
        _template_code(doc)
    if "작성일" in doc.text:
        _board_headers(doc)
    if ">\n" in doc.text or ":\n" in doc.text:
        _speaker_marks(doc)
    if "원 ▲" in doc.text or "원 ▼" in doc.text or "원 0.00%" in doc.text:
        _stock_quotes(doc)
    for i, line in enumerate(doc.lines):
        if not line.content.startswith(_START_WORDS) or line.role:
            continue                      # no image, preamble or share words start this line
        if line.content.split(None, 1)[0] not in _CHROME_FIRST and not line.content.startswith(("!", "date")) \
                and (i >= 8 or not line.content.startswith(_CRAWLER_WORDS)):
            continue
        image = MARKDOWN_IMAGE.match(line.content)
        if image:
            alt = image.group("alt") or image.group("cut") or ""
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


# A page script's data array flattened into text (`68736676 0372021… entertain 7.0.0-HOTFIX 37 헤럴드경제
# 59772394 false true false true 1623426714000 …`): booleans and long ids, not words.
PAGE_DATA = rx(r"\b(?:true|false)\s+(?:true|false)\b")
_LONG_NUMBER = rx(r"\b\d{6,}\b")


# A script's speaker mark alone on its line: `여>`, `남>` (two anchors), `앵커>`, `* 심병일 기자 :` (1990s KBS).
SPEAKER_MARK = rx(r"^(?:(?:여|남|앵커|기자|MC|[가-힣]{2,4})\s?>|\*\s*[가-힣]{2,4}(?:\s[가-힣]{1,8})?\s*[:：])$")


def _speaker_marks(doc) -> None:
    """Two or more speaker marks alone on their lines: a script's, not its words."""
    marks = [i for i, line in enumerate(doc.lines) if len(line.content) <= 20 and SPEAKER_MARK.match(line.content)]
    if len(marks) >= 2:
        for i in marks:
            doc.label(i, "furniture", "transcript_label")


_IMAGE_EXT = rx(r"\.(?:jpe?g|png|gif|webp|bmp)\b", re.I)


IMAGE_FILE = rx(r"^[^\s\[\]<>()]\S*(?:\s\S+){0,4}?\.(?:jpe?g|png|gif|webp|bmp)\b", re.I)


def _glued_copies(doc) -> None:
    """A line that is the next two lines glued together (an image's alt text: the headline and the
    photo's description, then both again on lines of their own) is a copy."""
    lines = [line for line in doc.lines if line.content]
    sizes = [len(line.content) for line in lines]
    for k in range(len(lines) - 2):
        if sizes[k] < 40 or abs(sizes[k] - sizes[k + 1] - sizes[k + 2]) > 2 or lines[k].role:
            continue
        text = lines[k].content
        if text.startswith(lines[k + 1].content) and text.endswith(lines[k + 2].content):
            lines[k].role, lines[k].reason = "furniture", "duplicate_block"


def _image_file_names(doc) -> None:
    for i, line in enumerate(doc.lines):
        match = IMAGE_FILE.match(line.content) if not line.role else None
        if match is None:
            continue
        if not line.content[match.end():].strip():
            doc.label(i, "furniture", "not_prose")
        else:
            _cut_prefix(line, match.end())


# A message board's post header glued after the headline it copied: `작성일 11-17 49 목록`, `작성일 :
# 25-11-17 06:32 조회 : 49` (the day, often without the year, the views, the link back to the list).
BOARD_TAIL = rx(r"\s작성일\s*:?\s*(\d{2,4}[-./]\d{1,2}(?:[-./]\d{1,2})?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
                r"(?:\s+(?:조회(?:수)?\s*:?\s*)?\d[\d,]*)?(?:\s+목록)?\s*$")


def _board_headers(doc) -> None:
    """The board's post header is cut from the headline's line (a full date dates the page)."""
    for line in doc.lines[:12]:
        tail = BOARD_TAIL.search(line.content) if not line.role else None
        if tail and tail.start() >= 8:
            line.cut_suffix = line.text[line.text.index(tail.group(0).strip()) - 1:]
            line.text = line.text[: len(line.text) - len(line.cut_suffix)]
            line.content = line.text.strip()
            if re.match(r"(?:19|20)\d{2}[-./]", tail.group(1)) and doc.preamble_date is None:
                doc.preamble_date = lk.unlabelled_datetime(tail.group(1))
            return


# A site's template code printed as text: a placeholder (`<#10LOGO#>`) before a line's words, a PHP
# statement (`@include $docRoot.'/uhtml/article_relate.php';?>`).
_PLACEHOLDER = rx(r"^<#\w{1,20}#>\s*")
_CODE_LINE = rx(r"^(?:@?include\s|<\?php\b|\$\w+\s*=).*|.*;\s*\?>$")


def _template_code(doc) -> None:
    for i, line in enumerate(doc.lines):
        if line.role:
            continue
        placeholder = _PLACEHOLDER.match(line.content)
        if placeholder and placeholder.end() < len(line.content):
            _cut_prefix(line, placeholder.end())
        elif placeholder or _CODE_LINE.match(line.content):
            doc.label(i, "furniture", "code")


# A stock-quote widget a site puts after a listed company's name inside the prose: `에스디바이오센서
# (21,350원 ▲150 +0.71%)다`, `톱텍 (8,910원 0.00%)(-420억원)`.
STOCK_QUOTE = rx(r"\s?\(\d{1,3}(?:,\d{3})*원\s(?:[▲▼]\s?[\d,]+\s[+-]\d+(?:\.\d+)?%|0\.00%)\)")


def _stock_quotes(doc) -> None:
    """Stock quotes inside a line are cut from it (`removed()` lists each)."""
    for line in doc.lines:
        if line.role or "원 " not in line.text:
            continue
        spans = [match.group(0) for match in STOCK_QUOTE.finditer(line.text)]
        if spans:
            line.cut_spans = spans
            line.text = STOCK_QUOTE.sub("", line.text)
            line.content = line.text.strip()


def _cut_prefix(line, end: int) -> None:
    start = len(line.text) - len(line.text.lstrip())
    line.cut_prefix = line.text[: start + end]
    line.text = line.text[start + end:]
    line.content = line.text.strip()
