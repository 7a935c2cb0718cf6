"""Every fixture page in, the expected record (written by reading the page) out, field by field.

Fixtures: the five samples (tests/fixtures/samples/) and the collected pages (tests/fixtures/pages/),
loaded with parsers.evaluate.iter_fixtures.
"""
import pytest

from parsers import RECORD_FIELDS, page_text, parse_bytes
from parsers.evaluate import iter_fixtures, leaks
from parsers.registry import detect
from tests.conftest import ROOT

FIXTURES = iter_fixtures(ROOT / "tests" / "fixtures")
FIELDS = [f for f in RECORD_FIELDS if f != "source"]


def parsed(fixture):
    return parse_bytes(fixture.raw_path.read_bytes(), source=str(fixture.raw_path), url=fixture.url)


def test_the_five_samples_have_fixtures():
    assert sum(1 for f in FIXTURES if f.raw_path.parent == ROOT / "raw" / "samples") == 5


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
@pytest.mark.parametrize("field", FIELDS)
def test_field(fixture, field):
    assert parsed(fixture).record[field] == fixture.expected[field]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_no_furniture_leaks_into_title_or_body(fixture):
    assert fixture.expected["_furniture"], "a fixture lists the furniture strings it checks for"
    assert leaks(fixture, parsed(fixture).record) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_markers_alone_pick_the_same_template(fixture):
    """Detection without the URL (a bare text dump) must still find the template (except for the
    few dumps that hold nothing of their outlet's own, marked `_url_only`)."""
    if fixture.expected.get("_url_only"):
        pytest.skip("only the URL can tell this dump's outlet")
    text, _, _ = page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))
    assert detect(text).parser_id == fixture.expected["parser"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_every_non_body_line_has_a_reason(fixture):
    for number, text, reason in parsed(fixture).removed():
        assert reason, (number, text)


def test_record_keys_are_the_contract_in_order():
    assert tuple(parsed(FIXTURES[0]).record) == RECORD_FIELDS
