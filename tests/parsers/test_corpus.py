"""The labelled page corpus (tests/corpus/): sound files, an honest split, enough real pages."""
import json
from collections import Counter

import pytest

from parsers import corpus, evaluate
from tests.conftest import ROOT

ROOT_CORPUS = ROOT / "tests" / "corpus"


def test_every_labelled_page_passes_the_checker():
    assert [str(p) for p in corpus.check(ROOT_CORPUS, (ROOT / "tests" / "fixtures",))] == []


def test_the_split_is_the_url_hash_and_big_enough():
    pages = sorted(ROOT_CORPUS.rglob("*.meta.json"))
    splits = Counter(p.relative_to(ROOT_CORPUS).parts[0] for p in pages)
    outlets = {json.loads(p.with_name(p.name.replace(".meta.json", ".expected.json")).read_text())["outlet"]
               for p in pages}
    assert sum(splits.values()) >= 300 and len(outlets) >= 60
    assert splits["heldout"] >= 120 and splits["heldout"] >= 0.4 * sum(splits.values())
    for meta in pages:
        url = json.loads(meta.read_text(encoding="utf-8"))["url"]
        assert meta.relative_to(ROOT_CORPUS).parts[0] == corpus.split_of(url), meta


def test_split_of_is_a_fixed_function_of_the_url():
    assert corpus.split_of("https://www.newsis.com/view/NISX20260210_0003510523") == \
        corpus.split_of(" https://www.newsis.com/view/NISX20260210_0003510523 ")
    shares = Counter(corpus.split_of(f"https://example.com/{n}") for n in range(2000))
    assert 0.40 < shares["heldout"] / 2000 < 0.50


def test_checker_finds_furniture_inside_the_expected_body(tmp_path):
    folder = tmp_path / corpus.split_of("https://example.com/a") / "example.com"
    folder.mkdir(parents=True)
    (folder / "p.txt").write_text("제목\n본문 문장이다. 공유하기\n", encoding="utf-8")
    (folder / "p.meta.json").write_text(json.dumps({"url": "https://example.com/a", "kind": "desktop",
                                                    "classes": []}), encoding="utf-8")
    record = {f: [] for f in corpus.REQUIRED_FIELDS}
    record.update(outlet="example.com", title="제목", published_at=None, updated_at=None, dateline=None,
                  body="본문 문장이다. 공유하기", _furniture=["공유하기"])
    (folder / "p.expected.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    problems = [p.message for p in corpus.check(tmp_path, ())]
    assert problems == ["furniture string '공유하기' occurs in the expected title or body"]


def test_failure_listing_refuses_held_out_pages():
    with pytest.raises(SystemExit, match="refused"):
        evaluate.show_failures(ROOT_CORPUS / "heldout")


def test_line_classifier_trains_on_dev_pages_and_never_on_held_out(capsys):
    from parsers import lineclass, linetrain

    rows, labels = linetrain.training_rows(str(ROOT / "tests" / "fixtures" / "pages" / "newspim"))
    assert rows and len(rows[0]) == len(lineclass.FEATURES) and 0 < sum(labels) <= len(labels)
    weights = linetrain.fit(rows, labels, steps=200)
    assert len(weights) == len(lineclass.FEATURES)
    assert linetrain.main([str(ROOT_CORPUS / "heldout")]) == 2
    assert "refused" in capsys.readouterr().err


def test_shipped_line_model_matches_the_features():
    from parsers import lineclass

    model = json.loads(lineclass.MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"] == list(lineclass.FEATURES) and len(model["weights"]) == len(lineclass.FEATURES)
    assert not any("heldout" in root for root in model["trained_on"])
