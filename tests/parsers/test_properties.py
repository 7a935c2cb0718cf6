"""Property tests: arbitrary bytes and text thrown at decode and at every template parser. None may
raise; every record keeps the contract's shape."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import RECORD_FIELDS, parse_bytes
from parsers.decode import DecodeError, decode
from parsers.registry import GENERIC, TEMPLATES

# Text built from the pieces pages are made of, so parsers get past their first checks.
FRAGMENTS = st.sampled_from([
    "[서울=뉴스핌] 홍길동 기자 = ", "【서울=뉴시스】", "기사입력 : 2024년01월11일 15:00", "최종수정 : ",
    "[뉴스핌 베스트 기사]", "등록날짜 [ 2023년05월26일 15시08분 ]", "이 기자의 다른뉴스보기", "기사 스크랩",
    "-", "사진", "주소복사가 완료되었습니다", "뉴시스", "a@b.com", "다.", "\n", "\n\n", "▲", "[사진=x]",
    "2024.01.01. x@y.kr", "<저작권자ⓒ 무단전재-재배포 금지>", "\ufffd", "\u00ad", "¼­¿ï", "=", "]", "【",
])
PAGE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_record(record):
    assert tuple(record) == RECORD_FIELDS
    assert record["status"] in ("ok", "rejected")


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_and_parse_arbitrary_bytes(data):
    try:
        decode(data)
    except DecodeError as error:
        assert error.reason in ("empty", "binary", "undecodable")
    check_record(parse_bytes(data, source="x").record)
    check_record(parse_bytes(data, source="x.html").record)


@SETTINGS
@given(PAGE_TEXT, st.sampled_from([None, "https://www.newspim.com/news/view/1", "not a url", "https://"]))
def test_every_template_on_arbitrary_text(text, url):
    for template in (*TEMPLATES, GENERIC):
        check_record(template.parse(text, "x", url).record)


@SETTINGS
@given(PAGE_TEXT)
def test_arbitrary_text_as_bytes_in_several_encodings(text):
    for encoding in ("utf-8", "utf-16", "cp949"):
        data = text.encode(encoding, errors="ignore")
        check_record(parse_bytes(data, source="x").record)
