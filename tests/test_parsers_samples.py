"""Each sample page in, the expected record (written by reading the page) out, field by field."""
import json

import pytest

from parsers import RECORD_FIELDS, parse_bytes
from tests.conftest import EXPECTED, ROOT

FIXTURES = sorted(EXPECTED.glob("*.json"))
FIELDS = [f for f in RECORD_FIELDS if f != "source"]


def load(fixture):
    expected = json.loads(fixture.read_text(encoding="utf-8"))
    raw = ROOT / expected["_raw"]
    result = parse_bytes(raw.read_bytes(), source=str(raw))
    return expected, result


def test_every_sample_has_a_fixture():
    assert len(FIXTURES) == 5


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("field", FIELDS)
def test_field(fixture, field):
    expected, result = load(fixture)
    assert result.record[field] == expected[field]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_no_furniture_leaks_into_title_or_body(fixture):
    expected, result = load(fixture)
    text = (result.record["title"] or "") + "\n" + result.record["body"]
    leaked = [s for s in expected["_furniture"] if s in text]
    assert leaked == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_non_body_line_has_a_reason(fixture):
    _, result = load(fixture)
    for number, text, reason in result.removed():
        assert reason, (number, text)


def test_record_keys_are_the_contract_in_order():
    _, result = load(FIXTURES[0])
    assert tuple(result.record) == RECORD_FIELDS
