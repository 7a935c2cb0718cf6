"""Fixture tooling: every registered template has fixtures it is detected on, and
`python -m parsers.evaluate --write-expected PAGE` drafts a page's expected record for review."""
import json
import shutil

import pytest

from parsers import parse_bytes
from parsers.evaluate import iter_fixtures, main
from parsers.registry import TEMPLATES
from tests.conftest import ROOT

FIXTURES = iter_fixtures(ROOT / "tests" / "fixtures")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_every_registered_template_has_a_fixture_it_is_detected_on(template):
    own = [f for f in FIXTURES if (f.expected.get("parser") or "").split("@")[0] == template.name]
    assert own, f"template {template.name!r} has no fixture under tests/fixtures (add one: see the README)"
    detected = [f for f in own
                if parse_bytes(f.raw_path.read_bytes(), str(f.raw_path), f.url).record["parser"].split("@")[0]
                == template.name]
    assert detected, f"none of {template.name!r}'s fixtures is detected as {template.name!r}"


def test_write_expected_drafts_the_record_and_keeps_the_labellers_keys(tmp_path, capsys):
    source = ROOT / "tests" / "fixtures" / "pages" / "asiae" / "asiae_desktop_1"
    page = tmp_path / "asiae_desktop_1.txt"
    shutil.copy(source.with_suffix(".txt"), page)
    expected = json.loads(source.with_suffix(".expected.json").read_text(encoding="utf-8"))
    stale = {**expected, "title": "an old title", "_note": "kept"}
    (tmp_path / "asiae_desktop_1.expected.json").write_text(json.dumps(stale, ensure_ascii=False), encoding="utf-8")
    assert main(["--write-expected", str(page)]) == 0
    written = json.loads((tmp_path / "asiae_desktop_1.expected.json").read_text(encoding="utf-8"))
    assert written["title"] == expected["title"]                       # the parser's record again
    assert written["_furniture"] == expected["_furniture"] and written["_note"] == "kept"
    assert "source" not in written
    assert "title changed" in capsys.readouterr().out


def test_write_expected_refuses_a_held_out_page_and_a_missing_one(tmp_path, capsys):
    held_out = tmp_path / "heldout" / "x" / "x_desktop_1.txt"
    held_out.parent.mkdir(parents=True)
    held_out.write_text("제목\n본문입니다.\n", encoding="utf-8")
    assert main(["--write-expected", str(held_out)]) == 2
    assert not held_out.with_name("x_desktop_1.expected.json").exists()
    assert main(["--write-expected", str(tmp_path / "missing.txt")]) == 2
    assert "refused" in capsys.readouterr().err
