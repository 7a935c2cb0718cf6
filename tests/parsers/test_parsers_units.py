"""Shared machinery on small inputs: dates, bylines, outlets, detection and the fallback."""
import pytest

from parsers import parse_text
from parsers.dates import parse_kst
from parsers.outlets import outlet_from_host, outlet_from_name
from parsers.people import match_lead, match_signoff
from parsers.registry import detect


@pytest.mark.parametrize("text, expected", [
    ("기사입력 : 2024년01월11일 15:00", "2024-01-11T15:00:00+09:00"),
    ("등록날짜 [ 2023년05월26일 15시08분 ]", "2023-05-26T15:08:00+09:00"),
    ("기사등록 2026/02/09 21:31:06", "2026-02-09T21:31:06+09:00"),
    ("기사등록 : 2020-02-01 10:06", "2020-02-01T10:06:00+09:00"),
    ("입력 2019.06.28. 오후 3:05", "2019-06-28T15:05:00+09:00"),
    ("입력 2019.06.28. 오전 12:05", "2019-06-28T00:05:00+09:00"),
    ("승인 2016.12.07", "2016-12-07"),
    ("06.28 (금)", None),
    ("2024년 13월 01일", None),
    ("1500명이 2024년", None),
])
def test_parse_kst(text, expected):
    assert parse_kst(text) == expected


@pytest.mark.parametrize("line, dateline, agency, authors, rest", [
    ("[서울=뉴스핌] 이경화 기자 = 오세훈 시장이", "서울", "뉴스핌", ["이경화"], "오세훈 시장이"),
    ("【울랴놉스크=뉴시스】박대로 기자 = 유라시아를", "울랴놉스크", "뉴시스", ["박대로"], "유라시아를"),
    ("[서울=뉴스핌] 고인원 기자= 압바스", "서울", "뉴스핌", ["고인원"], "압바스"),
    ("[서울=뉴스핌] 채송무 홍석희 기자 = 더불어", "서울", "뉴스핌", ["채송무", "홍석희"], "더불어"),
    ("[서울=뉴스핌] 유신모 외교전문기자 = 국장급", "서울", "뉴스핌", ["유신모"], "국장급"),
    ("(서울=연합뉴스) 김철수 특파원 = 정부는", "서울", "연합뉴스", ["김철수"], "정부는"),
    ("[뉴스핌=홍길동 기자] 오늘", None, "뉴스핌", ["홍길동"], "오늘"),
    ("[서울=뉴스핌] 정부는 오늘", "서울", "뉴스핌", [], "정부는 오늘"),
])
def test_byline_leads(line, dateline, agency, authors, rest):
    lead = match_lead(line)
    assert (lead.dateline, lead.agency, lead.authors, line[lead.end:]) == (dateline, agency, authors, rest)


@pytest.mark.parametrize("line", ["[사진=서울시] 오세훈 시장", "오세훈 시장이 말했다", "(자료=통계청) 수출이"])
def test_not_byline_leads(line):
    assert match_lead(line) is None


def test_signoffs():
    signoff = match_signoff("라스베이거스=이상은 기자 selee@hankyung.com")
    assert (signoff.dateline, signoff.authors, signoff.emails) == ("라스베이거스", ["이상은"], ["selee@hankyung.com"])
    assert match_signoff("kh99@newspim.com").emails == ["kh99@newspim.com"]
    assert match_signoff("오 시장은 지난 8일 서울에서 기자들과 만나 이렇게 말했다.") is None


def test_outlet_table():
    assert outlet_from_name("뉴시스") == "newsis"
    assert outlet_from_host("mobile.newsis.com") == "newsis"
    assert outlet_from_host("reporter@hankyung.com") == "hankyung"
    assert outlet_from_host("news.zum.com") is None


def test_url_host_selects_the_template():
    assert detect("아무 내용", url="https://www.newspim.com/news/view/1").name == "newspim"
    assert detect("아무 내용").name == "generic"


def test_generic_fallback_keeps_prose_and_says_so():
    text = "\n".join([
        "홈 | 정치 | 경제 | 사회",
        "로그인",
        "시장 금리 인하 기대감에 코스피 반등",
        "입력 2024.03.05 10:20",
        "코스피가 5일 외국인 매수세에 힘입어 2% 넘게 올랐다. 증권가는 금리 인하 기대가 반영됐다고 분석했다.",
        "관련기사",
        "한 증권사 연구원은 \"당분간 변동성이 클 것\"이라고 말했다.",
        "많이 본 뉴스",
    ])
    record = parse_text(text).record
    assert record["parser"] == "generic@3"
    assert "generic_parser" in record["warnings"]
    assert record["title"] == "시장 금리 인하 기대감에 코스피 반등"
    assert record["published_at"] == "2024-03-05T10:20:00+09:00"
    assert record["body"].split("\n") == [
        "코스피가 5일 외국인 매수세에 힘입어 2% 넘게 올랐다. 증권가는 금리 인하 기대가 반영됐다고 분석했다.",
        "한 증권사 연구원은 \"당분간 변동성이 클 것\"이라고 말했다.",
    ]


def test_text_without_any_article_is_rejected():
    record = parse_text("메뉴\n로그인\n").record
    assert record["status"] == "rejected" and record["reason"] == "no_content"


