"""Bytes → text: encodings, BOMs, normalisation, and refusals with a reason."""
import codecs

import pytest

from parsers import parse_bytes
from parsers.decode import DecodeError, decode

KOREAN = "서울=뉴스핌 기사입니다.\n둘째 줄"


@pytest.mark.parametrize("data, encoding", [
    (KOREAN.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + KOREAN.encode("utf-8"), "utf-8-sig"),
    (KOREAN.encode("utf-16"), "utf-16"),
    (KOREAN.encode("cp949"), "cp949"),
])
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode(data)
    assert decoded.text == KOREAN
    assert decoded.encoding == encoding


def test_cp949_only_syllable_decodes():
    # 똠 is outside EUC-KR's 2,350 syllables but inside CP949.
    assert decode("똠양꿍 기사".encode("cp949")).text == "똠양꿍 기사"


def test_normalisation_crlf_nbsp_zero_width_trailing_space():
    decoded = decode("제목\u00a0한 줄\u200b  \r\n본문\r".encode("utf-8"))
    assert decoded.text == "제목 한 줄\n본문\n"


def test_truncated_multibyte_sequence_at_the_end_is_dropped_with_a_warning():
    data = "끝나지 않은 문장".encode("utf-8")[:-1]
    decoded = decode(data)
    assert decoded.text == "끝나지 않은 문"
    assert decoded.warnings == ["truncated_bytes"]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b" \n\t\r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"%PDF-1.7\n...", "binary"),
    (b"PK\x03\x04rest", "binary"),
    (b"text\x00with\x00nuls", "binary"),
])
def test_refusals(data, reason):
    with pytest.raises(DecodeError) as error:
        decode(data)
    assert error.value.reason == reason


def test_parse_bytes_never_raises_on_bad_input():
    result = parse_bytes(b"\x89PNG\r\n\x1a\n\x00", source="x.png")
    assert result.record["status"] == "rejected"
    assert result.record["reason"] == "binary"
    assert result.record["title"] is None and result.record["body"] is None
