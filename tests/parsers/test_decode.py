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


# ---------------------------------------------------------------- real files: CP949 and mojibake
import difflib  # noqa: E402

from tests.conftest import ROOT, SAMPLES  # noqa: E402

INPUTS = ROOT / "tests" / "fixtures" / "inputs"


def sample_record(name):
    return parse_bytes((SAMPLES / name).read_bytes(), source=name).record


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def test_a_cp949_file_parses_like_its_utf8_original():
    record = parse_bytes((INPUTS / "cp949_002.txt").read_bytes(), source="cp949").record
    original = sample_record("002_2073495484cbea58.txt")
    for field in ("title", "subtitles", "published_at", "authors", "body"):
        assert record[field] == original[field]


def test_intact_mojibake_is_repaired_exactly():
    decoded = decode((INPUTS / "mojibake_intact_004.txt").read_bytes())
    assert decoded.warnings == ["mojibake_repaired"]
    assert decoded.text == decode((SAMPLES / "004_d32cad0dd2ba4f1c.txt").read_bytes()).text


def test_lossy_mojibake_is_repaired_to_readable_korean():
    result = parse_bytes((INPUTS / "mojibake_lossy_004.txt").read_bytes(), source="lossy")
    record, original = result.record, sample_record("004_d32cad0dd2ba4f1c.txt")
    assert record["warnings"][0] == "mojibake_lossy"
    assert (record["title"], record["outlet"], record["authors"], record["dateline"]) == \
        (original["title"], original["outlet"], original["authors"], original["dateline"])
    assert similarity(record["body"], original["body"]) > 0.995
    latin = lambda text: sum(1 for ch in text if 0xA1 <= ord(ch) <= 0xFF)  # noqa: E731
    assert latin(record["body"]) <= latin(original["body"])   # no mojibake left in the body


def test_lossy_bytes_that_cannot_come_back_are_marked():
    from parsers.mojibake import repair

    # ∼ is A1 AD: a lossy copy drops AD, and a lone A1 cannot be read back.
    damaged = "가∼ 나다".encode("cp949").replace(b"\xad", b"").decode("latin-1")
    assert repair(damaged) == ("가\ufffd 나다", True)
    # 서 is BC AD: a lone Hangul lead byte is read as having lost AD, the one droppable trail.
    damaged = "서울 시내".encode("cp949").replace(b"\xad", b"").decode("latin-1")
    assert repair(damaged) == ("서울 시내", True)


def test_latin_text_is_not_mistaken_for_mojibake():
    text = "Le président a déclaré à la presse qu'il était très satisfait de l'accord signé à Séoul."
    assert decode(text.encode("utf-8")).text == text
    assert decode(text.encode("utf-8")).warnings == []