def _site_page(n: int) -> str:
    """Pages of one made-up site: the same menu, "most read" list and footer around different prose."""
    return "\n".join([
        "오늘의 날씨 맑음",
        "정치 경제 사회 문화",
        f"{n}번째 기사의 제목입니다",
        f"입력 2024.03.0{n} 10:20",
        f"시의회는 {n}일 본회의를 열고 예산안을 처리했다고 밝혔다. 의원들은 장시간 토론을 이어갔다.",
        f"시장은 {n}일 기자들과 만나 \"예산을 차질 없이 집행하겠다\"고 말했다.",
        "가장 많이 읽은 기사입니다.",
        "인기 기사 목록을 확인하세요. 매일 업데이트되는 소식을 전해 드립니다.",
        "발행인 홍길동 편집인 홍길동 청소년보호책임자 홍길동입니다.",
    ])


def test_generic_fallback_uses_lines_recurring_across_a_sites_pages():
    from parsers.recurring import RecurringLines

    seen = RecurringLines()
    for n in (1, 2, 3, 4):
        seen.add(_site_page(n))
    furniture = seen.furniture()
    alone = parse_text(_site_page(2)).record
    helped = parse_text(_site_page(2), recurring=furniture).record
    assert "인기 기사 목록" in alone["body"]          # without evidence the footer reads like prose
    assert helped["body"].split("\n") == [
        "시의회는 2일 본회의를 열고 예산안을 처리했다고 밝혔다. 의원들은 장시간 토론을 이어갔다.",
        "시장은 2일 기자들과 만나 \"예산을 차질 없이 집행하겠다\"고 말했다.",
    ]
    assert helped["title"] == "2번째 기사의 제목입니다"


def test_recurring_lines_need_enough_pages():
    from parsers.recurring import RecurringLines

    seen = RecurringLines()
    seen.add(_site_page(1))
    seen.add(_site_page(2))
    assert seen.furniture() == frozenset()


def test_markers_run_over_the_whole_page_without_crossing_lines():
    import re

    from parsers.engine import _one_line

    assert _one_line(r"^a\s*:\s*b$") == r"^a[^\S\n]*:[^\S\n]*b$"
    assert _one_line(r"^[^\]=]{1,20}=") == r"^[^\n\]=]{1,20}="
    assert _one_line(r"[^\s\]]x") == r"[^\n\s\]]x"           # \s inside a class stays
    assert _one_line(r"[^]a]x") == r"[^\n\]a]x"
    joined = "기사입력\n: 2024\n[뉴스핌=\n홍길동]"
    assert not re.search(_one_line(r"^기사입력\s*:\s*\d{4}"), joined, re.M)
    assert not re.search(_one_line(r"^\[[^\]]{1,20}\]"), joined, re.M)


def test_no_template_overrides_a_private_engine_pass():
    """A template changes the engine through declared fields and public hooks only, so a change to
    a private pass can never be silently undone by one template's copy of it."""
    from parsers.engine import Template
    from parsers.registry import TEMPLATES
    from parsers.templates.generic import Generic

    private = {name for name in vars(Template) if name.startswith("_") and not name.startswith("__")}
    for template in TEMPLATES:
        if isinstance(template, Generic):
            continue                      # the fallback is a labeller of its own, not a template
        for cls in type(template).__mro__:
            if cls is Template or not issubclass(cls, Template):
                continue
            assert not private & set(vars(cls)), f"{cls.__name__} overrides {private & set(vars(cls))}"


def test_parser_ids_are_read_one_way():
    from parsers.record import ParserId, parser_name
    from parsers.registry import GENERIC

    assert ParserId.parse("newspim@3") == ParserId("newspim", 3) and str(ParserId("newspim", 3)) == "newspim@3"
    assert ParserId.parse(GENERIC.parser_id) == ParserId(GENERIC.name, GENERIC.version)
    assert ParserId.parse(None) is None and ParserId.parse("newspim") is None and ParserId.parse("x@y") is None
    assert parser_name("daum@3") == "daum" and parser_name(None) is None


def test_every_role_the_parsers_give_a_line_is_a_declared_role(tmp_path):
    from parsers import parse_bytes
    from parsers.record import ROLES
    from tests.conftest import SAMPLES

    for sample in sorted(SAMPLES.glob("*.txt")):
        result = parse_bytes(sample.read_bytes(), str(sample))
        assert {line.role for line in result.lines} <= set(ROLES), sample.name


def test_the_record_type_names_every_field_of_the_public_record_in_order():
    from typing import get_type_hints

    from parsers.record import RECORD_FIELDS, ArticleRecord, empty_record

    assert tuple(get_type_hints(ArticleRecord)) == RECORD_FIELDS
    assert tuple(empty_record("x")) == RECORD_FIELDS


def test_every_reason_and_warning_the_parsers_give_is_declared():
    """The boilerplate table's `reason` and a record's `warnings` are public vocabularies: each
    value the parsers produce on the fixtures and the dev pages is one that parsers.record
    declares (REASONS, the roles for lines with no reason of their own; WARNINGS)."""
    from parsers import parse_bytes
    from parsers.record import REASONS, ROLES, WARNINGS
    from tests.conftest import ROOT

    reasons, warnings = set(), set()
    for root in (ROOT / "tests" / "fixtures", ROOT / "tests" / "corpus" / "dev"):
        for page in sorted(root.rglob("*")):
            if page.suffix in (".txt", ".html", ".gz"):
                result = parse_bytes(page.read_bytes(), str(page))
                reasons |= {reason for _, _, reason in result.removed()}
                warnings |= set(result.record["warnings"])
    assert reasons <= set(REASONS) | set(ROLES) and len(reasons) > 20
    assert warnings <= set(WARNINGS) and {"no_date", "generic_parser"} <= warnings
