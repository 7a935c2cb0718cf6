"""`newsflow search`: filters, formats and bad arguments."""
import json
import shutil

import pytest

from flows.cli.main import main
from flows.ingest.pipeline import ingest
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("search_cli")
    shutil.copytree(SAMPLES, root / "raw")
    ingest(str(root / "raw"), str(root / "wh"), workers=1, progress=False)
    return str(root / "wh")


def search_json(capsys, *argv):
    assert main(["search", *argv, "--format", "json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_outlet_since_and_limit(warehouse, capsys):
    everything = search_json(capsys, "서울", "--warehouse", warehouse)
    assert len(everything) == 5
    newspim = search_json(capsys, "서울", "--warehouse", warehouse, "--outlet", "newspim")
    assert {r["outlet"] for r in newspim} == {"newspim"}
    since = search_json(capsys, "서울", "--warehouse", warehouse, "--since", "2023-01-01")
    assert {r["published_at"][:4] for r in since} == {"2023", "2024"}
    assert search_json(capsys, "서울", "--warehouse", warehouse, "--limit", "2") == everything[:2]
    assert set(everything[0]) == {"article_id", "outlet", "published_at", "title", "score", "words_found", "snippet"}


@pytest.mark.parametrize("argv", [["  "], ["서울", "--since", "2024-13-01"], ["서울", "--since", "yesterday"],
                                  ["서울", "--limit", "0"]])
def test_bad_arguments_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", *argv])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_warehouse_is_one_line(tmp_path, capsys):
    assert main(["search", "서울", "--warehouse", str(tmp_path / "none")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
